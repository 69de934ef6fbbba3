'use strict';
// Bootstrap as the SDK does it: HELLO, SASL (SCRAM), error map, SELECT_BUCKET and the cluster
// map, which must send the SDK to the real ports.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { requireSdk, startCasql, connect } = require('./harness');

const couchbase = requireSdk();
let server;

before(async () => { server = await startCasql(); });
after(async () => { await server.stop(); });

test('connects, opens the bucket and reports the KV and query endpoints', async () => {
  const cluster = await connect(couchbase, server);
  try {
    const bucket = cluster.bucket('travel');
    // Opening the bucket happens on its first operation.
    await bucket.defaultCollection().exists('any');
    const ping = await bucket.ping({ serviceTypes: [couchbase.ServiceType.KeyValue] });
    const kv = ping.services.kv;
    assert.ok(kv && kv.length > 0, JSON.stringify(ping));
    assert.equal(kv[0].state, couchbase.PingState.Ok);
    assert.match(kv[0].remote, new RegExp(`:${server.kvPort}$`));
  } finally {
    await cluster.close();
  }
});

test('a wrong password is an AuthenticationFailureError', async () => {
  await assert.rejects(
    connect(couchbase, server, { password: 'wrong' }),
    (e) => e instanceof couchbase.AuthenticationFailureError);
});

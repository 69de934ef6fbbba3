'use strict';
// casql serve --users: the SDK authenticates a user of the users file. That file holds
// PBKDF2-SHA256 hashes, which serve SCRAM-SHA256 only (docs/sdk.md), so the application names
// that mechanism in its connection string.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { requireSdk, startCasql, connect } = require('./harness');

const couchbase = requireSdk();
let server, dir;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casql-sdk-users-'));
  const hash = execFileSync(process.env.CASQL_BINARY, ['hash-password', '--iterations', '1000'],
    { input: 'secret' }).toString().trim();
  const file = path.join(dir, 'users.json');
  fs.writeFileSync(file, JSON.stringify([{ name: 'app', password: hash, roles: ['admin'] }]));
  server = await startCasql(['--users', file]);
});
after(async () => {
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const credentials = { username: 'app', password: 'secret' };

test('with SCRAM-SHA256 named in the connection string the user connects and writes',
  async () => {
    const cluster = await connect(couchbase, server, credentials,
      '?allowed_sasl_mechanisms=SCRAM-SHA256');
    try {
      const collection = cluster.bucket('travel').defaultCollection();
      await collection.upsert('u1', { by: 'app' });
      assert.deepEqual((await collection.get('u1')).content, { by: 'app' });
    } finally {
      await cluster.close();
    }
  });

test('a wrong password is refused', async () => {
  await assert.rejects(
    connect(couchbase, server, { username: 'app', password: 'wrong' },
      '?allowed_sasl_mechanisms=SCRAM-SHA256'),
    (e) => e instanceof couchbase.AuthenticationFailureError);
});

test('the default Administrator account does not exist when there are users', async () => {
  await assert.rejects(connect(couchbase, server, {}, '?allowed_sasl_mechanisms=SCRAM-SHA256'),
    (e) => e instanceof couchbase.AuthenticationFailureError);
});

'use strict';
// The reference case: several applications run `UPDATE ... SET LastLogin = ... WHERE Id = '19'`
// through the query service while another replaces the same document through KV. A statement
// that loses the race must reach the application as a CasMismatchError whose context carries
// the query service's first error code 12009.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { requireSdk, startCasql, connect } = require('./harness');

const couchbase = requireSdk();
let server;
const clients = [];

before(async () => {
  server = await startCasql(['--fault-injection']);
  for (let i = 0; i < 4; ++i) clients.push(await connect(couchbase, server));
  await clients[0].query('CREATE PRIMARY INDEX ON travel');
  await clients[0].bucket('travel').defaultCollection().upsert('user::19', { Id: '19', LastLogin: 0 });
});
after(async () => {
  for (const cluster of clients) await cluster.close();
  await server.stop();
});

// The query error context of this SDK version carries the service's response body rather than a
// first_error_code field; the first error in it is the one the SDK classified.
function firstErrorCode(context) {
  if (context.first_error_code !== undefined) return context.first_error_code;
  return JSON.parse(context.http_response_body).errors[0].code;
}

function isDmlCasMismatch(e) {
  return e instanceof couchbase.CasMismatchError && e.context !== undefined &&
    firstErrorCode(e.context) === 12009;
}

test('concurrent UPDATEs and a KV replace: losers get CasMismatchError with 12009',
  async () => {
    const collection = clients[0].bucket('travel').defaultCollection();
    let stop = false;
    let kvReplaces = 0;
    // Whole-document replaces without a CAS, from four loops at once: each one that lands
    // between an UPDATE's read and its write makes that write's CAS stale.
    const replacers = [0, 1, 2, 3].map(async (n) => {
      while (!stop) {
        await collection.replace('user::19', { Id: '19', LastLogin: 0, Replacer: n });
        ++kvReplaces;
      }
    });
    const mismatches = [];
    let updates = 0;
    const updaters = clients.slice(1).map(async (cluster, n) => {
      // Bounded: enough attempts that a race is all but certain, without relying on timing.
      for (let i = 0; i < 2500 && mismatches.length === 0; ++i) {
        try {
          await cluster.query(
            'UPDATE travel SET LastLogin = $1 WHERE Id = \'19\'', { parameters: [n * 1000 + i] });
          ++updates;
        } catch (e) {
          if (!isDmlCasMismatch(e)) throw e;
          mismatches.push(e);
        }
      }
    });
    try {
      await Promise.all(updaters);
    } finally {
      stop = true;
      await Promise.all(replacers);
    }
    assert.ok(kvReplaces > 0, 'the KV replacer made progress');
    assert.ok(updates > 0, 'some UPDATEs succeeded');
    assert.ok(mismatches.length > 0,
      `no UPDATE lost a race in ${updates} statements against ${kvReplaces} KV replaces`);
  });

test('an injected conflict gives the same CasMismatchError deterministically', async () => {
  await assert.rejects(
    clients[1].query('UPDATE travel SET LastLogin = 1 WHERE Id = \'19\'',
      { raw: { inject_cas_conflict: 'user::19' } }),
    (e) => isDmlCasMismatch(e));
});

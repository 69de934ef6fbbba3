'use strict';
// cluster.query and scope.query: the SDK finds the query service through the cluster map's
// n1ql port, which must be casql's real HTTP port.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { requireSdk, startCasql, connect } = require('./harness');

const couchbase = requireSdk();
let server, cluster, collection;

before(async () => {
  server = await startCasql();
  cluster = await connect(couchbase, server);
  collection = cluster.bucket('travel').defaultCollection();
  await cluster.query('CREATE PRIMARY INDEX ON travel');
  await collection.upsert('a1', { kind: 'airline', name: 'Alpha', id: 1 });
  await collection.upsert('a2', { kind: 'airline', name: 'Beta', id: 2 });
  await collection.upsert('h1', { kind: 'hotel', name: 'Gamma', id: 3 });
});
after(async () => {
  await cluster.close();
  await server.stop();
});

test('cluster.query with positional parameters reads what KV wrote', async () => {
  const result = await cluster.query(
    'SELECT t.name FROM travel t WHERE t.kind = $1 ORDER BY t.name', { parameters: ['airline'] });
  assert.deepEqual(result.rows, [{ name: 'Alpha' }, { name: 'Beta' }]);
  assert.equal(result.meta.status, 'success');
});

test('cluster.query with named parameters', async () => {
  const result = await cluster.query('SELECT RAW t.id FROM travel t WHERE t.name = $name',
    { parameters: { name: 'Gamma' } });
  assert.deepEqual(result.rows, [3]);
});

test('scope.query runs in the scope\'s query context', async () => {
  const scope = cluster.bucket('travel').scope('_default');
  const result = await scope.query('SELECT RAW c.id FROM _default c WHERE c.kind = $1 ORDER BY c.id',
    { parameters: ['airline'] });
  assert.deepEqual(result.rows, [1, 2]);
});

test('a query syntax error is a ParsingFailureError', async () => {
  await assert.rejects(cluster.query('SELEC 1'),
    (e) => e instanceof couchbase.ParsingFailureError);
});

'use strict';
// lookupIn and mutateIn (sub-document multi-lookup 0xd0 and multi-mutation 0xd1).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { requireSdk, startCasql, connect } = require('./harness');

const couchbase = requireSdk();
const { LookupInSpec, MutateInSpec } = couchbase;
let server, cluster, collection;

before(async () => {
  server = await startCasql();
  cluster = await connect(couchbase, server);
  collection = cluster.bucket('travel').defaultCollection();
});
after(async () => {
  await cluster.close();
  await server.stop();
});

test('lookupIn gets, tests and counts paths', async () => {
  await collection.upsert('hotel_1', { name: 'Medway', geo: { lat: 51.3 }, tags: ['a', 'b'] });
  const result = await collection.lookupIn('hotel_1', [
    LookupInSpec.get('name'),
    LookupInSpec.get('geo.lat'),
    LookupInSpec.exists('tags[1]'),
    LookupInSpec.exists('nope'),
    LookupInSpec.count('tags'),
  ]);
  assert.equal(result.content[0].value, 'Medway');
  assert.equal(result.content[1].value, 51.3);
  assert.equal(result.content[2].value, true);
  assert.equal(result.content[3].value, false);
  assert.equal(result.content[4].value, 2);
  assert.ok(result.cas);
});

test('lookupIn on a missing document fails with DocumentNotFoundError', async () => {
  await assert.rejects(collection.lookupIn('no-hotel', [LookupInSpec.get('name')]),
    (e) => e instanceof couchbase.DocumentNotFoundError);
});

test('mutateIn upserts, inserts, replaces, removes, appends and counts', async () => {
  await collection.upsert('hotel_2', { name: 'Old', rooms: 3, tags: ['x'], gone: true });
  const result = await collection.mutateIn('hotel_2', [
    MutateInSpec.replace('name', 'New'),
    MutateInSpec.upsert('address.city', 'Leeds', { createPath: true }),
    MutateInSpec.insert('stars', 4),
    MutateInSpec.remove('gone'),
    MutateInSpec.arrayAppend('tags', 'y'),
    MutateInSpec.increment('rooms', 2),
  ]);
  assert.equal(result.content[5].value, 5);
  const got = await collection.get('hotel_2');
  assert.deepEqual(got.content,
    { name: 'New', rooms: 5, tags: ['x', 'y'], address: { city: 'Leeds' }, stars: 4 });
  assert.equal(got.cas.toString(), result.cas.toString());
});

test('mutateIn with a stale CAS fails with CasMismatchError', async () => {
  const first = await collection.upsert('hotel_3', { v: 1 });
  await collection.upsert('hotel_3', { v: 2 });
  await assert.rejects(
    collection.mutateIn('hotel_3', [MutateInSpec.upsert('v', 3)], { cas: first.cas }),
    (e) => e instanceof couchbase.CasMismatchError);
});

test('mutateIn insert of an existing path fails with PathExistsError', async () => {
  await collection.upsert('hotel_4', { v: 1 });
  await assert.rejects(collection.mutateIn('hotel_4', [MutateInSpec.insert('v', 2)]),
    (e) => e instanceof couchbase.PathExistsError);
  assert.deepEqual((await collection.get('hotel_4')).content, { v: 1 });
});

test('mutateIn with upsert semantics creates the document', async () => {
  await collection.mutateIn('hotel_5', [MutateInSpec.upsert('name', 'Fresh')],
    { storeSemantics: couchbase.StoreSemantics.Upsert });
  assert.deepEqual((await collection.get('hotel_5')).content, { name: 'Fresh' });
});

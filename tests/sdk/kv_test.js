'use strict';
// Collection operations over the KV binary protocol, with kv_engine's CAS and lock semantics
// as the SDK reports them.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { requireSdk, startCasql, connect } = require('./harness');

const couchbase = requireSdk();
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

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

test('insert then get returns the document and its CAS', async () => {
  const inserted = await collection.insert('airline_10', { name: '40-Mile Air', id: 10 });
  assert.ok(inserted.cas);
  const got = await collection.get('airline_10');
  assert.deepEqual(got.content, { name: '40-Mile Air', id: 10 });
  assert.equal(got.cas.toString(), inserted.cas.toString());
  assert.ok(inserted.token, 'mutation token (HELLO MUTATION_SEQNO)');
});

test('insert of an existing key fails with DocumentExistsError', async () => {
  await collection.insert('dup', { v: 1 });
  await assert.rejects(collection.insert('dup', { v: 2 }),
    (e) => e instanceof couchbase.DocumentExistsError);
  assert.deepEqual((await collection.get('dup')).content, { v: 1 });
});

test('get of a missing key fails with DocumentNotFoundError', async () => {
  await assert.rejects(collection.get('no-such-key'),
    (e) => e instanceof couchbase.DocumentNotFoundError);
});

test('upsert overwrites without a CAS and changes the CAS', async () => {
  const first = await collection.upsert('up', { v: 1 });
  const second = await collection.upsert('up', { v: 2 });
  assert.notEqual(first.cas.toString(), second.cas.toString());
  assert.deepEqual((await collection.get('up')).content, { v: 2 });
});

test('replace with the current CAS succeeds, with a stale CAS fails with CasMismatchError',
  async () => {
    const original = await collection.upsert('cas', { v: 1 });
    const replaced = await collection.replace('cas', { v: 2 }, { cas: original.cas });
    await assert.rejects(collection.replace('cas', { v: 3 }, { cas: original.cas }),
      (e) => e instanceof couchbase.CasMismatchError);
    const got = await collection.get('cas');
    assert.deepEqual(got.content, { v: 2 });
    assert.equal(got.cas.toString(), replaced.cas.toString());
  });

test('replace of a missing key fails with DocumentNotFoundError', async () => {
  await assert.rejects(collection.replace('missing-replace', { v: 1 }),
    (e) => e instanceof couchbase.DocumentNotFoundError);
});

test('remove with a stale CAS fails, remove deletes, a second remove is not found', async () => {
  const original = await collection.upsert('rm', { v: 1 });
  await collection.upsert('rm', { v: 2 });
  await assert.rejects(collection.remove('rm', { cas: original.cas }),
    (e) => e instanceof couchbase.CasMismatchError);
  await collection.remove('rm');
  await assert.rejects(collection.get('rm'), (e) => e instanceof couchbase.DocumentNotFoundError);
  await assert.rejects(collection.remove('rm'),
    (e) => e instanceof couchbase.DocumentNotFoundError);
});

// casql answers a write without the lock CAS with LOCKED (0x09), as kv_engine does. The SDK's
// core (couchbase-cxx-client) treats LOCKED as retryable (retry reason key_value_locked), so
// with the default retry strategy the write ends in a timeout that names that reason rather
// than in DocumentLockedError.
function isLockedRefusal(e) {
  return (e instanceof couchbase.DocumentLockedError ||
          e instanceof couchbase.AmbiguousTimeoutError ||
          e instanceof couchbase.UnambiguousTimeoutError) &&
    (e instanceof couchbase.DocumentLockedError ||
     (e.context && e.context.retry_reasons.includes('key_value_locked')));
}

test('getAndLock: a write without the lock CAS is refused as locked, unlock frees it',
  async () => {
    await collection.upsert('locked', { v: 1 });
    const locked = await collection.getAndLock('locked', 10);
    assert.deepEqual(locked.content, { v: 1 });
    await assert.rejects(collection.upsert('locked', { v: 2 }, { timeout: 1000 }), isLockedRefusal);
    await assert.rejects(collection.remove('locked', { timeout: 1000 }), isLockedRefusal);
    await collection.unlock('locked', locked.cas);
    await collection.upsert('locked', { v: 3 });
    assert.deepEqual((await collection.get('locked')).content, { v: 3 });
  });

test('a replace with the lock CAS succeeds and unlocks', async () => {
  await collection.upsert('locked2', { v: 1 });
  const locked = await collection.getAndLock('locked2', 10);
  await collection.replace('locked2', { v: 2 }, { cas: locked.cas });
  await collection.upsert('locked2', { v: 3 });
  assert.deepEqual((await collection.get('locked2')).content, { v: 3 });
});

test('exists tells present from absent', async () => {
  await collection.upsert('here', { v: 1 });
  assert.equal((await collection.exists('here')).exists, true);
  assert.equal((await collection.exists('not-here')).exists, false);
});

test('touch gives a document an expiry after which it is gone', async () => {
  await collection.upsert('short-lived', { v: 1 });
  await collection.touch('short-lived', 1);
  const got = await collection.getAndTouch('short-lived', 1);
  assert.deepEqual(got.content, { v: 1 });
  await sleep(2500);
  await assert.rejects(collection.get('short-lived'),
    (e) => e instanceof couchbase.DocumentNotFoundError);
});

test('binary counters and append', async () => {
  const binary = collection.binary();
  const first = await binary.increment('counter', 5, { initial: 10 });
  assert.equal(Number(first.value), 10);
  const second = await binary.increment('counter', 5);
  assert.equal(Number(second.value), 15);
  const third = await binary.decrement('counter', 20);
  assert.equal(Number(third.value), 0);
  await collection.upsert('text', 'abc', { transcoder: new couchbase.RawStringTranscoder() });
  await binary.append('text', 'def');
  await binary.prepend('text', '>');
  const got = await collection.get('text', { transcoder: new couchbase.RawStringTranscoder() });
  assert.equal(got.content, '>abcdef');
});

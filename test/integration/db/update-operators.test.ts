// doc().update / doc().set / where().update, every update operator, remove and updateAndReturn.
import { describe, test, beforeAll, afterAll, beforeEach } from '@jest/globals';
import assert from 'node:assert/strict';
import { startEmulator, type EmulatorHandle } from '../../support/emulator';
import { clear, readAll, readDoc, ids, SUITE_TIMEOUT, type Db } from './helpers';

describe('update operators', () => {
  let emu: EmulatorHandle;
  let db: Db;
  let _: Db['command'];

  const seed = (doc: Record<string, unknown>) => db.collection('items').add(doc);
  const upd = (id: string, data: object) => db.collection('items').doc(id).update(data);
  const read = (id: string) => readDoc(db, 'items', id);

  beforeAll(async () => {
    emu = await startEmulator();
    db = emu.app().database();
    _ = db.command;
  });
  afterAll(async () => {
    await emu?.stop();
  });
  beforeEach(async () => {
    await clear(db, 'items');
  });

  describe('doc().update / doc().set / where().update', () => {
    test('doc().update merges: nested objects are flattened into dot paths, other fields stay', async () => {
      await seed({ _id: 'm', a: 1, b: { c: 1, d: 2 } });
      const res = await upd('m', { b: { c: 5 }, e: 'new' });
      assert.equal(res.updated, 1);
      assert.deepEqual(await read('m'), { _id: 'm', a: 1, b: { c: 5, d: 2 }, e: 'new' });
    });

    test('doc().update with dot paths creates intermediate objects', async () => {
      await seed({ _id: 'd', b: { c: 1, d: 2 } });
      await upd('d', { 'b.d': 9, 'x.y.z': 1 });
      assert.deepEqual(await read('d'), { _id: 'd', b: { c: 1, d: 9 }, x: { y: { z: 1 } } });
    });

    test('doc().update with a numeric dot path sets an array element', async () => {
      await seed({ _id: 'arr', list: ['a', 'b', 'c'] });
      await upd('arr', { 'list.1': 'B' });
      assert.deepEqual(await read('arr'), { _id: 'arr', list: ['a', 'B', 'c'] });
    });

    test('doc().update of a missing document updates nothing and creates nothing', async () => {
      const res = await upd('ghost', { a: 1 });
      assert.equal(res.updated, 0);
      assert.equal(await read('ghost'), undefined);
      assert.deepEqual(await readAll(db, 'items'), []);
    });

    test('doc().set replaces the whole document', async () => {
      await seed({ _id: 'r', a: 1, b: { c: 2 } });
      const res = await db.collection('items').doc('r').set({ z: 3, o: { p: 1 } });
      assert.equal(res.updated, 1);
      assert.deepEqual(await read('r'), { _id: 'r', z: 3, o: { p: 1 } });
    });

    test('doc().set on a missing id upserts a document with that id', async () => {
      const res = await db.collection('items').doc('fresh').set({ v: 1 });
      assert.equal(res.updated, 0);
      assert.equal(res.upsertedId, 'fresh');
      assert.deepEqual(await read('fresh'), { _id: 'fresh', v: 1 });
    });

    test('where().update updates every match and returns the count', async () => {
      await seed({ _id: 'w1', g: 'x', n: 1 });
      await seed({ _id: 'w2', g: 'x', n: 2 });
      await seed({ _id: 'w3', g: 'x', n: 3 });
      await seed({ _id: 'w4', g: 'y', n: 4 });
      const res = await db.collection('items').where({ g: 'x' }).update({ flag: true, n: _.inc(10) });
      assert.equal(res.updated, 3);
      assert.deepEqual(await readAll(db, 'items'), [
        { _id: 'w1', g: 'x', n: 11, flag: true },
        { _id: 'w2', g: 'x', n: 12, flag: true },
        { _id: 'w3', g: 'x', n: 13, flag: true },
        { _id: 'w4', g: 'y', n: 4 },
      ]);

      const none = await db.collection('items').where({ g: 'nothing' }).update({ flag: false });
      assert.equal(none.updated, 0);
    });
  });

  describe('field operators', () => {
    test('_.set replaces an embedded object instead of merging it', async () => {
      await seed({ _id: 's', b: { c: 1, d: 2 } });
      await upd('s', { b: _.set({ c: 9 }) });
      assert.deepEqual(await read('s'), { _id: 's', b: { c: 9 } });
    });

    test('_.inc with ints, floats, negatives, a missing field and a nested path', async () => {
      await seed({ _id: 'i', i: 1, f: 1.5, neg: 10, stats: { views: 7 } });
      await upd('i', { i: _.inc(2), f: _.inc(0.25), neg: _.inc(-11), fresh: _.inc(5), stats: { views: _.inc(1) } });
      assert.deepEqual(await read('i'), { _id: 'i', i: 3, f: 1.75, neg: -1, fresh: 5, stats: { views: 8 } });
    });

    test('_.mul (a missing field becomes 0)', async () => {
      await seed({ _id: 'x', n: 3, f: 1.5 });
      await upd('x', { n: _.mul(2), f: _.mul(3), missing: _.mul(4) });
      assert.deepEqual(await read('x'), { _id: 'x', n: 6, f: 4.5, missing: 0 });
    });

    test('_.remove deletes a field (also nested)', async () => {
      await seed({ _id: 'rm', a: 1, b: { c: 1, d: 2 } });
      await upd('rm', { a: _.remove(), 'b.c': _.remove() });
      assert.deepEqual(await read('rm'), { _id: 'rm', b: { d: 2 } });
    });

    test('_.rename moves a field', async () => {
      await seed({ _id: 'rn', a: 1, keep: 2 });
      await upd('rn', { a: _.rename('b') });
      assert.deepEqual(await read('rn'), { _id: 'rn', b: 1, keep: 2 });
    });

    test('_.max and _.min only change the field when the new value is beyond it', async () => {
      await seed({ _id: 'mm', hi: 3, lo: 3 });
      await upd('mm', { hi: _.max(5), lo: _.min(1) });
      assert.deepEqual(await read('mm'), { _id: 'mm', hi: 5, lo: 1 });
      await upd('mm', { hi: _.max(2), lo: _.min(4), created: _.max(7) });
      assert.deepEqual(await read('mm'), { _id: 'mm', hi: 5, lo: 1, created: 7 });
    });

    test('_.bit and / or / xor', async () => {
      await seed({ _id: 'b', a: 13, o: 13, x: 13 });
      await upd('b', { a: _.bit({ and: 10 }), o: _.bit({ or: 2 }), x: _.bit({ xor: 5 }) });
      assert.deepEqual(await read('b'), { _id: 'b', a: 8, o: 15, x: 8 });
    });

    test('_.inc through a numeric path into an array of objects', async () => {
      await seed({ _id: 'ai', items: [{ v: 1 }, { v: 2 }] });
      await upd('ai', { 'items.1.v': _.inc(5) });
      assert.deepEqual((await read('ai')).items, [{ v: 1 }, { v: 7 }]);
    });

    test('_.rename into a nested path', async () => {
      await seed({ _id: 'rnn', a: 5 });
      await upd('rnn', { a: _.rename('x.y') });
      assert.deepEqual(await read('rnn'), { _id: 'rnn', x: { y: 5 } });
    });

    test('doc().set({}) leaves only the _id', async () => {
      await seed({ _id: 'empty', a: 1, b: 2 });
      await db.collection('items').doc('empty').set({});
      assert.deepEqual(await read('empty'), { _id: 'empty' });
    });

    test('several operators and plain fields in one update', async () => {
      await seed({ _id: 'multi', n: 1, tags: ['a'], old: true });
      await upd('multi', { n: _.inc(1), tags: _.push('b'), old: _.remove(), title: '标题' });
      assert.deepEqual(await read('multi'), { _id: 'multi', n: 2, tags: ['a', 'b'], title: '标题' });
    });
  });

  describe('array operators', () => {
    test('_.push a single value, an array, and onto a missing field', async () => {
      await seed({ _id: 'p', arr: [1] });
      await upd('p', { arr: _.push(2) });
      assert.deepEqual((await read('p')).arr, [1, 2]);
      await upd('p', { arr: _.push([3, 4]) });
      assert.deepEqual((await read('p')).arr, [1, 2, 3, 4]);
      await upd('p', { other: _.push('x') });
      assert.deepEqual((await read('p')).other, ['x']);
    });

    test('_.push object form: each + position', async () => {
      await seed({ _id: 'pp', arr: [1, 2] });
      await upd('pp', { arr: _.push({ each: [9, 8], position: 1 }) });
      assert.deepEqual((await read('pp')).arr, [1, 9, 8, 2]);
    });

    test('_.push object form: each + sort + slice', async () => {
      await seed({ _id: 'ps', arr: [1, 2] });
      await upd('ps', { arr: _.push({ each: [5, 3], sort: 1, slice: 3 }) });
      assert.deepEqual((await read('ps')).arr, [1, 2, 3]);
      await upd('ps', { arr: _.push({ each: [0], sort: -1, slice: -2 }) });
      assert.deepEqual((await read('ps')).arr, [1, 0]);
    });

    test('_.pop removes the last element, _.shift the first', async () => {
      await seed({ _id: 'ps2', a: [1, 2, 3], b: [1, 2, 3] });
      await upd('ps2', { a: _.pop(), b: _.shift() });
      assert.deepEqual(await read('ps2'), { _id: 'ps2', a: [1, 2], b: [2, 3] });
    });

    test('_.unshift prepends values in order', async () => {
      await seed({ _id: 'u', arr: ['c'] });
      await upd('u', { arr: _.unshift(['a', 'b']) });
      assert.deepEqual((await read('u')).arr, ['a', 'b', 'c']);
      await upd('u', { arr: _.unshift('z') });
      assert.deepEqual((await read('u')).arr, ['z', 'a', 'b', 'c']);
    });

    test('_.pull removes every element equal to a value', async () => {
      await seed({ _id: 'pl', tags: ['x', 'y', 'x'] });
      await upd('pl', { tags: _.pull('x') });
      assert.deepEqual((await read('pl')).tags, ['y']);
    });

    test('_.pull with a query condition', async () => {
      await seed({ _id: 'pc', nums: [1, 5, 2, 8], nums2: [1, 5, 2, 8] });
      await upd('pc', { nums: _.pull(_.gt(3)), nums2: _.pull(_.in([1, 8])) });
      assert.deepEqual(await read('pc'), { _id: 'pc', nums: [1, 2], nums2: [5, 2] });
    });

    test('_.pull on an array of objects with a (partial) document condition', async () => {
      await seed({
        _id: 'po',
        items: [{ k: 'x', v: 1 }, { k: 'y', v: 2 }, { k: 'x', v: 3 }],
        items2: [{ k: 'x', v: 1 }, { k: 'y', v: 2 }, { k: 'x', v: 3 }],
      });
      await upd('po', { items: _.pull({ k: 'x' }), items2: _.pull({ v: _.gt(1) }) });
      assert.deepEqual(await read('po'), {
        _id: 'po',
        items: [{ k: 'y', v: 2 }],
        items2: [{ k: 'x', v: 1 }],
      });
    });

    test('_.pullAll removes every listed value', async () => {
      await seed({ _id: 'pa', tags: ['a', 'b', 'c', 'a'] });
      await upd('pa', { tags: _.pullAll(['a', 'b']) });
      assert.deepEqual((await read('pa')).tags, ['c']);
    });

    test('_.addToSet compares embedded documents by value', async () => {
      await seed({ _id: 'ao', objs: [{ k: 'x', v: 1 }] });
      await upd('ao', { objs: _.addToSet({ k: 'x', v: 1 }) });
      assert.deepEqual((await read('ao')).objs, [{ k: 'x', v: 1 }]);
      await upd('ao', { objs: _.addToSet({ k: 'y', v: 2 }) });
      assert.deepEqual((await read('ao')).objs, [{ k: 'x', v: 1 }, { k: 'y', v: 2 }]);
    });

    test('_.addToSet adds a value only when absent; $each adds several', async () => {
      await seed({ _id: 'as', tags: ['x', 'y'] });
      await upd('as', { tags: _.addToSet('x') });
      assert.deepEqual((await read('as')).tags, ['x', 'y']);
      await upd('as', { tags: _.addToSet('z') });
      assert.deepEqual((await read('as')).tags, ['x', 'y', 'z']);
      await upd('as', { tags: _.addToSet({ $each: ['y', 'w'] }) });
      assert.deepEqual((await read('as')).tags, ['x', 'y', 'z', 'w']);
    });
  });

  describe('remove and updateAndReturn', () => {
    test('doc().remove deletes one document and reports deleted 1, then 0', async () => {
      await seed({ _id: 'del', a: 1 });
      await seed({ _id: 'stay', a: 1 });
      assert.equal((await db.collection('items').doc('del').remove()).deleted, 1);
      assert.equal((await db.collection('items').doc('del').remove()).deleted, 0);
      assert.deepEqual(ids(await readAll(db, 'items')), ['stay']);
    });

    test('where().remove deletes every match and reports the count', async () => {
      await db.collection('items').add([
        { _id: '1', g: 'a' },
        { _id: '2', g: 'a' },
        { _id: '3', g: 'b' },
      ]);
      const res = await db.collection('items').where({ g: 'a' }).remove();
      assert.equal(res.deleted, 2);
      assert.deepEqual(ids(await readAll(db, 'items')), ['3']);
      assert.equal((await db.collection('items').where({ g: 'zzz' }).remove()).deleted, 0);
    });

    test('updateAndReturn updates one document and returns it after the update', async () => {
      await seed({ _id: 'ur', n: 1, s: 'a' });
      const res = await db.collection('items').where({ _id: 'ur' }).updateAndReturn({ n: _.inc(1), s: 'b' });
      assert.equal(res.updated, 1);
      assert.deepEqual(res.doc, { _id: 'ur', n: 2, s: 'b' });
      assert.deepEqual(await read('ur'), { _id: 'ur', n: 2, s: 'b' });
    });

    test('updateAndReturn with no match updates nothing and returns no document', async () => {
      await seed({ _id: 'other', n: 1 });
      const res = await db.collection('items').where({ _id: 'absent' }).updateAndReturn({ n: _.inc(1) });
      assert.equal(res.updated, 0);
      assert.ok(res.doc === undefined || res.doc === null, `doc should be empty, got ${JSON.stringify(res.doc)}`);
      assert.deepEqual(await readAll(db, 'items'), [{ _id: 'other', n: 1 }]);
    });

    test('updateAndReturn with several matches changes exactly one of them', async () => {
      await seed({ _id: 'a1', g: 'q', n: 0 });
      await seed({ _id: 'a2', g: 'q', n: 0 });
      const res = await db.collection('items').where({ g: 'q' }).updateAndReturn({ n: _.inc(1) });
      assert.equal(res.updated, 1);
      assert.equal(res.doc.n, 1);
      const all = await readAll(db, 'items');
      assert.deepEqual(all.map((d) => d.n).sort(), [0, 1]);
      assert.equal(all.find((d) => d.n === 1)._id, res.doc._id);
    });
  });
});

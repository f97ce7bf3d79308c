// Many clients at once: atomic _.inc, read-modify-write through runTransaction, concurrent inserts.
import { describe, test, beforeAll, afterAll, beforeEach } from '@jest/globals';
import assert from 'node:assert/strict';
import { startEmulator, type EmulatorHandle } from '../../support/emulator';
import { clear, readDoc, SUITE_TIMEOUT, type Db } from './helpers';

const CONFLICT = 'DATABASE_TRANSACTION_CONFLICT';

describe('concurrency', () => {
  let emu: EmulatorHandle;
  let db: Db;
  let clients: Db[];

  beforeAll(async () => {
    emu = await startEmulator();
    db = emu.app().database();
    // 100 separate SDK apps (separate tcb.init instances), as 100 function instances would be.
    clients = Array.from({ length: 100 }, () => emu.app().database());
  });
  afterAll(async () => {
    await emu?.stop();
  });
  beforeEach(async () => {
    await clear(db, 'counters');
  });

  test('100 concurrent clients doing _.inc(1) on one document end at exactly 100', async () => {
    await db.collection('counters').add({ _id: 'c', n: 0 });
    const results = await Promise.all(
      clients.map((c) => c.collection('counters').doc('c').update({ n: c.command.inc(1) })),
    );
    for (const r of results) assert.equal(r.updated, 1);
    assert.deepEqual(await readDoc(db, 'counters', 'c'), { _id: 'c', n: 100 });
  });

  test('100 concurrent where().update(_.inc) over several documents lose nothing', async () => {
    await db.collection('counters').add([
      { _id: 'a', g: 1, n: 0 },
      { _id: 'b', g: 1, n: 0 },
      { _id: 'z', g: 2, n: 0 },
    ]);
    await Promise.all(clients.map((c) => c.collection('counters').where({ g: 1 }).update({ n: c.command.inc(1) })));
    assert.equal((await readDoc(db, 'counters', 'a')).n, 100);
    assert.equal((await readDoc(db, 'counters', 'b')).n, 100);
    assert.equal((await readDoc(db, 'counters', 'z')).n, 0);
  });

  test('100 concurrent runTransaction read-modify-writes: no lost update', async () => {
    await db.collection('counters').add({ _id: 'rmw', n: 0 });
    const results = await Promise.allSettled(
      clients.map((c) =>
        c.runTransaction(async (tx: any) => {
          const doc = (await tx.collection('counters').doc('rmw').get()).data;
          await tx.collection('counters').doc('rmw').update({ n: doc.n + 1 });
        }),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    for (const r of results) {
      if (r.status === 'rejected') {
        assert.equal(r.reason?.code, CONFLICT, `failures are conflicts, got ${r.reason?.code}: ${r.reason?.message}`);
      }
    }
    assert.ok(ok >= 1, 'at least one runTransaction succeeded');
    assert.equal((await readDoc(db, 'counters', 'rmw')).n, ok, `final n equals the ${ok} resolved transactions`);
  });

  test('100 concurrent inserts of distinct documents are all stored', async () => {
    const results = await Promise.all(clients.map((c, i) => c.collection('counters').add({ _id: `ins${i}`, i })));
    assert.equal(new Set(results.map((r) => r.id)).size, 100);
    assert.equal((await db.collection('counters').count()).total, 100);
  });

  test('100 concurrent inserts of the same _id: exactly one wins, the rest are duplicates', async () => {
    const results = await Promise.allSettled(clients.map((c, i) => c.collection('counters').add({ _id: 'same', i })));
    const ok = results.filter((r) => r.status === 'fulfilled');
    assert.equal(ok.length, 1);
    for (const r of results) {
      if (r.status === 'rejected') assert.equal(r.reason?.code, 'DATABASE_DUPLICATE_WRITE');
    }
    assert.equal((await db.collection('counters').count()).total, 1);
  });

  test('100 concurrent inserts of the same unique email under different ids: exactly one is stored', async () => {
    await clear(db, 'people');
    const results = await Promise.allSettled(
      clients.map((c, i) => c.collection('people').add({ _id: `em${i}`, email: 'race@x.cn' })),
    );
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    for (const r of results) {
      if (r.status === 'rejected') assert.equal(r.reason?.code, 'DATABASE_DUPLICATE_WRITE');
    }
    assert.equal((await db.collection('people').where({ email: 'race@x.cn' }).count()).total, 1);
    await clear(db, 'people');
  });

  test('reads during concurrent writes always see whole documents', async () => {
    await db.collection('counters').add({ _id: 'pair', x: 0, y: 0 });
    const writers = clients.slice(0, 50).map((c, i) =>
      c.collection('counters').doc('pair').update({ x: i + 1, y: i + 1 }),
    );
    const readers = clients.slice(50).map(async (c) => {
      const d = (await c.collection('counters').doc('pair').get()).data[0];
      assert.equal(d.x, d.y, 'an update is applied atomically to the document');
    });
    await Promise.all([...writers, ...readers]);
  });
});

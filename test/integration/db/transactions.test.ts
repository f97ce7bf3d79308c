// Transactions: startTransaction / commit / rollback, runTransaction, snapshot isolation and
// write conflicts (DATABASE_TRANSACTION_CONFLICT), abandoned transactions, concurrent transfers.
import { describe, test, beforeAll, afterAll, beforeEach } from '@jest/globals';
import assert from 'node:assert/strict';
import { startEmulator, type EmulatorHandle } from '../../support/emulator';
import { clear, readAll, readDoc, ids, expectCode, SUITE_TIMEOUT, type Db } from './helpers';

const CONFLICT = 'DATABASE_TRANSACTION_CONFLICT';

describe('transactions', () => {
  let emu: EmulatorHandle;
  let db: Db;
  let _: Db['command'];

  const read = (id: string) => readDoc(db, 'accounts', id);

  /** Run a transaction step that must fail with a conflict either now or at commit. */
  async function expectConflictBeforeOrAtCommit(tx: any, write: () => Promise<unknown>): Promise<void> {
    let err: any;
    try {
      await write();
      await tx.commit();
    } catch (e) {
      err = e;
    }
    assert.ok(err, 'the write or the commit must fail');
    assert.equal(err.code, CONFLICT, `expected ${CONFLICT}, got ${err.code}: ${err.message}`);
    await tx.rollback().catch(() => undefined);
  }

  beforeAll(async () => {
    emu = await startEmulator();
    db = emu.app().database();
    _ = db.command;
  });
  afterAll(async () => {
    await emu?.stop();
  });
  beforeEach(async () => {
    await clear(db, 'accounts');
  });

  describe('startTransaction', () => {
    test('add, update and get inside a transaction; invisible outside until commit', async () => {
      const tx = await db.startTransaction();
      const added = await tx.collection('accounts').add({ _id: 't1', v: 1, g: 'x' });
      assert.equal(added.id, 't1');
      const upd = await tx.collection('accounts').doc('t1').update({ v: 2 });
      assert.equal(upd.updated, 1);

      const own = await tx.collection('accounts').doc('t1').get();
      assert.deepEqual(own.data, { _id: 't1', v: 2, g: 'x' }, 'the transaction sees its own writes (data is one object)');
      const ownWhere = await tx.collection('accounts').where({ g: 'x' }).get();
      assert.deepEqual(ids(ownWhere.data), ['t1'], 'where().get() in the transaction sees its own insert');

      assert.equal(await read('t1'), undefined, 'not visible outside before commit');
      assert.equal((await db.collection('accounts').where({ g: 'x' }).count()).total, 0);

      await tx.commit();
      assert.deepEqual(await read('t1'), { _id: 't1', v: 2, g: 'x' });
    });

    test('doc().get() of a missing document inside a transaction returns data null', async () => {
      const tx = await db.startTransaction();
      const res = await tx.collection('accounts').doc('missing').get();
      assert.equal(res.data, null);
      await tx.commit();
    });

    test('set (replace and upsert) and remove inside a transaction', async () => {
      await db.collection('accounts').add([
        { _id: 'r1', v: 1, old: true },
        { _id: 'r2', v: 1 },
      ]);
      const tx = await db.startTransaction();
      await tx.collection('accounts').doc('r1').set({ w: 5 });
      await tx.collection('accounts').doc('r3').set({ created: true });
      const rm = await tx.collection('accounts').doc('r2').remove();
      assert.equal(rm.deleted, 1);
      assert.equal((await tx.collection('accounts').doc('r2').get()).data, null, 'own delete is visible');
      assert.deepEqual((await tx.collection('accounts').doc('r1').get()).data, { _id: 'r1', w: 5 });

      assert.deepEqual(await readAll(db, 'accounts'), [
        { _id: 'r1', v: 1, old: true },
        { _id: 'r2', v: 1 },
      ]);
      await tx.commit();
      assert.deepEqual(await readAll(db, 'accounts'), [
        { _id: 'r1', w: 5 },
        { _id: 'r3', created: true },
      ]);
    });

    test('update operators inside a transaction', async () => {
      await db.collection('accounts').add({ _id: 'op', n: 1, tags: ['a'] });
      const tx = await db.startTransaction();
      await tx.collection('accounts').doc('op').update({ n: _.inc(4), tags: _.push('b') });
      await tx.commit();
      assert.deepEqual(await read('op'), { _id: 'op', n: 5, tags: ['a', 'b'] });
    });

    test('rollback discards every write', async () => {
      await db.collection('accounts').add({ _id: 'keep', v: 1 });
      const tx = await db.startTransaction();
      await tx.collection('accounts').add({ _id: 'new', v: 1 });
      await tx.collection('accounts').doc('keep').update({ v: 99 });
      await tx.rollback();
      assert.deepEqual(await readAll(db, 'accounts'), [{ _id: 'keep', v: 1 }]);
    });

    test('a duplicate _id inside a transaction is rejected', async () => {
      await db.collection('accounts').add({ _id: 'dup', v: 1 });
      const tx = await db.startTransaction();
      await expectCode(tx.collection('accounts').add({ _id: 'dup', v: 2 }), 'DATABASE_DUPLICATE_WRITE');
      await tx.rollback().catch(() => undefined);
      assert.deepEqual(await readAll(db, 'accounts'), [{ _id: 'dup', v: 1 }]);
    });

    test('a committed transaction cannot be used again; an unknown transaction id is rejected', async () => {
      const tx = await db.startTransaction();
      await tx.collection('accounts').add({ _id: 'once', v: 1 });
      await tx.commit();
      await expectCode(tx.collection('accounts').add({ _id: 'twice', v: 1 }), /./);
      assert.deepEqual(await readAll(db, 'accounts'), [{ _id: 'once', v: 1 }]);

      const bogus = await emu.raw({ action: 'database.commitTransaction', transactionId: 'no-such-transaction' });
      assert.ok(bogus.code, `commit of an unknown transaction fails: ${JSON.stringify(bogus)}`);
      const bogusRead = await emu.raw({
        action: 'database.getDocument', collectionName: 'accounts', queryType: 'DOC',
        query: '{"_id":"once"}', multi: false, transactionId: 'no-such-transaction',
      });
      assert.ok(bogusRead.code, `a read in an unknown transaction fails: ${JSON.stringify(bogusRead)}`);
    });

    test('read-only transactions reading the same document do not conflict', async () => {
      await db.collection('accounts').add({ _id: 'ro', v: 1 });
      const t1 = await db.startTransaction();
      const t2 = await db.startTransaction();
      assert.equal((await t1.collection('accounts').doc('ro').get()).data.v, 1);
      assert.equal((await t2.collection('accounts').doc('ro').get()).data.v, 1);
      await t1.commit();
      await t2.commit();
    });

    test('an abandoned transaction (never committed) leaves nothing visible', async () => {
      // A separate collection, so later clean-ups never touch documents this open transaction holds.
      await db.createCollection('abandoned');
      await db.collection('abandoned').add({ _id: 'y', v: 1 });
      const tx = await db.startTransaction();
      await tx.collection('abandoned').add({ _id: 'z', v: 1 });
      await tx.collection('abandoned').doc('y').update({ v: 2 });
      // never committed nor rolled back
      assert.deepEqual(await readAll(db, 'abandoned'), [{ _id: 'y', v: 1 }]);
      assert.equal((await db.collection('abandoned').count()).total, 1);
    });
  });

  describe('snapshot isolation', () => {
    test('after a read, an outside write is not seen, and writing that doc then conflicts', async () => {
      await db.collection('accounts').add({ _id: 'A', v: 1 });
      const tx = await db.startTransaction();
      assert.equal((await tx.collection('accounts').doc('A').get()).data.v, 1);

      await db.collection('accounts').doc('A').update({ v: 2 });
      assert.equal((await tx.collection('accounts').doc('A').get()).data.v, 1, 'the snapshot is stable');

      await expectConflictBeforeOrAtCommit(tx, () => tx.collection('accounts').doc('A').update({ v: 10 }));
      assert.deepEqual(await read('A'), { _id: 'A', v: 2 }, 'the outside write wins; the transaction left nothing');
    });

    test('a document inserted outside after the transaction started reading is invisible to it', async () => {
      await db.collection('accounts').add({ _id: 'first', g: 'k' });
      const tx = await db.startTransaction();
      await tx.collection('accounts').doc('first').get(); // the snapshot is established by now
      await db.collection('accounts').add({ _id: 'late', g: 'k' });

      assert.equal((await tx.collection('accounts').doc('late').get()).data, null);
      const listed = await tx.collection('accounts').where({ g: 'k' }).get();
      assert.deepEqual(ids(listed.data), ['first']);
      await tx.commit();
      assert.deepEqual(ids(await readAll(db, 'accounts')), ['first', 'late']);
    });

    test('a document deleted outside stays visible to the transaction snapshot', async () => {
      await db.collection('accounts').add([{ _id: 'gone', v: 1 }, { _id: 'other', v: 1 }]);
      const tx = await db.startTransaction();
      await tx.collection('accounts').doc('other').get();
      await db.collection('accounts').doc('gone').remove();
      assert.deepEqual((await tx.collection('accounts').doc('gone').get()).data, { _id: 'gone', v: 1 });
      await tx.rollback();
    });

    test('two transactions writing the same document: exactly one commits, the other gets a conflict', async () => {
      await db.collection('accounts').add({ _id: 'W', balance: 100 });
      const tx1 = await db.startTransaction();
      const tx2 = await db.startTransaction();
      const b1 = (await tx1.collection('accounts').doc('W').get()).data.balance;
      const b2 = (await tx2.collection('accounts').doc('W').get()).data.balance;
      assert.equal(b1, 100);
      assert.equal(b2, 100);

      await tx1.collection('accounts').doc('W').update({ balance: b1 + 10 });
      const [r1, r2] = await Promise.allSettled([
        tx1.commit(),
        (async () => {
          await tx2.collection('accounts').doc('W').update({ balance: b2 + 20 });
          await tx2.commit();
        })(),
      ]);
      const ok = [r1, r2].filter((r) => r.status === 'fulfilled').length;
      assert.equal(ok, 1, `exactly one transaction commits: ${JSON.stringify([r1, r2].map((r) => r.status))}`);
      const loser = (r1.status === 'rejected' ? r1 : r2) as PromiseRejectedResult;
      assert.equal(loser.reason?.code, CONFLICT, `loser code: ${loser.reason?.code} ${loser.reason?.message}`);
      await (r1.status === 'rejected' ? tx1 : tx2).rollback().catch(() => undefined);

      const final = (await read('W')).balance;
      assert.equal(final, r1.status === 'fulfilled' ? 110 : 120, 'only the winner\'s write is stored');
    });

    test('a transaction conflicts with another transaction that committed a write after its snapshot', async () => {
      await db.collection('accounts').add({ _id: 'S', v: 0 });
      const slow = await db.startTransaction();
      await slow.collection('accounts').doc('S').get();

      const fast = await db.startTransaction();
      await fast.collection('accounts').doc('S').update({ v: 1 });
      await fast.commit();

      await expectConflictBeforeOrAtCommit(slow, () => slow.collection('accounts').doc('S').update({ v: 2 }));
      assert.equal((await read('S')).v, 1);
    });
  });

  describe('constraints across transactions', () => {
    beforeEach(async () => {
      await clear(db, 'people');
    });

    test('two transactions inserting the same _id: exactly one document results', async () => {
      const t1 = await db.startTransaction();
      const t2 = await db.startTransaction();
      await t1.collection('people').add({ _id: 'same', by: 1 });
      const r2 = await Promise.allSettled([
        (async () => {
          await t2.collection('people').add({ _id: 'same', by: 2 });
          await t2.commit();
        })(),
        t1.commit(),
      ]);
      const ok = r2.filter((r) => r.status === 'fulfilled').length;
      assert.equal(ok, 1, `exactly one commits: ${JSON.stringify(r2.map((r) => r.status === 'rejected' ? r.reason?.code : 'ok'))}`);
      for (const r of r2) {
        if (r.status === 'rejected') assert.match(String(r.reason?.code), /DATABASE_(TRANSACTION_CONFLICT|DUPLICATE_WRITE)/);
      }
      await t1.rollback().catch(() => undefined);
      await t2.rollback().catch(() => undefined);
      assert.equal((await readAll(db, 'people')).length, 1);
    });

    test('two transactions inserting the same unique email: the second cannot commit', async () => {
      const t1 = await db.startTransaction();
      const t2 = await db.startTransaction();
      await t1.collection('people').add({ _id: 'e1', email: 'same@x.cn' });
      let err: any;
      try {
        await t2.collection('people').add({ _id: 'e2', email: 'same@x.cn' });
        await t1.commit();
        await t2.commit();
      } catch (e) {
        err = e;
      }
      assert.ok(err, 'one of the two must fail');
      assert.match(String(err.code), /DATABASE_(TRANSACTION_CONFLICT|DUPLICATE_WRITE)/, `${err.code}: ${err.message}`);
      await t1.commit().catch(() => undefined);
      await t2.rollback().catch(() => undefined);
      const stored = await readAll(db, 'people');
      assert.equal(stored.filter((p) => p.email === 'same@x.cn').length, 1, 'the unique index holds');
    });

    test('a transaction cannot insert a unique value committed by someone else after its snapshot', async () => {
      const tx = await db.startTransaction();
      await tx.collection('people').doc('whatever').get();
      await db.collection('people').add({ _id: 'outside', email: 'taken@x.cn' });
      let err: any;
      try {
        await tx.collection('people').add({ _id: 'inside', email: 'taken@x.cn' });
        await tx.commit();
      } catch (e) {
        err = e;
      }
      assert.ok(err, 'the insert or the commit must fail');
      assert.match(String(err.code), /DATABASE_(TRANSACTION_CONFLICT|DUPLICATE_WRITE)/);
      await tx.rollback().catch(() => undefined);
      assert.deepEqual(ids(await readAll(db, 'people')), ['outside']);
    });
  });

  describe('runTransaction', () => {
    test('commits the callback writes and resolves with its return value', async () => {
      await db.collection('accounts').add({ _id: 'rt', v: 1 });
      const result = await db.runTransaction(async (tx: any) => {
        const doc = (await tx.collection('accounts').doc('rt').get()).data;
        await tx.collection('accounts').doc('rt').update({ v: doc.v + 1 });
        await tx.collection('accounts').add({ _id: 'rt2', v: 0 });
        return 'done';
      });
      assert.equal(result, 'done');
      assert.deepEqual(await readAll(db, 'accounts'), [
        { _id: 'rt', v: 2 },
        { _id: 'rt2', v: 0 },
      ]);
    });

    test('a throwing callback rejects with its error and leaves nothing', async () => {
      await db.collection('accounts').add({ _id: 'th', v: 1 });
      const boom = new Error('boom');
      await assert.rejects(
        db.runTransaction(async (tx: any) => {
          await tx.collection('accounts').doc('th').update({ v: 2 });
          await tx.collection('accounts').add({ _id: 'th2', v: 1 });
          throw boom;
        }),
        (e: unknown) => e === boom,
      );
      assert.deepEqual(await readAll(db, 'accounts'), [{ _id: 'th', v: 1 }]);
    });

    test('tx.rollback(reason) inside runTransaction rejects with the reason and leaves nothing', async () => {
      await db.collection('accounts').add({ _id: 'rb', v: 1 });
      await assert.rejects(
        db.runTransaction(async (tx: any) => {
          await tx.collection('accounts').doc('rb').update({ v: 2 });
          await tx.rollback('insufficient');
        }),
        (e: unknown) => e === 'insufficient',
      );
      assert.deepEqual(await readAll(db, 'accounts'), [{ _id: 'rb', v: 1 }]);
    });

    test('20 concurrent transfers conserve the total and match the successful transfers', async () => {
      const accts = ['A', 'B', 'C'];
      await db.collection('accounts').add(accts.map((id) => ({ _id: id, balance: 1000 })));
      const apps = Array.from({ length: 4 }, () => emu.app().database());

      const transfers = Array.from({ length: 20 }, (_, i) => ({
        from: accts[i % 3]!,
        to: accts[(i + 1) % 3]!,
        amount: i + 1,
      }));
      const results = await Promise.allSettled(
        transfers.map((t, i) =>
          apps[i % apps.length]!.runTransaction(async (tx: any) => {
            const from = (await tx.collection('accounts').doc(t.from).get()).data;
            const to = (await tx.collection('accounts').doc(t.to).get()).data;
            // Deliberately read-modify-write with plain values: only isolation prevents lost updates.
            await tx.collection('accounts').doc(t.from).update({ balance: from.balance - t.amount });
            await tx.collection('accounts').doc(t.to).update({ balance: to.balance + t.amount });
          }),
        ),
      );

      const expected: Record<string, number> = { A: 1000, B: 1000, C: 1000 };
      let succeeded = 0;
      results.forEach((r, i) => {
        if (r.status === 'fulfilled') {
          succeeded++;
          const t = transfers[i]!;
          expected[t.from]! -= t.amount;
          expected[t.to]! += t.amount;
        } else {
          assert.equal(r.reason?.code, CONFLICT, `a failed transfer fails with a conflict, got ${r.reason?.code}: ${r.reason?.message}`);
        }
      });
      assert.ok(succeeded >= 1, 'at least one transfer succeeded');

      const final = await readAll(db, 'accounts');
      const balances = Object.fromEntries(final.map((d) => [d._id, d.balance]));
      assert.equal(balances.A + balances.B + balances.C, 3000, 'total conserved');
      assert.deepEqual(balances, expected, `balances match the ${succeeded} successful transfers`);
    });
  });
});

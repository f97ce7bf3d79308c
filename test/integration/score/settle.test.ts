// The daily housekeeping timer settles the day's awards (_lib/points.ts settlePendingAwards): an award leaves its
// ledger entry marked pending, and the timer removes the marks in bulk — for the entries its person's year total
// already has (w ≥ seq) only that, for the others (their function died between its steps and nobody came after) it
// finishes them first. Here 1,100 entries of 550 people, more than two batches of 500 and more than 100 people per
// batch: 1,090 in the totals, 10 not. Counted: the timer's requests for them, not time.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import type { EmulatorHandle } from '../../support/emulator.js';
import type { TestPark } from '../../support/park.js';
import { getDoc, setClock, startScore } from './support.js';

const PEOPLE = 550;
const UNFINISHED = 10; // the last ten people's second award never reached their totals
const BRANCH = 'b-settle';
const AT = new Date('2026-11-20T02:00:00Z'); // 10:00 in China

describe('the housekeeping timer settles the day\'s awards', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  beforeAll(async () => ({ emu, park } = await startScore(2)));
  afterAll(() => emu?.stop());

  const person = (i: number) => `p-${String(i).padStart(4, '0')}`;
  const timer = async () => {
    const run = await emu.api('POST', '/_emulator/triggers/run', { function: 'housekeeping', trigger: 'daily' });
    assert.ok(run.ok, JSON.stringify(run));
    const [call] = await emu.api('GET', '/_emulator/functions/calls?function=housekeeping&limit=1');
    return call as { result: { awardsConfirmed: number; awardsFinished: number; awardsFailed: number }; db: { roundTrips: number } };
  };

  test('1,100 pending entries: 1,090 confirmed, 10 finished, every mark gone, a few requests per hundred', async () => {
    await setClock(emu, '2026-11-20T10:00:00Z');
    const idle = await timer(); // nothing pending: what its other clean-ups cost
    assert.deepEqual([idle.result.awardsConfirmed, idle.result.awardsFinished], [0, 0]);

    const db = emu.app().database();
    const entries = Array.from({ length: PEOPLE }, (_, i) => [1, 2].map((seq) => ({
      _id: `e-${person(i)}-${seq}`, parkId: park.parkId, personId: person(i), branchId: BRANCH, item: 'topicCompleted', kind: 'award',
      points: 10, requested: 10, quantity: 1, capped: false, cap: null, note: '完成专题', sourceId: `topic:${seq}`, counters: {},
      reason: null, reverses: null, at: AT, day: '2026-11-20', month: '2026-11', quarter: '2026-Q4', year: '2026', tableVersion: 0,
      by: 'system', slot: `${person(i)}|2026|${seq}`, seq, pending: AT,
    }))).flat();
    // Each person's year total: both awards in (w = 2), or only the first for the last ten.
    const years = Array.from({ length: PEOPLE }, (_, i) => {
      const w = i >= PEOPLE - UNFINISHED ? 1 : 2;
      return {
        _id: `P|${person(i)}|2026`, parkId: park.parkId, scope: 'person', ownerId: person(i), branchId: BRANCH, periodKind: 'year', period: '2026',
        points: 10 * w, byItem: { topicCompleted: 10 * w }, topicsCompleted: 0, topicsAssigned: 0, volunteerHours: 0, pledgesFulfilled: 0, pledgesDue: 0,
        updatedAt: AT, w: { [person(i)]: w },
      };
    });
    for (let i = 0; i < entries.length; i += 500) await db.collection('points_ledger').add(entries.slice(i, i + 500));
    for (let i = 0; i < years.length; i += 500) await db.collection('points_totals').add(years.slice(i, i + 500));
    const pending = async () => (await db.collection('points_ledger').where({ pending: db.command.exists(true) }).count()).total;
    assert.equal(await pending(), 2 * PEOPLE);

    // A minute is not enough: a function may still be running.
    await setClock(emu, '2026-11-20T02:00:30Z');
    assert.deepEqual((await timer()).result, { ...idle.result, awardsConfirmed: 0, awardsFinished: 0 });
    await setClock(emu, '2026-11-20T10:00:00Z');
    const run = await timer();
    assert.deepEqual([run.result.awardsConfirmed, run.result.awardsFinished], [2 * PEOPLE - UNFINISHED, UNFINISHED]);
    assert.equal(await pending(), 0, 'no entry left pending');

    // The finished ones are in every total now, once; a confirmed one's totals are as they were.
    const last = person(PEOPLE - 1);
    assert.deepEqual([(await getDoc(emu, 'points_totals', `P|${last}|2026`)).points, (await getDoc(emu, 'points_totals', `P|${last}|2026`)).w], [20, { [last]: 2 }]);
    assert.equal((await getDoc(emu, 'points_totals', `P|${last}|2026-11-20`)).points, 10);
    assert.equal((await getDoc(emu, 'points_totals', `B|${BRANCH}|2026-11`)).points, 10 * UNFINISHED);
    assert.equal((await getDoc(emu, 'points_totals', `P|${person(0)}|2026`)).points, 20);
    assert.equal(await getDoc(emu, 'points_totals', `P|${person(0)}|2026-11-20`), undefined, 'a confirmed entry is not applied again');

    // Its requests for the awards: 3 batches (500, 500, 100), each the entries, their people's year totals (100 a
    // read) and one update per 100 marks, plus each finished entry's own (the totals read, the new ones, the update).
    const forAwards = run.db.roundTrips - idle.db.roundTrips;
    console.log(`housekeeping settled ${2 * PEOPLE} awards (${UNFINISHED} finished) in ${forAwards} DB requests`);
    assert.ok(forAwards <= 3 + (3 + 3 + 1) + (5 + 5 + 1) + 3 * UNFINISHED, `${forAwards} requests`);

    // Again: nothing left to do.
    assert.deepEqual((await timer()).result, idle.result);
  });

  test('an entry that cannot be finished stays pending, is counted and logged, and does not hold up the others', async () => {
    const db = emu.app().database();
    const entry = (id: string, who: string, points: unknown) => ({
      _id: id, parkId: park.parkId, personId: who, branchId: BRANCH, item: 'topicCompleted', kind: 'award', points, requested: 10, quantity: 1,
      capped: false, cap: null, note: '完成专题', sourceId: `topic:${id}`, counters: {}, reason: null, reverses: null, at: AT, day: '2026-11-20',
      month: '2026-11', quarter: '2026-Q4', year: '2026', tableVersion: 0, by: 'system', slot: `${who}|2026|1`, seq: 1, pending: AT,
    });
    // A damaged entry (its points are not a number: raising a total by it is refused) between two good unfinished ones.
    await db.collection('points_ledger').add([entry('bad-1', 'q-bad', '十分'), entry('good-1', 'q-1', 10), entry('good-2', 'q-2', 10)]);
    const run = await timer();
    assert.deepEqual([run.result.awardsConfirmed, run.result.awardsFinished, run.result.awardsFailed], [0, 2, 1]);
    const [call] = await emu.api('GET', '/_emulator/functions/calls?function=housekeeping&limit=1');
    assert.ok((call.logs as string[]).some((l) => l.includes('bad-1') && l.includes('stays pending')), JSON.stringify(call.logs));
    const pendingIds = ((await db.collection('points_ledger').where({ pending: db.command.exists(true) }).get()).data as Array<{ _id: string }>).map((e) => e._id);
    assert.deepEqual(pendingIds, ['bad-1']);
    assert.equal((await getDoc(emu, 'points_totals', 'P|q-1|2026')).points, 10);
    assert.equal(await getDoc(emu, 'points_totals', 'P|q-bad|2026'), undefined);
    // The next day's run tries it again, and still leaves it for a person to look at.
    assert.deepEqual([(await timer()).result.awardsFailed], [1]);
  });
});

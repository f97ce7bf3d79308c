// What the points engine costs, counted by the emulator per invocation (database requests and documents
// examined, not time): an award is at most 4 requests whether it creates its totals or raises them, the
// same in a park of 300 more branches, and the daily timer confirms the day's awards in a few requests; a leaderboard view right after an award reads the branch that
// changed, not every branch, and is exact.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import type { EmulatorHandle } from '../../support/emulator.js';
import { as, type TestPark } from '../../support/park.js';
import { all, award, forPerson, getDoc, setClock, startScore, totalPoints } from './support.js';

const EXTRA_BRANCHES = 300;

describe('points engine costs (counted)', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  let branchPoints = 0;
  beforeAll(async () => ({ emu, park } = await startScore(4)));
  afterAll(() => emu?.stop());

  /** The database figures of the newest invocation of `fn`. */
  const lastCall = async (fn: string): Promise<{ roundTrips: number; writes: number; docsExamined: number }> =>
    (await emu.api('GET', `/_emulator/functions/calls?function=${fn}&limit=1`))[0].db;

  /** `n` more branches, each with its month total and 40 members' worth of memberCount. */
  async function addBranches(n: number, month: string): Promise<string[]> {
    const db = emu.app().database();
    const now = new Date();
    const ids = Array.from({ length: n }, (_, i) => `xb-${String(i).padStart(4, '0')}`);
    await db.collection('branches').add(ids.map((id, i) => ({ _id: id, parkId: park.parkId, name: `加测支部${String(i).padStart(4, '0')}`, kind: 'single', enterpriseIds: [], groups: [], memberCount: 40, createdAt: now, updatedAt: now })));
    await db.collection('points_totals').add(ids.map((id, i) => ({
      _id: `B|${id}|${month}`, parkId: park.parkId, scope: 'branch', ownerId: id, branchId: id, periodKind: 'month', period: month,
      points: 40 + i, byItem: { topicCompleted: 40 + i }, topicsCompleted: 4, topicsAssigned: 0, volunteerHours: 0, pledgesFulfilled: 0, pledgesDue: 0,
      updatedAt: new Date('2026-10-01T00:00:00Z'),
    })));
    return ids;
  }

  test('an award costs at most 4 database requests, creating totals or raising them, in a small park or a big one; the timer confirms them in bulk', async () => {
    await setClock(emu, '2026-11-20T02:00:00Z');
    const earned: Record<string, number> = {};
    const cost = async (who: '王芳' | '李强', item: 'topicCompleted' | 'quizPassed' | 'noteWritten' | 'volunteerHours', source: string, extra = {}) => {
      const r = await award(emu, forPerson(park, who, item, source, extra));
      const day = (await getDoc(emu, 'points_ledger', r.entryId)).day as string;
      for (const key of [`${who}|${day}`, `${who}|2026`, 'branch']) earned[key] = (earned[key] ?? 0) + r.points;
      return { ...(await lastCall('points-fixture')), points: r.points };
    };
    const first = await cost('王芳', 'topicCompleted', 'e-1'); // creates the person's 4 totals and the branch's 3
    const again = await cost('王芳', 'quizPassed', 'e-2'); // every total exists: raised in one update
    await setClock(emu, '2026-11-21T02:00:00Z');
    const newDay = await cost('王芳', 'quizPassed', 'e-3'); // a new day total next to the others
    await cost('王芳', 'noteWritten', 'e-4');
    const capped = await cost('王芳', 'noteWritten', 'e-5'); // noteWritten: 5 a day, so 0 points
    const hours = await cost('李强', 'volunteerHours', 'e-6', { quantity: 3, counters: { volunteerHours: 3 } });
    assert.equal(capped.points, 0);
    for (const [what, c] of Object.entries({ first, again, newDay, capped, hours })) assert.ok(c.roundTrips <= 4, `${what}: ${c.roundTrips} requests`);
    assert.equal(again.roundTrips, 3, 'the totals with the table, the entry, one update');
    assert.equal(newDay.roundTrips, 4, '+ the new day total');
    assert.equal(again.writes, 2);
    // Ten times the branches (and their totals): the same requests, the same documents examined.
    await addBranches(EXTRA_BRANCHES, '2026-11');
    const big = await cost('王芳', 'quizPassed', 'e-7');
    assert.equal(big.roundTrips, again.roundTrips);
    assert.ok(big.docsExamined <= again.docsExamined + 1, `${big.docsExamined} examined vs ${again.docsExamined}`);
    // Every total is the sum of what the awards answered.
    assert.equal(await totalPoints(emu, `P|${park.ids.王芳}|2026-11-20`), earned['王芳|2026-11-20']);
    assert.equal(await totalPoints(emu, `P|${park.ids.王芳}|2026-11-21`), earned['王芳|2026-11-21']);
    assert.equal(await totalPoints(emu, `P|${park.ids.王芳}|2026`), earned['王芳|2026']);
    assert.equal(await totalPoints(emu, `P|${park.ids.李强}|2026`), earned['李强|2026']);
    assert.equal(await totalPoints(emu, `B|${park.branches.A}|2026-11`), earned.branch);
    branchPoints = earned.branch!;
    assert.equal((await getDoc(emu, 'points_totals', `B|${park.branches.A}|2026-Q4`)).volunteerHours, 3);
    // Each entry stays marked pending (not yet checked) until the daily timer confirms it: in bulk, totals untouched.
    // The clock passed 03:30 on the 21st, so that day's run already confirmed yesterday's two.
    const pending = async () => (await all<{ sourceId: string; pending?: unknown }>(emu, 'points_ledger', { parkId: park.parkId })).filter((e) => e.pending !== undefined).map((e) => e.sourceId).sort();
    const totalsBefore = await all(emu, 'points_totals', {});
    assert.deepEqual(await pending(), ['e-3', 'e-4', 'e-5', 'e-6', 'e-7']);
    await setClock(emu, '2026-11-21T02:05:00Z');
    const run = await emu.api('POST', '/_emulator/triggers/run', { function: 'housekeeping', trigger: 'daily' });
    assert.ok(run.ok, JSON.stringify(run));
    const [timer] = await emu.api('GET', '/_emulator/functions/calls?function=housekeeping&limit=1');
    assert.deepEqual([timer.result.awardsConfirmed, timer.result.awardsFinished], [5, 0]);
    assert.deepEqual(await pending(), [], 'no entry left pending');
    assert.deepEqual(await all(emu, 'points_totals', {}), totalsBefore);
    // Its other clean-ups, and for the awards: the pending entries, their people's year totals, one confirming update.
    assert.ok(timer.db.roundTrips <= 12, `housekeeping: ${timer.db.roundTrips} requests`);
  });

  test('a leaderboard view right after an award reads the branch that changed, not every branch', async () => {
    const wang = as(emu, park, '王芳');
    const q = { measure: 'pointsPerMember', periodKind: 'month', period: '2026-11' };
    await setClock(emu, '2026-11-22T02:00:00Z'); // every write so far is a day old
    const computed = await wang.ok('score', 'leaderboard', q);
    const full = await lastCall('score');
    assert.ok(full.docsExamined >= EXTRA_BRANCHES, `the first view computes the snapshot (${full.docsExamined} examined)`);
    await emu.api('POST', '/_emulator/clock', { advance: 5_000 });
    await wang.ok('score', 'leaderboard', q);
    const rest = await lastCall('score');
    // Awards to two branches, then views: each reads the snapshot, the totals written since and those branches.
    const target = 'xb-0007';
    const valueOf = (board: any, id: string) => [...board.ranked, ...board.unranked].find((r: any) => r.branch.id === id)?.value as number;
    const before = valueOf(computed, target);
    await award(emu, { parkId: park.parkId, personId: park.ids.王芳, branchId: target, item: 'suggestionAdopted', sourceId: 'flat-1' });
    const after = await wang.ok('score', 'leaderboard', q);
    const afterAward = await lastCall('score');
    assert.equal(Math.round((valueOf(after, target) - before) * 40), 10, 'the new 10 points count at once');
    await award(emu, { parkId: park.parkId, personId: park.ids.李强, branchId: park.branches.A, item: 'suggestionAdopted', sourceId: 'flat-2' });
    const afterTwo = await wang.ok('score', 'leaderboard', q);
    const afterSecond = await lastCall('score');
    assert.equal(valueOf(afterTwo, park.branches.A), Math.round(((branchPoints + 10) / 4) * 10000) / 10000);
    // Counted: a handful of documents, not one per branch; at most two more requests than at rest.
    assert.ok(afterAward.docsExamined <= rest.docsExamined + 4, `after an award: ${afterAward.docsExamined} examined (at rest ${rest.docsExamined})`);
    assert.ok(afterSecond.docsExamined <= rest.docsExamined + 6, `after two: ${afterSecond.docsExamined} examined`);
    assert.ok(afterAward.roundTrips <= rest.roundTrips + 1, `${afterAward.roundTrips} requests (at rest ${rest.roundTrips})`);
    assert.ok(afterSecond.docsExamined < EXTRA_BRANCHES / 10);
  });
});

// What one check-in costs, counted (the emulator's record of each call's database requests), not timed: a basic
// CloudBase environment allows about 30 DB requests a second (FACTS.md §2) and a 大党课 of 300 people checking in
// within 2 minutes is 2.5 check-ins a second, so a check-in may cost at most 12 requests. The first check-in of a
// meeting is a transaction with the meeting document; every later one is an insert, a guarded shard update and the
// points (the engine's 3–4), with no count for the reply (the page shows none); a second tap finishes nothing and
// costs 5 (as the emulator counts it). Then a smaller
// surge at once: every member checked in once, counted once, awarded once.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import type { EmulatorHandle } from '../../support/emulator.js';
import { as, type TestPark } from '../../support/park.js';
import { addBoundMembers, startStudy } from './support.js';

const MEMBERS = 24;
const BUDGET = 30 / 2.5; // requests a second allowed ÷ check-ins a second in the surge

describe('study: the requests of one check-in (issue 21)', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  const li = () => as(emu, park, '李强');
  const db = () => emu.app().database();
  const member = (i: number) => as(emu, park, { openid: `o_cost_${i}` });
  /** The database requests of the study function's last `n` calls (newest last). */
  const lastCalls = async (n: number) => ((await emu.api('GET', `/_emulator/functions/calls?function=study&limit=${n}`)) as Array<{ ok: boolean; db: { roundTrips: number } }>).map((c) => c.db.roundTrips);
  const shardCount = async (meetingId: string) => (await db().collection('meeting_tally').where({ meetingId }).count()).total;

  beforeAll(async () => {
    ({ emu, park } = await startStudy()); // clock: 2026-11-10 10:00 China time
    await addBoundMembers(emu, park, 'cost', MEMBERS, '1862222');
  });
  afterAll(() => emu?.stop());

  test(`a 大党课: each later check-in ≤ ${BUDGET} requests with its points, a second tap 5; ${MEMBERS - 8} at once with double taps: each once`, async () => {
    const { meeting } = await li().ok('study', 'meetings.create', { branchId: park.branches.A, kind: 'partyLecture', title: '季度大党课', date: '2026-11-10', place: '党群服务中心' });
    const { code } = await li().ok('study', 'meetings.code', { meetingId: meeting.id });

    // The first: the transaction with the meeting document (0 → 1).
    const first = await member(0).ok('study', 'meetings.checkIn', { code });
    assert.deepEqual([first.alreadyCheckedIn, first.points.points, first.meeting.attended, 'attendees' in first.meeting], [false, 10, true, false]);
    const [firstCost] = await lastCalls(1);

    // One at a time: the caller, the meeting, the attendance, the shard (its first check-in inserts it: +1), the award
    // (4: the totals read with the table, the entry, the new person totals, the branch's); no count.
    const costs: number[] = [];
    for (let i = 1; i < 8; i++) {
      const shardsBefore = await shardCount(meeting.id);
      const r = await member(i).ok('study', 'meetings.checkIn', { code });
      assert.deepEqual([r.alreadyCheckedIn, r.points.points, 'attendees' in r.meeting], [false, 10, false]);
      const [cost] = await lastCalls(1);
      const newShard = (await shardCount(meeting.id)) > shardsBefore;
      assert.equal(cost, newShard ? 9 : 8, `check-in ${i}: ${cost} requests (a new shard: ${newShard})`);
      costs.push(cost!);
    }
    assert.ok(Math.max(...costs) <= BUDGET, `later check-ins: ${costs.join(', ')} (the first: ${firstCost})`);

    // A second tap: the caller, the meeting, the refused insert, the attendance and the ledger entry, and (the entry
    // not yet confirmed by the daily timer) the person's year total, which has it: nothing to finish. 5 as the
    // emulator counts them.
    for (const i of [1, 2, 3]) {
      const again = await member(i).ok('study', 'meetings.checkIn', { code });
      assert.deepEqual([again.alreadyCheckedIn, again.points], [true, null]);
      assert.deepEqual(await lastCalls(1), [5]);
    }

    // The rest at once, a quarter of them tapping twice: counted per call, not timed.
    await emu.api('POST', '/_emulator/functions/provision', { function: 'study', instances: 4 });
    const rest = Array.from({ length: MEMBERS - 8 }, (_, k) => k + 8);
    const taps = [...rest, ...rest.slice(0, 4)];
    const replies = await Promise.all(taps.map((i) => member(i).ok('study', 'meetings.checkIn', { code })));
    const surgeCosts = await lastCalls(taps.length);
    const mean = surgeCosts.reduce((a, b) => a + b, 0) / surgeCosts.length;
    assert.ok(mean <= BUDGET, `${mean.toFixed(2)} requests per check-in in the surge (${surgeCosts.join(', ')})`);
    for (const i of rest) {
      const mine = replies.filter((_, k) => taps[k] === i);
      assert.equal(mine.filter((r) => !r.alreadyCheckedIn).length, 1, `member ${i}: one reply is the check-in`);
    }

    // Stored: one attendance, one count and one award each; the views show all of them.
    const attendance = (await db().collection('attendance').where({ meetingId: meeting.id }).limit(1000).get()).data as Array<{ personId: string; tally?: boolean }>;
    assert.equal(new Set(attendance.map((a) => a.personId)).size, MEMBERS);
    assert.equal(attendance.length, MEMBERS);
    assert.equal(attendance.filter((a) => a.tally).length, MEMBERS - 1, 'all but the first counted on shards');
    const stored = (await db().collection('meetings').doc(meeting.id).get()).data[0] as { attendees: number };
    const shards = (await db().collection('meeting_tally').where({ meetingId: meeting.id }).limit(100).get()).data as Array<{ n: number; p: Record<string, true> }>;
    assert.equal(stored.attendees + shards.reduce((a, s) => a + s.n, 0), MEMBERS);
    assert.equal(shards.reduce((a, s) => a + Object.keys(s.p).length, 0), MEMBERS - 1, 'each shard marks whom it counted');
    const entries = (await db().collection('points_ledger').where({ sourceId: `meeting:${meeting.id}` }).limit(1000).get()).data as Array<{ personId: string; points: number; pending?: unknown }>;
    assert.equal(entries.length, MEMBERS);
    assert.equal(new Set(entries.map((e) => e.personId)).size, MEMBERS);
    assert.ok(entries.every((e) => e.points === 10));
    const shown = await li().ok('study', 'meetings.attendance', { meetingId: meeting.id });
    assert.deepEqual([shown.meeting.attendees, shown.present.length], [MEMBERS, MEMBERS]);
  });

  test('a 党员大会 (no points): a later check-in is 4 requests (5 when it starts its shard)', async () => {
    const { meeting } = await li().ok('study', 'meetings.create', { branchId: park.branches.A, kind: 'memberAssembly', title: '党员大会', date: '2026-11-10', place: '党群服务中心' });
    const { code } = await li().ok('study', 'meetings.code', { meetingId: meeting.id });
    await member(0).ok('study', 'meetings.checkIn', { code });
    const costs: number[] = [];
    for (let i = 1; i < 6; i++) {
      const shardsBefore = await shardCount(meeting.id);
      const r = await member(i).ok('study', 'meetings.checkIn', { code });
      assert.deepEqual([r.alreadyCheckedIn, r.points, 'attendees' in r.meeting], [false, null, false]);
      const [cost] = await lastCalls(1);
      assert.equal(cost, (await shardCount(meeting.id)) > shardsBefore ? 5 : 4);
      costs.push(cost!);
    }
  });
});

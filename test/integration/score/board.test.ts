// score board.get (issue 21): "my rank + top 20" in one call. The same answer as me.summary + leaderboard (my
// points, my place in my branch, the ranked branches, my branch's row, the flag), at most 5 database requests
// in a park at rest (counted by the emulator per invocation, against the 10 of the two calls it replaces), the
// same requests and about the same documents in a park of 300 more branches; only the top 20 listed; public
// individual rankings only when the park turned them on AND the member opted in.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import type { EmulatorHandle } from '../../support/emulator.js';
import { as, type TestPark } from '../../support/park.js';
import { award, forPerson, refused, startScore, startNovember } from './support.js';

const EXTRA_BRANCHES = 300;

describe('score board.get: my rank + top 20 in one call', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  beforeAll(async () => {
    ({ emu, park } = await startScore(2));
    await startNovember(emu, park);
    await award(emu, forPerson(park, '周涛', 'quizPassed', 'quiz-11'));
    await award(emu, forPerson(park, '王芳', 'quizPassed', 'quiz-10', { at: '2026-10-08T02:00:00Z' }));
    await emu.app().database().collection('red_flags').add({
      _id: `${park.parkId}|2026-10`, parkId: park.parkId, month: '2026-10', branchId: park.branches.A, branchName: '新能源公司党支部',
      measure: 'pointsPerMember', value: 1.25, awardedAt: new Date('2026-11-01T01:00:00Z'),
    });
  });
  afterAll(() => emu?.stop());

  /** The database figures of the newest invocation of `score`. */
  const lastCall = async (): Promise<{ roundTrips: number; docsExamined: number }> => (await emu.api('GET', '/_emulator/functions/calls?function=score&limit=1'))[0].db;
  const rest = async (ms = 5_000) => emu.api('POST', '/_emulator/clock', { advance: ms });

  test('the same answer as me.summary + leaderboard, for the month and for the quarter', async () => {
    const wang = as(emu, park, '王芳');
    const board = await wang.ok('score', 'board.get', {});
    const summary = await wang.ok('score', 'me.summary');
    const lb = await wang.ok('score', 'leaderboard', {});
    assert.deepEqual([board.period, board.periodKind, board.measure], ['2026-11', 'month', 'pointsPerMember']);
    assert.deepEqual(board.me, { points: summary.month, branchRank: summary.branchRank, optIn: false });
    assert.deepEqual(board.me, { points: 10, branchRank: { rank: 2, of: 4 }, optIn: false });
    assert.deepEqual(board.top, lb.ranked);
    assert.deepEqual([board.rankedCount, board.unranked, board.unrankedCount], [lb.ranked.length, lb.unranked, lb.unranked.length]);
    assert.deepEqual(board.myBranch, { ...lb.ranked.find((r: any) => r.branch.id === park.branches.A), ranked: true });
    assert.deepEqual(board.flag, lb.flag);
    assert.equal(board.flag.month, '2026-10');
    assert.equal(board.individuals, null);
    // Equal points share a place; no points: the last place; another branch.
    assert.deepEqual((await as(emu, park, '赵敏').ok('score', 'board.get', {})).me.branchRank, { rank: 2, of: 4 });
    assert.deepEqual((await as(emu, park, '陈静').ok('score', 'board.get', {})).me, { points: 0, branchRank: { rank: 4, of: 4 }, optIn: false });
    assert.deepEqual((await as(emu, park, '周涛').ok('score', 'board.get', {})).me.branchRank, (await as(emu, park, '周涛').ok('score', 'me.summary')).branchRank);
    const q = await wang.ok('score', 'board.get', { periodKind: 'quarter' });
    assert.deepEqual([q.period, q.me.points], ['2026-Q4', summary.quarter]);
    const oct = await wang.ok('score', 'board.get', { periodKind: 'month', period: '2026-10', measure: 'studyRate' });
    assert.deepEqual([oct.period, oct.measure, oct.me.points, oct.me.branchRank.rank], ['2026-10', 'studyRate', 5, 1]);
  });

  test('at most 5 database requests at rest (the two calls it replaces: 10), flat with 300 more branches; top 20 only', async () => {
    const wang = as(emu, park, '王芳');
    await rest(61_000); // the snapshot is a minute old: the next view recomputes it
    await wang.ok('score', 'board.get', {});
    await rest();
    await wang.ok('score', 'board.get', {});
    const small = await lastCall();
    await wang.ok('score', 'me.summary');
    const before = (await lastCall()).roundTrips;
    await wang.ok('score', 'leaderboard', {});
    const pair = before + (await lastCall()).roundTrips;
    assert.ok(small.roundTrips <= 5, `board.get at rest: ${small.roundTrips} requests`);
    assert.ok(pair >= 2 * small.roundTrips, `me.summary + leaderboard: ${pair} requests, board.get ${small.roundTrips}`);

    // 300 more branches of 40 members with their month totals.
    const db = emu.app().database();
    const now = new Date('2026-11-19T00:00:00Z');
    const ids = Array.from({ length: EXTRA_BRANCHES }, (_, i) => `xb-${String(i).padStart(4, '0')}`);
    await db.collection('branches').add(ids.map((id, i) => ({ _id: id, parkId: park.parkId, name: `加测支部${String(i).padStart(4, '0')}`, kind: 'single', enterpriseIds: [], groups: [], memberCount: 40, createdAt: now, updatedAt: now })));
    await db.collection('points_totals').add(ids.map((id, i) => ({
      _id: `B|${id}|2026-11`, parkId: park.parkId, scope: 'branch', ownerId: id, branchId: id, periodKind: 'month', period: '2026-11',
      points: 800 + 4 * i, byItem: { topicCompleted: 800 + 4 * i }, topicsCompleted: 4, topicsAssigned: 0, volunteerHours: 0, pledgesFulfilled: 0, pledgesDue: 0, updatedAt: now,
    })));
    await rest(61_000);
    await wang.ok('score', 'board.get', {});
    await rest();
    const board = await wang.ok('score', 'board.get', {});
    const big = await lastCall();
    assert.equal(big.roundTrips, small.roundTrips, 'the same requests');
    assert.ok(big.docsExamined <= small.docsExamined + 2, `${big.docsExamined} examined vs ${small.docsExamined}`);
    // Top 20 of 300 and more, best first; my branch (far down) comes with its rank.
    const full = await wang.ok('score', 'leaderboard', {});
    assert.equal(board.top.length, 20);
    assert.ok(board.rankedCount > EXTRA_BRANCHES);
    assert.equal(board.rankedCount, full.ranked.length);
    assert.equal(board.top[0].branch.id, 'xb-0299');
    assert.deepEqual(board.top.map((r: any) => r.rank), Array.from({ length: 20 }, (_, i) => i + 1));
    assert.deepEqual(board.top, full.ranked.slice(0, 20));
    assert.deepEqual(board.myBranch, { ...full.ranked.find((r: any) => r.branch.id === park.branches.A), ranked: true });
    assert.ok(board.myBranch.rank > 20);
    // Right after an award: exact at once, one more request (the changed branch's name), still not every branch.
    await award(emu, forPerson(park, '陈静', 'suggestionAdopted', 'idea-1'));
    const after = await as(emu, park, '陈静').ok('score', 'board.get', {});
    const afterCost = await lastCall();
    assert.deepEqual(after.me.points, 10);
    assert.ok(afterCost.roundTrips <= small.roundTrips + 1, `${afterCost.roundTrips} requests after an award`);
    assert.ok(afterCost.docsExamined < EXTRA_BRANCHES / 10, `${afterCost.docsExamined} examined after an award`);
  });

  test('individuals only when the park turned them on AND the member opted in', async () => {
    const board = () => as(emu, park, '陈静').ok('score', 'board.get', {});
    await as(emu, park, '王芳').ok('score', 'me.setOptIn', { optIn: true });
    assert.equal((await board()).individuals, null, 'opting in alone publishes nothing');
    assert.equal((await board()).individualRankingEnabled, false);
    await as(emu, park, '周涛').ok('score', 'settings.update', { individualRanking: true });
    const on = await board();
    assert.equal(on.individualRankingEnabled, true);
    assert.deepEqual(on.individuals, [{ rank: 1, name: '王芳', branchName: '新能源公司党支部', points: 10 }], 'only the member who opted in');
    assert.equal((await as(emu, park, '王芳').ok('score', 'board.get', {})).me.optIn, true);
    await as(emu, park, '王芳').ok('score', 'me.setOptIn', { optIn: false });
    assert.deepEqual((await board()).individuals, [], 'an opt-out counts at once');
    await as(emu, park, '周涛').ok('score', 'settings.update', { individualRanking: false });
    assert.equal((await board()).individuals, null);
  });

  test('who may call it; bad input is INVALID_INPUT', async () => {
    await refused(emu, as(emu, null, { openid: 'o_board_stranger' }), 'board.get', {}, 'NOT_BOUND');
    const anonymous = (await emu.app().callFunction({ name: 'score', data: { action: 'board.get', input: {} } })).result as any;
    assert.equal(anonymous.error.code, 'UNAUTHENTICATED');
    const member = as(emu, park, '王芳');
    for (const input of [{ periodKind: 'month', period: '2026-13' }, { periodKind: 'quarter', period: '2026-11' }, { measure: 'likes' }, { personId: park.ids.李强 }]) {
      await refused(emu, member, 'board.get', input, 'INVALID_INPUT');
    }
  });
});

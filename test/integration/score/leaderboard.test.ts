// Leaderboards equal a brute-force computation over random data (from the ledger and the counter
// events, independently of the totals); they read only totals and branches through indexes; ties share
// a rank; small branches are listed, not ranked. The 流动红旗 timer: last month's top branch, once.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { MEASURES, POINT_ITEMS, type Measure } from '../../../shared/points';
import type { EmulatorHandle } from '../../support/emulator.js';
import { as, type TestPark } from '../../support/park.js';
import { rng } from '../../../scripts/demo/build';
import { all, award, counters, getDoc, pool, setClock, startScore } from './support.js';

const PERIODS = ['2026-08', '2026-09', '2026-10', '2026-Q3', '2026-Q4', '2026'];
const inPeriod = (e: { month: string; quarter: string; year: string }, p: string) => e.month === p || e.quarter === p || e.year === p;

describe('leaderboards and the 流动红旗', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  const branches: Array<{ id: string; name: string; members: number; people: string[] }> = [];
  beforeAll(async () => {
    ({ emu, park } = await startScore(4));
    const db = emu.app().database();
    const rand = rng(20261101).next; // the demo's seeded PRNG: the same random park on every run
    const now = new Date();
    // Seven more branches of 1–8 members (memberCount stored as the org function keeps it), people in them.
    for (let b = 0; b < 7; b++) {
      const id = `rb-${b}`;
      const members = 1 + Math.floor(rand() * 8);
      const people = Array.from({ length: members }, (_, i) => `rp-${b}-${i}`);
      branches.push({ id, name: `随机支部${String.fromCharCode(65 + b)}`, members, people });
      await db.collection('branches').add({ _id: id, parkId: park.parkId, name: branches[b]!.name, kind: 'attached', enterpriseIds: [], groups: [], memberCount: members, createdAt: now, updatedAt: now });
      await db.collection('people').add(people.map((pid, i) => ({
        _id: pid, parkId: park.parkId, branchId: id, groupId: null, name: `成员${b}${i}`, phone: `1550${b}${String(i).padStart(6, '0')}`, memberType: 'full',
        joinedPartyOn: '2010-01-01', posts: [], responsibilityArea: null, secretaryOf: [], organizer: false, parkAdmin: false, createdAt: now, updatedAt: now,
      })));
    }
    branches.push({ id: park.branches.A, name: '新能源公司党支部', members: 4, people: [park.ids.王芳, park.ids.李强, park.ids.赵敏, park.ids.孙丽] });
    // Random awards over Aug–Oct 2026 (across Q3/Q4), with counters; random counter events.
    const days = ['2026-08-03', '2026-08-31', '2026-09-15', '2026-09-30', '2026-10-01', '2026-10-20'];
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const awards = Array.from({ length: 160 }, (_, i) => {
      const b = pick(branches);
      const item = pick(POINT_ITEMS);
      const quantity = item === 'volunteerHours' ? 0.5 * (1 + Math.floor(rand() * 8)) : 1;
      const c = item === 'volunteerHours' ? { volunteerHours: quantity } : item === 'topicCompleted' ? { topicsCompleted: 1 } : item === 'pledgeFulfilled' ? { pledgesFulfilled: 1 } : {};
      // Sources repeat now and then: a replay must not count twice.
      return { parkId: park.parkId, personId: pick(b.people), branchId: b.id, item, sourceId: `src-${Math.floor(rand() * 140)}`, quantity, counters: c, at: `${pick(days)}T0${Math.floor(rand() * 10)}:00:00+08:00` };
    });
    await pool(awards, 4, (a) => award(emu, a));
    const events = Array.from({ length: 30 }, (_, i) => ({
      parkId: park.parkId, branchId: pick(branches).id, sourceId: `ev-${i % 25}`, at: `${pick(days)}T12:00:00+08:00`,
      counters: rand() < 0.5 ? { topicsAssigned: 1 + Math.floor(rand() * 5) } : { pledgesDue: 1 + Math.floor(rand() * 3) },
    }));
    await pool(events, 4, (e) => counters(emu, e));
    // A few corrections.
    const ledger = await all(emu, 'points_ledger', { parkId: park.parkId });
    const admin = as(emu, park, '周涛');
    for (const e of ledger.filter((x) => x.points > 0).slice(0, 5)) await admin.ok('score', 'ledger.reverse', { entryId: e._id, reason: '重复登记' });
  });
  afterAll(() => emu?.stop());

  /** The leaderboard computed from scratch: sums over the ledger and counter events, then sort and rank. */
  async function bruteForce(measure: Measure, period: string, min: number) {
    const ledger = (await all(emu, 'points_ledger', { parkId: park.parkId })).filter((e) => inPeriod(e, period));
    const events = (await all(emu, 'points_counter_events', { parkId: park.parkId })).map((e) => ({ ...e, quarter: `${e.month.slice(0, 4)}-Q${Math.ceil(Number(e.month.slice(5)) / 3)}`, year: e.month.slice(0, 4) })).filter((e) => inPeriod(e, period));
    const rows = [...branches, { id: park.branches.B, name: '园区联合党支部', members: 2, people: [] }].map((b) => {
      const sum = (xs: any[], f: (x: any) => number) => Math.round(xs.filter((x) => x.branchId === b.id).reduce((n, x) => n + f(x), 0) * 100) / 100;
      const c = {
        points: sum(ledger, (e) => e.points),
        topicsCompleted: sum(ledger, (e) => e.counters?.topicsCompleted ?? 0) + sum(events, (e) => e.counters.topicsCompleted ?? 0),
        topicsAssigned: sum(events, (e) => e.counters.topicsAssigned ?? 0),
        volunteerHours: sum(ledger, (e) => e.counters?.volunteerHours ?? 0),
        pledgesFulfilled: sum(ledger, (e) => e.counters?.pledgesFulfilled ?? 0),
        pledgesDue: sum(events, (e) => e.counters.pledgesDue ?? 0),
      };
      const ratio = (a: number, d: number) => (d > 0 ? Math.round((a / d) * 10000) / 10000 : null);
      const value = { pointsPerMember: ratio(c.points, b.members), studyRate: ratio(c.topicsCompleted, c.topicsAssigned), volunteerHoursPerMember: ratio(c.volunteerHours, b.members), pledgeRate: ratio(c.pledgesFulfilled, c.pledgesDue) }[measure];
      return { branch: { id: b.id, name: b.name }, members: b.members, value };
    });
    const order = (a: (typeof rows)[number], b: (typeof rows)[number]) =>
      (a.value === null ? 1 : 0) - (b.value === null ? 1 : 0) || (b.value ?? 0) - (a.value ?? 0) || a.branch.name.localeCompare(b.branch.name, 'zh');
    const ranked = rows.filter((r) => r.members >= min).sort(order);
    return {
      ranked: ranked.map((r) => ({ ...r, rank: r.value === null ? null : 1 + ranked.filter((o) => o.value !== null && o.value > r.value!).length })),
      unranked: rows.filter((r) => r.members < min).sort(order).map((r) => ({ ...r, rank: null })),
    };
  }

  test('every measure, month, quarter and year equals a brute-force computation', async () => {
    const wang = as(emu, park, '王芳');
    for (const period of PERIODS)
      for (const measure of MEASURES) {
        const periodKind = period.length === 4 ? 'year' : period.includes('Q') ? 'quarter' : 'month';
        const board = await wang.ok('score', 'leaderboard', { measure, periodKind, period });
        const expected = await bruteForce(measure, period, 3);
        const strip = (rows: any[]) => rows.map((r) => ({ rank: r.rank, branch: r.branch, members: r.members, value: r.value }));
        assert.deepEqual(strip(board.ranked), strip(expected.ranked), `${measure} ${period}`);
        assert.deepEqual(strip(board.unranked), strip(expected.unranked), `${measure} ${period}`);
        assert.ok(board.unranked.every((r: any) => r.members < 3));
      }
  });

  test('the minimum size is a setting; smaller branches are listed, not ranked', async () => {
    await as(emu, park, '周涛').ok('score', 'settings.update', { minRankedMembers: 5 });
    const board = await as(emu, park, '王芳').ok('score', 'leaderboard', { measure: 'pointsPerMember', periodKind: 'quarter', period: '2026-Q3' });
    const expected = await bruteForce('pointsPerMember', '2026-Q3', 5);
    assert.deepEqual(board.ranked.map((r: any) => [r.rank, r.branch.id, r.value]), expected.ranked.map((r) => [r.rank, r.branch.id, r.value]));
    assert.deepEqual(board.unranked.map((r: any) => [r.rank, r.branch.id]), expected.unranked.map((r) => [null, r.branch.id]));
    await as(emu, park, '周涛').ok('score', 'settings.update', { minRankedMembers: 3 });
  });

  test('a view reads the period snapshot: recomputed after a write or a minute, otherwise a fixed few reads; never the ledger or the roster', async () => {
    const wang = as(emu, park, '王芳');
    const q = { measure: 'pointsPerMember', periodKind: 'year', period: '2026' };
    const lastCall = async () => {
      const calls = await emu.api('GET', '/_emulator/functions/calls?function=score&limit=1');
      const reqs = (await emu.api('GET', '/_emulator/requests?limit=200')).filter((r: any) => r.from?.endsWith(calls[0].requestId));
      const byColl: string[] = reqs.map((r: any) => `${r.collection}:${r.plan ?? ''}`);
      assert.ok(!byColl.some((x) => x.startsWith('points_ledger')), byColl.join(' '));
      assert.deepEqual(byColl.filter((x) => x.startsWith('people')), ['people:IXSCAN openid_1'], 'only the caller is looked up');
      assert.ok(reqs.every((r: any) => /^(IXSCAN|IDS)/.test(r.plan ?? 'IDS')), byColl.join(' '));
      return { reqs, byColl, examined: reqs.reduce((n: number, r: any) => n + (r.docsExamined ?? 0), 0) };
    };
    // Ten seconds after every write so far: the first view computes the snapshot from branches and totals.
    await setClock(emu, '2027-06-01T02:00:00Z');
    const first = await wang.ok('score', 'leaderboard', q);
    const computed = await lastCall();
    assert.ok(computed.byColl.some((x) => x.startsWith('branches:')), computed.byColl.join(' '));
    const totalsRead = computed.reqs.find((r: any) => r.collection === 'points_totals' && r.docsReturned > 1);
    assert.ok(totalsRead.docsExamined <= branches.length + 2, 'one totals document per branch');
    // The next view, seconds later, reads the snapshot and one index entry: no branch, no totals page.
    await emu.api('POST', '/_emulator/clock', { advance: 5_000 });
    const second = await wang.ok('score', 'leaderboard', q);
    assert.deepEqual(second.ranked, first.ranked);
    const cached = await lastCall();
    assert.ok(!cached.byColl.some((x) => x.startsWith('branches:')), cached.byColl.join(' '));
    assert.ok(cached.reqs.length <= 6 && cached.examined <= 6, `${cached.reqs.length} round trips, ${cached.examined} examined`);
    // An award: the very next view is exact again.
    const b = branches.find((x) => x.members >= 3)!;
    const before = first.ranked.find((r: any) => r.branch.id === b.id).value as number;
    await award(emu, { parkId: park.parkId, personId: b.people[0]!, branchId: b.id, item: 'suggestionAdopted', sourceId: 'snapshot-check', at: '2026-08-01T10:00:00+08:00' });
    const third = await wang.ok('score', 'leaderboard', q);
    const after = third.ranked.find((r: any) => r.branch.id === b.id).value as number;
    assert.equal(Math.round((after - before) * b.members), 10, 'the new 10 points count at once');
    assert.ok((await lastCall()).byColl.some((x) => x.startsWith('branches:')), 'recomputed');
    // A minute later a snapshot is recomputed anyway (member counts and names change without totals).
    await emu.api('POST', '/_emulator/clock', { advance: 61_000 });
    await wang.ok('score', 'leaderboard', q);
    assert.ok((await lastCall()).byColl.some((x) => x.startsWith('branches:')), 'recomputed after a minute');
  });

  test('ties share a rank and the next rank is skipped', async () => {
    const at = '2027-02-10T10:00:00+08:00';
    // rb-* branches get 2 points per member each for February 2027 except one with more: a tie below it.
    const target = branches.filter((b) => b.members >= 3).slice(0, 3);
    for (const [n, b] of target.entries())
      for (const p of b.people) await award(emu, { parkId: park.parkId, personId: p, branchId: b.id, item: 'quizPassed', sourceId: `tie-${n}`, at, quantity: n === 0 ? 2 : 1 });
    const board = await as(emu, park, '王芳').ok('score', 'leaderboard', { measure: 'pointsPerMember', periodKind: 'month', period: '2027-02' });
    const got = board.ranked.filter((r: any) => target.some((t) => t.id === r.branch.id)).map((r: any) => [r.rank, r.value]);
    assert.deepEqual(got, [[1, 10], [2, 5], [2, 5]]);
    const next = board.ranked.find((r: any) => r.value === 0);
    assert.equal(next?.rank, 4, 'after two at rank 2 comes rank 4');
  });

  test('the monthly timer gives last month\'s flag to the top branch, once, however often it fires', async () => {
    await setClock(emu, '2026-11-01T01:00:00Z'); // 09:00 Nov 1 in Beijing: the flag for October
    const run = () => emu.api('POST', '/_emulator/triggers/run', { function: 'red-flag', trigger: 'monthly' });
    const [a, b] = await Promise.all([run(), run()]);
    assert.equal(a.ok && b.ok, true);
    await run();
    const expected = (await bruteForce('pointsPerMember', '2026-10', 3)).ranked[0]!;
    const flag = await getDoc(emu, 'red_flags', `${park.parkId}|2026-10`);
    assert.equal(flag.branchId, expected.branch.id);
    assert.equal(flag.value, expected.value);
    assert.equal((await all(emu, 'red_flags', { parkId: park.parkId })).length, 1);
    // Points that arrive after the flag was given do not move it when the timer fires again.
    const loser = branches.find((x) => x.id !== expected.branch.id && x.members >= 3)!;
    await award(emu, { parkId: park.parkId, personId: loser.people[0]!, branchId: loser.id, item: 'suggestionAdopted', sourceId: 'late', at: '2026-10-31T12:00:00+08:00', quantity: 100 });
    await run();
    assert.equal((await getDoc(emu, 'red_flags', `${park.parkId}|2026-10`)).branchId, expected.branch.id);
    // Another measure for the next month, chosen by the park admin; the history is kept, newest first.
    await as(emu, park, '周涛').ok('score', 'settings.update', { flagMeasure: 'volunteerHoursPerMember' });
    await setClock(emu, '2026-12-01T01:00:00Z'); // the flag for November: nothing happened in November
    await run();
    assert.equal(await getDoc(emu, 'red_flags', `${park.parkId}|2026-11`), undefined, 'no flag when no branch has anything to show');
    await award(emu, { parkId: park.parkId, personId: loser.people[0]!, branchId: loser.id, item: 'volunteerHours', sourceId: 'dec-act', at: '2026-12-05T12:00:00+08:00', quantity: 3, counters: { volunteerHours: 3 } });
    await setClock(emu, '2027-01-01T01:00:00Z');
    await run();
    const dec = await getDoc(emu, 'red_flags', `${park.parkId}|2026-12`);
    assert.deepEqual([dec.branchId, dec.measure], [loser.id, 'volunteerHoursPerMember']);
    const { flags } = await as(emu, park, '王芳').ok('score', 'flags.list');
    assert.deepEqual(flags.map((f: any) => f.month), ['2026-12', '2026-10']);
    const board = await as(emu, park, '王芳').ok('score', 'leaderboard', {});
    assert.equal(board.flag.month, '2026-12');
    assert.equal(board.period, '2027-01');
  });
});

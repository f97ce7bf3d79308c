// awardPoints through a real function invocation: one transaction writes the ledger entry and every
// total; exactly once under replay and under 100 concurrent duplicates; 100 concurrent awards on one
// branch all land; caps at their boundaries in China time (midnight, month end, year end).
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { DEFAULT_POINTS_TABLE } from '../../../shared/points';
import type { EmulatorHandle } from '../../support/emulator.js';
import { as, type TestPark } from '../../support/park.js';
import { snapshot } from '../org/support.js';
import { all, award, awardReply, counters, forPerson, getDoc, ledgerIdOf, setClock, startScore, totalPoints } from './support.js';

describe('awardPoints', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  beforeAll(async () => ({ emu, park } = await startScore(4)));
  afterAll(() => emu?.stop());

  test('an award writes its entry and raises the person (day/month/quarter/year) and branch (month/quarter/year) totals', async () => {
    await setClock(emu, '2026-11-20T02:00:00Z'); // 10:00 on Nov 20 in Beijing
    const args = forPerson(park, '王芳', 'topicCompleted', 'topic-2026-11', { note: '十一月专题' });
    const r = await award(emu, args);
    assert.deepEqual(r, { status: 'awarded', entryId: ledgerIdOf(args), points: 10, capped: false, cap: null, text: '完成月度专题学习 +10 分' });
    const entry = await getDoc(emu, 'points_ledger', r.entryId);
    assert.equal(entry.kind, 'award');
    assert.equal(entry.points, 10);
    assert.equal(entry.requested, 10);
    assert.equal(entry.note, '十一月专题');
    assert.equal(entry.sourceId, 'topic-2026-11');
    assert.deepEqual([entry.day, entry.month, entry.quarter, entry.year], ['2026-11-20', '2026-11', '2026-Q4', '2026']);
    assert.equal(entry.tableVersion, 0);
    assert.equal(entry.at.toISOString().slice(0, 19), '2026-11-20T02:00:00');
    const wang = park.ids.王芳;
    for (const p of ['2026-11-20', '2026-11', '2026-Q4', '2026']) {
      const t = await getDoc(emu, 'points_totals', `P|${wang}|${p}`);
      assert.equal(t.points, 10, p);
      assert.deepEqual(t.byItem, { topicCompleted: 10 });
      assert.equal(t.scope, 'person');
      assert.equal(t.branchId, park.branches.A);
    }
    for (const p of ['2026-11', '2026-Q4', '2026']) assert.equal(await totalPoints(emu, `B|${park.branches.A}|${p}`), 10, p);
    assert.equal(await getDoc(emu, 'points_totals', `B|${park.branches.A}|2026-11-20`), undefined, 'no branch day totals');
  });

  test('replaying the same event answers duplicate and writes nothing', async () => {
    const args = forPerson(park, '王芳', 'topicCompleted', 'topic-2026-11');
    const before = await snapshot(emu);
    for (let i = 0; i < 3; i++) {
      assert.deepEqual(await award(emu, args), { status: 'duplicate', entryId: ledgerIdOf(args), points: 10, capped: false, cap: null, text: '「完成月度专题学习」这次的积分已经记过（+10 分）' });
    }
    assert.equal(await snapshot(emu), before);
    // A later replay (another day, the clock moved) is still the same event.
    await setClock(emu, '2026-11-25T02:00:00Z');
    assert.equal((await award(emu, args)).status, 'duplicate');
    assert.equal(await totalPoints(emu, `P|${park.ids.王芳}|2026-11`), 10);
  });

  test('100 concurrent duplicate awards land exactly once', async () => {
    const args = forPerson(park, '李强', 'quizPassed', 'quiz-race');
    const results = await Promise.all(Array.from({ length: 100 }, () => award(emu, args)));
    assert.equal(results.filter((r) => r.status === 'awarded').length, 1);
    assert.equal(results.filter((r) => r.status === 'duplicate').length, 99);
    assert.ok(results.every((r) => r.entryId === ledgerIdOf(args) && r.points === 5));
    assert.equal((await all(emu, 'points_ledger', { sourceId: 'quiz-race' })).length, 1);
    assert.equal(await totalPoints(emu, `P|${park.ids.李强}|2026-11`), 5);
    assert.equal(await totalPoints(emu, `B|${park.branches.A}|2026-11`), 15);
  });

  test('100 concurrent different awards on one branch all land (conflicts on its totals are retried)', async () => {
    // An uncapped item, so every award counts in full.
    const admin = as(emu, park, '周涛');
    const { version } = await admin.ok('score', 'table.get');
    const table = { ...DEFAULT_POINTS_TABLE, suggestionAdopted: { points: 3, dailyCap: null, monthlyCap: null, yearlyCap: null, enabled: true } };
    await admin.ok('score', 'table.update', { version, table });
    const people = ['王芳', '李强', '赵敏', '孙丽'] as const;
    const before = await totalPoints(emu, `B|${park.branches.A}|2026-11`);
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => award(emu, forPerson(park, people[i % 4]!, 'suggestionAdopted', `s-${i}`))));
    assert.ok(results.every((r) => r.status === 'awarded' && r.points === 3));
    assert.equal(await totalPoints(emu, `B|${park.branches.A}|2026-11`), before + 300);
    assert.equal(await totalPoints(emu, `B|${park.branches.A}|2026-Q4`), before + 300);
    for (const p of people) assert.equal((await getDoc(emu, 'points_totals', `P|${park.ids[p]}|2026-11-25`)).byItem.suggestionAdopted, 75, p);
    assert.equal((await all(emu, 'points_ledger', { item: 'suggestionAdopted' })).length, 100);
    assert.equal((await getDoc(emu, 'points_ledger', results[0]!.entryId)).tableVersion, 1, 'entries name the table version used');
  });

  test('a daily cap resets at midnight China time, not UTC', async () => {
    // noteWritten: 5 points, 5 a day, 10 a month. 2026-11-10T15:59:59Z is 23:59:59 on Nov 10 in Beijing.
    const note = (s: string) => award(emu, forPerson(park, '赵敏', 'noteWritten', s));
    await setClock(emu, '2026-11-10T15:59:59Z');
    assert.deepEqual(await note('n1'), { status: 'awarded', entryId: ledgerIdOf(forPerson(park, '赵敏', 'noteWritten', 'n1')), points: 5, capped: false, cap: null, text: '撰写学习心得 +5 分' });
    const capped = await note('n2');
    assert.equal(capped.points, 0);
    assert.equal(capped.capped, true);
    // Said in words, with the cap that held it back (noteWritten: 5 a day).
    assert.deepEqual([capped.cap, capped.text], ['day', '今天「撰写学习心得」积分已记满（应得 5 分），这次不加分']);
    const entry = await getDoc(emu, 'points_ledger', capped.entryId);
    assert.deepEqual([entry.points, entry.requested, entry.capped], [0, 5, true], 'a capped event is still recorded, once');
    await setClock(emu, '2026-11-10T16:00:00Z'); // 00:00 on Nov 11 in Beijing: a new day
    assert.equal((await note('n3')).points, 5);
    assert.equal(await totalPoints(emu, `P|${park.ids.赵敏}|2026-11-10`), 5);
    assert.equal(await totalPoints(emu, `P|${park.ids.赵敏}|2026-11-11`), 5);
    // The monthly cap (10) is now reached for November.
    await setClock(emu, '2026-11-20T03:00:00Z');
    assert.deepEqual([(await note('n4')).points, (await note('n4')).status], [0, 'duplicate']);
  });

  test('a monthly cap resets at month end in China time (Nov 30 23:59:59 vs Dec 1 00:00)', async () => {
    const note = (s: string) => award(emu, forPerson(park, '赵敏', 'noteWritten', s));
    await setClock(emu, '2026-11-30T15:59:59Z'); // still November in Beijing
    const late = await note('n5');
    assert.deepEqual([late.points, late.capped], [0, true]);
    await setClock(emu, '2026-11-30T16:00:00Z'); // December 1 in Beijing (still Nov 30 in UTC)
    const early = await note('n6');
    assert.deepEqual([early.points, early.capped], [5, false]);
    const entry = await getDoc(emu, 'points_ledger', early.entryId);
    assert.deepEqual([entry.day, entry.month, entry.quarter], ['2026-12-01', '2026-12', '2026-Q4']);
    const notes = async (p: string) => (await getDoc(emu, 'points_totals', `P|${park.ids.赵敏}|${p}`)).byItem.noteWritten;
    assert.deepEqual([await notes('2026-11'), await notes('2026-12'), await notes('2026-Q4')], [10, 5, 15]);
  });

  test('a cap is met part-way (hours), and a yearly cap resets on January 1 China time', async () => {
    // volunteerHours: 2 points an hour, 16 a day, 60 a month, 400 a year.
    await setClock(emu, '2026-12-02T02:00:00Z');
    const hours = (s: string, quantity: number) => award(emu, forPerson(park, '孙丽', 'volunteerHours', s, { quantity, counters: { volunteerHours: quantity } }));
    assert.deepEqual((await hours('act-1', 5)).points, 10);
    const part = await hours('act-2', 5);
    assert.deepEqual([part.points, part.capped], [6, true]);
    assert.equal((await getDoc(emu, 'points_ledger', part.entryId)).requested, 10);
    // The branch's hours counter counts real hours, capped points or not.
    const b = await getDoc(emu, 'points_totals', `B|${park.branches.A}|2026-12`);
    assert.equal(b.volunteerHours, 10);
    // partyLectureAttended: 10 each, 10 a month, 40 a year. The `at` of the event sets its periods.
    const lecture = (s: string, at: string) => award(emu, forPerson(park, '孙丽', 'partyLectureAttended', s, { at }));
    for (const m of ['03', '06', '09', '11']) assert.equal((await lecture(`l-${m}`, `2026-${m}-15T02:00:00Z`)).points, 10);
    assert.deepEqual([(await lecture('l-12', '2026-12-31T15:59:59Z')).points], [0], 'the yearly cap holds to the last second of the year');
    assert.equal((await lecture('l-27', '2026-12-31T16:00:00Z')).points, 10, '2027-01-01 00:00 in Beijing');
    assert.equal(await totalPoints(emu, `P|${park.ids.孙丽}|2027`), 10);
  });

  test('a switched-off item records the event with 0 points', async () => {
    const admin = as(emu, park, '周涛');
    const { version, table } = await admin.ok('score', 'table.get');
    await admin.ok('score', 'table.update', { version, table: { ...table, pledgeFulfilled: { ...table.pledgeFulfilled, enabled: false } } });
    const r = await award(emu, forPerson(park, '张伟', 'pledgeFulfilled', 'pledge-1', { counters: { pledgesFulfilled: 1 } }));
    assert.deepEqual([r.status, r.points, r.capped, r.cap, r.text], ['awarded', 0, false, 'off', '「承诺事项践诺」目前不计积分']);
    assert.equal((await getDoc(emu, 'points_ledger', r.entryId)).requested, 0);
    assert.equal((await getDoc(emu, 'points_totals', `B|${park.branches.B}|2026-12`)).pledgesFulfilled, 1);
    await admin.ok('score', 'table.update', { version: version + 1, table });
  });

  test('branch counters without points are counted once per event', async () => {
    const c = { parkId: park.parkId, branchId: park.branches.B, sourceId: 'topic-12:assigned', counters: { topicsAssigned: 2 }, at: '2026-12-03T02:00:00Z' };
    assert.equal((await counters(emu, c)).status, 'recorded');
    const again = await Promise.all(Array.from({ length: 10 }, () => counters(emu, c)));
    assert.ok(again.every((r) => r.status === 'duplicate'));
    const b = await getDoc(emu, 'points_totals', `B|${park.branches.B}|2026-12`);
    assert.equal(b.topicsAssigned, 2);
    assert.equal((await getDoc(emu, 'points_totals', `B|${park.branches.B}|2026`)).topicsAssigned, 2);
  });

  test('bad input from a feature is refused and writes nothing', async () => {
    const before = await snapshot(emu);
    const base = forPerson(park, '王芳', 'topicCompleted', 'bad');
    for (const bad of [
      { ...base, sourceId: '' },
      { ...base, item: 'selfPraise' },
      { ...base, quantity: -1 },
      { ...base, quantity: 0 },
      { ...base, personId: undefined },
      { ...base, counters: { likes: 1 } },
    ]) {
      const r = await awardReply(emu, bad as never);
      assert.equal(r.ok, false, JSON.stringify(bad));
    }
    assert.equal(await snapshot(emu), before);
  });
});

// Dashboards: branch A's year for its secretary (study by month, hours by month, 履诺率, points per member, its
// 三会一课 items) and the park's for the park admin (覆盖率, branches by colour, points per member by branch, the
// branches falling behind with why); a secretary cannot see another branch or the park.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import type { EmulatorHandle } from '../../support/emulator.js';
import { as, type TestPark } from '../../support/park.js';
import { complete, refusedBy, setClock, startStudy, topicInput } from '../study/support.js';

const refused = refusedBy('ledger');

describe('ledger: dashboards', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  const db = () => emu.app().database();

  beforeAll(async () => {
    ({ emu, park } = await startStudy()); // 2026-11-10 10:00 China time
    const { meeting } = await as(emu, park, '李强').ok('study', 'meetings.create', { branchId: park.branches.A, kind: 'partyDay', title: '十一月主题党日', date: '2026-11-10', startTime: '09:30', endTime: '11:30', place: '党员活动室' });
    const { code } = await as(emu, park, '李强').ok('study', 'meetings.code', { meetingId: meeting.id });
    await as(emu, park, '王芳').ok('study', 'meetings.checkIn', { code });
    const { topic } = await as(emu, park, '周涛').ok('study', 'topics.create', topicInput());
    await complete(as(emu, park, '王芳'), topic.id);
    await db().collection('volunteer_registrations').add({
      _id: 'shift-x|w', activityId: 'act-x', shiftId: 'shift-x', parkId: park.parkId, branchId: park.branches.A, personId: park.ids.王芳, name: '王芳',
      shiftStart: new Date('2026-10-20T01:00:00Z'), shiftEnd: new Date('2026-10-20T04:30:00Z'), status: 'registered', signedInAt: null, signedOutAt: null,
      signOutBy: null, signedInOpen: false, manualReason: null, confirmedHours: 3.5, correctionReason: null, createdAt: new Date(), updatedAt: new Date(),
    });
  });
  afterAll(() => emu?.stop());

  test('the secretary’s branch: study and hours by month, points per member, its 三会一课 items', async () => {
    const d = await as(emu, park, '李强').ok('ledger', 'dashboard.get', { branchId: park.branches.A, year: '2026' });
    assert.deepEqual([d.scope, d.name, d.year], ['branch', '新能源公司党支部', '2026']);
    assert.equal(d.study.length, 11, 'January to November');
    assert.deepEqual(d.study.find((x: any) => x.month === '2026-11'), { month: '2026-11', done: 1, due: 4 });
    assert.deepEqual(d.hours.find((x: any) => x.month === '2026-10'), { month: '2026-10', hours: 3.5 });
    assert.deepEqual(d.pledges, { fulfilled: 0, due: 0, rate: null });
    assert.equal(d.points[0].name, '王芳');
    assert.ok(d.points[0].points >= 10);
    assert.equal(d.points.length, 4, 'Party members only');
    assert.deepEqual(d.compliance.items.map((i: any) => i.label).slice(0, 2), ['主题党日', '支委会']);
    assert.deepEqual(d.behind, []);
    assert.deepEqual(d.bound.people, 5);
  });

  test('the park: 覆盖率, branches by colour, points per member by branch, who falls behind and why', async () => {
    const d = await as(emu, park, '周涛').ok('ledger', 'dashboard.get', { year: '2026' });
    assert.deepEqual([d.scope, d.name], ['park', '测试工业园区']);
    assert.deepEqual(d.coverage, { covered: 3, total: 5, rate: 0.6 });
    assert.equal(d.compliance.branches.green + d.compliance.branches.yellow + d.compliance.branches.red, 2);
    assert.deepEqual(d.points.map((p: any) => p.name), ['新能源公司党支部', '园区联合党支部']);
    const a = d.behind.find((b: any) => b.name === '新能源公司党支部');
    assert.ok(a, JSON.stringify(d.behind));
    assert.ok(a.reasons.some((r: string) => /^学习完成 25%$/.test(r)), JSON.stringify(a.reasons));
    assert.ok(a.reasons.some((r: string) => r.startsWith('三会一课：')), JSON.stringify(a.reasons));
  });

  test('the park board’s snapshot is one document a park and year, counted again in place: ledger_boards does not grow with looks', async () => {
    const boards = async () => ((await db().collection('ledger_boards').where({ parkId: park.parkId }).get()).data as Array<{ _id: string; countedAt: Date }>)
      .map((b) => [b._id, new Date(b.countedAt).toISOString().slice(0, 16)]).sort(); // (to the minute: the frozen clock moves a few ms)
    const zhou = as(emu, park, '周涛');
    await zhou.ok('ledger', 'dashboard.get', { year: '2026' });
    const first = await boards();
    assert.equal(first.length, 1);
    // Three looks, each after the snapshot went stale (BOARD_FRESH_MS, 5 minutes): each counts again, in the same document.
    for (const at of ['2026-11-10T02:10:00Z', '2026-11-10T02:20:00Z', '2026-11-10T02:30:00Z']) {
      await setClock(emu, at);
      const d = await zhou.ok('ledger', 'dashboard.get', { year: '2026' });
      assert.equal(d.countedAt.slice(0, 16), at.slice(0, 16));
    }
    assert.deepEqual(await boards(), [[`${park.parkId}|2026`, '2026-11-10T02:30']]);
    // Another year is its own document: at most one a year looked at.
    await zhou.ok('ledger', 'dashboard.get', { year: '2025' });
    assert.deepEqual((await boards()).map(([id]) => id), [`${park.parkId}|2025`, `${park.parkId}|2026`]);
    await setClock(emu, '2026-11-10T02:00:00Z');
  });

  test('refused: another branch, the park as a secretary, a member', async () => {
    await refused(emu, as(emu, park, '张伟'), 'dashboard.get', { branchId: park.branches.A, year: '2026' }, 'FORBIDDEN', /本支部/);
    await refused(emu, as(emu, park, '李强'), 'dashboard.get', { year: '2026' }, 'FORBIDDEN', /园区党委管理员/);
    await refused(emu, as(emu, park, '王芳'), 'dashboard.get', { branchId: park.branches.A, year: '2026' }, 'FORBIDDEN');
  });
});

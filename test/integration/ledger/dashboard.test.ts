// Dashboards: branch A's year for its secretary (study by month, hours by month, 履诺率, points per member, its
// 三会一课 items) and the park's for the park admin (覆盖率, branches by colour, points per member by branch, the
// branches falling behind with why); a secretary cannot see another branch or the park.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import type { EmulatorHandle } from '../../support/emulator.js';
import { as, type TestPark } from '../../support/park.js';
import { complete, refusedBy, startStudy, topicInput } from '../study/support.js';

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

  test('refused: another branch, the park as a secretary, a member', async () => {
    await refused(emu, as(emu, park, '张伟'), 'dashboard.get', { branchId: park.branches.A, year: '2026' }, 'FORBIDDEN', /本支部/);
    await refused(emu, as(emu, park, '李强'), 'dashboard.get', { year: '2026' }, 'FORBIDDEN', /园区党委管理员/);
    await refused(emu, as(emu, park, '王芳'), 'dashboard.get', { branchId: park.branches.A, year: '2026' }, 'FORBIDDEN');
  });
});

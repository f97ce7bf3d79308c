// Registering a walk-in by hand needs the person's id: `shifts.findPeople` lets whoever manages the
// activity find people by the start of their name, among those who may join it (the branch for a
// branch activity, Party members for a members-only one), with names and branches only. The roster
// names a branch activity's branch.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { EmulatorHandle } from '../../support/emulator.js';
import { as, type TestPark } from '../../support/park.js';
import { assertError, createActivity, startVolunteer } from './support.js';

describe('volunteer: finding people for a walk-in', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  beforeAll(async () => {
    ({ emu, park } = await startVolunteer());
  });
  afterAll(() => emu?.stop());

  const names = (r: { people: Array<{ name: string }> }) => r.people.map((p) => p.name);

  test('a park-wide activity: anyone on the park roster by name prefix, bound or not, no phones; who is on the roster is marked', async () => {
    const liu = as(emu, park, '刘洋');
    const { shifts: [morning] } = await createActivity(liu);
    await as(emu, park, '陈静').ok('volunteer', 'signUp', { shiftId: morning });
    const chen = await liu.ok('volunteer', 'shifts.findPeople', { shiftId: morning, name: '陈' });
    assert.deepEqual(chen.people, [{ personId: park.ids.陈静, name: '陈静', branchName: '新能源公司党支部', onRoster: true }]);
    const sun = await liu.ok('volunteer', 'shifts.findPeople', { shiftId: morning, name: '孙丽' });
    assert.deepEqual(sun.people.map((p: any) => [p.name, p.onRoster]), [['孙丽', false]], 'not bound yet, still on the roster');
    assert.deepEqual(names(await liu.ok('volunteer', 'shifts.findPeople', { shiftId: morning, name: '欧阳' })), []);
    assert.ok(!JSON.stringify(chen).includes('1380000'), 'no phone');
  });

  test('members only: 群众 are not offered; a branch activity: only its branch, and the roster names the branch', async () => {
    const liu = as(emu, park, '刘洋');
    const { shifts: [membersShift] } = await createActivity(liu, { audience: 'members', title: '党员志愿服务' });
    assert.deepEqual(names(await liu.ok('volunteer', 'shifts.findPeople', { shiftId: membersShift, name: '陈' })), []);
    assert.deepEqual(names(await liu.ok('volunteer', 'shifts.findPeople', { shiftId: membersShift, name: '赵' })), ['赵敏']);

    const li = as(emu, park, '李强');
    const { shifts: [branchShift] } = await createActivity(li, { scope: 'branch', branchId: park.branches.A, title: '支部志愿服务' });
    assert.deepEqual(names(await li.ok('volunteer', 'shifts.findPeople', { shiftId: branchShift, name: '王' })), ['王芳']);
    assert.deepEqual(names(await li.ok('volunteer', 'shifts.findPeople', { shiftId: branchShift, name: '刘' })), [], '刘洋 is in the other branch');
    const roster = await li.ok('volunteer', 'shifts.roster', { shiftId: branchShift });
    assert.deepEqual(roster.activity.branch, { id: park.branches.A, name: '新能源公司党支部' });
  });

  test('only those who manage the activity may search', async () => {
    const { shifts: [branchShift] } = await createActivity(as(emu, park, '李强'), { scope: 'branch', branchId: park.branches.A, title: '支部活动二' });
    assertError(await as(emu, park, '张伟').call('volunteer', 'shifts.findPeople', { shiftId: branchShift, name: '王' }), 'FORBIDDEN');
    assertError(await as(emu, park, '王芳').call('volunteer', 'shifts.findPeople', { shiftId: branchShift, name: '王' }), 'FORBIDDEN');
  });
});

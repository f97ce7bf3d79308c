// org transfers (组织关系转接): the person moves with everything that belonged to the old branch
// (group, secretaryship, open invite codes) dropped, in one transaction; the history is visible to
// both branches' secretaries and the park admin.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import type { EmulatorHandle } from '../../support/emulator.js';
import { as, type TestPark } from '../../support/park.js';
import { OTHER, addPerson, auditOf, doc, refused, startSeeded } from './support.js';

describe('org transfers', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  const li = () => as(emu, park, '李强'); // secretary of A
  const zhang = () => as(emu, park, '张伟'); // secretary of B
  const zhou = () => as(emu, park, '周涛'); // park admin
  let A: string;
  let B: string;

  beforeAll(async () => {
    ({ emu, park } = await startSeeded());
    ({ A, B } = park.branches);
  });
  afterAll(() => emu?.stop());

  test('a transfer moves the person, clears the group, drops secretaryship of the old branch, revokes open codes, audits', async () => {
    const p = await addPerson(emu, park.parkId, A, { name: '调动人', groupId: 'g-a1', secretaryOf: [A, 'branch-x'] });
    const { invites } = await zhou().ok('org', 'invites.create', { personIds: [p] });
    const { transfer } = await li().ok('org', 'transfers.create', { personId: p, toBranchId: B, reason: ' 工作调动 ' });
    assert.deepEqual({ ...transfer, id: undefined, at: undefined }, {
      id: undefined, at: undefined, personId: p, personName: '调动人',
      fromBranch: { id: A, name: '新能源公司党支部' }, toBranch: { id: B, name: '园区联合党支部' }, toOrganization: null, reason: '工作调动', by: { id: park.ids.李强, name: '李强' },
    });
    const stored = await doc(emu, 'people', p);
    assert.deepEqual([stored.branchId, stored.groupId, stored.secretaryOf], [B, null, ['branch-x']]);
    const inv = (await emu.app().database().collection('invites').where({ code: invites[0].code }).get()).data[0] as any;
    assert.ok(inv.revokedAt instanceof Date);
    const history = await doc(emu, 'transfers', transfer.id);
    assert.deepEqual([history.parkId, history.personId, history.fromBranchId, history.toBranchId, history.reason], [park.parkId, p, A, B, '工作调动']);
    const [entry] = await auditOf(emu, park.parkId, 'transfers.create');
    assert.deepEqual({ actor: entry.actor.name, target: entry.target, detail: entry.detail }, {
      actor: '李强', target: p,
      detail: { personName: '调动人', fromBranchId: A, toBranchId: B, reason: '工作调动', droppedSecretaryOf: A, revokedInvites: 1 },
    });
    // The new branch manages them now; the old one no longer does.
    assert.ok((await zhang().ok('org', 'people.list', {})).people.some((r: any) => r.id === p));
    await refused(emu, li(), 'people.update', { personId: p, responsibilityArea: '一号车间' }, 'FORBIDDEN');
    await refused(emu, li(), 'transfers.create', { personId: p, toBranchId: A, reason: '回调' }, 'FORBIDDEN');
  });

  test('the history is visible to both branches’ secretaries and the park admin, by person and by branch', async () => {
    const p = await addPerson(emu, park.parkId, A, { name: '可见人' });
    const { transfer } = await zhou().ok('org', 'transfers.create', { personId: p, toBranchId: B, reason: '岗位变动' });
    for (const who of [li(), zhang(), zhou()]) {
      const byPerson = await who.ok('org', 'transfers.list', { personId: p });
      assert.deepEqual(byPerson.transfers.map((t: any) => t.id), [transfer.id]);
    }
    assert.ok((await li().ok('org', 'transfers.list', { branchId: A })).transfers.some((t: any) => t.id === transfer.id));
    assert.ok((await zhang().ok('org', 'transfers.list', { branchId: B })).transfers.some((t: any) => t.id === transfer.id));
    assert.ok((await zhou().ok('org', 'transfers.list', { branchId: A })).transfers.some((t: any) => t.id === transfer.id));
    // Not for others: a member, another branch's list, another park.
    await refused(emu, as(emu, park, '王芳'), 'transfers.list', { personId: p }, 'FORBIDDEN');
    await refused(emu, li(), 'transfers.list', { branchId: B }, 'FORBIDDEN');
    await refused(emu, as(emu, null, { openid: OTHER.admin.openid }), 'transfers.list', { personId: p }, 'NOT_FOUND');
    await refused(emu, as(emu, null, { openid: OTHER.secretary.openid }), 'transfers.list', { branchId: A }, 'NOT_FOUND');
  });

  test('refused: a secretary of another branch, the same branch, unknown targets, another park; nothing written', async () => {
    const p = await addPerson(emu, park.parkId, A);
    await refused(emu, zhang(), 'transfers.create', { personId: p, toBranchId: B, reason: '想要这个人' }, 'FORBIDDEN', /本人所在支部的书记/);
    const e = await refused(emu, li(), 'transfers.create', { personId: p, toBranchId: A, reason: '原地' }, 'INVALID_INPUT', /已在新能源公司党支部/);
    assert.ok(e.fields?.toBranchId?.length);
    await refused(emu, li(), 'transfers.create', { personId: p, toBranchId: 'branch-nope', reason: '调动' }, 'NOT_FOUND', /要转入的支部/);
    await refused(emu, li(), 'transfers.create', { personId: p, toBranchId: OTHER.branch, reason: '跨园区' }, 'NOT_FOUND');
    await refused(emu, li(), 'transfers.create', { personId: 'person-nope', toBranchId: B, reason: '调动' }, 'NOT_FOUND');
    await refused(emu, as(emu, null, { openid: OTHER.admin.openid }), 'transfers.create', { personId: p, toBranchId: OTHER.branch, reason: '调动' }, 'NOT_FOUND');
    await refused(emu, as(emu, park, '刘洋'), 'transfers.create', { personId: p, toBranchId: B, reason: '调动' }, 'FORBIDDEN');
    for (const [input, field] of [
      [{ personId: p, toBranchId: B, reason: '' }, 'reason'],
      [{ personId: p, toBranchId: B, reason: '因'.repeat(101) }, 'reason'],
      [{ personId: p, toBranchId: B }, 'reason'],
      [{ personId: p, toBranchId: 7, reason: '调动' }, 'toBranchId'],
    ] as const) {
      const err = await refused(emu, li(), 'transfers.create', input, 'INVALID_INPUT');
      assert.ok(err.fields?.[field]?.length, JSON.stringify(err));
    }
    for (const input of [{}, { personId: p, branchId: A }]) {
      const err = await refused(emu, li(), 'transfers.list', input, 'INVALID_INPUT', /只选一个/);
      assert.ok(err.fields?.personId?.length);
    }
  });

  test('several moves: the history lists them newest first, and each branch sees its own in and out', async () => {
    const p = await addPerson(emu, park.parkId, A, { name: '多次调动' });
    const t1 = (await li().ok('org', 'transfers.create', { personId: p, toBranchId: B, reason: '第一次' })).transfer;
    const t2 = (await zhang().ok('org', 'transfers.create', { personId: p, toBranchId: A, reason: '第二次' })).transfer;
    const t3 = (await zhou().ok('org', 'transfers.create', { personId: p, toBranchId: B, reason: '第三次' })).transfer;
    const { transfers } = await zhou().ok('org', 'transfers.list', { personId: p });
    assert.deepEqual(transfers.map((t: any) => [t.reason, t.fromBranch.id, t.toBranch.id, t.by.name]), [
      ['第三次', A, B, '周涛'], ['第二次', B, A, '张伟'], ['第一次', A, B, '李强'],
    ]);
    const ats = transfers.map((t: any) => Date.parse(t.at));
    assert.deepEqual(ats, [...ats].sort((a: number, b: number) => b - a));
    // 李强 still sees it (his branch is in the history) although the person is in B now.
    assert.deepEqual((await li().ok('org', 'transfers.list', { personId: p })).transfers.map((t: any) => t.id), [t3.id, t2.id, t1.id]);
    const inA = (await li().ok('org', 'transfers.list', { branchId: A })).transfers.filter((t: any) => t.personId === p);
    assert.deepEqual(inA.map((t: any) => t.id), [t3.id, t2.id, t1.id]); // out, in, out
    assert.equal((await doc(emu, 'people', p)).branchId, B);
  });
});

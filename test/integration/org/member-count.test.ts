// The branch's stored memberCount (full + probationary; read by the leaderboards instead of scanning the
// roster) stays equal to the roster through every org write that changes it, leaving the park included.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import type { EmulatorHandle } from '../../support/emulator.js';
import { as, type TestPark } from '../../support/park.js';
import { csvText, utf8Base64 } from './roster-files.js';
import { startSeeded } from './support.js';

describe('branch memberCount', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  beforeAll(async () => ({ emu, park } = await startSeeded()));
  afterAll(() => emu?.stop());

  /** Every branch of the park: stored memberCount against a count of the roster. */
  async function assertCounts() {
    const db = emu.app().database();
    const { data: branches } = await db.collection('branches').where({ parkId: park.parkId }).limit(100).get();
    const { data: people } = await db.collection('people').where({ parkId: park.parkId }).limit(1000).get();
    for (const b of branches as any[]) {
      const real = (people as any[]).filter((p) => p.branchId === b._id && p.memberType !== 'none').length;
      assert.equal(b.memberCount, real, `${b.name}: stored ${b.memberCount}, roster ${real}`);
    }
  }

  test('seeded counts are right', assertCounts);

  test('create, import, 转正 and transfer keep memberCount equal to the roster', async () => {
    const admin = as(emu, park, '周涛');
    const li = as(emu, park, '李强');
    const { branch } = await admin.ok('org', 'branches.create', { name: '计数测试党支部', kind: 'single', enterpriseIds: ['ent-4'] });
    assert.equal(branch.memberCount, 0);
    await assertCounts();
    await admin.ok('org', 'people.create', { branchId: branch.id, name: '马骏', phone: '13600000001', memberType: 'full', joinedPartyOn: '2001-07-01', post: null, responsibilityArea: null });
    const { person: prob } = await admin.ok('org', 'people.create', { branchId: branch.id, name: '韩梅', phone: '13600000002', memberType: 'probationary', joinedPartyOn: '2026-01-05', post: null, responsibilityArea: null });
    await admin.ok('org', 'people.create', { branchId: branch.id, name: '田野', phone: '13600000003', memberType: 'none', joinedPartyOn: null, post: null, responsibilityArea: null });
    await assertCounts();
    const csv = csvText([['许多', '13600000011', '正式党员', '2003-05-04', '', '', '', ''], ['高山', '13600000012', '群众', '', '', '', '', ''], ['罗兰', '13600000013', '预备党员', '2026-02-01', '', '', '', '']]);
    await li.ok('org', 'roster.import', { branchId: park.branches.A, fileName: 'a.csv', contentBase64: utf8Base64(csv) });
    await assertCounts();
    await admin.ok('org', 'people.update', { personId: prob.id, memberType: 'full' });
    await assertCounts();
    // Members and masses move between branches; concurrent transfers into one branch all count.
    await Promise.all([
      li.ok('org', 'transfers.create', { personId: park.ids.王芳, toBranchId: branch.id, reason: '工作调动' }),
      li.ok('org', 'transfers.create', { personId: park.ids.陈静, toBranchId: branch.id, reason: '工作调动' }),
      as(emu, park, '张伟').ok('org', 'transfers.create', { personId: park.ids.周涛, toBranchId: branch.id, reason: '工作调动' }),
    ]);
    await assertCounts();
    const stored = (await emu.app().database().collection('branches').doc(branch.id).get()).data[0] as any;
    assert.equal(stored.memberCount, 4);
  });

  test('leaving the park (a member, a probationary member, masses; by hand and by a transfer out, at once) keeps it equal', async () => {
    const admin = as(emu, park, '周涛');
    const li = as(emu, park, '李强');
    const countOfA = async () => ((await emu.app().database().collection('branches').doc(park.branches.A).get()).data[0] as any).memberCount as number;
    const before = await countOfA();
    await Promise.all([
      li.ok('org', 'people.leave', { personId: park.ids.赵敏, reason: '离职', leftOn: '2026-01-05' }),
      admin.ok('org', 'people.leave', { personId: park.ids.孙丽, reason: '离职', leftOn: '2026-01-05' }),
      admin.ok('org', 'transfers.create', { personId: park.ids.刘洋, toOrganization: '外园区党支部', reason: '调动' }),
    ]);
    await assertCounts();
    assert.equal(await countOfA(), before - 2, 'branch A lost 赵敏 (probationary) and 孙丽 (full)');
  });
});

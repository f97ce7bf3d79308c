// org: the people list (scope, paging, search, phone masking), roles and the audit log.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { canSeePhone, maskPhone, toPersonRow } from '../../../cloudfunctions/org/actions/helpers';
import type { PersonDoc } from '../../../cloudfunctions/_lib/types';
import { type EmulatorHandle, startEmulator } from '../../support/emulator.js';
import { PRODUCT, as, seedTestPark, type TestPark } from '../../support/park.js';
import { OTHER, auditOf, doc, refused, seedOtherParks } from './support.js';

describe('phone masking rules (the row builder every list uses)', () => {
  const person = (over: Partial<PersonDoc>): PersonDoc => ({
    _id: 'p', parkId: 'park', branchId: 'A', groupId: null, name: '王芳', phone: '13812345678', memberType: 'full', joinedPartyOn: null,
    posts: [], responsibilityArea: null, secretaryOf: [], organizer: false, parkAdmin: false, createdAt: new Date(), updatedAt: new Date(), ...over,
  });
  const wang = person({ _id: 'wang', openid: 'o_w' });

  test('masked as 138****5678 for everyone but the person, their own secretary and a park admin of their park', () => {
    assert.equal(maskPhone('13812345678'), '138****5678');
    const viewers: Array<[string, PersonDoc, boolean]> = [
      ['the person themself', wang, true],
      ['the secretary of their branch', person({ _id: 's', secretaryOf: ['A'] }), true],
      ['a secretary of two branches including theirs', person({ _id: 's2', branchId: 'B', secretaryOf: ['B', 'A'] }), true],
      ['a park admin of the park', person({ _id: 'adm', branchId: 'B', parkAdmin: true }), true],
      ['a member of the same branch', person({ _id: 'm', branchId: 'A' }), false],
      ['another branch’s secretary', person({ _id: 'sb', branchId: 'B', secretaryOf: ['B'] }), false],
      ['an organizer', person({ _id: 'o', organizer: true }), false],
      ['another park’s admin', person({ _id: 'x', parkId: 'other', parkAdmin: true }), false],
      ['another park’s “secretary of A”', person({ _id: 'y', parkId: 'other', secretaryOf: ['A'] }), false],
    ];
    for (const [who, viewer, full] of viewers) {
      assert.equal(canSeePhone(viewer, wang), full, who);
      const row = toPersonRow(wang, viewer);
      assert.deepEqual([row.phone, row.phoneMasked], full ? ['13812345678', false] : ['138****5678', true], who);
    }
    assert.deepEqual(toPersonRow(wang, wang).roles, ['member']);
    assert.equal(toPersonRow(wang, wang).bound, true);
    assert.ok(!('openid' in toPersonRow(wang, wang)));
  });
});

describe('org people: people.list, roles.set, audit.list', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  const zhou = () => as(emu, park, '周涛');
  const otherAdmin = () => as(emu, null, { openid: OTHER.admin.openid });
  type Row = { id: string; name: string; phone: string; phoneMasked: boolean; roles: string[]; bound: boolean; branchId: string };

  beforeAll(async () => {
    emu = await startEmulator(PRODUCT);
    park = await seedTestPark(emu);
    await seedOtherParks(emu);
  });
  afterAll(() => emu?.stop());

  test('people.list as a secretary: their branch by default, in pinyin order, full phones, roles derived', async () => {
    const { people, total, unboundTotal } = await as(emu, park, '李强').ok('org', 'people.list', {});
    assert.deepEqual([total, unboundTotal], [5, 1]); // 孙丽 has not bound WeChat
    const names = people.map((p: Row) => p.name);
    assert.deepEqual(names, ['陈静', '李强', '孙丽', '王芳', '赵敏']); // chén lǐ sūn wáng zhào (the database's order was 孙 李 王 赵 陈)
    assert.ok(people.every((p: Row) => p.branchId === park.branches.A && !p.phoneMasked && /^1\d{10}$/.test(p.phone)));
    const byName = Object.fromEntries(people.map((p: Row) => [p.name, p]));
    assert.deepEqual(byName.李强.roles, ['member', 'secretary']);
    assert.equal(byName.李强.fullMemberOn, null, 'an entry stored without 转正日期 reads as null');
    assert.deepEqual(byName.陈静.roles, ['masses']);
    assert.equal(byName.孙丽.bound, false);
    assert.equal(byName.王芳.bound, true);
    assert.deepEqual(byName.王芳, {
      id: park.ids.王芳, name: '王芳', memberType: 'full', branchId: park.branches.A, groupId: 'g-a1', phone: '13800000001', phoneMasked: false,
      joinedPartyOn: '2010-07-01', fullMemberOn: '2011-07-01', posts: [{ kind: 'pioneer', title: '质检先锋岗' }], responsibilityArea: '二号车间', roles: ['member'], bound: true,
      enterprise: null,
    });
    // Explicitly their own branch is the same; another branch is not theirs to see.
    assert.equal((await as(emu, park, '李强').ok('org', 'people.list', { branchId: park.branches.A })).total, 5);
    await refused(emu, as(emu, park, '李强'), 'people.list', { branchId: park.branches.B }, 'FORBIDDEN', /自己担任书记的支部/);
    await refused(emu, as(emu, park, '张伟'), 'people.list', { branchId: park.branches.A }, 'FORBIDDEN');
    await refused(emu, as(emu, park, '李强'), 'people.list', { branchId: OTHER.branch }, 'FORBIDDEN');
    const zw = await as(emu, park, '张伟').ok('org', 'people.list', {});
    assert.deepEqual(zw.people.map((p: Row) => p.name).sort(), ['刘洋', '周涛', '张伟'].sort());
    assert.ok(zw.people.every((p: Row) => !p.phoneMasked));
  });

  test('people.list as a park admin: the whole park or one branch, paged, with a name search; never another park', async () => {
    const all = await zhou().ok('org', 'people.list', {});
    assert.equal(all.total, 8);
    const names: string[] = all.people.map((p: Row) => p.name);
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'zh-Hans-CN-u-co-pinyin')));
    assert.deepEqual(names.slice(0, 3), ['陈静', '李强', '刘洋']);
    assert.ok(!names.includes(OTHER.admin.name));
    assert.ok(all.people.every((p: Row) => !p.phoneMasked));
    const page = await zhou().ok('org', 'people.list', { offset: 2, limit: 3 });
    assert.deepEqual([page.total, page.people.map((p: Row) => p.name)], [8, names.slice(2, 5)]);
    const last = await zhou().ok('org', 'people.list', { offset: 7, limit: 3 });
    assert.deepEqual(last.people.map((p: Row) => p.name), names.slice(7));
    const b = await zhou().ok('org', 'people.list', { branchId: park.branches.B });
    assert.equal(b.total, 3);
    const wang = await zhou().ok('org', 'people.list', { search: ' 王 ' });
    assert.deepEqual([wang.total, wang.people.map((p: Row) => p.name)], [1, ['王芳']]);
    const none = await zhou().ok('org', 'people.list', { search: '吴' }); // 吴刚 is in the other park
    assert.deepEqual([none.total, none.people], [0, []]);
    const inA = await zhou().ok('org', 'people.list', { branchId: park.branches.A, search: '李' });
    assert.deepEqual(inA.people.map((p: Row) => p.name), ['李强']);
    await refused(emu, zhou(), 'people.list', { branchId: OTHER.branch }, 'NOT_FOUND');
    await refused(emu, otherAdmin(), 'people.list', { branchId: park.branches.A }, 'NOT_FOUND');
    const theirs = await otherAdmin().ok('org', 'people.list', {});
    assert.deepEqual(theirs.people.map((p: Row) => p.name).sort(), [OTHER.admin.name, OTHER.secretary.name, OTHER.member.name].sort());
  });

  test('people.list: bad paging and search inputs', async () => {
    for (const [input, field] of [[{ limit: 0 }, 'limit'], [{ limit: 101 }, 'limit'], [{ offset: -1 }, 'offset'], [{ offset: 1.5 }, 'offset'], [{ search: '搜'.repeat(21) }, 'search'], [{ branchId: '' }, 'branchId']] as const) {
      const e = await refused(emu, zhou(), 'people.list', input, 'INVALID_INPUT');
      assert.ok(e.fields?.[field]?.length, `${JSON.stringify(input)} → ${JSON.stringify(e)}`);
    }
  });

  test('roles.set: make someone a secretary; stored, audited with before/after, and the new role works at once', async () => {
    const { person } = await zhou().ok('org', 'roles.set', { personId: park.ids.王芳, secretaryOf: [park.branches.A, park.branches.A] });
    assert.deepEqual(person.roles, ['member', 'secretary']);
    assert.equal(person.phoneMasked, false);
    const stored = await doc(emu, 'people', park.ids.王芳);
    assert.deepEqual([stored.secretaryOf, stored.organizer, stored.parkAdmin], [[park.branches.A], false, false]);
    const [entry] = await auditOf(emu, park.parkId, 'roles.set');
    assert.deepEqual({ actor: entry.actor, target: entry.target, detail: entry.detail }, {
      actor: { id: park.ids.周涛, name: '周涛' }, target: '王芳',
      detail: { personId: park.ids.王芳, before: { secretaryOf: [], organizer: false, parkAdmin: false }, after: { secretaryOf: [park.branches.A], organizer: false, parkAdmin: false } },
    });
    // Roles come from the roster entry on every call: 王芳 may now list her branch.
    assert.equal((await as(emu, park, '王芳').ok('org', 'people.list', {})).total, 5);
    const { branches } = await as(emu, park, '王芳').ok('org', 'branches.list');
    assert.deepEqual(branches.find((b: { id: string }) => b.id === park.branches.A).secretaries.map((s: { name: string }) => s.name).sort(), ['李强', '王芳'].sort());
    // And back: removing the role removes the access.
    await zhou().ok('org', 'roles.set', { personId: park.ids.王芳, secretaryOf: [] });
    await refused(emu, as(emu, park, '王芳'), 'people.list', {}, 'FORBIDDEN');
  });

  test('roles.set: organizer and park admin flags; another admin may remove an admin, nobody their own admin role', async () => {
    const { person } = await zhou().ok('org', 'roles.set', { personId: park.ids.陈静, organizer: true });
    assert.deepEqual(person.roles, ['masses', 'organizer']);
    assert.equal((await doc(emu, 'people', park.ids.陈静)).organizer, true);
    await zhou().ok('org', 'roles.set', { personId: park.ids.张伟, parkAdmin: true });
    assert.equal((await doc(emu, 'people', park.ids.张伟)).parkAdmin, true);
    const e = await refused(emu, as(emu, park, '张伟'), 'roles.set', { personId: park.ids.张伟, parkAdmin: false }, 'FORBIDDEN', /不能取消自己的园区党委管理员/);
    assert.notEqual(e.message, '您没有权限进行这项操作'); // a specific reason, not the generic one
    await as(emu, park, '张伟').ok('org', 'roles.set', { personId: park.ids.周涛, organizer: true }); // other changes to others are fine
    await zhou().ok('org', 'roles.set', { personId: park.ids.张伟, parkAdmin: false }); // another admin may
    assert.equal((await doc(emu, 'people', park.ids.张伟)).parkAdmin, false);
    await zhou().ok('org', 'roles.set', { personId: park.ids.周涛, parkAdmin: true, organizer: false }); // keeping it is fine
    const entries = await auditOf(emu, park.parkId, 'roles.set');
    assert.deepEqual(entries[0].detail.before, { secretaryOf: [], organizer: true, parkAdmin: true });
    assert.deepEqual(entries[0].detail.after, { secretaryOf: [], organizer: false, parkAdmin: true });
  });

  test('roles.set: refusals write nothing', async () => {
    const cases: Array<[string, unknown, string]> = [
      ['masses cannot be secretary', { personId: park.ids.陈静, secretaryOf: [park.branches.A] }, 'secretaryOf'],
      ['a probationary member cannot be secretary', { personId: park.ids.赵敏, secretaryOf: [park.branches.A] }, 'secretaryOf'],
      ['an unknown branch', { personId: park.ids.王芳, secretaryOf: ['branch-nope'] }, 'secretaryOf'],
      ['another park’s branch', { personId: park.ids.王芳, secretaryOf: [OTHER.branch] }, 'secretaryOf'],
      ['more than 5 branches', { personId: park.ids.王芳, secretaryOf: ['a', 'b', 'c', 'd', 'e', 'f'] }, 'secretaryOf'],
      ['organizer not a boolean', { personId: park.ids.王芳, organizer: 'yes' }, 'organizer'],
      ['no personId', { organizer: true }, 'personId'],
    ];
    for (const [why, input, field] of cases) {
      const e = await refused(emu, zhou(), 'roles.set', input, 'INVALID_INPUT');
      assert.ok(e.fields?.[field]?.length, `${why}: ${JSON.stringify(e)}`);
    }
    const e = await refused(emu, zhou(), 'roles.set', { personId: park.ids.王芳 }, 'INVALID_INPUT', /至少修改一项/);
    assert.deepEqual(e.fields, {});
    await refused(emu, zhou(), 'roles.set', { personId: park.ids.王芳, openid: 'o_hijack' }, 'INVALID_INPUT');
    await refused(emu, zhou(), 'roles.set', { personId: OTHER.member.id, organizer: true }, 'NOT_FOUND'); // another park's person
    await refused(emu, otherAdmin(), 'roles.set', { personId: park.ids.王芳, parkAdmin: true }, 'NOT_FOUND');
    await refused(emu, zhou(), 'roles.set', { personId: 'person-nope', organizer: true }, 'NOT_FOUND');
  });

  test('audit.list: the park’s entries newest first, paged, filtered by action; never another park’s', async () => {
    await otherAdmin().ok('org', 'enterprises.create', { name: '外园区企业' });
    const all = await zhou().ok('org', 'audit.list', {});
    assert.equal(all.total, 7); // 6 role changes and none of the other park's
    // Each as a sentence, linking to the roles page; no ids in it.
    assert.equal(all.entries[0].text, '周涛调整了周涛的职务：不再任志愿服务组织者');
    assert.deepEqual(all.entries[0].link, { to: 'roles' });
    const ats = all.entries.map((e: { at: string }) => Date.parse(e.at));
    assert.deepEqual(ats, [...ats].sort((a, b) => b - a));
    assert.ok(all.entries.every((e: { action: string }) => e.action === 'roles.set'));
    assert.deepEqual(all.entries[0].detail.after, { secretaryOf: [], organizer: false, parkAdmin: true });
    const page = await zhou().ok('org', 'audit.list', { offset: 1, limit: 2 });
    assert.deepEqual([page.total, page.entries.map((e: { id: string }) => e.id)], [7, all.entries.slice(1, 3).map((e: { id: string }) => e.id)]);
    await zhou().ok('org', 'enterprises.create', { name: '审计测试企业' });
    const filtered = await zhou().ok('org', 'audit.list', { action: 'enterprises.create' });
    assert.deepEqual([filtered.total, filtered.entries[0].target, filtered.entries[0].actor.name], [1, '审计测试企业', '周涛']);
    const theirs = await otherAdmin().ok('org', 'audit.list', {});
    assert.deepEqual(theirs.entries.map((e: { target: string }) => e.target), ['外园区企业']);
    for (const [input, field] of [[{ limit: 0 }, 'limit'], [{ offset: -1 }, 'offset'], [{ action: 5 }, 'action']] as const) {
      const e = await refused(emu, zhou(), 'audit.list', input, 'INVALID_INPUT');
      assert.ok(e.fields?.[field]?.length);
    }
  });

  test('every query these actions make uses an index (no collection scan)', async () => {
    await emu.api('POST', '/_emulator/stats/reset');
    await as(emu, park, '李强').ok('org', 'people.list', { search: '王' });
    await zhou().ok('org', 'people.list', { offset: 2, limit: 2 });
    await zhou().ok('org', 'people.list', { branchId: park.branches.B, search: '张' });
    await zhou().ok('org', 'roles.set', { personId: park.ids.刘洋, organizer: true });
    await zhou().ok('org', 'audit.list', { action: 'roles.set', limit: 5 });
    await zhou().ok('org', 'audit.list', {});
    const requests: Array<{ plan?: string; from?: string; collection?: string }> = await emu.api('GET', '/_emulator/requests?limit=1000');
    const planned = requests.filter((r) => r.from?.startsWith('org:') && r.plan);
    assert.ok(planned.length >= 12, `only ${planned.length} planned requests`);
    assert.deepEqual(planned.filter((r) => !/^(IXSCAN|IDS)/.test(r.plan!)), []);
  });
});

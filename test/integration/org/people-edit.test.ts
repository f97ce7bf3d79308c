// org people.create, people.update and enterprises.update: the one-person forms, with the roster
// import's rules, unique phones, before/after audit entries, and the member card reflecting changes.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { chinaDateString } from '../../../shared/time';
import type { EmulatorHandle } from '../../support/emulator.js';
import { as, type TestPark } from '../../support/park.js';
import { OTHER, addPerson, auditOf, doc, refused, snapshot, startSeeded } from './support.js';

const DAY = 86_400_000;

describe('org people.create, people.update, enterprises.update', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  const li = () => as(emu, park, '李强'); // secretary of A
  const zhang = () => as(emu, park, '张伟'); // secretary of B
  const zhou = () => as(emu, park, '周涛'); // park admin
  const row = (over: Record<string, unknown> = {}) => ({
    branchId: park.branches.A, name: '新党员', phone: '19911110001', memberType: 'full', joinedPartyOn: '2018-07-01',
    post: null, responsibilityArea: null, ...over,
  });

  beforeAll(async () => ({ emu, park } = await startSeeded()));
  afterAll(() => emu?.stop());

  test('people.create by the branch secretary: stored with post, 责任区 and group; audited; row in the list', async () => {
    const { person } = await li().ok('org', 'people.create', row({
      name: ' 石磊 ', post: { kind: 'model', title: '安全示范岗' }, responsibilityArea: '一号仓库', groupId: 'g-a1',
    }));
    assert.deepEqual({ ...person, id: undefined }, {
      id: undefined, name: '石磊', memberType: 'full', branchId: park.branches.A, groupId: 'g-a1', phone: '19911110001', phoneMasked: false,
      joinedPartyOn: '2018-07-01', fullMemberOn: null, posts: [{ kind: 'model', title: '安全示范岗' }], responsibilityArea: '一号仓库', roles: ['member'], bound: false, enterprise: null,
    });
    const stored = await doc(emu, 'people', person.id);
    assert.deepEqual([stored.parkId, stored.secretaryOf, stored.organizer, stored.parkAdmin, stored.openid], [park.parkId, [], false, false, undefined]);
    assert.ok(stored.createdAt instanceof Date);
    const [entry] = await auditOf(emu, park.parkId, 'people.create');
    assert.deepEqual({ actor: entry.actor.name, target: entry.target, detail: entry.detail }, {
      actor: '李强', target: '石磊', detail: { personId: person.id, branchId: park.branches.A, branchName: '新能源公司党支部', memberType: 'full' },
    });
    assert.ok((await li().ok('org', 'people.list', { search: '石' })).people.some((p: any) => p.id === person.id));
  });

  test('people.create by a park admin in any branch; masses and probationary members', async () => {
    const masses = (await zhou().ok('org', 'people.create', row({ branchId: park.branches.B, name: '群众甲', phone: '19911110002', memberType: 'none', joinedPartyOn: null }))).person;
    assert.deepEqual([masses.branchId, masses.roles, masses.joinedPartyOn], [park.branches.B, ['masses'], null]);
    const prob = (await zhou().ok('org', 'people.create', row({ name: '预备甲', phone: '19911110003', memberType: 'probationary', joinedPartyOn: chinaDateString(new Date()) }))).person;
    assert.equal(prob.memberType, 'probationary');
    const full = (await zhou().ok('org', 'people.create', row({ name: '转正甲', phone: '19911110004', joinedPartyOn: '2018-07-01', fullMemberOn: '2019-09-01' }))).person;
    assert.equal(full.fullMemberOn, '2019-09-01');
    assert.equal((await doc(emu, 'people', full.id)).fullMemberOn, '2019-09-01');
  });

  test('people.create refusals (same rules as the import), nothing written', async () => {
    const tomorrow = chinaDateString(new Date(Date.now() + DAY));
    const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
      ['phone of the same branch', { phone: '13800000001' }, 'phone', /已在本支部名册中（王芳）/],
      ['phone of another branch', { phone: '13800000006' }, 'phone', /园区其他支部/],
      ['masses with a date', { memberType: 'none', joinedPartyOn: '2010-01-01' }, 'joinedPartyOn', /群众不填入党日期/],
      ['a member without a date', { joinedPartyOn: null }, 'joinedPartyOn', /党员请填写入党日期/],
      ['a date in the future (China time)', { joinedPartyOn: tomorrow }, 'joinedPartyOn', /不能晚于今天/],
      ['before the founding', { joinedPartyOn: '1921-06-30' }, 'joinedPartyOn', /早于建党日期/],
      ['转正 before 入党', { fullMemberOn: '2018-06-30' }, 'fullMemberOn', /转正日期不能早于入党日期/],
      ['转正 in the future', { fullMemberOn: tomorrow }, 'fullMemberOn', /转正日期不能晚于今天/],
      ['a probationary member with a 转正日期', { memberType: 'probationary', fullMemberOn: '2019-07-01' }, 'fullMemberOn', /预备党员还没有转正/],
      ['masses with a 转正日期', { memberType: 'none', joinedPartyOn: null, fullMemberOn: '2019-07-01' }, 'fullMemberOn', /群众没有转正日期/],
      ['a 转正日期 that is no date', { fullMemberOn: '2019-02-30' }, 'fullMemberOn', /./],
      ['a post for masses', { memberType: 'none', joinedPartyOn: null, post: { kind: 'pioneer', title: '先锋岗' } }, 'posts', /只能由党员担任/],
      ['a group of another branch', { groupId: 'g-nope' }, 'groupId', /本支部没有这个党小组/],
    ];
    for (const [why, over, field, message] of cases) {
      const e = await refused(emu, li(), 'people.create', row({ phone: '19911119999', ...over }), 'INVALID_INPUT', message);
      assert.ok(e.fields?.[field]?.length, `${why}: ${JSON.stringify(e)}`);
    }
    await refused(emu, zhang(), 'people.create', row(), 'FORBIDDEN', /只能为本支部添加人员/);
    await refused(emu, as(emu, park, '王芳'), 'people.create', row(), 'FORBIDDEN');
    await refused(emu, li(), 'people.create', row({ branchId: OTHER.branch }), 'NOT_FOUND');
    await refused(emu, as(emu, null, { openid: OTHER.admin.openid }), 'people.create', row(), 'NOT_FOUND');
    // Another park's phone is no clash.
    assert.equal((await li().ok('org', 'people.create', row({ name: '同号人', phone: OTHER.member.phone }))).person.phone, OTHER.member.phone);
  });

  test('people.create racing for one phone: the unique index lets exactly one through', async () => {
    // Warm instances first: several cold starts at once on a small machine would measure the machine, not the race.
    await emu.api('POST', '/_emulator/functions/provision', { function: 'org', instances: 3 });
    const replies = await Promise.all(Array.from({ length: 3 }, (_, i) =>
      (i % 2 ? li() : zhou()).call('org', 'people.create', row({ name: `抢号${i}`, phone: '19955550001' }))));
    assert.equal(replies.filter((r) => r.ok).length, 1, JSON.stringify(replies.filter((r) => !r.ok)));
    for (const r of replies) if (!r.ok) assert.deepEqual([r.error.code, Object.keys(r.error.fields ?? {})], ['INVALID_INPUT', ['phone']]);
    const { data } = await emu.app().database().collection('people').where({ parkId: park.parkId, phone: '19955550001' }).get();
    assert.equal(data.length, 1);
    const entries = (await auditOf(emu, park.parkId, 'people.create')).filter((e) => e.target.startsWith('抢号'));
    assert.deepEqual(entries.map((e) => e.detail.personId), [(data[0] as any)._id]);
  });

  test('people.update: posts and 责任区 by the secretary, audited with before/after of the changed fields; the card shows them', async () => {
    const wang = as(emu, park, '王芳');
    const posts = [{ kind: 'pioneer', title: '质检先锋岗' }, { kind: 'model', title: '节能示范岗' }];
    const { person } = await li().ok('org', 'people.update', { personId: park.ids.王芳, posts, responsibilityArea: '三号车间', name: '王芳' });
    assert.deepEqual([person.posts, person.responsibilityArea, person.name], [posts, '三号车间', '王芳']);
    const stored = await doc(emu, 'people', park.ids.王芳);
    assert.deepEqual([stored.posts, stored.responsibilityArea, stored.openid], [posts, '三号车间', park.openids.王芳]);
    const [entry] = await auditOf(emu, park.parkId, 'people.update');
    assert.deepEqual({ actor: entry.actor.name, target: entry.target, detail: entry.detail }, {
      actor: '李强', target: '王芳',
      detail: {
        personId: park.ids.王芳,
        before: { posts: [{ kind: 'pioneer', title: '质检先锋岗' }], responsibilityArea: '二号车间' },
        after: { posts, responsibilityArea: '三号车间' },
      },
    });
    const card = await wang.ok('user', 'card');
    assert.deepEqual([card.posts, card.responsibilityArea], [posts, '三号车间']);
    // Clearing: an empty 责任区 is none.
    await li().ok('org', 'people.update', { personId: park.ids.王芳, responsibilityArea: '' });
    assert.equal((await wang.ok('user', 'card')).responsibilityArea, null);
  });

  test('people.update: a no-op writes nothing, not even an audit entry', async () => {
    const before = await snapshot(emu);
    const { person } = await li().ok('org', 'people.update', {
      personId: park.ids.王芳, name: '王芳', phone: '13800000001', memberType: 'full', joinedPartyOn: '2010-07-01', groupId: 'g-a1', responsibilityArea: null,
    });
    assert.equal(person.name, '王芳');
    assert.equal(await snapshot(emu), before);
    await li().ok('org', 'people.update', { personId: park.ids.王芳 });
    assert.equal(await snapshot(emu), before);
  });

  test('people.update: 转正 probationary → full records today as 转正日期 (the card then shows 党龄 0); full → probationary is not', async () => {
    const today = chinaDateString(new Date());
    const { person } = await li().ok('org', 'people.update', { personId: park.ids.赵敏, memberType: 'full' });
    assert.deepEqual([person.memberType, person.joinedPartyOn, person.fullMemberOn], ['full', '2026-03-01', today]);
    assert.equal((await doc(emu, 'people', park.ids.赵敏)).fullMemberOn, today);
    const card = await as(emu, park, '赵敏').ok('user', 'card');
    assert.equal(card.memberType, 'full');
    assert.equal(card.partyYears, 0, '党龄 counts from 转正, not from 入党日期');
    assert.deepEqual((await auditOf(emu, park.parkId, 'people.update'))[0].detail, {
      personId: park.ids.赵敏, before: { memberType: 'probationary', fullMemberOn: null }, after: { memberType: 'full', fullMemberOn: today },
    });
    await refused(emu, li(), 'people.update', { personId: park.ids.赵敏, memberType: 'probationary' }, 'INVALID_INPUT', /正式党员不能改为预备党员/);
  });

  test('people.update: 转正日期 given with 转正, corrected later, cleared when the person becomes probationary or masses', async () => {
    const p = await addPerson(emu, park.parkId, park.branches.A, { name: '延期转正', memberType: 'probationary', joinedPartyOn: '2023-05-10' });
    // A probation extended by half a year: the secretary enters the real date.
    assert.equal((await li().ok('org', 'people.update', { personId: p, memberType: 'full', fullMemberOn: '2024-11-10' })).person.fullMemberOn, '2024-11-10');
    assert.equal((await li().ok('org', 'people.update', { personId: p, fullMemberOn: '2024-11-12' })).person.fullMemberOn, '2024-11-12');
    // Refused, nothing written: before 入党日期 (also when 入党日期 moves past it), for a probationary member, not a date.
    await refused(emu, li(), 'people.update', { personId: p, fullMemberOn: '2023-05-09' }, 'INVALID_INPUT', /转正日期不能早于入党日期/);
    await refused(emu, li(), 'people.update', { personId: p, joinedPartyOn: '2024-12-01' }, 'INVALID_INPUT', /转正日期不能早于入党日期/);
    const prob = await refused(emu, li(), 'people.update', { personId: park.ids.孙丽, memberType: 'none', joinedPartyOn: null, fullMemberOn: '2016-05-04' }, 'INVALID_INPUT', /群众没有转正日期/);
    assert.ok(prob.fields?.fullMemberOn?.length);
    // Masses: the date goes with the membership.
    const masses = (await li().ok('org', 'people.update', { personId: p, memberType: 'none', joinedPartyOn: null })).person;
    assert.deepEqual([masses.memberType, masses.fullMemberOn], ['none', null]);
    assert.equal((await doc(emu, 'people', p)).fullMemberOn, null);
    assert.deepEqual((await auditOf(emu, park.parkId, 'people.update'))[0].detail.after, { memberType: 'none', joinedPartyOn: null, fullMemberOn: null });
    // Masses made members directly is a correction, not a 转正: no date is invented.
    const q = await addPerson(emu, park.parkId, park.branches.A, { name: '补录党员', memberType: 'none', joinedPartyOn: null });
    assert.equal((await li().ok('org', 'people.update', { personId: q, memberType: 'full', joinedPartyOn: '2005-07-01' })).person.fullMemberOn, null);
    // An old entry with a stray date (masses, from before the rule) becoming probationary loses it.
    const r = await addPerson(emu, park.parkId, park.branches.A, { name: '旧数据', memberType: 'none', joinedPartyOn: null, fullMemberOn: '2015-07-01' });
    const probationary = (await li().ok('org', 'people.update', { personId: r, memberType: 'probationary', joinedPartyOn: '2026-06-01' })).person;
    assert.deepEqual([probationary.memberType, probationary.fullMemberOn], ['probationary', null]);
    await refused(emu, li(), 'people.update', { personId: r, fullMemberOn: '2026-07-01' }, 'INVALID_INPUT', /预备党员还没有转正/);
    await refused(emu, li(), 'people.update', { personId: r, fullMemberOn: '2026-02-30' }, 'INVALID_INPUT');
  });

  test('people.update: member type and 入党日期 rules, group, phone; refusals write nothing', async () => {
    const p = await addPerson(emu, park.parkId, park.branches.A, { name: '规则人', memberType: 'none', joinedPartyOn: null });
    const oldPhone = (await doc(emu, 'people', p)).phone;
    const tomorrow = chinaDateString(new Date(Date.now() + DAY));
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ memberType: 'full' }, 'joinedPartyOn', /党员请填写入党日期/], // joining needs the date
      [{ joinedPartyOn: '2020-01-01' }, 'joinedPartyOn', /群众不填入党日期/],
      [{ memberType: 'probationary', joinedPartyOn: tomorrow }, 'joinedPartyOn', /不能晚于今天/],
      [{ posts: [{ kind: 'pioneer', title: '先锋岗' }] }, 'posts', /只能由党员担任/],
      [{ groupId: 'g-nope' }, 'groupId', /本支部没有这个党小组/],
      [{ phone: '13800000002' }, 'phone', /已在本支部名册中（李强）/],
      [{ phone: '13800000008' }, 'phone', /园区其他支部/],
    ];
    for (const [over, field, message] of cases) {
      const e = await refused(emu, li(), 'people.update', { personId: p, ...over }, 'INVALID_INPUT', message);
      assert.ok(e.fields?.[field]?.length, `${JSON.stringify(over)}: ${JSON.stringify(e)}`);
    }
    // masses → probationary with a date, then a group and a new phone; back to masses needs the date cleared.
    const r = await li().ok('org', 'people.update', { personId: p, memberType: 'probationary', joinedPartyOn: '2026-06-01', groupId: 'g-a1', phone: '19922220001' });
    assert.deepEqual([r.person.memberType, r.person.joinedPartyOn, r.person.groupId, r.person.phone], ['probationary', '2026-06-01', 'g-a1', '19922220001']);
    // The audit log records that the phone changed, never a whole number (docs/PRIVACY.md).
    const logged = (await auditOf(emu, park.parkId, 'people.update'))[0].detail;
    assert.deepEqual([logged.before.phone, logged.after.phone], [`${oldPhone.slice(0, 3)}****${oldPhone.slice(-4)}`, '199****0001']);
    await refused(emu, li(), 'people.update', { personId: p, memberType: 'none' }, 'INVALID_INPUT', /群众不填入党日期/);
    await li().ok('org', 'people.update', { personId: p, memberType: 'none', joinedPartyOn: null, groupId: null });
    const stored = await doc(emu, 'people', p);
    assert.deepEqual([stored.memberType, stored.joinedPartyOn, stored.groupId, stored.phone], ['none', null, null, '19922220001']);
    // The old phone is free again.
    assert.equal((await li().ok('org', 'people.create', row({ name: '接号人', phone: oldPhone }))).person.phone, oldPhone);
  });

  test('people.update: a secretary stays a full member; who may edit whom', async () => {
    await refused(emu, zhou(), 'people.update', { personId: park.ids.李强, memberType: 'none', joinedPartyOn: null }, 'INVALID_INPUT', /支部书记须为正式党员/);
    await refused(emu, zhang(), 'people.update', { personId: park.ids.王芳, responsibilityArea: '别的' }, 'FORBIDDEN', /只能修改本支部人员/);
    await refused(emu, as(emu, park, '王芳'), 'people.update', { personId: park.ids.王芳, responsibilityArea: '自己改' }, 'FORBIDDEN');
    await refused(emu, as(emu, null, { openid: OTHER.admin.openid }), 'people.update', { personId: park.ids.王芳, responsibilityArea: 'x' }, 'NOT_FOUND');
    await refused(emu, li(), 'people.update', { personId: OTHER.member.id, responsibilityArea: 'x' }, 'NOT_FOUND');
    // The park admin may edit anyone in the park.
    assert.equal((await zhou().ok('org', 'people.update', { personId: park.ids.刘洋, responsibilityArea: '志愿服务站' })).person.responsibilityArea, '志愿服务站');
  });

  test('enterprises.update: rename and details by a park admin, audited with before/after; the branch covering it is shown', async () => {
    const { enterprise } = await zhou().ok('org', 'enterprises.update', { enterpriseId: 'ent-1', name: '酒泉新能源集团', employees: 120, industry: '' });
    assert.deepEqual(enterprise, { id: 'ent-1', name: '酒泉新能源集团', industry: null, employees: 120, branch: { id: park.branches.A, name: '新能源公司党支部' } });
    const stored = await doc(emu, 'enterprises', 'ent-1');
    assert.deepEqual([stored.name, stored.industry, stored.employees, stored.parkId], ['酒泉新能源集团', null, 120, park.parkId]);
    const [entry] = await auditOf(emu, park.parkId, 'enterprises.update');
    assert.deepEqual({ actor: entry.actor.name, target: entry.target, detail: entry.detail }, {
      actor: '周涛', target: '酒泉新能源集团',
      detail: { enterpriseId: 'ent-1', before: { name: '酒泉新能源有限公司', industry: '服务业', employees: 50 }, after: { name: '酒泉新能源集团', industry: null, employees: 120 } },
    });
    const { branches } = await li().ok('org', 'branches.list');
    assert.equal(branches.find((b: any) => b.id === park.branches.A).enterprises[0].name, '酒泉新能源集团');
    // Same values again: nothing written.
    const before = await snapshot(emu);
    await zhou().ok('org', 'enterprises.update', { enterpriseId: 'ent-1', name: '酒泉新能源集团', employees: 120, industry: null });
    assert.equal(await snapshot(emu), before);
    const uncovered = (await zhou().ok('org', 'enterprises.update', { enterpriseId: 'ent-4', industry: '食品' })).enterprise;
    assert.deepEqual([uncovered.name, uncovered.industry, uncovered.branch], ['雄关食品有限公司', '食品', null]);
  });

  test('enterprises.update refusals: a name taken in the park (CONFLICT), not a park admin, another park, bad input', async () => {
    await refused(emu, zhou(), 'enterprises.update', { enterpriseId: 'ent-2', name: '祁连物流公司' }, 'CONFLICT', /已经有“祁连物流公司”这家企业/);
    await zhou().ok('org', 'enterprises.update', { enterpriseId: 'ent-2', name: '宣化钢铁公司' }); // the other park's name is fine
    await refused(emu, li(), 'enterprises.update', { enterpriseId: 'ent-1', employees: 1 }, 'FORBIDDEN');
    await refused(emu, zhou(), 'enterprises.update', { enterpriseId: OTHER.enterprise, employees: 1 }, 'NOT_FOUND');
    await refused(emu, as(emu, null, { openid: OTHER.admin.openid }), 'enterprises.update', { enterpriseId: 'ent-1', employees: 1 }, 'NOT_FOUND');
    await refused(emu, zhou(), 'enterprises.update', { enterpriseId: 'ent-nope', employees: 1 }, 'NOT_FOUND');
    for (const [input, field] of [
      [{ enterpriseId: 'ent-1', name: '' }, 'name'],
      [{ enterpriseId: 'ent-1', name: '企'.repeat(61) }, 'name'],
      [{ enterpriseId: 'ent-1', employees: -3 }, 'employees'],
      [{ enterpriseId: 'ent-1', industry: 7 }, 'industry'],
      [{ enterpriseId: 'ent-1', parkId: OTHER.parkId }, ''],
      [{ name: '无编号' }, 'enterpriseId'],
    ] as const) {
      const e = await refused(emu, zhou(), 'enterprises.update', input, 'INVALID_INPUT');
      assert.ok(field === '' ? e.fields : e.fields?.[field]?.length, JSON.stringify(e));
    }
  });

  test('every query these actions make uses an index (no collection scan)', async () => {
    await emu.api('POST', '/_emulator/stats/reset');
    await li().ok('org', 'people.create', row({ name: '索引人', phone: '19933330001' }));
    await li().ok('org', 'people.update', { personId: park.ids.陈静, phone: '19933330002', groupId: 'g-a1' });
    await zhou().ok('org', 'enterprises.update', { enterpriseId: 'ent-3', name: '祁连物流集团' });
    const requests: Array<{ plan?: string; from?: string }> = await emu.api('GET', '/_emulator/requests?limit=1000');
    const planned = requests.filter((r) => r.from?.startsWith('org:') && r.plan);
    assert.ok(planned.length >= 8, `only ${planned.length} planned requests`);
    assert.deepEqual(planned.filter((r) => !/^(IXSCAN|IDS)/.test(r.plan!)), []);
  });

  // Last: it moves the emulator's clock. 16:30 UTC is already the next day in China.
  test('“not in the future” is the China calendar day, not UTC’s', async () => {
    await emu.api('POST', '/_emulator/clock', { set: '2027-03-01T16:30:00Z' });
    const { person } = await li().ok('org', 'people.create', row({ name: '今日入党', phone: '19944440001', memberType: 'probationary', joinedPartyOn: '2027-03-02' }));
    assert.equal(person.joinedPartyOn, '2027-03-02');
    await refused(emu, li(), 'people.create', row({ phone: '19944440002', joinedPartyOn: '2027-03-03' }), 'INVALID_INPUT', /不能晚于今天/);
    await refused(emu, li(), 'people.update', { personId: person.id, joinedPartyOn: '2027-03-03' }, 'INVALID_INPUT', /不能晚于今天/);
    await li().ok('org', 'people.update', { personId: person.id, joinedPartyOn: '2027-03-01' });
    // 转正 on that evening is dated the China day, and a later 转正日期 is “in the future”.
    await refused(emu, li(), 'people.update', { personId: person.id, memberType: 'full', fullMemberOn: '2027-03-03' }, 'INVALID_INPUT', /转正日期不能晚于今天/);
    assert.equal((await li().ok('org', 'people.update', { personId: person.id, memberType: 'full' })).person.fullMemberOn, '2027-03-02');
  });
});

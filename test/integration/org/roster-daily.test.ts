// The roster in daily use (issue 13): pinyin order, search by any part of a name or phone, the unbound
// filter, the enterprise of each person in a joint branch, unbinding someone who changed WeChat (then
// inviting them again), one person's history in one read, the audit log as sentences with links and
// study / meeting filters, and a park-wide topic's completion per branch.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import type { EmulatorHandle } from '../../support/emulator.js';
import { CONSENT, as, type TestPark } from '../../support/park.js';
import { complete, setClock, topicInput } from '../study/support.js';
import { OTHER, addPerson, auditOf, doc, refused, startSeeded } from './support.js';

describe('roster in daily use', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  const li = () => as(emu, park, '李强');
  const zhang = () => as(emu, park, '张伟');
  const zhou = () => as(emu, park, '周涛');
  const names = (r: { people: Array<{ name: string }> }) => r.people.map((p) => p.name);

  beforeAll(async () => {
    ({ emu, park } = await startSeeded());
    await setClock(emu, '2026-11-10T02:00:00Z');
  });
  afterAll(() => emu?.stop());

  test('search: any part of a name or the phone; the unbound filter and count; paging after sorting', async () => {
    const db = emu.app().database();
    await addPerson(emu, park.parkId, park.branches.A, { name: '欧阳芳华', phone: '13955550001' });
    await addPerson(emu, park.parkId, park.branches.A, { name: '艾芳', phone: '13955550002' });
    assert.deepEqual(names(await li().ok('org', 'people.list', {})), ['艾芳', '陈静', '李强', '欧阳芳华', '孙丽', '王芳', '赵敏']);
    // 芳 is in three names, never first in 欧阳芳华: a prefix search found only 芳-initial names.
    assert.deepEqual(names(await li().ok('org', 'people.list', { search: '芳' })), ['艾芳', '欧阳芳华', '王芳']);
    assert.deepEqual(names(await li().ok('org', 'people.list', { search: '5550' })), ['艾芳', '欧阳芳华']);
    assert.deepEqual(names(await li().ok('org', 'people.list', { search: '0001' })), ['欧阳芳华', '王芳']); // 13800000001 and …50001
    const unbound = await li().ok('org', 'people.list', { unbound: true });
    assert.deepEqual([names(unbound), unbound.total, unbound.unboundTotal], [['艾芳', '欧阳芳华', '孙丽'], 3, 3]);
    assert.ok(unbound.people.every((p: { bound: boolean }) => !p.bound));
    const page = await li().ok('org', 'people.list', { offset: 2, limit: 2 });
    assert.deepEqual([names(page), page.total, page.unboundTotal], [['李强', '欧阳芳华'], 7, 3]);
    const both = await li().ok('org', 'people.list', { search: '芳', unbound: true });
    assert.deepEqual([names(both), both.total], [['艾芳', '欧阳芳华'], 2]);
    // Branch B's secretary still cannot search branch A.
    await refused(emu, zhang(), 'people.list', { branchId: park.branches.A, search: '芳' }, 'FORBIDDEN');
    await db.collection('people').where({ name: db.command.in(['欧阳芳华', '艾芳']) }).remove();
  });

  test('joint branch: the enterprise each person works at, one of the branch’s; shown on the row', async () => {
    // Branch B (园区联合党支部) covers ent-2 and ent-3; branch A covers ent-1.
    const { person } = await zhang().ok('org', 'people.update', { personId: park.ids.刘洋, enterpriseId: 'ent-3' });
    assert.equal(person.enterprise.id, 'ent-3');
    assert.ok(/[\u4e00-\u9fff]/.test(person.enterprise.name));
    assert.equal((await doc(emu, 'people', park.ids.刘洋)).enterpriseId, 'ent-3');
    const row = (await zhang().ok('org', 'people.list', {})).people.find((p: { id: string }) => p.id === park.ids.刘洋);
    assert.deepEqual(row.enterprise, person.enterprise);
    const [entry] = await auditOf(emu, park.parkId, 'people.update');
    assert.deepEqual(entry.detail.after, { enterpriseId: 'ent-3' });
    const e = await refused(emu, zhang(), 'people.update', { personId: park.ids.刘洋, enterpriseId: 'ent-1' }, 'INVALID_INPUT');
    assert.match(e.fields!.enterpriseId![0]!, /不在本支部覆盖的企业/);
    await refused(emu, zhang(), 'people.update', { personId: park.ids.刘洋, enterpriseId: OTHER.enterprise }, 'INVALID_INPUT');
    await refused(emu, li(), 'people.update', { personId: park.ids.刘洋, enterpriseId: 'ent-2' }, 'FORBIDDEN');
    await zhang().ok('org', 'people.update', { personId: park.ids.刘洋, enterpriseId: null });
    assert.equal((await doc(emu, 'people', park.ids.刘洋)).enterpriseId, null);
    // Moved to another branch, they no longer work at one of the old branch's enterprises as far as the roster knows.
    await zhang().ok('org', 'people.update', { personId: park.ids.刘洋, enterpriseId: 'ent-2' });
    await zhou().ok('org', 'transfers.create', { personId: park.ids.刘洋, toBranchId: park.branches.A, reason: '调到新能源公司' });
    assert.equal((await doc(emu, 'people', park.ids.刘洋)).enterpriseId, null);
    await zhou().ok('org', 'transfers.create', { personId: park.ids.刘洋, toBranchId: park.branches.B, reason: '调回' });
  });

  test('people.unbind: the old WeChat loses access at once, audited with the reason; a new code binds the new one', async () => {
    const before = await doc(emu, 'people', park.ids.王芳);
    assert.ok(before.openid);
    // Who may not: another branch's secretary, a member, another park's admin; nor unbind themself; nor someone unbound.
    await refused(emu, zhang(), 'people.unbind', { personId: park.ids.王芳, reason: '换了微信' }, 'FORBIDDEN');
    await refused(emu, as(emu, park, '赵敏'), 'people.unbind', { personId: park.ids.王芳, reason: '换了微信' }, 'FORBIDDEN');
    await refused(emu, as(emu, null, { openid: OTHER.admin.openid }), 'people.unbind', { personId: park.ids.王芳, reason: '换了微信' }, 'NOT_FOUND');
    await refused(emu, li(), 'people.unbind', { personId: park.ids.李强, reason: '换了微信' }, 'FORBIDDEN', /不能解除自己/);
    const e = await refused(emu, li(), 'people.unbind', { personId: park.ids.孙丽, reason: '换了微信' }, 'INVALID_INPUT', /还没有绑定微信/);
    assert.ok(e.fields?.personId?.length);

    await setClock(emu, '2026-11-10T02:10:00Z'); // the log's newest entry (the clock is frozen: equal times have no order)
    const { person } = await li().ok('org', 'people.unbind', { personId: park.ids.王芳, reason: '换了新手机号的微信' });
    assert.equal(person.bound, false);
    const after = await doc(emu, 'people', park.ids.王芳);
    assert.ok(!('openid' in after) && !('boundAt' in after) && !('privacyConsent' in after), JSON.stringify(after));
    assert.equal(after.name, '王芳');
    const oldWeChat = as(emu, park, '王芳');
    const r = await oldWeChat.call('user', 'card', {});
    assert.equal(r.ok ? 'ok' : r.error.code, 'NOT_BOUND');
    const [entry] = await auditOf(emu, park.parkId, 'people.unbind');
    assert.deepEqual([entry.actor.name, entry.target, entry.detail.personName, entry.detail.reason], ['李强', park.ids.王芳, '王芳', '换了新手机号的微信']);
    const log = await zhou().ok('org', 'audit.list', { kind: 'people', limit: 5 });
    assert.equal(log.entries[0].text, '李强解除了王芳的微信绑定，原因：换了新手机号的微信，可以重新发邀请码');
    assert.deepEqual(log.entries[0].link, { to: 'person', personId: park.ids.王芳, branchId: park.branches.A });
    // Listed as unbound, invited again, and bound with the new WeChat.
    assert.ok(names(await li().ok('org', 'people.list', { unbound: true })).includes('王芳'));
    const { invites } = await li().ok('org', 'invites.create', { personIds: [park.ids.王芳] });
    const fresh = as(emu, null, { openid: 'o_wangfang_new_wechat' });
    await fresh.ok('user', 'bind', { code: invites[0].code, consent: CONSENT });
    assert.equal((await doc(emu, 'people', park.ids.王芳)).openid, 'o_wangfang_new_wechat');
    // Put 王芳 back on her usual WeChat for the tests below.
    await emu.app().database().collection('people').doc(park.ids.王芳).update({ openid: before.openid });
  });

  test('people.history: study, meetings, volunteering and points in one read of 11 requests; as the person’s record', async () => {
    const topic = (await zhou().ok('study', 'topics.create', topicInput())).topic.id;
    const branchTopic = (await li().ok('study', 'topics.create', topicInput({ scope: 'branch', branchId: park.branches.A, title: '甲支部专题：学习条例' }))).topic.id;
    await complete(as(emu, park, '王芳'), topic);
    await as(emu, park, '王芳').ok('study', 'topics.markRead', { topicId: branchTopic });
    const m = (await li().ok('study', 'meetings.create', { branchId: park.branches.A, kind: 'partyDay', title: '11月主题党日', date: '2026-11-10', place: '三楼会议室' })).meetings[0];
    const { code } = await li().ok('study', 'meetings.code', { meetingId: m.id });
    await as(emu, park, '王芳').ok('study', 'meetings.checkIn', { code });
    // Yesterday's 大党课, which 王芳 missed (scheduled before; a new meeting cannot be in the past).
    await emu.app().database().collection('meetings').add({
      _id: 'meeting-missed', parkId: park.parkId, branchId: park.branches.A, kind: 'partyLecture', title: '大党课', date: '2026-11-09', place: '报告厅', attendees: 0,
      seriesId: null, repeat: 'once', cancelled: false, cancelReason: null, cancelledBy: null, createdBy: { id: park.ids.李强, name: '李强' }, createdAt: new Date(),
    });

    await emu.api('POST', '/_emulator/stats/reset');
    const h = await li().ok('org', 'people.history', { personId: park.ids.王芳 });
    const requests: Array<{ from?: string; plan?: string }> = await emu.api('GET', '/_emulator/requests?limit=1000');
    const mine = requests.filter((r) => r.from?.startsWith('org:'));
    // The caller, the person, then 9 in parallel (branch, topics ×2, progress, meetings, attendance,
    // sign-ups, the year's total, ledger); no enterprise or activity names to look up here.
    assert.equal(mine.length, 11, `people.history made ${mine.length} database requests`);
    assert.deepEqual(mine.filter((r) => r.plan && !/^(IXSCAN|IDS)/.test(r.plan)), [], 'every query indexed');

    assert.equal(h.person.name, '王芳');
    assert.equal(h.branch.name, '新能源公司党支部');
    const study = Object.fromEntries(h.study.map((s: { title: string; state: string }) => [s.title, s.state]));
    assert.deepEqual(study, { '十一月专题：学习党章': 'done', '甲支部专题：学习条例': 'started' });
    assert.deepEqual(h.meetings.map((x: { title: string; attended: boolean }) => [x.title, x.attended]), [['11月主题党日', true], ['大党课', false]]);
    assert.ok(h.points.total > 0);
    assert.ok(h.points.items.some((i: { label: string }) => i.label === '参加主题党日'));
    assert.ok(h.points.items.every((i: { label: string }) => /[\u4e00-\u9fff]/.test(i.label)));
    assert.deepEqual(h.volunteer, { hours: 0, items: [] });
    // A 群众 has no topics or meetings to show, and it is not an error.
    const masses = await li().ok('org', 'people.history', { personId: park.ids.陈静 });
    assert.deepEqual([masses.study, masses.meetings], [[], []]);
    // Like the person's record: their branch's secretary or a park admin.
    assert.equal((await zhou().ok('org', 'people.history', { personId: park.ids.王芳 })).person.phone, '13800000001');
    await refused(emu, zhang(), 'people.history', { personId: park.ids.王芳 }, 'FORBIDDEN');
    await refused(emu, as(emu, park, '赵敏'), 'people.history', { personId: park.ids.王芳 }, 'FORBIDDEN');
    await refused(emu, as(emu, null, { openid: OTHER.admin.openid }), 'people.history', { personId: park.ids.王芳 }, 'NOT_FOUND');
  });

  test('audit.list: study and meeting filters, every entry a sentence with a link', async () => {
    const m = (await li().ok('study', 'meetings.create', { branchId: park.branches.A, kind: 'partyDay', title: '12月主题党日', date: '2026-12-05', place: '三楼会议室' })).meetings[0];
    await setClock(emu, '2026-11-10T02:20:00Z');
    await li().ok('study', 'meetings.cancel', { meetingId: m.id, reason: '与园区大会冲突' });
    const meetings = await zhou().ok('org', 'audit.list', { kind: 'meetings' });
    assert.ok(meetings.entries.every((e: { action: string }) => e.action.startsWith('meetings.')));
    assert.equal(meetings.entries[0].text, '李强取消了「12月主题党日」（2026-12-05），原因：与园区大会冲突');
    assert.deepEqual(meetings.entries[0].link, { to: 'meetings', branchId: park.branches.A });
    const study = await zhou().ok('org', 'audit.list', { kind: 'study' });
    assert.deepEqual(study.entries.map((e: { text: string }) => e.text).sort(), ['周涛发布了全园区学习专题「十一月专题：学习党章」（2026年11月）', '李强发布了学习专题「甲支部专题：学习条例」（2026年11月）'].sort());
    assert.ok(study.entries.some((e: { link: { to: string; branchId: string | null } }) => e.link?.to === 'topic' && e.link.branchId === null));
    const all = await zhou().ok('org', 'audit.list', { limit: 100 });
    for (const e of all.entries) {
      assert.ok(/^[\u4e00-\u9fff]/.test(e.text) && !/[0-9a-f]{16}|undefined|[a-z]+\.[a-z]+/i.test(e.text), e.text);
    }
  });

  test('topics.parkProgress: a park-wide topic’s completion per branch, lowest first', async () => {
    const { topics } = await zhou().ok('study', 'topics.list', {});
    const parkTopic = topics.find((t: { scope: string }) => t.scope === 'park');
    const r = await zhou().ok('study', 'topics.parkProgress', { topicId: parkTopic.id });
    // Branch A: 王芳 李强 赵敏 孙丽 (members), 王芳 completed; branch B: 张伟 周涛.
    assert.deepEqual(r.branches.map((b: { name: string; members: number; completed: number }) => [b.name, b.members, b.completed]), [['园区联合党支部', 2, 0], ['新能源公司党支部', 4, 1]]);
    assert.deepEqual([r.members, r.completed, r.rate], [6, 1, 0.1667]);
    // A branch's topic is not park-wide: its completion is on the branch's page.
    const e = await zhou().call('study', 'topics.parkProgress', { topicId: (await emu.app().database().collection('topics').where({ scope: 'branch' }).limit(1).get()).data[0]._id });
    assert.equal(e.ok ? 'ok' : e.error.code, 'NOT_FOUND');
    const sec = await li().call('study', 'topics.parkProgress', { topicId: parkTopic.id });
    assert.equal(sec.ok ? 'ok' : sec.error.code, 'FORBIDDEN');
  });
});

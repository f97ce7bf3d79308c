// Personal data, part one: agreeing to the privacy notice at binding (refused without it or with an
// older version, nothing written; stored with its time when given), and 我的信息 (user.myData):
// everything kept about me, from every collection that holds it, complete past 1,000 records, and
// nothing about anyone else.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { activityInput } from '../volunteer/support.js';
import { PRIVACY_DATA, PRIVACY_DATA_KEYS, PRIVACY_VERSION, privacyVersionLabel } from '../../../shared/privacy.js';
import type { EmulatorHandle } from '../../support/emulator.js';
import { CONSENT, type TestPark, as } from '../../support/park.js';
import { OTHER, assertError, doc, snapshot, startSeeded } from '../org/support.js';
import { giveRecords, setClock } from './support.js';

type Data = { name: string; generatedAt: string; sections: Array<{ key: string; title: string; note: string; none: string; items: Array<{ title: string; fields: Array<{ label: string; value: string }> }> }> };

const section = (d: Data, key: string) => d.sections.find((s) => s.key === key)!;
const field = (item: { fields: Array<{ label: string; value: string }> }, label: string) => item.fields.find((f) => f.label === label)?.value;

describe('privacy: consent at binding, 我的信息', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  const db = () => emu.app().database();
  let records: { topicId: string; meetingId: string };

  beforeAll(async () => {
    ({ emu, park } = await startSeeded());
    records = await giveRecords(emu, park, '王芳');
  });
  afterAll(() => emu?.stop());

  test('binding without agreeing, or agreeing to an older notice, is refused in Chinese and writes nothing', async () => {
    const { invites } = await as(emu, park, '李强').ok('org', 'invites.create', { personIds: [park.ids.孙丽] });
    const code = invites[0].code as string;
    const sun = as(emu, null, { openid: 'o_new_sunli' });
    for (const [input, message] of [
      [{ code }, /请先阅读并同意个人信息保护说明/],
      [{ code, consent: {} }, /请先阅读并同意个人信息保护说明/],
      [{ code, consent: { version: '2025-06-01' } }, /个人信息保护说明已更新，请重新阅读并同意/],
    ] as const) {
      const before = await snapshot(emu);
      const e = assertError(await sun.call('user', 'bind', input), 'INVALID_INPUT', message);
      assert.ok(e.fields?.consent?.length, JSON.stringify(e));
      assert.equal(await snapshot(emu), before, `${JSON.stringify(input)} wrote something`);
    }
    const person = await doc(emu, 'people', park.ids.孙丽);
    assert.equal(person.openid, undefined);
    assert.equal(person.privacyConsent, undefined);
    assert.deepEqual(await sun.ok('user', 'me'), { bound: false, person: null });

    // Agreeing to the current notice binds, and records which version and when (the emulator's clock).
    const r = await sun.ok('user', 'bind', { code, consent: CONSENT });
    assert.equal(r.person.name, '孙丽');
    const bound = await doc(emu, 'people', park.ids.孙丽);
    assert.equal(bound.openid, 'o_new_sunli');
    assert.equal(bound.privacyConsent.version, PRIVACY_VERSION);
    assert.ok(bound.privacyConsent.at instanceof Date);
    const ms = bound.privacyConsent.at.getTime() - Date.parse('2026-11-10T02:00:00Z');
    assert.ok(ms >= 0 && ms < 60_000, `agreed at the emulator's time: ${bound.privacyConsent.at.toISOString()}`);
    assert.equal(bound.boundAt.toISOString(), bound.privacyConsent.at.toISOString());
    // She sees it in 我的信息.
    const mine = (await sun.ok('user', 'myData', {})) as Data;
    assert.equal(field(section(mine, 'binding').items[0]!, '同意个人信息保护说明'), `${privacyVersionLabel(PRIVACY_VERSION)}版，2026-11-10 10:00同意`);
  });

  test('我的信息 has every kind of information of the notice, in its order, with its titles', async () => {
    const d = (await as(emu, park, '王芳').ok('user', 'myData', {})) as Data;
    assert.equal(d.name, '王芳');
    assert.deepEqual(d.sections.map((s) => s.key), [...PRIVACY_DATA_KEYS]);
    assert.deepEqual(d.sections.map((s) => [s.title, s.none]), PRIVACY_DATA.map((k) => [k.title, k.none]));
    assert.deepEqual(section(d, 'pledges').items, []);
    assert.equal(section(d, 'pledges').none, '暂无承诺践诺记录');
    assert.deepEqual([section(d, 'volunteer').items, section(d, 'volunteer').none], [[], '暂无志愿服务记录']);
  });

  test('我的信息 lists her volunteer sign-ups with their times and state', async () => {
    const { activity } = await as(emu, park, '刘洋').ok('volunteer', 'activities.create', activityInput());
    await as(emu, park, '王芳').ok('volunteer', 'signUp', { shiftId: activity.shifts[0].id });
    const d = (await as(emu, park, '王芳').ok('user', 'myData', {})) as Data;
    const [item] = section(d, 'volunteer').items;
    assert.equal(item!.title, '志愿服务：园区环境整治志愿服务');
    assert.equal(field(item!, '状态'), '已报名');
    assert.equal(field(item!, '地点'), '园区中心广场');
  });

  test('我的信息 of a member: the roster entry with her own phone unmasked, and every record of hers', async () => {
    const d = (await as(emu, park, '王芳').ok('user', 'myData', {})) as Data;
    const [entry] = section(d, 'roster').items;
    assert.deepEqual(
      ['姓名', '手机号', '园区', '支部', '党小组', '类别', '入党日期', '转正日期', '党员先锋岗、示范岗', '责任区', '公开个人积分排名'].map((l) => field(entry!, l)),
      ['王芳', '13800000001', '测试工业园区', '新能源公司党支部', '第一党小组', '正式党员', '2010-07-01', '2011-07-01', '党员先锋岗：质检先锋岗', '三号车间', '不同意'],
    );
    assert.equal(field(entry!, '身份和职务'), '党员、志愿服务组织者');
    assert.equal(field(section(d, 'binding').items[0]!, '状态'), '已绑定本微信');
    assert.equal(field(section(d, 'binding').items[0]!, '同意个人信息保护说明'), '绑定时还没有这份说明', 'seeded before the notice existed');

    // Points: every ledger entry (3 for the topic, 1 for the 主题党日, 1 correction) and the totals.
    const ledger = (await db().collection('points_ledger').where({ personId: park.ids.王芳 }).limit(1000).get()).data as Array<{ points: number }>;
    assert.equal(ledger.length, 5);
    const points = section(d, 'points');
    assert.equal(points.items.length, 1 + ledger.length);
    const total = ledger.reduce((n, e) => n + e.points, 0);
    assert.equal(field(points.items[0]!, '全部'), `${total} 分`);
    assert.equal(field(points.items[0]!, '2026年'), `${total} 分`);
    assert.deepEqual(points.items.slice(1).map((i) => i.title).sort(), ['专题测验合格', '专题测验合格（更正）', '参加主题党日', '完成月度专题学习', '撰写学习心得'].sort());
    const correction = points.items.find((i) => i.title === '专题测验合格（更正）')!;
    assert.deepEqual([field(correction, '积分'), field(correction, '更正原因')], ['-5 分', '测验由他人代答']);

    // Study: the topic's progress and the note with the secretary's reply.
    const study = section(d, 'study');
    assert.equal(study.items.length, 2);
    const progress = study.items[0]!;
    assert.equal(progress.title, '十一月专题：学习党章');
    assert.deepEqual(['月份', '学习心得', '测验', '完成'].map((l) => field(progress, l)), ['2026年11月', '已通过', '答了 1 次，最好答对 2 / 2 题，合格', '已完成（2026-11-10 10:00）']);
    const note = study.items[1]!;
    assert.equal(note.title, '学习心得：十一月专题：学习党章');
    assert.deepEqual(['状态', '书记回复', '审阅人'].map((l) => field(note, l)), ['已通过', '写得很好，继续保持！', '李强']);

    // The 主题党日 she checked in to, the reminder she got.
    assert.deepEqual(section(d, 'attendance').items.map((i) => [i.title, field(i, '类别'), field(i, '日期'), field(i, '签到时间')]), [['十一月主题党日', '主题党日', '2026-11-10', '2026-11-10 10:00']]);
    // The message in the inbox, then the WeChat reminder behind it (the remind timer has not run yet).
    const inbox = section(d, 'inbox').items;
    assert.deepEqual(inbox.map((i) => i.title), [inbox[0]!.title, '微信提醒：书记的一键学习提醒']);
    assert.match(inbox[0]!.title, /学习提醒/);
    assert.equal(field(inbox[1]!, '发送情况'), '等待发送');

    // What others did to her record, in sentences.
    assert.deepEqual(section(d, 'audit').items.map((i) => [i.title, field(i, '经办人')]).sort(), [
      ['周涛调整了您的职务：任志愿服务组织者', '周涛'],
      ['李强修改了您的名册信息：责任区', '李强'],
      ['李强更正了您的一条积分（专题测验合格，-5 分），原因：测验由他人代答', '李强'],
    ].sort());
  });

  test('我的信息 says nothing about anyone else: no other phone, no WeChat ids, no record ids, no English', async () => {
    // 赵敏 studied the same topic, checked in and got reminders too; other parks have people as well.
    await as(emu, park, '赵敏').ok('study', 'topics.markRead', { topicId: records.topicId });
    const d = (await as(emu, park, '王芳').ok('user', 'myData', {})) as Data;
    const text = JSON.stringify(d.sections);
    const people = (await db().collection('people').limit(1000).get()).data as Array<{ _id: string; phone: string; openid?: string }>;
    assert.ok(people.length >= 10);
    for (const p of people) {
      if (p._id !== park.ids.王芳) assert.ok(!text.includes(p.phone), `another person's phone ${p.phone} appears`);
      if (p.openid) assert.ok(!text.includes(p.openid), `an openid appears: ${p.openid}`);
      assert.ok(!text.includes(p._id), `a person id appears: ${p._id}`);
    }
    for (const idLike of [records.topicId, records.meetingId, park.branches.A, park.parkId, OTHER.parkId]) assert.ok(!text.includes(idLike), `an id appears: ${idLike}`);
    // Everything a person reads is Chinese (dates and numbers aside): no Latin letter in any title, label or value.
    const shown = d.sections.flatMap((s) => [s.title, s.note, s.none, ...s.items.flatMap((i) => [i.title, ...i.fields.flatMap((f) => [f.label, f.value])])]);
    assert.deepEqual(shown.filter((t) => /[A-Za-z]/.test(t)), []);
  });

  test('a long history is read whole: more than 1,000 ledger entries and messages, none cut off', async () => {
    const zhao = park.ids.赵敏;
    const at = new Date('2026-10-01T02:00:00Z');
    const entries = Array.from({ length: 1_050 }, (_, i) => ({
      _id: `bulk-ledger-${String(i).padStart(5, '0')}`, parkId: park.parkId, personId: zhao, branchId: park.branches.A, item: 'partyDayAttended',
      kind: 'award', points: 1, requested: 1, quantity: 1, capped: false, note: '历史记录', sourceId: `bulk:${i}`, counters: {}, reason: null, reverses: null,
      at, day: '2026-10-01', month: '2026-10', quarter: '2026-Q4', year: '2026', tableVersion: 0, by: 'system',
    }));
    const messages = Array.from({ length: 1_020 }, (_, i) => ({
      _id: `bulk-inbox-${String(i).padStart(5, '0')}`, parkId: park.parkId, personId: zhao, kind: 'studyReminder', title: '学习提醒', body: '请完成本月专题', topicId: null, at, read: true,
    }));
    for (let i = 0; i < entries.length; i += 500) await db().collection('points_ledger').add(entries.slice(i, i + 500));
    for (let i = 0; i < messages.length; i += 500) await db().collection('inbox').add(messages.slice(i, i + 500));
    const count = async (c: string) => ((await db().collection(c).where({ personId: zhao }).count()) as { total: number }).total;
    const [ledgerTotal, inboxTotal] = [await count('points_ledger'), await count('inbox')];
    assert.ok(ledgerTotal >= 1_050 && inboxTotal >= 1_020);
    const d = (await as(emu, park, '赵敏').ok('user', 'myData', {})) as Data;
    assert.equal(section(d, 'points').items.length, 1 + ledgerTotal);
    assert.equal(section(d, 'inbox').items.length, inboxTotal + (await count('reminder_outbox')), 'every message and every WeChat reminder');
  });

  test('only for people on the roster: an unbound WeChat user gets NOT_BOUND', async () => {
    assertError(await as(emu, null, { openid: 'o_nobody' }).call('user', 'myData', {}), 'NOT_BOUND');
    await setClock(emu, '2026-11-10T02:00:00Z');
  });
});

// 三评议 end to end in the functions: the window in China time, who may rate whom, one rating per rater
// and member (a change replaces it until the branch decides, then it is refused), anonymity (nothing
// the rated person can read names or identifies a rater), the one-third rule at its boundary, the
// branch's decision with the votes behind it, completion per branch, and nothing written on a refusal.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { maxExcellent } from '../../../shared/contract/review';
import type { EmulatorHandle } from '../../support/emulator.js';
import { type Actor, type TestPark, as } from '../../support/park.js';
import { HE_JUN, YEAR, addPerson, assertError, auditOf, chinaClock, doc, refusedBy, setup, snapshot, startReview } from './support.js';

const refused = refusedBy('review');

describe('三评议', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  let hejun: string;
  let he: Actor;
  const who = (n: Parameters<typeof as>[2]) => as(emu, park, n);
  const db = () => emu.app().database();
  const ratingsAbout = async (memberId: string) => (await db().collection('review_ratings').where({ memberId }).limit(100).get()).data as any[];

  beforeAll(async () => {
    ({ emu, park, hejun, he } = await startReview());
  }, 60_000);
  afterAll(async () => emu?.stop());

  test('before the review is opened, nothing can be rated and the lists say so', async () => {
    await refused(emu, who('赵敏'), 'rate.submit', { year: YEAR, memberId: park.ids.王芳, grade: 'qualified' }, 'NOT_FOUND', /还没有开始/);
    assert.deepEqual(await who('王芳').ok('review', 'rate.todo', {}), { review: null, items: [] });
    assert.deepEqual((await who('王芳').ok('review', 'me.result', {})).reviews, []);
  });

  test('the park admin opens the year with its window, leaders and committee (audited); bad choices are refused whole', async () => {
    const admin = who('周涛');
    // A committee member of another branch, a leader from another park, a window that ends before it starts.
    await refused(emu, admin, 'park.open', setup(park, hejun, { committees: [{ branchId: park.branches.A, personIds: [park.ids.张伟] }] }), 'INVALID_INPUT', /支委须是本支部的党员/);
    await refused(emu, admin, 'park.open', setup(park, hejun, { leaders: [{ enterpriseId: 'ent-1', personIds: ['other-3'] }] }), 'INVALID_INPUT', /名册上的人员/);
    await refused(emu, admin, 'park.open', setup(park, hejun, { from: '2026-12-31', until: '2026-12-01' }), 'INVALID_INPUT', /结束日期/);
    await refused(emu, admin, 'park.open', setup(park, hejun, { leaders: [{ enterpriseId: 'ent-other-1', personIds: [park.ids.陈静] }] }), 'INVALID_INPUT', /不在本园区/);
    const { review } = await admin.ok('review', 'park.open', setup(park, hejun));
    assert.deepEqual(review, { year: YEAR, from: '2026-12-01', until: '2026-12-31', open: true, upcoming: false });
    const stored = await doc(emu, 'reviews', `${park.parkId}|${YEAR}`);
    assert.deepEqual(stored.leaders, { 'ent-1': [park.ids.陈静] });
    assert.deepEqual(stored.committees, { [park.branches.A]: [hejun] });
    const [entry] = await auditOf(emu, park.parkId, 'review.open');
    assert.equal(entry.actor.name, '周涛');
    assert.equal(entry.detail.from, '2026-12-01');
    const got = await admin.ok('review', 'park.get', { year: YEAR });
    // Enterprises in pinyin order (the database's order by name is by code point: 祁 肃 西 酒 雄).
    assert.deepEqual(got.enterprises.map((e: any) => e.name), ['酒泉新能源有限公司', '祁连物流公司', '肃州机械制造厂', '西部光电科技', '雄关食品有限公司']);
    const ent1 = got.enterprises.find((e: any) => e.id === 'ent-1');
    assert.deepEqual(ent1.leaders, [park.ids.陈静]);
    assert.ok(ent1.people.some((p: any) => p.name === '王芳'), 'ent-1 lists the people of branch A (单独组建)');
    const a = got.branches.find((b: any) => b.id === park.branches.A);
    assert.deepEqual(a.secretaries.map((s: any) => s.name), ['李强']);
    assert.deepEqual(a.committee, [hejun]);
  });

  test('the window is in China days: closed until 12-01 00:00 and after 12-31 24:00 Beijing time', async () => {
    const input = { year: YEAR, memberId: park.ids.王芳, grade: 'qualified' };
    await chinaClock(emu, '2026-11-30 23:59');
    await refused(emu, who('赵敏'), 'rate.submit', input, 'DEADLINE_PASSED', /还没有开始，评议时间为12月1日至12月31日/);
    assert.equal((await who('赵敏').ok('review', 'rate.todo', {})).review.upcoming, true);
    await chinaClock(emu, '2026-12-01 00:00'); // 2026-11-30T16:00Z: still November in UTC
    assert.equal((await who('赵敏').ok('review', 'rate.submit', input)).replaced, false);
    await chinaClock(emu, '2026-12-31 23:59');
    assert.equal((await who('赵敏').ok('review', 'rate.submit', input)).replaced, true);
    await chinaClock(emu, '2027-01-01 00:00');
    await refused(emu, who('赵敏'), 'rate.submit', input, 'DEADLINE_PASSED', /已于12月31日结束/);
    assert.equal((await who('赵敏').ok('review', 'rate.todo', {})).review.open, false);
    await chinaClock(emu, '2026-12-10 10:00');
    await db().collection('review_ratings').doc(`${park.parkId}|${YEAR}|${park.ids.王芳}|${park.ids.赵敏}`).remove();
  });

  test('who rates whom: the committee, the enterprise\'s leader, colleagues; not oneself, not other branches or enterprises', async () => {
    const todo = async (a: Actor) => (await a.ok('review', 'rate.todo', {})).items.map((i: any) => `${i.name}:${i.role}`).sort();
    // 李强 (secretary) and 何军 (committee) rate branch A's members as the branch.
    assert.deepEqual(await todo(who('李强')), ['何军:branch', '孙丽:branch', '王芳:branch', '赵敏:branch']);
    assert.deepEqual(await todo(he), ['孙丽:branch', '李强:branch', '王芳:branch', '赵敏:branch']);
    // 陈静 (群众) leads ent-1: she rates its members as their leader.
    assert.deepEqual(await todo(who('陈静')), ['何军:leader', '孙丽:leader', '李强:leader', '王芳:leader', '赵敏:leader']);
    // 赵敏 is a colleague at ent-1; the secretary and 何军 are on the committee, but to her they are colleagues.
    assert.deepEqual(await todo(who('赵敏')), ['何军:colleague', '孙丽:colleague', '李强:colleague', '王芳:colleague']);
    // Branch B is joint with no enterprise recorded: its secretary rates its members, nobody else does.
    assert.deepEqual(await todo(who('张伟')), ['周涛:branch']);
    assert.deepEqual(await todo(who('刘洋')), []);
    assert.deepEqual(await todo(who('周涛')), []);
    // 首页 counts what is left to rate while the window is open.
    expect((await who('赵敏').ok('user', 'home', {})).review).toEqual({ year: YEAR, from: '2026-12-01', until: '2026-12-31', open: true, upcoming: false, toRate: 4, rated: 0, result: null });
    expect((await who('刘洋').ok('user', 'home', {})).review).toMatchObject({ open: true, toRate: 0, rated: 0 });

    await refused(emu, who('王芳'), 'rate.submit', { year: YEAR, memberId: park.ids.王芳, grade: 'excellent' }, 'FORBIDDEN', /不能评议自己/);
    await refused(emu, who('张伟'), 'rate.submit', { year: YEAR, memberId: park.ids.王芳, grade: 'qualified' }, 'FORBIDDEN', /不在评议这位同志的范围内/);
    await refused(emu, who('周涛'), 'rate.submit', { year: YEAR, memberId: park.ids.赵敏, grade: 'qualified' }, 'FORBIDDEN');
    // 群众 are not reviewed; another park's member is not found.
    await refused(emu, who('李强'), 'rate.submit', { year: YEAR, memberId: park.ids.陈静, grade: 'qualified' }, 'NOT_FOUND', /没有找到这位党员/);
    await refused(emu, who('李强'), 'rate.submit', { year: YEAR, memberId: 'other-3', grade: 'qualified' }, 'NOT_FOUND');
    await refused(emu, who('李强'), 'rate.submit', { year: '2025', memberId: park.ids.王芳, grade: 'qualified' }, 'NOT_FOUND', /2025年度的三评议还没有开始/);
  });

  test('one rating per rater and member: a change replaces it; a risky comment is refused and keeps the old one', async () => {
    const input = { year: YEAR, memberId: park.ids.王芳, grade: 'qualified', comment: '工作认真负责' };
    assert.equal((await who('陈静').ok('review', 'rate.submit', input)).replaced, false);
    assert.equal((await who('陈静').ok('review', 'rate.submit', { ...input, grade: 'excellent', comment: '带头攻坚，表现突出' })).replaced, true);
    await refused(emu, who('陈静'), 'rate.submit', { ...input, comment: '【测试违规词】' }, 'CONTENT_RISKY');
    const mine = (await ratingsAbout(park.ids.王芳)).filter((r) => r.raterId === park.ids.陈静);
    assert.equal(mine.length, 1);
    assert.equal(mine[0].grade, 'excellent');
    assert.equal(mine[0].role, 'leader');
    assert.equal(mine[0].comment, '带头攻坚，表现突出');
    const item = (await who('陈静').ok('review', 'rate.todo', {})).items.find((i: any) => i.memberId === park.ids.王芳);
    assert.equal(item.grade, 'excellent');
    const audits = await auditOf(emu, park.parkId, 'review.rate');
    assert.ok(audits.length >= 2);
    // The rating's audit entry names the rater and the year, never the member rated.
    for (const e of audits) assert.ok(!JSON.stringify(e).includes(park.ids.王芳) && !JSON.stringify(e).includes('王芳'), JSON.stringify(e));
  });

  test('anonymity: nothing the rated member reads names or identifies a rater', async () => {
    // Her own to-do (whom she rates) lists her colleagues whether or not they rated her: it must not move.
    const todoBefore = await who('王芳').ok('review', 'rate.todo', {});
    await who('赵敏').ok('review', 'rate.submit', { year: YEAR, memberId: park.ids.王芳, grade: 'qualified', comment: '乐于助人' });
    await he.ok('review', 'rate.submit', { year: YEAR, memberId: park.ids.王芳, grade: 'qualified' });
    await who('李强').ok('review', 'branch.decide', { year: YEAR, memberId: park.ids.王芳, grade: 'qualified', note: '继续保持' });
    const wang = who('王芳');
    const outputs = [
      await wang.ok('review', 'me.result', {}), await wang.ok('user', 'home', {}),
      await wang.ok('user', 'myData', {}), await wang.ok('user', 'me', {}),
    ];
    assert.deepEqual(await wang.ok('review', 'rate.todo', {}), todoBefore);
    const raters = (await ratingsAbout(park.ids.王芳));
    assert.equal(raters.length, 3);
    const text = JSON.stringify(outputs);
    for (const r of raters) {
      assert.ok(!text.includes(r.raterId), `a rater's id reached the rated: ${r.raterId} in ${text.slice(Math.max(0, text.indexOf(r.raterId) - 200), text.indexOf(r.raterId) + 50)}`);
    }
    for (const name of ['陈静', '赵敏', HE_JUN.name, park.openids.陈静!, park.openids.赵敏!, HE_JUN.openid]) assert.ok(!text.includes(name), `${name} reached the rated`);
    // Neither the comments (they could point at their writer) nor the groups.
    assert.ok(!text.includes('乐于助人') && !text.includes('带头攻坚'));
    const [r] = (outputs[0] as any).reviews;
    assert.equal(r.decision, 'qualified');
    assert.equal(r.note, '继续保持');
    assert.deepEqual(r.counts, { excellent: 1, qualified: 2, basic: 0, unqualified: 0 });
    // The secretary's results: votes per group and comments by group, never who.
    const res = await who('李强').ok('review', 'branch.results', { year: YEAR });
    const row = res.rows.find((x: any) => x.memberId === park.ids.王芳);
    assert.deepEqual(row.votes.leader, { excellent: 1, qualified: 0, basic: 0, unqualified: 0 });
    assert.deepEqual(row.votes.colleague, { excellent: 0, qualified: 1, basic: 0, unqualified: 0 });
    assert.deepEqual(row.comments, [{ role: 'leader', text: '带头攻坚，表现突出' }, { role: 'colleague', text: '乐于助人' }]);
    assert.ok(!JSON.stringify(res).includes('raterId'));
    for (const x of raters) assert.ok(!JSON.stringify(row).includes(x.raterId));
    // The decision keeps the votes behind it.
    const d = await doc(emu, 'review_decisions', `${park.parkId}|${YEAR}|${park.ids.王芳}`);
    assert.deepEqual(d.votes.branch, { excellent: 0, qualified: 1, basic: 0, unqualified: 0 });
    assert.equal(d.by.name, '李强');
  });

  test('once the branch decided on a member, ratings of that member can no longer change', async () => {
    await refused(emu, who('赵敏'), 'rate.submit', { year: YEAR, memberId: park.ids.王芳, grade: 'excellent' }, 'CONFLICT', /支部已经作出评定/);
    await refused(emu, who('李强'), 'rate.submit', { year: YEAR, memberId: park.ids.王芳, grade: 'excellent' }, 'CONFLICT');
    const item = (await who('赵敏').ok('review', 'rate.todo', {})).items.find((i: any) => i.memberId === park.ids.王芳);
    assert.equal(item.decided, true);
  });

  test('at most one third of a branch ends 优秀: at the boundary, and again when the branch grows', async () => {
    const sec = who('李强');
    const decide = (memberId: string, grade: string) => sec.call('review', 'branch.decide', { year: YEAR, memberId, grade });
    // Branch A: 5 members → at most 1.
    assert.equal(maxExcellent(5), 1);
    const first = await sec.ok('review', 'branch.decide', { year: YEAR, memberId: park.ids.赵敏, grade: 'excellent' });
    assert.deepEqual(first, { ok: true, excellent: 1, maxExcellent: 1 });
    const before = await snapshot(emu);
    const e = assertError(await decide(hejun, 'excellent'), 'INVALID_INPUT', /三分之一/);
    assert.match(e.fields!.grade![0]!, /本支部 5 名党员，最多 1 名优秀，已评定 1 名/);
    assert.equal(await snapshot(emu), before, 'a refused decision wrote something');
    // Re-deciding the same member as 优秀 does not count twice.
    assert.equal((await sec.ok('review', 'branch.decide', { year: YEAR, memberId: park.ids.赵敏, grade: 'excellent' })).excellent, 1);
    // Lowering 赵敏 frees the place for 何军.
    assert.equal((await sec.ok('review', 'branch.decide', { year: YEAR, memberId: park.ids.赵敏, grade: 'qualified' })).excellent, 0);
    assert.equal((await sec.ok('review', 'branch.decide', { year: YEAR, memberId: hejun, grade: 'excellent' })).excellent, 1);
    // A sixth member: two may be 优秀, not three.
    const six = await addPerson(emu, park.parkId, park.branches.A, { name: '钱多多', enterpriseId: 'ent-1' });
    assert.equal((await sec.ok('review', 'branch.decide', { year: YEAR, memberId: park.ids.赵敏, grade: 'excellent' })).excellent, 2);
    assertError(await decide(six, 'excellent'), 'INVALID_INPUT', /本支部 6 名党员，最多 2 名优秀，已评定 2 名/);
    const tally = await doc(emu, 'review_branches', `${park.parkId}|${YEAR}|${park.branches.A}`);
    assert.equal(tally.excellent, 2);
    const res = await sec.ok('review', 'branch.results', { year: YEAR });
    assert.equal(res.excellent, 2);
    assert.equal(res.maxExcellent, 2);
    assert.equal(res.members, 6);
    await sec.ok('review', 'branch.decide', { year: YEAR, memberId: six, grade: 'basic' });
    const audits = await auditOf(emu, park.parkId, 'review.decide');
    assert.ok(audits.some((a) => a.detail.personId === six && a.detail.grade === 'basic'));
  });

  test('two decisions at once cannot both take the last 优秀 place', async () => {
    const sec = who('李强');
    await sec.ok('review', 'branch.decide', { year: YEAR, memberId: hejun, grade: 'qualified' }); // 1 of 2 left
    const [a, b] = await Promise.all([
      sec.call('review', 'branch.decide', { year: YEAR, memberId: hejun, grade: 'excellent' }),
      who('周涛').call('review', 'branch.decide', { year: YEAR, memberId: park.ids.孙丽, grade: 'excellent' }),
    ]);
    assert.equal([a, b].filter((r) => r.ok).length, 1, JSON.stringify([a, b]));
    const { data } = await db().collection('review_decisions').where({ branchId: park.branches.A, grade: 'excellent' }).limit(100).get();
    assert.equal(data.length, 2);
    assert.equal((await doc(emu, 'review_branches', `${park.parkId}|${YEAR}|${park.branches.A}`)).excellent, 2);
  });

  test('the secretary sees who has not been rated; the park admin sees completion per branch, counts only', async () => {
    const res = await who('李强').ok('review', 'branch.results', { year: YEAR });
    const byName = Object.fromEntries(res.rows.map((r: any) => [r.name, r]));
    // 王芳 has all three groups; 孙丽 none yet.
    assert.deepEqual(byName.王芳.missing, []);
    assert.deepEqual(byName.孙丽.missing, ['leader', 'colleague', 'branch']);
    await refused(emu, who('张伟'), 'branch.results', { year: YEAR, branchId: park.branches.A }, 'FORBIDDEN');
    await refused(emu, who('张伟'), 'branch.decide', { year: YEAR, memberId: park.ids.王芳, grade: 'qualified' }, 'FORBIDDEN', /本支部/);
    const { branches } = await who('周涛').ok('review', 'park.completion', { year: YEAR });
    const a = branches.find((b: any) => b.branchId === park.branches.A);
    const decisions = (await db().collection('review_decisions').where({ branchId: park.branches.A }).limit(100).get()).data as any[];
    expect(a).toEqual({ branchId: park.branches.A, name: '新能源公司党支部', members: 6, rated: 1, started: 1, decided: decisions.length, excellent: 2 });
    const b = branches.find((x: any) => x.branchId === park.branches.B);
    expect(b).toMatchObject({ members: 2, rated: 0, started: 0, decided: 0, excellent: 0 });
    assert.ok(!JSON.stringify(branches).includes('王芳'), 'completion names nobody');
    // Another park's admin sees only their own park.
    const other = await as(emu, null, { openid: 'o_other_admin' }).ok('review', 'park.completion', { year: YEAR });
    assert.equal(other.review, null);
    assert.ok(other.branches.every((x: any) => x.branchId === 'branch-other'));
  });

  test('changing the setup keeps the ratings and is audited as a change', async () => {
    const n = (await db().collection('review_ratings').limit(1000).get()).data.length;
    await who('周涛').ok('review', 'park.open', setup(park, hejun, { until: '2027-01-10' }));
    assert.equal((await db().collection('review_ratings').limit(1000).get()).data.length, n);
    const e = (await auditOf(emu, park.parkId, 'review.open')).find((x) => x.detail.until === '2027-01-10');
    assert.equal(e?.detail.changed, true);
    await refused(emu, who('周涛'), 'park.open', setup(park, hejun, { from: '2026-01-01', until: '2026-12-31' }), 'INVALID_INPUT', /最长/);
    await refused(emu, who('周涛'), 'park.open', setup(park, hejun, { from: '2029-01-01', until: '2029-01-31' }), 'INVALID_INPUT');
  });

  test('after the window, 首页 shows the member her result and nothing to rate', async () => {
    await chinaClock(emu, '2027-01-11 09:00');
    expect((await who('王芳').ok('user', 'home', {})).review).toEqual({ year: YEAR, from: '2026-12-01', until: '2027-01-10', open: false, upcoming: false, toRate: 0, rated: 0, result: 'qualified' });
    expect((await who('陈静').ok('user', 'home', {})).review).toMatchObject({ open: false, result: null });
    await chinaClock(emu, '2026-12-10 10:00');
  });
});

// user.home: 首页's to-do list per persona, built from what the study and volunteer functions stored —
// a member's topics with the steps left, today's meeting before and after checking in, unread
// messages, volunteer shifts (a seat, a place in line); a secretary's branch month; an organizer's
// shifts to run and to confirm; the park admin's month; nothing for someone not bound. And what it
// costs: the DB requests of one call per persona, every query on an index.
import { describe, test, beforeAll, afterAll, expect } from '@jest/globals';
import assert from 'node:assert/strict';
import type { Home } from '../../../shared/contract/user';
import type { EmulatorHandle } from '../../support/emulator.js';
import { as, type Persona, type TestPark } from '../../support/park.js';
import { GOOD_NOTE, RIGHT, topicInput } from '../study/support.js';
import { chinaClock, createActivity, startVolunteer } from '../volunteer/support.js';

describe('user.home: the to-do list per persona', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  let parkTopic: string;
  let branchTopic: string;
  let todayMeeting: string;
  const home = async (who: Persona | { openid: string }): Promise<Home> => as(emu, park, who).ok('user', 'home', {});

  /** The DB requests one home call makes, and the query plans of its reads. */
  async function cost(who: Persona | { openid: string }): Promise<{ requests: number; scans: string[] }> {
    await emu.api('POST', '/_emulator/stats/reset');
    await home(who);
    const reqs: Array<{ from?: string; plan?: string; collection?: string; action: string }> = await emu.api('GET', '/_emulator/requests?limit=1000');
    const mine = reqs.filter((r) => r.from?.startsWith('user:'));
    return { requests: mine.length, scans: mine.filter((r) => r.plan && !/^(IXSCAN|IDS|UNION)/.test(r.plan)).map((r) => `${r.collection} ${r.plan}`) };
  }

  beforeAll(async () => {
    ({ emu, park } = await startVolunteer());
    const li = as(emu, park, '李强');
    // Yesterday: an activity whose shift 陈静 took; its hours are still to confirm today.
    await chinaClock(emu, '2026-11-08 10:00');
    const past = await createActivity(as(emu, park, '刘洋'), {
      title: '昨日环境整治', recruitFrom: '2026-11-08 09:00', recruitUntil: '2026-11-08 20:00', shifts: [{ start: '2026-11-09 09:00', end: '2026-11-09 11:00', capacity: 5, role: null }],
    });
    await as(emu, park, '陈静').ok('volunteer', 'signUp', { shiftId: past.shifts[0] });
    await chinaClock(emu, '2026-11-10 10:00');
    // This month: a park-wide topic with a quiz and branch A's own without one (deadline in 10 days).
    parkTopic = (await as(emu, park, '周涛').ok('study', 'topics.create', topicInput())).topic.id;
    branchTopic = (await li.ok('study', 'topics.create', topicInput({ scope: 'branch', branchId: park.branches.A, title: '支部专题：学习条例', deadline: '2026-11-20', quiz: null }))).topic.id;
    // 王芳 read the park's and wrote her note; 赵敏 completed it; 李强's own note is held for review.
    await as(emu, park, '王芳').ok('study', 'topics.markRead', { topicId: parkTopic });
    await as(emu, park, '王芳').ok('study', 'notes.submit', { topicId: parkTopic, text: GOOD_NOTE });
    const zhao = as(emu, park, '赵敏');
    await zhao.ok('study', 'topics.markRead', { topicId: parkTopic });
    await zhao.ok('study', 'notes.submit', { topicId: parkTopic, text: GOOD_NOTE });
    await zhao.ok('study', 'quiz.submit', { topicId: parkTopic, answers: RIGHT });
    assert.equal((await li.ok('study', 'notes.submit', { topicId: branchTopic, text: `${GOOD_NOTE}【测试待审词】` })).held, true);
    // A reminder of the branch topic reaches those who have not finished it.
    await li.ok('study', 'topics.remind', { topicId: branchTopic, branchId: park.branches.A });
    // Branch A meets today; branch B on the 20th.
    todayMeeting = (await li.ok('study', 'meetings.create', { branchId: park.branches.A, kind: 'partyDay', title: '十一月主题党日', date: '2026-11-10', place: '三楼会议室' })).meeting.id;
    await as(emu, park, '张伟').ok('study', 'meetings.create', { branchId: park.branches.B, kind: 'partyLecture', title: '冬季大党课', date: '2026-11-20', place: '园区礼堂' });
    // Volunteering: a shift on the 15th with 2 seats (王芳 and 陈静 take them, 赵敏 waits) and one today that 刘洋 runs.
    const next = await createActivity(as(emu, park, '刘洋'), { shifts: [{ start: '2026-11-15 09:00', end: '2026-11-15 11:00', capacity: 2, role: '清洁' }] });
    for (const who of ['王芳', '陈静', '赵敏'] as const) await as(emu, park, who).ok('volunteer', 'signUp', { shiftId: next.shifts[0] });
    await createActivity(as(emu, park, '刘洋'), { title: '今日交通引导', recruitUntil: '2026-11-10 13:00', shifts: [{ start: '2026-11-10 14:00', end: '2026-11-10 16:00', capacity: 3, role: null }] });
  });
  afterAll(() => emu?.stop());

  test('a member: both topics with the steps left, today\'s meeting to check in to, the reminder, her seat', async () => {
    const h = await home('王芳');
    assert.equal(h.person?.name, '王芳');
    assert.equal(h.person?.branch.name, '新能源公司党支部');
    assert.equal(h.person?.park.name, '测试工业园区');
    assert.equal(h.today, '2026-11-10');
    assert.deepEqual(
      h.topics.map((t) => [t.title, t.daysLeft, t.read, t.note, t.quiz, t.completed]),
      [['支部专题：学习条例', 10, false, 'none', 'none', false], ['十一月专题：学习党章', 20, true, 'accepted', 'todo', false]],
    );
    assert.deepEqual(h.meeting && [h.meeting.id, h.meeting.title, h.meeting.today, h.meeting.attended, h.meeting.branchName], [todayMeeting, '十一月主题党日', true, false, '新能源公司党支部']);
    // Scheduled without times: all day, so its check-in is open at 10:00.
    assert.deepEqual(h.meeting && [h.meeting.startTime, h.meeting.endTime, h.meeting.checkIn], [null, null, 'open']);
    assert.equal(h.unread, 1);
    assert.deepEqual(h.inbox.map((m) => [m.kind, m.topicId]), [['studyReminder', branchTopic]]);
    assert.deepEqual(h.volunteer.map((v) => [v.title, v.status, v.waitPosition, v.role, v.today]), [['园区环境整治志愿服务', 'registered', null, '清洁', false]]);
    assert.deepEqual([h.branches, h.manage, h.park], [[], null, null]);

    // She checks in with the code the secretary shows: the meeting says so; reading the message empties the inbox.
    const { code } = await as(emu, park, '李强').ok('study', 'meetings.code', { meetingId: todayMeeting });
    await as(emu, park, '王芳').ok('study', 'meetings.checkIn', { code });
    await as(emu, park, '王芳').ok('study', 'inbox.markRead', { ids: [h.inbox[0]!.id] });
    const after = await home('王芳');
    assert.deepEqual([after.meeting?.attended, after.meeting?.attendees, after.unread, after.inbox], [true, 1, 0, []]);
  });

  test('a probationary member: the park topic done, the branch one to do, first in line for the full shift', async () => {
    const h = await home('赵敏');
    assert.deepEqual(h.topics.map((t) => [t.title, t.completed]), [['支部专题：学习条例', false], ['十一月专题：学习党章', true]]);
    assert.deepEqual(h.volunteer.map((v) => [v.status, v.waitPosition]), [['waitlist', 1]]);
    assert.equal(h.unread, 1);
  });

  test('群众: no topics or meetings (they are Party members\' tasks), their own shift', async () => {
    const h = await home('陈静');
    assert.deepEqual(h.person?.roles, ['masses']);
    assert.deepEqual([h.topics, h.meeting, h.branches, h.manage, h.park], [[], null, [], null, null]);
    assert.deepEqual(h.volunteer.map((v) => [v.title, v.status]), [['园区环境整治志愿服务', 'registered']]);
  });

  test('a secretary: the branch\'s completion per topic, the note to review, the meeting to hold today', async () => {
    const h = await home('李强');
    assert.equal(h.branches.length, 1);
    const b = h.branches[0]!;
    assert.deepEqual([b.id, b.name, b.members], [park.branches.A, '新能源公司党支部', 4]);
    assert.deepEqual(
      b.topics.map((t) => [t.title, t.completed, t.hasQuiz]).sort(),
      [['十一月专题：学习党章', 1, true], ['支部专题：学习条例', 0, false]],
    );
    assert.deepEqual(b.notesPending, [{ topicId: branchTopic, title: '支部专题：学习条例', count: 1 }]);
    assert.deepEqual(b.nextMeeting && [b.nextMeeting.id, b.nextMeeting.today], [todayMeeting, true]);
    // He is a member of the branch too: his own topics; branch activities he manages have no shifts here.
    assert.equal(h.topics.length, 2);
    assert.deepEqual(h.manage, { today: [], toConfirm: [] });
    // The other branch's secretary sees his own branch and its meeting on the 20th, nothing of branch A.
    const zhang = await home('张伟');
    assert.deepEqual(zhang.branches.map((x) => [x.name, x.nextMeeting?.title, x.notesPending.length]), [['园区联合党支部', '冬季大党课', 0]]);
    assert.deepEqual(zhang.meeting && [zhang.meeting.title, zhang.meeting.today], ['冬季大党课', false]);
  });

  test('the volunteer organizer: today\'s shift to run and yesterday\'s to confirm; no study', async () => {
    const h = await home('刘洋');
    assert.deepEqual(h.topics, []);
    assert.deepEqual(h.manage?.today.map((s) => [s.title, s.capacity, s.taken]), [['今日交通引导', 3, 0]]);
    assert.deepEqual(h.manage?.toConfirm.map((s) => [s.title, s.taken]), [['昨日环境整治', 1]]);
  });

  test('the park admin: the park\'s month — the park-wide topic, the study rate, branches lowest first', async () => {
    const h = await home('周涛');
    assert.ok(h.park);
    assert.deepEqual(h.park.parkTopics.map((t) => t.title), ['十一月专题：学习党章']);
    // Assigned: the park topic to 4 + 2 members, branch A's to 4; completed: 赵敏's one.
    assert.equal(h.park.studyRate, 0.1);
    assert.deepEqual(h.park.branches.map((b) => [b.name, b.members, b.studyRate]), [['园区联合党支部', 2, 0], ['新能源公司党支部', 4, 0.125]]);
    assert.equal(h.manage?.today.length, 1); // a park admin manages every activity
  });

  test('a meeting with times: its check-in is not yet open, open, then over, as the check-in itself says', async () => {
    // Branch B's 大党课 on the 20th, 14:30–16:30: check-in from 14:00 to 17:30 (shared/schedule.ts).
    const zhang = as(emu, park, '张伟');
    const lecture = (await zhang.ok('study', 'meetings.list', { branchId: park.branches.B })).meetings.find((m: { title: string }) => m.title === '冬季大党课');
    await zhang.ok('study', 'meetings.update', { meetingId: lecture.id, title: lecture.title, date: lecture.date, startTime: '14:30', endTime: '16:30', place: lecture.place });
    const at = async (wall: string) => {
      await chinaClock(emu, wall);
      const m = (await home('周涛')).meeting;
      return m && [m.title, m.today, m.startTime, m.endTime, m.checkIn];
    };
    assert.deepEqual(await at('2026-11-20 13:59'), ['冬季大党课', true, '14:30', '16:30', 'before']);
    assert.deepEqual(await at('2026-11-20 14:00'), ['冬季大党课', true, '14:30', '16:30', 'open']);
    assert.deepEqual(await at('2026-11-20 17:29'), ['冬季大党课', true, '14:30', '16:30', 'open']);
    assert.deepEqual(await at('2026-11-20 17:30'), ['冬季大党课', true, '14:30', '16:30', 'over']);
    await chinaClock(emu, '2026-11-10 10:00');
  });

  test('someone not bound: no person and nothing to do (首页 offers to bind)', async () => {
    const h = await home({ openid: 'o_home_stranger' });
    assert.deepEqual([h.person, h.topics, h.volunteer, h.unread], [null, [], [], 0]);
  });

  test('承诺践诺: mine returned, due within 7 days, overdue; the secretary\'s queue; nothing for someone without any', async () => {
    const wang = as(emu, park, '王芳');
    const li = as(emu, park, '李强');
    const item = (dueOn: string) => ({ kind: 'work', what: `全年质检零差错，带好新员工（${dueOn}）`, howSeen: '车间质检记录', dueOn, term: 'yearly' });
    const approved = async (dueOn: string) => {
      const { pledge } = await wang.ok('pledge', 'create', item(dueOn));
      await li.ok('pledge', 'review.decide', { pledgeId: pledge.id, decision: 'approve' });
      return pledge.id as string;
    };
    const today = await approved('2026-11-10');
    const soon = await approved('2026-11-13');
    await approved('2026-11-30'); // 18 days after the 12th: not listed
    const vague = (await wang.ok('pledge', 'create', { ...item('2026-12-20'), what: '好好工作认真负责' })).pledge.id;
    await li.ok('pledge', 'review.decide', { pledgeId: vague, decision: 'return', comment: '太笼统，请写具体' });
    await as(emu, park, '赵敏').ok('pledge', 'create', item('2026-12-01'));
    await chinaClock(emu, '2026-11-12 09:00');
    try {
      const h = await home('王芳');
      assert.deepEqual([h.pledges?.returned, h.pledges?.overdue], [1, 1]);
      assert.deepEqual(h.pledges?.dueSoon.map((p) => [p.id, p.dueOn, p.daysLeft]), [[soon, '2026-11-13', 1]]);
      assert.ok(!h.pledges?.dueSoon.some((p) => p.id === today), 'the overdue one is counted as overdue, not as due soon');
      assert.deepEqual(h.pledges?.branches, []);
      const sec = await home('李强');
      assert.deepEqual(sec.pledges?.branches, [{ id: park.branches.A, name: '新能源公司党支部', toApprove: 1, toConfirm: 0, toWithdraw: 0 }]);
      assert.deepEqual(sec.pledges && [sec.pledges.returned, sec.pledges.overdue, sec.pledges.dueSoon.length], [0, 0, 0]);
      // 王芳 claims the one due soon: it leaves her list and waits in 李强's.
      await wang.ok('pledge', 'claim', { pledgeId: soon, note: '已带出两名新员工，质检零差错' });
      assert.deepEqual((await home('王芳')).pledges?.dueSoon, []);
      assert.equal((await home('李强')).pledges?.branches[0]?.toConfirm, 1);
      assert.deepEqual((await home('陈静')).pledges, { returned: 0, dueSoon: [], overdue: 0, branches: [] });
    } finally {
      await chinaClock(emu, '2026-11-10 10:00');
    }
  });

  test('DB requests per call, every query on an index', async () => {
    const figures: Record<string, number> = {};
    for (const who of ['王芳', '赵敏', '陈静', '李强', '刘洋', '周涛'] as const) {
      const c = await cost(who);
      expect(c.scans).toEqual([]);
      figures[who] = c.requests;
    }
    figures.unbound = (await cost({ openid: 'o_home_stranger2' })).requests;
    console.log(`user.home DB requests: ${JSON.stringify(figures)}`);
    // The caller, then one round of reads by role, then one of look-ups (docs/ARCHITECTURE.md lists them).
    expect(figures.unbound).toBe(1);
    for (const [who, n] of Object.entries(figures)) expect([who, n <= 16]).toEqual([who, true]);
  });
});

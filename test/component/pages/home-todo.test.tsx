// 首页's to-do list and the 学习 tab for those without study: what each persona sees, where a tap goes,
// the unread badge on the 学习 tab, and no error state for someone who simply has no access.
import { describe, expect, test } from '@jest/globals';
import { render, screen, waitFor } from '@testing-library/react';
import type { Home as HomeData } from '@shared/contract/user';
import Home from '../../../miniapp/src/pages/index/index';
import Study from '../../../miniapp/src/pages/study/index';
import { ROUTES } from '../../../miniapp/src/services/nav';
import { ok, person } from '../support/fixtures';
import { backend, taro } from '../support/taro';
import { tap, textOf } from '../support/dom';

const EMPTY: Omit<HomeData, 'person'> = { today: '2026-11-10', month: '2026-11', unread: 0, inbox: [], topics: [], meeting: null, volunteer: [], branches: [], manage: null, park: null };
const MEETING = { id: 'm-1', branchId: 'br-1', branchName: '第一党支部', kind: 'partyDay' as const, title: '十一月主题党日', date: '2026-11-10', place: '三楼会议室', startTime: null, endTime: null, today: true, checkIn: 'open' as const, attended: false, attendees: 0 };

function answerHome(data: Partial<HomeData>) {
  backend.answer('user', 'home', ok({ ...EMPTY, person: person(), ...data }));
  backend.answer('score', 'me.summary', ok({ year: 30, quarter: 20, month: 12, periods: { month: '2026-11', quarter: '2026-Q4', year: '2026' }, branchRank: null, optIn: false, individualRankingEnabled: false }));
}

describe('首页 to-do list', () => {
  test('today\'s meeting with times: its time, and 签到 only while check-in is open (before: when it opens; after: that it closed)', async () => {
    const timed = { ...MEETING, startTime: '14:30', endTime: '16:30' };
    for (const [checkIn, shown, button] of [['before', '14:00 开始签到', false], ['open', '14:30–16:30', true], ['over', '签到已结束', false]] as const) {
      answerHome({ meeting: { ...timed, checkIn } });
      const { unmount } = render(<Home />);
      await screen.findByText('今天要做');
      const text = textOf();
      expect([checkIn, text.includes('14:30–16:30'), text.includes(shown)]).toEqual([checkIn, true, true]);
      expect([checkIn, screen.queryAllByText('签到', { exact: true }).length > 0]).toEqual([checkIn, button]);
      unmount();
    }
  });

  test('a member: today\'s meeting with 签到, the topic\'s steps left, messages on the badge, a shift; each a tap away', async () => {
    answerHome({
      unread: 2,
      inbox: [{ id: 'i-1', kind: 'studyReminder', title: '学习提醒：学习党章', at: '2026-11-10T02:00:00.000Z', topicId: 't-1', activityId: null }],
      meeting: MEETING,
      topics: [{ id: 't-1', title: '学习党章', scope: 'park', deadline: '2026-11-30', daysLeft: 20, closed: false, completed: false, read: true, note: 'none', quiz: 'todo' }],
      volunteer: [{ activityId: 'a-1', shiftId: 's-1', title: '园区环境整治', start: '2026-11-15T01:00:00.000Z', end: '2026-11-15T03:00:00.000Z', role: null, status: 'waitlist', waitPosition: 2, signedIn: false, today: false }],
    });
    render(<Home />);
    await screen.findByText('今天要做');
    const text = textOf();
    for (const part of ['今天主题党日：十一月主题党日', '签到', '本月专题：学习党章', '还差：写心得、小测验', '还有 20 天截止（11月30日）', '2 条新消息', '志愿服务：园区环境整治', '候补第 2 位']) expect(text).toContain(part);
    expect(taro.callsTo('setTabBarBadge')).toEqual([{ index: 1, text: '2' }]);
    tap('本月专题：学习党章');
    tap('今天主题党日：十一月主题党日');
    tap('志愿服务：园区环境整治');
    expect(taro.callsTo('navigateTo')).toEqual([{ url: `${ROUTES.studyTopic}?topicId=t-1` }, { url: ROUTES.studyCheckin }, { url: `${ROUTES.volunteerActivity}?activityId=a-1` }]);
  });

  test('a secretary: completion per topic, notes to review, the meeting to show the code for', async () => {
    answerHome({
      person: person({ roles: ['member', 'secretary'], secretaryOf: ['br-1'] }),
      branches: [{ id: 'br-1', name: '第一党支部', members: 30, topics: [{ id: 't-1', title: '学习党章', deadline: '2026-11-30', closed: false, hasQuiz: true, completed: 12 }], notesPending: [{ topicId: 't-1', title: '学习党章', count: 3 }], nextMeeting: MEETING }],
    });
    render(<Home />);
    await screen.findByText('要处理的工作');
    for (const part of ['学习完成 12/30 人', '提醒', '3 篇心得待审阅', '审阅', '今天主题党日：十一月主题党日', '签到码']) expect(textOf()).toContain(part);
    expect(taro.callsTo('removeTabBarBadge')).toEqual([{ index: 1 }]);
    tap('学习完成 12/30 人');
    tap('3 篇心得待审阅');
    expect(taro.callsTo('navigateTo')).toEqual([
      { url: `${ROUTES.secretaryProgress}?topicId=t-1&branchId=br-1&title=${encodeURIComponent('学习党章')}&quiz=1` },
      { url: `${ROUTES.secretaryNotes}?topicId=t-1&branchId=br-1&title=${encodeURIComponent('学习党章')}` },
    ]);
  });

  test('nothing to do says so and what comes next; the park admin gets the park\'s month', async () => {
    answerHome({
      person: person({ roles: ['member', 'parkAdmin'] }),
      park: { parkTopics: [], studyRate: 0.25, volunteerHours: 12.5, branches: [{ id: 'br-2', name: '第二党支部', members: 8, studyRate: 0.1, volunteerHours: 0 }] },
    });
    render(<Home />);
    await screen.findByText('今天要做');
    for (const part of ['暂时没有要办的事', '园区11月', '学习完成率', '25%', '12.5 小时', '本月还没有全园区专题', '第二党支部']) expect(textOf()).toContain(part);
    // 发布 opens the park-wide study page (园区管理 · 学习), not one branch's topics.
    tap('本月还没有全园区专题');
    expect(taro.callsTo('navigateTo')).toEqual([{ url: ROUTES.adminStudy }]);
  });

  test('三评议: what is left to rate during the window, then my result; the secretary\'s 支部评定', async () => {
    const REVIEW = { year: '2026', from: '2026-12-01', until: '2026-12-31', open: true, upcoming: false, toRate: 3, rated: 1, result: null };
    answerHome({ person: person({ roles: ['member', 'secretary'], secretaryOf: ['br-1'] }), branches: [{ id: 'br-1', name: '第一党支部', members: 30, topics: [], notesPending: [], nextMeeting: null }], review: REVIEW });
    const { unmount } = render(<Home />);
    await screen.findByText('今天要做');
    for (const part of ['三评议：还有 3 位同志待评议', '12月31日 截止', '2026年度三评议：支部评定']) expect(textOf()).toContain(part);
    tap('三评议：还有 3 位同志待评议');
    tap('2026年度三评议：支部评定');
    expect(taro.callsTo('navigateTo')).toEqual([{ url: ROUTES.reviewTodo }, { url: ROUTES.reviewBranch }]);
    unmount();
    answerHome({ review: { ...REVIEW, open: false, toRate: 0, rated: 0, result: 'qualified' } });
    render(<Home />);
    await screen.findByText('2026年度三评议：合格');
    expect(textOf()).not.toContain('待评议');
  });

  test('承诺践诺: returned, overdue, due within 7 days (each opens 我的承诺); the secretary\'s queue opens 承诺审核 for the branch', async () => {
    answerHome({
      person: person({ roles: ['member', 'secretary'], secretaryOf: ['br-1'] }),
      pledges: {
        returned: 1, overdue: 2,
        dueSoon: [{ id: 'p-1', what: '全年质检零差错，带好两名新入职的质检员，每季度考核一次并公开结果', dueOn: '2026-11-13', daysLeft: 3 }],
        branches: [{ id: 'br-1', name: '第一党支部', toApprove: 2, toConfirm: 1, toWithdraw: 0 }],
      },
    });
    render(<Home />);
    await screen.findByText('今天要做');
    const text = textOf();
    for (const part of ['1 项承诺被退回修改', '2 项承诺已过践诺期限', '承诺：全年质检零差错，带好两名新入职的质检员，每季度考…', '还有 3 天到期', '承诺审核', '2 项待审核', '1 项践诺待确认']) expect(text).toContain(part);
    expect(text).not.toContain('撤回待审批');
    tap('1 项承诺被退回修改');
    tap('承诺审核');
    expect(taro.callsTo('navigateTo')).toEqual([{ url: ROUTES.pledgeMine }, { url: `${ROUTES.pledgeReview}?branchId=br-1` }]);
  });

  test('承诺践诺 with nothing to do: no pledge rows', async () => {
    answerHome({ pledges: { returned: 0, overdue: 0, dueSoon: [], branches: [{ id: 'br-1', name: '第一党支部', toApprove: 0, toConfirm: 0, toWithdraw: 0 }] } });
    render(<Home />);
    await screen.findByText('今天要做');
    expect(textOf()).not.toMatch(/承诺被退回|践诺期限|到期|承诺审核/);
  });

  test('someone not bound: 绑定身份, no to-do list', async () => {
    backend.answer('user', 'home', ok({ ...EMPTY, person: null }));
    render(<Home />);
    await screen.findByText('绑定身份');
    expect(textOf()).not.toContain('今天要做');
  });
});

describe('学习 tab without study', () => {
  test('an unbound user gets 绑定身份, not an error', async () => {
    backend.answer('user', 'me', ok({ bound: false, person: null }));
    render(<Study />);
    await screen.findByText('绑定身份');
    expect(textOf()).not.toContain('出错了');
    tap('绑定身份');
    expect(taro.callsTo('navigateTo')).toEqual([{ url: ROUTES.bind }]);
    expect(backend.inputs('study', 'topics.list')).toEqual([]);
  });

  test('群众 (and an organizer who is not a Party member): why, their messages, and 志愿 — never topics.list', async () => {
    backend.answer('user', 'me', ok({ bound: true, person: person({ memberType: 'none', roles: ['masses', 'organizer'] }) }));
    backend.answer('study', 'inbox.list', ok({ unread: 1, messages: [{ id: 'i-1', kind: 'volunteerPromoted', title: '候补成功：园区环境整治', body: '您已获得名额', topicId: null, meetingId: null, activityId: 'a-1', at: '2026-11-10T02:00:00.000Z', read: false }] }));
    render(<Study />);
    await screen.findByText('去看志愿活动');
    await waitFor(() => expect(textOf()).toContain('候补成功：园区环境整治'));
    expect(textOf()).toContain('职工群众');
    expect(textOf()).not.toContain('出错了');
    expect(taro.callsTo('setTabBarBadge')).toEqual([{ index: 1, text: '1' }]);
    tap('去看志愿活动');
    expect(taro.callsTo('switchTab')).toEqual([{ url: ROUTES.volunteer }]);
    expect(backend.inputs('study', 'topics.list')).toEqual([]);
  });
});

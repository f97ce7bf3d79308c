// 首页's to-do list (user.home): one row per thing to do, each a tap away from its page — so any daily
// task is two taps from 首页. Only what concerns the person shows; nothing to do says so and what is next.
import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import type { Home } from '@shared/contract/user';
import { MEETING_KIND_LABELS, REVIEW_GRADE_LABELS } from '@shared/contract/labels';
import { checkInWindow, meetingTimeLabel } from '@shared/schedule';
import { clockLabel, monthDayLabel } from '@shared/time';
import { ROUTES, go } from '../../services/nav';
import { shiftTime } from '../../utils/volunteer';

type Topic = Home['topics'][number];
type Meeting = NonNullable<Home['meeting']>;

const q = (url: string, params: Record<string, string>) =>
  `${url}?${Object.entries(params).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`;

/**
 * One thing to do: what, a line of detail, and the button that does it (the whole row opens it). A detail
 * given as parts ("12月7日 9:00–11:00", "清洁", "已报名") breaks between the parts, never inside one.
 */
function Item({ kind, title, detail, act, done, onTap }: { kind: string; title: string; detail?: string | string[]; act?: string; done?: boolean; onTap: () => void }) {
  const parts = typeof detail === 'string' ? [detail] : (detail ?? []).filter(Boolean);
  return (
    <View className={`todo-item todo-item--${kind}${done ? ' todo-item--done' : ''}`} onClick={onTap}>
      <View className='todo-item__main'>
        <Text className='todo-item__title'>{title}</Text>
        {parts.length > 0 && (
          <View className='todo-item__detail'>
            {parts.map((p, i) => (
              <Text key={i} className={`todo-item__part${p.length <= 10 ? ' todo-item__part--whole' : ''}`}>
                {i > 0 ? ` · ${p}` : p}
              </Text>
            ))}
          </View>
        )}
      </View>
      {act && <Text className={`todo-item__act${done ? ' todo-item__act--done' : ''}`}>{act}</Text>}
    </View>
  );
}

function dueText(t: Topic): string {
  if (t.closed) return `已于 ${monthDayLabel(t.deadline)} 截止`;
  if (t.daysLeft === 0) return '今天截止';
  return `还有 ${t.daysLeft} 天截止（${monthDayLabel(t.deadline)}）`;
}

/** The steps still to do, in words: 还差：阅读材料、写心得、小测验. */
function stepsLeft(t: Topic): string {
  const left: string[] = [];
  if (!t.read) left.push('阅读材料');
  if (t.note === 'none') left.push('写心得');
  if (t.note === 'rejected') left.push('重写心得');
  if (t.quiz === 'todo') left.push('小测验');
  const waiting = t.note === 'pending' ? '心得待书记审阅' : '';
  if (left.length === 0) return waiting || (t.quiz === 'failed' ? '测验次数已用完' : '');
  return `还差：${left.join('、')}${waiting ? `；${waiting}` : ''}`;
}

function meetingLine(m: Meeting): string[] {
  return [`${m.today ? '今天' : monthDayLabel(m.date)} ${meetingTimeLabel(m)}`, m.place];
}

/** Today's meeting for a member: 签到 while its check-in window is open; before, when it opens; after, that it closed. */
function todayMeetingItem(m: Meeting): ReactNode {
  const title = `今天${MEETING_KIND_LABELS[m.kind]}：${m.title}`;
  const when = meetingTimeLabel(m);
  if (m.attended) return <Item key='meeting' kind='meeting' title={title} detail={[when, `地点：${m.place}`]} act='✓ 已签到' done onTap={() => go(ROUTES.studyCheckin)} />;
  if (m.checkIn === 'open') return <Item key='meeting' kind='meeting' title={title} detail={[when, `地点：${m.place}`]} act='签到' onTap={() => go(ROUTES.studyCheckin)} />;
  const state = m.checkIn === 'before' ? `${clockLabel(checkInWindow(m).opensAt)} 开始签到` : '签到已结束';
  return <Item key='meeting' kind='meeting' title={title} detail={[when, state, `地点：${m.place}`]} onTap={() => go(ROUTES.study)} />;
}

export function TodoList({ home }: { home: Home }) {
  const items: ReactNode[] = [];
  const m = home.meeting;
  if (m && m.today) items.push(todayMeetingItem(m));
  for (const t of home.topics.filter((x) => !x.completed)) {
    items.push(
      <Item
        key={`topic-${t.id}`}
        kind='topic'
        title={`${t.scope === 'park' ? '本月专题' : '支部专题'}：${t.title}`}
        detail={[stepsLeft(t), dueText(t)]}
        act={t.closed ? '查看' : t.read ? '继续' : '去学习'}
        onTap={() => go(q(ROUTES.studyTopic, { topicId: t.id }))}
      />,
    );
  }
  if (home.unread > 0) {
    items.push(
      <Item key='inbox' kind='inbox' title={`${home.unread} 条新消息`} detail={home.inbox.map((x) => x.title)} act='查看' onTap={() => go(ROUTES.study)} />,
    );
  }
  for (const v of home.volunteer) {
    const state = v.status === 'waitlist' ? `候补第 ${v.waitPosition ?? '?'} 位` : v.signedIn ? '已签到' : '已报名';
    const scan = v.today && v.status === 'registered';
    items.push(
      <Item
        key={`shift-${v.shiftId}`}
        kind='shift'
        title={`志愿服务：${v.title}`}
        detail={[shiftTime(v), v.role ?? '', state]}
        act={scan ? (v.signedIn ? '签退' : '签到') : '查看'}
        onTap={() => go(scan ? ROUTES.volunteerScan : q(ROUTES.volunteerActivity, { activityId: v.activityId }))}
      />,
    );
  }
  if (m && !m.today) {
    items.push(<Item key='meeting' kind='meeting' title={`下次${MEETING_KIND_LABELS[m.kind]}：${m.title}`} detail={meetingLine(m)} onTap={() => go(ROUTES.study)} />);
  }
  const done = home.topics.filter((t) => t.completed);
  if (done.length > 0 && done.length === home.topics.length) {
    items.push(<Item key='topics-done' kind='topic' title='本月专题已学完' detail={done.map((t) => t.title).join('；')} act='✓' done onTap={() => go(ROUTES.study)} />);
  }

  const rv = home.review;
  if (rv?.open && rv.toRate > 0) {
    items.push(<Item key='review' kind='review' title={`三评议：还有 ${rv.toRate} 位同志待评议`} detail={[`${rv.year}年度`, `${monthDayLabel(rv.until)} 截止`]} act='去评议' onTap={() => go(ROUTES.reviewTodo)} />);
  } else if (rv?.open && rv.rated > 0) {
    items.push(<Item key='review' kind='review' title='三评议已评完' detail={`支部评定前可以修改，${monthDayLabel(rv.until)} 截止`} act='✓' done onTap={() => go(ROUTES.reviewTodo)} />);
  }
  if (rv?.result) {
    items.push(<Item key='review-result' kind='review' title={`${rv.year}年度三评议：${REVIEW_GRADE_LABELS[rv.result]}`} detail='支部已作出评定' act='查看' onTap={() => go(ROUTES.reviewMine)} />);
  }

  // 承诺践诺: returned to rewrite, past the due date, due within 7 days (each opens 我的承诺).
  const pl = home.pledges;
  if (pl && pl.returned > 0) {
    items.push(<Item key='pledge-returned' kind='pledge' title={`${pl.returned} 项承诺被退回修改`} detail='按支部书记的意见改好后再提交' act='修改' onTap={() => go(ROUTES.pledgeMine)} />);
  }
  if (pl && pl.overdue > 0) {
    items.push(<Item key='pledge-overdue' kind='pledge' title={`${pl.overdue} 项承诺已过践诺期限`} detail='申报践诺情况，或向支部说明' act='处理' onTap={() => go(ROUTES.pledgeMine)} />);
  }
  for (const p of pl?.dueSoon ?? []) {
    items.push(
      <Item
        key={`pledge-${p.id}`}
        kind='pledge'
        title={`承诺：${p.what.length > 24 ? `${p.what.slice(0, 24)}…` : p.what}`}
        detail={[p.daysLeft === 0 ? '今天到期' : `还有 ${p.daysLeft} 天到期`, monthDayLabel(p.dueOn)]}
        act='申报践诺'
        onTap={() => go(ROUTES.pledgeMine)}
      />,
    );
  }

  const manage: ReactNode[] = [];
  for (const b of pl?.branches ?? []) {
    const many = (pl?.branches.length ?? 0) > 1 ? `${b.name} · ` : '';
    const parts = [b.toApprove ? `${b.toApprove} 项待审核` : '', b.toConfirm ? `${b.toConfirm} 项践诺待确认` : '', b.toWithdraw ? `${b.toWithdraw} 项撤回待审批` : ''].filter(Boolean);
    if (parts.length) {
      manage.push(<Item key={`pledge-q-${b.id}`} kind='pledge-review' title={`${many}承诺审核`} detail={parts} act='审核' onTap={() => go(q(ROUTES.pledgeReview, { branchId: b.id }))} />);
    }
  }
  for (const b of home.branches) {
    const many = home.branches.length > 1 ? `${b.name} · ` : '';
    if (b.topics.length === 0) {
      manage.push(<Item key={`b-none-${b.id}`} kind='branch' title={`${many}本月还没有学习专题`} detail='发布本支部专题，或等园区党委发布' act='发布' onTap={() => go(ROUTES.secretaryTopics)} />);
    }
    for (const t of b.topics) {
      manage.push(
        <Item
          key={`b-${b.id}-${t.id}`}
          kind='branch'
          title={`${many}学习完成 ${t.completed}/${b.members} 人`}
          detail={[t.title, t.closed ? '已截止' : `${monthDayLabel(t.deadline)} 截止`]}
          act={t.completed < b.members && !t.closed ? '提醒' : '查看'}
          onTap={() => go(q(ROUTES.secretaryProgress, { topicId: t.id, branchId: b.id, title: t.title, ...(t.hasQuiz ? { quiz: '1' } : {}) }))}
        />,
      );
    }
    for (const n of b.notesPending) {
      manage.push(
        <Item key={`n-${b.id}-${n.topicId}`} kind='notes' title={`${many}${n.count} 篇心得待审阅`} detail={n.title} act='审阅' onTap={() => go(q(ROUTES.secretaryNotes, { topicId: n.topicId, branchId: b.id, title: n.title }))} />,
      );
    }
    const next = b.nextMeeting;
    manage.push(
      next ? (
        <Item
          key={`m-${b.id}`}
          kind='branch-meeting'
          title={`${many}${next.today ? '今天' : '下次'}${MEETING_KIND_LABELS[next.kind]}：${next.title}`}
          detail={next.today ? [meetingTimeLabel(next), `已签到 ${next.attendees} 人`, next.place] : meetingLine(next)}
          act={next.today ? '签到码' : '准备'}
          onTap={() => go(ROUTES.secretaryMeetings)}
        />
      ) : (
        <Item key={`m-${b.id}`} kind='branch-meeting' title={`${many}还没有安排下次主题党日`} detail='安排一次，或每月、每季度固定一天' act='安排' onTap={() => go(ROUTES.secretaryMeetings)} />
      ),
    );
  }
  if (rv && !rv.upcoming && home.branches.length > 0) {
    manage.push(<Item key='review-branch' kind='review-branch' title={`${rv.year}年度三评议：支部评定`} detail={['评议票数、未评名单', '记录支部评定']} act='评定' onTap={() => go(ROUTES.reviewBranch)} />);
  }
  if (rv && home.park) {
    manage.push(<Item key='review-park' kind='review-park' title={`${rv.year}年度三评议完成情况`} detail={rv.open ? `${monthDayLabel(rv.until)} 截止` : rv.upcoming ? `${monthDayLabel(rv.from)} 开始` : '评议已结束'} act='查看' onTap={() => go(ROUTES.reviewPark)} />);
  }
  for (const s of home.manage?.today ?? []) {
    manage.push(
      <Item
        key={`run-${s.shiftId}`}
        kind='run'
        title={`今天的志愿活动：${s.title}`}
        detail={[shiftTime(s), s.role ?? '', `已报名 ${s.taken}/${s.capacity} 人`]}
        act='签到码'
        onTap={() => go(q(ROUTES.organizerShift, { shiftId: s.shiftId, activityId: s.activityId }))}
      />,
    );
  }
  for (const s of home.manage?.toConfirm ?? []) {
    manage.push(
      <Item
        key={`confirm-${s.shiftId}`}
        kind='confirm'
        title={`待确认时长：${s.title}`}
        detail={[shiftTime(s), `${s.taken} 人`]}
        act='确认'
        onTap={() => go(q(ROUTES.organizerShift, { shiftId: s.shiftId, activityId: s.activityId }))}
      />,
    );
  }

  return (
    <>
      <View className='rp-section todo'>
        <Text className='rp-title'>今天要做</Text>
        {items.length > 0 ? items : <Text className='rp-muted todo__none'>暂时没有要办的事。新的学习专题、活动和消息会出现在这里。</Text>}
      </View>
      {manage.length > 0 && (
        <View className='rp-section todo todo--manage'>
          <Text className='rp-title'>要处理的工作</Text>
          {manage}
        </View>
      )}
      {home.park && <ParkMonth park={home.park} month={home.month} />}
    </>
  );
}

const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)}%`);

function ParkMonth({ park, month }: { park: NonNullable<Home['park']>; month: string }) {
  const low = park.branches.filter((b) => b.studyRate !== null).slice(0, 3);
  return (
    <View className='rp-section todo todo--park'>
      <Text className='rp-title'>园区{Number(month.slice(5))}月</Text>
      <View className='park-month'>
        <View className='park-month__part'>
          <Text className='park-month__label'>学习完成率</Text>
          <Text className='park-month__value'>{pct(park.studyRate)}</Text>
        </View>
        <View className='park-month__part'>
          <Text className='park-month__label'>志愿时长</Text>
          <Text className='park-month__value'>{park.volunteerHours} 小时</Text>
        </View>
      </View>
      {park.parkTopics.length === 0 ? (
        <Item kind='park-topic' title='本月还没有全园区专题' detail='发布后所有支部的党员都会收到' act='发布' onTap={() => go(ROUTES.adminStudy)} />
      ) : (
        park.parkTopics.map((t) => <Item key={t.id} kind='park-topic' title={`全园区专题：${t.title}`} detail={`${monthDayLabel(t.deadline)} 截止`} onTap={() => go(`${ROUTES.adminStudy}?topicId=${encodeURIComponent(t.id)}`)} />)
      )}
      {low.length > 0 && (
        <>
          <Text className='rp-muted park-month__low'>学习完成率较低的支部</Text>
          {low.map((b) => (
            <Item key={b.id} kind='park-branch' title={b.name} detail={[`${b.members} 名党员`, `完成率 ${pct(b.studyRate)}`]} onTap={() => go(ROUTES.memberLeaderboard)} />
          ))}
        </>
      )}
    </View>
  );
}

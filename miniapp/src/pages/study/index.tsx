// 学习 tab: this month's 一月一专题 for me, each with my progress (阅读 / 心得 / 测验 / 完成) and its
// deadline, one big button to open it; my unread reminders (study reminders, meetings moved or
// cancelled); the branch's coming 主题党日 / 大党课 (cancelled ones with the reason); links to 往期专题
// and 会议签到.
// The topic, quiz, history and check-in pages are in the study subpackage (packages/study), so this
// page stays light. Nothing here is compulsory and no reading time is measured (FACTS.md §4).
// Someone who simply has no study here gets a page that makes sense for them, never an error: an
// unbound WeChat user is led to bind; 群众 and a volunteer organizer who is not a Party member read why
// (一月一专题 is for Party members) and what is open to them (志愿服务), with their own messages.
import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { ActionOutput, ApiReply } from '@shared/contract';
import { MEETING_KIND_LABELS } from '@shared/contract/labels';
import { chinaPeriods } from '@shared/periods';
import { chinaDateString, clockLabel, monthDayLabel } from '@shared/time';
import { checkInWindow, meetingTimeLabel } from '@shared/schedule';
import { PageShell } from '../../components/PageShell';
import { BusyButton } from '../../components/BusyButton';
import { Empty, ErrorState, Loading } from '../../components/States';
import { useRemote } from '../../hooks/useRemote';
import { api, call } from '../../services/api';
import { showUnread } from '../../services/badge';
import { ROUTES, go } from '../../services/nav';
import './index.scss';
import { askConsent } from '../../services/subscribe';

type Summary = ActionOutput<'study', 'topics.list'>['topics'][number];
type Detail = ActionOutput<'study', 'topics.get'>;
type Message = ActionOutput<'study', 'inbox.list'>['messages'][number];
type Meeting = ActionOutput<'study', 'meetings.list'>['meetings'][number];
interface Data {
  /** who: study (a member, secretary or park admin), unbound (no roster entry), none (群众, organizer). */
  who: 'study' | 'unbound' | 'none';
  month: string;
  topics: Array<{ topic: Summary; detail: Detail | null }>;
  messages: Message[];
  /** My branch's next meetings (today on), at most 3, cancelled ones included. */
  meetings: Meeting[];
}

/** This month's topics (each with my progress, fetched in parallel), my unread reminders and my branch's coming meetings. */
async function load(): Promise<ApiReply<Data>> {
  const now = new Date();
  const month = chinaPeriods(now).month;
  const today = chinaDateString(now);
  const me = await api.user.me();
  if (!me.ok) return me;
  const person = me.data.person;
  const empty = { month, topics: [], messages: [], meetings: [] };
  if (!person) return { ok: true, data: { who: 'unbound', ...empty } };
  if (!person.roles.some((r) => r === 'member' || r === 'secretary' || r === 'parkAdmin')) {
    const inbox = await call('study', 'inbox.list', { offset: 0, limit: 20, unreadOnly: true });
    if (inbox.ok) showUnread(inbox.data.unread);
    return { ok: true, data: { who: 'none', ...empty, messages: inbox.ok ? inbox.data.messages : [] } };
  }
  const [list, inbox, meetings] = await Promise.all([
    call('study', 'topics.list', { month }),
    call('study', 'inbox.list', { offset: 0, limit: 20, unreadOnly: true }),
    call('study', 'meetings.list', {}),
  ]);
  if (!list.ok) return list;
  if (inbox.ok) showUnread(inbox.data.unread);
  const details = await Promise.all(list.data.topics.map((t) => call('study', 'topics.get', { topicId: t.id })));
  return {
    ok: true,
    data: {
      who: 'study',
      month,
      topics: list.data.topics.map((topic, i) => {
        const d = details[i];
        return { topic, detail: d && d.ok ? d.data : null };
      }),
      messages: inbox.ok ? inbox.data.messages : [],
      // Coming ones are listed first, soonest first.
      meetings: meetings.ok ? meetings.data.meetings.filter((m) => m.date >= today).slice(0, 3) : [],
    },
  };
}

function Step({ label, state, done }: { label: string; state: string; done: boolean }) {
  return (
    <View className={`study-step${done ? ' study-step--done' : ''}`}>
      <Text className='study-step__mark'>{done ? '✓' : '○'}</Text>
      <Text className='study-step__label'>{label}</Text>
      <Text className='study-step__state'>{state}</Text>
    </View>
  );
}

const INBOX_KIND: Record<Message['kind'], string> = {
  studyReminder: '学习提醒', meetingChanged: '活动变更', meetingCancelled: '活动取消', volunteerPromoted: '志愿候补转正', volunteerChanged: '志愿活动变更', volunteerCancelled: '志愿活动取消', reminder: '提醒',
  pledgeReturned: '承诺退回修改', pledgeOverdue: '承诺到期',
};

const NOTE_STATE = { accepted: '已提交', pending: '审核中', rejected: '被退回，可重写' } as const;

function TopicCard({ topic, detail }: { topic: Summary; detail: Detail | null }) {
  const p = detail?.progress ?? null;
  const done = topic.completed === true || p?.completed === true;
  const open = () => {
    if (!done) void askConsent('openTopic'); // from the tap, before anything is awaited
    go(`${ROUTES.studyTopic}?topicId=${encodeURIComponent(topic.id)}`);
  };
  return (
    <View className={`rp-section study-topic${done ? ' study-topic--done' : ''}`} data-topic-id={topic.id}>
      <Text className='study-topic__scope'>{topic.scope === 'park' ? '园区党委专题' : '本支部专题'}</Text>
      <Text className='study-topic__title'>{topic.title}</Text>
      <Text className={`study-topic__deadline${topic.closed ? ' study-topic__deadline--closed' : ''}`}>
        {topic.closed ? `已于 ${monthDayLabel(topic.deadline)} 截止` : `截止：${monthDayLabel(topic.deadline)}（北京时间）`}
      </Text>
      {p && (
        <View className='study-topic__steps'>
          <Step label='阅读材料' state={p.read ? '已阅读' : '未阅读'} done={p.read} />
          <Step label='学习心得' state={p.note ? NOTE_STATE[p.note.status] : '未写'} done={p.note?.status === 'accepted'} />
          {detail?.quiz && (
            <Step
              label='小测验'
              state={p.quiz?.passed ? '已合格' : p.quiz && p.quiz.attempts > 0 ? `未合格（还可答 ${p.quiz.attemptsLeft} 次）` : '未参加'}
              done={p.quiz?.passed === true}
            />
          )}
        </View>
      )}
      {done && <Text className='study-topic__done'>✓ 本专题已完成</Text>}
      <Button className={`rp-btn${done ? ' rp-btn--ghost' : ''} study-topic__open`} onClick={open}>
        {done ? '再看一看' : p?.read ? '继续学习' : '开始学习'}
      </Button>
    </View>
  );
}

function Inbox({ messages }: { messages: Message[] }) {
  const [hidden, setHidden] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const shown = messages.filter((m) => !hidden.includes(m.id));
  if (shown.length === 0) return null;
  const markAll = async () => {
    setBusy(true);
    const r = await call('study', 'inbox.markRead', { ids: shown.map((m) => m.id) });
    setBusy(false);
    if (r.ok) {
      setHidden((h) => [...h, ...shown.map((m) => m.id)]);
      showUnread(messages.length - hidden.length - shown.length);
    }
  };
  return (
    <View className='rp-section study-inbox'>
      <Text className='rp-title'>提醒（{shown.length}）</Text>
      {shown.map((m) => (
        <View
          key={m.id}
          className={`study-inbox__item study-inbox__item--${m.kind}`}
          onClick={() => {
            if (m.topicId) go(`${ROUTES.studyTopic}?topicId=${encodeURIComponent(m.topicId)}`);
            else if (m.activityId) go(`${ROUTES.volunteerActivity}?activityId=${encodeURIComponent(m.activityId)}`);
          }}
        >
          <Text className='study-inbox__kind'>{INBOX_KIND[m.kind]}</Text>
          <Text className='study-inbox__title'>{m.title}</Text>
          <Text className='rp-muted'>{m.body}</Text>
          {m.activityId && <Text className='study-inbox__open'>查看活动 ›</Text>}
        </View>
      ))}
      <BusyButton className='rp-btn rp-btn--ghost study-inbox__read' busy={busy} busyText='正在处理…' onClick={markAll}>
        知道了
      </BusyButton>
    </View>
  );
}

/** When today's check-in is open, in words (shared/schedule.ts checkInWindow: 30 minutes before to an hour after). */
function checkInLine(m: Meeting): string {
  if (m.attended) return '✓ 您已签到';
  if (!m.startTime) return '今天全天可以签到：点下面的“会议签到”扫码';
  const w = checkInWindow(m);
  return `签到时间 ${clockLabel(w.opensAt)}–${clockLabel(w.closesAt)}，到时点下面的“会议签到”扫码`;
}

/** The branch's next meetings: date and time, kind, title, place; a cancelled one says so, with the reason. */
function ComingMeetings({ meetings }: { meetings: Meeting[] }) {
  if (meetings.length === 0) return null;
  const today = chinaDateString(new Date());
  return (
    <View className='rp-section study-meetings'>
      <Text className='rp-title'>本支部活动</Text>
      {meetings.map((m) => (
        <View key={m.id} className={`study-meeting${m.cancelled ? ' study-meeting--cancelled' : ''}`} data-meeting-id={m.id}>
          <View className='study-meeting__head'>
            <Text className='study-meeting__date'>
              {monthDayLabel(m.date)}
              {m.date === today ? '（今天）' : ''} {meetingTimeLabel(m)}
            </Text>
            <Text className='study-meeting__kind'>{MEETING_KIND_LABELS[m.kind]}</Text>
            {m.cancelled && <Text className='study-meeting__cancelled'>已取消</Text>}
          </View>
          <Text className='study-meeting__title'>{m.title}</Text>
          {m.cancelled ? (
            <Text className='study-meeting__reason'>取消原因：{m.cancelReason ?? '未说明'}</Text>
          ) : (
            <Text className='rp-muted'>地点：{m.place}</Text>
          )}
          {!m.cancelled && m.date === today && <Text className='rp-muted study-meeting__checkin'>{checkInLine(m)}</Text>}
        </View>
      ))}
    </View>
  );
}

/** Not on the roster yet: what 学习 is, and the way to bind. */
function Unbound() {
  return (
    <View className='rp-section study-none'>
      <Text className='rp-title'>学习专题</Text>
      <Text className='rp-text'>党员在这里学习园区党委和支部每月发布的专题，写心得、做小测验。</Text>
      <Text className='rp-muted'>您的微信还没有绑定身份。请用支部书记发给您的 8 位邀请码绑定。</Text>
      <Button className='rp-btn study-none__bind' onClick={() => go(ROUTES.bind)}>
        绑定身份
      </Button>
    </View>
  );
}

/** 群众 and an organizer who is not a Party member: why there are no topics, and what is open to them. */
function NoStudy({ messages }: { messages: Message[] }) {
  return (
    <>
      <Inbox key={messages.map((m) => m.id).join()} messages={messages} />
      <View className='rp-section study-none'>
        <Text className='rp-title'>学习专题</Text>
        <Text className='rp-text'>“一月一专题”是园区党委和支部给党员布置的学习任务，您的身份是职工群众，所以这里没有您的学习任务。</Text>
        <Text className='rp-muted'>园区的志愿服务对党员和职工群众都开放，欢迎报名参加；您收到的活动变更和候补通知也会显示在这里。</Text>
        <Button className='rp-btn study-none__volunteer' onClick={() => go(ROUTES.volunteer)}>
          去看志愿活动
        </Button>
      </View>
    </>
  );
}

export default function Study() {
  const { state, reload } = useRemote(load);
  return (
    <PageShell onRefresh={reload}>
      <View className='rp-body study-page'>
        {state.status === 'loading' && <Loading />}
        {state.status === 'error' && <ErrorState message={state.error.message} onRetry={() => void reload()} />}
        {state.status === 'ok' && state.data.who === 'unbound' && <Unbound />}
        {state.status === 'ok' && state.data.who === 'none' && <NoStudy messages={state.data.messages} />}
        {state.status === 'ok' && state.data.who === 'study' && (
          <>
            <Inbox key={state.data.messages.map((m) => m.id).join()} messages={state.data.messages} />
            <Text className='study-page__month'>{Number(state.data.month.slice(5))}月学习专题</Text>
            {state.data.topics.length === 0 ? (
              <View className='rp-section'>
                <Empty title='本月还没有发布学习专题' hint='园区党委或支部发布后会显示在这里。' />
              </View>
            ) : (
              state.data.topics.map(({ topic, detail }) => <TopicCard key={topic.id} topic={topic} detail={detail} />)
            )}
            <ComingMeetings meetings={state.data.meetings} />
          </>
        )}
        {state.status === 'ok' && state.data.who === 'study' && (
          <View className='study-links'>
            <Button className='rp-btn rp-btn--ghost study-links__history' onClick={() => go(ROUTES.studyHistory)}>
              往期专题
            </Button>
            <Button className='rp-btn rp-btn--ghost study-links__checkin' onClick={() => go(ROUTES.studyCheckin)}>
              会议签到（扫码）
            </Button>
            <Button className='rp-btn rp-btn--ghost study-links__photos' onClick={() => go(ROUTES.studyMeetingPhotos)}>
              活动照片
            </Button>
          </View>
        )}
        {(state.status !== 'ok' || state.data.who === 'study') && <Text className='rp-muted study-page__note'>学习记录只用于帮助您学习，不统计在线时长。</Text>}
      </View>
    </PageShell>
  );
}

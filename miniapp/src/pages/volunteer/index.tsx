// 志愿 tab, for everyone bound (Party members and 群众 alike): my hours this year and the big 扫码签到 /
// 签退 button, 我的报名 with where I stand on each shift (已报名 / 候补第 n 位 / 已签到 / 计 x 小时 · 待确认 /
// 已确认 x 小时), and 可报名的活动 (those I may join, soonest first). Organizers, secretaries and park admins
// also get 组织活动. Someone not bound yet reads what volunteering here is and is led to bind.
// The activity and scan pages are in the volunteer subpackage, the organizer's pages in packages/organizer.
import { Button, Text, View } from '@tarojs/components';
import type { ApiReply, PersonSelf } from '@shared/contract';
import { VOLUNTEER_CATEGORY_LABELS, ACTIVITY_STAGE_LABELS } from '@shared/contract/labels';
import { PageShell } from '../../components/PageShell';
import { Empty, ErrorState, Loading } from '../../components/States';
import { useRemote } from '../../hooks/useRemote';
import { api, call } from '../../services/api';
import { ROUTES, go } from '../../services/nav';
import { type ActivitySummary, activitySeats, hoursText, liveRegistrations, registrationState, shiftTime } from '../../utils/volunteer';
import './index.scss';

interface Data {
  person: PersonSelf | null;
  open: ActivitySummary[];
  mine: ActivitySummary[];
  hoursThisYear: number;
}

async function load(): Promise<ApiReply<Data>> {
  const me = await api.user.me();
  if (!me.ok) return me;
  const person = me.data.person;
  if (!person) return { ok: true, data: { person: null, open: [], mine: [], hoursThisYear: 0 } };
  const [open, mine] = await Promise.all([call('volunteer', 'activities.list', { view: 'open', limit: 50 }), call('volunteer', 'activities.list', { view: 'mine', limit: 50 })]);
  if (!open.ok) return open;
  if (!mine.ok) return mine;
  return {
    ok: true,
    data: {
      person,
      open: open.data.activities,
      // Mine: activities I still hold a seat or a place in line for, or that were cancelled under me.
      mine: mine.data.activities.filter((a) => liveRegistrations(a.mine).length > 0 || (a.stage === 'cancelled' && a.mine.length > 0)),
      hoursThisYear: mine.data.hoursThisYear,
    },
  };
}

const activityUrl = (id: string) => `${ROUTES.volunteerActivity}?activityId=${encodeURIComponent(id)}`;
const isManager = (p: PersonSelf) => p.roles.some((r) => r === 'organizer' || r === 'secretary' || r === 'parkAdmin');

function Intro() {
  return (
    <>
      <View className='rp-section vol-intro'>
        <Text className='vol-intro__title'>园区志愿服务</Text>
        <Text className='rp-text'>园区志愿服务联合会和各支部在这里发布志愿活动，党员和职工群众都可以报名参加。</Text>
        <Text className='rp-text'>· 选一个班次报名，名额满了可以排队候补，有人取消时按顺序递补</Text>
        <Text className='rp-text'>· 到场后扫负责人出示的签到码签到，结束时再扫一次签退</Text>
        <Text className='rp-text'>· 服务时长按实际在岗时间计算，负责人确认后记入您的志愿时长和积分</Text>
      </View>
      <View className='rp-section'>
        <Text className='rp-muted'>您的微信还没有绑定身份。请用支部书记发给您的 8 位邀请码绑定，绑定后就能报名。</Text>
        <Button className='rp-btn vol-bind' onClick={() => go(ROUTES.bind)}>
          绑定身份
        </Button>
      </View>
    </>
  );
}

function MyActivity({ a }: { a: ActivitySummary }) {
  const shifts = new Map(a.shifts.map((s) => [s.id, s]));
  const regs = a.stage === 'cancelled' ? [] : liveRegistrations(a.mine);
  return (
    <View className='vol-mine__item' data-activity-id={a.id} onClick={() => go(activityUrl(a.id))}>
      <Text className='vol-mine__title'>{a.title}</Text>
      {a.stage === 'cancelled' && <Text className='vol-state vol-state--gray'>活动已取消</Text>}
      {regs.map((r) => {
        const s = shifts.get(r.shiftId) ?? null;
        const state = registrationState(r, s);
        return (
          <View key={r.shiftId} className='vol-mine__shift'>
            <Text className='vol-mine__time'>
              {s ? shiftTime(s) : ''}
              {s?.role ? ` · ${s.role}` : ''}
            </Text>
            <Text className={`vol-state vol-state--${state.tone}`}>{state.label}</Text>
          </View>
        );
      })}
      <Text className='rp-muted'>地点：{a.place}</Text>
    </View>
  );
}

function OpenActivity({ a }: { a: ActivitySummary }) {
  const first = a.shifts[0];
  const joined = liveRegistrations(a.mine).length > 0;
  return (
    <View className='rp-section vol-card' data-activity-id={a.id} onClick={() => go(activityUrl(a.id))}>
      <View className='vol-card__tags'>
        <Text className='vol-tag vol-tag--red'>{VOLUNTEER_CATEGORY_LABELS[a.category]}</Text>
        <Text className={`vol-tag${a.stage === 'recruiting' ? ' vol-tag--green' : ''}`}>{ACTIVITY_STAGE_LABELS[a.stage]}</Text>
        {a.branch && <Text className='vol-tag'>{a.branch.name}</Text>}
        {joined && <Text className='vol-tag vol-tag--green'>已报名</Text>}
      </View>
      <Text className='vol-card__title'>{a.title}</Text>
      {first && (
        <Text className='rp-text'>
          {shiftTime(first)}
          {a.shifts.length > 1 ? ` 等 ${a.shifts.length} 个班次` : ''}
        </Text>
      )}
      <Text className='rp-muted'>地点：{a.place}</Text>
      <Text className='vol-card__seats'>{activitySeats(a.shifts)}</Text>
    </View>
  );
}

function Volunteer({ data }: { data: Data & { person: PersonSelf } }) {
  return (
    <>
      <View className='rp-section vol-hero'>
        <View className='vol-hero__hours'>
          <Text className='vol-hero__label'>今年志愿时长</Text>
          <Text className='vol-hero__value'>
            {hoursText(data.hoursThisYear)}
            <Text className='vol-hero__unit'> 小时</Text>
          </Text>
          <Text className='rp-muted'>负责人确认后的时长</Text>
        </View>
        <Button className='rp-btn vol-scan' onClick={() => go(ROUTES.volunteerScan)}>
          扫码签到 / 签退
        </Button>
        <View className='vol-record-links'>
          <Button className='rp-btn rp-btn--ghost vol-record' onClick={() => go(ROUTES.volunteerRecord)}>
            我的志愿记录
          </Button>
          <Button className='rp-btn rp-btn--ghost vol-certificates' onClick={() => go(ROUTES.volunteerCertificates)}>
            志愿服务证明
          </Button>
        </View>
      </View>
      {isManager(data.person) && (
        <View className='rp-section'>
          <Button className='rp-btn rp-btn--ghost vol-organize' onClick={() => go(ROUTES.organizerActivities)}>
            组织活动（发布、签到码、确认时长）
          </Button>
          <Button className='rp-btn rp-btn--ghost vol-todo' onClick={() => go(ROUTES.organizerTodo)}>
            志愿待办（确认时长、补录、更正、证明）
          </Button>
        </View>
      )}
      <View className='rp-section vol-mine'>
        <Text className='rp-title'>我的报名</Text>
        {data.mine.length === 0 ? (
          <Text className='rp-muted vol-mine__empty'>您还没有报名。在下面的“可报名的活动”里选一个，点开就能报名。</Text>
        ) : (
          data.mine.map((a) => <MyActivity key={a.id} a={a} />)
        )}
      </View>
      <Text className='vol-heading'>可报名的活动</Text>
      {data.open.length === 0 ? (
        <View className='rp-section'>
          <Empty title='现在没有招募中的活动' hint='园区志愿服务联合会或支部发布活动后会显示在这里，下拉可以刷新。' />
        </View>
      ) : (
        data.open.map((a) => <OpenActivity key={a.id} a={a} />)
      )}
    </>
  );
}

export default function VolunteerTab() {
  const { state, reload } = useRemote(load);
  return (
    <PageShell onRefresh={reload}>
      <View className='rp-body vol-page'>
        {state.status === 'loading' && <Loading />}
        {state.status === 'error' && <ErrorState message={state.error.message} onRetry={() => void reload()} />}
        {state.status === 'ok' && (state.data.person ? <Volunteer data={{ ...state.data, person: state.data.person }} /> : <Intro />)}
      </View>
    </PageShell>
  );
}

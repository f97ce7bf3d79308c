// 志愿活动 (?activityId=): what the activity is (content, category, place, who may join), the risk notice
// and whether it is insured (志愿服务条例 Art. 12, 17), the contact, the cancellation rule and the hours
// rule; then each shift with its time, role, seats left or the waitlist, my state on it (with why the
// hours are what they are) and 报名 / 取消报名. The function's reply is shown as it is. Anyone with the
// link may look (the share card opens this page): someone not bound is led to bind, someone outside
// the audience reads why. Who manages it gets a way to the organizer's pages.
import { useState } from 'react';
import { useRouter, useShareAppMessage } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { ActionOutput, ApiReply, PersonSelf } from '@shared/contract';
import { ACTIVITY_STAGE_LABELS, AUDIENCE_LABELS, VOLUNTEER_CATEGORY_LABELS } from '@shared/contract/volunteer';
import { PageShell } from '../../../../components/PageShell';
import { BusyButton } from '../../../../components/BusyButton';
import { Empty, ErrorState, Loading } from '../../../../components/States';
import { markStale, useRemote } from '../../../../hooks/useRemote';
import { api, call } from '../../../../services/api';
import { ROUTES, go } from '../../../../services/nav';
import { type MyRegistration, type Shift, dateTimeOf, hoursRuleText, rangeText, registrationState, seatsText, shiftTime } from '../../../../utils/volunteer';
import { Tag } from '../../../ui';
import { Confirm } from '../../../ui/form';
import { ContentBlocks } from '../../common/content';
import './index.scss';
import { CoverImage } from '../../../../components/PhotoGrid';
import { askConsent } from '../../../../services/subscribe';

type Activity = ActionOutput<'volunteer', 'activities.get'>['activity'];
interface Data {
  activity: Activity;
  person: PersonSelf | null;
}

/** The query value (Taro may leave it encoded). */
function param(v: string | undefined): string {
  if (!v) return '';
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

async function load(activityId: string): Promise<ApiReply<Data>> {
  const [a, me] = await Promise.all([call('volunteer', 'activities.get', { activityId }), api.user.me()]);
  if (!a.ok) return a;
  return { ok: true, data: { activity: a.data.activity, person: me.ok ? me.data.person : null } };
}

/** What the stage means for someone who wants to join. */
function stageLine(a: Activity): string | null {
  switch (a.stage) {
    case 'announced':
      return `招募将于 ${dateTimeOf(a.recruitFrom)} 开始`;
    case 'recruiting':
      return `报名截止：${dateTimeOf(a.recruitUntil)}`;
    case 'closed':
      return '招募已结束';
    case 'inProgress':
      return '活动正在进行，到场后请扫码签到';
    case 'finished':
      return '活动已结束';
    default:
      return null;
  }
}

type Notice = { tone: 'ok' | 'error'; text: string };

function ShiftItem(props: { a: Activity; s: Shift; reg: MyRegistration | null; canJoin: boolean; onChanged: () => Promise<unknown> }) {
  const { a, s, reg, canJoin, onChanged } = props;
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const live = reg && reg.status !== 'cancelled' ? reg : null;
  const state = live ? registrationState(live, s) : null;
  const full = s.taken >= s.capacity;

  const signUp = async () => {
    void askConsent('signUp'); // first, from the tap: an await before it would lose the prompt
    setBusy(true);
    setNotice(null);
    const r = await call('volunteer', 'signUp', { shiftId: s.id });
    setBusy(false);
    if (!r.ok) return setNotice({ tone: 'error', text: r.error.message });
    markStale();
    setNotice({ tone: 'ok', text: r.data.message });
    await onChanged();
  };
  const cancel = async () => {
    setBusy(true);
    setNotice(null);
    const r = await call('volunteer', 'cancel', { shiftId: s.id });
    setBusy(false);
    setConfirming(false);
    if (!r.ok) return setNotice({ tone: 'error', text: r.error.message });
    markStale();
    setNotice({ tone: 'ok', text: live?.status === 'waitlist' ? '已退出候补' : '已取消报名' });
    await onChanged();
  };

  return (
    <View className={`va-shift${live ? ' va-shift--mine' : ''}`} data-shift-id={s.id}>
      <Text className='va-shift__time'>{shiftTime(s)}</Text>
      <View className='va-shift__tags'>
        {s.role && <Tag tone='gold'>岗位：{s.role}</Tag>}
        {state && <Tag tone={state.tone}>{state.label}</Tag>}
      </View>
      {['announced', 'recruiting', 'closed'].includes(a.stage) && <Text className='rp-muted va-shift__seats'>{seatsText(s)}</Text>}
      {live?.hoursNote && <Text className='rp-text va-shift__note'>{live.hoursNote}</Text>}
      {live?.status === 'waitlist' && <Text className='rp-muted'>有人取消时按排队顺序递补，递补成功会在“学习”页的提醒里告诉您。</Text>}
      {notice && <Text className={`va-notice va-notice--${notice.tone}`}>{notice.text}</Text>}
      {canJoin && !live && a.stage === 'recruiting' && (
        <BusyButton className='rp-btn va-shift__join' busy={busy} busyText='正在报名…' onClick={signUp}>
          {full ? '排队候补' : '报名这个班次'}
        </BusyButton>
      )}
      {live?.cancellableUntil && !confirming && (
        <>
          <Text className='rp-muted'>可在 {dateTimeOf(live.cancellableUntil)} 前{live.status === 'waitlist' ? '退出候补' : '取消报名'}</Text>
          <Button className='rp-btn rp-btn--ghost va-shift__cancel' onClick={() => setConfirming(true)}>
            {live.status === 'waitlist' ? '退出候补' : '取消报名'}
          </Button>
        </>
      )}
      {live && confirming && (
        <Confirm
          className='va-shift__confirm'
          title={live.status === 'waitlist' ? '确定退出候补吗？' : '确定取消这个班次的报名吗？'}
          lines={[shiftTime(s), live.status === 'registered' ? '取消后名额会让给候补的人，再报名要重新排队。' : '取消后您将不在候补名单里。']}
          okText='确定取消'
          busy={busy}
          onOk={cancel}
          onCancel={() => setConfirming(false)}
        />
      )}
      {live && !live.cancellableUntil && !live.signedInAt && a.stage !== 'finished' && (
        <Text className='rp-muted'>已过取消期限。如不能参加，请联系 {a.contact.name}（{a.contact.phone}）。</Text>
      )}
    </View>
  );
}

function ActivityView({ data, reload }: { data: Data; reload: () => Promise<unknown> }) {
  const { activity: a, person } = data;
  const mine = new Map(a.mine.map((r) => [r.shiftId, r]));
  const stage = stageLine(a);
  return (
    <>
      <View className={`rp-section va-head${a.stage === 'cancelled' ? ' va-head--cancelled' : ''}`}>
        <View className='va-head__tags'>
          <Tag tone='red'>{VOLUNTEER_CATEGORY_LABELS[a.category]}</Tag>
          <Tag tone={a.stage === 'recruiting' ? 'green' : 'gray'}>{ACTIVITY_STAGE_LABELS[a.stage]}</Tag>
        </View>
        <Text className='va-head__title'>{a.title}</Text>
        <Text className='rp-muted'>{a.scope === 'park' ? '园区志愿服务联合会' : (a.branch?.name ?? '支部活动')}</Text>
        {a.stage === 'cancelled' && <Text className='va-cancelled'>活动已取消：{a.cancelReason ?? '未说明原因'}</Text>}
        {stage && <Text className='rp-text va-head__stage'>{stage}</Text>}
        {a.editedAt && <Text className='rp-muted'>（内容已于 {dateTimeOf(a.editedAt)} 更新）</Text>}
      </View>

      <View className='rp-section va-facts'>
        <View className='rp-row'>
          <Text className='rp-row__label'>地点</Text>
          <Text className='rp-row__value'>{a.place}</Text>
        </View>
        <View className='rp-row'>
          <Text className='rp-row__label'>谁可以报名</Text>
          <Text className='rp-row__value'>{a.scope === 'branch' ? `${a.branch?.name ?? '本支部'}${a.audience === 'members' ? '的党员' : '的同志'}` : AUDIENCE_LABELS[a.audience]}</Text>
        </View>
        <View className='rp-row'>
          <Text className='rp-row__label'>报名时间</Text>
          <Text className='rp-row__value'>
            {rangeText(a.recruitFrom, a.recruitUntil)}
          </Text>
        </View>
        <View className='rp-row'>
          <Text className='rp-row__label'>联系人</Text>
          <Text className='rp-row__value va-contact' userSelect>
            {a.contact.name} {a.contact.phone}
          </Text>
        </View>
      </View>

      <View className='rp-section va-content'>
        <Text className='rp-title'>活动内容</Text>
        <ContentBlocks blocks={a.content} />
      </View>

      <View className='rp-section va-risk'>
        <Text className='rp-title'>风险提示</Text>
        <Text className='rp-text'>{a.riskNotice || '本活动没有特别的风险提示，请注意安全。'}</Text>
        <Text className={`va-insured${a.insured ? ' va-insured--yes' : ''}`}>{a.insured ? '✓ 已为志愿者购买保险' : '本活动未购买保险'}</Text>
      </View>

      <View className='rp-section va-shifts'>
        <Text className='rp-title'>班次和报名</Text>
        {a.shifts.map((s) => (
          <ShiftItem key={s.id} a={a} s={s} reg={mine.get(s.id) ?? null} canJoin={a.open} onChanged={reload} />
        ))}
        <View className='va-rules'>
          <Text className='rp-muted'>取消规则：班次开始前 {a.cancelBeforeHours} 小时以前可以取消报名{a.cancelBeforeHours === 0 ? '（开始前都可以）' : ''}。</Text>
          <Text className='rp-muted'>时长规则：{hoursRuleText(a.hoursRule)}。</Text>
        </View>
      </View>

      {!person && (
        <View className='rp-section va-bind'>
          <Text className='rp-text'>绑定身份后就能报名参加。请用支部书记发给您的 8 位邀请码绑定。</Text>
          <Button className='rp-btn va-bind__go' onClick={() => go(ROUTES.bind)}>
            绑定身份后报名
          </Button>
        </View>
      )}
      {person && !a.open && a.notOpenReason && (
        <View className='rp-section va-closed'>
          <Text className='va-closed__text'>{a.notOpenReason}</Text>
        </View>
      )}
      {a.manages && (
        <Button className='rp-btn rp-btn--ghost va-manage' onClick={() => go(ROUTES.organizerActivities)}>
          管理我组织的活动
        </Button>
      )}
    </>
  );
}

export default function ActivityPage() {
  const activityId = param(useRouter().params.activityId);
  const { state, reload } = useRemote(() => load(activityId), { skip: !activityId });
  useShareAppMessage(() => {
    const title = state.status === 'ok' ? `志愿服务：${state.data.activity.title}` : '园区志愿服务';
    return { title, path: `${ROUTES.volunteerActivity}?activityId=${encodeURIComponent(activityId)}` };
  });
  return (
    <PageShell onRefresh={activityId ? reload : undefined}>
      <View className='rp-body va-page'>
        {!activityId ? (
          <Empty
            title='没有指定活动'
            hint='请从“志愿”页的活动列表或别人分享的活动卡片打开。'
            action={
              <Button className='rp-btn' onClick={() => go(ROUTES.volunteer)}>
                去“志愿”页看活动
              </Button>
            }
          />
        ) : (
          <>
            {state.status === 'loading' && <Loading />}
            {state.status === 'error' && <ErrorState message={state.error.message} onRetry={() => void reload()} />}
            {state.status === 'ok' && <CoverImage record={{ kind: 'activity', id: activityId }} />}
            {state.status === 'ok' && <ActivityView data={state.data} reload={reload} />}
          </>
        )}
      </View>
    </PageShell>
  );
}

// 组织活动: the activities I organize (activities.list view manage), grouped as 草稿, 进行中和即将开始
// (soonest first), 已结束 and 已取消. Each shows its shifts with seats taken and the waitlist, and opens
// a shift's 名单 (roster, sign-in code, hand marking, confirming hours). 新建活动; per activity 修改,
// 发布 (a draft), 取消活动 with a reason (everyone signed up is told), and the page people see.
import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import type { ApiReply } from '@shared/contract';
import { ACTIVITY_STAGE_LABELS, VOLUNTEER_CATEGORY_LABELS } from '@shared/contract/volunteer';
import { PageShell } from '../../../../components/PageShell';
import { BusyButton } from '../../../../components/BusyButton';
import { Empty, ErrorState, Loading } from '../../../../components/States';
import { markStale, useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { ROUTES, go } from '../../../../services/nav';
import { type ActivitySummary, shiftTime } from '../../../../utils/volunteer';
import { ErrorLines, Field, Tag } from '../../../ui';
import { Confirm, useSubmit } from '../../../ui/form';
import { ORG, type OrganizerArea, loadArea, withQuery } from '../../common/area';
import '../../common/organizer.scss';

interface Data {
  area: OrganizerArea;
  activities: ActivitySummary[];
}

async function load(): Promise<ApiReply<Data>> {
  const [area, list] = await Promise.all([loadArea(), call('volunteer', 'activities.list', { view: 'manage', limit: 100 })]);
  if (!area.ok) return area;
  if (!list.ok) return list;
  return { ok: true, data: { area: area.data, activities: list.data.activities } };
}

type Group = 'draft' | 'live' | 'finished' | 'cancelled';
const GROUPS: Array<{ key: Group; title: string }> = [
  { key: 'draft', title: '草稿' },
  { key: 'live', title: '进行中和即将开始' },
  { key: 'finished', title: '已结束' },
  { key: 'cancelled', title: '已取消' },
];
const groupOf = (a: ActivitySummary): Group => (a.stage === 'draft' ? 'draft' : a.stage === 'finished' ? 'finished' : a.stage === 'cancelled' ? 'cancelled' : 'live');

type Outcome = { title: string; line: string };

function whatICanPublish(area: OrganizerArea): string {
  const branches = area.branches.map((b) => b.name).join('、');
  if (area.park && area.branches.length) return '您可以发布全园区的志愿活动，也可以发布支部活动。';
  if (area.park) return '您可以发布全园区的志愿活动。';
  return `您可以为${branches}发布支部活动。`;
}

function CancelForm({ a, onDone, onClose }: { a: ActivitySummary; onDone: (o: Outcome) => void; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const { busy, error, submit, setError } = useSubmit();
  const send = async () => {
    const r = await submit(null, () => call('volunteer', 'activities.cancel', { activityId: a.id, reason: reason.trim() }));
    setConfirming(false);
    if (!r) return;
    markStale();
    onDone({ title: `已取消：${a.title}`, line: r.told > 0 ? `已通知报名的 ${r.told} 人。` : '还没有人报名，不用通知。' });
  };
  return (
    <View className='og-cancel'>
      <Field label='取消原因' hint='报名的人会在“学习”页的提醒里看到'>
        <Input className='rp-input og-cancel__reason' value={reason} maxlength={200} placeholder='例如：天气原因，活动取消' onInput={(e) => setReason(e.detail.value)} />
      </Field>
      <ErrorLines error={error} />
      {confirming ? (
        <Confirm
          className='og-cancel__confirm'
          title='确定取消这个活动吗？'
          lines={[a.title, `原因：${reason.trim()}`, '所有报名和候补都会取消，并通知他们。取消后不能恢复。']}
          okText='确定取消活动'
          busy={busy}
          onOk={send}
          onCancel={() => setConfirming(false)}
        />
      ) : (
        <View className='rp-row-actions og-actions'>
          <Button className='rp-btn rp-btn--ghost og-cancel__close' onClick={onClose}>
            不取消
          </Button>
          <Button
            className='rp-btn og-cancel__ok'
            onClick={() => {
              if (!reason.trim()) return setError('请填写取消原因');
              setConfirming(true);
            }}
          >
            取消活动
          </Button>
        </View>
      )}
    </View>
  );
}

function ActivityItem({ a, onChanged }: { a: ActivitySummary; onChanged: (o: Outcome) => void }) {
  const [cancelling, setCancelling] = useState(false);
  const publish = useSubmit();
  const group = groupOf(a);
  const editable = group === 'draft' || group === 'live';
  const doPublish = async () => {
    const r = await publish.submit(null, () => call('volunteer', 'activities.publish', { activityId: a.id }));
    if (!r) return;
    markStale();
    onChanged({ title: `已发布：${a.title}`, line: '大家可以在“志愿”页看到并报名了。' });
  };
  return (
    <View className={`rp-section og-item${a.stage === 'cancelled' ? ' og-item--cancelled' : ''}`} data-activity-id={a.id}>
      <View className='og-tags'>
        <Tag tone={a.stage === 'recruiting' ? 'green' : a.stage === 'draft' ? 'gold' : 'gray'}>{ACTIVITY_STAGE_LABELS[a.stage]}</Tag>
        <Tag tone='red'>{VOLUNTEER_CATEGORY_LABELS[a.category]}</Tag>
        <Tag>{a.scope === 'park' ? '全园区' : (a.branch?.name ?? '支部')}</Tag>
      </View>
      <Text className='og-item__title'>{a.title}</Text>
      <Text className='rp-muted'>地点：{a.place}</Text>
      {a.shifts.map((s) => (
        <View key={s.id} className='og-shift' data-shift-id={s.id}>
          <View className='og-shift__body'>
            <Text className='og-shift__time'>
              {shiftTime(s)}
              {s.role ? ` · ${s.role}` : ''}
            </Text>
            <Text className='rp-muted'>
              已报 {s.taken}/{s.capacity}
              {s.waiting ? ` · 候补 ${s.waiting}` : ''}
              {s.confirmed ? ' · 时长已确认' : ''}
            </Text>
          </View>
          {group !== 'draft' && (
            <Button className='rp-btn rp-btn--ghost rp-btn--inline og-mini og-shift__open' onClick={() => go(withQuery(ORG.shift, { shiftId: s.id, activityId: a.id }))}>
              名单 · 签到
            </Button>
          )}
        </View>
      ))}
      <ErrorLines error={publish.error} />
      {!cancelling && (
        <View className='rp-row-actions og-actions'>
          {editable && (
            <Button className='rp-btn rp-btn--ghost og-item__edit' onClick={() => go(withQuery(ORG.edit, { activityId: a.id }))}>
              修改
            </Button>
          )}
          {group === 'draft' ? (
            <BusyButton className='rp-btn og-item__publish' busy={publish.busy} busyText='正在发布…' onClick={doPublish}>
              发布
            </BusyButton>
          ) : (
            <Button className='rp-btn rp-btn--ghost og-item__view' onClick={() => go(`${ROUTES.volunteerActivity}?activityId=${encodeURIComponent(a.id)}`)}>
              查看
            </Button>
          )}
        </View>
      )}
      {group === 'live' && !cancelling && (
        <Button className='rp-btn rp-btn--ghost og-item__cancel' onClick={() => setCancelling(true)}>
          取消活动
        </Button>
      )}
      {cancelling && <CancelForm a={a} onDone={onChanged} onClose={() => setCancelling(false)} />}
    </View>
  );
}

export default function ActivitiesPage() {
  const { state, reload } = useRemote(load);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const changed = (o: Outcome) => {
    setOutcome(o);
    void reload();
  };
  return (
    <PageShell onRefresh={reload}>
      <View className='rp-body og-page'>
        {state.status === 'loading' && <Loading />}
        {state.status === 'error' && <ErrorState message={state.error.message} onRetry={() => void reload()} />}
        {state.status === 'ok' && (
          <>
            <View className='rp-section'>
              <Text className='rp-title'>组织志愿活动</Text>
              <Text className='rp-muted'>{whatICanPublish(state.data.area)}</Text>
              <Button className='rp-btn og-new' onClick={() => go(ORG.edit)}>
                新建活动
              </Button>
              <View className='rp-row-actions og-record-links'>
                <Button className='rp-btn rp-btn--ghost og-todo' onClick={() => go(ORG.todo)}>
                  志愿待办
                </Button>
                <Button className='rp-btn rp-btn--ghost og-makeup' onClick={() => go(ORG.makeup)}>
                  补录时长
                </Button>
              </View>
              <Button className='rp-btn rp-btn--ghost og-certificates' onClick={() => go(ORG.certificates)}>
                证明管理
              </Button>
            </View>
            {outcome && (
              <View className='rp-done og-outcome'>
                <Text className='rp-done__title'>{outcome.title}</Text>
                <Text className='rp-text'>{outcome.line}</Text>
              </View>
            )}
            {state.data.activities.length === 0 && <Empty title='还没有活动' hint='点上面的“新建活动”，填好内容和班次，可以先存草稿，也可以直接发布。' />}
            {GROUPS.map(({ key, title }) => {
              const list = state.data.activities.filter((a) => groupOf(a) === key);
              // Coming ones soonest first; the rest newest first (as the function lists them).
              const shown = key === 'live' ? [...list].reverse() : list;
              if (!shown.length) return null;
              return (
                <View key={key} className={`og-group-${key}`}>
                  <Text className='og-group'>
                    {title}（{shown.length}）
                  </Text>
                  {shown.map((a) => (
                    <ActivityItem key={`${a.id}|${a.stage}`} a={a} onChanged={changed} />
                  ))}
                </View>
              );
            })}
          </>
        )}
      </View>
    </PageShell>
  );
}

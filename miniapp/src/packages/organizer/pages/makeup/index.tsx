// 补录时长 (makeups.create): for a finished activity I manage, hours for a person who served but has no
// (or too few) confirmed hours — a forgotten scan, the window passed — with the reason and the evidence
// (a text reference: 纸质签到表第 5 行, 照片在支部群). Never more than the activity's length, counting what
// the person already has (the function says how much is left). Another organizer approves on 志愿待办:
// whoever enters them cannot approve them. The person is found by name among those the activity is open to.
import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import type { ActionOutput, ApiReply } from '@shared/contract';
import { PageShell } from '../../../../components/PageShell';
import { BusyButton } from '../../../../components/BusyButton';
import { Empty, ErrorState, Loading } from '../../../../components/States';
import { markStale, useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { validate } from '../../../../services/validate';
import { go } from '../../../../services/nav';
import { type ActivitySummary, hoursText, shiftTime } from '../../../../utils/volunteer';
import { ErrorLines, Field } from '../../../ui';
import { Choice, useSubmit } from '../../../ui/form';
import { ORG, param } from '../../common/area';
import { activityLength, parseHours } from '../../common/record';
import '../../common/organizer.scss';

type Found = ActionOutput<'volunteer', 'shifts.findPeople'>['people'][number];

async function load(): Promise<ApiReply<ActivitySummary[]>> {
  const r = await call('volunteer', 'activities.list', { view: 'manage', limit: 100 });
  if (!r.ok) return r;
  return { ok: true, data: r.data.activities.filter((a) => a.stage === 'finished' && a.shifts.length > 0) };
}

function MakeupForm({ activities, initial }: { activities: ActivitySummary[]; initial: string }) {
  const [activityId, setActivityId] = useState(activities.some((a) => a.id === initial) ? initial : '');
  const [name, setName] = useState('');
  const [found, setFound] = useState<Found[] | null>(null);
  const [person, setPerson] = useState<Found | null>(null);
  const [hours, setHours] = useState('');
  const [reason, setReason] = useState('');
  const [evidence, setEvidence] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const finder = useSubmit();
  const { busy, error, submit } = useSubmit();
  const a = activities.find((x) => x.id === activityId) ?? null;
  const length = a ? activityLength(a.shifts) : 0;

  const find = async () => {
    if (!a) return finder.setError('请先选择活动');
    const r = await finder.submit(name.trim() ? null : '请输入姓名（开头一两个字也行）', () => call('volunteer', 'shifts.findPeople', { shiftId: a.shifts[0]!.id, name: name.trim() }));
    if (r) {
      setFound(r.people);
      setPerson(r.people.length === 1 ? r.people[0]! : null);
    }
  };
  const send = async () => {
    const h = parseHours(hours);
    const input = { activityId, personId: person?.personId ?? '', hours: h ?? 0, reason: reason.trim(), evidence: evidence.trim() };
    const problem = !a ? '请选择活动' : !person ? '请查找并选择补录的人' : h === null ? '时长请填数字，例如 1.5' : h > length ? `这个活动共 ${hoursText(length)} 小时，补录不能超过` : validate('volunteer', 'makeups.create', input);
    const r = await submit(problem, () => call('volunteer', 'makeups.create', input));
    if (!r) return;
    markStale();
    setDone(`已录入：${r.makeup.name} 在「${r.makeup.title}」补录 ${hoursText(r.makeup.hours)} 小时。需要另一位负责人在“志愿待办”里审核通过后才计入。`);
    setPerson(null);
    setFound(null);
    setName('');
    setHours('');
    setReason('');
    setEvidence('');
  };

  return (
    <>
      {done && (
        <View className='rp-done mk-done'>
          <Text className='rp-text'>{done}</Text>
          <Button className='rp-btn rp-btn--ghost' onClick={() => go(ORG.todo)}>
            回到志愿待办
          </Button>
        </View>
      )}
      <View className='rp-section'>
        <Text className='rp-title'>1. 选择活动</Text>
        <Text className='rp-muted'>只能补录已经结束、由您组织的活动。</Text>
        {activities.map((x) => (
          <Choice key={x.id} className='mk-activity' on={x.id === activityId} title={x.title} hint={shiftTime(x.shifts[0]!)} onClick={() => { setActivityId(x.id); setFound(null); setPerson(null); }} />
        ))}
      </View>
      <View className='rp-section'>
        <Text className='rp-title'>2. 补录给谁</Text>
        <View className='og-pick-row'>
          <Input className='rp-input mk-name' value={name} maxlength={20} placeholder='姓名' onInput={(e) => setName(e.detail.value)} onConfirm={() => void find()} />
          <BusyButton className='rp-btn rp-btn--ghost mk-find' busy={finder.busy} busyText='查找中…' onClick={find}>
            查找
          </BusyButton>
        </View>
        <ErrorLines error={finder.error} />
        {found && found.length === 0 && <Text className='rp-muted'>没有找到。请确认姓名，以及这个人在这个活动的参加范围内。</Text>}
        {found?.map((p) => (
          <Choice key={p.personId} className='mk-person' on={person?.personId === p.personId} title={p.name} hint={`${p.branchName}${p.onRoster ? ' · 报过名' : ''}`} onClick={() => setPerson(p)} />
        ))}
      </View>
      <View className='rp-section'>
        <Text className='rp-title'>3. 时长和依据</Text>
        <Field label='补录时长（小时）' hint={a ? `这个活动共 ${hoursText(length)} 小时，连同已有时长不能超过` : '先选择活动'}>
          <Input className='rp-input mk-hours' type='digit' value={hours} maxlength={5} placeholder='例如 2' onInput={(e) => setHours(e.detail.value)} />
        </Field>
        <Field label='补录原因'>
          <Textarea className='rp-textarea mk-reason' value={reason} maxlength={200} placeholder='例如：手机没电，未能扫码签到' onInput={(e) => setReason(e.detail.value)} />
        </Field>
        <Field label='证明材料' hint='写明在哪里可以核对，例如：纸质签到表第 5 行，负责人签字'>
          <Textarea className='rp-textarea mk-evidence' value={evidence} maxlength={200} placeholder='签到表、照片等材料的说明' onInput={(e) => setEvidence(e.detail.value)} />
        </Field>
        <ErrorLines error={error} />
        <BusyButton className='rp-btn mk-send' busy={busy} busyText='正在录入…' onClick={send}>
          录入补录，交给另一位负责人审核
        </BusyButton>
      </View>
    </>
  );
}

export default function MakeupPage() {
  const initial = param(useRouter().params.activityId);
  const { state, reload } = useRemote(load);
  return (
    <PageShell onRefresh={reload}>
      <View className='rp-body mk-page'>
        {state.status === 'loading' && <Loading />}
        {state.status === 'error' && <ErrorState message={state.error.message} onRetry={() => void reload()} />}
        {state.status === 'ok' &&
          (state.data.length === 0 ? (
            <Empty
              title='没有可以补录的活动'
              hint='活动结束后才能补录时长。请先在“组织活动”里发布活动，活动结束后再来。'
              action={
                <Button className='rp-btn' onClick={() => go(ORG.activities)}>
                  去组织活动
                </Button>
              }
            />
          ) : (
            <MakeupForm activities={state.data} initial={initial} />
          ))}
      </View>
    </PageShell>
  );
}

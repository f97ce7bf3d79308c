// 会议记录 (issue 19): ?meetingId= writes (or corrects) the record of a meeting that took place — 主持人, 记录人, 议程,
// 会议记录, 决议, who came (those who checked in are shown; others can be ticked) and who was absent with 请假 or
// not and the reason (meetings.record); ?branchId= enters a meeting that took place but was never scheduled here
// (meetings.backfill: kind, 党小组 for a 党小组会, title, date up to today, time, place, then the same record).
// A record first entered after the meeting's day says 补记 and when; the server keeps that time.
import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Text, Textarea, View } from '@tarojs/components';
import { type ActionInput, type ActionOutput, type Branch, MEETING_KINDS, MEETING_KIND_LABELS } from '@shared/contract';
import { chinaDateString } from '@shared/time';
import { BusyButton } from '../../../../components/BusyButton';
import { PageShell } from '../../../../components/PageShell';
import { DatePick, TimeRangePick } from '../../../../components/Pickers';
import { ErrorState, Loading } from '../../../../components/States';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { validate } from '../../../../services/validate';
import { ErrorLines, Field, Tag, chinaMinute } from '../../../ui';
import { Choice, useSubmit } from '../../../ui/form';
import { useArea } from '../../common/area';
import './index.scss';

type Kind = (typeof MEETING_KINDS)[number];
type Got = ActionOutput<'study', 'meetings.recordGet'>;
type State = 'present' | 'leave' | 'absent' | null;
interface Person { personId: string; name: string }

interface Draft {
  chair: string;
  recorder: string;
  agenda: string;
  minutes: string;
  decisions: string;
  marks: Record<string, State>;
  reasons: Record<string, string>;
}

const emptyDraft = (): Draft => ({ chair: '', recorder: '', agenda: '', minutes: '', decisions: '', marks: {}, reasons: {} });

function fromGot(g: Got): Draft {
  const d = emptyDraft();
  if (g.record) Object.assign(d, { chair: g.record.chair, recorder: g.record.recorder, agenda: g.record.agenda, minutes: g.record.minutes, decisions: g.record.decisions });
  for (const a of g.record?.absences ?? []) {
    d.marks[a.personId] = a.leave ? 'leave' : 'absent';
    d.reasons[a.personId] = a.reason;
  }
  return d;
}

function recordInput(d: Draft, checkedIn: Set<string>) {
  const present = Object.entries(d.marks).filter(([id, s]) => s === 'present' && !checkedIn.has(id)).map(([id]) => id);
  const absences = Object.entries(d.marks)
    .filter(([, s]) => s === 'leave' || s === 'absent')
    .map(([personId, s]) => ({ personId, leave: s === 'leave', reason: (d.reasons[personId] ?? '').trim() }));
  return { chair: d.chair.trim(), recorder: d.recorder.trim(), agenda: d.agenda.trim(), minutes: d.minutes.trim(), decisions: d.decisions.trim(), present, absences };
}

const MARKS: Array<[Exclude<State, null>, string]> = [['present', '出席'], ['leave', '请假'], ['absent', '缺席']];

/** The record's fields and the attendance marks (shared by both forms). */
function RecordFields({ draft, set, people, checkedIn }: { draft: Draft; set: (d: Draft) => void; people: Person[]; checkedIn: Set<string> }) {
  const mark = (id: string, s: State) => set({ ...draft, marks: { ...draft.marks, [id]: draft.marks[id] === s ? null : s } });
  return (
    <>
      <Field label='主持人'>
        <Input className='rp-input record-form__chair' value={draft.chair} maxlength={20} placeholder='例如：李强' onInput={(e) => set({ ...draft, chair: e.detail.value })} />
      </Field>
      <Field label='记录人'>
        <Input className='rp-input record-form__recorder' value={draft.recorder} maxlength={20} placeholder='例如：王芳' onInput={(e) => set({ ...draft, recorder: e.detail.value })} />
      </Field>
      <Field label='议程' hint='可不填'>
        <Textarea className='rp-textarea record-form__agenda' value={draft.agenda} maxlength={2000} autoHeight onInput={(e) => set({ ...draft, agenda: e.detail.value })} />
      </Field>
      <Field label='会议记录' hint='会议的主要内容和发言'>
        <Textarea className='rp-textarea record-form__minutes' value={draft.minutes} maxlength={10000} autoHeight onInput={(e) => set({ ...draft, minutes: e.detail.value })} />
      </Field>
      <Field label='决议' hint='可不填'>
        <Textarea className='rp-textarea record-form__decisions' value={draft.decisions} maxlength={2000} autoHeight onInput={(e) => set({ ...draft, decisions: e.detail.value })} />
      </Field>
      <Field label='出席和缺席' hint='已扫码签到的人不用再选；请假和缺席请写明原因'>
        {people.length === 0 && <Text className='rp-muted'>本支部还没有党员。</Text>}
        {people.map((p) => (
          <View key={p.personId} className='record-person' data-person={p.name}>
            <Text className='record-person__name'>{p.name}</Text>
            {checkedIn.has(p.personId) ? (
              <Tag tone='green'>已签到</Tag>
            ) : (
              <View className='record-person__marks'>
                {MARKS.map(([s, label]) => (
                  <Text key={s} className={`record-person__mark record-person__mark--${s}${draft.marks[p.personId] === s ? ' record-person__mark--on' : ''}`} onClick={() => mark(p.personId, s)}>
                    {label}
                  </Text>
                ))}
              </View>
            )}
            {(draft.marks[p.personId] === 'leave' || draft.marks[p.personId] === 'absent') && (
              <Input
                className='rp-input record-person__reason'
                value={draft.reasons[p.personId] ?? ''}
                maxlength={100}
                placeholder={draft.marks[p.personId] === 'leave' ? '请假原因，例如：出差' : '缺席原因'}
                onInput={(e) => set({ ...draft, reasons: { ...draft.reasons, [p.personId]: e.detail.value } })}
              />
            )}
          </View>
        ))}
      </Field>
    </>
  );
}

function Saved({ late, enteredAt }: { late: boolean; enteredAt: string }) {
  return (
    <View className='rp-section record-saved'>
      <Text className='rp-title'>会议记录已保存</Text>
      <Text className='rp-text'>{late ? `补记：${chinaMinute(enteredAt)} 录入（会后录入的记录会注明补记）` : `${chinaMinute(enteredAt)} 录入`}</Text>
      <BusyButton className='rp-btn record-saved__back' busy={false} onClick={() => void Taro.navigateBack().catch(() => undefined)}>
        返回
      </BusyButton>
    </View>
  );
}

function ExistingMeeting({ meetingId }: { meetingId: string }) {
  const { state, reload } = useRemote(() => call('study', 'meetings.recordGet', { meetingId }));
  const [draft, setDraft] = useState<Draft | null>(null);
  const { busy, error, submit } = useSubmit();
  const [saved, setSaved] = useState<{ late: boolean; enteredAt: string } | null>(null);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorState message={state.error.message} onRetry={reload} />;
  const g = state.data;
  const d = draft ?? fromGot(g);
  const checkedIn = new Set(g.present.map((p) => p.personId));
  if (saved) return <Saved {...saved} />;
  const save = async () => {
    const input: ActionInput<'study', 'meetings.record'> = { meetingId, ...recordInput(d, checkedIn) };
    const r = await submit(validate('study', 'meetings.record', input), () => call('study', 'meetings.record', input));
    if (r) setSaved({ late: r.record.late, enteredAt: r.record.enteredAt });
  };
  return (
    <View className='rp-section record-form'>
      <Text className='rp-title'>{g.meeting.title}</Text>
      <View>
        <Tag tone='red'>{MEETING_KIND_LABELS[g.meeting.kind]}</Tag>
        {g.record?.late && <Tag tone='gold'>补记</Tag>}
      </View>
      <Text className='rp-muted'>
        {g.meeting.date} · {g.meeting.place} · 已签到 {g.present.length} 人
      </Text>
      {g.record && <Text className='rp-muted record-form__entered'>{`${g.record.late ? '补记，' : ''}${chinaMinute(g.record.enteredAt)} 由${g.record.enteredBy}录入`}</Text>}
      <RecordFields draft={d} set={setDraft} people={g.members} checkedIn={checkedIn} />
      <ErrorLines error={error} />
      <BusyButton className='rp-btn record-form__submit' busy={busy} busyText='正在保存…' onClick={save}>
        保存会议记录
      </BusyButton>
    </View>
  );
}

function Backfill({ branch }: { branch: Branch }) {
  const today = chinaDateString(new Date());
  const people = useRemote(() => call('org', 'people.list', { branchId: branch.id, limit: 100 }));
  const [kind, setKind] = useState<Kind>('committee');
  const [groupId, setGroupId] = useState<string | undefined>(branch.groups[0]?.id);
  const [title, setTitle] = useState('');
  const [date, setDate] = useState(today);
  const [start, setStart] = useState('14:00');
  const [end, setEnd] = useState('15:30');
  const [place, setPlace] = useState('');
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [saved, setSaved] = useState<{ late: boolean; enteredAt: string } | null>(null);
  const { busy, error, submit } = useSubmit();
  if (saved) return <Saved {...saved} />;
  const members: Person[] = people.state.status === 'ok' ? people.state.data.people.filter((p) => p.memberType !== 'none').map((p) => ({ personId: p.id, name: p.name })) : [];
  const save = async () => {
    const input: ActionInput<'study', 'meetings.backfill'> = {
      branchId: branch.id, kind, title: title.trim(), date, startTime: start, endTime: end, place: place.trim(), ...(kind === 'groupMeeting' ? { groupId } : {}), ...recordInput(draft, new Set()),
    };
    const r = await submit(validate('study', 'meetings.backfill', input), () => call('study', 'meetings.backfill', input));
    if (r) setSaved({ late: r.record.late, enteredAt: r.record.enteredAt });
  };
  return (
    <View className='rp-section record-form'>
      <Text className='rp-title'>补记会议</Text>
      <Text className='rp-muted'>已经开过、但没有在这里安排的会议。记录会注明是补记，以及录入的时间。</Text>
      <Field label='类型'>
        {MEETING_KINDS.map((k) => (
          <Choice key={k} className={`record-form__kind--${k}`} on={kind === k} title={MEETING_KIND_LABELS[k]} onClick={() => setKind(k)} />
        ))}
      </Field>
      {kind === 'groupMeeting' && (
        <Field label='党小组' hint={branch.groups.length ? undefined : '本支部还没有党小组'}>
          {branch.groups.map((g) => (
            <Choice key={g.id} on={groupId === g.id} title={g.name} onClick={() => setGroupId(g.id)} />
          ))}
        </Field>
      )}
      <Field label='主题' hint='最多 60 个字'>
        <Input className='rp-input record-form__title' value={title} maxlength={60} placeholder='例如：十月支委会' onInput={(e) => setTitle(e.detail.value)} />
      </Field>
      <Field label='日期' hint='不能晚于今天'>
        <DatePick className='record-form__date' value={date} end={today} thisYear={today.slice(0, 4)} onChange={setDate} />
      </Field>
      <Field label='时间'>
        <TimeRangePick className='record-form__time' start={start} end={end} onStart={setStart} onEnd={setEnd} />
      </Field>
      <Field label='地点'>
        <Input className='rp-input record-form__place' value={place} maxlength={60} placeholder='例如：二楼会议室' onInput={(e) => setPlace(e.detail.value)} />
      </Field>
      <RecordFields draft={draft} set={setDraft} people={members} checkedIn={new Set()} />
      <ErrorLines error={error} />
      <BusyButton className='rp-btn record-form__submit' busy={busy} busyText='正在保存…' onClick={save}>
        保存会议记录
      </BusyButton>
    </View>
  );
}

function BackfillOfArea() {
  const { state, reload, branch } = useArea();
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorState message={state.error.message} onRetry={reload} />;
  return branch ? <Backfill branch={branch} /> : null;
}

export default function RecordPage() {
  const { meetingId } = useRouter().params;
  return (
    <PageShell>
      <View className='rp-body'>{meetingId ? <ExistingMeeting meetingId={meetingId} /> : <BackfillOfArea />}</View>
    </PageShell>
  );
}

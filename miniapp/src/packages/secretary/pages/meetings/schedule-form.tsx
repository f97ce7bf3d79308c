// 安排会议: a 主题党日 or 大党课 once, or on the same day every month / quarter (共几次, 2–12), with a live
// preview of the dates (meetingDates, the same computation the function uses). The date and the start and
// end times are chosen with pickers (components/Pickers), not typed: the date from today on, and a time
// today not already past (checked again by the function, in China time).
import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import type { ActionInput, ActionOutput, Branch } from '@shared/contract';
import { MEETING_KINDS, MEETING_KIND_LABELS, MEETING_REPEATS, MEETING_REPEAT_LABELS, dateString } from '@shared/contract';
import { checkInWindow, meetingDates, meetingTimeLabel } from '@shared/schedule';
import { chinaDateString, monthDayLabel } from '@shared/time';
import { BusyButton } from '../../../../components/BusyButton';
import { DatePick, TimeRangePick } from '../../../../components/Pickers';
import { call } from '../../../../services/api';
import { validate } from '../../../../services/validate';
import { ErrorLines, Field } from '../../../ui';
import { Choice, digits, useSubmit } from '../../../ui/form';

type Created = ActionOutput<'study', 'meetings.create'>;
type Kind = ActionInput<'study', 'meetings.create'>['kind'];
type Repeat = (typeof MEETING_REPEATS)[number];

const DEFAULT_TIMES: Record<Repeat, number> = { once: 1, monthly: 12, quarterly: 4 };

/** "12月5日、2027年1月5日、2月5日": the year is written where it changes (and when it is not this year). */
export function dateList(dates: string[], thisYear: string): string {
  let year = thisYear;
  return dates
    .map((d) => {
      const y = d.slice(0, 4);
      const label = y === year ? monthDayLabel(d) : `${y}年${monthDayLabel(d)}`;
      year = y;
      return label;
    })
    .join('、');
}

/** A real calendar day, by the contract's own rule (Date.parse takes 2026-02-30 for 2 March, and meetingDates would clamp it to 28 February). */
const isDate = (s: string) => dateString.safeParse(s).success;

/** Default times of a new meeting (an afternoon, as most 主题党日 are); the secretary changes them on the wheel. */
export const DEFAULT_MEETING_TIMES = { start: '14:30', end: '16:30' } as const;

/**
 * What is wrong with a meeting's day and times before sending (the function checks the same): the end after
 * the start, and a meeting today not already over (its check-in would never open). Null: fine.
 */
export function timesProblem(date: string, start: string, end: string, now: Date): string | null {
  if (end <= start) return '结束时间应晚于开始时间';
  if (date < chinaDateString(now)) return '日期不能早于今天';
  if (date === chinaDateString(now) && checkInWindow({ date, startTime: start, endTime: end }).closesAt <= now) return '这个时间已经过去了，请选择今天稍后的时间或以后的日期';
  return null;
}

export function ScheduleForm({ branch, onCreated, onCancel }: { branch: Branch; onCreated: (r: Created) => void; onCancel: () => void }) {
  const today = chinaDateString(new Date());
  const [kind, setKind] = useState<Kind>('partyDay');
  const [title, setTitle] = useState('');
  const [date, setDate] = useState(today);
  const [start, setStart] = useState<string>(DEFAULT_MEETING_TIMES.start);
  const [end, setEnd] = useState<string>(DEFAULT_MEETING_TIMES.end);
  const [place, setPlace] = useState('');
  // 党小组会: which 党小组 (the first by default).
  const [groupId, setGroupId] = useState<string | undefined>(branch.groups[0]?.id);
  const [repeat, setRepeat] = useState<Repeat>('once');
  const [times, setTimes] = useState('1');
  const { busy, error, submit } = useSubmit();

  const count = repeat === 'once' ? 1 : Number(times) || 0;
  const d = date.trim();
  const preview = isDate(d) && count >= 1 && count <= 12 ? meetingDates(d, repeat, count) : null;

  const chooseRepeat = (r: Repeat) => {
    setRepeat(r);
    setTimes(String(DEFAULT_TIMES[r]));
  };
  const save = async () => {
    const input: ActionInput<'study', 'meetings.create'> = {
      branchId: branch.id, kind, title: title.trim(), date: d, startTime: start, endTime: end, place: place.trim(), repeat, times: count,
      ...(kind === 'groupMeeting' ? { groupId } : {}),
    };
    const problem =
      repeat !== 'once' && (count < 2 || count > 12) ? '重复安排请填写 2–12 次' : (timesProblem(d, start, end, new Date()) ?? validate('study', 'meetings.create', input));
    const r = await submit(problem, () => call('study', 'meetings.create', input));
    if (r) onCreated(r);
  };

  return (
    <View className='rp-section meeting-form'>
      <Text className='rp-title'>安排会议</Text>
      <Field label='类型'>
        {MEETING_KINDS.map((k) => (
          <Choice key={k} className={`meeting-form__kind--${k}`} on={kind === k} title={MEETING_KIND_LABELS[k]} onClick={() => setKind(k)} />
        ))}
      </Field>
      {kind === 'groupMeeting' && (
        <Field label='党小组' hint={branch.groups.length ? undefined : '本支部还没有党小组，请先在“支部”里新建党小组'}>
          {branch.groups.map((g) => (
            <Choice key={g.id} className='meeting-form__group' on={groupId === g.id} title={g.name} onClick={() => setGroupId(g.id)} />
          ))}
        </Field>
      )}
      <Field label='主题' hint='最多 60 个字'>
        <Input className='rp-input meeting-form__title' value={title} maxlength={60} placeholder='例如：重温入党誓词' onInput={(e) => setTitle(e.detail.value)} />
      </Field>
      <Field
        label={repeat === 'once' ? '日期' : '第一次的日期'}
        hint={repeat === 'once' ? '点一下选择日期' : '以后每次都在这一天，某月没有 29–31 日时改在当月最后一天'}
      >
        <DatePick className='meeting-form__date' value={date} start={today} thisYear={today.slice(0, 4)} onChange={setDate} />
      </Field>
      <Field label='时间' hint='签到码在开始前半小时到结束后一小时内能用'>
        <TimeRangePick className='meeting-form__time' start={start} end={end} onStart={setStart} onEnd={setEnd} />
      </Field>
      <Field label='重复'>
        {MEETING_REPEATS.map((r) => (
          <Choice key={r} className={`meeting-form__repeat--${r}`} on={repeat === r} title={MEETING_REPEAT_LABELS[r]} onClick={() => chooseRepeat(r)} />
        ))}
      </Field>
      {repeat !== 'once' && (
        <Field label='共几次' hint='2–12 次，包括第一次'>
          <Input className='rp-input meeting-form__times' type='number' value={times} maxlength={2} onInput={(e) => setTimes(digits(e.detail.value, 2))} />
        </Field>
      )}
      {preview && (
        <Text className='rp-text meeting-form__preview'>
          将安排{preview.length > 1 ? ` ${preview.length} 次` : ''}：{dateList(preview, today.slice(0, 4))}
          {end > start ? `，${meetingTimeLabel({ date: d, startTime: start, endTime: end })}` : ''}
        </Text>
      )}
      <Field label='地点'>
        <Input className='rp-input meeting-form__place' value={place} maxlength={60} placeholder='例如：党群服务中心二楼' onInput={(e) => setPlace(e.detail.value)} />
      </Field>
      <ErrorLines error={error} />
      <BusyButton className='rp-btn meeting-form__submit' busy={busy} busyText='正在保存…' onClick={save}>
        保存
      </BusyButton>
      <Button className='rp-btn rp-btn--ghost meeting-form__cancel' onClick={onCancel}>
        取消
      </Button>
    </View>
  );
}

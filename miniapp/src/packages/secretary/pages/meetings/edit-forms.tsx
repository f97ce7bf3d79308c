// A scheduled meeting's 修改 (主题, 日期 and 时间 with pickers, 地点; the date and time stay once someone
// checked in; a meeting from before times existed stays all day unless times are picked) and 取消 (with a
// required reason; for a series, this one only or this one and the later ones). Members are told by
// the function (inbox); the page shows how many.
import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import type { ActionInput, ActionOutput } from '@shared/contract';
import { meetingTimeLabel } from '@shared/schedule';
import { chinaDateString } from '@shared/time';
import { BusyButton } from '../../../../components/BusyButton';
import { DatePick, TimeRangePick, dateFace } from '../../../../components/Pickers';
import { call } from '../../../../services/api';
import { validate } from '../../../../services/validate';
import { ErrorLines, Field } from '../../../ui';
import { Choice, useSubmit } from '../../../ui/form';
import { timesProblem } from './schedule-form';

type Meeting = ActionOutput<'study', 'meetings.list'>['meetings'][number];

/** What happened, for the page to show under the meeting list ("已通知 N 名党员"). */
export interface Outcome {
  title: string;
  line: string;
}

const told = (n: number) => (n > 0 ? `已通知 ${n} 名党员。` : '没有需要通知的党员。');

export function EditMeeting({ m, onDone, onCancel }: { m: Meeting; onDone: (o: Outcome) => void; onCancel: () => void }) {
  const [title, setTitle] = useState(m.title);
  const [date, setDate] = useState(m.date);
  // A meeting from before times existed (all day) keeps none until the secretary picks them.
  const [start, setStart] = useState(m.startTime ?? '');
  const [end, setEnd] = useState(m.endTime ?? '');
  const [place, setPlace] = useState(m.place);
  const { busy, error, submit } = useSubmit();
  const locked = m.attendees > 0;
  const today = chinaDateString(new Date());
  const save = async () => {
    // Locked (someone checked in): the day and times go back as they are, all-day included.
    const when = locked
      ? { date: m.date, ...(m.startTime && m.endTime ? { startTime: m.startTime, endTime: m.endTime } : {}) }
      : { date, ...(start || end ? { startTime: start, endTime: end } : {}) };
    const input: ActionInput<'study', 'meetings.update'> = { meetingId: m.id, title: title.trim(), ...when, place: place.trim() };
    const changed = !locked && (date !== m.date || start !== (m.startTime ?? '') || end !== (m.endTime ?? ''));
    const timed = start !== '' && end !== '';
    const problem =
      (!locked && (start === '') !== (end === '') ? '请选择开始和结束时间' : null) ??
      (changed && timed ? timesProblem(date, start, end, new Date()) : null) ??
      validate('study', 'meetings.update', input);
    const r = await submit(problem, () => call('study', 'meetings.update', input));
    if (!r) return;
    const moved = r.meeting.date !== m.date || r.meeting.startTime !== m.startTime || r.meeting.endTime !== m.endTime;
    onDone({ title: moved ? `已改到 ${dateFace(r.meeting.date)} ${meetingTimeLabel(r.meeting)}` : '已保存修改', line: told(r.notified) });
  };
  return (
    <View className='meeting-edit'>
      <Text className='rp-title'>修改活动</Text>
      <Field label='主题' hint='最多 60 个字'>
        <Input className='rp-input meeting-edit__title' value={title} maxlength={60} onInput={(e) => setTitle(e.detail.value)} />
      </Field>
      <Field label='日期和时间' hint={locked ? `已有 ${m.attendees} 人签到，日期和时间不能再改` : '改日期、时间或地点会通知本支部党员'}>
        {locked ? (
          <Text className='rp-text meeting-edit__date-fixed'>
            {dateFace(m.date)} {meetingTimeLabel(m)}
          </Text>
        ) : (
          <>
            {/* Not before today; a past meeting's own day stays choosable (its wheel opens there). */}
            <DatePick className='meeting-edit__date' value={date} start={m.date < today ? m.date : today} onChange={setDate} />
            <TimeRangePick className='meeting-edit__time' start={start} end={end} onStart={setStart} onEnd={setEnd} />
          </>
        )}
      </Field>
      <Field label='地点'>
        <Input className='rp-input meeting-edit__place' value={place} maxlength={60} onInput={(e) => setPlace(e.detail.value)} />
      </Field>
      <ErrorLines error={error} />
      <BusyButton className='rp-btn meeting-edit__submit' busy={busy} busyText='正在保存…' onClick={save}>
        保存修改
      </BusyButton>
      <Button className='rp-btn rp-btn--ghost meeting-edit__cancel' onClick={onCancel}>
        不改了
      </Button>
    </View>
  );
}

export function CancelMeeting({ m, onDone, onCancel }: { m: Meeting; onDone: (o: Outcome) => void; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const [following, setFollowing] = useState(false);
  const { busy, error, submit } = useSubmit();
  const confirm = async () => {
    const input: ActionInput<'study', 'meetings.cancel'> = { meetingId: m.id, following: m.seriesId !== null && following, reason: reason.trim() };
    const r = await submit(validate('study', 'meetings.cancel', input), () => call('study', 'meetings.cancel', input));
    if (!r) return;
    const n = r.cancelled.length;
    onDone({ title: n > 1 ? `已取消 ${n} 次活动` : '活动已取消', line: told(r.notified) });
  };
  return (
    <View className='rp-confirm meeting-cancel'>
      <Text className='rp-confirm__title'>取消这次活动</Text>
      <Field label='取消原因' hint='必填，最多 100 个字；会告诉本支部党员'>
        <Input className='rp-input meeting-cancel__reason' value={reason} maxlength={100} placeholder='例如：与园区安全检查冲突' onInput={(e) => setReason(e.detail.value)} />
      </Field>
      {m.seriesId !== null && (
        <Field label='取消哪些'>
          <Choice className='meeting-cancel__one' on={!following} title='只取消这一次' onClick={() => setFollowing(false)} />
          <Choice className='meeting-cancel__following' on={following} title='取消这次及以后的' hint='同一组定期安排里，这次之后的也一起取消' onClick={() => setFollowing(true)} />
        </Field>
      )}
      <ErrorLines error={error} />
      <View className='rp-row-actions rp-confirm__actions'>
        <Button className='rp-btn rp-btn--ghost meeting-cancel__back' disabled={busy || undefined} onClick={onCancel}>
          不取消
        </Button>
        <BusyButton className='rp-btn meeting-cancel__ok' busy={busy} busyText='正在取消…' onClick={confirm}>
          确认取消
        </BusyButton>
      </View>
    </View>
  );
}

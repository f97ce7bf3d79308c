// A scheduled meeting's 修改 (主题, 日期, 地点; the date stays once someone checked in) and 取消 (with a
// required reason; for a series, this one only or this one and the later ones). Members are told by
// the function (inbox); the page shows how many.
import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import type { ActionInput, ActionOutput } from '@shared/contract';
import { BusyButton } from '../../../../components/BusyButton';
import { call, validate } from '../../../../services/api';
import { ErrorLines, Field } from '../../../ui';
import { Choice, useSubmit } from '../../../ui/form';

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
  const [place, setPlace] = useState(m.place);
  const { busy, error, submit } = useSubmit();
  const locked = m.attendees > 0;
  const save = async () => {
    const input: ActionInput<'study', 'meetings.update'> = { meetingId: m.id, title: title.trim(), date: locked ? m.date : date.trim(), place: place.trim() };
    const r = await submit(validate('study', 'meetings.update', input), () => call('study', 'meetings.update', input));
    if (!r) return;
    const moved = r.meeting.date !== m.date;
    onDone({ title: moved ? `已改到 ${r.meeting.date}` : '已保存修改', line: told(r.notified) });
  };
  return (
    <View className='meeting-edit'>
      <Text className='rp-title'>修改活动</Text>
      <Field label='主题' hint='最多 60 个字'>
        <Input className='rp-input meeting-edit__title' value={title} maxlength={60} onInput={(e) => setTitle(e.detail.value)} />
      </Field>
      <Field label='日期' hint={locked ? `已有 ${m.attendees} 人签到，日期不能再改` : '写成 2026-11-30；改日期或地点会通知本支部党员'}>
        {locked ? (
          <Text className='rp-text meeting-edit__date-fixed'>{m.date}</Text>
        ) : (
          <Input className='rp-input meeting-edit__date' value={date} maxlength={10} onInput={(e) => setDate(e.detail.value)} />
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

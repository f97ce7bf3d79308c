// After the shift: 评价志愿者 (ratings.rateVolunteer: 1–5 stars and a short note for each person who came;
// a second rating replaces the first; never shown to others or ranked) and 志愿者的评价 (ratings.list: the
// activity's average and each volunteer's stars and comment, newest first).
import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import type { ActionOutput } from '@shared/contract';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { stars as starText } from '../../../../utils/format';
import { ErrorLines, Tag, chinaMinute } from '../../../ui';
import { useSubmit } from '../../../ui/form';
import { StarPicker } from '../../../ui/stars';

type Roster = ActionOutput<'volunteer', 'shifts.roster'>;
type Row = Roster['rows'][number];

function RateRow({ shiftId, r }: { shiftId: string; r: Row }) {
  const [open, setOpen] = useState(false);
  const [stars, setStars] = useState(0);
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState<number | null>(null);
  const { busy, error, submit } = useSubmit();
  const send = async () => {
    const done = await submit(stars ? null : '请先点星打分', () =>
      call('volunteer', 'ratings.rateVolunteer', { shiftId, personId: r.personId, stars, ...(note.trim() ? { note: note.trim() } : {}) }),
    );
    if (done) {
      setSaved(stars);
      setOpen(false);
    }
  };
  return (
    <View className='og-row sh-rate' data-person-id={r.personId}>
      <View className='og-row__head'>
        <Text className='og-row__name'>{r.name}</Text>
        {saved !== null && <Tag tone='green'>已评 {starText(saved)}</Tag>}
        {!open && (
          <Button className='rp-btn rp-btn--ghost rp-btn--inline og-mini sh-rate__open' onClick={() => setOpen(true)}>
            {saved === null ? '评价' : '改评价'}
          </Button>
        )}
      </View>
      {open && (
        <>
          <StarPicker value={stars} onChange={setStars} />
          <Input className='rp-input sh-rate__note' value={note} maxlength={100} placeholder='评语（可不填），例如：认真负责' onInput={(e) => setNote(e.detail.value)} />
          <ErrorLines error={error} />
          <View className='rp-row-actions og-actions'>
            <Button className='rp-btn rp-btn--ghost' onClick={() => setOpen(false)}>
              收起
            </Button>
            <Button className='rp-btn sh-rate__send' disabled={busy || undefined} onClick={() => void send()}>
              {busy ? '正在保存…' : '保存评价'}
            </Button>
          </View>
        </>
      )}
    </View>
  );
}

function Comments({ activityId }: { activityId: string }) {
  const { state } = useRemote(() => call('volunteer', 'ratings.list', { activityId }));
  if (state.status !== 'ok') return state.status === 'error' ? <Text className='rp-muted'>{state.error.message}</Text> : null;
  const { average, ratings } = state.data;
  return (
    <View className='sh-comments'>
      <Text className='rp-title'>志愿者的评价{average !== null ? `（平均 ${average} 星）` : ''}</Text>
      {ratings.length === 0 && <Text className='rp-muted'>还没有志愿者评价这个活动。参加的人可以在“我的志愿记录”里评价。</Text>}
      {ratings.map((x, i) => (
        <View key={`${x.name}|${x.at}|${i}`} className='og-row sh-comment'>
          <View className='og-row__head'>
            <Text className='og-row__name'>{x.name}</Text>
            <Text className='sh-comment__stars'>{starText(x.stars)}</Text>
          </View>
          {x.comment && <Text className='og-row__line'>{x.comment}</Text>}
          <Text className='og-row__line'>{chinaMinute(x.at)}</Text>
        </View>
      ))}
    </View>
  );
}

export function ShiftRatings({ roster }: { roster: Roster }) {
  const came = roster.rows.filter((r) => r.status === 'registered' && r.signedInAt);
  return (
    <View className='rp-section sh-ratings'>
      <Text className='rp-title'>评价志愿者（{came.length}）</Text>
      <Text className='rp-muted'>评价只有组织者能看到，不公开、不排名。</Text>
      {came.length === 0 && <Text className='rp-muted'>这个班次没有人到场。</Text>}
      {came.map((r) => (
        <RateRow key={r.personId} shiftId={roster.shift.id} r={r} />
      ))}
      <Comments activityId={roster.activity.id} />
    </View>
  );
}

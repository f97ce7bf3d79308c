// 评诺 (pledge.rate.list / pledge.rate): fulfilled items of colleagues (my branch or my enterprise) I have not rated,
// in the park's rating window: 满意 / 基本满意 / 不满意 with an optional short comment. The person rated sees only
// the counts, never who rated.
import { useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { RATINGS, RATING_LABELS, type PledgeView, type Rating } from '@shared/contract/pledge';
import { BusyButton } from '../../../../components/BusyButton';
import { PageShell } from '../../../../components/PageShell';
import { Empty, ErrorState, Loading } from '../../../../components/States';
import { markStale, useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { go } from '../../../../services/nav';
import { ErrorLines } from '../../../ui';
import { Choice, useSubmit } from '../../../ui/form';
import { PLEDGE_PAGES, PledgeCard } from '../../common';

function RateForm({ p, onDone }: { p: PledgeView; onDone: (line: string) => void }) {
  const [rating, setRating] = useState<Rating | null>(null);
  const [comment, setComment] = useState('');
  const { busy, error, submit } = useSubmit();
  const send = async () => {
    const r = await submit(rating ? null : '请选择满意、基本满意或不满意', () => call('pledge', 'rate', { pledgeId: p.id, rating: rating!, comment: comment.trim() }));
    if (r) onDone(`已评价${p.personName}的承诺：${RATING_LABELS[rating!]}`);
  };
  return (
    <View className='pl-form pl-rate-form'>
      <View className='pl-choices'>
        {RATINGS.map((k) => (
          <Choice key={k} className={`pl-rating--${k}`} on={rating === k} title={RATING_LABELS[k]} onClick={() => setRating(k)} />
        ))}
      </View>
      <Textarea className='rp-textarea pl-rate-form__comment' value={comment} maxlength={100} placeholder='说两句（可不填；对方看不到是谁评的）' onInput={(e) => setComment(e.detail.value)} />
      <ErrorLines error={error} />
      <BusyButton className='rp-btn pl-rate-form__send' busy={busy} busyText='正在提交…' onClick={send}>
        提交评价
      </BusyButton>
    </View>
  );
}

export default function RatePage() {
  const { state, reload } = useRemote(() => call('pledge', 'rate.list', {}));
  const [outcome, setOutcome] = useState<string | null>(null);
  const done = (line: string) => {
    setOutcome(line);
    markStale();
    void reload();
  };
  return (
    <PageShell onRefresh={reload}>
      <View className='rp-body pl-page pl-rate-page'>
        {state.status === 'loading' && <Loading />}
        {state.status === 'error' && <ErrorState message={state.error.message} onRetry={() => void reload()} />}
        {state.status === 'ok' && (
          <>
            <View className='rp-section'>
              <Text className='rp-title'>评诺</Text>
              <Text className='rp-muted'>
                每年{state.data.window}，同支部、同企业的同事可以给已践诺的承诺评价，每项一次，评价不署名。{state.data.open ? `今天还可以评 ${state.data.leftToday} 项。` : ''}
              </Text>
            </View>
            {outcome && (
              <View className='rp-done pl-outcome'>
                <Text className='rp-text'>{outcome}</Text>
              </View>
            )}
            <View className='rp-section pl-rate-page__items'>
              {!state.data.open ? (
                <Empty title='现在不在评诺时间' hint={`评诺时间是每年${state.data.window}，到时再来。`} action={<Button className='rp-btn' onClick={() => go(PLEDGE_PAGES.board)}>看公开承诺栏</Button>} />
              ) : state.data.items.length === 0 ? (
                <Empty title='没有需要您评价的承诺' hint='同事的承诺确认践诺后，会出现在这里。' />
              ) : (
                state.data.items.map((p) => (
                  <PledgeCard key={p.id} p={p} showPerson>
                    <RateForm p={p} onDone={done} />
                  </PledgeCard>
                ))
              )}
            </View>
          </>
        )}
      </View>
    </PageShell>
  );
}

// 我的三评议 (review me.result): my result of each year's 三评议 — the branch's decision and its note, and
// the votes in all once it is decided. Who rated and how each group voted are never shown here.
import { Text, View } from '@tarojs/components';
import type { ActionOutput } from '@shared/contract';
import { PageShell } from '../../../../components/PageShell';
import { Empty, ErrorState, Loading } from '../../../../components/States';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { Tag } from '../../../ui';
import { GRADE_TONES, countsText, gradeLabel, windowLabel } from '../../common/area';
import '../../common/review.scss';

type Result = ActionOutput<'review', 'me.result'>['reviews'][number];

function Year({ r }: { r: Result }) {
  const total = r.counts ? Object.values(r.counts).reduce((a, b) => a + b, 0) : 0;
  return (
    <View className='rp-section rv-mine__year' data-year={r.review.year}>
      <View className='rv-row__head'>
        <Text className='rp-title'>{r.review.year}年度三评议</Text>
        {r.decision && <Tag tone={GRADE_TONES[r.decision]}>{gradeLabel(r.decision)}</Tag>}
      </View>
      <Text className='rp-muted'>评议时间：{windowLabel(r.review)}</Text>
      {!r.reviewed ? (
        <Text className='rp-text'>三评议是对党员的评议，您不在被评议之列。</Text>
      ) : r.decision ? (
        <>
          <Text className='rv-summary rv-mine__result'>支部评定：{gradeLabel(r.decision)}</Text>
          {r.note && <Text className='rv-row__text'>支部说明：{r.note}</Text>}
          <Text className='rv-row__line rv-mine__counts'>
            共 {total} 份评议：{countsText(r.counts!)}
          </Text>
          <Text className='rp-muted'>评议不记名，这里不显示评议人。</Text>
        </>
      ) : (
        <Text className='rp-text rv-mine__waiting'>{r.review.upcoming ? '评议还没有开始。' : '评议进行中。支部作出评定后，结果会显示在这里。'}</Text>
      )}
    </View>
  );
}

export default function ReviewMinePage() {
  const { state, reload } = useRemote(() => call('review', 'me.result', {}));
  return (
    <PageShell onRefresh={reload}>
      <View className='rp-body rv-mine'>
        {state.status === 'loading' && <Loading />}
        {state.status === 'error' && <ErrorState message={state.error.message} onRetry={() => void reload()} />}
        {state.status === 'ok' &&
          (state.data.reviews.length === 0 ? (
            <Empty title='还没有三评议结果' hint='园区党委每年开展一次三评议，支部评定后，您的结果会显示在这里。' />
          ) : (
            state.data.reviews.map((r) => <Year key={r.review.year} r={r} />)
          ))}
      </View>
    </PageShell>
  );
}

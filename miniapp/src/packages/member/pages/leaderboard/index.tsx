// 支部排行: branches ranked by a measure for a month, quarter or year (and the ones before), the
// current 流动红旗 on top, my branch highlighted, ties sharing a rank, small branches listed apart, the
// opt-in individual ranking only when the reply has it, and the history of the flag.
import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { SHOWN_MEASURES, MEASURE_LABELS, type Measure } from '@shared/points';
import { PERIOD_KINDS, PERIOD_KIND_LABELS, type PeriodKind } from '@shared/periods';
import { PageShell } from '../../../../components/PageShell';
import { Empty, ErrorState, Loading } from '../../../../components/States';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { MEASURE_HINTS, currentPeriod, periodLabel, shiftPeriod } from '../../common/score';
import { FlagHistory } from './flags';
import { type Board, BranchRowView, FlagBanner, Individuals, Unranked } from './rows';
import './index.scss';

export default function LeaderboardPage() {
  const [kind, setKind] = useState<PeriodKind>('month');
  /** undefined = the current period of `kind`. */
  const [period, setPeriod] = useState<string | undefined>(undefined);
  const [measure, setMeasure] = useState<Measure>('pointsPerMember');
  const { state, reload } = useRemote(() => call('score', 'leaderboard', { measure, periodKind: kind, ...(period ? { period } : {}) }));

  // A new choice: load it (useRemote loads the first one itself).
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else void reload();
  }, [kind, period, measure]);

  const now = currentPeriod(kind);
  const shownPeriod = period ?? now;
  // While a new choice loads, the old board is not shown under the new labels.
  const board: Board | null = state.status === 'ok' && state.data.periodKind === kind && state.data.measure === measure && (!period || state.data.period === period) ? state.data : null;
  const base = board?.period ?? shownPeriod;
  const next = shiftPeriod(kind, base, 1);
  const canNext = next <= now;

  const chooseKind = (k: PeriodKind) => {
    setKind(k);
    setPeriod(undefined);
  };

  return (
    <PageShell onRefresh={reload}>
      <View className='rp-body lb-page'>
        <View className='rp-section lb-controls'>
          <View className='lb-kinds'>
            {PERIOD_KINDS.map((k) => (
              <Text key={k} className={`lb-period-kind lb-period-kind--${k}${k === kind ? ' lb-period-kind--on' : ''}`} onClick={() => chooseKind(k)}>
                {PERIOD_KIND_LABELS[k]}
              </Text>
            ))}
          </View>
          <View className='lb-period'>
            <Text className='lb-period-prev' onClick={() => setPeriod(shiftPeriod(kind, base, -1))}>
              ‹ 上一{kind === 'month' ? '月' : kind === 'quarter' ? '季' : '年'}
            </Text>
            <View className='lb-period__mid'>
              <Text className='lb-period-label'>{periodLabel(base)}</Text>
              {base === now && <Text className='lb-period__now'>（还在累计）</Text>}
            </View>
            <Text className={`lb-period-next${canNext ? '' : ' lb-period-next--off'}`} onClick={() => canNext && setPeriod(next === now ? undefined : next)}>
              下一{kind === 'month' ? '月' : kind === 'quarter' ? '季' : '年'} ›
            </Text>
          </View>
          <View className='lb-measures'>
            {SHOWN_MEASURES.map((m) => (
              <Text key={m} className={`lb-measure lb-measure--${m}${m === measure ? ' lb-measure--on' : ''}`} onClick={() => setMeasure(m)}>
                {MEASURE_LABELS[m]}
              </Text>
            ))}
          </View>
          <Text className='rp-muted lb-measure-hint'>{MEASURE_HINTS[measure]}</Text>
        </View>

        {state.status === 'error' && <ErrorState message={state.error.message} onRetry={() => void reload()} />}
        {state.status !== 'error' && !board && <Loading />}
        {board && (
          <>
            {board.flag && <FlagBanner flag={board.flag} mine={board.flag.branch.id === board.myBranchId} />}
            <View className='rp-section lb-ranked'>
              <View className='lb-head'>
                <Text className='lb-head__rank'>名次</Text>
                <Text className='lb-head__name'>支部（人数）</Text>
                <Text className='lb-head__value'>{MEASURE_LABELS[board.measure]}</Text>
              </View>
              {board.ranked.length === 0 && <Empty title='这个时间段还没有排名' hint='有了学习、志愿服务、承诺或积分记录后就会排出名次。' />}
              {board.ranked.length > 0 && board.ranked.every((r) => r.value === null) && (
                <Text className='rp-text lb-nodata'>这段时间还没有“{MEASURE_LABELS[board.measure]}”的数据，暂不排名。</Text>
              )}
              {board.ranked.map((r) => (
                <BranchRowView
                  key={r.branch.id}
                  r={r}
                  measure={board.measure}
                  mine={r.branch.id === board.myBranchId}
                  tie={r.rank !== null && board.ranked.filter((x) => x.rank === r.rank).length > 1}
                />
              ))}
              <Text className='rp-muted lb-note'>名次相同表示数值相同（并列）。排行用来互相学习、争先创优，不作考核。</Text>
            </View>
            <Unranked b={board} />
            {board.individuals && <Individuals list={board.individuals} />}
          </>
        )}
        <FlagHistory myBranchId={board?.myBranchId ?? null} />
      </View>
    </PageShell>
  );
}

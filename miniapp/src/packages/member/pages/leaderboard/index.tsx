// 支部排行: branches ranked by a measure for a month, quarter or year (and the ones before), the
// current 流动红旗 on top, my branch highlighted, ties sharing a rank, small branches listed apart, the
// opt-in individual ranking only when the reply has it, and the history of the flag.
// One request (score board.get, issue 21): my points and place, the top 20 and my branch's row. The whole
// list of branches (score leaderboard) only when asked for (查看全部支部).
import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { ApiError } from '@shared/contract';
import { SHOWN_MEASURES, MEASURE_LABELS, type Measure } from '@shared/points';
import { PERIOD_KINDS, PERIOD_KIND_LABELS, type PeriodKind } from '@shared/periods';
import { PageShell } from '../../../../components/PageShell';
import { BusyButton } from '../../../../components/BusyButton';
import { Empty, ErrorState, Loading } from '../../../../components/States';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { MEASURE_HINTS, currentPeriod, periodLabel, shiftPeriod } from '../../common/score';
import { FlagHistory } from './flags';
import { ErrorLines } from '../../../ui';
import { type Board, BranchRowView, FlagBanner, Individuals, MyPlace, type TopBoard, Unranked } from './rows';
import './index.scss';

export default function LeaderboardPage() {
  const [kind, setKind] = useState<PeriodKind>('month');
  /** undefined = the current period of `kind`. */
  const [period, setPeriod] = useState<string | undefined>(undefined);
  const [measure, setMeasure] = useState<Measure>('pointsPerMember');
  const { state, reload } = useRemote(() => call('score', 'board.get', { measure, periodKind: kind, ...(period ? { period } : {}) }));
  /** Every branch (score leaderboard), loaded only when asked for; for the board it was asked on. */
  const [full, setFull] = useState<{ status: 'idle' } | { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ok'; board: Board }>({ status: 'idle' });

  // A new choice: load it (useRemote loads the first one itself).
  const first = useRef(true);
  useEffect(() => {
    setFull({ status: 'idle' });
    if (first.current) first.current = false;
    else void reload();
  }, [kind, period, measure]);

  const now = currentPeriod(kind);
  const shownPeriod = period ?? now;
  // While a new choice loads, the old board is not shown under the new labels.
  const board: TopBoard | null = state.status === 'ok' && state.data.periodKind === kind && state.data.measure === measure && (!period || state.data.period === period) ? state.data : null;
  const all = full.status === 'ok' && board && full.board.period === board.period && full.board.measure === board.measure ? full.board : null;
  const ranked = all ? all.ranked : board?.top ?? [];
  const unranked = all ? all.unranked : board?.unranked ?? [];
  // My branch below the top 20: shown after them, apart.
  const mineBelow = board && !all && board.myBranch?.ranked && !board.top.some((r) => r.branch.id === board.myBranchId) ? board.myBranch : null;
  const hidden = board && !all ? board.rankedCount - board.top.length + (board.unrankedCount - board.unranked.length) : 0;
  const showAll = async () => {
    if (!board) return;
    setFull({ status: 'loading' });
    const r = await call('score', 'leaderboard', { measure: board.measure, periodKind: board.periodKind, period: board.period });
    setFull(r.ok ? { status: 'ok', board: r.data } : { status: 'error', error: r.error });
  };
  const base = board?.period ?? shownPeriod;
  const next = shiftPeriod(kind, base, 1);
  const canNext = next <= now;

  const chooseKind = (k: PeriodKind) => {
    setKind(k);
    setPeriod(undefined);
  };

  return (
    <PageShell
      onRefresh={async () => {
        setFull({ status: 'idle' });
        await reload();
      }}
    >
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
            <MyPlace b={board} current={board.period === now} />
            <View className='rp-section lb-ranked'>
              <View className='lb-head'>
                <Text className='lb-head__rank'>名次</Text>
                <Text className='lb-head__name'>支部（人数）</Text>
                <Text className='lb-head__value'>{MEASURE_LABELS[board.measure]}</Text>
              </View>
              {ranked.length === 0 && <Empty title='这个时间段还没有排名' hint='有了学习、志愿服务、承诺或积分记录后就会排出名次。' />}
              {ranked.length > 0 && ranked.every((r) => r.value === null) && (
                <Text className='rp-text lb-nodata'>这段时间还没有“{MEASURE_LABELS[board.measure]}”的数据，暂不排名。</Text>
              )}
              {ranked.map((r) => (
                <BranchRowView
                  key={r.branch.id}
                  r={r}
                  measure={board.measure}
                  mine={r.branch.id === board.myBranchId}
                  tie={r.rank !== null && ranked.filter((x) => x.rank === r.rank).length > 1}
                />
              ))}
              {mineBelow && (
                <>
                  <Text className='rp-muted lb-gap'>……</Text>
                  <BranchRowView r={mineBelow} measure={board.measure} mine tie={false} />
                </>
              )}
              {!all && board.rankedCount > board.top.length && <Text className='rp-muted lb-top-note'>{`上面是前 ${board.top.length} 名，共 ${board.rankedCount} 个支部参与排名。`}</Text>}
              <Text className='rp-muted lb-note'>名次相同表示数值相同（并列）。排行用来互相学习、争先创优，不作考核。</Text>
              {hidden > 0 && (
                <>
                  <ErrorLines error={full.status === 'error' ? full.error : null} />
                  <BusyButton className='rp-btn rp-btn--ghost lb-all' busy={full.status === 'loading'} busyText='正在加载…' onClick={showAll}>
                    {`查看全部支部（共 ${board.rankedCount + board.unrankedCount} 个）`}
                  </BusyButton>
                </>
              )}
            </View>
            <Unranked b={{ ...board, unranked }} more={all ? 0 : board.unrankedCount - board.unranked.length} />
            {board.individuals && <Individuals list={board.individuals} />}
          </>
        )}
        <FlagHistory myBranchId={board?.myBranchId ?? null} />
      </View>
    </PageShell>
  );
}

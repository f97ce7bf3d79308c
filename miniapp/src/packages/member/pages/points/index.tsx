// 我的积分: my points this month / quarter / year, my place in my branch this month, the history
// (20 at a time, 加载更多) and — only when the park turned public individual rankings on — the
// voluntary switch to appear on them. Points encourage; they are not an assessment (FACTS.md §4).
import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { ActionOutput, LedgerEntry } from '@shared/contract';
import { PageShell } from '../../../../components/PageShell';
import { BusyButton } from '../../../../components/BusyButton';
import { Empty, ErrorState, Loading } from '../../../../components/States';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { ROUTES, go } from '../../../../services/nav';
import { ErrorLines } from '../../../ui';
import { num, periodLabel } from '../../common/score';
import { PointsEntry } from './entry';
import './index.scss';

const PAGE = 20;
type Summary = ActionOutput<'score', 'me.summary'>;

function Totals({ s }: { s: Summary }) {
  return (
    <View className='rp-section points-summary'>
      <View className='points-summary__main points-month'>
        <Text className='points-summary__label'>本月积分（{periodLabel(s.periods.month)}）</Text>
        <Text className='points-summary__value points-month__value'>{num(s.month)}</Text>
      </View>
      <View className='points-summary__more'>
        <View className='points-summary__cell points-quarter'>
          <Text className='points-summary__label'>本季度</Text>
          <Text className='points-summary__small points-quarter__value'>{num(s.quarter)}</Text>
        </View>
        <View className='points-summary__cell points-year'>
          <Text className='points-summary__label'>{s.periods.year}年全年</Text>
          <Text className='points-summary__small points-year__value'>{num(s.year)}</Text>
        </View>
      </View>
      <View className='points-rank'>
        {s.branchRank ? (
          <Text className='rp-text'>
            本月在本支部排第 <Text className='points-rank__value'>{s.branchRank.rank}</Text> 名（共 {s.branchRank.of} 人）
          </Text>
        ) : (
          <Text className='rp-muted'>本月还没有支部内的名次。</Text>
        )}
        <Text className='rp-muted'>名次只有您自己能看到。积分用来鼓励大家，不作考核。</Text>
      </View>
      <Button className='rp-btn rp-btn--ghost points-to-lb' onClick={() => go(ROUTES.memberLeaderboard)}>
        看支部排行
      </Button>
    </View>
  );
}

/** The voluntary switch for the public individual ranking (shown only when the park enabled it). */
function OptIn({ initial }: { initial: boolean }) {
  const [on, setOn] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const toggle = async () => {
    setBusy(true);
    setError(null);
    const r = await call('score', 'me.setOptIn', { optIn: !on });
    setBusy(false);
    if (r.ok) setOn(r.data.optIn);
    else setError(r.error.message);
  };
  return (
    <View className={`rp-section points-optin points-optin--${on ? 'on' : 'off'}`}>
      <Text className='rp-title'>个人积分榜（自愿参加）</Text>
      <Text className='rp-text'>园区开通了个人积分榜。参不参加完全由您自己决定，不参加不会有任何影响。</Text>
      <Text className='rp-muted'>参加后，您的姓名、支部和积分会显示在“支部排行”页的个人积分榜上，园区里的人都能看到。不参加时，只有您自己能看到自己的积分和名次。随时可以改。</Text>
      <Text className='points-optin__state'>{on ? '现在：已参加，别人能看到您的积分' : '现在：未参加，别人看不到您的积分'}</Text>
      <ErrorLines error={error} />
      <BusyButton className={`rp-btn${on ? ' rp-btn--ghost' : ''} points-optin__toggle`} busy={busy} busyText='正在保存…' onClick={toggle}>
        {on ? '不参加了（退出个人积分榜）' : '参加个人积分榜'}
      </BusyButton>
    </View>
  );
}

function History() {
  const load = () => call('score', 'me.history', { offset: 0, limit: PAGE });
  const { state, reload } = useRemote(load);
  const [extra, setExtra] = useState<LedgerEntry[]>([]);
  const [more, setMore] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });

  if (state.status === 'loading') return <Loading text='正在加载积分记录…' />;
  if (state.status === 'error') return <ErrorState message={state.error.message} onRetry={() => void reload()} />;
  const first = state.data.entries;
  const shown = [...first, ...extra.filter((x) => !first.some((y) => y.id === x.id))];
  const total = state.data.total;
  const loadMore = async () => {
    setMore({ busy: true, error: null });
    const r = await call('score', 'me.history', { offset: shown.length, limit: PAGE });
    if (!r.ok) return setMore({ busy: false, error: r.error.message });
    setExtra((cur) => [...cur, ...r.data.entries]);
    setMore({ busy: false, error: null });
  };
  return (
    <View className='rp-section points-history'>
      <Text className='rp-title'>积分记录</Text>
      {shown.length === 0 ? (
        <Empty title='还没有积分记录' hint='完成专题学习、参加主题党日、志愿服务、践行承诺后，积分会记在这里。' />
      ) : (
        <Text className='rp-muted'>
          共 {total} 条{total > shown.length ? `，已显示 ${shown.length} 条` : ''}。时间为北京时间。
        </Text>
      )}
      {shown.map((e) => (
        <PointsEntry key={e.id} e={e} />
      ))}
      <ErrorLines error={more.error} />
      {shown.length < total && (
        <BusyButton className='rp-btn rp-btn--ghost points-more' busy={more.busy} busyText='正在加载…' onClick={loadMore}>
          加载更多
        </BusyButton>
      )}
    </View>
  );
}

export default function PointsPage() {
  const summary = useRemote(() => call('score', 'me.summary', {}));
  // Pull-to-refresh starts the history afresh too (remounted).
  const [round, setRound] = useState(0);
  const refresh = async () => {
    setRound((n) => n + 1);
    await summary.reload();
  };
  const s = summary.state;
  return (
    <PageShell onRefresh={refresh}>
      <View className='rp-body points-page'>
        {s.status === 'loading' && <Loading />}
        {s.status === 'error' && <ErrorState message={s.error.message} onRetry={() => void summary.reload()} />}
        {s.status === 'ok' && (
          <>
            <Totals s={s.data} />
            {s.data.individualRankingEnabled && <OptIn key={`o${round}-${String(s.data.optIn)}`} initial={s.data.optIn} />}
            <History key={`h${round}`} />
          </>
        )}
      </View>
    </PageShell>
  );
}

// The pieces of 支部排行: a branch's row, the 流动红旗 holder, the small branches listed apart, and the
// opt-in individual ranking.
import { Text, View } from '@tarojs/components';
import type { ActionOutput } from '@shared/contract';
import { MEASURE_LABELS, type Measure } from '@shared/points';
import { ROUTES, go } from '../../../../services/nav';
import { measureText, num, periodLabel } from '../../common/score';

export type Board = ActionOutput<'score', 'leaderboard'>;
/** What the page loads (score board.get): my place, the top of the board, my branch's row. */
export type TopBoard = ActionOutput<'score', 'board.get'>;
type BranchRow = Board['ranked'][number];
export type Flag = NonNullable<Board['flag']>;

export function BranchRowView({ r, measure, mine, tie }: { r: BranchRow; measure: Measure; mine: boolean; tie: boolean }) {
  const top = r.rank !== null && r.rank <= 3;
  return (
    <View className={`lb-row${mine ? ' lb-row--mine' : ''}${top ? ` lb-row--top${r.rank}` : ''}${r.rank === null ? ' lb-row--unranked' : ''}`}>
      <View className='lb-row__rank'>
        <Text className='lb-row__rank-num'>{r.rank ?? '—'}</Text>
        {tie && <Text className='lb-row__tie'>并列</Text>}
      </View>
      <View className='lb-row__body'>
        <Text className='lb-row__name'>
          {r.branch.name}
          {mine && <Text className='lb-row__mine-tag'>（本支部）</Text>}
        </Text>
        <Text className='lb-row__members'>{r.members} 人</Text>
      </View>
      <Text className='lb-row__value'>{measureText(measure, r.value)}</Text>
    </View>
  );
}

export function FlagBanner({ flag, mine }: { flag: Flag; mine: boolean }) {
  return (
    <View className={`lb-flag${mine ? ' lb-flag--mine' : ''}`}>
      <View className='lb-flag__pennant' />
      <View className='lb-flag__body'>
        <Text className='lb-flag__title'>流动红旗 · {periodLabel(flag.month)}</Text>
        <Text className='lb-flag__branch'>{flag.branch.name}</Text>
        <Text className='lb-flag__why'>
          按{MEASURE_LABELS[flag.measure]}评出：{measureText(flag.measure, flag.value)}
          {mine ? '　恭喜本支部！' : ''}
        </Text>
      </View>
    </View>
  );
}

export function Unranked({ b, more = 0 }: { b: Pick<Board, 'unranked' | 'minRankedMembers' | 'measure' | 'myBranchId'>; more?: number }) {
  if (b.unranked.length === 0) return null;
  const n = b.minRankedMembers;
  return (
    <View className='rp-section lb-unranked'>
      <Text className='rp-title lb-unranked__title'>{`人数不足 ${n} 人，不参与排名`}</Text>
      <Text className='rp-muted'>这些支部人数太少，平均数不好比较，所以只列出，不排名次。</Text>
      {b.unranked.map((r) => (
        <BranchRowView key={r.branch.id} r={{ ...r, rank: null }} measure={b.measure} mine={r.branch.id === b.myBranchId} tie={false} />
      ))}
      {more > 0 && <Text className='rp-muted lb-unranked__more'>{`还有 ${more} 个人数不足的支部，点“查看全部支部”看。`}</Text>}
    </View>
  );
}

export function Individuals({ list }: { list: NonNullable<Board['individuals']> }) {
  return (
    <View className='rp-section lb-individuals'>
      <Text className='rp-title'>个人积分榜（自愿参加）</Text>
      <Text className='rp-muted'>只列出自愿参加的党员。参不参加，在“我的积分”里自己决定。</Text>
      {list.length === 0 && <Text className='rp-text lb-individuals__empty'>还没有人参加个人积分榜。</Text>}
      {list.map((p, i) => (
        <View key={`${p.rank}-${p.name}-${i}`} className='lb-person'>
          <Text className='lb-person__rank'>{p.rank}</Text>
          <View className='lb-person__body'>
            <Text className='lb-person__name'>{p.name}</Text>
            <Text className='lb-person__branch'>{p.branchName}</Text>
          </View>
          <Text className='lb-person__points'>{num(p.points)} 分</Text>
        </View>
      ))}
      <Text className='rp-link lb-individuals__mine' onClick={() => go(ROUTES.memberPoints)}>
        我的积分和参加设置
      </Text>
    </View>
  );
}

/** 我的: my points in the period and my place in my branch (only I see it), and my branch's place. */
export function MyPlace({ b, current }: { b: TopBoard; current: boolean }) {
  const kindWord = b.periodKind === 'month' ? '本月' : b.periodKind === 'quarter' ? '本季度' : '本年';
  const when = current ? kindWord : periodLabel(b.period);
  return (
    <View className='rp-section lb-me'>
      <View className='lb-me__line'>
        <Text className='lb-me__label'>{`${when}我的积分`}</Text>
        <Text className='lb-me__points'>{num(b.me.points)}</Text>
      </View>
      <Text className='rp-text lb-me__rank'>
        {`在本支部排第 `}
        <Text className='lb-me__rank-num'>{b.me.branchRank.rank}</Text>
        {` 名（共 ${b.me.branchRank.of} 人）`}
      </Text>
      {b.myBranch && (
        <Text className='rp-text lb-me__branch'>
          {b.myBranch.ranked && b.myBranch.rank !== null ? `本支部在全园区排第 ${b.myBranch.rank} 名（共 ${b.rankedCount} 个支部）` : b.myBranch.ranked ? '本支部这段时间还没有数据，暂不排名' : `本支部人数不足 ${b.minRankedMembers} 人，不参与排名`}
        </Text>
      )}
      <Text className='rp-muted'>您的积分和名次只有您自己能看到。</Text>
      <Text className='rp-link lb-me__mine' onClick={() => go(ROUTES.memberPoints)}>
        我的积分记录 ›
      </Text>
    </View>
  );
}


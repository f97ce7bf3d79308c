// One line of 我的积分's history: what it was for, when (China time), and the points (+ / −).
// A capped award says in words which cap was full (10月「参加主题党日」积分已记满) and what it would have given; a
// correction says 更正 and why.
import { Text, View } from '@tarojs/components';
import type { LedgerEntry } from '@shared/contract';
import { POINT_ITEM_LABELS } from '@shared/points';
import { chinaMinute } from '../../../ui';
import { num, signed } from '../../common/score';

/** The cap's period, as the entry's own day names it: "11月20日", "11月", "2026年". */
function capPeriod(e: LedgerEntry): string | null {
  const [y, m, d] = e.day.split('-');
  if (e.cap === 'day') return `${Number(m)}月${Number(d)}日`;
  if (e.cap === 'month') return `${Number(m)}月`;
  if (e.cap === 'year') return `${y}年`;
  return null;
}

/** Why a capped award gave less, in words ("11月「参加主题党日」积分已记满，本次应得 10 分，不再加分"). */
export function capNote(e: LedgerEntry): string {
  const when = capPeriod(e);
  const full = when ? `${when}「${POINT_ITEM_LABELS[e.item] ?? e.item}」积分已记满` : '已达到上限';
  return e.points > 0 ? `${full}，本次应得 ${num(e.requested)} 分，实得 ${num(e.points)} 分` : `${full}，本次应得 ${num(e.requested)} 分，不再加分`;
}

export function PointsEntry({ e }: { e: LedgerEntry }) {
  const reversal = e.kind === 'reversal';
  const cls = `points-entry${reversal ? ' points-entry--reversal' : ''}${e.capped ? ' points-entry--capped' : ''}${e.reversedBy ? ' points-entry--reversed' : ''}`;
  const tone = e.points > 0 ? 'plus' : e.points < 0 ? 'minus' : 'zero';
  return (
    <View className={cls}>
      <View className='points-entry__body'>
        <Text className='points-entry__item'>{POINT_ITEM_LABELS[e.item] ?? e.item}</Text>
        {e.note && <Text className='points-entry__note'>{e.note}</Text>}
        <View className='points-entry__tags'>
          {reversal && <Text className='rp-tag rp-tag--red points-entry__reversal'>更正</Text>}
          {e.capped && <Text className='rp-tag rp-tag--gold points-entry__capped'>已达上限</Text>}
          {e.reversedBy && <Text className='rp-tag rp-tag--gray points-entry__reversed'>已更正</Text>}
        </View>
        {reversal && e.reason && <Text className='points-entry__reason'>更正原因：{e.reason}</Text>}
        {e.capped && !reversal && <Text className='points-entry__cap-note'>{capNote(e)}</Text>}
        {e.cap === 'off' && !reversal && <Text className='points-entry__cap-note'>这一项当时不计积分</Text>}
        <Text className='points-entry__date'>{chinaMinute(e.at)}</Text>
      </View>
      <Text className={`points-entry__points points-entry__points--${tone}`}>{signed(e.points)}</Text>
    </View>
  );
}

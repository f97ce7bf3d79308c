// Shared by the pledge pages: an item card (status, what, how it is seen as kept, due date, progress, ratings as
// counts) and the words for a rate. The pages add their own actions below a card.
import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { PLEDGE_KIND_LABELS, PLEDGE_STATUS_LABELS, PLEDGE_TERM_LABELS, type PledgeRate, type PledgeView } from '@shared/contract/pledge';
import { monthDayLabel } from '@shared/time';
import { Tag, type Tone } from '../../ui';
import './pledge.scss';

const TONES: Record<PledgeView['status'], Tone> = {
  submitted: 'gold', returned: 'red', approved: 'red', claimed: 'gold', fulfilled: 'green', unfulfilled: 'gray', withdrawing: 'gold', withdrawn: 'gray',
};

/** "2026年3月31日" */
export const dueText = (d: string) => `${d.slice(0, 4)}年${monthDayLabel(d)}`;

/** "履诺率 50%（已践诺 1 项 / 到期 2 项）", or that nothing is due yet. */
export function rateText(r: PledgeRate): string {
  if (r.rate === null) return '暂无到期的承诺';
  return `${Math.round(r.rate * 100)}%（已践诺 ${r.fulfilled} 项 / 到期 ${r.due} 项）`;
}

export function satisfactionText(c: PledgeView['ratings'], s: number | null): string {
  const n = c.satisfied + c.basic + c.unsatisfied;
  if (!n) return '还没有人评价';
  return `满意 ${c.satisfied} · 基本满意 ${c.basic} · 不满意 ${c.unsatisfied}（满意率 ${Math.round((s ?? 0) * 100)}%）`;
}

export function PledgeCard({ p, showPerson = false, children }: { p: PledgeView; showPerson?: boolean; children?: ReactNode }) {
  return (
    <View className='pl-item' data-pledge-id={p.id}>
      <View className='pl-item__tags'>
        <Tag tone={TONES[p.status]}>{PLEDGE_STATUS_LABELS[p.status]}</Tag>
        {p.overdue && p.status === 'approved' && <Tag tone='red'>已过期限</Tag>}
        <Tag>{PLEDGE_KIND_LABELS[p.kind]}</Tag>
        <Tag>{p.scope === 'branch' ? '支部承诺' : PLEDGE_TERM_LABELS[p.term]}</Tag>
      </View>
      {showPerson && <Text className='pl-item__who'>{p.scope === 'branch' ? `${p.branchName} · 责任人 ${p.personName}` : `${p.personName} · ${p.branchName}`}</Text>}
      <Text className='pl-item__what'>{p.what}</Text>
      <Text className='rp-muted'>践诺标准：{p.howSeen}</Text>
      <Text className='rp-muted'>践诺期限：{dueText(p.dueOn)}</Text>
      {p.comment && <Text className='rp-text pl-item__comment'>支部意见：{p.comment}</Text>}
      {p.withdrawReason && <Text className='rp-muted'>撤回原因：{p.withdrawReason}</Text>}
      {p.progress.length > 0 && (
        <View className='pl-item__progress'>
          {p.progress.map((n, i) => (
            <Text key={i} className='rp-muted pl-item__note'>
              {n.at.slice(0, 10)} {n.text}
            </Text>
          ))}
        </View>
      )}
      {p.claimNote && <Text className='rp-text'>践诺情况：{p.claimNote}</Text>}
      {p.unfulfilledReason && <Text className='rp-text'>未践诺原因：{p.unfulfilledReason}</Text>}
      {p.status === 'fulfilled' && <Text className='rp-muted pl-item__ratings'>评诺：{satisfactionText(p.ratings, p.satisfaction)}</Text>}
      {children}
    </View>
  );
}

export const PLEDGE_PAGES = {
  mine: '/packages/pledge/pages/mine/index',
  review: '/packages/pledge/pages/review/index',
  board: '/packages/pledge/pages/board/index',
  rate: '/packages/pledge/pages/rate/index',
  /** 支部承诺 (支部管理 · 承诺): the branch's own pledges, each with a responsible person. */
  branch: '/packages/pledge/pages/branch/index',
} as const;

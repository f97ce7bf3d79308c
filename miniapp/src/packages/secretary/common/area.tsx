/**
 * What every secretary page needs first: who I am, which branches I may manage, and which one I am
 * working on now (the branch switcher, for a secretary of several branches; a park admin may manage
 * every branch and arrives here with ?branchId= from the branches list).
 *
 * The choice is kept in storage so 名册, 导入 and 邀请码 all stay on the same branch. The functions
 * check every call again: this only decides what to show.
 */
import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { apiError, type ApiReply, type Branch, type PersonSelf } from '@shared/contract';
import { useRemote } from '../../../hooks/useRemote';
import { api, call } from '../../../services/api';
import type { NavItem } from '../../ui';
import './area.scss';

export const SEC = {
  roster: '/packages/secretary/pages/roster/index',
  import: '/packages/secretary/pages/import/index',
  invites: '/packages/secretary/pages/invites/index',
  transfer: '/packages/secretary/pages/transfer/index',
  /** One person's entry (?personId=&branchId=&name=), opened from 名册; not a tab. */
  person: '/packages/secretary/pages/person/index',
  /** 学习专题: the branch's topics with their completion rate. */
  topics: '/packages/secretary/pages/topics/index',
  /** Publish a topic (?branchId=); opened from 学习专题, not a tab. */
  topicNew: '/packages/secretary/pages/topic-new/index',
  /** One topic's completion (?topicId=&branchId=&title=&quiz=1); not a tab. */
  progress: '/packages/secretary/pages/progress/index',
  /** One topic's notes (?topicId=&branchId=&title=); not a tab. */
  notes: '/packages/secretary/pages/notes/index',
  /** 主题党日 / 大党课: schedule, check-in code, attendance. */
  meetings: '/packages/secretary/pages/meetings/index',
  /** 台账 (issue 19): 三会一课 达标情况, 补记会议, 导出台账. */
  ledger: '/packages/secretary/pages/ledger/index',
  /** 会议记录: ?meetingId= (a meeting held) or ?branchId= (补记 one never scheduled here); not a tab. */
  record: '/packages/secretary/pages/record/index',
} as const;

export const SEC_NAV: NavItem[] = [
  { label: '名册', url: SEC.roster },
  { label: '导入', url: SEC.import },
  { label: '邀请码', url: SEC.invites },
  { label: '转接', url: SEC.transfer },
  { label: '学习', url: SEC.topics },
  { label: '会议', url: SEC.meetings },
  { label: '台账', url: SEC.ledger },
  /** 支部承诺 (a page of packages/pledge). */
  { label: '承诺', url: '/packages/pledge/pages/branch/index' },
  { label: '看板', url: '/packages/dashboard/pages/index/index' },
];

const BRANCH_KEY = 'redpark.secretary.branch';

export interface AreaData {
  me: PersonSelf;
  /** Branches I may manage (secretary: mine; park admin: all). */
  mine: Branch[];
  /** Every branch of the park (transfer targets). */
  all: Branch[];
}

async function loadArea(): Promise<ApiReply<AreaData>> {
  const [me, branches] = await Promise.all([api.user.me(), call('org', 'branches.list', {})]);
  if (!me.ok) return me;
  if (!branches.ok) return branches;
  const person = me.data.person;
  if (!person) return { ok: false, error: apiError('NOT_BOUND') };
  const all = branches.data.branches;
  const mine = person.roles.includes('parkAdmin') ? all : all.filter((b) => person.secretaryOf.includes(b.id));
  if (!mine.length) return { ok: false, error: apiError('FORBIDDEN', { message: '支部管理只对支部书记开放' }) };
  return { ok: true, data: { me: person, mine, all } };
}

export function useArea() {
  const params = useRouter().params;
  const { state, reload } = useRemote(loadArea);
  const [chosen, setChosen] = useState<string | undefined>(() => {
    // Arriving for one branch (?branchId=, a park admin from 支部): that branch is now the one in view,
    // so 学习 and 会议 opened from here stay on it instead of the last one kept.
    if (params.branchId) Taro.setStorageSync(BRANCH_KEY, params.branchId);
    return params.branchId || (Taro.getStorageSync(BRANCH_KEY) as string) || undefined;
  });
  const mine = state.status === 'ok' ? state.data.mine : [];
  const branch = mine.find((b) => b.id === chosen) ?? mine[0] ?? null;
  const choose = (id: string) => {
    Taro.setStorageSync(BRANCH_KEY, id);
    setChosen(id);
  };
  return { state, reload, branch, choose };
}

/** "当前支部：X", and for someone who manages several, a 切换 that lists them as big buttons. */
export function BranchBar({ branches, current, onChoose }: { branches: Branch[]; current: Branch; onChoose: (id: string) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <View className='rp-section sec-branch'>
      <View className='sec-branch__head'>
        <View className='sec-branch__name'>
          <Text className='rp-muted'>当前支部</Text>
          <Text className='sec-branch__title'>{current.name}</Text>
        </View>
        {branches.length > 1 && (
          <Button className='rp-btn rp-btn--ghost rp-btn--inline' onClick={() => setOpen(!open)}>
            {open ? '收起' : '切换支部'}
          </Button>
        )}
      </View>
      {open &&
        branches.map((b) => (
          <View
            key={b.id}
            className={`rp-choice${b.id === current.id ? ' rp-choice--on' : ''}`}
            onClick={() => {
              onChoose(b.id);
              setOpen(false);
            }}
          >
            <View className='rp-choice__body'>
              <Text className='rp-choice__title'>{b.name}</Text>
              <Text className='rp-choice__hint'>
                {b.peopleCount} 人 · 党员 {b.memberCount} 人
              </Text>
            </View>
          </View>
        ))}
    </View>
  );
}

// One person, opened by tapping them on 名册 (?personId=&branchId=) or from the audit log: what they
// have done (people.history: 学习, 主题党日 and 党课, 志愿服务, 积分 — one read), then the edit form,
// 微信绑定 (解除 when they changed WeChat, unbind.tsx) and 离开园区 (leave.tsx). The branch (for its
// Party groups and enterprises) comes from branches.list.
import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { MEMBER_TYPE_LABELS, apiError, type ApiReply, type Branch, type PersonRow } from '@shared/contract';
import { PageShell } from '../../../../components/PageShell';
import { ErrorState, Loading } from '../../../../components/States';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { Tag } from '../../../ui';
import { SEC } from '../../common/area';
import { PersonForm } from './form';
import { type History, PersonHistory } from './history';
import { UnbindSection } from './unbind';
import { LeaveSection } from './leave';

/** Back to 名册: the page below when there is one (opened from it), else a fresh 名册. */
function back() {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.redirectTo({ url: SEC.roster });
}

async function load(personId: string): Promise<ApiReply<{ person: PersonRow; branch: Branch; history: History }>> {
  if (!personId) return { ok: false, error: apiError('NOT_FOUND', { message: '请从名册里点选要查看的人' }) };
  const [branches, history] = await Promise.all([call('org', 'branches.list', {}), call('org', 'people.history', { personId })]);
  if (!branches.ok) return branches;
  if (!history.ok) return history;
  const branch = branches.data.branches.find((b) => b.id === history.data.person.branchId);
  if (!branch) return { ok: false, error: apiError('NOT_FOUND', { message: '名册里没有找到这个人，可能已转出' }) };
  return { ok: true, data: { person: history.data.person, branch, history: history.data } };
}

export default function PersonPage() {
  const { personId = '' } = useRouter().params;
  const { state, reload } = useRemote(() => load(personId));
  const [round, setRound] = useState(0);
  const [latest, setLatest] = useState<PersonRow | null>(null);
  const [left, setLeft] = useState<string | null>(null);
  const person = latest ?? (state.status === 'ok' ? state.data.person : null);

  return (
    <PageShell
      onRefresh={async () => {
        await reload();
        setLatest(null);
        setRound((n) => n + 1);
      }}
    >
      <View className='rp-body'>
        {state.status === 'loading' && <Loading />}
        {state.status === 'error' && <ErrorState message={state.error.message} onRetry={reload} />}
        {left && (
          <View className='rp-section'>
            <View className='rp-done person-left'>
              <Text className='rp-done__title'>已办理离开园区</Text>
              <Text className='rp-text'>{left}</Text>
            </View>
            <Button className='rp-btn person-back' onClick={back}>
              返回名册
            </Button>
          </View>
        )}
        {!left && state.status === 'ok' && person && (
          <>
            <View className='rp-section person-head'>
              <Text className='rp-title'>{person.name}</Text>
              <View>
                <Tag tone={person.memberType === 'none' ? 'gray' : 'red'}>{MEMBER_TYPE_LABELS[person.memberType]}</Tag>
                {person.bound ? <Tag tone='green'>已绑定</Tag> : <Tag tone='gold'>未绑定</Tag>}
              </View>
              <Text className='rp-muted'>
                {state.data.branch.name}
                {person.enterprise ? ` · ${person.enterprise.name}` : ''}
              </Text>
            </View>
            <PersonHistory h={state.data.history} />
            <View className='rp-section person-edit-head'>
              <Text className='rp-title'>修改信息</Text>
            </View>
            <PersonForm key={`${person.id}-${round}`} person={person} branch={state.data.branch} onSaved={setLatest} />
            <UnbindSection key={`unbind-${person.id}-${round}`} person={person} onUnbound={setLatest} />
            <LeaveSection key={`leave-${person.id}-${round}`} person={person} onLeft={setLeft} />
            <Button className='rp-btn rp-btn--ghost person-back' onClick={back}>
              返回名册
            </Button>
          </>
        )}
      </View>
    </PageShell>
  );
}

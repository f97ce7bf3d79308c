// The branch's transfer history (transfers.list), newest first: who, from → to (a branch, or an
// organisation outside the park), why, when, by whom.
import { useEffect } from 'react';
import { Text, View } from '@tarojs/components';
import type { Branch } from '@shared/contract';
import { Empty, ErrorState, Loading } from '../../../../components/States';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { Tag, chinaMinute } from '../../../ui';
import type { RefreshSlot } from '../../common/frame';

export function TransferHistory({ branch, slot, round }: { branch: Branch; slot: RefreshSlot; round: number }) {
  const { state, reload } = useRemote(() => call('org', 'transfers.list', { branchId: branch.id }));
  slot.current = reload;
  useEffect(() => {
    if (round) void reload();
  }, [round]);

  return (
    <View className='rp-section transfer-history'>
      <Text className='rp-title'>转接记录</Text>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorState message={state.error.message} onRetry={reload} />}
      {state.status === 'ok' && state.data.transfers.length === 0 && <Empty title='还没有转接记录' hint='本支部转入、转出的人员会记录在这里。' />}
      {state.status === 'ok' &&
        state.data.transfers.map((t) => (
          <View key={t.id} className='rp-item transfer-item'>
            <View className='rp-item__body'>
              <Text className='rp-item__name'>{t.personName}</Text>
              {t.toBranch?.id === branch.id ? <Tag tone='green'>转入</Tag> : <Tag tone='gold'>{t.toBranch ? '转出' : '转出园区'}</Tag>}
              <Text className='rp-item__line'>
                {t.fromBranch.name} → {t.toBranch ? t.toBranch.name : `园区外：${t.toOrganization ?? ''}`}
              </Text>
              <Text className='rp-item__line'>原因：{t.reason}</Text>
              <Text className='rp-item__line'>
                {chinaMinute(t.at)} · 经办：{t.by.name}
              </Text>
            </View>
          </View>
        ))}
    </View>
  );
}

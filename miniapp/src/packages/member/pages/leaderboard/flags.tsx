// 历次流动红旗 (flags.list): loaded the first time it is opened, newest first, my branch marked.
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { ApiError } from '@shared/contract';
import { MEASURE_LABELS } from '@shared/points';
import { BusyButton } from '../../../../components/BusyButton';
import { Empty } from '../../../../components/States';
import { call } from '../../../../services/api';
import { ErrorLines } from '../../../ui';
import { measureText, periodLabel } from '../../common/score';
import type { Flag } from './rows';

type State = { status: 'closed' } | { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ok'; flags: Flag[] };

export function FlagHistory({ myBranchId }: { myBranchId: string | null }) {
  const [state, setState] = useState<State>({ status: 'closed' });
  const open = async () => {
    setState({ status: 'loading' });
    const r = await call('score', 'flags.list', {});
    setState(r.ok ? { status: 'ok', flags: [...r.data.flags].sort((a, b) => b.month.localeCompare(a.month)) } : { status: 'error', error: r.error });
  };
  return (
    <View className='rp-section lb-flags'>
      <Text className='rp-title'>历次流动红旗</Text>
      <Text className='rp-muted'>每月排第一的支部得流动红旗。</Text>
      {(state.status === 'closed' || state.status === 'loading') && (
        <BusyButton className='rp-btn rp-btn--ghost lb-flags-open' busy={state.status === 'loading'} busyText='正在加载…' onClick={open}>
          查看历次流动红旗
        </BusyButton>
      )}
      {state.status === 'error' && (
        <>
          <ErrorLines error={state.error} />
          <BusyButton className='rp-btn rp-btn--ghost lb-flags-open' onClick={open}>
            重试
          </BusyButton>
        </>
      )}
      {state.status === 'ok' && state.flags.length === 0 && <Empty title='还没有评出过流动红旗' hint='每月排行第一的支部会得到流动红旗。' />}
      {state.status === 'ok' &&
        state.flags.map((f) => {
          const mine = f.branch.id === myBranchId;
          return (
            <View key={f.month} className={`lb-flag-item${mine ? ' lb-flag-item--mine' : ''}`}>
              <Text className='lb-flag-item__month'>{periodLabel(f.month)}</Text>
              <View className='lb-flag-item__body'>
                <Text className='lb-flag-item__branch'>
                  {f.branch.name}
                  {mine ? '（本支部）' : ''}
                </Text>
                <Text className='lb-flag-item__why'>
                  {MEASURE_LABELS[f.measure]} {measureText(f.measure, f.value)}
                </Text>
              </View>
            </View>
          );
        })}
    </View>
  );
}

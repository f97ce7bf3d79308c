// 公开承诺 (pledge.board): the approved items of my branch or of the whole park, with the year's 履诺率 (and each
// branch's on the park board); 评诺 in the park's rating window.
import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { PageShell } from '../../../../components/PageShell';
import { Empty, ErrorState, Loading } from '../../../../components/States';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { go, param } from '../../../../services/nav';
import { PLEDGE_PAGES, PledgeCard, rateText } from '../../common';

function Board({ branchId }: { branchId: string | null }) {
  const { state, reload } = useRemote(() => call('pledge', 'board', branchId ? { branchId } : {}));
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error')
    return state.error.code === 'NOT_BOUND' ? <Empty title='绑定身份后才能看公开承诺' /> : <ErrorState message={state.error.message} onRetry={() => void reload()} />;
  const b = state.data;
  return (
    <>
      <View className='rp-section pl-rate pl-board__rate'>
        <Text className='rp-title'>{b.title}</Text>
        <Text className='rp-text'>
          {b.year}年履诺率：{rateText(b.rate)}
        </Text>
        {b.branches.map((x) => (
          <Text key={x.id} className='rp-muted pl-board__branch'>
            {x.name}：{rateText(x.rate)}
          </Text>
        ))}
        {b.ratingOpen && (
          <Button className='rp-btn pl-board__rate-open' onClick={() => go(PLEDGE_PAGES.rate)}>
            评诺：给同事的承诺评价
          </Button>
        )}
      </View>
      <View className='rp-section pl-board__items'>
        <Text className='rp-title'>公开的承诺（{b.items.length}）</Text>
        {b.items.length === 0 ? (
          <Empty title='还没有公开的承诺' hint='党员写好承诺、支部书记审核通过后，会公开在这里。' />
        ) : (
          b.items.map((p) => <PledgeCard key={p.id} p={p} showPerson />)
        )}
      </View>
    </>
  );
}

export default function BoardPage() {
  const fromUrl = param(useRouter().params.branchId);
  const me = useRemote(() => call('user', 'me', {}));
  const myBranch = me.state.status === 'ok' ? (me.state.data.person?.branch.id ?? null) : null;
  const [scope, setScope] = useState<'branch' | 'park'>('branch');
  const branchId = scope === 'park' ? null : fromUrl || myBranch;
  return (
    <PageShell onRefresh={me.reload}>
      <View className='rp-body pl-page pl-board'>
        <View className='rp-section pl-tabs'>
          <Button className={`rp-btn${scope === 'branch' ? '' : ' rp-btn--ghost'} pl-board__tab-branch`} onClick={() => setScope('branch')}>
            本支部
          </Button>
          <Button className={`rp-btn${scope === 'park' ? '' : ' rp-btn--ghost'} pl-board__tab-park`} onClick={() => setScope('park')}>
            全园区
          </Button>
        </View>
        {me.state.status === 'loading' && !fromUrl ? <Loading /> : <Board key={`${scope}|${branchId ?? ''}`} branchId={branchId} />}
      </View>
    </PageShell>
  );
}

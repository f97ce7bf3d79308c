// 我的承诺 (pledge.mine): my 履诺率 and the year's items; 写承诺 (kind, what, how it is seen as kept, due date,
// yearly or 即时) within the park's limits; a returned item shows the secretary's comment and can be rewritten;
// an approved one takes progress notes with photos (PhotoGrid, record kind 'pledge'), 申报践诺 and 申请撤回.
import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { ActionOutput } from '@shared/contract';
import type { PledgeView } from '@shared/contract/pledge';
import { BusyButton } from '../../../../components/BusyButton';
import { PageShell } from '../../../../components/PageShell';
import { Empty, ErrorState, Loading } from '../../../../components/States';
import { markStale, useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { validate } from '../../../../services/validate';
import { go } from '../../../../services/nav';
import { askConsent } from '../../../../services/subscribe';
import { ErrorLines } from '../../../ui';
import { useSubmit } from '../../../ui/form';
import { PLEDGE_PAGES, rateText, satisfactionText } from '../../common';
import { type Item, ItemFields, MyItem } from '../../common/items';

type Mine = ActionOutput<'pledge', 'mine'>;

function ItemForm({ start, onDone, onClose }: { start?: PledgeView; onDone: (line: string) => void; onClose: () => void }) {
  const [v, setV] = useState<Item>(start ? { kind: start.kind, what: start.what, howSeen: start.howSeen, dueOn: start.dueOn, term: start.term } : { kind: 'work', what: '', howSeen: '', dueOn: '', term: 'yearly' });
  const { busy, error, submit } = useSubmit();
  const set = (p: Partial<Item>) => setV((x) => ({ ...x, ...p }));
  const send = async () => {
    // The reminders of this item (7 days before it is due, overdue, returned): WeChat's prompt from the tap itself.
    askConsent('submitPledge');
    const input = { ...v, what: v.what.trim(), howSeen: v.howSeen.trim() };
    const r = start
      ? await submit(v.dueOn ? validate('pledge', 'update', { pledgeId: start.id, ...input }) : '请选择践诺期限', () => call('pledge', 'update', { pledgeId: start.id, ...input }))
      : await submit(v.dueOn ? validate('pledge', 'create', input) : '请选择践诺期限', () => call('pledge', 'create', input));
    if (r) onDone(start ? '已修改，等待支部书记审核' : '已提交，等待支部书记审核');
  };
  return (
    <View className='rp-section pl-form pl-write'>
      <Text className='rp-title'>{start ? '修改承诺' : '写承诺'}</Text>
      <ItemFields v={v} set={set} />
      <ErrorLines error={error} />
      <View className='rp-row-actions'>
        <Button className='rp-btn rp-btn--ghost' onClick={onClose}>
          取消
        </Button>
        <BusyButton className='rp-btn pl-write__send' busy={busy} busyText='正在提交…' onClick={send}>
          提交审核
        </BusyButton>
      </View>
    </View>
  );
}

function MineView({ m, reload }: { m: Mine; reload: () => Promise<unknown> }) {
  const [writing, setWriting] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  const changed = (line: string) => {
    setWriting(false);
    setOutcome(line);
    markStale();
    void reload();
  };
  const left = m.maxPerYear - m.yearlyCount;
  return (
    <>
      <View className='rp-section pl-rate pl-mine__rate'>
        <Text className='rp-title'>{m.year}年履诺率</Text>
        <Text className='pl-rate__big'>{m.rate.rate === null ? '—' : `${Math.round(m.rate.rate * 100)}%`}</Text>
        <Text className='rp-muted'>{rateText(m.rate)}</Text>
        <Text className='rp-muted pl-mine__satisfaction'>评诺：{satisfactionText(m.ratings, m.satisfaction)}</Text>
        <Text className='rp-muted'>
          年度承诺 {m.yearlyCount} 项（园区要求 {m.minPerYear}–{m.maxPerYear} 项）{m.yearlyCount < m.minPerYear ? `，还需写 ${m.minPerYear - m.yearlyCount} 项` : ''}
        </Text>
      </View>
      {outcome && (
        <View className='rp-done pl-outcome'>
          <Text className='rp-text'>{outcome}</Text>
        </View>
      )}
      {writing ? (
        <ItemForm onDone={changed} onClose={() => setWriting(false)} />
      ) : (
        <View className='rp-section'>
          <Button className='rp-btn pl-mine__write' onClick={() => setWriting(true)}>
            写承诺{left > 0 ? `（还可写 ${left} 项年度承诺）` : ''}
          </Button>
          <Button className='rp-btn rp-btn--ghost pl-mine__board' onClick={() => go(PLEDGE_PAGES.board)}>
            看公开承诺栏
          </Button>
        </View>
      )}
      <View className='rp-section pl-mine__items'>
        <Text className='rp-title'>我的承诺（{m.items.length}）</Text>
        {m.items.length === 0 ? (
          <Empty title='今年还没有写承诺' hint='点上面的“写承诺”，写清做什么、怎样算做到、什么时候完成；支部书记审核后会公开。' />
        ) : (
          m.items.map((p) => <MyItem key={`${p.id}|${p.status}|${p.progress.length}`} p={p} onChanged={changed} editor={(x, done, close) => <ItemForm start={x} onDone={done} onClose={close} />} />)
        )}
      </View>
    </>
  );
}

export default function MyPledgesPage() {
  const { state, reload } = useRemote(() => call('pledge', 'mine', {}));
  return (
    <PageShell onRefresh={reload}>
      <View className='rp-body pl-page pl-mine'>
        {state.status === 'loading' && <Loading />}
        {state.status === 'error' &&
          (state.error.code === 'FORBIDDEN' ? (
            <Empty title='承诺践诺面向党员' hint='您可以在公开承诺栏看大家的承诺，年底给同事的承诺评价。' action={<Button className='rp-btn' onClick={() => go(PLEDGE_PAGES.board)}>看公开承诺栏</Button>} />
          ) : (
            <ErrorState message={state.error.message} onRetry={() => void reload()} />
          ))}
        {state.status === 'ok' && <MineView m={state.data} reload={reload} />}
      </View>
    </PageShell>
  );
}

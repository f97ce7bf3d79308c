// 支部管理 · 承诺 (支部承诺, secretary; a park admin for any branch): the branch's own pledges of the year, each with
// a responsible person of the branch. 写支部承诺: the responsible person (found by name in the branch's roster),
// kind, what, how it will be seen as kept, due date, yearly or 即时 (pledge branch.create: content-checked, on the
// public board at once). A written item is not edited (the function allows no change once public); it takes progress
// notes with photos, 申报践诺 and 申请撤回 (decided in 承诺审核), as 我的承诺 does. Listed from the branch's board.
import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { MEMBER_TYPE_LABELS, type Branch } from '@shared/contract';
import { BusyButton } from '../../../../components/BusyButton';
import { Empty, ErrorState, Loading } from '../../../../components/States';
import { markStale, useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { validate } from '../../../../services/validate';
import { go } from '../../../../services/nav';
import { ErrorLines, Field } from '../../../ui';
import { useSubmit } from '../../../ui/form';
import { PersonPicker, type Who } from '../../../ui/person-picker';
import { SecretaryFrame, useRefreshSlot, type RefreshSlot } from '../../../secretary/common/frame';
import { PLEDGE_PAGES, rateText } from '../../common';
import { type Item, ItemFields, MyItem } from '../../common/items';

function BranchForm({ branch, onDone, onClose }: { branch: Branch; onDone: (line: string) => void; onClose: () => void }) {
  const [v, setV] = useState<Item>({ kind: 'service', what: '', howSeen: '', dueOn: '', term: 'yearly' });
  const [who, setWho] = useState<Who | null>(null);
  const { busy, error, setError, submit } = useSubmit();
  const set = (p: Partial<Item>) => setV((x) => ({ ...x, ...p }));
  // Choosing the person answers '请选择责任人': the old message should not stay until the next send.
  const choose = (w: Who | null) => {
    setWho(w);
    if (w && error === '请选择责任人') setError(null);
  };
  const send = async () => {
    const input = { branchId: branch.id, responsibleId: who?.id ?? '', ...v, what: v.what.trim(), howSeen: v.howSeen.trim() };
    const problem = !who ? '请选择责任人' : !v.dueOn ? '请选择践诺期限' : validate('pledge', 'branch.create', input);
    const r = await submit(problem, () => call('pledge', 'branch.create', input));
    if (r) onDone(`已公开：支部承诺“${r.pledge.what.length > 20 ? `${r.pledge.what.slice(0, 20)}…` : r.pledge.what}”，责任人${r.pledge.personName}`);
  };
  return (
    <View className='rp-section pl-form pl-branch-write'>
      <Text className='rp-title'>写支部承诺</Text>
      <Text className='rp-muted'>支部承诺提交后直接公开在承诺栏，不能再修改；情况变化可以申请撤回。</Text>
      <Field label='责任人' hint='本支部的一位同志，负责推进、记录进展'>
        <PersonPicker branch={branch} chosen={who} hint={(p) => MEMBER_TYPE_LABELS[p.memberType]} emptyRoster='本支部名册里还没有人，请先在“名册”里添加。' onChoose={choose} />
      </Field>
      <ItemFields v={v} set={set} />
      <ErrorLines error={error} />
      <View className='rp-row-actions'>
        <Button className='rp-btn rp-btn--ghost' onClick={onClose}>
          取消
        </Button>
        <BusyButton className='rp-btn pl-branch-write__send' busy={busy} busyText='正在提交…' onClick={send}>
          提交公开
        </BusyButton>
      </View>
    </View>
  );
}

function BranchPledges({ branch, slot }: { branch: Branch; slot: RefreshSlot }) {
  const { state, reload } = useRemote(() => call('pledge', 'board', { branchId: branch.id }));
  slot.current = reload;
  const [writing, setWriting] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  const changed = (line: string) => {
    setWriting(false);
    setOutcome(line);
    markStale();
    void reload();
  };
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorState message={state.error.message} onRetry={() => void reload()} />;
  const b = state.data;
  const items = b.items.filter((p) => p.scope === 'branch');
  const waiting = items.filter((p) => p.can.decideWithdrawal).length;
  return (
    <>
      <View className='rp-section pl-rate pl-branch__rate'>
        <Text className='rp-title'>{b.year}年本支部履诺率</Text>
        <Text className='rp-text'>{rateText(b.rate)}</Text>
        <View className='rp-row-actions'>
          <Button className='rp-btn rp-btn--ghost rp-btn--inline pl-branch__review' onClick={() => go(`${PLEDGE_PAGES.review}?branchId=${encodeURIComponent(branch.id)}`)}>
            承诺审核{waiting ? `（撤回待审批 ${waiting}）` : ''}
          </Button>
          <Button className='rp-btn rp-btn--ghost rp-btn--inline pl-branch__board' onClick={() => go(`${PLEDGE_PAGES.board}?branchId=${encodeURIComponent(branch.id)}`)}>
            公开承诺栏
          </Button>
        </View>
      </View>
      {outcome && (
        <View className='rp-done pl-outcome'>
          <Text className='rp-text'>{outcome}</Text>
        </View>
      )}
      {writing ? (
        <BranchForm branch={branch} onDone={changed} onClose={() => setWriting(false)} />
      ) : (
        <View className='rp-section'>
          <Button className='rp-btn pl-branch__write' onClick={() => setWriting(true)}>
            写支部承诺
          </Button>
        </View>
      )}
      <View className='rp-section pl-branch__items'>
        <Text className='rp-title'>支部承诺（{items.length}）</Text>
        {items.length === 0 ? (
          <Empty title={`${b.year}年还没有支部承诺`} hint='点上面的“写支部承诺”：选一位责任人，写清做什么、怎样算做到、什么时候完成，提交后公开在承诺栏。' />
        ) : (
          items.map((p) => (
            <View key={`${p.id}|${p.status}|${p.progress.length}`} className='pl-branch__item'>
              <Text className='pl-item__who'>责任人 {p.personName}</Text>
              <MyItem p={p} onChanged={changed} />
            </View>
          ))
        )}
      </View>
    </>
  );
}

export default function BranchPledgesPage() {
  const slot = useRefreshSlot();
  return <SecretaryFrame current={PLEDGE_PAGES.branch} slot={slot}>{({ branch }) => <BranchPledges branch={branch} slot={slot} />}</SecretaryFrame>;
}

// 承诺审核 (secretary; park admins too): ?branchId= (default: the first branch I am secretary of). Items waiting:
// approve for the public board or return with a comment; claims: confirm, or mark not fulfilled with the reason the
// member gave; withdrawals: approve (out of the rate) or refuse. Branch pledges (支部承诺) are written here too.
import { useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { PledgeView } from '@shared/contract/pledge';
import { BusyButton } from '../../../../components/BusyButton';
import { PageShell } from '../../../../components/PageShell';
import { Empty, ErrorState, Loading } from '../../../../components/States';
import { markStale, useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { go, param } from '../../../../services/nav';
import { ErrorLines, Field } from '../../../ui';
import { useSubmit } from '../../../ui/form';
import { PLEDGE_PAGES, PledgeCard } from '../../common';

type Mode = 'approve' | 'confirm' | 'withdraw';

function Decide({ p, mode, onDone }: { p: PledgeView; mode: Mode; onDone: (line: string) => void }) {
  const [writing, setWriting] = useState<'no' | null>(null);
  const [text, setText] = useState('');
  const { busy, error, submit } = useSubmit();
  const yes = async () => {
    const r =
      mode === 'approve'
        ? await submit(null, () => call('pledge', 'review.decide', { pledgeId: p.id, decision: 'approve' }))
        : mode === 'confirm'
          ? await submit(null, () => call('pledge', 'confirm', { pledgeId: p.id, fulfilled: true }))
          : await submit(null, () => call('pledge', 'withdraw.decide', { pledgeId: p.id, approve: true }));
    if (r) onDone(mode === 'approve' ? `已通过：${p.personName}的承诺已公开` : mode === 'confirm' ? `已确认践诺：${p.personName}` : `已同意撤回：${p.personName}的承诺不计入履诺率`);
  };
  const no = async () => {
    const t = text.trim();
    const r =
      mode === 'approve'
        ? await submit(t ? null : '请写明修改意见', () => call('pledge', 'review.decide', { pledgeId: p.id, decision: 'return', comment: t }))
        : mode === 'confirm'
          ? await submit(t ? null : '请写明未践诺的原因', () => call('pledge', 'confirm', { pledgeId: p.id, fulfilled: false, reason: t }))
          : await submit(null, () => call('pledge', 'withdraw.decide', { pledgeId: p.id, approve: false, comment: t }));
    if (r) onDone(mode === 'approve' ? `已退回${p.personName}修改` : mode === 'confirm' ? `已记为未践诺：${p.personName}` : `没有同意撤回：${p.personName}`);
  };
  const words = {
    approve: { yes: '通过，公开', no: '退回修改', label: '修改意见（承诺人会看到）', placeholder: '例如：太笼统，请写明学什么、学多少' },
    confirm: { yes: '确认已践诺', no: '未践诺', label: '未践诺的原因（按承诺人的说明）', placeholder: '例如：项目加班，计划没有完成' },
    withdraw: { yes: '同意撤回', no: '不同意', label: '意见（可不填）', placeholder: '' },
  }[mode];
  return (
    <View className={`pl-form pl-decide pl-decide--${mode}`}>
      {writing === 'no' && (
        <Field label={words.label}>
          <Textarea className='rp-textarea pl-decide__text' value={text} maxlength={200} placeholder={words.placeholder} onInput={(e) => setText(e.detail.value)} />
        </Field>
      )}
      <ErrorLines error={error} />
      <View className='rp-row-actions'>
        {writing === 'no' ? (
          <>
            <Button className='rp-btn rp-btn--ghost' onClick={() => setWriting(null)}>
              取消
            </Button>
            <BusyButton className='rp-btn pl-decide__no-send' busy={busy} busyText='正在提交…' onClick={no}>
              {words.no}
            </BusyButton>
          </>
        ) : (
          <>
            <Button className='rp-btn rp-btn--ghost pl-decide__no' onClick={() => setWriting('no')}>
              {words.no}
            </Button>
            <BusyButton className='rp-btn pl-decide__yes' busy={busy} busyText='正在提交…' onClick={yes}>
              {words.yes}
            </BusyButton>
          </>
        )}
      </View>
    </View>
  );
}

function Queue({ branchId }: { branchId: string }) {
  const { state, reload } = useRemote(() => call('pledge', 'review.list', { branchId }));
  const [outcome, setOutcome] = useState<string | null>(null);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error')
    return state.error.code === 'FORBIDDEN' ? <Empty title='只有支部书记可以审核承诺' /> : <ErrorState message={state.error.message} onRetry={() => void reload()} />;
  const q = state.data;
  const done = (line: string) => {
    setOutcome(line);
    markStale();
    void reload();
  };
  const part = (title: string, items: PledgeView[], mode: Mode, empty: string) => (
    <View className={`rp-section pl-queue pl-queue--${mode}`}>
      <Text className='rp-title'>
        {title}（{items.length}）
      </Text>
      {items.length === 0 ? (
        <Text className='rp-muted'>{empty}</Text>
      ) : (
        items.map((p) => (
          <PledgeCard key={`${p.id}|${p.status}`} p={p} showPerson>
            <Decide p={p} mode={mode} onDone={done} />
          </PledgeCard>
        ))
      )}
    </View>
  );
  return (
    <>
      <View className='rp-section'>
        <Text className='rp-title'>{q.branch.name}</Text>
        <Button className='rp-btn rp-btn--ghost pl-review__board' onClick={() => go(`${PLEDGE_PAGES.board}?branchId=${encodeURIComponent(q.branch.id)}`)}>
          看本支部公开承诺和履诺率
        </Button>
      </View>
      {outcome && (
        <View className='rp-done pl-outcome'>
          <Text className='rp-text'>{outcome}</Text>
        </View>
      )}
      {part('待审核的承诺', q.toApprove, 'approve', '没有待审核的承诺。党员写好承诺后会出现在这里。')}
      {part('待确认的践诺', q.toConfirm, 'confirm', '没有待确认的践诺。')}
      {part('撤回申请', q.toWithdraw, 'withdraw', '没有撤回申请。')}
    </>
  );
}

export default function ReviewPage() {
  const fromUrl = param(useRouter().params.branchId);
  const me = useRemote(() => call('user', 'me', {}), { skip: !!fromUrl });
  const branchId = fromUrl || (me.state.status === 'ok' ? (me.state.data.person?.secretaryOf[0] ?? me.state.data.person?.branch.id ?? '') : '');
  return (
    <PageShell onRefresh={me.reload}>
      <View className='rp-body pl-page pl-review'>
        {!branchId && me.state.status === 'loading' && <Loading />}
        {!branchId && me.state.status === 'error' && <ErrorState message={me.state.error.message} onRetry={() => void me.reload()} />}
        {branchId && <Queue branchId={branchId} />}
      </View>
    </PageShell>
  );
}

// Shared by 我的承诺 and 支部承诺: the fields of an item (kind, what, how it is seen as kept, due date, yearly or
// 即时), and an item with what its member (or, for a 支部承诺, its responsible person or the secretary) may do next:
// 修改, 记进展 (with photos), 申报践诺, 申请撤回.
import { type ReactNode, useState } from 'react';
import { Button, Textarea, View } from '@tarojs/components';
import { PLEDGE_KINDS, PLEDGE_KIND_LABELS, PLEDGE_TERMS, PLEDGE_TERM_LABELS, type PledgeView } from '@shared/contract/pledge';
import { chinaDateString } from '@shared/time';
import { BusyButton } from '../../../components/BusyButton';
import { PhotoGrid } from '../../../components/PhotoGrid';
import { DatePick } from '../../../components/Pickers';
import { call } from '../../../services/api';
import { validate } from '../../../services/validate';
import { ErrorLines, Field } from '../../ui';
import { Choice, useSubmit } from '../../ui/form';
import { PledgeCard } from './index';

export type Item = { kind: PledgeView['kind']; what: string; howSeen: string; dueOn: string; term: PledgeView['term'] };

export function ItemFields({ v, set }: { v: Item; set: (p: Partial<Item>) => void }) {
  const today = chinaDateString(new Date());
  return (
    <>
      <Field label='类别'>
        <View className='pl-choices'>
          {PLEDGE_KINDS.map((k) => (
            <Choice key={k} className={`pl-kind--${k}`} on={v.kind === k} title={PLEDGE_KIND_LABELS[k]} onClick={() => set({ kind: k })} />
          ))}
        </View>
      </Field>
      <Field label='承诺内容' hint='写具体：做什么、做到什么程度'>
        <Textarea className='rp-textarea pl-write__what' value={v.what} maxlength={200} placeholder='例如：全年质检零差错，带好两名新员工' onInput={(e) => set({ what: e.detail.value })} />
      </Field>
      <Field label='践诺标准' hint='怎样算做到了，大家凭什么看得出来'>
        <Textarea className='rp-textarea pl-write__how' value={v.howSeen} maxlength={200} placeholder='例如：车间质检记录、班组评议' onInput={(e) => set({ howSeen: e.detail.value })} />
      </Field>
      <Field label='践诺期限'>
        <DatePick className='pl-write__due' value={v.dueOn} start={today} end={`${Number(today.slice(0, 4)) + 1}-12-31`} onChange={(d) => set({ dueOn: d })} placeholder='选择日期' />
      </Field>
      <Field label='类型'>
        <View className='pl-choices pl-choices--terms'>
          {PLEDGE_TERMS.map((t) => (
            <Choice key={t} className={`pl-term--${t}`} on={v.term === t} title={PLEDGE_TERM_LABELS[t]} hint={t === 'immediate' ? '如急难险重任务中的承诺，不占年度项数' : '年初公开承诺'} onClick={() => set({ term: t })} />
          ))}
        </View>
      </Field>
    </>
  );
}

type Open = 'progress' | 'claim' | 'withdraw' | 'edit' | null;

export function TextAction({ p, kind, onDone, onClose }: { p: PledgeView; kind: 'progress' | 'claim' | 'withdraw'; onDone: (line: string) => void; onClose: () => void }) {
  const [text, setText] = useState('');
  const { busy, error, submit } = useSubmit();
  const words = {
    progress: { label: '进展', placeholder: '例如：一季度质检零差错', button: '记录进展', done: '进展已记录' },
    claim: { label: '践诺情况', placeholder: '写明做到了什么、在哪里能看到', button: '申报践诺', done: '已申报践诺，等待支部书记确认' },
    withdraw: { label: '撤回原因', placeholder: '例如：调岗到外地项目部，无法继续履行', button: '申请撤回', done: '已申请撤回，等待支部书记审批' },
  }[kind];
  const send = async () => {
    const t = text.trim();
    const r =
      kind === 'progress'
        ? await submit(validate('pledge', 'progress.add', { pledgeId: p.id, text: t }), () => call('pledge', 'progress.add', { pledgeId: p.id, text: t }))
        : kind === 'claim'
          ? await submit(validate('pledge', 'claim', { pledgeId: p.id, note: t }), () => call('pledge', 'claim', { pledgeId: p.id, note: t }))
          : await submit(validate('pledge', 'withdraw.request', { pledgeId: p.id, reason: t }), () => call('pledge', 'withdraw.request', { pledgeId: p.id, reason: t }));
    if (r) onDone(words.done);
  };
  return (
    <View className={`pl-form pl-${kind}`}>
      <Field label={words.label}>
        <Textarea className={`rp-textarea pl-${kind}__text`} value={text} maxlength={300} placeholder={words.placeholder} onInput={(e) => setText(e.detail.value)} />
      </Field>
      <ErrorLines error={error} />
      <View className='rp-row-actions'>
        <Button className='rp-btn rp-btn--ghost' onClick={onClose}>
          取消
        </Button>
        <BusyButton className={`rp-btn pl-${kind}__send`} busy={busy} busyText='正在提交…' onClick={send}>
          {words.button}
        </BusyButton>
      </View>
    </View>
  );
}

/** An item with its next steps; `editor` is the form 修改 opens (member items still waiting or returned). */
export function MyItem({ p, onChanged, editor }: { p: PledgeView; onChanged: (line: string) => void; editor?: (p: PledgeView, done: (line: string) => void, close: () => void) => ReactNode }) {
  const [open, setOpen] = useState<Open>(null);
  const done = (line: string) => {
    setOpen(null);
    onChanged(line);
  };
  if (open === 'edit' && editor) return <>{editor(p, done, () => setOpen(null))}</>;
  return (
    <PledgeCard p={p}>
      {(p.status === 'approved' || p.status === 'claimed' || p.status === 'fulfilled') && <PhotoGrid record={{ kind: 'pledge', id: p.id }} purposes={['photo']} noAccess='' />}
      {open === null && (
        <View className='rp-row-actions pl-item__actions'>
          {p.can.edit && editor && (
            <Button className='rp-btn rp-btn--inline pl-item__edit' onClick={() => setOpen('edit')}>
              修改
            </Button>
          )}
          {p.can.progress && (
            <Button className='rp-btn rp-btn--ghost rp-btn--inline pl-item__progress-open' onClick={() => setOpen('progress')}>
              记进展
            </Button>
          )}
          {p.can.claim && (
            <Button className='rp-btn rp-btn--inline pl-item__claim-open' onClick={() => setOpen('claim')}>
              申报践诺
            </Button>
          )}
          {p.can.withdraw && (
            <Button className='rp-btn rp-btn--ghost rp-btn--inline pl-item__withdraw-open' onClick={() => setOpen('withdraw')}>
              申请撤回
            </Button>
          )}
        </View>
      )}
      {open !== null && open !== 'edit' && <TextAction p={p} kind={open} onDone={done} onClose={() => setOpen(null)} />}
    </PledgeCard>
  );
}


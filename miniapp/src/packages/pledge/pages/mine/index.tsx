// 我的承诺 (pledge.mine): my 履诺率 and the year's items; 写承诺 (kind, what, how it is seen as kept, due date,
// yearly or 即时) within the park's limits; a returned item shows the secretary's comment and can be rewritten;
// an approved one takes progress notes with photos (PhotoGrid, record kind 'pledge'), 申报践诺 and 申请撤回.
import { useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import type { ActionOutput } from '@shared/contract';
import { PLEDGE_KINDS, PLEDGE_KIND_LABELS, PLEDGE_TERMS, PLEDGE_TERM_LABELS, type PledgeView } from '@shared/contract/pledge';
import { chinaDateString } from '@shared/time';
import { BusyButton } from '../../../../components/BusyButton';
import { PageShell } from '../../../../components/PageShell';
import { PhotoGrid } from '../../../../components/PhotoGrid';
import { DatePick } from '../../../../components/Pickers';
import { Empty, ErrorState, Loading } from '../../../../components/States';
import { markStale, useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { validate } from '../../../../services/validate';
import { go } from '../../../../services/nav';
import { askConsent } from '../../../../services/subscribe';
import { ErrorLines, Field } from '../../../ui';
import { Choice, useSubmit } from '../../../ui/form';
import { PLEDGE_PAGES, PledgeCard, rateText, satisfactionText } from '../../common';

type Mine = ActionOutput<'pledge', 'mine'>;
type Item = { kind: PledgeView['kind']; what: string; howSeen: string; dueOn: string; term: PledgeView['term'] };

function ItemForm({ start, onDone, onClose }: { start?: PledgeView; onDone: (line: string) => void; onClose: () => void }) {
  const today = chinaDateString(new Date());
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

type Open = 'progress' | 'claim' | 'withdraw' | 'edit' | null;

function TextAction({ p, kind, onDone, onClose }: { p: PledgeView; kind: 'progress' | 'claim' | 'withdraw'; onDone: (line: string) => void; onClose: () => void }) {
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

function MyItem({ p, onChanged }: { p: PledgeView; onChanged: (line: string) => void }) {
  const [open, setOpen] = useState<Open>(null);
  const done = (line: string) => {
    setOpen(null);
    onChanged(line);
  };
  if (open === 'edit') return <ItemForm start={p} onDone={done} onClose={() => setOpen(null)} />;
  return (
    <PledgeCard p={p}>
      {(p.status === 'approved' || p.status === 'claimed' || p.status === 'fulfilled') && <PhotoGrid record={{ kind: 'pledge', id: p.id }} purposes={['photo']} noAccess='' />}
      {open === null && (
        <View className='rp-row-actions pl-item__actions'>
          {p.can.edit && (
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
      {open !== null && <TextAction p={p} kind={open} onDone={done} onClose={() => setOpen(null)} />}
    </PledgeCard>
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
          m.items.map((p) => <MyItem key={`${p.id}|${p.status}|${p.progress.length}`} p={p} onChanged={changed} />)
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

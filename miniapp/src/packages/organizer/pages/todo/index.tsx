// 志愿待办 (volunteer.todo): what an organizer, secretary or park admin has to do about the volunteer
// record, most urgent first —
// - 待确认时长: finished shifts not confirmed, with the working days left of the 10-working-day window
//   (the park's holidays count); each opens the shift's 名单 to confirm; past the window, only 补录;
// - 待审核的补录: make-ups someone else entered (the function never lists mine here, and 通过 is offered
//   only where `mayDecide`: four eyes);
// - 更正申请: accept with the right hours, or answer why not — both with a reason the volunteer reads;
// - 证明申请: issue (a number and the date) or decline with a reason.
// 补录时长, 证明管理 and 组织活动 are one tap away at the top.
import { type ReactNode, useState } from 'react';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import type { ActionOutput } from '@shared/contract';
import { HOURS_KIND_LABELS } from '@shared/contract/volunteer-record';
import { PageShell } from '../../../../components/PageShell';
import { BusyButton } from '../../../../components/BusyButton';
import { ErrorState, Loading } from '../../../../components/States';
import { markStale, useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { go } from '../../../../services/nav';
import { hoursText, shiftTime } from '../../../../utils/volunteer';
import { ErrorLines, Field, Tag } from '../../../ui';
import { useSubmit } from '../../../ui/form';
import { ORG, withQuery } from '../../common/area';
import { parseHours, windowText } from '../../common/record';
import '../../common/organizer.scss';

type Todo = ActionOutput<'volunteer', 'todo'>;
type Makeup = Todo['makeupsToDecide'][number];
type Correction = Todo['corrections'][number];
type Request = Todo['certificateRequests'][number];

function ShiftTodo({ s }: { s: Todo['shiftsToConfirm'][number] }) {
  const w = windowText(s.daysLeft, s.lastDay);
  return (
    <View className='og-row td-shift' data-shift-id={s.shiftId}>
      <Text className='og-row__name'>{s.title}</Text>
      <Text className='og-row__line'>{shiftTime(s)}</Text>
      <Tag tone={w.tone}>{w.text}</Tag>
      <View className='rp-row-actions og-actions'>
        {s.daysLeft >= 0 ? (
          <Button className='rp-btn td-shift__open' onClick={() => go(withQuery(ORG.shift, { shiftId: s.shiftId, activityId: s.activityId }))}>
            去确认时长
          </Button>
        ) : (
          <Button className='rp-btn rp-btn--ghost td-shift__makeup' onClick={() => go(withQuery(ORG.makeup, { activityId: s.activityId }))}>
            补录时长
          </Button>
        )}
      </View>
    </View>
  );
}

function MakeupTodo({ m, onDone }: { m: Makeup; onDone: (line: string) => void }) {
  const [note, setNote] = useState('');
  const { busy, error, submit } = useSubmit();
  const decide = async (approve: boolean) => {
    const r = await submit(!approve && !note.trim() ? '不通过时请写明原因' : null, () =>
      call('volunteer', 'makeups.decide', { makeupId: m.id, approve, ...(note.trim() ? { note: note.trim() } : {}) }),
    );
    if (r) onDone(approve ? `已通过：${m.name} 补录 ${hoursText(m.hours)} 小时（${m.title}），积分已记入。` : `未通过：${m.name} 的补录（${m.title}）。`);
  };
  return (
    <View className='og-row td-makeup' data-makeup-id={m.id}>
      <View className='og-row__head'>
        <Text className='og-row__name'>{m.name}</Text>
        <Tag tone='gold'>补录 {hoursText(m.hours)} 小时</Tag>
      </View>
      <Text className='og-row__line'>活动：{m.title}</Text>
      <Text className='og-row__line'>原因：{m.reason}</Text>
      <Text className='og-row__line'>证明材料：{m.evidence}</Text>
      <Text className='og-row__line'>录入：{m.enteredBy}</Text>
      {m.mayDecide ? (
        <>
          <Input className='rp-input td-makeup__note' value={note} maxlength={200} placeholder='审核意见（不通过时必填）' onInput={(e) => setNote(e.detail.value)} />
          <ErrorLines error={error} />
          <View className='rp-row-actions og-actions'>
            <BusyButton className='rp-btn rp-btn--ghost td-makeup__reject' busy={busy} busyText='…' onClick={() => decide(false)}>
              不通过
            </BusyButton>
            <BusyButton className='rp-btn td-makeup__approve' busy={busy} busyText='正在处理…' onClick={() => decide(true)}>
              通过
            </BusyButton>
          </View>
        </>
      ) : (
        <Text className='rp-muted'>由另一位负责人审核。</Text>
      )}
    </View>
  );
}

function CorrectionTodo({ c, onDone }: { c: Correction; onDone: (line: string) => void }) {
  const [hours, setHours] = useState(hoursText(c.hoursAsked ?? c.hoursBefore));
  const [answer, setAnswer] = useState('');
  const { busy, error, submit } = useSubmit();
  const decide = async (accept: boolean) => {
    const h = parseHours(hours);
    const problem = !answer.trim() ? '请写明答复，志愿者会看到' : accept && h === null ? '请填写正确的时长，例如 1.5' : null;
    const r = await submit(problem, () =>
      call('volunteer', 'corrections.decide', { correctionId: c.id, accept, answer: answer.trim(), ...(accept ? { hours: h ?? 0 } : {}) }),
    );
    if (!r) return;
    const revoked = r.revokedCertificates ? `，${r.revokedCertificates} 份包含这条记录的证明已自动撤销` : '';
    onDone(accept ? `已更正：${c.name}「${c.title}」改为 ${hoursText(h ?? 0)} 小时，积分随之调整${revoked}。` : `已答复 ${c.name}：记录不变。`);
  };
  return (
    <View className='og-row td-correction' data-correction-id={c.id}>
      <View className='og-row__head'>
        <Text className='og-row__name'>{c.name}</Text>
        <Tag>{HOURS_KIND_LABELS[c.kind]}</Tag>
      </View>
      <Text className='og-row__line'>活动：{c.title}</Text>
      <Text className='og-row__line'>
        记录 {hoursText(c.hoursBefore)} 小时{c.hoursAsked !== null ? `，申请改为 ${hoursText(c.hoursAsked)} 小时` : ''}
      </Text>
      <Text className='og-row__line'>理由：{c.reason}</Text>
      <Field label='正确的时长（小时，接受更正时用）'>
        <Input className='rp-input td-correction__hours' type='digit' value={hours} maxlength={5} onInput={(e) => setHours(e.detail.value)} />
      </Field>
      <Field label='答复' hint='志愿者会在“我的志愿记录”里看到'>
        <Textarea className='rp-textarea td-correction__answer' value={answer} maxlength={300} placeholder='例如：已核对签到表，改为 1.5 小时' onInput={(e) => setAnswer(e.detail.value)} />
      </Field>
      <ErrorLines error={error} />
      <View className='rp-row-actions og-actions'>
        <BusyButton className='rp-btn rp-btn--ghost td-correction__answer-only' busy={busy} busyText='…' onClick={() => decide(false)}>
          答复，不更正
        </BusyButton>
        <BusyButton className='rp-btn td-correction__accept' busy={busy} busyText='正在处理…' onClick={() => decide(true)}>
          接受更正
        </BusyButton>
      </View>
    </View>
  );
}

function RequestTodo({ c, onDone }: { c: Request; onDone: (line: string) => void }) {
  const [note, setNote] = useState('');
  const { busy, error, submit } = useSubmit();
  const decide = async (issue: boolean) => {
    const r = await submit(!issue && !note.trim() ? '不予出具时请写明原因' : null, () =>
      call('volunteer', 'certificates.issue', { certificateId: c.id, issue, ...(note.trim() ? { note: note.trim() } : {}) }),
    );
    if (r) onDone(issue ? `已出具：${c.name} ${c.periodLabel}的证明，编号 ${r.certificate.number ?? ''}。` : `未出具：${c.name} 的证明申请。`);
  };
  return (
    <View className='og-row td-request' data-certificate-id={c.id}>
      <View className='og-row__head'>
        <Text className='og-row__name'>{c.name}</Text>
        <Tag tone='gold'>{c.periodLabel}</Tag>
      </View>
      <Text className='og-row__line'>向 {c.issuer.name || '本支部'} 申请志愿服务证明</Text>
      <Text className='og-row__line'>出具时按当时的记录写明时长和活动，并生成唯一编号。</Text>
      <Input className='rp-input td-request__note' value={note} maxlength={200} placeholder='说明（不予出具时必填）' onInput={(e) => setNote(e.detail.value)} />
      <ErrorLines error={error} />
      <View className='rp-row-actions og-actions'>
        <BusyButton className='rp-btn rp-btn--ghost td-request__decline' busy={busy} busyText='…' onClick={() => decide(false)}>
          不予出具
        </BusyButton>
        <BusyButton className='rp-btn td-request__issue' busy={busy} busyText='正在出具…' onClick={() => decide(true)}>
          出具证明
        </BusyButton>
      </View>
    </View>
  );
}

function Section({ title, count, empty, children }: { title: string; count: number; empty: string; children: ReactNode }) {
  return (
    <View className='rp-section td-section'>
      <Text className='rp-title'>
        {title}（{count}）
      </Text>
      {count === 0 ? <Text className='rp-muted'>{empty}</Text> : children}
    </View>
  );
}

function TodoView({ t, reload }: { t: Todo; reload: () => Promise<unknown> }) {
  const [outcome, setOutcome] = useState<string | null>(null);
  const done = (line: string) => {
    setOutcome(line);
    markStale();
    void reload();
  };
  return (
    <>
      <View className='rp-section'>
        <View className='rp-row-actions'>
          <Button className='rp-btn rp-btn--ghost td-nav-makeup' onClick={() => go(ORG.makeup)}>
            补录时长
          </Button>
          <Button className='rp-btn rp-btn--ghost td-nav-certs' onClick={() => go(ORG.certificates)}>
            证明管理
          </Button>
        </View>
        <Button className='rp-btn rp-btn--ghost td-nav-activities' onClick={() => go(ORG.activities)}>
          组织活动
        </Button>
      </View>
      {outcome && (
        <View className='rp-done td-outcome'>
          <Text className='rp-text'>{outcome}</Text>
        </View>
      )}
      <Section title='待确认时长' count={t.shiftsToConfirm.length} empty='没有待确认的班次。班次结束后会出现在这里，请在 10 个工作日内确认。'>
        {t.shiftsToConfirm.map((s) => (
          <ShiftTodo key={s.shiftId} s={s} />
        ))}
      </Section>
      <Section title='待审核的补录' count={t.makeupsToDecide.length} empty='没有需要您审核的补录。您录入的补录由另一位负责人审核。'>
        {t.makeupsToDecide.map((m) => (
          <MakeupTodo key={m.id} m={m} onDone={done} />
        ))}
      </Section>
      <Section title='更正申请' count={t.corrections.length} empty='没有待处理的更正申请。'>
        {t.corrections.map((c) => (
          <CorrectionTodo key={c.id} c={c} onDone={done} />
        ))}
      </Section>
      <Section title='证明申请' count={t.certificateRequests.length} empty='没有待出具的证明。已出具的在“证明管理”里。'>
        {t.certificateRequests.map((c) => (
          <RequestTodo key={c.id} c={c} onDone={done} />
        ))}
      </Section>
    </>
  );
}

export default function TodoPage() {
  const { state, reload } = useRemote(() => call('volunteer', 'todo', {}));
  return (
    <PageShell onRefresh={reload}>
      <View className='rp-body td-page'>
        {state.status === 'loading' && <Loading />}
        {state.status === 'error' && <ErrorState message={state.error.message} onRetry={() => void reload()} />}
        {state.status === 'ok' && <TodoView t={state.data} reload={reload} />}
      </View>
    </PageShell>
  );
}

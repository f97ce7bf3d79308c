// 我的志愿记录 (record.mine): the star level and the hours to the next star; totals overall and per year,
// 信用时数 (confirmed sign-ins) and 补录时数 (approved make-ups) always apart; every record with its
// activity, date, place, content, hours, organizing body and person in charge (谁组织谁记录); make-ups
// waiting for approval; 有疑问 on a record asks for a correction with a reason (and the hours I think are
// right), and 我的更正申请 shows each outcome; 评价活动 rates a shift I served with a short comment.
// 申请志愿服务证明 opens the certificates page.
import { useState } from 'react';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import type { ActionOutput } from '@shared/contract';
import { HOURS_COUNTED_LABELS, HOURS_KIND_LABELS } from '@shared/contract/volunteer-record';
import { monthDayLabel } from '@shared/time';
import { PageShell } from '../../../../components/PageShell';
import { BusyButton } from '../../../../components/BusyButton';
import { Empty, ErrorState, Loading } from '../../../../components/States';
import { markStale, useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { validate } from '../../../../services/validate';
import { ROUTES, go } from '../../../../services/nav';
import { stars as starText } from '../../../../utils/format';
import { hoursText } from '../../../../utils/volunteer';
import { ErrorLines, Field, Tag } from '../../../ui';
import { useSubmit } from '../../../ui/form';
import { StarPicker } from '../../../ui/stars';
import '../../common/record.scss';

type Record = ActionOutput<'volunteer', 'record.mine'>;
type Entry = Record['entries'][number];
type Correction = Record['corrections'][number];

export const CERTIFICATES_PAGE = '/packages/volunteer/pages/certificates/index';

/** "再服务 12.5 小时可达 ★★" or the top level's words. */
export function starProgressText(s: Record['stars']): string {
  if (s.next === null) return '已达到最高星级';
  return `再服务 ${hoursText(Math.max(0, s.next - s.hours))} 小时可达 ${s.stars + 1} 星（${s.next} 小时）`;
}

export const CORRECTION_STATE: { [k in Correction['status']]: { label: string; tone: 'gold' | 'green' | 'gray' } } = {
  open: { label: '等待负责人处理', tone: 'gold' },
  accepted: { label: '已更正', tone: 'green' },
  answered: { label: '已答复', tone: 'gray' },
};

function StarsCard({ r }: { r: Record }) {
  const s = r.stars;
  const pct = s.next === null ? 100 : Math.min(100, Math.round((s.hours / s.next) * 100));
  return (
    <View className='rp-section vr-stars'>
      <Text className='vr-stars__level'>{starText(s.stars)}</Text>
      <Text className='vr-stars__title'>{s.stars ? `${s.stars} 星志愿者` : '还没有星级'}</Text>
      <View className='vr-bar'>
        <View className='vr-bar__fill' style={{ width: `${pct}%` }} />
      </View>
      <Text className='rp-text vr-stars__next'>{starProgressText(s)}</Text>
      <Text className='rp-muted'>
        星级按累计 {hoursText(s.hours)} 小时计（{HOURS_COUNTED_LABELS[r.hoursCounted]}）
      </Text>
    </View>
  );
}

function Totals({ r }: { r: Record }) {
  return (
    <View className='rp-section vr-totals'>
      <Text className='rp-title'>累计时长</Text>
      <View className='vr-totals__row vr-totals__row--all'>
        <Text className='vr-totals__year'>全部</Text>
        <Text className='vr-totals__n'>信用 {hoursText(r.overall.credit)} 小时</Text>
        <Text className='vr-totals__n'>补录 {hoursText(r.overall.makeup)} 小时</Text>
      </View>
      {r.byYear.map((y) => (
        <View key={y.year} className='vr-totals__row'>
          <Text className='vr-totals__year'>{y.year}年</Text>
          <Text className='vr-totals__n'>信用 {hoursText(y.credit)} 小时</Text>
          <Text className='vr-totals__n'>补录 {hoursText(y.makeup)} 小时</Text>
        </View>
      ))}
      <Text className='rp-muted'>信用时数：扫码签到、负责人确认的时长；补录时数：经两位负责人核对补录的时长。</Text>
    </View>
  );
}

function CorrectionForm({ e, onDone, onClose }: { e: Entry; onDone: () => void; onClose: () => void }) {
  const [hours, setHours] = useState('');
  const [reason, setReason] = useState('');
  const { busy, error, submit } = useSubmit();
  const send = async () => {
    const asked = hours.trim() === '' ? null : Number(hours);
    const input = { recordId: e.id, kind: e.kind, hoursAsked: asked !== null && Number.isFinite(asked) ? asked : null, reason: reason.trim() };
    const problem = asked !== null && !Number.isFinite(asked) ? '时长请填数字，例如 1.5' : validate('volunteer', 'corrections.create', input);
    const r = await submit(problem, () => call('volunteer', 'corrections.create', input));
    if (r) onDone();
  };
  return (
    <View className='vr-form vr-correct'>
      <Field label='我认为正确的时长（小时，可不填）'>
        <Input className='rp-input vr-correct__hours' type='digit' value={hours} maxlength={5} placeholder={`记录为 ${hoursText(e.hours)}`} onInput={(v) => setHours(v.detail.value)} />
      </Field>
      <Field label='理由' hint='负责人会看到，并答复您'>
        <Textarea className='rp-textarea vr-correct__reason' value={reason} maxlength={300} placeholder='例如：我 10:30 就离开了，应为 1.5 小时' onInput={(v) => setReason(v.detail.value)} />
      </Field>
      <ErrorLines error={error} />
      <View className='rp-row-actions'>
        <Button className='rp-btn rp-btn--ghost' onClick={onClose}>
          不提了
        </Button>
        <BusyButton className='rp-btn vr-correct__send' busy={busy} busyText='正在提交…' onClick={send}>
          提交更正申请
        </BusyButton>
      </View>
    </View>
  );
}

function RateForm({ e, onDone, onClose }: { e: Entry; onDone: () => void; onClose: () => void }) {
  const [stars, setStars] = useState(0);
  const [comment, setComment] = useState('');
  const { busy, error, submit } = useSubmit();
  const send = async () => {
    const r = await submit(stars ? null : '请先点星打分', () => call('volunteer', 'ratings.rateActivity', { shiftId: e.shiftId!, stars, comment: comment.trim() }));
    if (r) onDone();
  };
  return (
    <View className='vr-form vr-rate'>
      <Text className='rp-text'>这次活动组织得怎么样？</Text>
      <StarPicker value={stars} onChange={setStars} />
      <Textarea className='rp-textarea vr-rate__comment' value={comment} maxlength={200} placeholder='说两句（可不填，负责人会看到）' onInput={(v) => setComment(v.detail.value)} />
      <ErrorLines error={error} />
      <View className='rp-row-actions'>
        <Button className='rp-btn rp-btn--ghost' onClick={onClose}>
          不评了
        </Button>
        <BusyButton className='rp-btn vr-rate__send' busy={busy} busyText='正在提交…' onClick={send}>
          提交评价
        </BusyButton>
      </View>
    </View>
  );
}

function EntryItem({ e, onChanged }: { e: Entry; onChanged: (line: string) => void }) {
  const [open, setOpen] = useState<'correct' | 'rate' | null>(null);
  const [rated, setRated] = useState(false);
  return (
    <View className='vr-entry' data-record-id={e.id}>
      <View className='vr-entry__head'>
        <Text className='vr-entry__title'>{e.title}</Text>
        <Text className='vr-entry__hours'>{hoursText(e.hours)} 小时</Text>
      </View>
      <View className='vr-tags'>
        <Tag tone={e.kind === 'credit' ? 'green' : 'gold'}>{HOURS_KIND_LABELS[e.kind]}</Tag>
        {e.correctionOpen && <Tag tone='gold'>更正处理中</Tag>}
        {rated && <Tag tone='green'>已评价</Tag>}
      </View>
      <Text className='rp-text'>
        {e.date.slice(0, 4)}年{monthDayLabel(e.date)} · {e.place}
      </Text>
      {e.summary && <Text className='rp-muted'>内容：{e.summary}</Text>}
      <Text className='rp-muted'>
        组织：{e.organizer} · 负责人：{e.personInCharge}
      </Text>
      {!open && (
        <View className='rp-row-actions vr-entry__actions'>
          {!e.correctionOpen && (
            <Button className='rp-btn rp-btn--ghost rp-btn--inline vr-entry__question' onClick={() => setOpen('correct')}>
              有疑问
            </Button>
          )}
          {e.shiftId && (
            <Button className='rp-btn rp-btn--ghost rp-btn--inline vr-entry__rate' onClick={() => setOpen('rate')}>
              {rated ? '重新评价' : '评价活动'}
            </Button>
          )}
        </View>
      )}
      {open === 'correct' && (
        <CorrectionForm
          e={e}
          onClose={() => setOpen(null)}
          onDone={() => {
            setOpen(null);
            onChanged(`已提交更正申请：${e.title}。负责人处理后，结果显示在下面的“我的更正申请”里。`);
          }}
        />
      )}
      {open === 'rate' && (
        <RateForm
          e={e}
          onClose={() => setOpen(null)}
          onDone={() => {
            setOpen(null);
            setRated(true);
            onChanged(`谢谢您的评价：${e.title}`);
          }}
        />
      )}
    </View>
  );
}

function CorrectionItem({ c }: { c: Correction }) {
  const s = CORRECTION_STATE[c.status];
  return (
    <View className='vr-entry vr-correction' data-correction-id={c.id}>
      <View className='vr-entry__head'>
        <Text className='vr-entry__title'>{c.title}</Text>
        <Tag tone={s.tone}>{s.label}</Tag>
      </View>
      <Text className='rp-text'>
        原记录 {hoursText(c.hoursBefore)} 小时{c.hoursAsked !== null ? `，申请改为 ${hoursText(c.hoursAsked)} 小时` : ''}
      </Text>
      <Text className='rp-muted'>我的理由：{c.reason}</Text>
      {c.status === 'accepted' && c.hoursAfter !== null && <Text className='rp-text vr-correction__result'>已更正为 {hoursText(c.hoursAfter)} 小时</Text>}
      {c.answer && <Text className='rp-text vr-correction__answer'>负责人答复：{c.answer}</Text>}
    </View>
  );
}

function RecordView({ r, reload }: { r: Record; reload: () => Promise<unknown> }) {
  const [outcome, setOutcome] = useState<string | null>(null);
  const changed = (line: string) => {
    setOutcome(line);
    markStale();
    void reload();
  };
  return (
    <>
      <StarsCard r={r} />
      <Totals r={r} />
      <View className='rp-section'>
        <Button className='rp-btn vr-certificates' onClick={() => go(CERTIFICATES_PAGE)}>
          申请志愿服务证明
        </Button>
      </View>
      {outcome && (
        <View className='rp-done vr-outcome'>
          <Text className='rp-text'>{outcome}</Text>
        </View>
      )}
      {r.pendingMakeups.length > 0 && (
        <View className='rp-section vr-pending'>
          <Text className='rp-title'>待审核的补录（{r.pendingMakeups.length}）</Text>
          {r.pendingMakeups.map((m) => (
            <View key={m.id} className='vr-entry'>
              <View className='vr-entry__head'>
                <Text className='vr-entry__title'>{m.title}</Text>
                <Text className='vr-entry__hours'>{hoursText(m.hours)} 小时</Text>
              </View>
              <Text className='rp-muted'>补录原因：{m.reason}</Text>
              <Text className='rp-muted'>由 {m.enteredBy} 录入，等另一位负责人审核</Text>
            </View>
          ))}
        </View>
      )}
      <View className='rp-section vr-entries'>
        <Text className='rp-title'>服务记录（{r.entries.length}）</Text>
        {r.entries.length === 0 ? (
          <Empty
            title='还没有志愿服务记录'
            hint='在“志愿”页报名参加活动，到场扫码签到签退，负责人确认时长后就会记在这里。'
            action={
              <Button className='rp-btn' onClick={() => go(ROUTES.volunteer)}>
                去看看活动
              </Button>
            }
          />
        ) : (
          r.entries.map((e) => <EntryItem key={`${e.kind}|${e.id}|${e.hours}|${e.correctionOpen}`} e={e} onChanged={changed} />)
        )}
        {r.entries.length > 0 && <Text className='rp-muted'>对记录有疑问，点“有疑问”写明理由，组织活动的负责人会核实并答复。</Text>}
      </View>
      {r.corrections.length > 0 && (
        <View className='rp-section vr-corrections'>
          <Text className='rp-title'>我的更正申请</Text>
          {r.corrections.map((c) => (
            <CorrectionItem key={c.id} c={c} />
          ))}
        </View>
      )}
    </>
  );
}

export default function RecordPage() {
  const { state, reload } = useRemote(() => call('volunteer', 'record.mine', {}));
  return (
    <PageShell onRefresh={reload}>
      <View className='rp-body vr-page'>
        {state.status === 'loading' && <Loading />}
        {state.status === 'error' && <ErrorState message={state.error.message} onRetry={() => void reload()} />}
        {state.status === 'ok' && <RecordView r={state.data} reload={reload} />}
      </View>
    </PageShell>
  );
}

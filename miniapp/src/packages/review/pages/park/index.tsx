// 三评议 · 园区 (review park.get / park.open / park.completion): the park admin opens the year's review —
// the rating window (China days) and who rates whom: each enterprise's leaders (people working there)
// and each branch's committee besides its secretaries — and follows completion per branch (counts
// only: no member's result is listed or ranked here). Opening again changes the setup, ratings stay.
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { ActionOutput } from '@shared/contract';
import { chinaDateString } from '@shared/time';
import { BusyButton } from '../../../../components/BusyButton';
import { DatePick } from '../../../../components/Pickers';
import { PageShell } from '../../../../components/PageShell';
import { Empty, ErrorState, Loading } from '../../../../components/States';
import { markStale, useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { go } from '../../../../services/nav';
import { ErrorLines } from '../../../ui';
import { useSubmit } from '../../../ui/form';
import { REV, reviewYearNow, windowLabel, withQuery } from '../../common/area';
import '../../common/review.scss';

type Setup = ActionOutput<'review', 'park.get'>;
type Completion = ActionOutput<'review', 'park.completion'>;

const toggle = (list: string[], id: string) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);
const pct = (n: number, of: number) => (of ? `${Math.round((n / of) * 100)}%` : '—');

function Chips({ people, chosen, onToggle, cls }: { people: Array<{ id: string; name: string }>; chosen: string[]; onToggle: (id: string) => void; cls: string }) {
  return (
    <View className='rv-chips'>
      {people.map((p) => (
        <Text key={p.id} className={`rv-chip ${cls}${chosen.includes(p.id) ? ' rv-chip--on' : ''}`} onClick={() => onToggle(p.id)}>
          {chosen.includes(p.id) ? '✓ ' : ''}
          {p.name}
        </Text>
      ))}
    </View>
  );
}

function SetupForm({ s, year, onSaved }: { s: Setup; year: string; onSaved: () => void }) {
  const [from, setFrom] = useState(s.review?.from ?? `${year}-12-01`);
  const [until, setUntil] = useState(s.review?.until ?? `${year}-12-31`);
  const [leaders, setLeaders] = useState<Record<string, string[]>>(Object.fromEntries(s.enterprises.map((e) => [e.id, e.leaders])));
  const [committees, setCommittees] = useState<Record<string, string[]>>(Object.fromEntries(s.branches.map((b) => [b.id, b.committee])));
  const [openEnt, setOpenEnt] = useState<string | null>(null);
  const [openBranch, setOpenBranch] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const { busy, error, submit } = useSubmit();
  const names = new Map([...s.enterprises.flatMap((e) => e.people), ...s.branches.flatMap((b) => b.members)].map((p) => [p.id, p.name]));
  const save = async () => {
    const r = await submit(from && until ? null : '请选择评议的开始和结束日期', () =>
      call('review', 'park.open', {
        year, from, until,
        leaders: Object.entries(leaders).filter(([, ids]) => ids.length).map(([enterpriseId, personIds]) => ({ enterpriseId, personIds })),
        committees: Object.entries(committees).filter(([, ids]) => ids.length).map(([branchId, personIds]) => ({ branchId, personIds })),
      }),
    );
    if (!r) return;
    markStale();
    setSaved(`${year}年度三评议已${s.review ? '更新' : '开启'}，评议时间 ${windowLabel(r.review)}。`);
    onSaved();
  };
  return (
    <>
      <View className='rp-section rv-park__window'>
        <Text className='rp-title'>评议时间</Text>
        <View className='rv-dates'>
          <DatePick className='rv-park__from' value={from} onChange={setFrom} />
          <Text className='rp-text'>至</Text>
          <DatePick className='rv-park__until' value={until} onChange={setUntil} />
        </View>
        <Text className='rp-muted'>按北京时间，开始日 0 点到结束日 24 点之间可以评议。</Text>
      </View>
      <View className='rp-section rv-park__leaders'>
        <Text className='rp-title'>企业领导评议</Text>
        <Text className='rp-muted'>为每家企业选定评议的领导（最多 5 位）。同一企业的其他职工作为同事参加评议。</Text>
        {s.enterprises.length === 0 && <Text className='rp-text'>园区还没有企业。请先在“园区管理 · 企业”里添加。</Text>}
        {s.enterprises.map((e) => (
          <View key={e.id} className='rv-row rv-park__ent' data-enterprise={e.name}>
            <View className='rv-row__head' onClick={() => setOpenEnt(openEnt === e.id ? null : e.id)}>
              <Text className='rv-row__name'>{e.name}</Text>
              <Text className='rp-link'>{openEnt === e.id ? '收起' : '选择'}</Text>
            </View>
            <Text className='rv-row__line'>领导：{(leaders[e.id] ?? []).map((id) => names.get(id) ?? '').filter(Boolean).join('、') || '未选定'}</Text>
            {openEnt === e.id &&
              (e.people.length ? (
                <Chips people={e.people} chosen={leaders[e.id] ?? []} cls='rv-park__leader' onToggle={(id) => setLeaders({ ...leaders, [e.id]: toggle(leaders[e.id] ?? [], id) })} />
              ) : (
                <Text className='rp-muted'>名册上还没有这家企业的人员。</Text>
              ))}
          </View>
        ))}
      </View>
      <View className='rp-section rv-park__committees'>
        <Text className='rp-title'>党支部评议</Text>
        <Text className='rp-muted'>支部书记都参加评议；可再选定支委（最多 9 位）。</Text>
        {s.branches.map((b) => (
          <View key={b.id} className='rv-row rv-park__branch' data-branch={b.name}>
            <View className='rv-row__head' onClick={() => setOpenBranch(openBranch === b.id ? null : b.id)}>
              <Text className='rv-row__name'>{b.name}</Text>
              <Text className='rp-link'>{openBranch === b.id ? '收起' : '选择支委'}</Text>
            </View>
            <Text className='rv-row__line'>
              书记：{b.secretaries.map((p) => p.name).join('、') || '未设'}
              {(committees[b.id] ?? []).length ? ` · 支委：${(committees[b.id] ?? []).map((id) => names.get(id) ?? '').filter(Boolean).join('、')}` : ''}
            </Text>
            {openBranch === b.id && <Chips people={b.members} chosen={committees[b.id] ?? []} cls='rv-park__member' onToggle={(id) => setCommittees({ ...committees, [b.id]: toggle(committees[b.id] ?? [], id) })} />}
          </View>
        ))}
      </View>
      <View className='rp-section'>
        {saved && (
          <View className='rp-done rv-park__saved'>
            <Text className='rp-text'>{saved}</Text>
          </View>
        )}
        <ErrorLines error={error} />
        <BusyButton className='rp-btn rv-park__save' busy={busy} busyText='正在保存…' onClick={save}>
          {s.review ? '保存修改' : `开启${year}年度三评议`}
        </BusyButton>
      </View>
    </>
  );
}

function CompletionView({ c }: { c: Completion }) {
  if (!c.review) return null;
  const total = c.branches.reduce((n, b) => n + b.members, 0);
  const rated = c.branches.reduce((n, b) => n + b.rated, 0);
  const decided = c.branches.reduce((n, b) => n + b.decided, 0);
  return (
    <View className='rp-section rv-park__completion'>
      <Text className='rp-title'>完成情况</Text>
      <Text className='rv-summary'>
        全园区 {total} 名党员：评议完成 {rated} 人（{pct(rated, total)}），支部已评定 {decided} 人
      </Text>
      {c.branches.map((b) => (
        <View key={b.branchId} className='rv-row rv-park__progress' data-branch={b.name} onClick={() => go(withQuery(REV.branch, { branchId: b.branchId, year: c.review!.year }))}>
          <Text className='rv-row__name'>{b.name}</Text>
          <Text className='rv-row__line'>
            {b.members} 名党员 · 评议完成 {b.rated} 人 · 已开始 {b.started} 人 · 已评定 {b.decided} 人（优秀 {b.excellent}）
          </Text>
          <View className='rv-bar'>
            <View className='rv-bar__fill' style={{ width: pct(b.rated, b.members) === '—' ? '0%' : pct(b.rated, b.members) }} />
          </View>
        </View>
      ))}
    </View>
  );
}

export default function ReviewParkPage() {
  const year = reviewYearNow(chinaDateString(new Date()));
  const setup = useRemote(() => call('review', 'park.get', { year }));
  const completion = useRemote(() => call('review', 'park.completion', { year }));
  const s = setup.state;
  return (
    <PageShell onRefresh={async () => { await Promise.all([setup.reload(), completion.reload()]); }}>
      <View className='rp-body rv-park'>
        <View className='rp-section'>
          <Text className='rp-title rv-head'>{year}年度三评议</Text>
          <Text className='rp-muted'>企业领导评议、企业职工评议、党支部评议。评议不记名；每个支部评为优秀的不超过党员人数的三分之一；个人结果只有本人和支部看得到，不做排名。</Text>
        </View>
        {completion.state.status === 'ok' && <CompletionView c={completion.state.data} />}
        {s.status === 'loading' && <Loading />}
        {s.status === 'error' &&
          (s.error.code === 'FORBIDDEN' ? <Empty title='这里是园区党委管理员的页面' hint='需要您评议的同志在首页的待办里。' /> : <ErrorState message={s.error.message} onRetry={() => void setup.reload()} />)}
        {s.status === 'ok' && (
          <SetupForm
            s={s.data}
            year={year}
            onSaved={() => {
              void completion.reload();
              void setup.reload();
            }}
          />
        )}
      </View>
    </PageShell>
  );
}

// 数据看板 (issue 19): the year at a glance for a secretary (their branch; ?branchId= from the park's list) or the
// park admin (?scope=park): 覆盖率, study completion by month, 三会一课, volunteer hours by month, 履诺率, points per
// member, and for the park the branches falling behind, each opening that branch's board. ledger.dashboard.get
// gives the numbers; every chart (@antv/f2, chart.tsx) has them as a table beneath, and in 大字模式 only the table
// is shown. A subpackage of its own, so the chart library never reaches the main package.
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ActionOutput, Branch } from '@shared/contract';
import { COLOUR_LABELS } from '@shared/compliance';
import { chinaDateString, chinaFormat } from '@shared/time';
import { PageShell } from '../../../../components/PageShell';
import { ErrorState, Loading } from '../../../../components/States';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { go } from '../../../../services/nav';
import { SubNav, Tag } from '../../../ui';
import { ADMIN_NAV } from '../../../admin/common/area';
import { type RefreshSlot, SecretaryFrame, useRefreshSlot } from '../../../secretary/common/frame';
import { F2Chart, type Point } from './chart';
import './index.scss';

type Board = ActionOutput<'ledger', 'dashboard.get'>;
export const DASHBOARD = '/packages/dashboard/pages/index/index';
export const PARK_DASHBOARD = '/packages/dashboard/pages/index/index?scope=park';
const TONE = { green: 'green', yellow: 'gold', red: 'red' } as const;
const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);
const monthLabel = (m: string) => `${Number(m.slice(5, 7))}月`;

/** A chart's numbers; `notes` (one per row) go on a full-width line under their row, so a long 说明 never squeezes the columns. */
function Table({ head, rows, notes, empty }: { head: string[]; rows: Array<Array<string | number>>; notes?: string[]; empty: string }) {
  if (!rows.length) return <Text className='rp-muted dash-empty'>{empty}</Text>;
  return (
    <View className='dash-table'>
      <View className='dash-table__row dash-table__row--head'>
        {head.map((h) => <Text key={h} className='dash-table__cell'>{h}</Text>)}
      </View>
      {rows.map((r, i) => (
        <View key={i} className='dash-table__row'>
          {r.map((c, j) => <Text key={j} className='dash-table__cell'>{String(c)}</Text>)}
          {notes?.[i] && <Text className='rp-muted dash-table__note'>{notes[i]}</Text>}
        </View>
      ))}
    </View>
  );
}

function Figure({ label, value, hint }: { label: string; value: string; hint: string }) {
  return (
    <View className='dash-figure'>
      <Text className='dash-figure__value'>{value}</Text>
      <Text className='dash-figure__label'>{label}</Text>
      <Text className='rp-muted dash-figure__hint'>{hint}</Text>
    </View>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <View className='rp-section dash-section'>
      <Text className='rp-title'>{title}</Text>
      {children}
    </View>
  );
}

export function Board({ d }: { d: Board }) {
  const park = d.scope === 'park';
  const studyDue = d.study.filter((s) => s.due > 0);
  const studyPoints: Point[] = studyDue.map((s) => ({ label: monthLabel(s.month), value: Math.round((s.done / s.due) * 100) }));
  const hourPoints: Point[] = d.hours.map((h) => ({ label: monthLabel(h.month), value: h.hours }));
  const totalHours = Math.round(d.hours.reduce((s, h) => s + h.hours, 0) * 10) / 10;
  const topPoints: Point[] = d.points.slice(0, 8).map((p) => ({ label: p.name.length > 6 ? `${p.name.slice(0, 5)}…` : p.name, value: p.points }));
  return (
    <View className='dash'>
      <View className='dash-figures'>
        {park
          ? <Figure label='企业党组织覆盖率' value={pct(d.coverage.rate)} hint={`${d.coverage.total} 家企业中 ${d.coverage.covered} 家已建立或纳入党组织`} />
          : <Figure label='使用覆盖率' value={pct(d.bound.people ? d.bound.bound / d.bound.people : null)} hint={`名册 ${d.bound.people} 人中 ${d.bound.bound} 人已绑定微信`} />}
        <Figure label='履诺率' value={pct(d.pledges.rate)} hint={d.pledges.due ? `到期承诺 ${d.pledges.due} 项，已践诺 ${d.pledges.fulfilled} 项` : '今年还没有到期的承诺'} />
        <Figure label='志愿服务时长' value={`${totalHours} 小时`} hint={`${d.year}年已确认的时长`} />
      </View>

      {park && (
        <Section title='需要关注的支部'>
          {d.behind.length === 0 && <Text className='rp-muted dash-empty'>各支部三会一课、学习和承诺都在正常进度，暂时没有需要关注的支部。</Text>}
          {d.behind.map((b) => (
            <View key={b.branchId} className={`dash-behind dash-behind--${b.colour}`} data-branch={b.name} onClick={() => go(`${DASHBOARD}?branchId=${encodeURIComponent(b.branchId)}`)}>
              <View className='dash-behind__head'>
                <Text className='dash-behind__name'>{b.name}</Text>
                <Tag tone={TONE[b.colour]}>{COLOUR_LABELS[b.colour]}</Tag>
              </View>
              {b.reasons.map((r) => <Text key={r} className='rp-text dash-behind__reason'>{r}</Text>)}
              <Text className='dash-behind__more'>查看支部看板 ›</Text>
            </View>
          ))}
        </Section>
      )}

      <Section title='每月学习完成率'>
        {studyPoints.length > 0 && <F2Chart data={studyPoints} unit='%' />}
        <Table head={['月份', '完成/应学', '完成率']} rows={studyDue.map((s) => [monthLabel(s.month), `${s.done}/${s.due}`, pct(s.done / s.due)])} empty='今年还没有学习专题。发布专题后，这里按月显示党员的完成情况。' />
      </Section>

      <Section title='三会一课'>
        {park ? (
          <Table head={['情况', '支部数']} rows={[['达标', d.compliance.branches.green], ['需关注', d.compliance.branches.yellow], ['未达标', d.compliance.branches.red]]} empty='' />
        ) : (
          <Table head={['项目', '情况']} rows={d.compliance.items.map((i) => [i.label, COLOUR_LABELS[i.colour]])} notes={d.compliance.items.map((i) => i.text)} empty='' />
        )}
      </Section>

      <Section title='每月志愿服务时长（小时）'>
        {d.hours.some((h) => h.hours > 0) && <F2Chart data={hourPoints} kind='line' />}
        <Table head={['月份', '时长（小时）']} rows={d.hours.filter((h) => h.hours > 0).map((h) => [monthLabel(h.month), h.hours])} empty='今年还没有确认的志愿服务时长。' />
      </Section>

      <Section title={park ? '各支部党员人均积分' : '党员积分'}>
        {d.points.some((p) => p.points > 0) && <F2Chart data={topPoints} />}
        <Table head={[park ? '支部' : '姓名', park ? '人均积分' : '积分']} rows={d.points.map((p) => [p.name, p.points])} empty={park ? '园区还没有党员。' : '支部还没有党员。'} />
      </Section>
    </View>
  );
}

function Remote({ branchId, slot }: { branchId?: string; slot?: RefreshSlot }) {
  const year = chinaDateString(new Date()).slice(0, 4);
  const { state, reload } = useRemote(() => call('ledger', 'dashboard.get', branchId ? { branchId, year } : { year }));
  if (slot) slot.current = reload;
  return (
    <>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorState message={state.error.message} onRetry={reload} />}
      {state.status === 'ok' && (
        <>
          <Text className='rp-muted dash-year'>{state.data.name} · {state.data.year}年</Text>
          {state.data.countedAt && <Text className='rp-muted dash-counted'>数据统计于 {chinaFormat(new Date(state.data.countedAt), 'M月D日 HH:mm')}，每 5 分钟更新一次</Text>}
          <Board d={state.data} />
        </>
      )}
    </>
  );
}

export default function DashboardPage() {
  const slot = useRefreshSlot();
  if (useRouter().params.scope === 'park') {
    return (
      <PageShell onRefresh={async () => slot.current?.()}>
        <SubNav items={ADMIN_NAV} current={PARK_DASHBOARD} />
        <View className='rp-body'>
          <Remote slot={slot} />
        </View>
      </PageShell>
    );
  }
  return <SecretaryFrame current={DASHBOARD} slot={slot}>{({ branch }: { branch: Branch }) => <Remote branchId={branch.id} />}</SecretaryFrame>;
}

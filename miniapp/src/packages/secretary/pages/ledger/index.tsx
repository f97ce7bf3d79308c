// 台账 (issue 19): the branch's 三会一课 达标情况 this year (ledger.compliance.branch: each requirement of 支部工作条例
// with its colour and what was missed, in words), 补记会议 (a meeting that was held but never scheduled here), and
// 导出台账: a month, quarter or year as an Excel workbook (the record book, attendance, study, volunteer hours,
// points, 花名册), opened in WeChat or downloaded in H5. A park admin exports the whole park on 园区管理 · 台账.
import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { Branch, ActionOutput } from '@shared/contract';
import { COLOUR_LABELS } from '@shared/compliance';
import { periodLabel } from '@shared/periods';
import { chinaDateString } from '@shared/time';
import { BusyButton } from '../../../../components/BusyButton';
import { PageShell } from '../../../../components/PageShell';
import { Empty, ErrorState, Loading } from '../../../../components/States';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { openExport } from '../../../../services/download';
import { go } from '../../../../services/nav';
import { ErrorLines, SubNav, Tag } from '../../../ui';
import { ADMIN_NAV, PARK_LEDGER } from '../../../admin/common/area';
import { Choice, useSubmit } from '../../../ui/form';
import { SEC } from '../../common/area';
import { type RefreshSlot, SecretaryFrame, useRefreshSlot } from '../../common/frame';
import './index.scss';

type Compliance = ActionOutput<'ledger', 'compliance.branch'>;
const TONE = { green: 'green', yellow: 'gold', red: 'red' } as const;

export function ComplianceTable({ c }: { c: Compliance }) {
  return (
    <View className='ledger-compliance' data-colour={c.colour}>
      {c.items.map((i) => (
        <View key={i.key} className={`ledger-compliance__row ledger-compliance__row--${i.colour}`} data-key={i.key}>
          <View className='ledger-compliance__head'>
            <Text className='ledger-compliance__label'>{i.label}</Text>
            <Tag tone={TONE[i.colour]}>{COLOUR_LABELS[i.colour]}</Tag>
          </View>
          <Text className='rp-muted'>
            {i.rule} · 今年已召开 {i.held} 次
          </Text>
          <Text className='rp-text ledger-compliance__text'>{i.text}</Text>
        </View>
      ))}
    </View>
  );
}

/** The periods offered: this month and the two before, this quarter and the one before, this year and last year. */
export function periodChoices(today: string): Array<{ key: string; label: string }> {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const month = (back: number) => {
    const d = new Date(Date.UTC(y, m - 1 - back, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  };
  const q = Math.floor((m - 1) / 3) + 1;
  const quarters = [`${y}-Q${q}`, q > 1 ? `${y}-Q${q - 1}` : `${y - 1}-Q4`];
  return [month(0), month(1), quarters[0]!, quarters[1]!, String(y), String(y - 1)].map((key) => ({ key, label: periodLabel(key) }));
}

export function ExportBox({ branchId, title }: { branchId?: string; title: string }) {
  const today = chinaDateString(new Date());
  const choices = periodChoices(today);
  const [period, setPeriod] = useState(choices[2]!.key);
  const [split, setSplit] = useState<'one' | 'perBranch'>('one');
  const [done, setDone] = useState<string[]>([]);
  const [progress, setProgress] = useState('');
  const { busy, error, setError, submit } = useSubmit();
  const run = async () => {
    setDone([]);
    const r = await submit(null, async () => {
      // A large park's export comes in steps: continue until it is done, saying how far it got.
      let res = await call('ledger', 'export.create', { ...(branchId ? { branchId } : { split }), period });
      while (res.ok && res.data.job) {
        setProgress(`已完成 ${res.data.job.done}/${res.data.job.total} 步`);
        res = await call('ledger', 'export.continue', { jobId: res.data.job.id });
      }
      return res;
    });
    setProgress('');
    if (!r) return;
    const said: string[] = [];
    for (const f of r.files.slice(0, 10)) {
      try {
        said.push(await openExport(f.url, f.name));
      } catch (e) {
        setError(e instanceof Error ? e.message : '下载失败，请稍后再试');
      }
    }
    if (r.files.length > 10) said.push(`共 ${r.files.length} 个文件，已下载前 10 个；需要全部时请导出为一个文件`);
    setDone(said);
  };
  return (
    <View className='rp-section ledger-export'>
      <Text className='rp-title'>{title}</Text>
      <Text className='rp-muted'>Excel 文件，含达标情况、三会一课记录本、会议考勤、学习记录、志愿服务时长、积分台账和花名册，可直接打印（A4，带页码）。手机号按规定隐去中间四位。</Text>
      <View className='ledger-export__periods'>
        {choices.map((c) => (
          <Choice key={c.key} className={`ledger-export__period ledger-export__period--${c.key}`} on={period === c.key} title={c.label} onClick={() => setPeriod(c.key)} />
        ))}
      </View>
      {!branchId && (
        <View className='ledger-export__split'>
          <Choice on={split === 'one'} title='全园区一个文件' hint='每张表里按支部排列' onClick={() => setSplit('one')} />
          <Choice on={split === 'perBranch'} title='每个支部一个文件' onClick={() => setSplit('perBranch')} />
        </View>
      )}
      <ErrorLines error={error} />
      <BusyButton className='rp-btn ledger-export__go' busy={busy} busyText={`正在生成，请稍候…${progress}`} onClick={run}>
        导出{periodLabel(period)}台账
      </BusyButton>
      {done.map((d) => (
        <Text key={d} className='rp-text ledger-export__done'>
          {d}
        </Text>
      ))}
    </View>
  );
}

function Ledger({ branch, slot }: { branch: Branch; slot: RefreshSlot }) {
  const year = chinaDateString(new Date()).slice(0, 4);
  const { state, reload } = useRemote(() => call('ledger', 'compliance.branch', { branchId: branch.id, year }));
  slot.current = reload;
  return (
    <>
      <View className='rp-section'>
        <Text className='rp-title'>{year}年三会一课达标情况</Text>
        {state.status === 'loading' && <Loading />}
        {state.status === 'error' && <ErrorState message={state.error.message} onRetry={reload} />}
        {state.status === 'ok' && <ComplianceTable c={state.data} />}
        <Text className='rp-muted ledger-rule'>按《支部工作条例》：主题党日、支委会、党小组会每月一次，党员大会、党课每季度一次，组织生活会和民主评议每年一次。已过去的月份（季度）没有召开即计为未召开。</Text>
        <Button className='rp-btn rp-btn--ghost ledger-backfill' onClick={() => go(`${SEC.record}?branchId=${encodeURIComponent(branch.id)}`)}>
          补记已开过的会议
        </Button>
      </View>
      <ExportBox branchId={branch.id} title='导出台账' />
    </>
  );
}

/** 园区管理 · 台账 (?scope=park, park admins): every branch's 达标情况, worst first, each opening its 台账; the park's export. */
function ParkLedger() {
  const year = chinaDateString(new Date()).slice(0, 4);
  const { state, reload } = useRemote(() => call('ledger', 'compliance.park', { year }));
  const [open, setOpen] = useState<string | null>(null);
  return (
    <PageShell onRefresh={reload}>
      <SubNav items={ADMIN_NAV} current={PARK_LEDGER} />
      <View className='rp-body'>
        <View className='rp-section'>
          <Text className='rp-title'>{year}年各支部三会一课达标情况</Text>
          {state.status === 'loading' && <Loading />}
          {state.status === 'error' && <ErrorState message={state.error.message} onRetry={reload} />}
          {state.status === 'ok' && state.data.branches.length === 0 && <Empty title='园区还没有支部' hint='在“支部”里新建支部后，这里会显示各支部的达标情况。' />}
          {state.status === 'ok' &&
            state.data.branches.map((b) => (
              <View key={b.branchId} className={`ledger-branch ledger-branch--${b.colour}`} data-branch={b.name}>
                <View className='ledger-compliance__head' onClick={() => setOpen(open === b.branchId ? null : b.branchId)}>
                  <Text className='ledger-compliance__label'>{b.name}</Text>
                  <Tag tone={TONE[b.colour]}>{COLOUR_LABELS[b.colour]}</Tag>
                </View>
                <Text className='rp-muted'>
                  {b.items.filter((i) => i.colour !== 'green').map((i) => `${i.label}：${i.text}`).join('；') || '各项都已按要求召开'}
                </Text>
                {open === b.branchId && <ComplianceTable c={b} />}
                <View className='rp-row-actions'>
                  <Button className='rp-btn rp-btn--ghost rp-btn--inline' onClick={() => setOpen(open === b.branchId ? null : b.branchId)}>
                    {open === b.branchId ? '收起' : '逐项看'}
                  </Button>
                  <Button className='rp-btn rp-btn--ghost rp-btn--inline' onClick={() => go(`${SEC.ledger}?branchId=${encodeURIComponent(b.branchId)}`)}>
                    支部台账
                  </Button>
                </View>
              </View>
            ))}
        </View>
        <ExportBox title='导出全园区台账' />
      </View>
    </PageShell>
  );
}

export default function LedgerPage() {
  const slot = useRefreshSlot();
  if (useRouter().params.scope === 'park') return <ParkLedger />;
  return <SecretaryFrame current={SEC.ledger} slot={slot}>{({ branch }) => <Ledger branch={branch} slot={slot} />}</SecretaryFrame>;
}

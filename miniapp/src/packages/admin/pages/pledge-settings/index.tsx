// 园区管理 · 承诺 (pledge settings.get / settings.update, park admins): how many 年度承诺 a member writes a year
// (最少–最多, default 2–5; 即时承诺 do not count; the maximum is enforced when writing, the minimum is shown to the
// member), the 评诺 window every year (from–to, month and day on the date wheel, default 12月1日–12月31日) and how
// many ratings one person may give a day (default 20). Saved as one; the function checks it all again.
import { useState } from 'react';
import { Input, Picker, Text, View } from '@tarojs/components';
import type { ActionOutput, ApiError, ApiReply } from '@shared/contract';
import { DEFAULT_PLEDGE_SETTINGS, type PledgeSettings } from '@shared/contract/pledge';
import { AdminFrame } from '../../common/frame';
import { BusyButton } from '../../../../components/BusyButton';
import { Empty } from '../../../../components/States';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { validate } from '../../../../services/validate';
import { ADMIN } from '../../common/area';
import { ErrorLines, Field } from '../../../ui';
import { useSubmit } from '../../../ui/form';
import '../../../../components/Pickers/index.scss';
import './index.scss';

type Loaded = ActionOutput<'pledge', 'settings.get'> & { admin: boolean };

/** The settings, and whether I may change them (anyone of the park may read them; only a park admin saves). */
async function load(): Promise<ApiReply<Loaded>> {
  const [me, s] = await Promise.all([call('user', 'me', {}), call('pledge', 'settings.get', {})]);
  if (!me.ok) return me;
  if (!s.ok) return s;
  return { ok: true, data: { ...s.data, admin: !!me.data.person?.roles.includes('parkAdmin') } };
}

/** A leap year, so that the wheel offers every day a window may start or end on (2月29日 too). */
const WHEEL_YEAR = '2028';
/** "12月1日" from "12-01". */
const monthDayFace = (md: string) => `${Number(md.slice(0, 2))}月${Number(md.slice(3, 5))}日`;

/** A month and day (every year) on the platform's date wheel; the year column is fixed. */
function MonthDayPick({ value, onChange, className }: { value: string; onChange: (md: string) => void; className: string }) {
  return (
    <Picker
      mode='date'
      value={`${WHEEL_YEAR}-${value}`}
      start={`${WHEEL_YEAR}-01-01`}
      end={`${WHEEL_YEAR}-12-31`}
      textProps={{ okText: '确定', cancelText: '取消' }}
      onChange={(e) => onChange(String(e.detail.value).slice(5, 10))}
    >
      <View className={`rp-pick ${className}`}>
        <Text>{monthDayFace(value)}</Text>
        <Text className='rp-pick__arrow'>▾</Text>
      </View>
    </Picker>
  );
}

type Numbers = Record<'minPerYear' | 'maxPerYear' | 'ratingDailyLimit', string>;

function Editor({ initial }: { initial: Loaded }) {
  const [nums, setNums] = useState<Numbers>({
    minPerYear: String(initial.settings.minPerYear),
    maxPerYear: String(initial.settings.maxPerYear),
    ratingDailyLimit: String(initial.settings.ratingDailyLimit),
  });
  const [win, setWin] = useState({ ratingFrom: initial.settings.ratingFrom, ratingTo: initial.settings.ratingTo });
  const [saved, setSaved] = useState(initial.saved);
  const [done, setDone] = useState(false);
  const { busy, error, submit } = useSubmit();
  const num = (k: keyof Numbers) => (
    <Input
      className={`rp-input ps-${k}`}
      type='number'
      value={nums[k]}
      maxlength={3}
      onInput={(e) => {
        setDone(false);
        setNums({ ...nums, [k]: e.detail.value });
      }}
    />
  );
  const save = async () => {
    const asInt = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : NaN);
    const settings: PledgeSettings = { minPerYear: asInt(nums.minPerYear), maxPerYear: asInt(nums.maxPerYear), ratingDailyLimit: asInt(nums.ratingDailyLimit), ...win };
    const problem = [settings.minPerYear, settings.maxPerYear, settings.ratingDailyLimit].some(Number.isNaN) ? '项数和次数请填整数' : validate('pledge', 'settings.update', { settings });
    setDone(false);
    const r = await submit(problem, () => call('pledge', 'settings.update', { settings }));
    if (!r) return;
    setSaved(true);
    setDone(true);
  };
  const d = DEFAULT_PLEDGE_SETTINGS;
  return (
    <>
      <View className='rp-section ps-count'>
        <Text className='rp-title'>每名党员每年的年度承诺</Text>
        <Text className='rp-muted'>
          默认 {d.minPerYear}–{d.maxPerYear} 项。即时承诺（急难险重任务中的承诺）不占项数。超过最多项数就不能再写；少于最少项数时，党员会看到还需写几项。
        </Text>
        <View className='ps-row'>
          <View className='ps-cell'>
            <Field label='最少（项）'>{num('minPerYear')}</Field>
          </View>
          <View className='ps-cell'>
            <Field label='最多（项）'>{num('maxPerYear')}</Field>
          </View>
        </View>
      </View>
      <View className='rp-section ps-window'>
        <Text className='rp-title'>评诺时间（每年）</Text>
        <Text className='rp-muted'>同事在这段时间里给已践诺的承诺评价（满意、基本满意、不满意）。默认每年 12 月。</Text>
        <View className='ps-row'>
          <View className='ps-cell'>
            <Field label='开始'>
              <MonthDayPick className='ps-from' value={win.ratingFrom} onChange={(ratingFrom) => {
                  setDone(false);
                  setWin({ ...win, ratingFrom });
                }} />
            </Field>
          </View>
          <View className='ps-cell'>
            <Field label='结束（含当天）'>
              <MonthDayPick className='ps-to' value={win.ratingTo} onChange={(ratingTo) => {
                  setDone(false);
                  setWin({ ...win, ratingTo });
                }} />
            </Field>
          </View>
        </View>
      </View>
      <View className='rp-section ps-limit'>
        <Text className='rp-title'>每人每天最多评价</Text>
        <Text className='rp-muted'>防止刷评：一个人一天最多评价几项承诺。默认 {d.ratingDailyLimit} 项。</Text>
        <Field label='项数'>{num('ratingDailyLimit')}</Field>
      </View>
      <View className='rp-section'>
        <ErrorLines error={error as ApiError | string | null} />
        {done && <Text className='ps-saved'>已保存。</Text>}
        {!saved && <Text className='rp-muted ps-default'>还没有保存过，现在显示的是默认设置。</Text>}
        <BusyButton className='rp-btn ps-save' busy={busy} busyText='正在保存…' onClick={save}>
          保存承诺设置
        </BusyButton>
      </View>
    </>
  );
}

export default function PledgeSettingsPage() {
  const { state, reload } = useRemote(load);
  const [round, setRound] = useState(0);
  const refresh = async () => {
    await reload();
    setRound((n) => n + 1);
  };
  return (
    <AdminFrame current={ADMIN.pledgeSettings} state={state} reload={refresh}>
      {() =>
        state.status === 'ok' &&
        (state.data.admin ? (
          <Editor key={round} initial={state.data} />
        ) : (
          <Empty title='承诺设置由园区党委管理员修改' hint={`现在的设置：每年年度承诺 ${state.data.settings.minPerYear}–${state.data.settings.maxPerYear} 项；评诺时间每年${monthDayFace(state.data.settings.ratingFrom)}至${monthDayFace(state.data.settings.ratingTo)}。`} />
        ))}
    </AdminFrame>
  );
}

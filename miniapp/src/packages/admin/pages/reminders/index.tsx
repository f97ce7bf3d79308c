// 园区管理 · 提醒 (park admins): the park's quiet hours (免打扰时段, remind park.quiet) — start and end on the time
// wheels, checked as the function checks them (1 to 14 hours, shared/reminders.ts quietProblem) with the problem in
// words, saved, and what is now stored read back (settings.mine). The list of failed sends is on 我的 → 消息提醒.
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { ActionOutput, ApiError } from '@shared/contract';
import { DEFAULT_QUIET, QUIET_MAX_HOURS, QUIET_MIN_HOURS, quietProblem, quietText } from '@shared/reminders';
import { AdminFrame } from '../../common/frame';
import { BusyButton } from '../../../../components/BusyButton';
import { TimeRangePick } from '../../../../components/Pickers';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { ROUTES, go } from '../../../../services/nav';
import { ADMIN } from '../../common/area';
import { ErrorLines } from '../../../ui';
import { useSubmit } from '../../../ui/form';
import './index.scss';

type Quiet = ActionOutput<'remind', 'settings.mine'>['quiet'];

function Editor({ stored, onSaved }: { stored: Quiet; onSaved: () => Promise<unknown> }) {
  const [q, setQ] = useState<Quiet>(stored);
  const [done, setDone] = useState(false);
  const { busy, error, setError, submit } = useSubmit();
  const change = (p: Partial<Quiet>) => {
    const next = { ...q, ...p };
    setQ(next);
    setDone(false);
    // Said at once, before 保存: the same rule the function applies.
    setError(quietProblem(next));
  };
  const save = async () => {
    setDone(false);
    const r = await submit(quietProblem(q), () => call('remind', 'park.quiet', q));
    if (!r) return;
    await onSaved();
    setDone(true);
  };
  return (
    <>
      <View className='rp-section rq-now'>
        <Text className='rp-title'>免打扰时段</Text>
        <Text className='rq-now__text'>现在：{quietText(stored)}</Text>
        <Text className='rp-muted'>
          这段时间不给党员发微信提醒，留到结束后再发；当天取消的活动、候补转正等紧急提醒照常发。「学习」页的消息不受影响。
        </Text>
      </View>
      <View className='rp-section rq-edit'>
        <Text className='rp-title'>修改</Text>
        <TimeRangePick className='rq-range' start={q.quietStart} end={q.quietEnd} onStart={(t) => change({ quietStart: t })} onEnd={(t) => change({ quietEnd: t })} />
        {!quietProblem(q) && <Text className='rq-preview'>改后：{quietText(q)}</Text>}
        <Text className='rp-muted'>
          至少 {QUIET_MIN_HOURS} 小时，最长 {QUIET_MAX_HOURS} 小时；结束早于开始表示到第二天。默认 {DEFAULT_QUIET.quietStart} 到次日 {DEFAULT_QUIET.quietEnd}。
        </Text>
        <ErrorLines error={error as ApiError | string | null} />
        {done && <Text className='rq-saved'>已保存，现在是{quietText(stored)}。</Text>}
        <BusyButton className='rp-btn rq-save' busy={busy} busyText='正在保存…' onClick={save}>
          保存免打扰时段
        </BusyButton>
      </View>
      <View className='rp-section'>
        <Text className='rp-muted'>哪些提醒发送失败、为什么，在「我的 → 消息提醒 → 发送情况」。</Text>
        <BusyButton className='rp-btn rp-btn--ghost rq-failed' busy={false} onClick={() => go(ROUTES.memberReminders)}>
          查看发送情况
        </BusyButton>
      </View>
    </>
  );
}

export default function ReminderSettingsPage() {
  const { state, reload } = useRemote(() => call('remind', 'settings.mine', {}));
  const [round, setRound] = useState(0);
  const refresh = async () => {
    await reload();
    setRound((n) => n + 1);
  };
  return (
    <AdminFrame current={ADMIN.reminders} state={state} reload={refresh}>
      {() => state.status === 'ok' && <Editor key={round} stored={state.data.quiet} onSaved={reload} />}
    </AdminFrame>
  );
}

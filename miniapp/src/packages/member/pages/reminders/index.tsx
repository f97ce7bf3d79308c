// 我的 → 消息提醒: how many reminders can still come as WeChat messages (each 允许 in WeChat's prompt is one; the
// app counts them, WeChat does not say), 允许接收提醒 to give more, which kinds of reminder the person wants (the
// 学习 tab's messages keep every reminder either way), the park's quiet hours, and for the park admin the reminders
// WeChat refused to send and why.
import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { ActionOutput } from '@shared/contract';
import { PageShell } from '../../../../components/PageShell';
import { BusyButton } from '../../../../components/BusyButton';
import { Empty, ErrorState, Loading } from '../../../../components/States';
import { useRemote } from '../../../../hooks/useRemote';
import { api, call } from '../../../../services/api';
import { askConsent } from '../../../../services/subscribe';
import './index.scss';

type Settings = ActionOutput<'remind', 'settings.mine'>;

function Kinds({ settings, onChange }: { settings: Settings; onChange: (s: Settings) => void }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const toggle = async (kind: Settings['kinds'][number]['kind'], on: boolean) => {
    setBusy(kind);
    setError(null);
    const r = await call('remind', 'settings.set', { kind, on });
    setBusy(null);
    if (!r.ok) return setError(r.error.message);
    onChange(r.data);
  };
  return (
    <View className='rp-section reminders__kinds'>
      <Text className='rp-title'>想收到哪些提醒</Text>
      <Text className='rp-muted'>关掉的提醒不再发微信消息，但仍会放在「学习」页的消息里。</Text>
      {settings.kinds.map((k) => (
        <View key={k.kind} className='reminders__kind' data-kind={k.kind}>
          <Text className='reminders__label'>{k.label}</Text>
          <BusyButton className={`rp-btn reminders__switch${k.on ? '' : ' rp-btn--ghost'}`} busy={busy === k.kind} busyText='正在保存…' onClick={() => toggle(k.kind, !k.on)}>
            {k.on ? '已开启' : '已关闭'}
          </BusyButton>
        </View>
      ))}
      {error && <Text className='rp-error-text'>{error}</Text>}
    </View>
  );
}

function Failed() {
  const { state, reload } = useRemote(() => call('remind', 'errors.list', {}));
  if (state.status === 'loading') return <Loading text='正在加载发送情况…' />;
  if (state.status === 'error') return <ErrorState message={state.error.message} onRetry={reload} />;
  const { errors, counts } = state.data;
  return (
    <View className='rp-section reminders__failed'>
      <Text className='rp-title'>发送情况（园区管理员）</Text>
      <Text className='rp-text'>近 7 天：已发送 {counts.sent} 条，只在消息里 {counts.inboxOnly} 条，等待发送 {counts.waiting} 条，发送失败 {counts.failed} 条。</Text>
      {errors.length === 0 ? (
        <Text className='rp-muted'>没有发送失败的提醒。</Text>
      ) : (
        errors.map((e, i) => (
          <Text key={i} className='reminders__error'>
            {e.name} · {e.kind} · {e.title}：{e.reason}
          </Text>
        ))
      )}
    </View>
  );
}

export default function Reminders() {
  const me = useRemote(api.user.me);
  const settings = useRemote(() => call('remind', 'settings.mine', {}));
  const [fresh, setFresh] = useState<Settings | null>(null);
  const [asking, setAsking] = useState(false);
  const person = me.state.status === 'ok' ? me.state.data.person : null;
  const data = fresh ?? (settings.state.status === 'ok' ? settings.state.data : null);

  // The prompt must open from the tap itself: askConsent first, nothing awaited before it.
  const allow = () => {
    setAsking(true);
    void askConsent('settings').then(async () => {
      setFresh(null);
      await settings.reload();
      setAsking(false);
    });
  };

  return (
    <PageShell onRefresh={async () => (setFresh(null), await Promise.all([settings.reload(), me.reload()]))}>
      <View className='rp-body reminders'>
        {settings.state.status === 'loading' && <Loading />}
        {settings.state.status === 'error' && settings.state.error.code === 'NOT_BOUND' && (
          <Empty title='还没有绑定身份' hint='绑定后可以在这里设置消息提醒。' />
        )}
        {settings.state.status === 'error' && settings.state.error.code !== 'NOT_BOUND' && <ErrorState message={settings.state.error.message} onRetry={settings.reload} />}
        {data && (
          <>
            <View className='rp-section reminders__quota'>
              <Text className='reminders__left'>还可以收到 {data.left} 条微信提醒</Text>
              <Text className='rp-muted'>微信规定：每点一次「允许」，才能给您发一条提醒。次数用完后，提醒只放在「学习」页的消息里，不会漏掉。</Text>
              <Button className='rp-btn reminders__allow' disabled={asking} onClick={allow}>
                {asking ? '正在等待微信…' : '允许接收提醒'}
              </Button>
            </View>
            <Kinds settings={data} onChange={setFresh} />
            <View className='rp-section'>
              <Text className='rp-title'>免打扰时段</Text>
              <Text className='rp-text'>每天 {data.quiet.quietStart}–{data.quiet.quietEnd} 不发提醒，留到早上再发；当天取消的活动等紧急提醒除外。</Text>
            </View>
          </>
        )}
        {person?.roles.includes('parkAdmin') && <Failed />}
      </View>
    </PageShell>
  );
}

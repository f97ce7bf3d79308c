// 我的 → 消息提醒: how many reminders can still come as WeChat messages (each 允许 in WeChat's prompt is one; the
// app counts them, WeChat does not say), 允许接收提醒 to give more, which kinds of reminder the person wants (the
// 学习 tab's messages keep every reminder either way), the park's quiet hours, and for the park admin the reminders
// WeChat refused to send and why.
import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { ActionOutput } from '@shared/contract';
import { REMINDER_KIND_HINTS, type ReminderKindId, quietText } from '@shared/reminders';
import { PageShell } from '../../../../components/PageShell';
import { Empty, ErrorState, Loading } from '../../../../components/States';
import { useRemote } from '../../../../hooks/useRemote';
import { api, call } from '../../../../services/api';
import { askConsent } from '../../../../services/subscribe';
import { ROUTES, go } from '../../../../services/nav';
import './index.scss';

type Settings = ActionOutput<'remind', 'settings.mine'>;

/**
 * A switch drawn as one (a track and a knob), the same in weapp and H5 and sized with the text (大字模式): the whole
 * row is the tap target; role=switch and aria-checked say its state to a screen reader.
 */
function Toggle({ on, busy, label }: { on: boolean; busy: boolean; label: string }) {
  return (
    <View className={`reminders__switch${on ? ' reminders__switch--on' : ''}${busy ? ' reminders__switch--busy' : ''}`} role='switch' aria-checked={on} aria-label={label}>
      <View className='reminders__knob' />
    </View>
  );
}

function Kinds({ settings, onChange }: { settings: Settings; onChange: (s: Settings) => void }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const toggle = async (kind: Settings['kinds'][number]['kind'], on: boolean) => {
    if (busy) return;
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
        <View key={k.kind} className={`reminders__kind${k.on ? ' reminders__kind--on' : ''}`} data-kind={k.kind} data-on={k.on ? 'on' : 'off'} onClick={() => void toggle(k.kind, !k.on)}>
          <View className='reminders__words'>
            <Text className='reminders__label'>{k.label}</Text>
            <Text className='reminders__hint'>{REMINDER_KIND_HINTS[k.kind as ReminderKindId] ?? ''}</Text>
          </View>
          <View className='reminders__state'>
            <Toggle on={k.on} busy={busy === k.kind} label={k.label} />
            <Text className='reminders__state-text'>{busy === k.kind ? '保存中' : k.on ? '开' : '关'}</Text>
          </View>
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
              <Text className='rp-text reminders__quiet'>{quietText(data.quiet)}不发微信提醒，留到结束后再发；当天取消的活动等紧急提醒除外。</Text>
              {person?.roles.includes('parkAdmin') && (
                <Button className='rp-btn rp-btn--ghost rp-btn--inline reminders__quiet-edit' onClick={() => go(ROUTES.adminReminders)}>
                  修改免打扰时段
                </Button>
              )}
            </View>
          </>
        )}
        {person?.roles.includes('parkAdmin') && <Failed />}
      </View>
    </PageShell>
  );
}

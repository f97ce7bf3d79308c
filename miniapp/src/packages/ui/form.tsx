/**
 * Form helpers for the secretary and park-admin pages:
 * - useSubmit(): busy flag, the error to show, and `submit(problem, send)` which shows the phone's own
 *   validation problem (validate() from services/validate) or sends and keeps the server's error. It never
 *   clears what the person typed: the form's state belongs to the page.
 * - <Choice>: one big tappable option (radio or tick box look);
 * - <Confirm>: an in-page "are you sure" box with 确认 / 取消 (works the same in WeChat and H5).
 */
import { useRef, useState, type ReactNode } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { ApiError, ApiReply } from '@shared/contract';
import { Tick } from './index';

export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | string | null>(null);
  const running = useRef(false);

  /** Resolves the data on success, null otherwise (the error is then in `error`). */
  async function submit<T>(problem: string | null, send: () => Promise<ApiReply<T>>): Promise<T | null> {
    if (running.current) return null;
    if (problem) {
      setError(problem);
      return null;
    }
    running.current = true;
    setBusy(true);
    setError(null);
    const r = await send();
    running.current = false;
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return null;
    }
    return r.data;
  }
  return { busy, error, setError, submit };
}

interface ChoiceProps {
  on: boolean;
  title: ReactNode;
  hint?: ReactNode;
  disabled?: boolean;
  /** Show a tick box (several may be chosen) instead of a plain highlighted option. */
  tick?: boolean;
  className?: string;
  onClick: () => void;
}

export function Choice({ on, title, hint, disabled, tick, className, onClick }: ChoiceProps) {
  const cls = `rp-choice${on ? ' rp-choice--on' : ''}${disabled ? ' rp-choice--disabled' : ''}${className ? ` ${className}` : ''}`;
  return (
    <View className={cls} onClick={disabled ? undefined : onClick}>
      {tick && <Tick on={on} disabled={disabled && !on} />}
      <View className='rp-choice__body'>
        <Text className='rp-choice__title'>{title}</Text>
        {hint && <Text className='rp-choice__hint'>{hint}</Text>}
      </View>
      {!tick && on && <Text className='rp-choice__mark'>✓</Text>}
    </View>
  );
}

interface ConfirmProps {
  title: string;
  lines: string[];
  okText: string;
  busy?: boolean;
  className?: string;
  onOk: () => void;
  onCancel: () => void;
}

export function Confirm({ title, lines, okText, busy, className, onOk, onCancel }: ConfirmProps) {
  return (
    <View className={`rp-confirm${className ? ` ${className}` : ''}`}>
      <Text className='rp-confirm__title'>{title}</Text>
      {lines.map((l) => (
        <Text key={l} className='rp-text'>
          {l}
        </Text>
      ))}
      <View className='rp-row-actions rp-confirm__actions'>
        <Button className='rp-btn rp-btn--ghost rp-confirm__cancel' disabled={busy || undefined} onClick={onCancel}>
          取消
        </Button>
        <Button className='rp-btn rp-confirm__ok' disabled={busy || undefined} onClick={onOk}>
          {busy ? '正在处理…' : okText}
        </Button>
      </View>
    </View>
  );
}

/** Keep only digits (phone, counts). */
export const digits = (s: string, max: number) => s.replace(/\D/g, '').slice(0, max);

/**
 * Small building blocks shared by the secretary and park-admin subpackages (never imported by a
 * main-package page, so they ship with the subpackages, not in the main package):
 * - <SubNav>: the area's sections as big tabs (名册 / 导入 / 邀请码 …), switched with redirectTo so
 *   the back button still leads out of the area in one tap;
 * - <Tag>: a short coloured label (正式党员, 已绑定, 未覆盖);
 * - <Tick>: a large tick box for selecting rows;
 * - <Field>: a labelled form field with its hint and error;
 * - errorLines(): an ApiError as the lines a person reads (message, then each field's problems).
 */
import type { ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ApiError } from '@shared/contract';
import { chinaDateTime } from '../../utils/format';
import './index.scss';

export interface NavItem {
  label: string;
  url: string;
}

export function SubNav({ items, current }: { items: NavItem[]; current: string }) {
  return (
    <View className='rp-subnav'>
      {items.map((it) => (
        <View
          key={it.url}
          className={`rp-subnav__item${it.url === current ? ' rp-subnav__item--on' : ''}`}
          onClick={() => {
            if (it.url !== current) void Taro.redirectTo({ url: it.url });
          }}
        >
          <Text>{it.label}</Text>
        </View>
      ))}
    </View>
  );
}

export type Tone = 'red' | 'green' | 'gray' | 'gold';

export function Tag({ tone = 'gray', children }: { tone?: Tone; children: ReactNode }) {
  return <Text className={`rp-tag rp-tag--${tone}`}>{children}</Text>;
}

export function Tick({ on, disabled }: { on: boolean; disabled?: boolean }) {
  return <View className={`rp-tick${on ? ' rp-tick--on' : ''}${disabled ? ' rp-tick--off' : ''}`}>{on ? '✓' : ''}</View>;
}

export function Field({ label, hint, error, children }: { label: string; hint?: string; error?: string | null; children: ReactNode }) {
  return (
    <View className='rp-field'>
      <Text className='rp-field__label'>{label}</Text>
      {hint && <Text className='rp-field__hint'>{hint}</Text>}
      {children}
      {error && <Text className='rp-error-text'>{error}</Text>}
    </View>
  );
}

/** The server's message, then each field's own problems when they add something. */
export function errorLines(e: ApiError): string[] {
  const lines = [e.message];
  for (const msgs of Object.values(e.fields ?? {})) {
    for (const m of msgs) if (!e.message.includes(m) && !lines.includes(m)) lines.push(m);
  }
  return lines;
}

export function ErrorLines({ error }: { error: ApiError | string | null }) {
  if (!error) return null;
  const lines = typeof error === 'string' ? [error] : errorLines(error);
  return (
    <View className='rp-errors'>
      {lines.map((l) => (
        <Text key={l} className='rp-error-text'>
          {l}
        </Text>
      ))}
    </View>
  );
}

/** "2026-11-28 14:05" (China time) from an ISO string. */
export const chinaMinute = (iso: string) => chinaDateTime(iso).slice(0, 16);

/**
 * Every page's root: `<PageShell onRefresh={reload}>…</PageShell>`.
 * - large-text mode: puts `rp-large` on the root when 大字模式 is on (services/prefs.ts);
 * - pull-to-refresh: runs `onRefresh` then stops the spinner (the page's index.config.ts must set
 *   enablePullDownRefresh: true, or the gesture never starts);
 * - H5 local mode: sends a browser with no demo persona to the persona page first, and shows the
 *   "本地演示 · 当前身份" banner with a 切换 link. In the weapp build neither exists.
 * - weapp: the privacy authorization sheet (PrivacyAuthSheet), shown when a privacy API of this page
 *   waits for the person's agreement (services/wx-privacy.ts).
 */
import { useEffect, useState, type ReactNode } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { PrivacyAuthSheet } from '../PrivacyAuthSheet';
import { getPersona, isLocalMode } from '../../services/persona';
import { getLargeText, onLargeTextChange } from '../../services/prefs';
import { ROUTES, go, restart } from '../../services/nav';
import './index.scss';

interface Props {
  children: ReactNode;
  /** Reload the page's data (pull-to-refresh). */
  onRefresh?: () => Promise<unknown>;
  /** false only for the persona page itself. */
  requirePersona?: boolean;
  className?: string;
}

export function PageShell({ children, onRefresh, requirePersona = true, className }: Props) {
  const [large, setLarge] = useState(getLargeText);
  useEffect(() => onLargeTextChange(setLarge), []);

  const local = isLocalMode();
  const persona = local ? getPersona() : null;
  const needPersona = local && requirePersona && !persona;
  useEffect(() => {
    if (needPersona) restart(ROUTES.persona);
  }, [needPersona]);

  usePullDownRefresh(async () => {
    try {
      await onRefresh?.();
    } finally {
      Taro.stopPullDownRefresh();
    }
  });

  return (
    <View className={`rp-page${large ? ' rp-large' : ''}${className ? ` ${className}` : ''}`}>
      {local && requirePersona && persona && (
        <View className='rp-banner'>
          <Text className='rp-banner__text'>
            本地演示 · 当前身份：{persona.name}
            {persona.label ? `（${persona.label}）` : ''}
          </Text>
          <Text className='rp-banner__switch' onClick={() => go(ROUTES.persona)}>
            切换
          </Text>
        </View>
      )}
      {needPersona ? null : children}
      {process.env.TARO_ENV === 'weapp' && <PrivacyAuthSheet />}
    </View>
  );
}

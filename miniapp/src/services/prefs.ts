/**
 * Per-phone preferences kept in storage. For now one: large-text mode (大字模式) for older
 * members, toggled on 我的 and applied by components/PageShell on every page as the root class
 * `rp-large`, which the `fs()` mixin in styles/theme.scss turns into font sizes ×1.25.
 * Pages already open (tab pages stay mounted) follow a change at once through `onLargeTextChange`.
 */
import Taro from '@tarojs/taro';

const LARGE_TEXT_KEY = 'redpark.largeText';
const listeners = new Set<(on: boolean) => void>();

export function getLargeText(): boolean {
  return Taro.getStorageSync(LARGE_TEXT_KEY) === true;
}

export function setLargeText(on: boolean): void {
  Taro.setStorageSync(LARGE_TEXT_KEY, on);
  listeners.forEach((l) => l(on));
}

/** Subscribe to changes; returns the unsubscribe function (an effect's cleanup). */
export function onLargeTextChange(listener: (on: boolean) => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/**
 * The unread-message badge on the 学习 tab (where the messages are read): set from 首页's to-do list and
 * the 学习 tab, cleared when the count reaches 0. Taro.setTabBarBadge works in WeChat and in H5; before
 * the tab bar exists (or on a page without one) it fails, which changes nothing for the person.
 */
import Taro from '@tarojs/taro';

/** The 学习 tab's index in app.config.ts's tabBar. */
const STUDY_TAB = 1;

export function showUnread(count: number): void {
  const done = () => undefined;
  try {
    if (count > 0) void Taro.setTabBarBadge({ index: STUDY_TAB, text: count > 99 ? '99+' : String(count) }).catch(done);
    else void Taro.removeTabBarBadge({ index: STUDY_TAB }).catch(done);
  } catch {
    // No tab bar on this page.
  }
}

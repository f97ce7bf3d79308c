// PageShell: 大字模式 from storage (and when it changes), the local-mode banner and persona gate of
// the H5 build, pull-to-refresh.
import { describe, expect, jest, test } from '@jest/globals';
import { act, render, screen } from '@testing-library/react';
import { Text } from '@tarojs/components';
import { PageShell } from '../../../miniapp/src/components/PageShell';
import { setLargeText } from '../../../miniapp/src/services/prefs';
import { PERSONA_KEY } from '../../../miniapp/src/services/persona';
import { ROUTES } from '../../../miniapp/src/services/nav';
import { page, taro } from '../support/taro';
import { tap } from '../support/dom';

const root = (container: HTMLElement) => container.querySelector('.rp-page')!;

describe('PageShell', () => {
  test('大字模式 kept in storage is applied to the page', () => {
    taro.storage.set('redpark.largeText', true);
    const { container } = render(<PageShell><Text>首页</Text></PageShell>);
    expect(root(container).classList.contains('rp-large')).toBe(true);
    expect(screen.getByText('首页')).toBeTruthy();
  });

  test('without the preference the text is normal size, and switching it on applies at once', () => {
    const { container } = render(<PageShell><Text>首页</Text></PageShell>);
    expect(root(container).classList.contains('rp-large')).toBe(false);
    act(() => setLargeText(true));
    expect(root(container).classList.contains('rp-large')).toBe(true);
    expect(taro.storage.get('redpark.largeText')).toBe(true);
    act(() => setLargeText(false));
    expect(root(container).classList.contains('rp-large')).toBe(false);
  });

  test('weapp build: no banner, no persona needed', () => {
    taro.storage.set(PERSONA_KEY, { openid: 'o_wangfang', name: '王芳', label: '党员' });
    render(<PageShell><Text>我的</Text></PageShell>);
    expect(screen.getByText('我的')).toBeTruthy();
    expect(screen.queryByText(/本地演示/)).toBeNull();
    expect(taro.callsTo('reLaunch')).toEqual([]);
  });

  test('local mode (H5) shows who the browser acts as, and 切换 opens the persona page', () => {
    process.env.TARO_ENV = 'h5';
    taro.storage.set(PERSONA_KEY, { openid: 'o_wangfang', name: '王芳', label: '党员' });
    render(<PageShell><Text>我的</Text></PageShell>);
    expect(screen.getByText('本地演示 · 当前身份：王芳（党员）')).toBeTruthy();
    expect(screen.getByText('我的')).toBeTruthy();
    tap('切换');
    expect(taro.callsTo('navigateTo')).toEqual([{ url: ROUTES.persona }]);
  });

  test('local mode without a persona sends the browser to choose one and shows nothing else', () => {
    process.env.TARO_ENV = 'h5';
    render(<PageShell><Text>我的</Text></PageShell>);
    expect(screen.queryByText('我的')).toBeNull();
    expect(taro.callsTo('reLaunch')).toEqual([{ url: ROUTES.persona }]);
  });

  test('a stored persona with a malformed openid counts as none', () => {
    process.env.TARO_ENV = 'h5';
    taro.storage.set(PERSONA_KEY, { openid: 'o wang<fang>', name: '王芳', label: '党员' });
    render(<PageShell><Text>我的</Text></PageShell>);
    expect(taro.callsTo('reLaunch')).toEqual([{ url: ROUTES.persona }]);
  });

  test('the persona page itself shows its content without a persona', () => {
    process.env.TARO_ENV = 'h5';
    render(<PageShell requirePersona={false}><Text>选择演示身份</Text></PageShell>);
    expect(screen.getByText('选择演示身份')).toBeTruthy();
    expect(screen.queryByText(/本地演示/)).toBeNull();
    expect(taro.callsTo('reLaunch')).toEqual([]);
  });

  test('pull-to-refresh reloads, then stops the spinner', async () => {
    const order: string[] = [];
    const reload = jest.fn(async () => {
      order.push('reload');
    });
    render(<PageShell onRefresh={reload}><Text>首页</Text></PageShell>);
    await act(() => page.pullDownRefresh());
    expect(reload).toHaveBeenCalledTimes(1);
    order.push(...taro.callsTo('stopPullDownRefresh').map(() => 'stop'));
    expect(order).toEqual(['reload', 'stop']);
  });
});

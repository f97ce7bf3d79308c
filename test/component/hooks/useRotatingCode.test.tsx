// useRotatingCode (亮码's card code, a meeting's check-in code) under Jest's fake clock: the next code
// is fetched at the server's refreshAt (~45 s, before the 60 s expiry), also when the phone's clock
// is off; nothing runs after unmount or while the page is hidden; a failure shows its message.
import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals';
import { act, render, screen } from '@testing-library/react';
import { Text, View } from '@tarojs/components';
import { refreshDelayMs, useRotatingCode } from '../../../miniapp/src/hooks/useRotatingCode';
import { api } from '../../../miniapp/src/services/api';
import { ErrorState } from '../../../miniapp/src/components/States';
import { fail, ok } from '../support/fixtures';
import { backend, page } from '../support/taro';
import { tap } from '../support/dom';

function CodeView() {
  const { code, error, secondsLeft, retry } = useRotatingCode(api.user.cardCode);
  return (
    <View>
      {code && <Text>码：{code.code}</Text>}
      {code && <Text>{secondsLeft} 秒后刷新</Text>}
      {error && <ErrorState message={error.message} onRetry={() => void retry()} />}
    </View>
  );
}

const START = new Date('2026-11-20T02:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** The server issues code n, valid 60 s, to be replaced after 45 s, by its own clock (phone + skewMs). */
function serveCodes(skewMs = 0) {
  let n = 0;
  backend.answer('user', 'cardCode', () => {
    n++;
    const server = Date.now() + skewMs;
    return ok({ code: `RP1.code${n}`, expiresAt: iso(server + 60_000), refreshAt: iso(server + 45_000) });
  });
}

const fetches = () => backend.inputs('user', 'cardCode').length;
/** Let time pass on the fake clock, and the replies it triggers arrive. */
const pass = (ms: number) => act(async () => void (await jest.advanceTimersByTimeAsync(ms)));

beforeEach(() => {
  jest.useFakeTimers({ now: START });
});
afterEach(() => {
  jest.useRealTimers();
});

describe('useRotatingCode', () => {
  test('fetches the next code at refreshAt, 45 s in, before the first expires at 60 s', async () => {
    serveCodes();
    render(<CodeView />);
    await pass(0);
    expect(screen.getByText('码：RP1.code1')).toBeTruthy();
    expect(screen.getByText('45 秒后刷新')).toBeTruthy();
    await pass(44_000);
    expect(screen.getByText('码：RP1.code1')).toBeTruthy();
    expect(screen.getByText('1 秒后刷新')).toBeTruthy();
    expect(fetches()).toBe(1);
    await pass(1_000);
    expect(screen.getByText('码：RP1.code2')).toBeTruthy();
    expect(fetches()).toBe(2);
    await pass(45_000);
    expect(screen.getByText('码：RP1.code3')).toBeTruthy();
    expect(fetches()).toBe(3);
  });

  test('a phone clock 10 minutes slow or fast still refreshes every 45 s (no burst of fetches)', async () => {
    for (const skew of [10 * 60_000, -10 * 60_000]) {
      serveCodes(skew);
      const { unmount } = render(<CodeView />);
      await pass(0);
      const first = fetches();
      await pass(44_000);
      expect(fetches()).toBe(first);
      await pass(1_000);
      expect(fetches()).toBe(first + 1);
      unmount();
    }
  });

  test('stops on unmount: no fetch, no tick afterwards', async () => {
    serveCodes();
    const { unmount } = render(<CodeView />);
    await pass(0);
    unmount();
    await pass(5 * 60_000);
    expect(fetches()).toBe(1);
  });

  test('pauses while the page is hidden and fetches at once when shown again after the refresh time', async () => {
    serveCodes();
    render(<CodeView />);
    await pass(0);
    act(() => page.hide());
    await pass(2 * 60_000);
    expect(fetches()).toBe(1);
    // Shown again two minutes later: the next code is asked for at once (not a tick later), and the
    // countdown is not the one from before the page was hidden.
    act(() => page.show());
    expect(fetches()).toBe(2);
    expect(screen.queryByText('45 秒后刷新')).toBeNull();
    await pass(0);
    expect(fetches()).toBe(2);
    expect(screen.getByText('码：RP1.code2')).toBeTruthy();
    expect(screen.getByText('45 秒后刷新')).toBeTruthy();
  });

  test('hidden and shown again before the refresh time: the same code, the countdown caught up', async () => {
    serveCodes();
    render(<CodeView />);
    await pass(0);
    act(() => page.hide());
    await pass(20_000);
    act(() => page.show());
    expect(screen.getByText('码：RP1.code1')).toBeTruthy();
    expect(screen.getByText('25 秒后刷新')).toBeTruthy();
    expect(fetches()).toBe(1);
  });

  test('a refusal shows its message and no code, without retrying on its own; 重试 fetches again', async () => {
    backend.answer('user', 'cardCode', fail('NOT_BOUND'));
    render(<CodeView />);
    await pass(0);
    expect(screen.getByText('请先用支部书记发给您的邀请码绑定身份')).toBeTruthy();
    expect(screen.queryByText(/码：/)).toBeNull();
    await pass(2 * 60_000);
    expect(fetches()).toBe(1);
    serveCodes();
    tap('重试');
    await pass(0);
    expect(screen.getByText('码：RP1.code1')).toBeTruthy();
    expect(screen.queryByText('出错了')).toBeNull();
  });

  test('a failed refresh takes the old code off the screen (it is about to expire) and says why', async () => {
    let n = 0;
    backend.answer('user', 'cardCode', () => {
      if (++n > 1) throw new Error('request:fail timeout');
      return ok({ code: 'RP1.code1', expiresAt: iso(Date.now() + 60_000), refreshAt: iso(Date.now() + 45_000) });
    });
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    render(<CodeView />);
    await pass(45_000);
    expect(screen.queryByText('码：RP1.code1')).toBeNull();
    expect(screen.getByText('网络连接失败，请检查网络后重试')).toBeTruthy();
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});

describe('refreshDelayMs', () => {
  const now = START.getTime();
  test('the server’s refreshAt when the clocks agree', () => {
    expect(refreshDelayMs({ code: 'x', refreshAt: iso(now + 45_000), expiresAt: iso(now + 60_000) }, now)).toBe(45_000);
  });
  test('60 s minus the server’s margin when they do not, never under 5 s', () => {
    expect(refreshDelayMs({ code: 'x', refreshAt: iso(now - 3_600_000), expiresAt: iso(now - 3_590_000) }, now)).toBe(50_000);
    expect(refreshDelayMs({ code: 'x', refreshAt: iso(now + 3_600_000), expiresAt: iso(now + 3_660_000) }, now)).toBe(5_000);
    expect(refreshDelayMs({ code: 'x', refreshAt: 'garbage', expiresAt: 'garbage' }, now)).toBe(45_000);
  });
});

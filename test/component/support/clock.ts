// "Today" for a test: only Date is faked (timers stay real, so the web components render and
// waitFor polls as usual). Call in beforeEach, `realClock()` in afterEach.
import { jest } from '@jest/globals';

export function fakeToday(iso: string): void {
  jest.useFakeTimers({
    now: new Date(iso),
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
}

export const realClock = (): void => void jest.useRealTimers();

// Before each component test: a fresh @tarojs/taro mock (no calls, empty storage, no answers) and
// the weapp transport (services/api.ts calls Taro.cloud.callFunction; persona.ts is not in local
// mode). A test of local mode sets process.env.TARO_ENV = 'h5' itself. After each: a call to the
// backend that the test did not answer fails it.
import { afterEach, beforeEach } from '@jest/globals';
import { backend, resetTaro } from './taro';

beforeEach(() => {
  resetTaro();
  process.env.TARO_ENV = 'weapp';
});

afterEach(() => {
  if (backend.unanswered.length) throw new Error(`calls with no answer: ${backend.unanswered.join(', ')}`);
});

// WeChat openapi from inside functions: subscription quota, content checks, permissions, the outbox.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { type EmulatorHandle, FIXTURE_FUNCTIONS, FIXTURE_FUNCTIONS_SPEC, startEmulator } from '../../support/emulator.js';

const TPL = 'TPL_TOPIC_PUBLISHED';
const message = (touser: string, thing1: string) => ({
  touser, template_id: TPL, page: 'pages/index/index',
  data: { thing1: { value: thing1 }, time2: { value: '2026-11-30 18:00' }, thing3: { value: '请按时完成' } },
});

describe('wx openapi', () => {
  let emu: EmulatorHandle;
  const notify = async (apiName: string, requestData: unknown) =>
    (await emu.app().callFunction({ name: 'notify', data: { apiName, requestData } })).result as Record<string, any>;

  beforeAll(async () => {
    emu = await startEmulator({ spec: FIXTURE_FUNCTIONS_SPEC, args: ['--functions', FIXTURE_FUNCTIONS, '--manual-timers'] });
  });
  afterAll(() => emu?.stop());

  test('subscribeMessage.send: one consent is one send, then 43101; the outbox has what was sent', async () => {
    await emu.api('DELETE', '/_emulator/outbox');
    assert.equal((await notify('subscribeMessage.send', message('o_zhao', '十一月专题'))).errcode, 43101, 'no consent yet');
    await emu.api('POST', '/_emulator/wx/subscriptions', { openid: 'o_zhao', templateIds: [TPL] });
    const ok = await notify('subscribeMessage.send', message('o_zhao', '十一月专题：学习贯彻'));
    assert.equal(ok.errcode, 0);
    assert.equal((await notify('subscribeMessage.send', message('o_zhao', '再发一次'))).errcode, 43101);
    const outbox = await emu.api('GET', '/_emulator/outbox?touser=o_zhao');
    assert.equal(outbox.length, 1);
    assert.equal(outbox[0].data.thing1.value, '十一月专题：学习贯彻');
    assert.equal(outbox[0].functionName, 'notify');
  });

  test('a thing value over 20 characters is 47003 and uses no quota; an unknown template is 40037', async () => {
    await emu.api('POST', '/_emulator/wx/subscriptions', { openid: 'o_qian', templateIds: [TPL] });
    const long = await notify('subscribeMessage.send', message('o_qian', '一二三四五六七八九十一二三四五六七八九十一'));
    assert.equal(long.errcode, 47003);
    assert.match(long.errmsg, /thing1/);
    assert.equal((await notify('subscribeMessage.send', { ...message('o_qian', 'x'), template_id: 'TPL_NOPE' })).errcode, 40037);
    const q = await emu.api('GET', '/_emulator/wx/quota?openid=o_qian');
    assert.equal(q.quota[TPL], 1, 'the failed sends consumed nothing');
    assert.equal((await notify('subscribeMessage.send', message('o_qian', '一二三四五六七八九十一二三四五六七八九十'))).errcode, 0, '20 characters is fine');
  });

  test('security.msgSecCheck answers pass, review and risky from the word list', async () => {
    const check = (content: string) => notify('security.msgSecCheck', { content, version: 2, scene: 2, openid: 'o_sun' });
    const pass = await check('认真学习，按时完成专题笔记。');
    assert.equal(pass.errcode, 0);
    assert.equal(pass.result.suggest, 'pass');
    assert.equal((await check('有事加我微信')).result.suggest, 'review');
    assert.equal((await check('代 开 发 票')).result.suggest, 'risky', 'spaced-out words are still caught');
  });

  test('a function without the openapi permission is refused with -604101', async () => {
    const { result } = await emu.app().callFunction({ name: 'noperm', data: {} });
    assert.equal((result as { errcode: number }).errcode, -604101);
  });
});

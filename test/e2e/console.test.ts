// The emulator's web console (/_emulator/console) in real Chromium, against a real emulator with the
// fixture functions: data, calls with logs, timer triggers (run now), the outbox, requests and the clock.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { deflateSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { consolePage } from '../../emulator/console/page.js';
import { launchBrowser, screenshot } from '../support/browser.js';
import { type EmulatorHandle, FIXTURE_FUNCTIONS, FIXTURE_FUNCTIONS_SPEC, startEmulator } from '../support/emulator.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TPL = 'TPL_TOPIC_PUBLISHED';
/** What the console shows for a time: China time (UTC+8), whatever the browser's zone. */
const chinaText = (iso: string) => new Date(Date.parse(iso) + 8 * HOUR).toISOString().slice(0, 19).replace('T', ' ');

/** A real PNG (w×h, one colour), so the console's preview has something to decode. */
function png(w: number, h: number, rgb: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows = Buffer.concat(Array.from({ length: h }, () => Buffer.from([0, ...Array.from({ length: w }, () => rgb).flat()])));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

interface Call {
  functionName: string;
  ok: boolean;
  source: string;
}

test('the console is one self-contained page whose script parses', () => {
  const html = consolePage();
  assert.match(html, /^<!doctype html>/);
  assert.doesNotMatch(html, /(src|href)\s*=\s*["']?(https?:)?\/\//i, 'no external assets');
  const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)];
  assert.equal(scripts.length, 1);
  assert.doesNotThrow(() => new vm.Script(scripts[0]![1]!), 'the inline script is valid JavaScript');
  assert.doesNotMatch(scripts[0]![1]!, /innerHTML|insertAdjacentHTML|document\.write/, 'data goes into the DOM as text only');
});

describe('emulator console in Chromium', () => {
  let emu: EmulatorHandle;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const calls = async (fn?: string): Promise<Call[]> =>
    emu.api('GET', `/_emulator/functions/calls?limit=100${fn ? `&function=${fn}` : ''}`);

  beforeAll(async () => {
    emu = await startEmulator({ spec: FIXTURE_FUNCTIONS_SPEC, args: ['--functions', FIXTURE_FUNCTIONS, '--manual-timers'] });
    const app = emu.app();
    await app.database().collection('ticks').add({
      _id: 'note-1', title: '七一党日活动 <b>不是粗体</b> & "引号"', at: new Date('2026-07-01T01:00:00Z'), n: 7,
    });
    await app.callFunction({ name: 'echo', data: {} });
    await assert.rejects(app.callFunction({ name: 'boom', data: {} }), /boom/);
    // One subscription message in the outbox (consent first, then a send from a function).
    await emu.api('POST', '/_emulator/wx/subscriptions', { openid: 'o_zhao', templateIds: [TPL] });
    const sent = await app.callFunction({
      name: 'notify',
      data: {
        apiName: 'subscribeMessage.send',
        requestData: { touser: 'o_zhao', template_id: TPL, page: 'pages/index/index', data: { thing1: { value: '十一月专题：学习贯彻' }, time2: { value: '2026-11-30 18:00' }, thing3: { value: '请按时完成' } } },
      },
    });
    assert.equal((sent.result as { errcode: number }).errcode, 0);
    // Files: a photo, a spreadsheet, and a delete that misses one file
    await app.uploadFile({ cloudPath: 'meetings/主题党日/照片 1.png', fileContent: png(8, 6, [200, 30, 30]) });
    await app.uploadFile({ cloudPath: 'exports/台账 <b>11月</b>.xlsx', fileContent: Buffer.from('PK not really a spreadsheet') });
    await app.deleteFile({ fileList: ['cloud://redpark-local.7265-redpark-local-1250000000/meetings/none.png'] });

    browser = await launchBrowser();
    // A browser far from China: the console must show China time from the emulator clock, not the browser's zone.
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'America/Los_Angeles' });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${emu.baseUrl}/_emulator/console`);
    await page.getByRole('heading', { name: /CloudBase emulator console/ }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await emu?.stop();
  });

  test('数据: the collections with counts, then a collection’s documents, collapsed and expandable', async () => {
    const ticks = page.locator('#collections .colls button', { hasText: 'ticks' });
    await ticks.waitFor();
    assert.equal(await ticks.locator('.count').textContent(), '1');
    await ticks.click();
    const doc = page.locator('#collections details.doc', { hasText: '七一党日活动' });
    await doc.waitFor();
    assert.match((await page.locator('#collections .docs h3').textContent())!, /共 1 条/);
    // User text is shown as text, never parsed as markup.
    assert.match((await doc.locator('summary').textContent())!, /<b>不是粗体<\/b> & \\"引号\\"/);
    assert.equal(await page.locator('#collections details.doc b').count(), 0);
    assert.equal(await doc.locator('pre').isVisible(), false, 'collapsed to one line');
    await doc.locator('summary').click();
    await doc.locator('pre').waitFor();
    const pretty = (await doc.locator('pre').textContent())!;
    assert.match(pretty, /\n {2}"n": 7\n}$/);
    assert.match(pretty, /"\$date": "2026-07-01T01:00:00Z"/);
    await screenshot(page, 'console-collections');
  });

  test('文件: files newest first with image previews, sizes, types, uploaders; what each storage request did', async () => {
    await page.getByRole('tab', { name: /文件/ }).click();
    const photo = page.locator('#files tr.row', { hasText: '照片 1.png' });
    await photo.waitFor();
    const paths = await page.locator('#files tr.row td.path').allTextContents();
    assert.deepEqual(paths, ['exports/台账 <b>11月</b>.xlsx', 'meetings/主题党日/照片 1.png'], 'newest first, names as text');
    assert.equal(await page.locator('#files td.path b').count(), 0);
    assert.match((await photo.textContent())!, /image\/png.*admin/);
    // the thumbnail really decodes (CSP allows the emulator's own images)
    const thumb = photo.locator('img.thumb');
    await page.waitForFunction((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0, await thumb.elementHandle());
    assert.equal(await thumb.evaluate((img) => (img as HTMLImageElement).naturalWidth), 8);
    assert.equal(await page.locator('#files tr.row', { hasText: '.xlsx' }).locator('img').count(), 0, 'no preview for a spreadsheet');
    await photo.click();
    const detail = photo.locator('xpath=following-sibling::tr[1]');
    assert.match((await detail.textContent())!, /fileID cloud:\/\/redpark-local\.7265-redpark-local-1250000000\/meetings\/主题党日\/照片 1\.png/);
    await detail.locator('img.preview').waitFor();
    assert.match((await page.locator('#files .totals').textContent())!, /文件 files2/);
    const del = page.locator('#files tr', { hasText: 'storage.batchDeleteFile' });
    assert.match((await del.textContent())!, /meetings\/none\.png → STORAGE_FILE_NONEXIST/);
    assert.equal(await del.locator('.bad').count(), 1);
    assert.ok((await page.locator('#files tr', { hasText: 'cos.putObject' }).count()) === 2);
    await screenshot(page, 'console-files');
  });

  test('函数调用: calls newest first with duration, cold start, DB round trips, error code; a click shows the logs', async () => {
    await page.getByRole('tab', { name: /函数调用/ }).click();
    const boom = page.locator('#calls tr.row', { hasText: 'boom' });
    await boom.waitFor();
    const names = await page.locator('#calls tr.row td:nth-child(2)').allTextContents();
    assert.deepEqual(names, ['notify', 'boom', 'echo'], 'newest first');
    assert.match((await boom.textContent())!, /FUNCTIONS_EXECUTE_FAIL/);
    assert.match((await page.locator('#calls tr.row', { hasText: 'echo' }).textContent())!, /成功 ok.*\d+ ms.*\d+ ms/);
    assert.match((await page.locator('#calls .chips').textContent())!, /badconfig · 配置错误/);
    const logs = boom.locator('xpath=following-sibling::tr[1]');
    assert.equal(await logs.isVisible(), false);
    await boom.click();
    await logs.waitFor();
    assert.match((await logs.textContent())!, /about to throw/);
    assert.match((await logs.textContent())!, /FUNCTIONS_EXECUTE_FAIL: /);
    await screenshot(page, 'console-calls');

    // No refetch while a row is open: a new call stays out of the table until the row is closed.
    await page.locator('#calls .auto', { hasText: '已暂停' }).waitFor();
    await emu.app().callFunction({ name: 'echo', data: { log: 'later' } });
    await page.waitForTimeout(6_000);
    assert.equal(await page.locator('#calls tr.row').count(), 3);
    assert.equal(await logs.isVisible(), true, 'the row stayed open');
    await boom.click();
    await page.locator('#calls tr.row').nth(3).waitFor({ timeout: 8_000 }); // the auto-refresh resumed
    assert.equal(await page.locator('#calls tr.row td:nth-child(2)').first().textContent(), 'echo');
  });

  test('定时触发器: the trigger with its next fire time; run now calls tick and lands in the history', async () => {
    await page.getByRole('tab', { name: /定时触发器/ }).click();
    const row = page.locator('#triggers tr', { hasText: 'nineOnFirst' });
    await row.waitFor();
    const { triggers } = await emu.api('GET', '/_emulator/triggers');
    assert.match((await row.textContent())!, /tick/);
    assert.match((await row.textContent())!, new RegExp(chinaText(triggers[0].next)));
    assert.equal((await calls('tick')).length, 0);
    await page.locator('#triggers .empty', { hasText: '还没有触发记录' }).waitFor();

    await row.getByRole('button', { name: /立即运行 run now/ }).click();
    const result = page.locator('#runresult');
    await result.filter({ hasText: 'tick / nineOnFirst → ✓ 成功 ok' }).waitFor({ timeout: 20_000 });
    const tickCalls = await calls('tick');
    assert.equal(tickCalls.length, 1, 'run now made one call of tick');
    assert.equal(tickCalls[0]!.ok, true);
    assert.equal(tickCalls[0]!.source, 'wx_trigger');
    await page.locator('#triggers tr', { hasText: '手动 manual' }).waitFor();
    await screenshot(page, 'console-triggers');

    await page.getByRole('tab', { name: /函数调用/ }).click();
    await page.locator('#calls tr.row', { hasText: 'tick' }).waitFor();
    assert.equal(await page.locator('#calls tr.row td:nth-child(2)').first().textContent(), 'tick');
  });

  test('消息: the outbox shows template, recipient and data values; clear empties it', async () => {
    await page.getByRole('tab', { name: /消息/ }).click();
    const card = page.locator('#outbox .card', { hasText: TPL });
    await card.waitFor();
    const text = (await card.textContent())!;
    assert.match(text, /o_zhao/);
    // As a phone shows it: the template's title and each keyword's name beside its value.
    assert.match(text, /新专题发布/);
    assert.match(text, /专题名称十一月专题：学习贯彻/);
    assert.match(text, /截止时间2026-11-30 18:00/);
    assert.match(text, /来自 from notify/);
    await screenshot(page, 'console-outbox');
    await page.getByRole('button', { name: /清空 clear/ }).click();
    await page.locator('#outboxmsg', { hasText: '已清空 1 条' }).waitFor();
    await page.locator('#outbox .empty', { hasText: '还没有消息 / no messages yet' }).waitFor();
    assert.deepEqual(await emu.api('GET', '/_emulator/outbox'), []);
  });

  test('请求: totals and recent admin requests with their plans', async () => {
    await page.getByRole('tab', { name: /请求/ }).click();
    await page.locator('#requests tr', { hasText: 'database.insertDocument' }).first().waitFor();
    const stats = await emu.api('GET', '/_emulator/stats');
    assert.ok(stats.requests > 0);
    assert.match((await page.locator('#requests .totals').textContent())!, /请求 requests\d+/);
    assert.ok((await page.locator('#requests tr', { hasText: 'functions.invokeFunction' }).count()) > 0);
    // tick's own database requests name the function they came from
    assert.ok((await page.locator('#requests td[title^="tick:"]').count()) > 0);
    await screenshot(page, 'console-requests');
  });

  test('函数调用: an armed fault is listed; the call it killed says where; disarm all', async () => {
    await emu.api('POST', '/_emulator/faults', { function: 'steps', afterDbRequests: 1, action: 'database.commitTransaction', applied: false });
    await emu.api('POST', '/_emulator/faults', { function: 'echo', afterDbWrites: 2, once: false });
    await page.getByRole('tab', { name: /函数调用/ }).click();
    await page.locator('#calls').getByRole('button', { name: /刷新 refresh/ }).click();
    const armed = page.locator('#calls li.fault', { hasText: 'steps' });
    await armed.waitFor();
    assert.match((await armed.textContent())!, /steps · 第 1 次 database\.commitTransaction 请求 request 之前 before \(not applied\)/);
    assert.match((await page.locator('#calls li.fault', { hasText: 'echo' }).textContent())!, /第 2 次写 write 之后 after \(applied\) · 每次 every call/);
    await assert.rejects(emu.app().callFunction({ name: 'steps', data: { key: 'console' } }), /SIGKILL/);
    await page.locator('#calls').getByRole('button', { name: /刷新 refresh/ }).click();
    const row = page.locator('#calls tr.row', { hasText: 'steps' });
    await row.waitFor();
    await row.click();
    await page.locator('#calls p.bad', { hasText: '故障注入 fault: killed at database request 5 (database.commitTransaction, not applied)' }).waitFor();
    await row.click();
    await page.getByRole('button', { name: /全部解除 disarm all/ }).click();
    await page.locator('#calls h3', { hasText: 'Armed faults' }).waitFor({ state: 'detached' });
    assert.deepEqual((await emu.api('GET', '/_emulator/faults')).armed, []);
  });

  test('the clock: China time and UTC; freeze, +1 day, set, +1 h fires the 9:00 trigger, unfreeze', async () => {
    const cn = page.locator('#cn');
    const utc = page.locator('#utc');
    await page.getByRole('button', { name: /冻结 freeze/ }).click();
    await page.locator('#state', { hasText: '已冻结 frozen' }).waitFor();
    const c0 = await emu.api('GET', '/_emulator/clock');
    assert.equal(c0.frozen, true);
    await page.waitForFunction((t) => document.querySelector('#cn')!.textContent!.startsWith(t), chinaText(c0.now));
    const shown = (await cn.textContent())!;
    assert.match((await utc.textContent())!, new RegExp(`^${c0.now.slice(0, 19).replace('T', ' ')}Z$`));

    await page.getByRole('button', { name: '+1 天 day' }).click();
    await page.waitForFunction((t) => document.querySelector('#cn')!.textContent !== t, shown);
    const c1 = await emu.api('GET', '/_emulator/clock');
    assert.equal(Date.parse(c1.now) - Date.parse(c0.now), DAY);
    assert.ok((await cn.textContent())!.startsWith(chinaText(c1.now)));
    // real time went on while frozen, so the offset is a day minus a few seconds
    assert.match((await page.locator('#offset').textContent())!, /偏移 offset \+(1 天 d 00:00:0\d|23:59:\d\d)$/);
    await screenshot(page, 'console-clock');

    // Set 08:59:30 China time on the 1st, then +1 h: tick's 09:00 trigger fires and the header says so.
    await page.locator('#clockinput').fill('2026-12-01T08:59:30');
    await page.getByRole('button', { name: '设置 set' }).click();
    await page.locator('#cn', { hasText: '2026-12-01 08:59:30' }).waitFor();
    assert.equal((await emu.api('GET', '/_emulator/clock')).now, '2026-12-01T00:59:30.000Z');
    const before = (await calls('tick')).length;
    await page.getByRole('button', { name: '+1 小时 h' }).click();
    await page.locator('#clockmsg', { hasText: '触发了 fired 1: tick/nineOnFirst ✓' }).waitFor({ timeout: 20_000 });
    assert.equal((await calls('tick')).length, before + 1);
    assert.match((await cn.textContent())!, /^2026-12-01 09:59:30 周二/);
    assert.equal(await utc.textContent(), '2026-12-01 01:59:30Z');

    await page.getByRole('button', { name: /解冻 unfreeze/ }).click();
    await page.locator('#state', { hasText: '走时 running' }).waitFor();
    assert.equal((await emu.api('GET', '/_emulator/clock')).frozen, false);
  });

  test('usable at 390 px: nothing overflows the page width', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const tab of ['数据', '文件', '函数调用', '定时触发器', '消息', '请求']) {
      await page.getByRole('tab', { name: new RegExp(tab) }).click();
      await page.waitForTimeout(300);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 390, `${tab}: page is ${width}px wide`);
    }
    await page.getByRole('tab', { name: /函数调用/ }).click();
    await screenshot(page, 'console-phone-calls');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  test('no page errors', () => {
    assert.deepEqual(errors, []);
  });

  test('a failing endpoint shows a visible error; refresh recovers', async () => {
    const p = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const pageErrors: string[] = [];
    p.on('pageerror', (e) => pageErrors.push(e.message));
    let broken = true;
    await p.route('**/_emulator/outbox', (route) =>
      broken
        ? route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ code: 'BROKEN', message: 'outbox is down' }) })
        : route.continue());
    await p.goto(`${emu.baseUrl}/_emulator/console#outbox`);
    const error = p.locator('#outbox .error');
    await error.filter({ hasText: '加载失败 / failed to load: GET /_emulator/outbox → HTTP 500 BROKEN: outbox is down' }).waitFor();
    assert.equal(await p.locator('#outbox .loading').count(), 0, 'no stale loading placeholder');
    await screenshot(p, 'console-error');
    broken = false;
    await p.locator('#outbox').getByRole('button', { name: /刷新 refresh/ }).click();
    await p.locator('#outbox .empty', { hasText: '还没有消息' }).waitFor();
    assert.equal(await error.isVisible(), false);
    assert.deepEqual(pageErrors, []);
    await p.close();
  });
});

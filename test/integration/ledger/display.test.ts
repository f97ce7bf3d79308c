// The park's display screen on the demo park that `npm start` loads (issue 19): the park admin creates a key (stored
// only as its sha256, audited), a TV's browser with no WeChat identity gets the screen's figures through the local
// gateway, the key is revoked and the screen is refused; secretaries and members cannot manage keys; the screen
// holds no phone number and no person's name unless the park turned public rankings on and the person opted in.
// Prints the DB requests of one display.get (the function's call record).
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DisplayScreen } from '../../../shared/contract/display';
import { type EmulatorHandle, ROOT, startEmulator } from '../../support/emulator.js';
import { PRODUCT, as } from '../../support/park.js';
import { loadDemoPark } from '../../support/demo.js';

const ADMIN = { openid: 'o_demo_admin' };
const SECRETARY = { openid: 'o_demo_secretary' };
const MEMBER = { openid: 'o_demo_member' };
const REFUSED = '此大屏链接已停用，请联系园区管理员';
/** The display rate limit in this test (per key and 10 minutes; 120 in production). */
const LIMIT = 15;


/** The TV's browser: the local gateway with no WeChat identity at all. */
async function screenCall(emu: EmulatorHandle, input: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${emu.baseUrl}/functions/ledger`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-redpark-anonymous': '1' },
    body: JSON.stringify({ data: { action: 'display.get', input } }),
  });
  return { status: res.status, body: await res.json() };
}

describe('the display screen on the demo park', () => {
  let emu: EmulatorHandle;
  let secret: string;
  let keyId: string;
  beforeAll(async () => {
    // The display limit lowered to LIMIT calls per key and 10 minutes through the deployment knob, to reach it.
    const env = JSON.parse(readFileSync(path.join(ROOT, 'cloudfunctions/env.local.json'), 'utf8'));
    env.ledger = { ...env.ledger, REDPARK_RATE_LIMITS: JSON.stringify({ display: { windowSec: 600, max: LIMIT } }) };
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'redpark-display-')), 'env.json');
    writeFileSync(file, JSON.stringify(env));
    emu = await startEmulator({ spec: PRODUCT.spec, args: [...PRODUCT.args, '--local', '--function-env', file] });
    await loadDemoPark(emu);
  }, 600_000);
  afterAll(() => emu?.stop());

  test('the park admin creates a key: the secret once, only its sha256 stored, audited', async () => {
    const r = await as(emu, null, ADMIN).ok('ledger', 'displayKeys.create', { label: '党群服务中心大屏' });
    secret = r.secret;
    keyId = r.key.id;
    assert.match(secret, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(r.key.label, '党群服务中心大屏');
    assert.equal(r.key.createdBy, '魏国庆');
    assert.equal(r.key.lastUsedAt, null);
    const { data } = await emu.app().database().collection('display_keys').doc(keyId).get();
    const stored = data[0];
    assert.equal(stored.hash, createHash('sha256').update(secret).digest('hex'));
    assert.ok(!JSON.stringify(stored).includes(secret), 'the secret is not stored');
    const audit = await emu.app().database().collection('audit_logs').where({ action: 'display.keys.create', target: keyId }).get();
    assert.equal(audit.data.length, 1);
    const list = await as(emu, null, ADMIN).ok('ledger', 'displayKeys.list', {});
    assert.deepEqual(list.keys.map((k: { id: string }) => k.id), [keyId]);
    assert.ok(!JSON.stringify(list).includes(secret), 'the list never shows the secret');
  });

  test('secretaries, members and strangers cannot create, list or revoke keys; nothing written', async () => {
    for (const who of [SECRETARY, MEMBER, { openid: 'o_display_stranger' }]) {
      for (const [action, input] of [['displayKeys.create', { label: '大屏' }], ['displayKeys.list', {}], ['displayKeys.revoke', { keyId }]] as const) {
        const r = await as(emu, null, who).call('ledger', action, input);
        assert.equal(r.ok ? 'ok' : r.error.code, who === MEMBER || who === SECRETARY ? 'FORBIDDEN' : 'NOT_BOUND', `${action} as ${who.openid}`);
      }
    }
    const { total } = await emu.app().database().collection('display_keys').count();
    assert.equal(total, 1);
  });

  test('a browser with no WeChat identity gets the screen with the key: the demo park’s figures, DB requests counted', async () => {
    const r = await screenCall(emu, { key: secret });
    assert.equal(r.status, 200);
    assert.equal(r.body.result.ok, true, JSON.stringify(r.body));
    const s = r.body.result.data as DisplayScreen;
    assert.equal(s.label, '党群服务中心大屏');
    assert.ok(s.parkName.length > 0);
    assert.ok(s.flag, 'the demo park has past months’ 流动红旗');
    assert.ok(s.ranking.rows.length >= 3, 'branches ranked');
    assert.ok(s.ranking.rows.every((row, i) => i === 0 || (row.value ?? -1) <= (s.ranking.rows[i - 1]!.value ?? -1)), 'best first');
    assert.ok(s.meetings.some((m) => m.kind === 'partyDay'), 'the demo’s 主题党日 (today) is announced');
    assert.ok(s.activities.some((a) => a.title.includes('敬老院')), 'next week’s 敬老院志愿服务 is announced');
    assert.ok(s.pledges.kept > 0 && s.pledges.latest.length > 0, 'kept pledges');
    assert.ok(s.hours.total > 0, 'confirmed volunteer hours this year');
    assert.equal(s.hours.byMonth.length, Number(s.month.slice(5)));
    assert.equal(s.individuals, null, 'the demo park has public individual rankings off');
    // Its cost: the call record of this invocation.
    const calls: Array<{ functionName: string; db: { roundTrips: number; docsExamined: number } }> = await emu.api('GET', '/_emulator/functions/calls?function=ledger&limit=1');
    const first = calls.at(-1)!;
    const again = await screenCall(emu, { key: secret });
    assert.equal(again.body.result.ok, true);
    const second = (await emu.api('GET', '/_emulator/functions/calls?function=ledger&limit=1')).at(-1);
    console.log(`display.get on the demo park: ${first.db.roundTrips} DB requests (${first.db.docsExamined} documents examined) first, ${second.db.roundTrips} (${second.db.docsExamined}) a minute's refresh later`);
    assert.ok(second.db.roundTrips <= 12, `display.get costs ${second.db.roundTrips} requests`);
    // The key says when it was last used.
    const list = await as(emu, null, ADMIN).ok('ledger', 'displayKeys.list', {});
    assert.ok(list.keys[0].lastUsedAt, 'last used recorded');
  });

  test('no phone numbers and no person’s name on the screen; names only for those who opted in once the park allows it', async () => {
    const people = (await emu.app().database().collection('people').limit(1000).get()).data as Array<{ _id: string; name: string; phone: string }>;
    assert.ok(people.length > 100);
    const text = JSON.stringify((await screenCall(emu, { key: secret })).body.result.data);
    assert.doesNotMatch(text, /1[3-9]\d{9}/);
    assert.deepEqual(people.filter((p) => text.includes(p.name)).map((p) => p.name), []);
    // The park turns public individual rankings on; only 马秀兰 opts in.
    await as(emu, null, ADMIN).ok('score', 'settings.update', { individualRanking: true });
    await as(emu, null, MEMBER).ok('score', 'me.setOptIn', { optIn: true });
    const s = (await screenCall(emu, { key: secret })).body.result.data as DisplayScreen;
    assert.deepEqual(s.individuals?.map((i) => i.name), ['马秀兰']);
    const named = JSON.stringify(s);
    assert.deepEqual(people.filter((p) => named.includes(p.name)).map((p) => p.name), ['马秀兰']);
    assert.doesNotMatch(named, /1[3-9]\d{9}/);
    await as(emu, null, ADMIN).ok('score', 'settings.update', { individualRanking: false });
    assert.equal(((await screenCall(emu, { key: secret })).body.result.data as DisplayScreen).individuals, null);
  });

  test('only display.get answers a caller with no identity; unknown and malformed keys are refused alike', async () => {
    const other = await fetch(`${emu.baseUrl}/functions/ledger`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-redpark-anonymous': '1' },
      body: JSON.stringify({ data: { action: 'displayKeys.list', input: {} } }),
    });
    assert.equal(((await other.json()) as any).result.error.code, 'UNAUTHENTICATED');
    for (const key of ['A'.repeat(43), 'nonsense', '']) {
      const r = await screenCall(emu, { key });
      assert.deepEqual([r.body.result.ok, r.body.result.error?.code, r.body.result.error?.message], [false, 'NOT_FOUND', REFUSED]);
    }
    // A WeChat user holding the key (the page opened inside WeChat) sees the same screen.
    assert.equal((await as(emu, null, MEMBER).ok('ledger', 'display.get', { key: secret })).label, '党群服务中心大屏');
  });

  test('revoked: the screen is refused with the calm message; revoking twice is a conflict; audited', async () => {
    const r = await as(emu, null, ADMIN).ok('ledger', 'displayKeys.revoke', { keyId });
    assert.ok(r.key.revokedAt);
    assert.equal(r.key.revokedBy, '魏国庆');
    const refused = await screenCall(emu, { key: secret });
    assert.deepEqual([refused.body.result.ok, refused.body.result.error.code, refused.body.result.error.message], [false, 'NOT_FOUND', REFUSED]);
    const again = await as(emu, null, ADMIN).call('ledger', 'displayKeys.revoke', { keyId });
    assert.equal(again.ok ? 'ok' : again.error.code, 'CONFLICT');
    const audit = await emu.app().database().collection('audit_logs').where({ action: 'display.keys.revoke', target: keyId }).get();
    assert.equal(audit.data.length, 1);
    const list = await as(emu, null, ADMIN).ok('ledger', 'displayKeys.list', {});
    assert.ok(list.keys[0].revokedAt);
  });

  test('a key past its rate limit is refused with RATE_LIMITED (per key: another key still works)', async () => {
    const a = await as(emu, null, ADMIN).ok('ledger', 'displayKeys.create', { label: '一楼大厅' });
    const b = await as(emu, null, ADMIN).ok('ledger', 'displayKeys.create', { label: '二楼走廊' });
    const window = () => Math.floor(Date.now() / 600_000);
    const started = window();
    for (let i = 0; i < LIMIT; i++) assert.equal((await screenCall(emu, { key: a.secret })).body.result.ok, true, `call ${i + 1}`);
    const over = await screenCall(emu, { key: a.secret });
    if (window() === started) assert.equal(over.body.result.error?.code, 'RATE_LIMITED');
    assert.equal((await screenCall(emu, { key: b.secret })).body.result.ok, true);
  });
});

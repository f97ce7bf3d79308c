// Rate limits (issue 11): per person, on actions that write what others read, spend platform quota
// or can be used to guess (cloudfunctions/_lib/rate-limit.ts, all limits in one place). Past a
// limit: RATE_LIMITED with "操作太频繁，请 N 分钟后再试" and the seconds to wait, and nothing written;
// other people are not affected; the next window is open again; concurrent calls never pass a limit.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RATE_LIMITS } from '../../../cloudfunctions/_lib/rate-limit';
import { PRIVACY_VERSION } from '../../../shared/privacy';
import { ROOT, type EmulatorHandle } from '../../support/emulator.js';
import { as, type TestPark } from '../../support/park.js';
import { GOOD_NOTE, assertError, doc, setClock, snapshot, startStudy } from '../study/support.js';
import { startSeeded } from '../org/support.js';

let topics = 0;
/** A fresh park-wide topic of November, straight in the database (each a new chance to write a note). */
async function freshTopic(emu: EmulatorHandle, park: TestPark): Promise<string> {
  const _id = `topic-rate-${++topics}`;
  await emu.app().database().collection('topics').add({
    _id, parkId: park.parkId, scope: 'park', branchId: null, month: '2026-11', title: `限流专题${topics}`, deadline: '2026-11-30',
    materials: [{ kind: 'paragraph', text: '材料' }], noteMinLength: 10, quiz: null, assigned: {}, createdBy: { id: park.ids.周涛, name: '周涛' }, createdAt: new Date(),
  });
  return _id;
}

/** Binding needs the privacy notice agreed. */
const consent = { version: PRIVACY_VERSION };
const LIMITED = /^操作太频繁，请 \d+ (秒|分钟|小时)后再试$/;

describe('rate limits', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  beforeAll(async () => {
    ({ emu, park } = await startStudy()); // clock frozen at 2026-11-10 10:00 China time
  });
  afterAll(() => emu?.stop());

  test('invite-code guessing: 10 tries an hour per WeChat user, then RATE_LIMITED with the wait; a right code then is not spent', async () => {
    await setClock(emu, '2026-11-10T02:10:00Z'); // 10:10 China time
    const guesser = as(emu, null, { openid: 'o_guesser' });
    for (let i = 0; i < RATE_LIMITS.bind.max; i++) assertError(await guesser.call('user', 'bind', { code: `WRNG${1000 + i}`, consent }), 'INVITE_INVALID');
    const { invites } = await as(emu, park, '李强').ok('org', 'invites.create', { personIds: [park.ids.孙丽] });
    const before = await snapshot(emu);
    const r = await guesser.call('user', 'bind', { code: invites[0].code, consent });
    const e = assertError(r, 'RATE_LIMITED', LIMITED);
    assert.equal(e.message, '操作太频繁，请 50 分钟后再试', 'the window is 10:00–11:00 China time');
    assert.deepEqual(e.detail, { retryAfterSec: 3000 });
    assert.equal(await snapshot(emu), before, 'nothing written: the invite is unused, 孙丽 unbound');
    // Someone else is not affected; the guesser's next window is open again.
    assertError(await as(emu, null, { openid: 'o_other_user' }).call('user', 'bind', { code: 'WRNG0000', consent }), 'INVITE_INVALID');
    await setClock(emu, '2026-11-10T03:00:00Z'); // 11:00
    const bound = await guesser.ok('user', 'bind', { code: invites[0].code, consent });
    assert.equal(bound.person.name, '孙丽');
    await setClock(emu, '2026-11-10T02:00:00Z');
  });

  test('concurrent calls never pass a limit: 25 tries at once, exactly 10 reach the handler', async () => {
    const who = as(emu, null, { openid: 'o_burst' });
    const replies = await Promise.all(Array.from({ length: 25 }, (_, i) => who.call('user', 'bind', { code: `BRST${1000 + i}`, consent })));
    const codes = replies.map((r) => (r.ok ? 'ok' : r.error.code));
    assert.equal(codes.filter((c) => c === 'INVITE_INVALID').length, RATE_LIMITS.bind.max, codes.join(','));
    assert.equal(codes.filter((c) => c === 'RATE_LIMITED').length, 25 - RATE_LIMITS.bind.max);
  });

  test('notes: 30 in ten minutes per person, then refused and not stored; another member writes on', async () => {
    const wang = as(emu, park, '王芳');
    const first = await freshTopic(emu, park);
    await wang.ok('study', 'notes.submit', { topicId: first, text: GOOD_NOTE });
    // Every further try counts, whether the handler then accepts it or not (here: already submitted).
    for (let i = 1; i < RATE_LIMITS.content.max; i++) assertError(await wang.call('study', 'notes.submit', { topicId: first, text: GOOD_NOTE }), 'CONFLICT');
    const next = await freshTopic(emu, park);
    const before = await snapshot(emu);
    assertError(await wang.call('study', 'notes.submit', { topicId: next, text: GOOD_NOTE }), 'RATE_LIMITED', /^操作太频繁，请 10 分钟后再试$/);
    assert.equal(await snapshot(emu), before);
    assert.equal(await doc(emu, 'notes', `${next}|${park.ids.王芳}`), undefined);
    await as(emu, park, '赵敏').ok('study', 'notes.submit', { topicId: next, text: GOOD_NOTE });
  });

  test('one-tap reminders: 10 an hour per secretary', async () => {
    const li = as(emu, park, '李强');
    const topicId = await freshTopic(emu, park);
    for (let i = 0; i < RATE_LIMITS.reminders.max; i++) await li.ok('study', 'topics.remind', { topicId, branchId: park.branches.A });
    assertError(await li.call('study', 'topics.remind', { topicId, branchId: park.branches.A }), 'RATE_LIMITED', LIMITED);
    await as(emu, park, '周涛').ok('study', 'topics.remind', { topicId, branchId: park.branches.A });
  });

  test('the housekeeping timer removes counters whose window has ended, and keeps the others', async () => {
    const count = async () => (await emu.app().database().collection('rate_limits').count()).total;
    assert.ok((await count()) > 0);
    await setClock(emu, '2026-11-10T04:00:00Z'); // 12:00: every window so far has ended
    await as(emu, null, { openid: 'o_fresh' }).call('user', 'bind', { code: 'FRSH0000', consent }); // one current counter
    await emu.api('POST', '/_emulator/triggers/run', { function: 'housekeeping', trigger: 'daily' });
    const left = (await emu.app().database().collection('rate_limits').get()).data;
    assert.deepEqual(left.map((d: any) => d.key), ['wx:o_fresh']);
  });
});

describe('the app-wide content-check limit (WeChat: msgSecCheck 4,000 a minute)', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  beforeAll(async () => {
    // The same limits, but the app-wide one lowered to 3 a minute through the deployment knob.
    const env = JSON.parse(readFileSync(path.join(ROOT, 'cloudfunctions/env.local.json'), 'utf8'));
    env.study = { ...env.study, REDPARK_RATE_LIMITS: JSON.stringify({ contentCheckApp: { windowSec: 60, max: 3 } }) };
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'redpark-rate-')), 'env.json');
    writeFileSync(file, JSON.stringify(env));
    ({ emu, park } = await startSeeded(['--function-env', file]));
    await setClock(emu, '2026-11-10T02:00:30Z');
  });
  afterAll(() => emu?.stop());

  test('past it, people are asked to wait seconds, nothing is stored, and the next minute is open', async () => {
    const topicId = await freshTopic(emu, park);
    for (const who of ['王芳', '赵敏', '李强'] as const) await as(emu, park, who).ok('study', 'notes.submit', { topicId, text: GOOD_NOTE });
    const before = await snapshot(emu);
    assertError(await as(emu, park, '周涛').call('study', 'notes.submit', { topicId, text: GOOD_NOTE }), 'RATE_LIMITED', /^系统繁忙，请 30 秒后再试$/);
    assert.equal(await snapshot(emu), before);
    await setClock(emu, '2026-11-10T02:01:00Z');
    await as(emu, park, '周涛').ok('study', 'notes.submit', { topicId, text: GOOD_NOTE });
  });
});

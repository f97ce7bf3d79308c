// The user function: who am I, binding with an invite code, the card, its signed rotating code
// and verification — as named people of the test park, through the real SDK.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { type EmulatorHandle, startEmulator } from '../../support/emulator.js';
import { CONSENT, PRODUCT, type TestPark, as, seedTestPark } from '../../support/park.js';

describe('user: me, bind, card', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  const db = () => emu.app().database();
  const invite = async (code: string, personId: string, extra: Record<string, unknown> = {}) => {
    const now = Date.now();
    await db().collection('invites').add({
      _id: `inv-${code}`, code, personId, parkId: park.parkId, branchId: park.branches.A, createdBy: park.ids['李强'],
      createdAt: new Date(now), expiresAt: new Date(now + 7 * 86400_000), usedAt: null, revokedAt: null, ...extra,
    });
  };

  beforeAll(async () => {
    emu = await startEmulator(PRODUCT);
    park = await seedTestPark(emu);
  });
  afterAll(() => emu?.stop());

  test('me: a bound member, an unbound WeChat user, and a call with no WeChat user', async () => {
    const me = await as(emu, park, '王芳').ok('user', 'me');
    assert.equal(me.bound, true);
    assert.deepEqual(
      { name: me.person.name, roles: me.person.roles, branch: me.person.branch.name, park: me.person.park.name },
      { name: '王芳', roles: ['member'], branch: '新能源公司党支部', park: '测试工业园区' },
    );
    assert.deepEqual((await as(emu, park, '李强').ok('user', 'me')).person.roles, ['member', 'secretary']);
    assert.deepEqual(await as(emu, park, { openid: 'o_stranger' }).ok('user', 'me'), { bound: false, person: null });
    const anon = (await emu.app().callFunction({ name: 'user', data: { action: 'me' } })).result as { ok: boolean; error: { code: string } };
    assert.equal(anon.error.code, 'UNAUTHENTICATED');
  });

  test('bind: a one-time code binds the caller to the roster entry; the code is then spent', async () => {
    await invite('K7M2Q9XD', park.ids['孙丽']);
    const newcomer = as(emu, park, { openid: 'o_sunli' });
    const r = await newcomer.ok('user', 'bind', { code: 'k7m2q9xd', consent: CONSENT }); // typed in lower case: accepted
    assert.equal(r.person.name, '孙丽');
    assert.equal(r.person.branch.name, '新能源公司党支部');
    const stored = (await db().collection('people').doc(park.ids['孙丽']).get()).data[0] as { openid: string; boundAt: Date };
    assert.equal(stored.openid, 'o_sunli');
    assert.ok(stored.boundAt instanceof Date);
    const inv = (await db().collection('invites').doc('inv-K7M2Q9XD').get()).data[0] as { usedAt: Date | null };
    assert.ok(inv.usedAt instanceof Date);
    assert.equal((await newcomer.ok('user', 'me')).person.name, '孙丽');
    const again = await as(emu, park, { openid: 'o_someone_else' }).call('user', 'bind', { code: 'K7M2Q9XD', consent: CONSENT });
    assert.equal(again.ok ? 'ok' : again.error.code, 'INVITE_USED');
  });

  test('bind: expired, revoked, unknown and malformed codes, and an already bound caller', async () => {
    const stranger = as(emu, park, { openid: 'o_stranger' });
    const codeOf = async (input: unknown) => {
      const r = await stranger.call('user', 'bind', { consent: CONSENT, ...(input as object) });
      return r.ok ? 'ok' : r.error.code;
    };
    await invite('EXP1RED2', park.ids['孙丽'], { expiresAt: new Date(Date.now() - 1000) });
    await invite('REV0KED3', park.ids['孙丽'], { revokedAt: new Date() });
    assert.equal(await codeOf({ code: 'EXP1RED2' }), 'INVITE_EXPIRED');
    assert.equal(await codeOf({ code: 'REV0KED3' }), 'INVITE_INVALID');
    assert.equal(await codeOf({ code: 'ZZZZZZZZ' }), 'INVITE_INVALID');
    const bad = await stranger.call('user', 'bind', { code: '12-34', consent: CONSENT });
    assert.equal(bad.ok ? 'ok' : bad.error.code, 'INVALID_INPUT');
    assert.ok(!bad.ok && bad.error.fields?.code?.length, 'the field error names the code');
    assert.equal(await codeOf({}), 'INVALID_INPUT');
    assert.equal(await codeOf({ code: 'ABCDEFGH', openid: 'o_forged' }), 'INVALID_INPUT', 'no extra fields, least of all an openid');
    await invite('WANGFANG', park.ids['陈静']);
    const wang = await as(emu, park, '王芳').call('user', 'bind', { code: 'WANGFANG', consent: CONSENT });
    assert.equal(wang.ok ? 'ok' : wang.error.code, 'ALREADY_BOUND');
    const chen = (await db().collection('people').doc(park.ids['陈静']).get()).data[0] as { openid: string };
    assert.equal(chen.openid, park.openids['陈静'], 'nothing changed');
  });

  test('bind: two WeChat users racing for one code — exactly one wins', async () => {
    await db().collection('people').add({
      _id: 'person-race', parkId: park.parkId, branchId: park.branches.A, groupId: null, name: '钱进', phone: '13800000099',
      memberType: 'full', joinedPartyOn: '2019-07-01', posts: [], responsibilityArea: null, secretaryOf: [], organizer: false,
      parkAdmin: false, createdAt: new Date(), updatedAt: new Date(),
    });
    await invite('RACE2345', 'person-race');
    // Warm instances first: eight cold starts at once on a small, busy machine can outlast the SDK's
    // 15 s request timeout, and the race is about the transaction, not about cold starts.
    await emu.api('POST', '/_emulator/functions/provision', { function: 'user', instances: 8 });
    const replies = await Promise.all(
      Array.from({ length: 8 }, (_, i) => as(emu, park, { openid: `o_racer_${i}` }).call('user', 'bind', { code: 'RACE2345', consent: CONSENT })),
    );
    assert.equal(replies.filter((r) => r.ok).length, 1, JSON.stringify(replies.map((r) => (r.ok ? 'ok' : r.error.code))));
    for (const r of replies) if (!r.ok) assert.ok(['INVITE_USED', 'CONFLICT'].includes(r.error.code), r.error.code);
    const p = (await db().collection('people').doc('person-race').get()).data[0] as { openid: string };
    assert.match(p.openid, /^o_racer_\d$/);
  });

  test('card: the member card, with 党龄 in whole years from 转正, counted in China time', async () => {
    // 王芳 joined on 2010-07-01 and became a full member on 2011-07-01. At 23:59:59 on 30 June 2026 in
    // Beijing (still the 30th in UTC a second later) she has 14 years; a second later, 15.
    await emu.api('POST', '/_emulator/clock', { set: '2026-06-30T15:59:59Z', freeze: true });
    const before15 = await as(emu, park, '王芳').ok('user', 'card');
    assert.equal(before15.partyYears, 14);
    await emu.api('POST', '/_emulator/clock', { advance: 1000 });
    const card = await as(emu, park, '王芳').ok('user', 'card');
    assert.deepEqual(card, {
      name: '王芳', memberType: 'full', parkName: '测试工业园区', branchName: '新能源公司党支部', joinedPartyOn: '2010-07-01',
      partyYears: 15, posts: [{ kind: 'pioneer', title: '质检先锋岗' }], responsibilityArea: '二号车间', pledge: null, volunteerStars: null,
    });
    assert.equal((await as(emu, park, '赵敏').ok('user', 'card')).partyYears, null, 'a probationary member has no 党龄 yet');

    // An extended probation: 转正 on 2012-01-15, not one year after 入党. The day before the anniversary
    // in China, and the day itself (16:00 UTC on the 14th is already the 15th in Beijing).
    await db().collection('people').doc(park.ids.王芳).update({ fullMemberOn: '2012-01-15' });
    await emu.api('POST', '/_emulator/clock', { set: '2027-01-14T15:59:59Z', freeze: true });
    assert.equal((await as(emu, park, '王芳').ok('user', 'card')).partyYears, 14, 'the day before the 15th anniversary');
    await emu.api('POST', '/_emulator/clock', { set: '2027-01-14T16:00:00Z', freeze: true });
    assert.equal((await as(emu, park, '王芳').ok('user', 'card')).partyYears, 15, 'the anniversary, China time');
    await emu.api('POST', '/_emulator/clock', { set: '2027-01-15T16:00:00Z', freeze: true });
    assert.equal((await as(emu, park, '王芳').ok('user', 'card')).partyYears, 15, 'the day after');
    await db().collection('people').doc(park.ids.王芳).update({ fullMemberOn: '2011-07-01' });

    // No 转正日期 on the roster (entries stored before it existed): 入党日期 plus the normal one-year
    // probation. 李强 joined on 1998-06-15, so counts from 1999-06-15: 27 years on 15 June 2026 in China.
    await emu.api('POST', '/_emulator/clock', { set: '2026-06-14T15:59:59Z', freeze: true });
    assert.equal((await as(emu, park, '李强').ok('user', 'card')).partyYears, 26);
    await emu.api('POST', '/_emulator/clock', { advance: 1000 });
    assert.equal((await as(emu, park, '李强').ok('user', 'card')).partyYears, 27);
    await emu.api('POST', '/_emulator/clock', { set: Date.now(), freeze: false });
  });

  test('who may call what: me/home/bind/verifyCard are open to any WeChat user; card and cardCode to members', async () => {
    const outcome = async (who: Parameters<typeof as>[2], action: string) => {
      const r = await as(emu, park, who).call('user', action, {});
      return r.ok ? 'ok' : r.error.code;
    };
    const matrix: Array<[Parameters<typeof as>[2], string, string]> = [
      ['王芳', 'card', 'ok'], ['李强', 'card', 'ok'], ['赵敏', 'card', 'ok'], ['周涛', 'card', 'ok'], ['张伟', 'card', 'ok'],
      ['陈静', 'card', 'FORBIDDEN'], ['刘洋', 'card', 'FORBIDDEN'], [{ openid: 'o_nobody' }, 'card', 'NOT_BOUND'],
      ['王芳', 'cardCode', 'ok'], ['陈静', 'cardCode', 'FORBIDDEN'], ['刘洋', 'cardCode', 'FORBIDDEN'], [{ openid: 'o_nobody' }, 'cardCode', 'NOT_BOUND'],
      ['陈静', 'me', 'ok'], [{ openid: 'o_nobody' }, 'me', 'ok'],
      // 首页's to-do list: everyone, each gets their own (test/integration/user/home.test.ts).
      ['王芳', 'home', 'ok'], ['赵敏', 'home', 'ok'], ['陈静', 'home', 'ok'], ['李强', 'home', 'ok'], ['刘洋', 'home', 'ok'], ['周涛', 'home', 'ok'], [{ openid: 'o_nobody' }, 'home', 'ok'],
    ];
    for (const [who, action, expected] of matrix) assert.equal(await outcome(who, action), expected, `${JSON.stringify(who)} ${action}`);
    const unknown = await as(emu, park, '王芳').call('user', 'deleteEverything', {});
    assert.equal(unknown.ok ? 'ok' : unknown.error.code, 'UNKNOWN_ACTION');
    for (const action of ['card', 'cardCode', 'verifyCard', 'bind', 'home']) {
      const r = (await emu.app().callFunction({ name: 'user', data: { action, input: {} } })).result as { error: { code: string } };
      assert.equal(r.error.code, 'UNAUTHENTICATED', action);
    }
  });

  test('亮码: a signed code that a scanner verifies to public fields only, for 60 seconds', async () => {
    await emu.api('POST', '/_emulator/clock', { set: '2026-11-21T06:00:00Z', freeze: true });
    const { code, expiresAt, refreshAt } = await as(emu, park, '王芳').ok('user', 'cardCode');
    assert.match(code, /^RP1\.[\w-]+\.[\w-]+$/);
    assert.equal(expiresAt, '2026-11-21T06:01:00.000Z');
    assert.ok(refreshAt < expiresAt);
    const scanned = await as(emu, park, { openid: 'o_visitor' }).ok('user', 'verifyCard', { code });
    assert.equal(scanned.card.name, '王芳');
    assert.equal(scanned.card.partyYears, 15); // 转正 on 2011-07-01
    assert.deepEqual(scanned.card.posts, [{ kind: 'pioneer', title: '质检先锋岗' }]);
    assert.equal('joinedPartyOn' in scanned.card, false);
    const text = JSON.stringify(scanned);
    assert.doesNotMatch(text, /1380000|person-|o_test/, 'no phone, id or openid leaks');

    const verify = async (c: string) => {
      const r = await as(emu, park, '李强').call('user', 'verifyCard', { code: c });
      return r.ok ? 'ok' : r.error.code;
    };
    const [prefix, body, sig] = code.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString());
    const altered = Buffer.from(JSON.stringify({ ...payload, p: park.ids['李强'] })).toString('base64url');
    assert.equal(await verify(`${prefix}.${altered}.${sig}`), 'CARD_CODE_INVALID', 'someone else\'s id under the old signature');
    const forgedSig = createHmac('sha256', 'a-guessed-secret-that-is-long-enough-000').update(`${prefix}.${altered}`).digest('base64url');
    assert.equal(await verify(`${prefix}.${altered}.${forgedSig}`), 'CARD_CODE_INVALID', 'signed with the wrong secret');
    assert.equal(await verify('not a code'), 'CARD_CODE_INVALID');
    assert.equal(await verify(`${prefix}.${body}`), 'CARD_CODE_INVALID');
    await emu.api('POST', '/_emulator/clock', { advance: 59_000 });
    assert.equal(await verify(code), 'ok', 'still valid at 59 s');
    await emu.api('POST', '/_emulator/clock', { advance: 1_000 });
    assert.equal(await verify(code), 'CARD_CODE_EXPIRED');
    const fresh = await as(emu, park, '王芳').ok('user', 'cardCode');
    assert.notEqual(fresh.code, code, 'a new code each time');
    assert.equal(await verify(fresh.code), 'ok');
    await emu.api('POST', '/_emulator/clock', { set: Date.now(), freeze: false });
  });
});

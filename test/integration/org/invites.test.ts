// org invites: one-time codes a secretary hands out so a person can bind their WeChat (user.bind),
// reissuing, expiry under the emulator's clock, the branch's open codes, and an audit log without codes.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import type { EmulatorHandle } from '../../support/emulator.js';
import { CONSENT, as, type TestPark } from '../../support/park.js';
import { OTHER, addPerson, advanceClock, assertError, auditOf, doc, refused, snapshot, startSeeded } from './support.js';

const DAY = 86_400_000;

describe('org invites and user.bind', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  const li = () => as(emu, park, '李强'); // secretary of A
  const zhou = () => as(emu, park, '周涛'); // park admin
  const stranger = (n: string) => as(emu, null, { openid: `o_new_${n}` });
  const issued: string[] = [];
  const inviteOf = async (code: string) => {
    const { data } = await emu.app().database().collection('invites').where({ code }).get();
    return data[0] as any;
  };
  const bindCode = async (who: string, code: string) => {
    const r = await stranger(who).call('user', 'bind', { code, consent: CONSENT });
    return r.ok ? 'ok' : r.error.code;
  };
  /** user.bind refused with `code` and nothing written. */
  const bindRefused = async (who: string, code: string, expected: string) => {
    const before = await snapshot(emu);
    assert.equal(await bindCode(who, code), expected);
    assert.equal(await snapshot(emu), before, `bind ${code} refused but wrote something`);
  };

  beforeAll(async () => ({ emu, park } = await startSeeded()));
  afterAll(() => emu?.stop());

  test('invites.create by the branch secretary: a code per person, stored open, 7 days, audited without the code', async () => {
    const { invites } = await li().ok('org', 'invites.create', { personIds: [park.ids.孙丽, park.ids.孙丽] });
    assert.equal(invites.length, 1); // the same person twice is one invite
    const [inv] = invites;
    assert.deepEqual([inv.personId, inv.name], [park.ids.孙丽, '孙丽']);
    assert.match(inv.code, /^[A-HJKMNP-Z2-9]{8}$/);
    issued.push(inv.code);
    const stored = await inviteOf(inv.code);
    assert.deepEqual(
      [stored.personId, stored.parkId, stored.branchId, stored.createdBy, stored.usedAt, stored.revokedAt],
      [park.ids.孙丽, park.parkId, park.branches.A, park.ids.李强, null, null],
    );
    assert.equal(stored.expiresAt.getTime() - stored.createdAt.getTime(), 7 * DAY);
    assert.equal(new Date(inv.expiresAt).getTime(), stored.expiresAt.getTime());
    const [entry] = await auditOf(emu, park.parkId, 'invites.create');
    assert.deepEqual({ actor: entry.actor.name, target: entry.target, detail: entry.detail }, {
      actor: '李强', target: park.branches.A, detail: { count: 1, personIds: [park.ids.孙丽] },
    });
  });

  test('invites.create by a park admin for people of two branches', async () => {
    const a = await addPerson(emu, park.parkId, park.branches.A);
    const b = await addPerson(emu, park.parkId, park.branches.B);
    const { invites } = await zhou().ok('org', 'invites.create', { personIds: [a, b] });
    assert.deepEqual(invites.map((i: any) => i.personId), [a, b]);
    assert.notEqual(invites[0].code, invites[1].code);
    issued.push(...invites.map((i: any) => i.code));
    assert.equal((await inviteOf(invites[1].code)).branchId, park.branches.B);
    assert.equal((await auditOf(emu, park.parkId, 'invites.create'))[0].target, `${park.branches.A},${park.branches.B}`);
  });

  test('invites.create refusals: another branch, a bound person, unknown or another park’s person, non-managers', async () => {
    const inA = await addPerson(emu, park.parkId, park.branches.A);
    await refused(emu, as(emu, park, '张伟'), 'invites.create', { personIds: [inA] }, 'FORBIDDEN', /只能给本支部的人员生成邀请码/);
    const e = await refused(emu, li(), 'invites.create', { personIds: [inA, park.ids.王芳] }, 'INVALID_INPUT', /王芳已经绑定微信/);
    assert.deepEqual(e.detail, { personIds: [park.ids.王芳] });
    await refused(emu, li(), 'invites.create', { personIds: ['person-nope'] }, 'NOT_FOUND');
    await refused(emu, zhou(), 'invites.create', { personIds: [OTHER.member.id] }, 'NOT_FOUND');
    await refused(emu, as(emu, null, { openid: OTHER.admin.openid }), 'invites.create', { personIds: [inA] }, 'NOT_FOUND');
    await refused(emu, as(emu, park, '王芳'), 'invites.create', { personIds: [inA] }, 'FORBIDDEN');
    await refused(emu, as(emu, park, '刘洋'), 'invites.create', { personIds: [inA] }, 'FORBIDDEN');
    await refused(emu, li(), 'invites.create', { personIds: [] }, 'INVALID_INPUT');
  });

  test('reissuing revokes the old code: the old one no longer binds (INVITE_INVALID), the new one does', async () => {
    const p = await addPerson(emu, park.parkId, park.branches.A, { name: '重发人' });
    const first = (await li().ok('org', 'invites.create', { personIds: [p] })).invites[0].code;
    const second = (await li().ok('org', 'invites.create', { personIds: [p] })).invites[0].code;
    issued.push(first, second);
    assert.ok((await inviteOf(first)).revokedAt instanceof Date);
    assert.equal((await inviteOf(second)).revokedAt, null);
    const { invites } = await li().ok('org', 'invites.list', { branchId: park.branches.A });
    assert.deepEqual(invites.filter((i: any) => i.personId === p).map((i: any) => i.code), [second]);
    await bindRefused('reissue1', first, 'INVITE_INVALID');
    assert.equal(await bindCode('reissue1', second), 'ok');
  });

  test('a code binds once: the person is bound to that WeChat, the second use is INVITE_USED', async () => {
    const code = issued[0]!; // 孙丽's
    const r = await stranger('sunli').ok('user', 'bind', { code: code.toLowerCase(), consent: CONSENT });
    assert.deepEqual([r.person.id, r.person.name], [park.ids.孙丽, '孙丽']);
    const person = await doc(emu, 'people', park.ids.孙丽);
    assert.equal(person.openid, 'o_new_sunli');
    assert.ok((await inviteOf(code)).usedAt instanceof Date);
    await bindRefused('other', code, 'INVITE_USED');
    // Bound now: no new code for her.
    await refused(emu, li(), 'invites.create', { personIds: [park.ids.孙丽] }, 'INVALID_INPUT', /已经绑定微信/);
  });

  test('invites.list: only the branch’s open codes (not used, revoked, expired, moved away or of another branch)', async () => {
    const A = park.branches.A;
    const open = await addPerson(emu, park.parkId, A, { name: '待绑定' });
    const moving = await addPerson(emu, park.parkId, A, { name: '将转出' });
    const made = (await li().ok('org', 'invites.create', { personIds: [open, moving] })).invites;
    issued.push(...made.map((i: any) => i.code));
    await li().ok('org', 'transfers.create', { personId: moving, toBranchId: park.branches.B, reason: '工作调动' });
    const { invites } = await li().ok('org', 'invites.list', { branchId: A });
    const names = invites.map((i: any) => i.name);
    assert.ok(names.includes('待绑定'));
    assert.ok(names.includes('重发人') === false, 'a bound person’s code is not listed');
    assert.ok(!names.includes('孙丽') && !names.includes('将转出'));
    for (const i of invites) {
      const stored = await inviteOf(i.code);
      assert.deepEqual([stored.branchId, stored.usedAt, stored.revokedAt], [A, null, null]);
    }
    // A park admin sees the same; B's list has only B's open codes.
    assert.deepEqual(await zhou().ok('org', 'invites.list', { branchId: A }), { invites });
    const b = await as(emu, park, '张伟').ok('org', 'invites.list', { branchId: park.branches.B });
    assert.ok(b.invites.every((i: any) => i.personId !== open));
    await refused(emu, as(emu, park, '张伟'), 'invites.list', { branchId: A }, 'FORBIDDEN');
    await refused(emu, as(emu, null, { openid: OTHER.admin.openid }), 'invites.list', { branchId: A }, 'NOT_FOUND');
    await refused(emu, as(emu, park, '王芳'), 'invites.list', { branchId: A }, 'FORBIDDEN');
  });

  test('an expired code: INVITE_EXPIRED and not listed; a new code works (emulator clock)', async () => {
    const p = await addPerson(emu, park.parkId, park.branches.A, { name: '过期人' });
    const code = (await li().ok('org', 'invites.create', { personIds: [p] })).invites[0].code;
    issued.push(code);
    await advanceClock(emu, 7 * DAY - 60_000);
    assert.ok((await li().ok('org', 'invites.list', { branchId: park.branches.A })).invites.some((i: any) => i.code === code), 'still open a minute before expiry');
    await advanceClock(emu, 2 * 60_000);
    await bindRefused('late', code, 'INVITE_EXPIRED');
    assert.ok(!(await li().ok('org', 'invites.list', { branchId: park.branches.A })).invites.some((i: any) => i.code === code));
    const fresh = (await li().ok('org', 'invites.create', { personIds: [p] })).invites[0].code;
    assert.ok((await inviteOf(code)).revokedAt instanceof Date, 'reissuing also revokes an expired code');
    assert.equal(await bindCode('late', fresh), 'ok');
  });

  test('the audit log never contains an invite code', async () => {
    const { data } = await emu.app().database().collection('audit_logs').limit(1000).get();
    const text = JSON.stringify(data);
    assert.ok(issued.length >= 8);
    for (const code of issued) assert.ok(!text.includes(code), `audit log contains ${code}`);
    const r = await zhou().ok('org', 'audit.list', { action: 'invites.create', limit: 100 });
    assert.ok(r.total >= 6);
    for (const code of issued) assert.ok(!JSON.stringify(r).includes(code));
  });

  test('bad inputs to user.bind and invites.*: INVALID_INPUT with fields', async () => {
    for (const code of ['ABC', 'ABCDEFGH1', '', 12345678]) {
      const r = await stranger('bad').call('user', 'bind', { code, consent: CONSENT });
      assert.ok(assertError(r, 'INVALID_INPUT').fields?.code?.length, JSON.stringify(code));
    }
    const r = await stranger('bad').call('user', 'bind', { code: 'ABCDEFGH', consent: CONSENT, openid: 'o_test_001' });
    assert.ok(assertError(r, 'INVALID_INPUT').fields);
    await refused(emu, li(), 'invites.create', { personIds: 'person-5' }, 'INVALID_INPUT');
    await refused(emu, li(), 'invites.create', { personIds: Array.from({ length: 201 }, (_, i) => `p${i}`) }, 'INVALID_INPUT');
    await refused(emu, li(), 'invites.list', {}, 'INVALID_INPUT');
  });
});

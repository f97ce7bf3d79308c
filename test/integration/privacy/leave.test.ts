// Personal data, part two: leaving the park. A member with a full history leaves (people.leave by her
// branch's secretary); an unbound member with an open invite code is transferred out of the park.
// Afterwards: no phone or WeChat id of theirs anywhere in the database (every declared collection is
// scanned), the branch's records still name them, the roster and member counts no longer hold them,
// it is audited, and the WeChat user who was bound finds the app unbound.
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { activityInput } from '../volunteer/support.js';
import type { EmulatorHandle } from '../../support/emulator.js';
import { CONSENT, type TestPark, as } from '../../support/park.js';
import { assertError, auditOf, doc, refused, startSeeded } from '../org/support.js';
import { COLLECTIONS, giveRecords, whereFound } from './support.js';

describe('privacy: leaving the park', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  const db = () => emu.app().database();
  const li = () => as(emu, park, '李强');
  const zhou = () => as(emu, park, '周涛');
  const WANG = { phone: '13800000001', openid: 'o_test_001', oldPhone: '13800000101' };
  let records: { topicId: string; meetingId: string };
  let sunInvite = '';

  beforeAll(async () => {
    ({ emu, park } = await startSeeded());
    records = await giveRecords(emu, park, '王芳');
    // An entry written before phones were masked in the log: her phone changed from an older one.
    await db().collection('audit_logs').add({
      parkId: park.parkId, at: new Date('2026-01-05T02:00:00Z'), actor: { id: park.ids.李强, name: '李强' }, action: 'people.update', target: '王芳',
      detail: { personId: park.ids.王芳, before: { phone: WANG.oldPhone }, after: { phone: WANG.phone } },
    });
    sunInvite = (await li().ok('org', 'invites.create', { personIds: [park.ids.孙丽] })).invites[0].code;
    // Volunteering: she is the contact of an activity, and signed up for it; a rate-limit counter from
    // her invite-code tries before she was bound is keyed by her WeChat id.
    const { activity } = await li().ok('volunteer', 'activities.create', activityInput({ scope: 'branch', branchId: park.branches.A, contact: { name: '王芳', phone: WANG.phone } }));
    await as(emu, park, '王芳').ok('volunteer', 'signUp', { shiftId: activity.shifts[0].id });
    await db().collection('rate_limits').add({ _id: `bind|wx:${WANG.openid}|0`, kind: 'bind', key: `wx:${WANG.openid}`, n: 1, windowStart: new Date(), expiresAt: new Date(Date.now() + 3_600_000) });
  });
  afterAll(() => emu?.stop());

  const branchA = async () => doc(emu, 'branches', park.branches.A);

  test('before: her phone and WeChat id are stored, and her records exist', async () => {
    assert.ok((await whereFound(emu, WANG.phone)).length >= 1);
    assert.ok((await whereFound(emu, WANG.openid)).length >= 1);
    assert.ok((await whereFound(emu, WANG.oldPhone)).length >= 1, 'the old log entry holds the older phone');
    assert.equal((await branchA()).memberCount, 4);
    assert.equal((await db().collection('reminder_outbox').where({ personId: park.ids.王芳 }).get()).data.length, 1, '李强’s 一键提醒 as a WeChat reminder');
  });

  test('refused: another branch\'s secretary, oneself, a day in the future; nothing written', async () => {
    await refused(emu, as(emu, park, '张伟'), 'people.leave', { personId: park.ids.王芳, reason: '离职', leftOn: '2026-11-09' }, 'FORBIDDEN');
    await refused(emu, li(), 'people.leave', { personId: park.ids.李强, reason: '离职', leftOn: '2026-11-09' }, 'FORBIDDEN', /不能为自己办理/);
    await refused(emu, li(), 'people.leave', { personId: park.ids.王芳, reason: '离职', leftOn: '2026-11-11' }, 'INVALID_INPUT', /不能晚于今天/);
    await refused(emu, as(emu, park, '王芳'), 'people.leave', { personId: park.ids.赵敏, reason: '离职', leftOn: '2026-11-09' }, 'FORBIDDEN');
  });

  test('people.leave: the binding and phone are gone from every collection; the records keep her name', async () => {
    const r = await li().ok('org', 'people.leave', { personId: park.ids.王芳, reason: '离职，调往外地工作', leftOn: '2026-11-09' });
    assert.deepEqual(r, { personId: park.ids.王芳, name: '王芳', branch: { id: park.branches.A, name: '新能源公司党支部' }, leftOn: '2026-11-09', revokedInvites: 0 });

    // No phone (current or older) and no WeChat id of hers anywhere, in any declared collection.
    assert.ok(COLLECTIONS.length >= 20);
    for (const needle of [WANG.phone, WANG.oldPhone, WANG.openid]) assert.deepEqual(await whereFound(emu, needle), [], `${needle} is still stored`);

    // Off the roster; a record without contact data under the same id.
    assert.equal(await doc(emu, 'people', park.ids.王芳), undefined);
    const left = await doc(emu, 'people_left', park.ids.王芳);
    assert.deepEqual(Object.keys(left).sort(), ['_id', 'branchId', 'left', 'memberType', 'name', 'parkId']);
    assert.deepEqual([left.name, left.branchId, left.memberType, left.left.kind, left.left.on, left.left.reason, left.left.by.name], ['王芳', park.branches.A, 'full', 'left', '2026-11-09', '离职，调往外地工作', '李强']);

    // The branch's 台账 stays true: her ledger, study progress and note, attendance are all still there, with her name.
    const mine = (c: string) => db().collection(c).where({ personId: park.ids.王芳 }).limit(1000).get().then((r: any) => r.data as any[]);
    assert.equal((await mine('points_ledger')).length, 5);
    const [progress] = await mine('topic_progress');
    assert.deepEqual([progress.name, progress.branchId, !!progress.completedAt], ['王芳', park.branches.A, true]);
    assert.equal((await mine('notes'))[0].name, '王芳');
    const [attended] = await mine('attendance');
    assert.deepEqual([attended.name, attended.meetingId], ['王芳', records.meetingId]);
    const att = await li().ok('study', 'meetings.attendance', { meetingId: records.meetingId });
    assert.ok(att.present.some((p: any) => p.name === '王芳'), '出席 still lists her');
    // Her inbox was hers alone: deleted.
    assert.deepEqual(await mine('inbox'), []);
    // So were the WeChat reminders behind it (李强's 一键提醒 raised one) and her consents.
    assert.deepEqual(await mine('reminder_outbox'), []);
    assert.equal((await db().collection('reminder_subscribers').where({ _id: park.ids.王芳 }).get()).data.length, 0);
    // Her volunteer sign-up stays, with her name; the activity keeps her name as its contact, not her number.
    assert.equal((await mine('volunteer_registrations'))[0].name, '王芳');
    const { data: [act] } = await db().collection('volunteer_activities').where({ 'contact.name': '王芳' }).get();
    assert.deepEqual(act.contact, { name: '王芳', phone: '' });

    // Member counts and the roster.
    assert.equal((await branchA()).memberCount, 3);
    const list = await li().ok('org', 'people.list', { branchId: park.branches.A, limit: 100 });
    assert.ok(!list.people.some((p: any) => p.name === '王芳'));
    const { branches } = await li().ok('org', 'branches.list', {});
    const a = branches.find((b: any) => b.id === park.branches.A);
    assert.deepEqual([a.memberCount, a.peopleCount], [3, 4]);
    const overview = await zhou().ok('org', 'park.overview', {});
    assert.deepEqual([overview.people, overview.members, overview.bound], [7, 5, 6]);

    // Audited in the same transaction, without contact data; her older entries are masked, not removed.
    const [entry] = await auditOf(emu, park.parkId, 'people.leave');
    assert.deepEqual([entry.actor.name, entry.target, entry.detail.personName, entry.detail.leftOn, entry.detail.reason], ['李强', park.ids.王芳, '王芳', '2026-11-09', '离职，调往外地工作']);
    const older = (await auditOf(emu, park.parkId, 'people.update')).find((e) => e.detail.before?.phone);
    assert.deepEqual([older.detail.before.phone, older.detail.after.phone], ['138****0101', '138****0001']);
  });

  test('the WeChat user who was bound now finds the app unbound, and can be bound again to a new entry', async () => {
    const her = as(emu, null, { openid: WANG.openid });
    assert.deepEqual(await her.ok('user', 'me'), { bound: false, person: null });
    assertError(await her.call('user', 'myData', {}), 'NOT_BOUND');
    assertError(await her.call('user', 'card', {}), 'NOT_BOUND');
    // She is not on the roster: nobody can edit her, invite her or move her.
    await refused(emu, li(), 'people.update', { personId: park.ids.王芳, responsibilityArea: '一号车间' }, 'NOT_FOUND');
    await refused(emu, li(), 'invites.create', { personIds: [park.ids.王芳] }, 'NOT_FOUND');
    await refused(emu, li(), 'people.leave', { personId: park.ids.王芳, reason: '离职', leftOn: '2026-11-09' }, 'NOT_FOUND');
    // Her phone is free again: she comes back and is added anew, and binds the same WeChat.
    const { person } = await li().ok('org', 'people.create', { branchId: park.branches.A, name: '王芳', phone: WANG.phone, memberType: 'full', joinedPartyOn: '2010-07-01', post: null, responsibilityArea: null });
    assert.notEqual(person.id, park.ids.王芳);
    const { invites } = await li().ok('org', 'invites.create', { personIds: [person.id] });
    assert.equal((await her.ok('user', 'bind', { code: invites[0].code, consent: CONSENT })).person.id, person.id);
    assert.equal((await branchA()).memberCount, 4);
  });

  test('a transfer out of the park: the person leaves the same way; the open code is revoked; the branch history shows it', async () => {
    await refused(emu, as(emu, park, '张伟'), 'transfers.create', { personId: park.ids.孙丽, toOrganization: '兰州新区某公司党支部', reason: '调动' }, 'FORBIDDEN');
    const { transfer } = await li().ok('org', 'transfers.create', { personId: park.ids.孙丽, toOrganization: '兰州新区某公司党支部', reason: '工作调动' });
    assert.deepEqual([transfer.personName, transfer.fromBranch.name, transfer.toBranch, transfer.toOrganization], ['孙丽', '新能源公司党支部', null, '兰州新区某公司党支部']);
    assert.deepEqual(await whereFound(emu, '13800000005'), [], 'her phone is gone');
    const left = await doc(emu, 'people_left', park.ids.孙丽);
    assert.deepEqual([left.left.kind, left.left.to, left.left.on], ['transferredOut', '兰州新区某公司党支部', '2026-11-10']);
    assert.equal((await branchA()).memberCount, 3);
    // The code she was given can no longer bind anyone.
    const r = await as(emu, null, { openid: 'o_late_sunli' }).call('user', 'bind', { code: sunInvite, consent: CONSENT });
    assertError(r, 'INVITE_INVALID');
    const { transfers } = await li().ok('org', 'transfers.list', { branchId: park.branches.A });
    assert.deepEqual(transfers.map((t: any) => [t.personName, t.toBranch, t.toOrganization]), [['孙丽', null, '兰州新区某公司党支部']]);
    const [entry] = (await auditOf(emu, park.parkId, 'transfers.create')).filter((e) => e.detail.leftPark);
    assert.deepEqual([entry.target, entry.detail.toOrganization, entry.detail.revokedInvites], [park.ids.孙丽, '兰州新区某公司党支部', 1]);
  });
});

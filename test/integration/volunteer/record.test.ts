// The volunteer record (issue 15): confirmed hours and make-up hours kept apart; the 10-working-day
// recording window (weekends, the park's holidays); make-ups with four-eyes approval; corrections with
// reversing points; ratings both ways; stars at the park's thresholds on the card; certificates with
// unique numbers, public verification, and revocation when a record they counted is corrected down.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { EmulatorHandle } from '../../support/emulator.js';
import { as, type TestPark } from '../../support/park.js';
import { activityInput, assertError, chinaClock, confirmedShift, doc, startVolunteer } from './support.js';

describe('volunteer record: window, make-ups, corrections, ratings, stars, certificates', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  let first: { activityId: string; shiftId: string };
  const liu = () => as(emu, park, '刘洋');
  const zhou = () => as(emu, park, '周涛');
  const wang = () => as(emu, park, '王芳');
  const chen = () => as(emu, park, '陈静');
  const ledger = async (personId: string) => (await emu.app().database().collection('points_ledger').where({ personId, item: 'volunteerHours' }).get()).data as any[];

  beforeAll(async () => {
    ({ emu, park } = await startVolunteer());
    // Saturday 14 November: 王芳 and 陈静 serve 09:00–11:00, confirmed at once.
    first = await confirmedShift(emu, liu(), [wang(), chen()], '2026-11-14');
  });
  afterAll(() => emu?.stop());

  test('my record: the confirmed shift with its organizing body, totals per year, confirmed and make-up apart', async () => {
    const r = await wang().ok('volunteer', 'record.mine', {});
    assert.deepEqual(r.entries.map((e: any) => [e.kind, e.title, e.date, e.hours, e.organizer]), [['credit', '园区环境整治志愿服务', '2026-11-14', 2, '测试工业园区志愿服务联合会']]);
    assert.deepEqual([r.byYear, r.overall, r.stars], [[{ year: '2026', credit: 2, makeup: 0 }], { credit: 2, makeup: 0 }, { stars: 0, hours: 2, next: 100 }]);
    assert.equal(r.entries[0].shiftId, first.shiftId, 'the shift, to rate the activity from the record');
  });

  test('the recording window: 10 working days after the activity; the park’s holidays push it; then only make-ups', async () => {
    // A second shift on Saturday 14 November that nobody confirmed.
    await chinaClock(emu, '2026-11-10 10:00');
    const { activity } = await liu().ok('volunteer', 'activities.create', {
      ...activityInput({ title: '周末助老', recruitUntil: '2026-11-13 18:00', shifts: [{ start: '2026-11-14 14:00', end: '2026-11-14 16:00', capacity: 5, role: null }] }),
    });
    const shiftId = activity.shifts[0].id;
    await as(emu, park, '赵敏').ok('volunteer', 'signUp', { shiftId });
    await chinaClock(emu, '2026-11-16 09:00');
    let todo = await liu().ok('volunteer', 'todo', {});
    assert.deepEqual(todo.shiftsToConfirm.map((s: any) => [s.title, s.lastDay, s.daysLeft]), [['周末助老', '2026-11-27', 9]]);
    // A holiday on Friday 20 November (the park admin's calendar) moves the last day to Monday the 30th.
    const { settings } = await zhou().ok('volunteer', 'settings.get', {});
    await zhou().ok('volunteer', 'settings.update', { ...settings, holidays: ['2026-11-20'] });
    todo = await liu().ok('volunteer', 'todo', {});
    assert.equal(todo.shiftsToConfirm[0].lastDay, '2026-11-30');
    await chinaClock(emu, '2026-12-01 09:00');
    assertError(await liu().call('volunteer', 'shifts.confirm', { shiftId }), 'CONFLICT', /已超过 10 个工作日.*11月30日.*补录/);
  });

  test('make-ups: entered by one, approved by another (never the same person), within the activity’s length; points once', async () => {
    assertError(await liu().call('volunteer', 'makeups.create', { activityId: first.activityId, personId: park.ids.王芳, hours: 1, reason: '漏签', evidence: '签到表第 3 行' }), 'INVALID_INPUT', /共 2 小时，此人已有 2 小时，最多还能补录 0 小时/);
    const { makeup } = await liu().ok('volunteer', 'makeups.create', { activityId: first.activityId, personId: park.ids.赵敏, hours: 1.5, reason: '手机没电，未能扫码', evidence: '纸质签到表第 5 行，负责人刘洋签字' });
    assert.deepEqual([makeup.status, makeup.mayDecide], ['pending', false]);
    assertError(await liu().call('volunteer', 'makeups.decide', { makeupId: makeup.id, approve: true }), 'FORBIDDEN', /另一位负责人审核/);
    const todo = await zhou().ok('volunteer', 'todo', {});
    assert.deepEqual(todo.makeupsToDecide.map((m: any) => [m.name, m.hours, m.mayDecide]), [['赵敏', 1.5, true]]);
    const ok = await zhou().ok('volunteer', 'makeups.decide', { makeupId: makeup.id, approve: true, note: '已核对签到表' });
    assert.equal(ok.makeup.status, 'approved');
    await zhou().ok('volunteer', 'makeups.decide', { makeupId: makeup.id, approve: true }); // a repeat finishes, awards nothing twice
    const entries = await ledger(park.ids.赵敏);
    assert.deepEqual(entries.map((e) => [e.quantity, e.points, e.counters?.volunteerHours ?? 0]), [[1.5, 3, 0]], 'points, but not the leaderboard’s confirmed hours');
    const r = await as(emu, park, '赵敏').ok('volunteer', 'record.mine', {});
    assert.deepEqual([r.overall, r.entries.map((e: any) => e.kind)], [{ credit: 0, makeup: 1.5 }, ['makeup']]);
    const audit = (await emu.app().database().collection('audit_logs').where({ action: 'volunteer.makeups.approve' }).get()).data;
    assert.equal(audit.length, 1);
  });

  test('certificates: asked for, issued by the federation with a unique number, verified by anyone; forged codes fail', async () => {
    const { certificate: asked } = await wang().ok('volunteer', 'certificates.request', { issuer: 'park', period: { kind: 'year', year: '2026' } });
    assert.equal(asked.status, 'requested');
    assertError(await wang().call('volunteer', 'certificates.request', { issuer: 'park', period: { kind: 'year', year: '2026' } }), 'CONFLICT');
    assertError(await wang().call('volunteer', 'certificates.request', { issuer: park.branches.A, period: { kind: 'all' } }), 'INVALID_INPUT', /没有可以证明的志愿时长/);
    assertError(await as(emu, park, '李强').call('volunteer', 'certificates.issue', { certificateId: asked.id, issue: true }), 'FORBIDDEN');
    const { certificate } = await liu().ok('volunteer', 'certificates.issue', { certificateId: asked.id, issue: true });
    assert.match(certificate.number, /^ZYFW-2026-\d{6}$/);
    assert.deepEqual([certificate.status, certificate.hours, certificate.activities.map((a: any) => [a.title, a.hours])], ['issued', { credit: 2, makeup: 0 }, [['园区环境整治志愿服务', 2]]]);
    assert.equal(certificate.issuer.name, '测试工业园区志愿服务联合会');
    const v = await as(emu, null, { openid: 'o_someone' }).ok('volunteer', 'certificates.verify', { code: certificate.verifyCode });
    assert.deepEqual([v.number, v.name, v.valid, v.hours], [certificate.number, '王*', true, { credit: 2, makeup: 0 }]);
    const forged = certificate.verifyCode.replace(/.$/, (c: string) => (c === 'A' ? 'B' : 'A'));
    assertError(await as(emu, null, { openid: 'o_someone' }).call('volunteer', 'certificates.verify', { code: forged }), 'NOT_FOUND', /不是有效的志愿服务证明/);
  });

  test('certificate numbers stay unique when many are issued at once', async () => {
    const ids: string[] = [];
    for (const who of ['陈静', '赵敏'] as const) ids.push((await as(emu, park, who).ok('volunteer', 'certificates.request', { issuer: 'park', period: { kind: 'all' } })).certificate.id);
    const issued = await Promise.all(ids.map((certificateId, i) => (i % 2 ? liu() : zhou()).ok('volunteer', 'certificates.issue', { certificateId, issue: true })));
    const numbers = issued.map((x) => x.certificate.number);
    assert.equal(new Set(numbers).size, numbers.length);
  });

  test('a correction accepted downward: the record changes, points reversed and re-awarded, the certificate revoked; an answered one changes nothing', async () => {
    const mine = await wang().ok('volunteer', 'record.mine', {});
    const { correction } = await wang().ok('volunteer', 'corrections.create', { recordId: mine.entries[0].id, kind: 'credit', hoursAsked: 1.5, reason: '我 10:30 就离开了，应为 1.5 小时' });
    assertError(await wang().call('volunteer', 'corrections.create', { recordId: mine.entries[0].id, kind: 'credit', hoursAsked: 1, reason: '再问一次' }), 'CONFLICT');
    const decided = await liu().ok('volunteer', 'corrections.decide', { correctionId: correction.id, accept: true, hours: 1.5, answer: '已核实，改为 1.5 小时' });
    assert.deepEqual([decided.correction.status, decided.correction.hoursBefore, decided.correction.hoursAfter, decided.revokedCertificates], ['accepted', 2, 1.5, 1]);
    assert.equal((await doc(emu, 'volunteer_registrations', mine.entries[0].id)).confirmedHours, 1.5);
    const entries = await ledger(park.ids.王芳);
    assert.deepEqual(entries.map((e) => e.points).sort((a, b) => a - b), [-4, 3, 4], 'the award, its reversal, the corrected award');
    const branchA = await doc(emu, 'points_totals', `B|${park.branches.A}|2026-11`);
    assert.equal(branchA.volunteerHours, 1.5 + 2, '王芳 1.5 and 陈静 2');
    const { certificates } = await wang().ok('volunteer', 'certificates.list', {});
    assert.equal(certificates[0].status, 'revoked');
    const v = await as(emu, null, { openid: 'o_someone' }).ok('volunteer', 'certificates.verify', { code: certificates[0].verifyCode });
    assert.deepEqual([v.valid, v.revokedReason], [false, '所含记录「园区环境整治志愿服务」已更正为 1.5 小时']);
    // Deciding again changes nothing.
    await liu().ok('volunteer', 'corrections.decide', { correctionId: correction.id, accept: true, hours: 1.5, answer: '已核实，改为 1.5 小时' });
    assert.equal((await ledger(park.ids.王芳)).length, 3);
    // 陈静 asks for more; the organizer answers with a reason instead.
    const chenRec = await chen().ok('volunteer', 'record.mine', {});
    const { correction: c2 } = await chen().ok('volunteer', 'corrections.create', { recordId: chenRec.entries[0].id, kind: 'credit', hoursAsked: 3, reason: '我还帮忙收拾了场地' });
    const answered = await liu().ok('volunteer', 'corrections.decide', { correctionId: c2.id, accept: false, answer: '班次只有 2 小时，收拾场地不在服务时间内' });
    assert.equal(answered.correction.status, 'answered');
    const after = await chen().ok('volunteer', 'record.mine', {});
    assert.deepEqual([after.overall.credit, after.corrections[0].answer], [2, '班次只有 2 小时，收拾场地不在服务时间内']);
  });

  test('ratings: the organizer rates a volunteer; the volunteer rates the activity with a checked comment', async () => {
    await liu().ok('volunteer', 'ratings.rateVolunteer', { shiftId: first.shiftId, personId: park.ids.陈静, stars: 5, note: '认真负责' });
    await chen().ok('volunteer', 'ratings.rateActivity', { shiftId: first.shiftId, stars: 4, comment: '组织有序，希望多办' });
    assertError(await wang().call('volunteer', 'ratings.rateActivity', { shiftId: first.shiftId, stars: 1, comment: '可以代开发票，联系我' }), 'CONTENT_RISKY');
    assertError(await as(emu, park, '赵敏').call('volunteer', 'ratings.rateActivity', { shiftId: first.shiftId, stars: 5, comment: '' }), 'NOT_REGISTERED');
    const list = await liu().ok('volunteer', 'ratings.list', { activityId: first.activityId });
    assert.deepEqual([list.average, list.ratings.map((r: any) => [r.name, r.stars, r.comment])], [4, [['陈静', 4, '组织有序，希望多办']]]);
  });

  test('stars at the park’s thresholds, on the card and the verified card; what counts follows the setting', async () => {
    // 120 confirmed hours for 王芳 from 2024, straight in the database (a long record).
    const db = emu.app().database();
    const now = new Date();
    await db.collection('volunteer_registrations').add(Array.from({ length: 12 }, (_, i) => ({
      _id: `old-${i}|${park.ids.王芳}`, activityId: first.activityId, shiftId: `old-${i}`, parkId: park.parkId, branchId: park.branches.A, personId: park.ids.王芳, name: '王芳',
      shiftStart: new Date(Date.UTC(2024, i, 5, 1)), shiftEnd: new Date(Date.UTC(2024, i, 5, 11)), status: 'registered', signedInAt: null, signedOutAt: null, signOutBy: null,
      signedInOpen: false, manualReason: null, confirmedHours: 10, correctionReason: null, createdAt: now, updatedAt: now,
    })));
    const r = await wang().ok('volunteer', 'record.mine', {});
    assert.deepEqual([r.stars, r.byYear.map((y: any) => y.year)], [{ stars: 1, hours: 121.5, next: 300 }, ['2026', '2024']]);
    assert.equal((await wang().ok('user', 'card', {})).volunteerStars, 1);
    const zhao = as(emu, park, '赵敏');
    assert.equal((await zhao.ok('user', 'card', {})).volunteerStars, 0, 'make-up hours, below the first star');
    assert.equal((await as(emu, park, '张伟').ok('user', 'card', {})).volunteerStars, null, 'no hours: no stars row');
    const { code } = await wang().ok('user', 'cardCode', {});
    assert.equal((await zhao.ok('user', 'verifyCard', { code })).card.volunteerStars, 1);
    // Lower thresholds, confirmed hours only: 赵敏's make-up no longer counts.
    const { settings } = await zhou().ok('volunteer', 'settings.get', {});
    await zhou().ok('volunteer', 'settings.update', { ...settings, stars: [1, 2, 3, 4, 5], hoursCounted: 'credit' });
    assert.deepEqual((await zhao.ok('volunteer', 'record.mine', {})).stars, { stars: 0, hours: 0, next: 1 });
    assert.equal((await wang().ok('user', 'card', {})).volunteerStars, 5);
  });
});

// Who may call what in `volunteer`: every action of the contract (a new action without a row fails)
// × every kind of caller, with a valid input on a park-wide activity of the test park; refused calls
// write nothing. Then inputs the contract refuses: INVALID_INPUT naming the field, in Chinese.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { contract } from '../../../shared/contract';
import type { EmulatorHandle } from '../../support/emulator.js';
import { type Row, WHO, badInputProblems, matrixActor, matrixProblems, outcomes } from '../../support/matrix.js';
import type { TestPark } from '../../support/park.js';
import { OTHER, activityInput, snapshot, startVolunteer } from './support.js';

/** The federation's organizer and the park admin manage park-wide activities; another park's admin finds nothing. */
const ORGANIZERS = outcomes({ organizer: 'ok', admin: 'ok', otherAdmin: 'NOT_FOUND' });
const EVERYONE_BOUND = outcomes({}, 'ok');
/** Anyone on this park's roster. */
const PARK_PEOPLE = outcomes({ otherAdmin: 'NOT_FOUND' }, 'ok');

describe('volunteer: authorization matrix and bad inputs', () => {
  let emu: EmulatorHandle;
  let park: TestPark;
  let activity: string;
  let shift: string;
  /** A shift of today, 10:20–12:00 (the clock is at 10:00): its code is open. */
  let nowShift: string;
  let endedShift: string;
  let n = 0;
  const actor = (who: (typeof WHO)[number]) => matrixActor(emu, park, who, OTHER.admin.openid);
  const db = () => emu.app().database();

  const fresh = async (publish: boolean) => (await actor('organizer').ok('volunteer', 'activities.create', activityInput({ title: `矩阵活动${++n}`, publish }))).activity.id as string;
  const sameContent = () => {
    const { scope: _s, publish: _p, ...rest } = activityInput();
    return rest as Record<string, unknown>;
  };

  const rows: Record<string, Row> = {
    'activities.create': { input: () => activityInput({ title: `新活动${++n}` }), expect: outcomes({ organizer: 'ok', admin: 'ok', otherAdmin: 'ok' }) },
    'activities.update': {
      input: async () => {
        const { activity: a } = await actor('organizer').ok('volunteer', 'activities.get', { activityId: activity });
        const shifts = a.shifts.map((s: any, i: number) => ({ ...(activityInput().shifts as any[])[i], id: s.id }));
        return { activityId: activity, ...sameContent(), place: `广场${++n}号`, shifts };
      },
      expect: ORGANIZERS,
    },
    // A draft is invisible to anyone who does not manage it.
    'activities.publish': { input: async () => ({ activityId: await fresh(false) }), expect: { ...ORGANIZERS, secA: 'NOT_FOUND', secB: 'NOT_FOUND' } },
    'activities.cancel': { input: async () => ({ activityId: await fresh(true), reason: '天气原因' }), expect: ORGANIZERS },
    'activities.list': { input: () => ({}), expect: EVERYONE_BOUND },
    // Anyone with a shared link may look, bound or not.
    'activities.get': { input: () => ({ activityId: activity }), expect: { ...PARK_PEOPLE, stranger: 'ok' } },
    signUp: { input: () => ({ shiftId: shift }), expect: PARK_PEOPLE },
    cancel: {
      input: async (who) => {
        await actor(who).call('volunteer', 'signUp', { shiftId: shift });
        return { shiftId: shift };
      },
      expect: PARK_PEOPLE,
    },
    scan: {
      input: async (who) => {
        await actor(who).call('volunteer', 'signUp', { shiftId: nowShift });
        return { code: (await actor('organizer').ok('volunteer', 'shifts.code', { shiftId: nowShift })).code };
      },
      expect: PARK_PEOPLE,
    },
    'shifts.code': { input: () => ({ shiftId: nowShift }), expect: ORGANIZERS },
    'shifts.roster': { input: () => ({ shiftId: shift }), expect: ORGANIZERS },
    'shifts.scanCard': { input: async () => ({ shiftId: nowShift, cardCode: (await actor('member').ok('user', 'cardCode', {})).code }), expect: ORGANIZERS },
    'shifts.markPresent': { input: () => ({ shiftId: nowShift, personId: park.ids.陈静, signedInAt: '2026-11-10 09:55', signedOutAt: null, reason: '手机没电，现场登记' }), expect: ORGANIZERS },
    'shifts.confirm': { input: () => ({ shiftId: endedShift }), expect: ORGANIZERS },
    'shifts.findPeople': { input: () => ({ shiftId: shift, name: '王' }), expect: ORGANIZERS },
    'settings.get': { input: () => ({}), expect: EVERYONE_BOUND },
    'settings.update': { input: () => SETTINGS, expect: outcomes({ admin: 'ok', otherAdmin: 'ok' }) },
    'record.mine': { input: () => ({}), expect: EVERYONE_BOUND },
    'record.of': { input: () => ({ personId: park.ids.陈静 }), expect: { ...ORGANIZERS, secA: 'ok' } },
    todo: { input: () => ({}), expect: outcomes({ organizer: 'ok', secA: 'ok', secB: 'ok', admin: 'ok', otherAdmin: 'ok' }) },
    'makeups.create': { input: () => ({ activityId: 'act-ended', personId: park.ids.陈静, hours: 0.5, reason: '漏签', evidence: '签到表' }), expect: ORGANIZERS },
    'makeups.decide': { input: async () => ({ makeupId: await pendingMakeup(), approve: false, note: '证明不足' }), expect: ORGANIZERS },
    // Only the person whose record it is may question it.
    'corrections.create': {
      input: async () => ({ recordId: await confirmedRecord('王芳'), kind: 'credit', hoursAsked: 1, reason: '我提前离开了' }),
      expect: outcomes({ member: 'ok', otherAdmin: 'NOT_FOUND' }, 'NOT_FOUND'),
    },
    'corrections.decide': { input: async () => ({ correctionId: await openCorrection(), accept: false, answer: '时长无误' }), expect: ORGANIZERS },
    'ratings.rateVolunteer': { input: async () => ({ shiftId: endedShift, personId: (await confirmedRecord('陈静'), park.ids.陈静), stars: 5 }), expect: ORGANIZERS },
    'ratings.rateActivity': {
      input: async () => ({ shiftId: endedShift, stars: 4, comment: '' }),
      // 陈静 took part too (the row before gave her a record).
      expect: outcomes({ member: 'ok', masses: 'ok', otherAdmin: 'NOT_FOUND' }, 'NOT_REGISTERED'),
    },
    'ratings.list': { input: () => ({ activityId: 'act-ended' }), expect: ORGANIZERS },
    // Asking needs hours to certify: 王芳 has them.
    'certificates.request': {
      input: () => ({ issuer: 'park', period: { kind: 'year', year: String(2000 + ++n) } }),
      expect: outcomes({ otherAdmin: 'INVALID_INPUT' }, 'INVALID_INPUT'),
    },
    'certificates.issue': { input: async () => ({ certificateId: await certificate('requested'), issue: true }), expect: ORGANIZERS },
    'certificates.list': { input: () => ({}), expect: EVERYONE_BOUND },
    'certificates.revoke': { input: async () => ({ certificateId: await certificate('issued'), reason: '记录有误' }), expect: ORGANIZERS },
    // Anyone who scans a certificate, bound or not, from any park.
    'certificates.verify': {
      input: async () => {
        const id = await certificate('issued');
        const { certificates } = await actor('member').ok('volunteer', 'certificates.list', {});
        return { code: certificates.find((c: any) => c.id === id).verifyCode };
      },
      expect: outcomes({ stranger: 'ok' }, 'ok'),
    },
  };

  const SETTINGS = {
    stars: [100, 300, 600, 1000, 1500], hoursCounted: 'both', holidays: ['2026-10-01'], workdays: [],
    federation: { name: '测试园区志愿服务联合会', personInCharge: '刘洋', handler: '刘洋', contactPhone: '13800000007' },
  };
  /** A confirmed record (2 h on the ended shift) of a person, straight in the database; its id. */
  const confirmedRecord = async (who: '王芳' | '陈静') => {
    const _id = `shift-ended|${park.ids[who]}`;
    const now = new Date();
    const doc = {
      activityId: 'act-ended', shiftId: 'shift-ended', parkId: park.parkId, branchId: park.branches.A, personId: park.ids[who], name: who, shiftStart: new Date('2026-11-01T01:00:00Z'),
      shiftEnd: new Date('2026-11-01T03:00:00Z'), status: 'registered', signedInAt: new Date('2026-11-01T01:00:00Z'), signedOutAt: new Date('2026-11-01T03:00:00Z'), signOutBy: 'self',
      signedInOpen: false, manualReason: null, confirmedHours: 2, correctionReason: null, createdAt: now, updatedAt: now,
    };
    await db().collection('volunteer_registrations').doc(_id).set(doc);
    return _id;
  };
  const pendingMakeup = async () => {
    const _id = `makeup-matrix-${++n}`;
    await db().collection('volunteer_makeups').add({
      _id, parkId: park.parkId, activityId: 'act-ended', title: '上周活动', scope: 'park', branchId: null, personId: park.ids.陈静, personBranchId: park.branches.A, name: '陈静',
      hours: 0.5, date: '2026-11-01', reason: '漏签', evidence: '签到表', status: 'pending', enteredBy: { id: 'someone-else', name: '其他组织者' }, enteredAt: new Date(),
      decidedBy: null, decidedAt: null, decisionNote: null, countedHours: null,
    });
    return _id;
  };
  const openCorrection = async () => {
    const recordId = await confirmedRecord('陈静');
    const _id = `correction-matrix-${++n}`;
    await db().collection('volunteer_corrections').add({
      _id, parkId: park.parkId, kind: 'credit', recordId, activityId: 'act-ended', title: '上周活动', scope: 'park', branchId: null, personId: park.ids.陈静, name: '陈静',
      hoursBefore: 2, hoursAsked: 1, reason: '提前离开', status: 'open', hoursAfter: null, answer: null, at: new Date(), decidedAt: null, decidedBy: null,
    });
    return _id;
  };
  const certificate = async (status: 'requested' | 'issued') => {
    await confirmedRecord('王芳');
    const _id = `cert-matrix-${++n}`;
    await db().collection('volunteer_certificates').add({
      _id, parkId: park.parkId, personId: park.ids.王芳, name: '王芳', issuerKind: 'park', issuerBranchId: null, period: { kind: 'all' }, status,
      ...(status === 'issued' ? { number: `ZYFW-2026-9${String(n).padStart(5, '0')}` } : {}),
      issuer: status === 'issued' ? { name: '联合会', personInCharge: '刘洋', handler: '刘洋', contactPhone: '13800000007' } : null,
      hours: status === 'issued' ? { credit: 2, makeup: 0 } : null, hoursCounted: 'both', activities: [], requestedAt: new Date('2026-11-05T00:00:00Z'),
      issuedAt: status === 'issued' ? new Date('2026-11-05T00:00:00Z') : null, // before the emulator's clock
      issuedBy: null, note: null, revokedReason: null,
    });
    return _id;
  };

  beforeAll(async () => {
    ({ emu, park } = await startVolunteer());
    const a = (await actor('organizer').ok('volunteer', 'activities.create', activityInput({ shifts: [{ start: '2026-11-15 09:00', end: '2026-11-15 11:00', capacity: 50, role: null }] }))).activity;
    activity = a.id;
    shift = a.shifts[0].id;
    const today = await actor('organizer').ok('volunteer', 'activities.create', activityInput({
      title: '今日活动', recruitFrom: '2026-11-10 08:00', recruitUntil: '2026-11-10 10:10', shifts: [{ start: '2026-11-10 10:20', end: '2026-11-10 12:00', capacity: 50, role: null }],
    }));
    nowShift = today.activity.shifts[0].id;
    // A shift that has ended, straight in the database (an activity cannot be published in the past).
    const now = new Date();
    await db().collection('volunteer_activities').add({
      _id: 'act-ended', parkId: park.parkId, scope: 'park', branchId: null, title: '上周活动', content: [{ kind: 'paragraph', text: '内容' }], category: 'community', place: '社区',
      audience: 'all', recruitFrom: new Date('2026-10-01T00:00:00Z'), recruitUntil: new Date('2026-10-30T00:00:00Z'), cancelBeforeHours: 24, contact: { name: '刘洋', phone: '13800000007' },
      riskNotice: '', insured: false, hoursRule: { minPresence: 0.6, roundTo: 0.5 }, shiftIds: ['shift-ended'], startsAt: new Date('2026-11-01T01:00:00Z'), endsAt: new Date('2026-11-01T03:00:00Z'),
      status: 'published', cancelReason: null, createdBy: { id: park.ids.刘洋, name: '刘洋' }, createdAt: now, editedAt: null,
    });
    await db().collection('volunteer_shifts').add({
      _id: 'shift-ended', activityId: 'act-ended', parkId: park.parkId, start: new Date('2026-11-01T01:00:00Z'), end: new Date('2026-11-01T03:00:00Z'), capacity: 10, role: null,
      taken: 0, holders: [], waiters: [], confirmedAt: null, confirmedBy: null,
    });
    endedShift = 'shift-ended';
  });
  afterAll(() => emu?.stop());

  test('every action of the contract has a row (and every row an action)', () => {
    assert.deepEqual(Object.keys(rows).sort(), Object.keys(contract.volunteer).sort());
  });

  test('each action × each caller gives the expected outcome; refusals write nothing', async () => {
    assert.deepEqual(await matrixProblems(emu, snapshot, 'volunteer', Object.keys(contract.volunteer), rows, actor), []);
  });

  const shiftOf = (over: Record<string, unknown>) => activityInput({ shifts: [{ start: '2026-11-15 09:00', end: '2026-11-15 11:00', capacity: 5, role: null, ...over }] });
  const BAD: Record<string, Array<[unknown, string]>> = {
    'activities.create': [
      [activityInput({ title: '' }), 'title'],
      [activityInput({ category: 'party' }), 'category'],
      [activityInput({ audience: 'vip' }), 'audience'],
      [activityInput({ scope: 'branch' }), 'branchId'],
      [activityInput({ recruitUntil: '2026-11-09 18:00' }), 'recruitUntil'],
      [activityInput({ recruitUntil: '2026-11-15 10:00' }), 'recruitUntil'],
      [activityInput({ recruitFrom: '2026-11-31 09:00' }), 'recruitFrom'],
      [activityInput({ recruitFrom: '2026-11-10 9:00' }), 'recruitFrom'],
      [activityInput({ contact: { name: '刘洋', phone: '123' } }), 'contact'],
      [activityInput({ hoursRule: { minPresence: 0.6, roundTo: 0.3 } }), 'hoursRule'],
      [activityInput({ shifts: [] }), 'shifts'],
      [shiftOf({ end: '2026-11-15 08:00' }), 'shifts'],
      [shiftOf({ capacity: 0 }), 'shifts'],
      [shiftOf({ end: '2026-11-16 12:00' }), 'shifts'],
      [activityInput({ status: 'published' }), 'status'],
      [activityInput({ parkId: OTHER.parkId }), 'parkId'],
    ],
    'activities.update': [[{ activityId: 'x', ...activityInput({ publish: undefined, scope: undefined, title: '' }) }, 'title']],
    'activities.publish': [[{}, 'activityId']],
    'activities.cancel': [[{ activityId: 'x', reason: '' }, 'reason'], [{ activityId: 'x' }, 'reason']],
    'activities.list': [[{ view: 'all' }, 'view'], [{ limit: 1000 }, 'limit']],
    'activities.get': [[{ activityId: '' }, 'activityId']],
    signUp: [[{ shiftId: 1 }, 'shiftId'], [{ shiftId: 'x', personId: 'person-1' }, 'personId'], [{ shiftId: 'x', status: 'registered' }, 'status']],
    cancel: [[{}, 'shiftId']],
    scan: [[{ code: '' }, 'code'], [{ code: 'x', at: '2026-11-10 09:00' }, 'at']],
    'shifts.code': [[{}, 'shiftId']],
    'shifts.roster': [[{ shiftId: [] }, 'shiftId']],
    'shifts.scanCard': [[{ shiftId: 'x', cardCode: '' }, 'cardCode']],
    'shifts.markPresent': [
      [{ shiftId: 'x', personId: 'y', signedInAt: '2026-11-10 09:55', signedOutAt: '2026-11-10 09:00', reason: '补登' }, 'signedOutAt'],
      [{ shiftId: 'x', personId: 'y', signedInAt: '2026-11-10 09:55', signedOutAt: null, reason: '' }, 'reason'],
      [{ shiftId: 'x', personId: 'y', signedInAt: '今天上午', signedOutAt: null, reason: '补登' }, 'signedInAt'],
    ],
    'shifts.findPeople': [[{ shiftId: 'x', name: '' }, 'name'], [{ shiftId: 'x', name: '王', phone: '138' }, 'phone']],
    'settings.get': [[{ parkId: 'x' }, 'parkId']],
    'settings.update': [
      [{ ...SETTINGS, stars: [100, 300, 200, 1000, 1500] }, 'stars'],
      [{ ...SETTINGS, stars: [100] }, 'stars'],
      [{ ...SETTINGS, hoursCounted: 'makeup' }, 'hoursCounted'],
      [{ ...SETTINGS, holidays: ['2026-13-01'] }, 'holidays'],
      [{ ...SETTINGS, federation: { ...SETTINGS.federation, contactPhone: '12' } }, 'federation'],
    ],
    'record.mine': [[{ personId: 'person-2' }, 'personId']],
    'record.of': [[{}, 'personId']],
    todo: [[{ all: true }, 'all']],
    'makeups.create': [
      [{ activityId: 'x', personId: 'y', hours: 0, reason: '漏签', evidence: '签到表' }, 'hours'],
      [{ activityId: 'x', personId: 'y', hours: 25, reason: '漏签', evidence: '签到表' }, 'hours'],
      [{ activityId: 'x', personId: 'y', hours: 1, reason: '', evidence: '签到表' }, 'reason'],
      [{ activityId: 'x', personId: 'y', hours: 1, reason: '漏签' }, 'evidence'],
      [{ activityId: 'x', personId: 'y', hours: 1, reason: '漏签', evidence: '签到表', status: 'approved' }, 'status'],
    ],
    'makeups.decide': [[{ makeupId: 'x' }, 'approve'], [{ makeupId: 'x', approve: 'yes' }, 'approve']],
    'corrections.create': [[{ recordId: 'x', kind: 'credit', hoursAsked: null, reason: '' }, 'reason'], [{ recordId: 'x', kind: 'bonus', hoursAsked: 1, reason: '少算了' }, 'kind']],
    'corrections.decide': [[{ correctionId: 'x', accept: true, answer: '同意' }, 'hours'], [{ correctionId: 'x', accept: false, answer: '' }, 'answer']],
    'ratings.rateVolunteer': [[{ shiftId: 'x', personId: 'y', stars: 6 }, 'stars'], [{ shiftId: 'x', personId: 'y', stars: 0 }, 'stars']],
    'ratings.rateActivity': [[{ shiftId: 'x', stars: 3, comment: '长'.repeat(201) }, 'comment'], [{ shiftId: 'x', stars: 2.5, comment: '' }, 'stars']],
    'ratings.list': [[{}, 'activityId']],
    'certificates.request': [[{ issuer: 'park', period: { kind: 'year', year: '26' } }, 'period'], [{ issuer: 'park', period: { kind: 'month' } }, 'period'], [{ issuer: 'park' }, 'period']],
    'certificates.issue': [[{ certificateId: 'x' }, 'issue']],
    'certificates.list': [[{ view: 'all' }, 'view']],
    'certificates.revoke': [[{ certificateId: 'x', reason: '' }, 'reason']],
    'certificates.verify': [[{ code: '' }, 'code']],
    'shifts.confirm': [
      [{ shiftId: 'x', corrections: [{ personId: 'y', hours: -1, reason: '改' }] }, 'corrections'],
      [{ shiftId: 'x', corrections: [{ personId: 'y', hours: 2, reason: '' }] }, 'corrections'],
      [{ shiftId: 'x', confirmedAt: '2026-11-10' }, 'confirmedAt'],
    ],
  };

  test('bad inputs to every action are INVALID_INPUT naming the field; nothing written', async () => {
    assert.deepEqual(await badInputProblems(emu, snapshot, 'volunteer', Object.keys(contract.volunteer), BAD, (action) => actor(action === 'settings.update' ? 'admin' : 'organizer')), []);
  });
});

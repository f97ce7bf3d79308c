// The two ways a park comes to exist: `npm run bootstrap:park` (production's first park admin, who then
// binds with the printed invite code) and the demo park that `npm start` loads, whose people must match
// the personas the H5 app offers (miniapp/src/local/personas.json).
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type EmulatorHandle, ROOT, startEmulator } from '../../support/emulator.js';
import { CONSENT, PRODUCT, as } from '../../support/park.js';
import { bootstrapPark } from '../../../scripts/bootstrap-park';
import { seedDemoPark } from '../../../scripts/seed-demo';
import { runDemoStep } from '../../support/demo.js';
import { DEMO_STUDY_FINISHERS, DEMO_TOPIC_TITLE, SECRETARY_PERSONAS } from '../../../scripts/demo/study';
import { DEMO_VOLUNTEER_TITLES, addDays } from '../../../scripts/demo/volunteer';
import { PAST_TITLES } from '../../../scripts/demo/points';
import { chinaPeriods } from '../../../shared/periods';
import { meetingDates } from '../../../shared/schedule';
import { chinaDateString } from '../../../shared/time';

let emu: EmulatorHandle;
beforeAll(async () => {
  emu = await startEmulator({ spec: PRODUCT.spec, args: PRODUCT.args });
});
afterAll(async () => {
  await emu?.stop();
});


const count = async (c: string, where: object = {}) => (await emu.app().database().collection(c).where(where).count()).total;

describe('bootstrap:park', () => {
  test('creates the park, its 园区党委 branch and the admin; the admin binds with the printed code and manages the park', async () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bootstrap-park.ts', '--park-name', '酒泉工业园区', '--admin-name', '张三', '--admin-phone', '13912345678', '--admin-joined', '2001-07-01', '--url', emu.baseUrl], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const code = /邀请码：([A-Z0-9]{8})/.exec(r.stdout)?.[1];
    assert.ok(code, r.stdout);
    const admin = as(emu, null, { openid: 'o_first_admin' });
    const bound = await admin.ok('user', 'bind', { code, consent: CONSENT });
    assert.equal(bound.person.name, '张三');
    assert.ok(bound.person.roles.includes('parkAdmin'));
    const overview = await admin.ok('org', 'park.overview', {});
    assert.equal(overview.park.name, '酒泉工业园区');
    assert.equal(overview.branches, 1);
    // The code is spent.
    const again = await as(emu, null, { openid: 'o_someone_else' }).call('user', 'bind', { code, consent: CONSENT });
    assert.equal(again.ok, false);
  });

  test('refuses a park name that exists and bad input, writing nothing', async () => {
    const before = await Promise.all(['parks', 'branches', 'people', 'invites'].map((c) => count(c)));
    await assert.rejects(bootstrapPark(emu.app().database(), { parkName: '酒泉工业园区', adminName: '李四', adminPhone: '13912345679' }), /已经有名为“酒泉工业园区”的园区/);
    await assert.rejects(bootstrapPark(emu.app().database(), { parkName: '宣化园区', adminName: '李四', adminPhone: '12345' }), /手机号/);
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bootstrap-park.ts', '--park-name', '宣化园区', '--url', emu.baseUrl], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /用法/);
    assert.deepEqual(await Promise.all(['parks', 'branches', 'people', 'invites'].map((c) => count(c))), before);
  });
});

describe('the demo park', () => {
  interface DemoPersona { openid: string; name: string; label: string }
  const personas = JSON.parse(readFileSync(path.join(ROOT, 'miniapp/src/local/personas.json'), 'utf8')) as DemoPersona[];

  test('about 20 enterprises, 8 branches and 150 people; loading it twice writes nothing more', async () => {
    const first = await seedDemoPark(emu.app().database());
    assert.equal(first.created, true);
    assert.ok(first.enterprises >= 18 && first.enterprises <= 22, `${first.enterprises} enterprises`);
    assert.equal(first.branches, 8);
    assert.ok(first.people >= 140 && first.people <= 160, `${first.people} people`);
    const second = await seedDemoPark(emu.app().database());
    assert.deepEqual({ ...second, created: true }, first);
    assert.equal(second.created, false);
  });

  test('every persona offered by the H5 app is a demo person with the role its label says (the unbound one is not on the roster)', async () => {
    for (const p of personas) {
      const me = await as(emu, null, { openid: p.openid }).ok('user', 'me', {});
      if (p.label === '未绑定') {
        assert.equal(me.bound, false, p.name);
        continue;
      }
      assert.equal(me.person?.name, p.name, p.openid);
      const want = { 党员: 'member', 预备党员: 'member', 群众: 'masses', 支部书记: 'secretary', 志愿服务组织者: 'organizer', 园区党委: 'parkAdmin' }[p.label];
      assert.ok(want && me.person.roles.includes(want), `${p.name} (${p.label}) has roles ${me.person.roles}`);
    }
  });

  test('members have posts and 责任区 on their cards, and some people wait for an invite code', async () => {
    const card = await as(emu, null, { openid: 'o_demo_member' }).ok('user', 'card', {});
    assert.ok(card.posts.length > 0 && card.responsibilityArea, JSON.stringify(card));
    assert.ok(card.partyYears > 10);
    const unbound = await count('people', { parkId: (await as(emu, null, { openid: 'o_demo_admin' }).ok('user', 'me', {})).person.park.id, openid: emu.app().database().command.exists(false) });
    assert.ok(unbound >= 3, `${unbound} unbound demo people`);
  });

  test('demo activity (npm start runs it): points through the real awardPoints, leaderboards with values, past flags; a rerun awards nothing', async () => {
    const run = () => runDemoStep(emu, 'scripts/demo/points.ts');
    const first = await run();
    assert.equal(first.status, 0, first.stderr);
    const awarded = Number(/(\d+) events awarded/.exec(first.stdout)?.[1]);
    assert.ok(awarded > 300, first.stdout);
    const member = as(emu, null, { openid: 'o_demo_member' });
    const summary = await member.ok('score', 'me.summary', {});
    assert.ok(summary.year > 0 && summary.branchRank, JSON.stringify(summary));
    const board = await member.ok('score', 'leaderboard', { periodKind: 'quarter' });
    assert.ok(board.ranked.length >= 6 && board.ranked.every((r: any) => r.value > 0), JSON.stringify(board.ranked));
    const flags = await member.ok('score', 'flags.list', {});
    assert.ok(flags.flags.length >= 1, 'a flag for a finished month');
    // 往期专题 lists the past months' topics the points speak of (it was empty: they had points but no topics),
    // each completed exactly when the member's 我的积分 has its 完成月度专题学习.
    const month = chinaPeriods(new Date((await emu.api('GET', '/_emulator/clock')).now)).month;
    const past = (await member.ok('study', 'topics.list', {})).topics.filter((t: any) => t.month < month);
    assert.deepEqual(past.map((t: any) => t.title), [PAST_TITLES[1], PAST_TITLES[0]]);
    const me = (await member.ok('user', 'me', {})).person.id;
    const entries = (await emu.app().database().collection('points_ledger').where({ personId: me, item: 'topicCompleted' }).get()).data as any[];
    for (const t of past) {
      const earned = entries.some((e) => e.note === t.title);
      assert.equal(t.completed, earned, `${t.title}: completed ${t.completed}, points ${earned}`);
    }
    const opened = await member.ok('study', 'topics.get', { topicId: past[0].id });
    assert.equal(opened.topic.closed, true);
    const ledger = await count('points_ledger');
    const second = await run();
    assert.equal(second.status, 0, second.stderr);
    assert.match(second.stdout, / 0 events awarded/);
    assert.equal(await count('points_ledger'), ledger);
  });

  test('demo study (npm start runs it after the points): this month’s topic, each secretary’s meetings and some progress, through the study function; a rerun creates nothing', async () => {
    const run = () => runDemoStep(emu, 'scripts/demo/study.ts');
    const db = emu.app().database();
    const parkId = 'park-demo';
    // Today as the functions see it (the emulator's clock), in China time.
    const { day: today, month } = chinaPeriods(new Date((await emu.api('GET', '/_emulator/clock')).now));
    const next = (day: number) => {
      const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
      const [yy, mm] = Number(today.slice(8, 10)) <= day ? [y, m] : m === 12 ? [y + 1, 1] : [y, m + 1];
      return `${yy}-${String(mm).padStart(2, '0')}-${day}`;
    };

    const first = await run();
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /\[seed\] demo study: .*published/, first.stdout);

    // Exactly one park-wide topic for the month, by the park admin, with its quiz and deadline.
    const { data: topics } = await db.collection('topics').where({ parkId, month }).get();
    assert.equal(topics.length, 1, JSON.stringify(topics.map((t: any) => t.title)));
    const topic = topics[0] as any;
    assert.equal(topic.scope, 'park');
    assert.equal(topic.title, DEMO_TOPIC_TITLE);
    assert.equal(topic.createdBy.name, '魏国庆');
    assert.equal(topic.noteMinLength, 30);
    assert.equal(topic.quiz.questions.length, 3);
    assert.deepEqual([topic.quiz.passMark, topic.quiz.maxAttempts], [2, 3]);
    assert.deepEqual(new Set(topic.quiz.questions.map((q: any) => q.kind)), new Set(['single', 'multiple']));
    assert.ok(topic.materials.some((b: any) => b.kind === 'link' && b.url === 'https://www.12371.cn/'));
    const lastDay = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
    assert.equal(topic.deadline, `${month}-${lastDay}`, 'the deadline is the month\'s last day');

    // Each branch with a secretary persona: a monthly 主题党日 series from the next 15th, a quarterly 大党课
    // from the next 25th, and today's 主题党日 in the first one (unless the series starts today).
    assert.deepEqual(SECRETARY_PERSONAS, ['o_demo_secretary', 'o_demo_secretary2']);
    for (const [i, openid] of SECRETARY_PERSONAS.entries()) {
      const branchId = (await as(emu, null, { openid }).ok('user', 'me', {})).person.secretaryOf[0];
      const { data } = await db.collection('meetings').where({ branchId }).limit(100).get();
      const dates = (kind: string, repeat: string) => (data as any[]).filter((m) => m.kind === kind && m.repeat === repeat).map((m) => m.date).sort();
      assert.deepEqual(dates('partyDay', 'monthly'), meetingDates(next(15), 'monthly', 6), openid);
      assert.deepEqual(dates('partyLecture', 'quarterly'), meetingDates(next(25), 'quarterly', 4), openid);
      assert.deepEqual(dates('partyDay', 'once'), i === 0 && next(15) !== today ? [today] : [], openid);
      assert.equal(new Set((data as any[]).filter((m) => m.repeat === 'monthly').map((m) => m.seriesId)).size, 1);
      assert.ok((data as any[]).every((m) => !m.cancelled && m.attendees === 0 && m.parkId === parkId));
    }
    // The first branch's members see today's meeting first, so the check-in can be tried.
    const maList = await as(emu, null, { openid: 'o_demo_member' }).ok('study', 'meetings.list', {});
    assert.equal(maList.meetings[0].date, today);

    // Progress: the finishers completed (read, an accepted note, the quiz passed); 马秀兰 has not started.
    const personOf = async (openid: string) => ((await db.collection('people').where({ openid }).get()).data[0] as any)._id as string;
    for (const openid of DEMO_STUDY_FINISHERS) {
      const p = (await db.collection('topic_progress').doc(`${topic._id}|${await personOf(openid)}`).get()).data[0] as any;
      assert.ok(p?.completedAt && p.readAt && p.quizPassed && p.note === 'accepted', `${openid}: ${JSON.stringify(p)}`);
    }
    assert.equal((await db.collection('topic_progress').doc(`${topic._id}|${await personOf('o_demo_member')}`).get()).data.length, 0);
    const ma = await as(emu, null, { openid: 'o_demo_member' }).ok('study', 'topics.list', { month });
    assert.deepEqual(ma.topics.map((t: any) => [t.title, t.completed]), [[DEMO_TOPIC_TITLE, false]]);
    const wind = await as(emu, null, { openid: 'o_demo_secretary' }).ok('study', 'topics.progress', { topicId: topic._id, branchId: (await as(emu, null, { openid: 'o_demo_secretary' }).ok('user', 'me', {})).person.secretaryOf[0] });
    assert.deepEqual(wind.finished.map((r: any) => r.name), ['杨建华']);
    assert.ok(wind.notFinished.some((r: any) => r.name === '马秀兰'));

    // A second run creates nothing.
    const collections = ['topics', 'meetings', 'topic_progress', 'notes', 'points_ledger', 'audit_logs', 'inbox'];
    const before = await Promise.all(collections.map((c) => count(c)));
    const second = await run();
    assert.equal(second.status, 0, second.stderr);
    assert.match(second.stdout, /\[seed\] demo study: nothing new/, second.stdout);
    assert.deepEqual(await Promise.all(collections.map((c) => count(c))), before);
  });

  test('demo volunteering (npm start runs it after the study demo): a finished activity with confirmed hours, one today with its code open, next week\'s with a waitlist, a branch one; through the volunteer function; the clock put back; a rerun creates nothing', async () => {
    const run = () => runDemoStep(emu, 'scripts/demo/volunteer.ts');
    const db = emu.app().database();
    const clockBefore = await emu.api('GET', '/_emulator/clock');
    const today = chinaDateString(new Date(clockBefore.now));
    const first = await run();
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /\[seed\] demo volunteering: 4 activities published/, first.stdout);
    const clockAfter = await emu.api('GET', '/_emulator/clock');
    assert.ok(Math.abs(clockAfter.offsetMs - clockBefore.offsetMs) < 5_000, `the clock is back: ${JSON.stringify([clockBefore, clockAfter])}`);

    const organizer = as(emu, null, { openid: 'o_demo_organizer' });
    const { activities } = await organizer.ok('volunteer', 'activities.list', { view: 'manage' });
    const byTitle = (t: string) => activities.find((a: any) => a.title === t);
    const finished = byTitle(DEMO_VOLUNTEER_TITLES.finished);
    const todays = byTitle(DEMO_VOLUNTEER_TITLES.today);
    const nextWeek = byTitle(DEMO_VOLUNTEER_TITLES.nextWeek);
    assert.deepEqual([finished?.stage, todays?.stage, nextWeek?.stage], ['finished', 'inProgress', 'recruiting'], JSON.stringify(activities.map((a: any) => [a.title, a.stage])));
    assert.equal(chinaDateString(new Date(finished.shifts[0].start)), addDays(today, -7));
    assert.equal(finished.shifts[0].confirmed, true);

    // The finished one: hours confirmed from real scans, points through the engine; the one who left early got none, with the reason.
    const roster = await organizer.ok('volunteer', 'shifts.roster', { shiftId: finished.shifts[0].id });
    const counted = roster.rows.filter((r: any) => r.confirmedHours === 2.5);
    assert.equal(counted.length, 6, JSON.stringify(roster.rows.map((r: any) => [r.name, r.confirmedHours, r.hoursNote])));
    assert.ok(counted.some((r: any) => r.name === '马秀兰') && counted.some((r: any) => r.name === '孙浩然'));
    const early = roster.rows.filter((r: any) => r.confirmedHours === 0);
    assert.equal(early.length, 1);
    assert.match(early[0].hoursNote, /签到 8:50 · 签退 10:00 · 在岗不足 60%，本次不计时长/);
    const ledger = (await db.collection('points_ledger').where({ item: 'volunteerHours', sourceId: `volunteer-shift:${finished.shifts[0].id}` }).get()).data;
    assert.equal(ledger.length, 6);
    assert.ok(ledger.every((e: any) => e.quantity === 2.5 && e.points === 5), JSON.stringify(ledger));
    const ma = as(emu, null, { openid: 'o_demo_member' });
    const maMine = await ma.ok('volunteer', 'activities.list', { view: 'mine' });
    const maFinished = maMine.activities.find((a: any) => a.id === finished.id);
    assert.equal(maFinished.mine[0].confirmedHours, 2.5);

    // Today's: in progress now, the code can be shown; 马秀兰 has a seat to scan with.
    const code = await organizer.ok('volunteer', 'shifts.code', { shiftId: todays.shifts[0].id });
    assert.match(code.code, /^RV1\./);
    assert.equal(maMine.activities.find((a: any) => a.id === todays.id)?.mine[0].status, 'registered');

    // Next week: the morning one seat short, the afternoon full with two waiting, 孙浩然 first; open to 马秀兰.
    const [morning, afternoon] = nextWeek.shifts;
    assert.deepEqual([morning.capacity, morning.taken, morning.waiting], [6, 5, 0]);
    assert.deepEqual([afternoon.capacity, afternoon.taken, afternoon.waiting], [3, 3, 2]);
    const sun = await as(emu, null, { openid: 'o_demo_masses' }).ok('volunteer', 'activities.get', { activityId: nextWeek.id });
    assert.deepEqual(sun.activity.mine.map((r: any) => [r.status, r.waitPosition]), [['waitlist', 1]]);
    const open = await ma.ok('volunteer', 'activities.list', { view: 'open' });
    assert.ok(open.activities.some((a: any) => a.id === nextWeek.id));

    // 杨建华's branch activity, for his branch only.
    const yang = as(emu, null, { openid: 'o_demo_secretary' });
    const branchId = (await yang.ok('user', 'me', {})).person.secretaryOf[0];
    const branchActs = (await yang.ok('volunteer', 'activities.list', { view: 'manage' })).activities;
    assert.deepEqual(branchActs.map((a: any) => [a.title, a.scope, a.branch?.id, a.shifts[0].taken]), [[DEMO_VOLUNTEER_TITLES.branch, 'branch', branchId, 3]]);
    const other = await as(emu, null, { openid: 'o_demo_member2' }).ok('volunteer', 'activities.list', { view: 'open' });
    assert.ok(!other.activities.some((a: any) => a.scope === 'branch'), 'another branch does not see it');

    // The volunteer record: 马秀兰's confirmed hours and her issued certificate; the federation's details; a
    // make-up entered by 白雪梅 that she cannot approve and the park admin can; her rating for the organizer.
    assert.match(first.stdout, /the volunteer record \(a rating, 马秀兰's certificate, a make-up to approve\)/);
    const maRecord = await ma.ok('volunteer', 'record.mine', {});
    assert.deepEqual([maRecord.overall, maRecord.entries[0].personInCharge], [{ credit: 2.5, makeup: 0 }, '蒋海燕']);
    const [maCert] = (await ma.ok('volunteer', 'certificates.list', {})).certificates;
    assert.deepEqual([maCert.status, maCert.hours, maCert.issuer.handler], ['issued', { credit: 2.5, makeup: 0 }, '白雪梅']);
    assert.equal((await as(emu, null, { openid: 'o_someone' }).ok('volunteer', 'certificates.verify', { code: maCert.verifyCode })).valid, true);
    assert.deepEqual((await organizer.ok('volunteer', 'todo', {})).makeupsToDecide, [], 'who entered the make-up does not see it to approve');
    const adminTodo = await as(emu, null, { openid: 'o_demo_admin' }).ok('volunteer', 'todo', {});
    assert.deepEqual(adminTodo.makeupsToDecide.map((m: any) => [m.hours, m.enteredBy, m.mayDecide]), [[1, '白雪梅', true]]);
    assert.equal((await organizer.ok('volunteer', 'ratings.list', { activityId: finished.id })).ratings[0]?.name, '马秀兰');

    // A second run creates nothing (and leaves the clock alone).
    const collections = ['volunteer_activities', 'volunteer_shifts', 'volunteer_registrations', 'points_ledger', 'audit_logs', 'inbox', 'volunteer_certificates', 'volunteer_makeups', 'volunteer_ratings', 'volunteer_settings'];
    const before = await Promise.all(collections.map((c) => count(c)));
    const second = await run();
    assert.equal(second.status, 0, second.stderr);
    assert.match(second.stdout, /\[seed\] demo volunteering: nothing new/, second.stdout);
    assert.deepEqual(await Promise.all(collections.map((c) => count(c))), before);
  });
});

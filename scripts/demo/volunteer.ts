// Demo volunteering for the demo park, so the 志愿 tab of `npm start` has something for every persona:
//  - 园区环境整治 a week ago, finished, with confirmed hours (and points) for those who came — one left
//    early and got none, with the reason;
//  - 敬老院志愿服务 next week, recruiting: the morning shift one seat short of full (马秀兰 can take it),
//    the afternoon one full with a waitlist (孙浩然, 群众, is first in line);
//  - 文明交通引导 today, in progress, so the sign-in code can be tried (马秀兰 and 刘欣怡 have seats;
//    白雪梅 shows the code);
//  - a branch activity of 杨建华's branch (风电装备) in ten days;
//  - the volunteer record: 马秀兰's rating of last week's activity and her certificate (issued by 白雪梅),
//    the federation's details, and a make-up hour waiting for a second person's approval.
// Everything goes through the real `volunteer` function as the demo personas and bound demo people (the
// emulator-only x-wx-openid header), so it is validated, counted and awarded as in production. The
// function only publishes activities whose shifts are still to come, so the past and today's ones are
// made with the emulator's clock set back (as a test replays a scenario), through sign-in and sign-out
// scans and the organizer's confirmation; the clock is put back as it was at the end.
// Idempotent: it lists first and skips what exists — a rerun the same day creates nothing; on a later
// day it adds only what that day lacks (today's activity, next week's when the last one has run).
//   TCB_CONTEXT_CNFG='{"URL":"http://127.0.0.1:8787/admin"}' npx tsx scripts/demo/volunteer.ts   (or --url <emulator>)
// (scripts/start.mjs runs it after scripts/demo/study.ts, with that environment.)
import tcb from '@cloudbase/node-sdk';
import type { ActionInput, ActionName, ActionOutput, ApiReply } from '../../shared/contract';
import { chinaDateString, chinaDateTime, chinaDateTimeString } from '../../shared/time';
import { DEMO_PARK } from './data';
import { DemoCallError, runDemoScript } from './study';

type VolunteerAction = ActionName<'volunteer'>;
type Summary = ActionOutput<'volunteer', 'activities.list'>['activities'][number];

export const DEMO_ORGANIZER = 'o_demo_organizer';
export const DEMO_SECRETARY = 'o_demo_secretary';
export const DEMO_VOLUNTEER_TITLES = {
  finished: '清洁家园：园区环境整治志愿服务',
  nextWeek: '敬老院志愿服务：陪伴老人过周末',
  today: '文明交通引导：上下班高峰志愿岗',
  branch: '支部志愿服务：走访慰问困难职工',
} as const;

const CONTACT = { name: '白雪梅', phone: '13900000088' };

function actor(base: string, openid: string) {
  const app = tcb.init({
    env: 'redpark-local', secretId: 'local', secretKey: 'local', serviceUrl: `${base}/admin`, headers: { 'x-wx-openid': openid },
  } as Parameters<typeof tcb.init>[0]);
  const call = async (action: string, input: unknown): Promise<any> => {
    let reply: ApiReply<unknown>;
    try {
      reply = (await app.callFunction({ name: 'volunteer', data: { action, input } })).result as ApiReply<unknown>;
    } catch (e) {
      throw new DemoCallError(`volunteer.${action} as ${openid}: ${(e as Error).message}`);
    }
    if (!reply || typeof reply !== 'object' || !('ok' in reply)) throw new DemoCallError(`volunteer.${action} as ${openid}: unexpected reply ${JSON.stringify(reply)}`);
    if (!reply.ok) {
      const fields = reply.error.fields ? ` ${JSON.stringify(reply.error.fields)}` : '';
      throw new DemoCallError(`volunteer.${action} as ${openid}: ${reply.error.code} ${reply.error.message}${fields}`);
    }
    return reply.data;
  };
  return {
    openid,
    v: <A extends VolunteerAction>(action: A, input: ActionInput<'volunteer', A>): Promise<ActionOutput<'volunteer', A>> => call(action, input),
  };
}
type Actor = ReturnType<typeof actor>;

interface ClockState {
  now: string;
  frozen: boolean;
  offsetMs: number;
}

/** The emulator's clock: read it, set it (China wall time or an instant), put it back. */
function emulatorClock(base: string) {
  let moved = false;
  const req = async (method: 'GET' | 'POST', body?: unknown): Promise<ClockState> => {
    const res = await fetch(`${base}/_emulator/clock`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!res.ok) throw new DemoCallError(`the emulator's clock: ${res.status} ${await res.text()}`);
    return (await res.json()) as ClockState;
  };
  return {
    read: () => req('GET'),
    /** To a China wall time "2026-11-23 08:50". */
    toWall: (wall: string) => {
      moved = true;
      return req('POST', { set: chinaDateTime(wall).toISOString() });
    },
    /** Back as it was (if it was moved): running with its old offset from real time, or frozen where it stood. */
    restore: async (saved: ClockState) => {
      if (moved) await req('POST', { set: saved.frozen ? saved.now : new Date(Date.now() + saved.offsetMs).toISOString() });
      moved = false;
    },
  };
}

/** "2026-11-30" + n days. */
export function addDays(day: string, n: number): string {
  const t = new Date(`${day}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

/** A wall time n minutes after another ("2026-11-30 09:00" + 90 → "2026-11-30 10:30"). */
const plusMinutes = (wall: string, n: number) => chinaDateTimeString(new Date(chinaDateTime(wall).getTime() + n * 60_000));

const paragraphs = (...texts: string[]) => texts.map((text) => ({ kind: 'paragraph' as const, text }));

type Create = ActionInput<'volunteer', 'activities.create'>;
const base = (over: Partial<Create> & Pick<Create, 'title' | 'shifts' | 'recruitFrom' | 'recruitUntil'>): Create => ({
  scope: 'park', category: 'community', place: '园区党群服务中心', audience: 'all', content: paragraphs('详见活动说明。'), cancelBeforeHours: 24, contact: CONTACT,
  riskNotice: '', insured: true, hoursRule: { minPresence: 0.6, roundTo: 0.5 }, publish: true, ...over,
});

/** Bound demo people of the park who are not personas, by branch (stable order), to fill the rosters. */
async function boundPeople(base: string): Promise<Array<{ openid: string; name: string; branchId: string; memberType: string }>> {
  const app = tcb.init({ env: 'redpark-local', secretId: 'local', secretKey: 'local', serviceUrl: `${base}/admin` } as Parameters<typeof tcb.init>[0]);
  const { data } = await app.database().collection('people').where({ parkId: DEMO_PARK._id, openid: app.database().RegExp({ regexp: '^o_demo_p' }) }).orderBy('openid', 'asc').limit(1000).get();
  return (data as Array<{ openid: string; name: string; branchId: string; memberType: string }>).map((p) => ({ openid: p.openid, name: p.name, branchId: p.branchId, memberType: p.memberType }));
}

export interface VolunteerDemoResult {
  today: string;
  created: string[];
  signUps: number;
  confirmedHours: number;
  /** The volunteer record's demo (a rating, a certificate, a make-up to approve) was added by this run. */
  record: boolean;
}

const PERSONAS = { member: 'o_demo_member', member2: 'o_demo_member2', probationary: 'o_demo_probationary', masses: 'o_demo_masses' } as const;

export async function seedDemoVolunteer(baseUrl: string): Promise<VolunteerDemoResult> {
  const root = baseUrl.replace(/\/+$/, '').replace(/\/admin$/, '');
  const clock = emulatorClock(root);
  const saved = await clock.read();
  const now = new Date(saved.now);
  const today = chinaDateString(now);
  const result: VolunteerDemoResult = { today, created: [], signUps: 0, confirmedHours: 0, record: false };
  const organizer = actor(root, DEMO_ORGANIZER);
  const secretary = actor(root, DEMO_SECRETARY);
  const as = (openid: string) => actor(root, openid);
  const people = await boundPeople(root);
  if (people.length < 12) throw new DemoCallError('the demo park has too few bound people (is it loaded?)');
  const signUp = async (who: Actor, shiftId: string) => {
    await who.v('signUp', { shiftId });
    result.signUps++;
  };

  const managed = async (who: Actor): Promise<Summary[]> => (await who.v('activities.list', { view: 'manage', limit: 100 })).activities;
  const mine = await managed(organizer);
  const has = (list: Summary[], title: string, test: (a: Summary) => boolean = () => true) => list.some((a) => a.title === title && a.stage !== 'cancelled' && test(a));
  const startsOn = (a: Summary) => chinaDateString(new Date(a.shifts[0]!.start));

  try {
    // 1. A week ago, finished with confirmed hours.
    if (!has(mine, DEMO_VOLUNTEER_TITLES.finished)) {
      const day = addDays(today, -7);
      await clock.toWall(`${addDays(day, -3)} 10:00`);
      const { activity } = await organizer.v('activities.create', base({
        title: DEMO_VOLUNTEER_TITLES.finished, category: 'environment', place: '园区中心广场及东片区绿化带',
        content: [
          { kind: 'heading', text: '活动内容' },
          ...paragraphs('清理园区主干道两侧绿化带的垃圾和杂草，劝导规范停放车辆，张贴文明宣传标语。', '请穿运动鞋和长袖衣服；手套、夹子、垃圾袋由服务中心准备。'),
        ],
        recruitFrom: `${addDays(day, -3)} 09:00`, recruitUntil: `${addDays(day, -1)} 18:00`,
        riskNotice: '户外活动，注意防晒、补水和来往车辆。', shifts: [{ start: `${day} 09:00`, end: `${day} 11:30`, capacity: 8, role: null }],
      }));
      const shiftId = activity.shifts[0]!.id;
      const came = [as(PERSONAS.member), as(PERSONAS.member2), as(PERSONAS.masses), ...people.slice(0, 3).map((p) => as(p.openid))];
      const leftEarly = as(people[3]!.openid);
      for (const who of [...came, leftEarly]) await signUp(who, shiftId);
      await clock.toWall(`${day} 08:50`);
      const code1 = (await organizer.v('shifts.code', { shiftId })).code;
      for (const who of [...came, leftEarly]) await who.v('scan', { code: code1 });
      await clock.toWall(`${day} 10:00`);
      await leftEarly.v('scan', { code: (await organizer.v('shifts.code', { shiftId })).code });
      await clock.toWall(`${day} 11:32`);
      const code2 = (await organizer.v('shifts.code', { shiftId })).code;
      for (const who of came) await who.v('scan', { code: code2 });
      await clock.toWall(`${day} 14:00`);
      const confirmed = await organizer.v('shifts.confirm', { shiftId, corrections: [] });
      result.confirmedHours += confirmed.hours;
      result.created.push(DEMO_VOLUNTEER_TITLES.finished);
    }

    // 2. Today, in progress: the shift began half an hour ago (rounded to the half hour) and lasts four
    //    hours, so the code works now. Made yesterday (the function publishes only shifts still to come).
    if (!has(mine, DEMO_VOLUNTEER_TITLES.today, (a) => startsOn(a) === today || chinaDateString(new Date(a.shifts[0]!.end)) === today)) {
      const wallNow = chinaDateTimeString(now);
      const half = Number(wallNow.slice(14, 16)) >= 30 ? '30' : '00';
      const start = plusMinutes(`${wallNow.slice(0, 14)}${half}`, -30);
      await clock.toWall(`${addDays(today, -1)} 09:00`);
      const { activity } = await organizer.v('activities.create', base({
        title: DEMO_VOLUNTEER_TITLES.today, category: 'civility', place: '园区北门公交站和东西主干道路口',
        content: paragraphs('在上下班高峰时段，于园区北门和主干道路口引导行人走斑马线、非机动车规范停放，提醒职工文明出行。', '到岗后请扫负责人出示的签到码签到，离岗时再扫一次签退。'),
        recruitFrom: `${addDays(today, -1)} 08:00`, recruitUntil: start, cancelBeforeHours: 2,
        riskNotice: '路口车流较大，请穿好反光马甲，站在安全岛和人行道上，不要进入机动车道。',
        shifts: [{ start, end: plusMinutes(start, 240), capacity: 6, role: '引导' }],
      }));
      const shiftId = activity.shifts[0]!.id;
      for (const who of [as(PERSONAS.member), as(PERSONAS.probationary), ...people.slice(4, 6).map((p) => as(p.openid))]) await signUp(who, shiftId);
      result.created.push(DEMO_VOLUNTEER_TITLES.today);
    }
  } finally {
    await clock.restore(saved);
  }

  // 3. Next week, recruiting: one seat left in the morning, a waitlist in the afternoon.
  if (!has(mine, DEMO_VOLUNTEER_TITLES.nextWeek, (a) => a.stage !== 'finished')) {
    const day = addDays(today, 7);
    const { activity } = await organizer.v('activities.create', base({
      title: DEMO_VOLUNTEER_TITLES.nextWeek, category: 'elderly', place: '肃州区福寿敬老院（园区班车 8:30 北门发车）',
      content: [
        { kind: 'heading', text: '陪伴老人过周末' },
        ...paragraphs('上午陪老人聊天、读报、打扫房间；下午组织老人做手工、唱老歌。', '会理发、量血压、修小家电的同志请在报名后告诉联系人。'),
      ],
      recruitFrom: chinaDateTimeString(new Date(now.getTime() - 3_600_000)), recruitUntil: `${addDays(day, -1)} 20:00`,
      riskNotice: '敬老院里老人行动不便，搀扶时注意安全；有感冒发热症状请不要前往。',
      shifts: [
        { start: `${day} 09:00`, end: `${day} 11:30`, capacity: 6, role: '陪伴' },
        { start: `${day} 14:00`, end: `${day} 16:30`, capacity: 3, role: '文娱' },
      ],
    }));
    const [morning, afternoon] = activity.shifts.map((s) => s.id) as [string, string];
    for (const who of [as(PERSONAS.member2), ...people.slice(6, 10).map((p) => as(p.openid))]) await signUp(who, morning);
    for (const who of [...people.slice(10, 13).map((p) => as(p.openid)), as(PERSONAS.masses), as(people[13]!.openid)]) await signUp(who, afternoon);
    result.created.push(DEMO_VOLUNTEER_TITLES.nextWeek);
  }

  // 4. 杨建华's branch, in ten days.
  const branchList = await managed(secretary);
  if (!has(branchList, DEMO_VOLUNTEER_TITLES.branch, (a) => a.stage !== 'finished')) {
    const branchId = (await secretaryBranch(root)) ?? '';
    const day = addDays(today, 10);
    const { activity } = await secretary.v('activities.create', base({
      scope: 'branch', branchId, title: DEMO_VOLUNTEER_TITLES.branch, category: 'community', place: '园区职工之家（集合后分组入户）',
      content: paragraphs('支部党员和职工一起走访慰问公司困难职工家庭，送去米面油和慰问信，了解生活困难和诉求，做好记录。'),
      recruitFrom: chinaDateTimeString(new Date(now.getTime() - 3_600_000)), recruitUntil: `${addDays(day, -1)} 18:00`,
      contact: { name: '杨建华', phone: '13900000001' }, riskNotice: '', insured: false,
      shifts: [{ start: `${day} 14:30`, end: `${day} 17:00`, capacity: 10, role: null }],
    }));
    const shiftId = activity.shifts[0]!.id;
    const branchPeople = people.filter((p) => p.branchId === branchId).slice(0, 2).map((p) => as(p.openid));
    for (const who of [as(PERSONAS.probationary), ...branchPeople]) await signUp(who, shiftId);
    result.created.push(DEMO_VOLUNTEER_TITLES.branch);
  }
  // 5. The volunteer record (issue 15): the federation's details on certificates (the park admin, once);
  //    马秀兰 rates last week's activity and has a certificate for all time, issued by 白雪梅; a make-up
  //    hour for the one who left early, entered by 白雪梅 and waiting for a second person (蒋海燕 or the
  //    park admin 魏国庆 approves it on 志愿待办). Once: skipped when 马秀兰 has a certificate.
  const admin = as('o_demo_admin');
  const current = await admin.v('settings.get', {});
  if (!current.updatedAt) {
    await admin.v('settings.update', {
      ...current.settings,
      federation: { name: current.settings.federation.name, personInCharge: '蒋海燕', handler: '白雪梅', contactPhone: CONTACT.phone },
    });
  }
  const ma = as(PERSONAS.member);
  if (!(await ma.v('certificates.list', { view: 'mine' })).certificates.length) {
    const record = await ma.v('record.mine', {});
    const served = record.entries.find((e) => e.title === DEMO_VOLUNTEER_TITLES.finished && e.shiftId);
    if (served?.shiftId) {
      await ma.v('ratings.rateActivity', { shiftId: served.shiftId, stars: 5, comment: '分工清楚，工具准备得很齐全，下次还来。' });
      await organizer.v('ratings.rateVolunteer', { shiftId: served.shiftId, personId: (await personIdOf(root, PERSONAS.member)) ?? '', stars: 5, note: '干活认真，还主动帮忙分发工具' });
      const { certificate } = await ma.v('certificates.request', { issuer: 'park', period: { kind: 'all' } });
      await organizer.v('certificates.issue', { certificateId: certificate.id, issue: true });
      result.record = true;
      const finished = mine.find((a) => a.title === DEMO_VOLUNTEER_TITLES.finished) ?? (await managed(organizer)).find((a) => a.title === DEMO_VOLUNTEER_TITLES.finished);
      const leftEarly = people[3] ? await personIdOf(root, people[3].openid) : null;
      if (finished && leftEarly) {
        await organizer.v('makeups.create', { activityId: finished.id, personId: leftEarly, hours: 1, reason: '中途被单位叫回处理急事，之前在岗约 1 小时', evidence: '纸质签到表第 7 行，白雪梅签字' });
      }
    }
  }
  return result;
}

/** A bound demo person's id (from their own `user.me`). */
async function personIdOf(root: string, openid: string): Promise<string | null> {
  const app = tcb.init({ env: 'redpark-local', secretId: 'local', secretKey: 'local', serviceUrl: `${root}/admin`, headers: { 'x-wx-openid': openid } } as Parameters<typeof tcb.init>[0]);
  const r = (await app.callFunction({ name: 'user', data: { action: 'me', input: {} } })).result as ApiReply<ActionOutput<'user', 'me'>>;
  return r.ok ? (r.data.person?.id ?? null) : null;
}

/** 杨建华's branch (the secretary persona's first). */
async function secretaryBranch(root: string): Promise<string | null> {
  const app = tcb.init({ env: 'redpark-local', secretId: 'local', secretKey: 'local', serviceUrl: `${root}/admin`, headers: { 'x-wx-openid': DEMO_SECRETARY } } as Parameters<typeof tcb.init>[0]);
  const r = (await app.callFunction({ name: 'user', data: { action: 'me', input: {} } })).result as ApiReply<ActionOutput<'user', 'me'>>;
  return r.ok ? (r.data.person?.secretaryOf[0] ?? null) : null;
}

export function describeVolunteerDemo(r: VolunteerDemoResult): string {
  const record = r.record ? ', the volunteer record (a rating, 马秀兰\'s certificate, a make-up to approve)' : '';
  if (!r.created.length) return record ? `demo volunteering: no new activities${record}` : 'demo volunteering: nothing new (the activities are there)';
  return `demo volunteering: ${r.created.length} activit${r.created.length === 1 ? 'y' : 'ies'} published (${r.created.join('; ')}), ${r.signUps} sign-ups${r.confirmedHours ? `, ${r.confirmedHours} hours confirmed` : ''}${record}`;
}

if (process.argv[1]?.endsWith('volunteer.ts')) runDemoScript('demo volunteering', seedDemoVolunteer, describeVolunteerDemo);

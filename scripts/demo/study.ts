// Demo study content for the demo park, so the 学习 tab of `npm start` has something to study and check in
// to: this month's park-wide 一月一专题 (published by the park admin 魏国庆), for each branch whose secretary
// is a demo persona a monthly 主题党日 series and a quarterly 大党课, one 主题党日 today in the first of those
// branches (to try the check-in code), and some progress (two members finished; 马秀兰 left to try it).
// Everything goes through the real `study` function as the demo personas (the emulator-only x-wx-openid
// header of README "Calling a function as a WeChat user"), so it is validated and counted as in production.
// Idempotent: it lists first and skips what exists — a rerun the same day creates nothing; on a later day
// it adds only what that day lacks (a new month's topic, today's 主题党日, a series that has run out).
//   TCB_CONTEXT_CNFG='{"URL":"http://127.0.0.1:8787/admin"}' npx tsx scripts/demo/study.ts   (or --url <emulator>)
// (scripts/start.mjs runs it after scripts/demo/points.ts, with that environment.)
import { parseArgs } from 'node:util';
import tcb from '@cloudbase/node-sdk';
import type { ActionInput, ActionName, ActionOutput, ApiReply } from '../../shared/contract';
import { chinaPeriods, lastDayOfMonth } from '../../shared/periods';
import { DAY, chinaDay } from '../../shared/time';
import { meetingDates, type Repeat } from '../../shared/schedule';
import { BRANCHES } from './data';

type StudyAction = ActionName<'study'>;
type Meeting = ActionOutput<'study', 'meetings.list'>['meetings'][number];
type MeetingKind = Meeting['kind'];

export const DEMO_ADMIN = 'o_demo_admin';
/** Bound members who finish this month's topic (马秀兰, o_demo_member, is left to try it). */
export const DEMO_STUDY_FINISHERS = ['o_demo_member2', 'o_demo_secretary'] as const;

export const DEMO_TOPIC_TITLE = '学习贯彻党的二十届四中全会精神';
const TOPIC_MATERIALS: ActionInput<'study', 'topics.create'>['materials'] = [
  { kind: 'heading', text: '学习贯彻党的二十届四中全会精神' },
  {
    kind: 'paragraph',
    text:
      '中国共产党第二十届中央委员会第四次全体会议于2025年10月20日至23日在北京举行。全会听取和讨论了习近平受中央政治局委托作的工作报告，' +
      '审议通过了《中共中央关于制定国民经济和社会发展第十五个五年规划的建议》。“十五五”时期是2026年至2030年，2026年是“十五五”开局之年。',
  },
  {
    kind: 'paragraph',
    text:
      '本月请各支部组织党员原原本本学习全会公报和《建议》全文，重点了解“十五五”时期经济社会发展的主要目标和重大任务，' +
      '结合园区产业发展和所在企业的实际，讨论本岗位可以做些什么。',
  },
  {
    kind: 'paragraph',
    text:
      '学习任务：阅读本页材料后点“我已学习”；写一篇不少于 30 字的学习心得，谈谈对本职工作的认识和打算；完成 3 道测验题，答对 2 道即为合格，共有 3 次机会。',
  },
  { kind: 'link', text: '共产党员网：全会公报和相关文件原文', url: 'https://www.12371.cn/' },
];
const TOPIC_QUIZ: NonNullable<ActionInput<'study', 'topics.create'>['quiz']> = {
  questions: [
    { text: '党的二十届四中全会在哪一年召开？', kind: 'single', choices: ['2024年', '2025年', '2026年'], answer: [1] },
    {
      text: '二十届四中全会审议通过的《建议》是关于制定哪一个五年规划的？',
      kind: 'single',
      choices: ['第十四个五年规划', '第十五个五年规划', '第十六个五年规划'],
      answer: [1],
    },
    { text: '本月专题的学习任务包括哪些？（多选）', kind: 'multiple', choices: ['阅读学习材料', '撰写学习心得', '完成专题测验', '每天打卡记录阅读时长'], answer: [0, 1, 2] },
  ],
  passMark: 2,
  maxAttempts: 3,
};

const NOTES: Record<string, string> = {
  o_demo_member2:
    '通过学习全会精神，我对“十五五”规划的主要目标有了更清楚的认识。作为机加工车间的一名老党员，我要把精力放在提高加工精度和带好徒弟上，在岗位上发挥先锋作用。',
  o_demo_secretary:
    '学习全会公报和《建议》后，我体会到把握发展大局和做好本职工作是一致的。支部将结合风电装备生产实际，组织党员讨论安全生产和质量提升的具体措施，把学习成果落实到岗位上。',
};

/** A series each branch with a secretary persona gets (scheduled by that secretary). */
export interface PlannedSeries {
  kind: MeetingKind;
  title: string;
  place: string;
  repeat: Exclude<Repeat, 'once'>;
  times: number;
  first: string;
}

/** The next `day` of a month not before `today` ('YYYY-MM-DD'): this month's, or next month's once it has passed. */
export function nextMonthDay(today: string, day: number): string {
  const t = chinaDay(today);
  return (t.date() > day ? t.add(1, 'month') : t).date(day).format(DAY);
}

/** The series every branch with a secretary persona gets, from `today` (China time). */
export function plannedSeries(today: string): PlannedSeries[] {
  return [
    { kind: 'partyDay', title: '每月主题党日', place: '园区党群服务中心', repeat: 'monthly', times: 6, first: nextMonthDay(today, 15) },
    { kind: 'partyLecture', title: '季度大党课：学习贯彻全会精神', place: '园区党群服务中心报告厅', repeat: 'quarterly', times: 4, first: nextMonthDay(today, 25) },
  ];
}
export const TODAY_PARTY_DAY = { title: '主题党日：学习贯彻党的二十届四中全会精神', place: '园区党群服务中心' } as const;

/** Branches whose secretary is a demo persona (in data.ts order: the first gets today's 主题党日). */
export const SECRETARY_PERSONAS: string[] = BRANCHES.flatMap((b) => b.fixed.filter((p) => p.secretary && p.openid).map((p) => p.openid!));

export class DemoCallError extends Error {}

/** Calls functions as the WeChat user `openid` (the emulator stands the x-wx-openid header for the platform's identity). */
function actor(base: string, openid: string) {
  const app = tcb.init({
    env: 'redpark-local', secretId: 'local', secretKey: 'local', serviceUrl: `${base}/admin`, headers: { 'x-wx-openid': openid },
  } as Parameters<typeof tcb.init>[0]);
  const call = async (fn: string, action: string, input: unknown): Promise<any> => {
    let reply: ApiReply<unknown>;
    try {
      reply = (await app.callFunction({ name: fn, data: { action, input } })).result as ApiReply<unknown>;
    } catch (e) {
      throw new DemoCallError(`${fn}.${action} as ${openid}: ${(e as Error).message}`);
    }
    if (!reply || typeof reply !== 'object' || !('ok' in reply)) throw new DemoCallError(`${fn}.${action} as ${openid}: unexpected reply ${JSON.stringify(reply)}`);
    if (!reply.ok) {
      const fields = reply.error.fields ? ` ${JSON.stringify(reply.error.fields)}` : '';
      throw new DemoCallError(`${fn}.${action} as ${openid}: ${reply.error.code} ${reply.error.message}${fields}`);
    }
    return reply.data;
  };
  return {
    openid,
    study: <A extends StudyAction>(action: A, input: ActionInput<'study', A>): Promise<ActionOutput<'study', A>> => call('study', action, input),
    me: (): Promise<ActionOutput<'user', 'me'>> => call('user', 'me', {}),
  };
}

/** The emulator's clock (functions' Date follows it), so "today" here is the function's today. */
async function emulatorNow(base: string): Promise<Date> {
  try {
    const res = await fetch(`${base}/_emulator/clock`);
    const body = (await res.json()) as { now?: string };
    if (res.ok && body.now) return new Date(body.now);
  } catch {
    // Not an emulator that tells: the machine's clock.
  }
  return new Date();
}

export interface StudyDemoResult {
  month: string;
  topicCreated: boolean;
  /** Meetings scheduled by this run (a series counts each of its meetings). */
  meetingsCreated: number;
  /** Openids who finished the topic in this run. */
  finished: string[];
  /** Plans left out because a meeting of that kind already falls on one of their dates. */
  clashes: string[];
}

export async function seedDemoStudy(baseUrl: string): Promise<StudyDemoResult> {
  const base = baseUrl.replace(/\/+$/, '').replace(/\/admin$/, '');
  const { day: today, month } = chinaPeriods(await emulatorNow(base));
  const result: StudyDemoResult = { month, topicCreated: false, meetingsCreated: 0, finished: [], clashes: [] };

  // 1. This month's park-wide topic, published by the park admin (unless the park has one for the month).
  const admin = actor(base, DEMO_ADMIN);
  const existing = (await admin.study('topics.list', { month })).topics.filter((t) => t.scope === 'park' && t.month === month);
  let topicId = (existing.find((t) => t.title === DEMO_TOPIC_TITLE) ?? existing[0])?.id;
  if (!topicId) {
    const created = await admin.study('topics.create', {
      scope: 'park', month, title: DEMO_TOPIC_TITLE, deadline: lastDayOfMonth(month), materials: TOPIC_MATERIALS, noteMinLength: 30, quiz: TOPIC_QUIZ,
    });
    topicId = created.topic.id;
    result.topicCreated = true;
  }

  // 2. Meetings, scheduled by each secretary persona for their branch.
  for (const [i, openid] of SECRETARY_PERSONAS.entries()) {
    const secretary = actor(base, openid);
    const branchId = (await secretary.me()).person?.secretaryOf[0];
    if (!branchId) throw new DemoCallError(`${openid} is not bound as a secretary (is the demo park loaded?)`);
    const { meetings } = await secretary.study('meetings.list', { branchId });
    const live = meetings.filter((m) => !m.cancelled);
    const taken = (kind: MeetingKind, dates: string[]) => live.some((m) => m.kind === kind && dates.includes(m.date));
    for (const s of plannedSeries(today)) {
      // A series of this kind still running: scheduled already.
      if (live.some((m) => m.kind === s.kind && m.repeat === s.repeat && m.date >= today)) continue;
      const dates = meetingDates(s.first, s.repeat, s.times);
      if (taken(s.kind, dates)) {
        result.clashes.push(`${openid} ${s.title}`);
        continue;
      }
      const r = await secretary.study('meetings.create', { branchId, kind: s.kind, title: s.title, date: s.first, place: s.place, repeat: s.repeat, times: s.times });
      result.meetingsCreated += r.meetings.length;
      live.push(...r.meetings);
    }
    // Today's 主题党日 in the first branch, to try the check-in code — unless one is on today already
    // (a rerun today, or the monthly series falls on today): the function refuses a second one.
    if (i === 0 && !taken('partyDay', [today])) {
      const r = await secretary.study('meetings.create', { branchId, kind: 'partyDay', ...TODAY_PARTY_DAY, date: today, repeat: 'once', times: 1 });
      result.meetingsCreated += r.meetings.length;
    }
  }

  // 3. Progress: the finishers read, write their note and pass the quiz (answers from the publisher's draft,
  // so this works for whichever park-wide topic the month has).
  const { content } = await admin.study('topics.draft', { topicId });
  for (const openid of DEMO_STUDY_FINISHERS) {
    const member = actor(base, openid);
    const { progress, topic } = await member.study('topics.get', { topicId });
    if (!progress || progress.completed || topic.closed) continue;
    if (!progress.read) await member.study('topics.markRead', { topicId });
    const text = NOTES[openid] ?? '';
    // (A topic someone else published may ask for a longer note than these: then no note, not finished.)
    if ((!progress.note || progress.note.status === 'rejected') && [...text].length >= content.noteMinLength) await member.study('notes.submit', { topicId, text });
    if (content.quiz && !progress.quiz?.passed && (progress.quiz?.attemptsLeft ?? content.quiz.maxAttempts) > 0) {
      await member.study('quiz.submit', { topicId, answers: content.quiz.questions.map((q) => q.answer) });
    }
    if ((await member.study('topics.get', { topicId })).progress?.completed) result.finished.push(openid);
  }
  return result;
}

export function describeStudyDemo(r: StudyDemoResult): string {
  const made = [
    r.topicCreated ? `${r.month} park-wide topic “${DEMO_TOPIC_TITLE}” published` : '',
    r.meetingsCreated ? `${r.meetingsCreated} meeting${r.meetingsCreated === 1 ? '' : 's'} scheduled` : '',
    r.finished.length ? `${r.finished.length} members finished the topic` : '',
  ].filter(Boolean);
  const clash = r.clashes.length ? ` (left out, a meeting is on those dates already: ${r.clashes.join('; ')})` : '';
  return `demo study: ${made.length ? made.join(', ') : `nothing new (the ${r.month} topic and the meetings are there)`}${clash}`;
}

/**
 * A demo step run as a script (`npx tsx scripts/demo/<step>.ts [--url …]`): the emulator's URL from --url, else
 * from TCB_CONTEXT_CNFG (how start.mjs runs it), else the default port; one `[seed] …` line, or the reason and exit 1.
 */
export function runDemoScript<R>(what: string, seed: (url: string) => Promise<R>, describe: (r: R) => string): void {
  const { values } = parseArgs({ options: { url: { type: 'string' } } });
  const fromEnv = (() => {
    try {
      return (JSON.parse(process.env.TCB_CONTEXT_CNFG ?? '{}') as { URL?: string }).URL;
    } catch {
      return undefined;
    }
  })();
  const url = values.url ?? fromEnv ?? 'http://127.0.0.1:8787';
  process.env.TENCENTCLOUD = 'true'; // the SDK otherwise probes a cloud metadata host on every call
  process.env.SILENCE = 'true';
  seed(url)
    .then((r) => console.log(`[seed] ${describe(r)}`))
    .catch((e) => {
      console.error(`[seed] ${what} failed: ${(e as Error).message}`);
      process.exit(1);
    });
}

if (process.argv[1]?.endsWith('study.ts')) runDemoScript('demo study', seedDemoStudy, describeStudyDemo);

// Demo activity for the demo park, so 我的积分, 支部排行 and the 流动红旗 have something to show in
// `npm start`: each bound demo person gets a few events in the last three months (the two past months'
// topics — written as topics with their progress and notes, so 往期专题 lists them —, quizzes and notes; 主题党日, volunteer hours), awarded through the real awardPoints, and the flags of the finished
// months are given as the red-flag timer would. Deterministic source ids: a second run awards nothing.
//   TCB_CONTEXT_CNFG='{"URL":"http://127.0.0.1:8787/admin"}' npx tsx scripts/demo/points.ts
// (scripts/start.mjs runs it with that environment; the SDK inside cloudfunctions/_lib reads it when loaded.)
import { chinaPeriods, lastDayOfMonth, previousMonth } from '../../shared/periods';
import { chinaDay, chinaInstant } from '../../shared/time';
import type { PointItem } from '../../shared/points';
import { C, db } from '../../cloudfunctions/_lib/db';
import { awardPoints, recordBranchCounters } from '../../cloudfunctions/_lib/points';
import { awardFlag } from '../../cloudfunctions/red-flag/index';
import type { BranchDoc, NoteDoc, PersonDoc, ProgressDoc, TopicDoc } from '../../cloudfunctions/_lib/types';
import { DEMO_PARK } from './data';

const CONCURRENCY = 6;

/** A small deterministic hash, so every person's activity differs but never changes between runs. */
const h = (s: string) => [...s].reduce((a, c) => (a * 31 + c.charCodeAt(0)) >>> 0, 7);

interface Award {
  personId: string;
  branchId: string;
  item: PointItem;
  sourceId: string;
  at: Date;
  note: string;
  quantity?: number;
  counters?: Record<string, number>;
}

/** The two past months' park-wide topics (older first). */
export const PAST_TITLES = ['学习《中国共产党章程》总纲', '学习习近平新时代中国特色社会主义思想'] as const;
const PAST_NOTE = '通过本月专题学习，我进一步明确了党员的义务和责任，今后要在岗位上立足本职、发挥先锋模范作用。';

/** A past month's park-wide topic as publishing writes it (its id deterministic, so a rerun rewrites the same one). */
function pastTopic(parkId: string, month: string, title: string, at: Date, branches: BranchDoc[], by: { id: string; name: string }): TopicDoc {
  return {
    _id: `demo-topic-${month}`, parkId, scope: 'park', branchId: null, month, title, deadline: lastDayOfMonth(month),
    materials: [
      { kind: 'heading', text: title },
      { kind: 'paragraph', text: '本月请各支部组织党员原原本本学习，结合岗位实际谈体会。学习任务：阅读材料、写一篇学习心得、完成 1 道测验题。' },
    ],
    noteMinLength: 30,
    quiz: { questions: [{ text: '党的根本宗旨是什么？', kind: 'single', choices: ['发展经济', '全心全意为人民服务', '改革开放'], answer: [1] }], passMark: 1, maxAttempts: 3 },
    assigned: Object.fromEntries(branches.map((b) => [b._id, b.memberCount ?? 0])),
    countersPending: [], countersDone: true,
    createdBy: by, createdAt: at, editedBy: null, editedAt: null,
  };
}

export async function seedDemoPoints(now = new Date()): Promise<{ awarded: number; flags: string[] }> {
  const parkId = DEMO_PARK._id;
  const [{ data: people }, { data: branches }] = await Promise.all([
    db.collection(C.people).where({ parkId, openid: db.command.exists(true) }).limit(1000).get(),
    db.collection(C.branches).where({ parkId }).limit(1000).get(),
  ]);
  const months = [previousMonth(previousMonth(chinaPeriods(now).month)), previousMonth(chinaPeriods(now).month), chinaPeriods(now).month];
  const day = (month: string, d: number) => chinaInstant(chinaDay(`${month}-01`).date(d).hour(10)); // 10:00 China time
  const today = Number(chinaPeriods(now).day.slice(8, 10));

  // Each past month's topic is assigned to every member of every branch (what publishing records). This
  // month's topic is a real one, published and partly completed through the study function (demo/study.ts).
  for (const b of branches as BranchDoc[])
    for (const m of months.slice(0, -1))
      await recordBranchCounters({ parkId, branchId: b._id, sourceId: `demo-topic-${m}`, counters: { topicsAssigned: b.memberCount ?? 0 }, at: day(m, 1) });

  const adminDoc = (people as PersonDoc[]).find((p) => p.parkAdmin);
  const admin = adminDoc ? { id: adminDoc._id, name: adminDoc.name } : { id: 'demo', name: '园区党委' };
  // The past months' topics themselves (park-wide, published by the park admin), so 往期专题 lists what the
  // points say was studied: without them the member's 我的积分 showed past topics and 往期专题 was empty.
  const pastTopics = new Map(months.slice(0, -1).map((m, i) => [m, pastTopic(parkId, m, PAST_TITLES[i]!, day(m, 1), branches as BranchDoc[], admin)]));
  for (const t of pastTopics.values()) {
    const { _id, ...rest } = t;
    await db.collection(C.topics).doc(_id).set(rest);
  }

  const awards: Award[] = [];
  const studied: Array<{ p: PersonDoc; t: TopicDoc; at: Date }> = [];
  for (const p of people as PersonDoc[]) {
    const member = p.memberType !== 'none';
    months.forEach((m, i) => {
      const current = i === months.length - 1;
      const r = h(`${p._id}|${m}`);
      const d = (n: number) => day(m, current ? Math.max(1, Math.min(today, n)) : n);
      if (member && !current && r % 5 !== 0) {
        const title = pastTopics.get(m)!.title;
        studied.push({ p, t: pastTopics.get(m)!, at: d(12) });
        awards.push({ personId: p._id, branchId: p.branchId, item: 'topicCompleted', sourceId: `demo-topic-${m}`, at: d(12), note: title, counters: { topicsCompleted: 1 } });
        awards.push({ personId: p._id, branchId: p.branchId, item: 'quizPassed', sourceId: `demo-quiz-${m}`, at: d(12), note: title });
        awards.push({ personId: p._id, branchId: p.branchId, item: 'noteWritten', sourceId: `demo-note-${m}`, at: d(13), note: title });
      }
      if (member && r % 4 !== 1) awards.push({ personId: p._id, branchId: p.branchId, item: 'partyDayAttended', sourceId: `demo-partyday-${m}`, at: d(8), note: `${m} 主题党日` });
      if (r % 3 === 2) {
        const hours = 1 + (r % 4);
        awards.push({ personId: p._id, branchId: p.branchId, item: 'volunteerHours', sourceId: `demo-volunteer-${m}`, at: d(20), note: '园区志愿服务', quantity: hours, counters: { volunteerHours: hours } });
      }
    });
  }
  // Their progress and notes: those who completed a past topic read it, wrote a note and passed its quiz.
  for (const { p, t, at } of studied) {
    const id = `${t._id}|${p._id}`;
    const progress: Omit<ProgressDoc, '_id'> = {
      topicId: t._id, parkId, branchId: p.branchId, personId: p._id, name: p.name, month: t.month,
      readAt: at, note: 'accepted', quizAttempts: 1, quizBest: 1, quizPassed: true, completedAt: at, updatedAt: at,
    };
    const note: Omit<NoteDoc, '_id'> = {
      topicId: t._id, parkId, branchId: p.branchId, personId: p._id, name: p.name, text: PAST_NOTE, status: 'accepted', reply: null, reviewedBy: null, submittedAt: at, updatedAt: at,
    };
    await Promise.all([db.collection(C.topicProgress).doc(id).set(progress), db.collection(C.notes).doc(id).set(note)]);
  }
  const pastOnly = awards.filter((a) => a.at.getTime() <= now.getTime());
  let awarded = 0;
  for (let i = 0; i < pastOnly.length; i += CONCURRENCY) {
    const batch = pastOnly.slice(i, i + CONCURRENCY);
    const results = await Promise.all(batch.map((a) => awardPoints({ parkId, ...a })));
    awarded += results.filter((r) => r.status === 'awarded').length;
  }
  const flags: string[] = [];
  for (const m of months.slice(0, -1)) if ((await awardFlag(parkId, m, now)) === 'awarded') flags.push(m);
  return { awarded, flags };
}

if (process.argv[1]?.endsWith('points.ts')) {
  seedDemoPoints()
    .then((r) => console.log(`[seed] demo points: ${r.awarded} events awarded${r.flags.length ? `, 流动红旗 for ${r.flags.join(', ')}` : ''}`))
    .catch((e) => {
      console.error(`[seed] demo points failed: ${(e as Error).message}`);
      process.exit(1);
    });
}

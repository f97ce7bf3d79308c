// Demo activity for the demo park, so 我的积分, 支部排行 and the 流动红旗 have something to show in
// `npm start`: each bound demo person gets a few events in the last three months (the two past months'
// topics, quizzes and notes; 主题党日, volunteer hours), awarded through the real awardPoints, and the flags of the finished
// months are given as the red-flag timer would. Deterministic source ids: a second run awards nothing.
//   TCB_CONTEXT_CNFG='{"URL":"http://127.0.0.1:8787/admin"}' npx tsx scripts/demo/points.ts
// (scripts/start.mjs runs it with that environment; the SDK inside cloudfunctions/_lib reads it when loaded.)
import { chinaPeriods, previousMonth } from '../../shared/periods';
import { chinaDay, chinaInstant } from '../../shared/time';
import type { PointItem } from '../../shared/points';
import { C, db } from '../../cloudfunctions/_lib/db';
import { awardPoints, recordBranchCounters } from '../../cloudfunctions/_lib/points';
import { awardFlag } from '../../cloudfunctions/red-flag/index';
import type { BranchDoc, PersonDoc } from '../../cloudfunctions/_lib/types';
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

  const awards: Award[] = [];
  for (const p of people as PersonDoc[]) {
    const member = p.memberType !== 'none';
    months.forEach((m, i) => {
      const current = i === months.length - 1;
      const r = h(`${p._id}|${m}`);
      const d = (n: number) => day(m, current ? Math.max(1, Math.min(today, n)) : n);
      if (member && !current && r % 5 !== 0) {
        awards.push({ personId: p._id, branchId: p.branchId, item: 'topicCompleted', sourceId: `demo-topic-${m}`, at: d(12), note: `${m} 月度专题`, counters: { topicsCompleted: 1 } });
        if (r % 3 !== 0) awards.push({ personId: p._id, branchId: p.branchId, item: 'quizPassed', sourceId: `demo-quiz-${m}`, at: d(12), note: `${m} 专题测验` });
        awards.push({ personId: p._id, branchId: p.branchId, item: 'noteWritten', sourceId: `demo-note-${m}`, at: d(13), note: `${m} 学习心得` });
      }
      if (member && r % 4 !== 1) awards.push({ personId: p._id, branchId: p.branchId, item: 'partyDayAttended', sourceId: `demo-partyday-${m}`, at: d(8), note: `${m} 主题党日` });
      if (r % 3 === 2) {
        const hours = 1 + (r % 4);
        awards.push({ personId: p._id, branchId: p.branchId, item: 'volunteerHours', sourceId: `demo-volunteer-${m}`, at: d(20), note: '园区志愿服务', quantity: hours, counters: { volunteerHours: hours } });
      }
    });
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

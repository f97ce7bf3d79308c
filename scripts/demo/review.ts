// The demo park's 三评议 in progress, so every persona of `npm start` has something to try: the park admin
// (魏国庆) has opened this year's review (from three days ago to two weeks from now) with 孙浩然 as the
// leader of 雄关风电装备 (its employees rate as colleagues); 杨建华 (secretary) has rated most of his branch
// and recorded two decisions (one 优秀, one 合格), 孙浩然 and 刘欣怡 have rated a few; 马秀兰 has all hers still
// to do. Everything goes through the real `review` function as the demo personas.
// Idempotent: when the year's review exists, nothing is added.
//   TCB_CONTEXT_CNFG='{"URL":"http://127.0.0.1:8787/admin"}' npx tsx scripts/demo/review.ts   (or --url <emulator>)
import tcb from '@cloudbase/node-sdk';
import type { ActionInput, ActionName, ActionOutput, ApiReply } from '../../shared/contract';
import type { ReviewGrade } from '../../shared/contract/review';
import { chinaDateString } from '../../shared/time';
import { DemoCallError, runDemoScript } from './study';

type ReviewAction = ActionName<'review'>;

function actor(base: string, openid: string) {
  const app = tcb.init({
    env: 'redpark-local', secretId: 'local', secretKey: 'local', serviceUrl: `${base}/admin`, headers: { 'x-wx-openid': openid },
  } as Parameters<typeof tcb.init>[0]);
  return async <A extends ReviewAction>(action: A, input: ActionInput<'review', A>): Promise<ActionOutput<'review', A>> => {
    let reply: ApiReply<unknown>;
    try {
      reply = (await app.callFunction({ name: 'review', data: { action, input } })).result as ApiReply<unknown>;
    } catch (e) {
      throw new DemoCallError(`review.${action} as ${openid}: ${(e as Error).message}`);
    }
    if (!reply || typeof reply !== 'object' || !('ok' in reply)) throw new DemoCallError(`review.${action} as ${openid}: unexpected reply ${JSON.stringify(reply)}`);
    if (!reply.ok) throw new DemoCallError(`review.${action} as ${openid}: ${reply.error.code} ${reply.error.message}`);
    return reply.data as ActionOutput<'review', A>;
  };
}

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

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
export const DEMO_REVIEW_ENTERPRISE = '雄关风电装备有限公司';
export const DEMO_REVIEW_LEADER = '孙浩然';

export interface ReviewDemoResult { year: string; created: boolean; ratings: number; decisions: number }

export async function seedDemoReview(baseUrl: string): Promise<ReviewDemoResult> {
  const base = baseUrl.replace(/\/+$/, '').replace(/\/admin$/, '');
  const today = chinaDateString(await emulatorNow(base));
  const from = addDays(today, -3);
  const year = from.slice(0, 4);
  const admin = actor(base, 'o_demo_admin');
  const setup = await admin('park.get', { year });
  if (setup.review) return { year, created: false, ratings: 0, decisions: 0 };
  const wind = setup.enterprises.find((e) => e.name === DEMO_REVIEW_ENTERPRISE);
  const leader = wind?.people.find((p) => p.name === DEMO_REVIEW_LEADER);
  if (!wind || !leader) throw new DemoCallError(`the demo park has no ${DEMO_REVIEW_ENTERPRISE} with ${DEMO_REVIEW_LEADER}`);
  await admin('park.open', { year, from, until: addDays(today, 14), leaders: [{ enterpriseId: wind.id, personIds: [leader.id] }], committees: [] });

  let ratings = 0;
  const rate = async (openid: string, pick: (items: ActionOutput<'review', 'rate.todo'>['items']) => Array<{ memberId: string; grade: ReviewGrade; comment?: string }>) => {
    const as = actor(base, openid);
    const { items } = await as('rate.todo', { year });
    for (const r of pick(items)) {
      await as('rate.submit', { year, ...r });
      ratings++;
    }
    return items;
  };
  const others = (items: Array<{ name: string; memberId: string }>) => items.filter((i) => i.name !== '马秀兰');
  // 杨建华, the branch: most of his branch, two 优秀; the last three left for the page's 还没评完.
  const secItems = await rate('o_demo_secretary', (items) =>
    others(items).slice(0, Math.max(0, others(items).length - 3)).map((i, n) => ({ memberId: i.memberId, grade: n < 2 ? 'excellent' : 'qualified', ...(n === 0 ? { comment: '带头攻坚叶片质量难题，表现突出' } : {}) })),
  );
  // 孙浩然, the enterprise's leader: a few.
  await rate('o_demo_masses', (items) => others(items).slice(0, 4).map((i, n) => ({ memberId: i.memberId, grade: n === 0 ? 'excellent' : 'qualified', ...(n === 1 ? { comment: '工作踏实，服从安排' } : {}) })));
  // 刘欣怡, a colleague: two.
  await rate('o_demo_probationary', (items) => others(items).slice(0, 2).map((i) => ({ memberId: i.memberId, grade: 'qualified' as const })));
  // The branch decides on two members: one 优秀 (within the third), one 合格.
  const sec = actor(base, 'o_demo_secretary');
  const decided = others(secItems).slice(0, 2);
  for (const [i, m] of decided.entries()) await sec('branch.decide', { year, memberId: m.memberId, grade: i === 0 ? 'excellent' : 'qualified', ...(i === 0 ? { note: '群众评价好，评为优秀' } : {}) });
  return { year, created: true, ratings, decisions: decided.length };
}

export function describeReviewDemo(r: ReviewDemoResult): string {
  return r.created
    ? `demo 三评议: ${r.year}年度 open, ${r.ratings} ratings, ${r.decisions} branch decisions`
    : `demo 三评议: ${r.year}年度 already there, nothing added`;
}

if (process.argv[1]?.endsWith('review.ts')) runDemoScript('demo review', seedDemoReview, describeReviewDemo);

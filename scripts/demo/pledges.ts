// Demo pledges (承诺践诺) for the demo park, so every state can be seen in `npm start`:
//  - 马秀兰 (o_demo_member): one fulfilled (rated by colleagues in the rating window), one not fulfilled with the
//    reason, one overdue, one in progress with a progress note (on her card), one claimed waiting for 杨建华;
//  - 刘欣怡 (o_demo_probationary): one fulfilled; 杨建华's branch pledge with 马秀兰 responsible;
//  - 韩志军 (o_demo_member2): one waiting for review, one returned with 祁永福's comment, one withdrawal waiting,
//    one withdrawn.
// Everything goes through the real `pledge` function as the demo personas. Items are written with the emulator's
// clock set back (a function refuses a due date in the past), then moved forward to decide them; the overdue
// timer runs as the platform fires it; the clock is put back as it was at the end. Idempotent: nothing is added
// when 马秀兰 already has pledges this year.
//   TCB_CONTEXT_CNFG='{"URL":"http://127.0.0.1:8787/admin"}' npx tsx scripts/demo/pledges.ts   (or --url <emulator>)
import tcb from '@cloudbase/node-sdk';
import type { ApiReply } from '../../shared/contract';
import { chinaDateString, chinaDateTime } from '../../shared/time';
import { DemoCallError, runDemoScript } from './study';
import { addDays } from './volunteer';

const WHO = {
  member: 'o_demo_member', member2: 'o_demo_member2', probationary: 'o_demo_probationary', masses: 'o_demo_masses',
  secretary: 'o_demo_secretary', secretary2: 'o_demo_secretary2',
} as const;

function actor(base: string, openid: string) {
  const app = tcb.init({ env: 'redpark-local', secretId: 'local', secretKey: 'local', serviceUrl: `${base}/admin`, headers: { 'x-wx-openid': openid } } as Parameters<typeof tcb.init>[0]);
  return async (action: string, input: unknown): Promise<any> => {
    const reply = (await app.callFunction({ name: 'pledge', data: { action, input } })).result as ApiReply<any>;
    if (!reply?.ok) throw new DemoCallError(`pledge.${action} as ${openid}: ${reply ? `${reply.error.code} ${reply.error.message}` : 'no reply'}`);
    return reply.data;
  };
}

async function clockApi(base: string, body?: unknown): Promise<{ now: string; frozen: boolean; offsetMs: number }> {
  const res = await fetch(`${base}/_emulator/clock`, { method: body ? 'POST' : 'GET', headers: { 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
  if (!res.ok) throw new DemoCallError(`the emulator's clock: ${res.status}`);
  return (await res.json()) as { now: string; frozen: boolean; offsetMs: number };
}

export interface PledgeDemoResult { created: number; skipped: boolean }

export async function seedDemoPledges(baseUrl: string): Promise<PledgeDemoResult> {
  const root = baseUrl.replace(/\/+$/, '').replace(/\/admin$/, '');
  const saved = await clockApi(root);
  const today = chinaDateString(new Date(saved.now));
  const to = (wall: string) => clockApi(root, { set: chinaDateTime(wall).toISOString() });
  const [member, member2, probationary, masses, secretary, secretary2] = [WHO.member, WHO.member2, WHO.probationary, WHO.masses, WHO.secretary, WHO.secretary2].map((o) => actor(root, o));
  const mine = await member!('mine', {});
  if (mine.items.length) return { created: 0, skipped: true };
  let created = 0;
  const write = async (who: typeof member, dueOn: string, kind: string, what: string, howSeen: string, term = 'yearly') => {
    created++;
    return (await who!('create', { kind, what, howSeen, dueOn, term })).pledge.id as string;
  };
  const approve = (sec: typeof member, id: string) => sec!('review.decide', { pledgeId: id, decision: 'approve' });
  const timer = () => fetch(`${root}/_emulator/triggers/run`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ function: 'pledge', trigger: 'overdue' }) });
  try {
    await to(`${addDays(today, -200)} 09:00`);
    const fulfilled = await write(member, addDays(today, -120), 'work', '带好两名新入职的质检员，三个月内能独立上岗', '两人独立签发质检单，车间考核合格');
    const notKept = await write(member, addDays(today, -60), 'study', '每月读一本党史书籍并在党小组会上交流', '党小组会记录和读书笔记');
    const overdue = await write(member, addDays(today, -10), 'service', '每季度参加一次园区志愿服务', '志愿服务记录');
    const current = await write(member, addDays(today, 31), 'discipline', '全年叶片车间质检零差错，带头执行安全操作规程', '车间质检记录和安全检查记录');
    const claimed = await write(member, addDays(today, 20), 'work', '牵头完成叶片涂装工艺改进，返工率下降一半', '车间月度质量报表');
    const young = await write(probationary, addDays(today, -90), 'study', '预备期内系统学习党章，写三篇学习心得', '学习心得三篇，支部书记审阅');
    for (const id of [fulfilled, notKept, overdue, current, claimed]) await approve(secretary, id);
    await approve(secretary, young);
    const admin = tcb.init({ env: 'redpark-local', secretId: 'local', secretKey: 'local', serviceUrl: `${root}/admin` } as Parameters<typeof tcb.init>[0]).database();
    const ma = (await admin.collection('people').where({ openid: WHO.member }).limit(1).get()).data[0] as { _id: string; branchId: string };
    await secretary!('branch.create', { branchId: ma.branchId, responsibleId: ma._id, kind: 'service', what: '支部每季度组织一次进社区志愿服务，全年不少于四次', howSeen: '活动记录和照片', dueOn: addDays(today, 30), term: 'yearly' });
    created++;
    // Progress and claims, then the secretary's decisions, at their times.
    await to(`${addDays(today, -125)} 10:00`);
    await member!('progress.add', { pledgeId: fulfilled, text: '两名新员工已跟班学习两个月，能完成常规检验' });
    await member!('claim', { pledgeId: fulfilled, note: '两人均已独立上岗，见车间质检单签发记录' });
    await secretary!('confirm', { pledgeId: fulfilled, fulfilled: true });
    await to(`${addDays(today, -95)} 10:00`);
    await probationary!('claim', { pledgeId: young, note: '已写三篇学习心得，交支部书记审阅' });
    await secretary!('confirm', { pledgeId: young, fulfilled: true });
    await to(`${addDays(today, -55)} 10:00`);
    await timer();
    await secretary!('confirm', { pledgeId: notKept, fulfilled: false, reason: '上半年项目赶工，读书计划只完成了两个月' });
    await to(`${today} 08:00`);
    await timer();
    await member!('progress.add', { pledgeId: current, text: '上半年质检零差错，安全检查全部合格' });
    await member!('claim', { pledgeId: claimed, note: '工艺改进已完成，返工率从 6% 降到 2.5%' });
    // 韩志军: waiting, returned, withdrawing, withdrawn.
    await to(`${addDays(today, -30)} 09:00`);
    await write(member2, addDays(today, 60), 'work', '机加工车间全年设备完好率保持在百分之九十八以上', '设备台账和月度点检记录');
    const returned = await write(member2, addDays(today, 90), 'study', '加强理论学习，提高思想认识', '学习笔记');
    await secretary2!('review.decide', { pledgeId: returned, decision: 'return', comment: '太笼统，请写明学什么、学多少、什么时候完成' });
    const withdrawing = await write(member2, addDays(today, 45), 'service', '每月到结对社区做一次义务维修', '社区签字的服务记录');
    const withdrawn = await write(member2, addDays(today, 40), 'work', '带队完成二号线技术改造', '改造验收单');
    await approve(secretary2, withdrawing);
    await approve(secretary2, withdrawn);
    await member2!('withdraw.request', { pledgeId: withdrawn, reason: '二号线改造项目取消' });
    await secretary2!('withdraw.decide', { pledgeId: withdrawn, approve: true });
    await member2!('withdraw.request', { pledgeId: withdrawing, reason: '调到外地项目部，结对社区去不了' });
    // Ratings need the park's rating window (December): the first day of it, or today if it is open.
    const rateDay = today.slice(5) >= '12-01' ? today : `${today.slice(0, 4)}-12-01`;
    await to(`${rateDay} 10:00`);
    if (fulfilled && (await masses!('rate.list', {})).items.some((p: { id: string }) => p.id === fulfilled)) {
      await masses!('rate', { pledgeId: fulfilled, rating: 'satisfied', comment: '带徒弟很耐心' });
      await probationary!('rate', { pledgeId: fulfilled, rating: 'basic' });
    }
  } finally {
    await clockApi(root, { set: saved.frozen ? saved.now : new Date(Date.now() + saved.offsetMs).toISOString() });
  }
  return { created, skipped: false };
}

export const describePledgeDemo = (r: PledgeDemoResult) => (r.skipped ? 'demo pledges: already there' : `demo pledges: ${r.created} items in every state`);

if (process.argv[1]?.endsWith('pledges.ts')) runDemoScript('demo pledges', seedDemoPledges, describePledgeDemo);

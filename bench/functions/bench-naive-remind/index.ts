// Bench-only function (npm run bench:reminders): a deadline reminder as the cloud-development templates send it,
// the NAIVE design Redpark's outbox is compared with: on the timer, read the topic's people and progress, and call
// subscribeMessage.send for everyone not finished. No outbox, no claim, no count of quota: a timer fired twice sends
// twice (or meets 43101), a run that dies half-way starts again from the first person.
import tcb from '@cloudbase/node-sdk';

const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
const db = app.database();
const _ = db.command;

export async function main() {
  const { data: topics } = await db.collection('topics').where({ _id: 'n-topic' }).limit(1).get();
  const t = topics[0] as { _id: string; parkId: string; title: string } | undefined;
  if (!t) return { sent: 0 };
  let sent = 0;
  let refused = 0;
  const errcodes: Record<number, number> = {};
  for (let after = ''; ; ) {
    const { data } = await db.collection('people').where({ parkId: t.parkId, _id: _.gt(after) }).orderBy('_id', 'asc').limit(1000).get();
    if (!data.length) break;
    after = (data[data.length - 1] as { _id: string })._id;
    const { data: done } = await db.collection('topic_progress').where({ topicId: t._id, personId: _.in(data.map((p) => (p as { _id: string })._id)), completedAt: _.neq(null) }).limit(1000).get();
    const finished = new Set(done.map((d) => (d as { personId: string }).personId));
    await Promise.all((data as Array<{ _id: string; openid?: string }>).filter((p) => p.openid && !finished.has(p._id)).map(async (p) => {
      const res = await app.callWxOpenApi({ apiName: 'subscribeMessage.send', requestData: { touser: p.openid, template_id: 'TPL_STUDY_DUE', page: 'pages/study/index', data: { thing1: { value: Array.from(t.title).slice(0, 20).join('') }, time2: { value: '2026年11月30日 23:59' }, thing3: { value: '还有3天截止' } } } });
      const r = (typeof res.result === 'string' ? JSON.parse(res.result) : res.result) as { errcode: number };
      if (r.errcode === 0) sent++;
      else (refused++, (errcodes[r.errcode] = (errcodes[r.errcode] ?? 0) + 1));
    }));
  }
  return { sent, refused, errcodes };
}

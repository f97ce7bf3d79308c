// Bench-only function (npm run bench:volunteer): sign-up as the cloud-development templates do it,
// the NAIVE design Redpark's volunteer sign-up is compared with: count the shift's registrations, then
// insert one as registered if the count is under the capacity, else as waiting. No unique id per person
// and shift (the templates use an auto id), so a double tap is two registrations.
//   { shiftId, capacity }   as the calling member (WX_OPENID)
import tcb from '@cloudbase/node-sdk';

const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
const db = app.database();

export async function main(event: { shiftId: string; capacity: number }, context: unknown) {
  const ctx = tcb.getCloudbaseContext(context as Parameters<typeof tcb.getCloudbaseContext>[0]);
  const { data } = await db.collection('people').where({ openid: ctx.WX_OPENID }).limit(1).get();
  const me = data[0] as { _id: string } | undefined;
  if (!me) return { error: 'NOT_BOUND' };
  const { total } = await db.collection('bench_naive_registrations').where({ shiftId: event.shiftId, status: 'registered' }).count();
  const status = total < event.capacity ? 'registered' : 'waitlist';
  await db.collection('bench_naive_registrations').add({ shiftId: event.shiftId, personId: me._id, status, at: new Date() });
  return { status };
}

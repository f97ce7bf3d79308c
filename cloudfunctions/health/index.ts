// health: is the backend up, what time does it think it is (and which day that is in China), and
// who is calling. Identity comes only from the platform context, never from the event.
import tcb from '@cloudbase/node-sdk';
import { chinaDateString } from '../../shared/time';

export interface HealthReply {
  ok: true;
  time: string;
  /** The calendar day in Asia/Shanghai. */
  chinaDate: string;
  caller: { openid: string | null; source: string | null };
}

export async function main(_event: unknown, context: unknown): Promise<HealthReply> {
  const ctx = tcb.getCloudbaseContext(context as Parameters<typeof tcb.getCloudbaseContext>[0]);
  const now = new Date();
  return {
    ok: true,
    time: now.toISOString(),
    chinaDate: chinaDateString(now),
    caller: { openid: ctx.WX_OPENID || null, source: ctx.TCB_SOURCE || null },
  };
}

// health: is the backend up, what time does it think it is, and who is calling.
// Identity comes only from the platform context (never from the event).
import tcb from '@cloudbase/node-sdk';

export interface HealthReply {
  ok: true;
  time: string;
  caller: { openid: string | null; source: string | null };
}

export async function main(_event: unknown, context: unknown): Promise<HealthReply> {
  const ctx = tcb.getCloudbaseContext(context as Parameters<typeof tcb.getCloudbaseContext>[0]);
  return {
    ok: true,
    time: new Date().toISOString(),
    caller: { openid: ctx.WX_OPENID || null, source: ctx.TCB_SOURCE || null },
  };
}

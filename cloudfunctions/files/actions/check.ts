// WeChat's image content check (security.mediaCheckAsync, version 2). The call only queues the check and
// answers a trace id; WeChat later pushes the result as a message event (`wxa_media_check`) to the function
// named in the console's 消息推送 setting, this one. Until a result arrives a picture is shown only to its
// uploader (审核中); a result other than pass hides it from everyone (its uploader sees why).
//
// Who may deliver a result: not a WeChat client (any client can call any function with any event, so
// `TCB_SOURCE` must not contain `wx_client`), and only for a trace id this function got from WeChat and
// never showed anyone; a made-up event finds no file.
import { app, C, _, db } from '../../_lib/db';
import { ActionError } from '../../_lib/dispatcher';
import type { FileDoc } from '../../_lib/files';
import { tcb } from '../../_lib/db';

/** scene 3: 论坛 (content others in a group read), as WeChat's mediaCheckAsync documents the scenes. */
const SCENE = 3;
/** media_type 2: an image. */
const IMAGE = 2;

/** Queues WeChat's check of one image (by a link it can fetch); returns the trace id. Fails closed. */
export async function startMediaCheck(openid: string, url: string): Promise<string> {
  const res = await app.callWxOpenApi({ apiName: 'security.mediaCheckAsync', requestData: { media_url: url, media_type: IMAGE, version: 2, scene: SCENE, openid } });
  const r = (typeof res.result === 'string' ? JSON.parse(res.result) : res.result) as { errcode?: number; trace_id?: string } | undefined;
  if (r?.errcode !== 0 || typeof r.trace_id !== 'string' || !r.trace_id) {
    console.error('mediaCheckAsync failed:', JSON.stringify(r));
    if (r?.errcode === 45009 || r?.errcode === 45011) throw new ActionError('RATE_LIMITED', { message: '系统繁忙，请 1 分钟后再试' });
    throw new ActionError('INTERNAL', { message: '图片检查暂时不可用，请稍后再试' });
  }
  return r.trace_id;
}

export interface MediaCheckEvent {
  MsgType: 'event';
  Event: 'wxa_media_check';
  trace_id: string;
  result?: { suggest?: string; label?: number };
  errcode?: number;
}

export function isMediaCheckEvent(event: unknown): event is MediaCheckEvent {
  const e = event as Partial<MediaCheckEvent> | null;
  return typeof e === 'object' && e !== null && e.MsgType === 'event' && e.Event === 'wxa_media_check';
}

/** A result as it arrived (media_checks, `_id` = trace id). */
export interface MediaCheckDoc {
  _id: string;
  check: 'pass' | 'failed';
  label: number | null;
  at: Date;
}

/** Applies a result to the files still waiting for it (a guarded update: a result lands once). */
async function apply(r: MediaCheckDoc): Promise<number> {
  const res = await db.collection(C.files).where({ traceId: r._id, check: 'pending' }).update({ check: r.check, checkedAt: r.at, checkLabel: r.label });
  return Number((res as { updated?: number }).updated ?? 0);
}

/**
 * The pushed result of one check: the picture passes, or is hidden. WeChat expects 'success'. The result is
 * written first and then applied; files.attach, after its claim commits, applies results already written (see
 * applyEarlyResults), so a result arriving while the claim is being written is never lost.
 */
export async function receiveMediaCheck(event: MediaCheckEvent, context: unknown): Promise<string> {
  const ctx = tcb.getCloudbaseContext(context as Parameters<typeof tcb.getCloudbaseContext>[0]);
  if ((ctx.TCB_SOURCE ?? '').includes('wx_client')) {
    console.error('files: a media check result from a client, ignored');
    return 'forbidden';
  }
  if (typeof event.trace_id !== 'string' || !event.trace_id || event.trace_id.length > 100) return 'success';
  // Only an explicit pass shows a picture; risky, review (a person at WeChat would look) and an error hide it.
  const check = event.errcode === 0 && event.result?.suggest === 'pass' ? 'pass' : 'failed';
  const label = typeof event.result?.label === 'number' ? event.result.label : null;
  const r: MediaCheckDoc = { _id: event.trace_id, check, label, at: new Date() };
  const { _id, ...rest } = r;
  await db.collection(C.mediaChecks).doc(_id).set(rest);
  const n = await apply(r);
  console.log(`files: media check ${event.trace_id} → ${check} (${n} file)`);
  return 'success';
}

/** After a claim: results that arrived before it committed. */
export async function applyEarlyResults(traceIds: string[]): Promise<void> {
  if (!traceIds.length) return;
  const { data } = await db.collection(C.mediaChecks).where({ _id: _.in(traceIds) }).limit(traceIds.length).get();
  for (const r of data as MediaCheckDoc[]) await apply(r);
}

/** Results older than a day (every file they concern has been claimed and updated long since). */
export async function removeOldMediaChecks(now: Date): Promise<number> {
  const r = await db.collection(C.mediaChecks).where({ at: _.lt(new Date(now.getTime() - 86_400_000)) }).remove();
  return Number((r as { deleted?: number }).deleted ?? 0);
}

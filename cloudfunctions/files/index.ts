// files: uploads and private links (issue 16). Upload slots and claims (actions/uploads.ts), a record's files
// and their links (actions/view.ts), who may see and manage each kind of record (actions/records.ts), and
// WeChat's asynchronous image check, whose results arrive here as `wxa_media_check` message events (the
// console's 消息推送 points at this function; actions/check.ts). Unclaimed uploads are deleted by the
// housekeeping timer (_lib/files.ts).
import { filesContract } from '../../shared/contract/files';
import { createRouter, implement } from '../_lib/dispatcher';
import { isMediaCheckEvent, receiveMediaCheck } from './actions/check';
import { uploadHandlers } from './actions/uploads';
import { viewHandlers } from './actions/view';

const router = createRouter(implement(filesContract, { ...uploadHandlers, ...viewHandlers }));

export async function main(event: unknown, context: unknown): Promise<unknown> {
  if (isMediaCheckEvent(event)) return receiveMediaCheck(event, context);
  return router(event, context);
}

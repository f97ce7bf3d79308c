// Upload slots and claims. files.prepare hands out paths only the caller's uploads fill
// (uploads/<park>/<person>/<random>.<ext>) and records each slot, so an upload nobody claims is found and
// deleted by the housekeeping timer a day later. files.attach lets a record claim the caller's own uploads:
// each file is read back (an image by its first bytes, not over the limit; a wrong one is deleted and the
// call refused with nothing claimed), sent to WeChat's image check, then claimed in one transaction.
import {
  FILE_PURPOSE_LABELS, MAX_IMAGE_BYTES, PURPOSES_OF, TOO_LARGE_MESSAGE, WRONG_TYPE_MESSAGE, type filesContract,
} from '../../../shared/contract/files';
import { app, C, _, db, runTransaction, txGet } from '../../_lib/db';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import { type FileDoc, fileDocId, recordKeyOf } from '../../_lib/files';
import type { PersonDoc } from '../../_lib/types';
import { invalid, newId } from '../../org/actions/helpers';
import { applyEarlyResults, startMediaCheck } from './check';
import { requireManagesRecord } from './records';
import { linksFor, pathOfFileId, viewOf } from './view';

type H = Handlers<typeof filesContract>;

/** What an image's first bytes must be, by extension. */
function looksLike(ext: string, b: Buffer): boolean {
  if (ext === 'jpg' || ext === 'jpeg') return b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
  if (ext === 'png') return b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  if (ext === 'webp') return b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP';
  return false;
}

const noUpload = () => new ActionError('NOT_FOUND', { message: '没有找到上传的图片，请重新选择' });

/** The caller's own unclaimed uploads named by `fileIds` (NOT_FOUND for anything else). */
async function myUploads(me: PersonDoc, fileIds: string[]): Promise<FileDoc[]> {
  const ids = fileIds.map((f) => {
    const p = pathOfFileId(f);
    if (!p) throw noUpload();
    return fileDocId(p);
  });
  const { data } = await db.collection(C.files).where({ _id: _.in(ids) }).limit(ids.length).get();
  const byId = new Map((data as FileDoc[]).map((d) => [d._id, d]));
  return ids.map((id, i) => {
    const d = byId.get(id);
    if (!d || d.fileId !== fileIds[i] || d.uploaderId !== me._id || d.parkId !== me.parkId || d.claimed) throw noUpload();
    return d;
  });
}

/** Reads each upload back; deletes and refuses any that is not the image its name says or is too large. */
async function checkContent(docs: FileDoc[]): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  const bad: Array<{ doc: FileDoc; why: string }> = [];
  for (const d of docs) {
    let content: Buffer;
    try {
      const r = await app.downloadFile({ fileID: d.fileId });
      content = Buffer.isBuffer(r.fileContent) ? r.fileContent : Buffer.from(r.fileContent ?? '');
    } catch (e) {
      if ((e as { code?: string }).code === 'STORAGE_FILE_NONEXIST') throw new ActionError('NOT_FOUND', { message: '图片没有上传成功，请重新上传' });
      throw e;
    }
    if (content.length > MAX_IMAGE_BYTES) bad.push({ doc: d, why: TOO_LARGE_MESSAGE });
    else if (!looksLike(d.ext, content)) bad.push({ doc: d, why: WRONG_TYPE_MESSAGE });
    else sizes.set(d._id, content.length);
  }
  if (bad.length) {
    await app.deleteFile({ fileList: bad.map((b) => b.doc.fileId) });
    await db.collection(C.files).where({ _id: _.in(bad.map((b) => b.doc._id)), claimed: false }).remove();
    throw invalid('fileIds', bad[0]!.why);
  }
  return sizes;
}

export const uploadHandlers: Pick<H, 'files.prepare' | 'files.attach'> = {
  'files.prepare': {
    access: 'bound',
    rate: 'uploads',
    handler: async ({ files }, { person: me, now }) => {
      const paths = files.map((f) => `uploads/${me.parkId}/${me._id}/${newId()}.${f.ext}`);
      // One grant tells this environment's file id prefix (cloud://<env>.<bucket>/); nothing is stored by it.
      const grant = await app.getUploadMetadata({ cloudPath: paths[0]! });
      const prefix = grant.data.fileId.slice(0, grant.data.fileId.length - paths[0]!.length);
      const docs: FileDoc[] = paths.map((path, i) => ({
        _id: fileDocId(path), parkId: me.parkId, path, fileId: `${prefix}${path}`, ext: files[i]!.ext, uploaderId: me._id, uploaderName: me.name,
        createdAt: now, claimed: false, recordKey: null, recordKind: null, recordId: null, purpose: null, claimedAt: null, size: null,
        traceId: null, check: null, checkedAt: null, checkLabel: null,
      }));
      await db.collection(C.files).add(docs);
      return { uploads: docs.map((d) => ({ cloudPath: d.path, fileId: d.fileId })) };
    },
  },

  'files.attach': {
    access: 'bound',
    rate: 'uploads',
    handler: async ({ record, purpose, fileIds }, { person: me, caller, now }) => {
      const access = await requireManagesRecord(me, record);
      const max = PURPOSES_OF[record.kind][purpose];
      if (max === undefined) throw invalid('purpose', `这里不能添加${FILE_PURPOSE_LABELS[purpose]}`);
      const unique = [...new Set(fileIds)];
      if (unique.length > max) throw invalid('fileIds', `最多 ${max} 张${FILE_PURPOSE_LABELS[purpose]}`);
      const docs = await myUploads(me, unique);
      const recordKey = recordKeyOf(record.kind, record.id);
      const { data: had } = await db.collection(C.files).where({ recordKey }).limit(100).get();
      const existing = (had as FileDoc[]).filter((d) => d.purpose === purpose);
      // A cover is replaced; photos add up to the limit.
      const replaced = max === 1 ? existing : [];
      if (max > 1 && existing.length + unique.length > max) throw invalid('fileIds', `最多 ${max} 张${FILE_PURPOSE_LABELS[purpose]}，已有 ${existing.length} 张`);
      const sizes = await checkContent(docs);
      const links = await linksFor(docs.map((d) => d.fileId), 86_400);
      const traces: string[] = [];
      for (const d of docs) {
        const url = links.get(d.fileId);
        if (!url) throw noUpload();
        traces.push(await startMediaCheck(caller.openid, url));
      }
      const claimed = await runTransaction(async (tx) => {
        const out: FileDoc[] = [];
        for (const [i, d] of docs.entries()) {
          const cur = await txGet<FileDoc>(tx, C.files, d._id);
          if (!cur || cur.claimed) throw noUpload();
          const patch = {
            claimed: true, recordKey, recordKind: record.kind, recordId: record.id, purpose, claimedAt: now, size: sizes.get(d._id) ?? null,
            traceId: traces[i]!, check: 'pending' as const, checkedAt: null, checkLabel: null,
          };
          await tx.collection(C.files).doc(d._id).update(patch);
          out.push({ ...cur, ...patch });
        }
        for (const old of replaced) await tx.collection(C.files).doc(old._id).remove();
        return out;
      });
      if (replaced.length) await app.deleteFile({ fileList: replaced.map((d) => d.fileId) });
      await applyEarlyResults(traces);
      const fresh = await db.collection(C.files).where({ _id: _.in(claimed.map((d) => d._id)) }).limit(claimed.length).get();
      const checks = new Map((fresh.data as FileDoc[]).map((d) => [d._id, d.check]));
      for (const d of claimed) d.check = checks.get(d._id) ?? d.check;
      const urls = await linksFor(claimed.map((d) => d.fileId));
      return { files: claimed.map((d) => viewOf(d, me, access.manages, urls)) };
    },
  },
};

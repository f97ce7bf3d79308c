// Uploaded files (issue 16): the `files` collection shared by the `files` function (which hands out upload
// slots, lets records claim uploads and hands out links) and the housekeeping timer (which deletes uploads no
// record claimed within a day). One document per upload slot, keyed by its path.
import { createHash } from 'node:crypto';
import type { FilePurpose, RecordKind } from '../../shared/contract/files';
import { app, C, _, db } from './db';

export interface FileDoc {
  _id: string;
  parkId: string;
  /** Where the client uploads: uploads/<parkId>/<personId>/<random>.<ext>. */
  path: string;
  fileId: string;
  ext: string;
  uploaderId: string;
  uploaderName: string;
  createdAt: Date;
  /** Set when a record claims it; an unclaimed one is removed a day after createdAt. */
  claimed: boolean;
  /** `<kind>:<id>` of the claiming record (indexed), with its parts. */
  recordKey: string | null;
  recordKind: RecordKind | null;
  recordId: string | null;
  purpose: FilePurpose | null;
  claimedAt: Date | null;
  size: number | null;
  /** WeChat's asynchronous image check: its trace id and the state (null before a record claims it). */
  traceId: string | null;
  check: 'pending' | 'pass' | 'failed' | null;
  checkedAt: Date | null;
  checkLabel: number | null;
}

export const fileDocId = (path: string) => createHash('sha256').update(path).digest('hex').slice(0, 32);
export const recordKeyOf = (kind: RecordKind, id: string) => `${kind}:${id}`;

/** An upload nobody claims is deleted after this long. */
export const UNCLAIMED_TTL_MS = 24 * 3_600_000;

/**
 * Deletes uploads no record claimed within a day: the stored file (a slot never used answers
 * STORAGE_FILE_NONEXIST, which is as good) and then its document. 50 at a time (the storage's batch limit);
 * a document stays when storage says anything else, so the next run tries again. Returns how many went.
 */
export async function removeUnclaimedUploads(now: Date): Promise<number> {
  const before = new Date(now.getTime() - UNCLAIMED_TTL_MS);
  let removed = 0;
  for (let round = 0; round < 100; round++) {
    const { data } = await db.collection(C.files).where({ claimed: false, createdAt: _.lt(before) }).limit(50).get();
    const docs = data as FileDoc[];
    if (!docs.length) break;
    const res = await app.deleteFile({ fileList: docs.map((d) => d.fileId) });
    const gone = new Set(res.fileList.filter((f) => f.code === 'SUCCESS' || f.code === 'STORAGE_FILE_NONEXIST').map((f) => f.fileID));
    const ids = docs.filter((d) => gone.has(d.fileId)).map((d) => d._id);
    if (ids.length) {
      // Only documents still unclaimed: a claim landing meanwhile keeps its document (and its file is gone, which
      // its record then shows as missing rather than another person's file taking its place).
      const r = await db.collection(C.files).where({ _id: _.in(ids), claimed: false }).remove();
      removed += Number((r as { deleted?: number }).deleted ?? ids.length);
    }
    if (ids.length < docs.length) {
      console.error('housekeeping: storage kept some unclaimed uploads:', JSON.stringify(res.fileList.filter((f) => !gone.has(f.fileID))));
      break;
    }
  }
  return removed;
}

// Exported 台账 files are deleted once their link has expired: export.ts records each file (ledger_exports) as it
// writes it; the housekeeping timer calls removeExpiredExports. Kept apart from export.ts so the timer does not
// load exceljs.
import { _, app, C, db } from '../../_lib/db';

/** ledger_exports: one exported file in storage and when its link expires. */
export interface LedgerExportDoc { _id: string; parkId: string; fileId: string; bytes: number; createdAt: Date; expiresAt: Date }

/**
 * The housekeeping timer's part: exported files whose link has expired are deleted from storage, then their
 * documents (50 at a time; a file storage no longer has counts as deleted). Idempotent.
 */
export async function removeExpiredExports(now: Date): Promise<number> {
  let removed = 0;
  for (let round = 0; round < 100; round++) {
    const { data } = await db.collection(C.ledgerExports).where({ expiresAt: _.lte(now) }).limit(50).get();
    const docs = data as LedgerExportDoc[];
    if (!docs.length) break;
    const res = await app.deleteFile({ fileList: docs.map((d) => d.fileId) });
    const gone = new Set(res.fileList.filter((f) => f.code === 'SUCCESS' || f.code === 'STORAGE_FILE_NONEXIST').map((f) => f.fileID));
    const ids = docs.filter((d) => gone.has(d.fileId)).map((d) => d._id);
    if (ids.length) await db.collection(C.ledgerExports).where({ _id: _.in(ids) }).remove();
    removed += ids.length;
    if (ids.length < docs.length) {
      console.error('housekeeping: storage kept some exported files:', JSON.stringify(res.fileList.filter((f) => !gone.has(f.fileID))));
      break;
    }
  }
  // Jobs of exports built in steps: a day after they started (their files go with the records above).
  await db.collection(C.ledgerJobs).where({ createdAt: _.lt(new Date(now.getTime() - 86_400_000)) }).remove();
  return removed;
}

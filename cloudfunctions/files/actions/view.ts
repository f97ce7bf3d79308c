// Seeing files: a record's files with links (files.list), one file's link by its id (files.url) and removing
// one (files.remove). Who sees what: a passed picture everyone who may see the record; a picture still being
// checked only its uploader (审核中); a failed one nobody (its uploader and the record's managers see the note,
// no link). Links are temporary (an hour) and made in one storage request per list, whatever the count.
import type { FileView, filesContract } from '../../../shared/contract/files';
import { app, C, db, getDoc } from '../../_lib/db';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import { type FileDoc, fileDocId, recordKeyOf } from '../../_lib/files';
import type { PersonDoc } from '../../_lib/types';
import { recordAccess } from './records';

type H = Handlers<typeof filesContract>;

export const LINK_SECONDS = 3600;

/** The path of a cloud file id (cloud://<env>.<bucket>/<path>), or null. */
export function pathOfFileId(fileId: string): string | null {
  const m = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileId);
  return m ? m[1]! : null;
}

/** Temporary links for files, in batches of 50; a file storage does not have gets none. */
export async function linksFor(fileIds: string[], maxAge = LINK_SECONDS): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < fileIds.length; i += 50) {
    const batch = fileIds.slice(i, i + 50);
    const res = await app.getTempFileURL({ fileList: batch.map((fileID) => ({ fileID, maxAge })) });
    for (const f of res.fileList) if (f.code === 'SUCCESS' && f.tempFileURL) out.set(f.fileID, f.tempFileURL);
  }
  return out;
}

/** Whether the caller gets a link, sees only a note, or does not see the file at all. */
function visibility(d: FileDoc, me: PersonDoc, manages: boolean): 'link' | 'note' | 'hidden' {
  const mine = d.uploaderId === me._id;
  if (d.check === 'pass') return 'link';
  if (d.check === 'pending') return mine ? 'link' : 'hidden';
  return mine || manages ? 'note' : 'hidden';
}

export function viewOf(d: FileDoc, me: PersonDoc, manages: boolean, urls: Map<string, string>): FileView {
  return {
    fileId: d.fileId,
    purpose: d.purpose ?? 'photo',
    url: visibility(d, me, manages) === 'link' ? (urls.get(d.fileId) ?? null) : null,
    check: d.check ?? 'pending',
    mine: d.uploaderId === me._id,
    canRemove: d.uploaderId === me._id || manages,
    uploadedBy: d.uploaderName,
    uploadedAt: new Date(d.claimedAt ?? d.createdAt).toISOString(),
  };
}

/** A claimed file by its id, and access to its record; NOT_FOUND for anything the caller may not see. */
async function claimedFile(me: PersonDoc, fileId: string): Promise<{ doc: FileDoc; manages: boolean }> {
  const path = pathOfFileId(fileId);
  const doc = path ? await getDoc<FileDoc>(C.files, fileDocId(path)) : null;
  const gone = () => new ActionError('NOT_FOUND', { message: '没有找到这张图片，可能已被删除' });
  if (!doc || doc.fileId !== fileId || doc.parkId !== me.parkId) throw gone();
  if (!doc.claimed || !doc.recordKind || !doc.recordId) {
    if (doc.uploaderId === me._id) return { doc, manages: false };
    throw gone();
  }
  let manages: boolean;
  try {
    manages = (await recordAccess(me, { kind: doc.recordKind, id: doc.recordId })).manages;
  } catch (e) {
    if (e instanceof ActionError && e.code === 'NOT_FOUND') throw gone();
    throw e;
  }
  if (visibility(doc, me, manages) === 'hidden') throw gone();
  return { doc, manages };
}

export const viewHandlers: Pick<H, 'files.list' | 'files.url' | 'files.remove'> = {
  'files.list': {
    access: 'bound',
    handler: async ({ record }, { person: me }) => {
      const access = await recordAccess(me, record);
      const { data } = await db.collection(C.files).where({ recordKey: recordKeyOf(record.kind, record.id) }).limit(100).get();
      const docs = (data as FileDoc[])
        .filter((d) => d.claimed && d.parkId === me.parkId && visibility(d, me, access.manages) !== 'hidden')
        .sort((a, b) => new Date(a.claimedAt ?? a.createdAt).getTime() - new Date(b.claimedAt ?? b.createdAt).getTime());
      const linked = docs.filter((d) => visibility(d, me, access.manages) === 'link');
      const urls = linked.length ? await linksFor(linked.map((d) => d.fileId)) : new Map<string, string>();
      // A linked file storage no longer has (deleted behind our back) is left out rather than shown broken.
      const files = docs.filter((d) => visibility(d, me, access.manages) !== 'link' || urls.has(d.fileId)).map((d) => viewOf(d, me, access.manages, urls));
      return { record: { title: access.title, subtitle: access.subtitle }, canAdd: access.manages, files };
    },
  },

  'files.url': {
    access: 'bound',
    handler: async ({ fileId }, { person: me }) => {
      const { doc, manages } = await claimedFile(me, fileId);
      if (visibility(doc, me, manages) !== 'link' && doc.claimed) throw new ActionError('NOT_FOUND', { message: '这张图片没有通过内容安全检查，已隐藏' });
      const url = (await linksFor([doc.fileId])).get(doc.fileId);
      if (!url) throw new ActionError('NOT_FOUND', { message: '没有找到这张图片，可能已被删除' });
      return { url };
    },
  },

  'files.remove': {
    access: 'bound',
    handler: async ({ fileId }, { person: me }) => {
      const { doc, manages } = await claimedFile(me, fileId);
      if (doc.uploaderId !== me._id && !manages) throw new ActionError('FORBIDDEN', { message: '只能删除自己上传的图片' });
      // The document first, so no link is handed out again; then the file (a failure leaves an orphan nobody can name).
      await db.collection(C.files).doc(doc._id).remove();
      const res = await app.deleteFile({ fileList: [doc.fileId] });
      if (res.fileList[0]?.code !== 'SUCCESS') console.error('files.remove: storage answered', JSON.stringify(res.fileList));
      return { removed: true };
    },
  },
};

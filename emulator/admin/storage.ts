// The `storage.*` actions of the CloudBase admin API, as @cloudbase/node-sdk 3.18.3 sends them
// (node_modules/@cloudbase/node-sdk/dist/storage/index.js):
//
//   uploadFile / getUploadMetadata  storage.getUploadMetadata {path, method:'put'} → data {url, token, authorization,
//                                   fileId, cosFileId, download_url}; uploadFile then PUTs the bytes to `url`
//   getTempFileURL / downloadFile / getFileInfo
//                                   storage.batchGetDownloadUrl {file_list:[{fileid, max_age?, url_type?}]}
//                                   → data.download_list [{fileID, tempFileURL, code}] (downloadFile asks max_age 600
//                                   and GETs the link; getFileInfo HEADs it)
//   deleteFile                      storage.batchDeleteFile {fileid_list} → data.delete_list [{fileID, code}]
//   copyFile                        storage.batchCopyFile {file_list:[{src_path, dst_path, overwrite?, remove_original?}]}
//                                   → data.copy_list [{fileId} | {code, message}]
//   getFileAuthority                storage.getFileAuthority {openId, uid, loginType, fileList:[{path, type}]}
//                                   → data [{path, cosFileId, read, write}]
//
// A reply with a top-level `code` makes the SDK throw it; per-file outcomes are codes inside the lists
// ('SUCCESS', 'STORAGE_FILE_NONEXIST', …), which callers must check.
import { z } from 'zod';
import type { CallerIdentity, InvocationToken } from '../functions/identity.js';
import { cloudPathProblem } from '../storage/ids.js';
import { MAX_TEMP_URL_AGE, type Storage } from '../storage/service.js';
import type { Uploader } from '../storage/signing.js';
import type { StorageDetail } from './index.js';
import { randomBytes } from 'node:crypto';

/** Files per batch request (CloudBase: 一次最多 50 个; the SDK's own tests expect INVALID_PARAM for 51). */
export const MAX_BATCH = 50;

const batch = <T extends z.ZodTypeAny>(item: T) =>
  z.array(item).min(1, 'the file list is empty').max(MAX_BATCH, `at most ${MAX_BATCH} files per request`);

const schemas = {
  'storage.getUploadMetadata': z.object({ path: z.string(), method: z.string().optional() }),
  'storage.batchGetDownloadUrl': z.object({
    file_list: batch(z.object({ fileid: z.string(), max_age: z.number().optional(), url_type: z.string().optional() })),
  }),
  'storage.batchDeleteFile': z.object({ fileid_list: batch(z.string()) }),
  'storage.batchCopyFile': z.object({
    file_list: batch(z.object({ src_path: z.string(), dst_path: z.string(), overwrite: z.boolean().optional(), remove_original: z.boolean().optional() })),
  }),
  'storage.getFileAuthority': z.object({
    openId: z.string().optional(),
    uid: z.string().optional(),
    loginType: z.string().optional(),
    fileList: batch(z.object({ path: z.string(), type: z.enum(['READ', 'WRITE', 'READWRITE']) })),
  }),
} as const;

export type StorageAction = keyof typeof schemas;
export const storageActions = Object.keys(schemas) as StorageAction[];

type Reply = Record<string, unknown>;
const invalid = (message: string): { reply: Reply; detail: StorageDetail } => ({ reply: { code: 'INVALID_PARAM', message }, detail: {} });
const baseName = (p: string) => p.slice(p.lastIndexOf('/') + 1);

export async function handleStorage(
  storage: Storage,
  action: StorageAction,
  params: Record<string, unknown>,
  identity: CallerIdentity,
  token: InvocationToken | undefined,
): Promise<{ reply: Reply; detail: StorageDetail }> {
  const parsed = schemas[action].safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return invalid(`${action}: ${issue.path.join('.') || 'params'}: ${issue.message}`);
  }
  const uploader: Uploader = {
    ...(identity.openid ? { openid: identity.openid } : {}),
    source: identity.source,
    ...(token ? { function: token.functionName, from: `${token.functionName}:${token.requestId}` } : {}),
  };

  switch (action) {
    case 'storage.getUploadMetadata': {
      const p = parsed.data as z.infer<(typeof schemas)['storage.getUploadMetadata']>;
      if (p.method !== undefined && p.method.toLowerCase() !== 'put') return invalid(`storage.getUploadMetadata: only method "put" is emulated, not ${JSON.stringify(p.method)}`);
      const problem = cloudPathProblem(p.path);
      if (problem) return invalid(`storage.getUploadMetadata: ${problem}`);
      const data = storage.uploadMetadata(p.path, uploader);
      return { reply: { data }, detail: { files: [{ path: p.path, fileID: data.fileId, code: 'SUCCESS' }] } };
    }

    case 'storage.batchGetDownloadUrl': {
      const p = parsed.data as z.infer<(typeof schemas)['storage.batchGetDownloadUrl']>;
      const bad = p.file_list.find((f) => f.max_age !== undefined && !(f.max_age > 0 && Number.isFinite(f.max_age)));
      if (bad) return invalid(`storage.batchGetDownloadUrl: max_age must be a positive number of seconds, not ${bad.max_age}`);
      const list = p.file_list.map((f) => {
        const r = storage.resolve(f.fileid);
        if ('code' in r) return { fileID: f.fileid, tempFileURL: '', code: r.code, message: r.message };
        if (!storage.files.get(r.path)) return { fileID: f.fileid, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST', message: `no file ${r.path}` };
        // Default a day, at most a day (WeChat's docs of getTempFileURL: 默认一天且最大不超过一天).
        const maxAge = Math.min(Math.max(Math.floor(f.max_age ?? MAX_TEMP_URL_AGE), 1), MAX_TEMP_URL_AGE);
        return { fileID: f.fileid, tempFileURL: storage.tempUrl(r.path, maxAge, f.url_type === 'COS_URL'), code: 'SUCCESS' };
      });
      return { reply: { data: { download_list: list } }, detail: { files: list.map((x) => ({ fileID: x.fileID, code: x.code })) } };
    }

    case 'storage.batchDeleteFile': {
      const p = parsed.data as z.infer<(typeof schemas)['storage.batchDeleteFile']>;
      const list: Array<{ fileID: string; code: string; message?: string }> = [];
      for (const id of p.fileid_list) {
        const r = storage.resolve(id);
        if ('code' in r) list.push({ fileID: id, code: r.code, message: r.message });
        else if (await storage.files.remove(r.path)) list.push({ fileID: id, code: 'SUCCESS' });
        else list.push({ fileID: id, code: 'STORAGE_FILE_NONEXIST', message: `no file ${r.path}` });
      }
      return { reply: { data: { delete_list: list } }, detail: { files: list.map((x) => ({ fileID: x.fileID, code: x.code })) } };
    }

    case 'storage.batchCopyFile': {
      const p = parsed.data as z.infer<(typeof schemas)['storage.batchCopyFile']>;
      const list: Array<{ fileId?: string; code?: string; message?: string }> = [];
      const detail: NonNullable<StorageDetail['files']> = [];
      for (const f of p.file_list) {
        const problem = cloudPathProblem(f.src_path) ?? cloudPathProblem(f.dst_path);
        let out: { fileId?: string; code?: string; message?: string };
        // The same rules the SDK checks before sending (CloudBase docs, 复制文件: not to itself, no renaming).
        if (problem) out = { code: 'INVALID_PARAM', message: problem };
        else if (f.src_path === f.dst_path) out = { code: 'INVALID_PARAM', message: 'srcPath and dstPath are the same' };
        else if (baseName(f.src_path) !== baseName(f.dst_path)) out = { code: 'INVALID_PARAM', message: 'a copy keeps the file name: srcPath and dstPath must end in the same name' };
        else {
          // overwrite defaults to true (CloudBase HTTP API, copy-objects).
          const r = await storage.files.copy(f.src_path, f.dst_path, {
            overwrite: f.overwrite ?? true, removeOriginal: f.remove_original ?? false, now: storage.opts.now(), uploader,
            cosFileId: randomBytes(27).toString('base64'),
          });
          if (r === 'missing') out = { code: 'STORAGE_FILE_NONEXIST', message: `no file ${f.src_path}` };
          else if (r === 'exists') out = { code: 'STORAGE_FILE_PATH_CONFLICT', message: `${f.dst_path} exists and overwrite is false` };
          else out = { fileId: storage.fileId(f.dst_path) };
        }
        list.push(out);
        detail.push({ path: `${f.src_path} → ${f.dst_path}`, code: out.code ?? 'SUCCESS' });
      }
      return { reply: { data: { copy_list: list } }, detail: { files: detail } };
    }

    case 'storage.getFileAuthority': {
      const p = parsed.data as z.infer<(typeof schemas)['storage.getFileAuthority']>;
      if (!p.openId && !p.uid) return invalid('storage.getFileAuthority: openId or uid is required (an admin needs no authority check)');
      const who = p.openId || p.uid;
      // The emulator's storage rule is CloudBase's 仅创建者可读写 (only the uploader reads and writes): files are
      // private to the app and handed out by functions (issue 16). Anyone may create a file at a free path.
      const data = p.fileList.map((f) => {
        const r = f.path.startsWith('cloud://') ? storage.resolve(f.path) : cloudPathProblem(f.path) ? undefined : { path: f.path };
        const meta = r && 'path' in r ? storage.files.get(r.path) : undefined;
        const owner = !!meta && meta.uploader.openid === who;
        const free = !meta && !!r && 'path' in r;
        return { path: f.path, cosFileId: meta?.cosFileId ?? '', read: owner, write: owner || free };
      });
      return { reply: { data }, detail: { files: data.map((d) => ({ path: d.path, code: d.read || d.write ? 'SUCCESS' : 'STORAGE_EXCEED_AUTHORITY' })) } };
    }
  }
}

// CloudBase cloud storage, as @cloudbase/node-sdk 3.18.3 and the H5 app reach it. Three HTTP surfaces besides the
// admin actions (admin/storage.ts):
//
//   PUT  /_emulator/cos/<bucket>/<key>            the COS stand-in: what `url` from storage.getUploadMetadata
//                                                 points at. The SDK PUTs the bytes (chunked, no Content-Type) with
//                                                 headers authorization, Signature, x-cos-security-token,
//                                                 x-cos-meta-fileid, key; success is 200 with an empty body, a
//                                                 failure COS's XML <Error> (the SDK reads Code/Message/RequestId/TraceId).
//   GET|HEAD /_emulator/files/<bucket>/<key>?sign=&t=   the temporary links of storage.batchGetDownloadUrl (a
//                                                 tcb.qcloud.la link in production): 403 when the signature is
//                                                 missing, wrong or expired (emulator clock), 404 when the file is gone.
//   POST /files                                   local mode: the H5 build's upload (wx.cloud.uploadFile's stand-in),
//                                                 as the WeChat user in X-Redpark-Openid.
//
// Every request is counted and recorded (Admin.recordStorage); files live in FileStore.
import { randomBytes, randomUUID } from 'node:crypto';
import type http from 'node:http';
import { type FileMeta, FileStore, type Upload } from './files.js';
import { bucketOf, cloudPathProblem, contentTypeFor, decodePath, encodePath, fileIdOf, parseFileId } from './ids.js';
import { type IssuedGrant, Signer, type Uploader } from './signing.js';
import type { RequestRecord, StorageDetail, StorageTotals } from '../admin/index.js';

export const MAX_TEMP_URL_AGE = 86_400;
/** How long an upload grant from storage.getUploadMetadata is valid (s). */
export const UPLOAD_GRANT_SECONDS = 600;
/** After refusing an oversize upload, this much more of its body is read (and dropped) so the client reads the reply. */
const DRAIN_BYTES = 256 * 1024 * 1024;
export const OPENID = /^[A-Za-z0-9_-]{1,64}$/;

export interface StorageOptions {
  envId: string;
  /** The data folder; undefined keeps files in memory. */
  dataDir?: string;
  synchronous?: 'NORMAL' | 'FULL';
  maxFileBytes: number;
  now: () => number;
  /** The emulator's base URL (known once it listens). */
  baseUrl: () => string;
}

export type Recorder = (record: RequestRecord, delta: Partial<Omit<StorageTotals, 'requests'>>) => void;

/** Where a file id points: a path here, or the per-file code CloudBase answers. */
export type Resolved = { path: string } | { code: 'INVALID_PARAM' | 'STORAGE_FILE_NONEXIST'; message: string };

const cosRequestId = () => Buffer.from(randomUUID().replace(/-/g, ''), 'hex').toString('base64').replace(/=+$/, '');
const xmlEscape = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

export class Storage {
  readonly files: FileStore;
  readonly signer: Signer;
  readonly bucket: string;
  recorder: Recorder = () => undefined;

  constructor(readonly opts: StorageOptions) {
    this.files = new FileStore({ dataDir: opts.dataDir, synchronous: opts.synchronous });
    this.signer = new Signer(this.files.secret);
    this.bucket = bucketOf(opts.envId);
  }

  close(): void {
    this.files.close();
  }

  get maxFileBytes(): number {
    return this.opts.maxFileBytes;
  }

  fileId(path: string): string {
    return fileIdOf(this.opts.envId, this.bucket, path);
  }

  /**
   * A file id named by a caller. Not of the shape `cloud://<env>.<bucket>/<path>` → INVALID_PARAM; another
   * environment's, or this environment's with another bucket → STORAGE_FILE_NONEXIST (CloudBase: "file does not
   * exist; possible reasons include insufficient permissions", docs.cloudbase.net/error-code/STORAGE_FILE_NONEXIST;
   * the node SDK's own test expects that code for `cloud://<env>.<wrong bucket>/…`).
   */
  resolve(fileId: string): Resolved {
    const p = parseFileId(fileId);
    if (!p || cloudPathProblem(p.path)) return { code: 'INVALID_PARAM', message: `not a cloud file id: ${JSON.stringify(fileId)}` };
    if (p.envId !== this.opts.envId) return { code: 'STORAGE_FILE_NONEXIST', message: `file of another environment (${p.envId}): this emulator is ${this.opts.envId}` };
    if (p.bucket !== this.bucket) return { code: 'STORAGE_FILE_NONEXIST', message: `no bucket ${p.bucket} in ${this.opts.envId}` };
    return { path: p.path };
  }

  private get nowSec(): number {
    return Math.floor(this.opts.now() / 1000);
  }

  private objectUrl(kind: 'cos' | 'files', path: string, encoded: boolean): string {
    return `${this.opts.baseUrl()}/_emulator/${kind}/${this.bucket}/${encoded ? encodePath(path) : path}`;
  }

  /** storage.getUploadMetadata's `data`. */
  uploadMetadata(path: string, uploader: Uploader): IssuedGrant & { url: string; fileId: string; download_url: string } {
    const start = this.nowSec;
    const grant = this.signer.issueUpload({ bucket: this.bucket, path, uploader, start, end: start + UPLOAD_GRANT_SECONDS });
    return { url: this.objectUrl('cos', path, true), ...grant, fileId: this.fileId(path), download_url: this.objectUrl('files', path, false) };
  }

  /**
   * A temporary link valid for `maxAge` seconds of the emulator clock. Like production's CDN links the path is left
   * unencoded (the SDK's downloadFile encodeURI()s it; browsers encode it themselves); a COS_URL link comes encoded.
   */
  tempUrl(path: string, maxAge: number, cosUrl = false): string {
    const t = this.nowSec + maxAge;
    return `${this.objectUrl('files', path, cosUrl)}?sign=${this.signer.linkSign(this.bucket, path, t)}&t=${t}`;
  }

  /** Handles the storage HTTP routes; false when the request is not one of them. */
  async handleHttp(req: http.IncomingMessage, res: http.ServerResponse, url: URL, local: boolean): Promise<boolean> {
    if (url.pathname.startsWith('/_emulator/cos/')) await this.putObject(req, res, url);
    else if (url.pathname.startsWith('/_emulator/files/')) await this.getObject(req, res, url);
    else if (url.pathname === '/files') await this.gatewayUpload(req, res, url, local);
    else if (url.pathname === '/_emulator/storage/content') await this.consoleContent(req, res, url);
    else return false;
    return true;
  }

  private newRecord(action: string, requestId: string): RequestRecord & { storage: StorageDetail; started: number } {
    return {
      requestId, at: new Date(this.opts.now()).toISOString(), action, ms: 0, docsExamined: 0, docsReturned: 0, docsWritten: 0,
      storage: {}, started: performance.now(),
    };
  }

  private finish(rec: RequestRecord & { started: number }, status: number, delta: Partial<Omit<StorageTotals, 'requests'>>, error?: string): void {
    const { started, ...record } = rec;
    record.ms = performance.now() - started;
    record.storage = { ...record.storage, status };
    if (error) record.error = error;
    this.recorder(record, delta);
  }

  // ---- PUT /_emulator/cos/<bucket>/<key>: the upload the SDK makes with a grant from getUploadMetadata
  private async putObject(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const requestId = cosRequestId();
    const rec = this.newRecord('cos.putObject', requestId);
    const resource = url.pathname.slice('/_emulator/cos'.length);
    const fail = async (status: number, code: string, message: string) => {
      await drain(req, DRAIN_BYTES);
      cosError(res, status, code, message, resource, requestId);
      this.finish(rec, status, {}, code);
    };
    if (req.method !== 'PUT') return fail(405, 'MethodNotAllowed', `${req.method} is not allowed here: upload with PUT`);
    const rest = url.pathname.slice('/_emulator/cos/'.length);
    const slash = rest.indexOf('/');
    const bucket = slash < 0 ? rest : rest.slice(0, slash);
    if (bucket !== this.bucket) return fail(404, 'NoSuchBucket', 'The specified bucket does not exist.');
    const path = decodePath(rest.slice(slash + 1));
    if (path === undefined || cloudPathProblem(path)) return fail(400, 'InvalidArgument', `invalid object key: ${cloudPathProblem(path) ?? 'bad percent-encoding'}`);
    rec.storage.files = [{ path, fileID: this.fileId(path), code: 'PENDING' }];
    const h = (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined);
    const check = this.signer.checkUpload(bucket, path, h('authorization'), h('x-cos-security-token'), h('x-cos-meta-fileid'));
    if (!check.ok) {
      return check.why === 'missing'
        ? fail(403, 'AccessDenied', 'Access Denied.')
        : fail(403, 'SignatureDoesNotMatch', 'The Signature you specified is invalid.');
    }
    const { grant } = check;
    if (grant.uploader.from) rec.from = grant.uploader.from;
    if (this.nowSec > grant.end) return fail(403, 'AccessDenied', 'Request has expired');

    const upload = this.files.newUpload(path);
    const got = await receive(req, upload, this.maxFileBytes);
    if (got === 'aborted') return this.finish(rec, 499, {}, 'ClientAborted');
    if (got === 'too-large') {
      rec.storage.files[0]!.code = 'EntityTooLarge';
      cosError(res, 400, 'EntityTooLarge', `Your proposed upload exceeds the maximum allowed object size (${this.maxFileBytes} bytes, --max-file-mb).`, resource, requestId);
      return this.finish(rec, 400, {}, 'EntityTooLarge');
    }
    const meta = (await upload.commit({
      path, contentType: contentTypeFor(path, h('content-type')), cosFileId: grant.cosFileId, uploadedAt: this.opts.now(), uploader: grant.uploader,
    })) as FileMeta;
    rec.storage.files = [{ path, fileID: this.fileId(path), code: 'SUCCESS', size: meta.size }];
    rec.storage.bytesIn = meta.size;
    res.writeHead(200, { etag: `"${meta.etag}"`, 'x-cos-request-id': requestId, 'content-length': 0 });
    res.end();
    this.finish(rec, 200, { uploads: 1, bytesIn: meta.size });
  }

  // ---- GET|HEAD /_emulator/files/<bucket>/<key>?sign=&t=: a temporary link
  private async getObject(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const requestId = cosRequestId();
    const head = req.method === 'HEAD';
    const rec = this.newRecord(head ? 'cdn.headObject' : 'cdn.getObject', requestId);
    const resource = url.pathname.slice('/_emulator/files'.length);
    const fail = (status: number, code: string, message: string) => {
      cosError(res, status, code, message, resource, requestId, head);
      this.finish(rec, status, {}, code);
    };
    if (req.method !== 'GET' && !head) return fail(405, 'MethodNotAllowed', `${req.method} is not allowed: use GET or HEAD`);
    const rest = url.pathname.slice('/_emulator/files/'.length);
    const slash = rest.indexOf('/');
    const bucket = slash < 0 ? rest : rest.slice(0, slash);
    if (bucket !== this.bucket) return fail(404, 'NoSuchBucket', 'The specified bucket does not exist.');
    const path = decodePath(rest.slice(slash + 1)) ?? '';
    rec.storage.files = [{ path, fileID: this.fileId(path), code: 'PENDING' }];
    const sign = url.searchParams.get('sign');
    const t = url.searchParams.get('t');
    // CloudBase's codes for a temporary link's signature (docs.cloudbase.net/error-code): CDN_SIGNATURE_MISSING,
    // CDN_INVALID_SIGNATURE, CDN_SIGNATURE_EXPIRED; answered 403 in COS's XML error layout.
    if (!sign || !t) return fail(403, 'CDN_SIGNATURE_MISSING', 'this link carries no signature (sign, t): ask getTempFileURL for one');
    if (!this.signer.checkLink(this.bucket, path, sign, t)) return fail(403, 'CDN_INVALID_SIGNATURE', 'the link\'s signature does not match');
    if (this.nowSec > Number(t)) return fail(403, 'CDN_SIGNATURE_EXPIRED', `the link expired at ${new Date(Number(t) * 1000).toISOString()}`);
    const meta = this.files.get(path);
    const stream = meta && (head ? undefined : await this.files.open(meta));
    if (!meta || (!head && !stream)) return fail(404, 'NoSuchKey', 'The specified key does not exist.');
    const headers: http.OutgoingHttpHeaders = {
      'content-type': meta.contentType,
      'content-length': meta.size,
      etag: `"${meta.etag}"`,
      'last-modified': new Date(meta.uploadedAt).toUTCString(),
      'cache-control': `private, max-age=${Math.max(0, Number(t) - this.nowSec)}`,
      'x-cos-request-id': requestId,
      'access-control-allow-origin': '*',
      // The link is served from the emulator's own origin (the H5 app's): an uploaded HTML or SVG must not run there.
      'x-content-type-options': 'nosniff',
      'content-security-policy': 'sandbox',
    };
    if (!head && req.headers['if-none-match'] === `"${meta.etag}"`) {
      stream?.destroy();
      res.writeHead(304, { etag: headers.etag, 'cache-control': headers['cache-control'], 'x-cos-request-id': requestId });
      res.end();
      rec.storage.files[0]!.code = 'NOT_MODIFIED';
      return this.finish(rec, 304, {});
    }
    res.writeHead(200, headers);
    rec.storage.files[0]!.code = 'SUCCESS';
    rec.storage.files[0]!.size = meta.size;
    if (head) {
      res.end();
      return this.finish(rec, 200, {});
    }
    rec.storage.bytesOut = meta.size;
    await new Promise<void>((resolve) => {
      stream!.on('error', () => res.destroy());
      res.on('close', () => {
        stream!.destroy();
        resolve();
      });
      stream!.pipe(res);
    });
    this.finish(rec, 200, { downloads: 1, bytesOut: meta.size });
  }

  // ---- POST /files: the H5 build's upload in local mode
  private async gatewayUpload(req: http.IncomingMessage, res: http.ServerResponse, url: URL, local: boolean): Promise<void> {
    const requestId = randomUUID();
    const rec = this.newRecord('gateway.uploadFile', requestId);
    const reply = (status: number, body: unknown, delta: Partial<Omit<StorageTotals, 'requests'>> = {}, error?: string) => {
      const text = JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
      res.end(text);
      this.finish(rec, status, delta, error);
    };
    const fail = async (status: number, code: string, message: string) => {
      await drain(req, DRAIN_BYTES);
      reply(status, { error: { code, message } }, {}, code);
    };
    if (!local) return fail(404, 'GATEWAY_OFF', 'the local gateway is off: start the emulator with --local');
    if (req.method !== 'POST') return fail(405, 'METHOD_NOT_ALLOWED', 'use POST');
    const openid = req.headers['x-redpark-openid'];
    if (typeof openid !== 'string' || !openid) return fail(401, 'UNAUTHENTICATED', 'missing caller identity: send the x-redpark-openid header');
    if (!OPENID.test(openid)) return fail(401, 'UNAUTHENTICATED', 'x-redpark-openid must be 1-64 letters, digits, _ or -');
    const uploader: Uploader = { openid, source: 'wx_client' };
    const max = this.maxFileBytes;
    const tooLarge = () => fail(413, 'EXCEED_UPLOAD_MAXFILESIZE', `the file is larger than ${max} bytes (--max-file-mb)`);

    let path: string | undefined;
    let contentType: string | undefined;
    let upload: Upload;
    const isMultipart = /^multipart\/form-data/i.test(req.headers['content-type'] ?? '');
    if (isMultipart) {
      // The whole form is read (the file plus a little for the fields), then parsed by the platform's FormData.
      const body = await readLimited(req, max + 64 * 1024);
      if (body === 'aborted') return this.finish(rec, 499, {}, 'ClientAborted');
      if (body === 'too-large') return tooLarge();
      let form: FormData;
      try {
        form = await new Request('http://local/files', { method: 'POST', headers: { 'content-type': req.headers['content-type']! }, body: new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.length) }).formData();
      } catch (e) {
        return fail(400, 'INVALID_PARAM', `the body is not valid multipart/form-data: ${(e as Error).message}`);
      }
      const cp = form.get('cloudPath');
      const file = form.get('file');
      if (typeof cp !== 'string') return fail(400, 'INVALID_PARAM', 'the form needs a cloudPath field');
      if (!file || typeof file === 'string') return fail(400, 'INVALID_PARAM', 'the form needs a file field holding the file');
      if (file.size > max) return tooLarge();
      path = cp;
      contentType = file.type || undefined;
      const problem = cloudPathProblem(path);
      if (problem) return fail(400, 'INVALID_PARAM', problem);
      upload = this.files.newUpload(path);
      await upload.write(Buffer.from(await file.arrayBuffer()));
    } else {
      path = url.searchParams.get('cloudPath') ?? undefined;
      contentType = typeof req.headers['content-type'] === 'string' ? req.headers['content-type'] : undefined;
      const problem = cloudPathProblem(path);
      if (problem) return fail(400, 'INVALID_PARAM', `${problem} (send it as ?cloudPath=…, or post multipart/form-data with cloudPath and file)`);
      upload = this.files.newUpload(path!);
    }
    rec.storage.files = [{ path, fileID: this.fileId(path!), code: 'PENDING' }];
    // Like CloudBase's storage rules (all of them but 'everyone may write'): nobody overwrites a file someone else uploaded.
    const mayWrite = (old: FileMeta | undefined) => !old || old.uploader.openid === openid;
    if (!mayWrite(this.files.get(path!))) {
      await upload.abort();
      rec.storage.files[0]!.code = 'STORAGE_EXCEED_AUTHORITY';
      return fail(403, 'STORAGE_EXCEED_AUTHORITY', `${path} was uploaded by someone else: choose another cloudPath`);
    }
    if (!isMultipart) {
      const got = await receive(req, upload, max);
      if (got === 'aborted') return this.finish(rec, 499, {}, 'ClientAborted');
      if (got === 'too-large') {
        rec.storage.files[0]!.code = 'EXCEED_UPLOAD_MAXFILESIZE';
        return reply(413, { error: { code: 'EXCEED_UPLOAD_MAXFILESIZE', message: `the file is larger than ${max} bytes (--max-file-mb)` } }, {}, 'EXCEED_UPLOAD_MAXFILESIZE');
      }
    }
    const meta = await upload.commit(
      { path: path!, contentType: contentTypeFor(path!, contentType), cosFileId: randomBytes(27).toString('base64'), uploadedAt: this.opts.now(), uploader },
      mayWrite,
    );
    if (meta === 'refused') {
      rec.storage.files[0]!.code = 'STORAGE_EXCEED_AUTHORITY';
      return reply(403, { error: { code: 'STORAGE_EXCEED_AUTHORITY', message: `${path} was uploaded by someone else: choose another cloudPath` } }, {}, 'STORAGE_EXCEED_AUTHORITY');
    }
    rec.storage.files = [{ path, fileID: this.fileId(path!), code: 'SUCCESS', size: meta.size }];
    rec.storage.bytesIn = meta.size;
    // What wx.cloud.uploadFile resolves with, so the H5 app can hand it on as Taro.cloud.uploadFile's result.
    reply(200, { fileID: this.fileId(path!), statusCode: 200, errMsg: 'cloud.uploadFile:ok' }, { uploads: 1, bytesIn: meta.size });
  }

  // ---- GET /_emulator/storage/content?path=: the console's preview (emulator-only, not counted)
  private async consoleContent(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const meta = this.files.get(url.searchParams.get('path') ?? '');
    const body = meta && (await this.files.read(meta));
    if (req.method !== 'GET' || !meta || !body) {
      const text = JSON.stringify({ code: 'STORAGE_FILE_NONEXIST', message: 'no such file' });
      res.writeHead(404, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
      return void res.end(text);
    }
    res.writeHead(200, {
      'content-type': meta.contentType, 'content-length': body.length, 'x-content-type-options': 'nosniff',
      'content-security-policy': 'sandbox', 'cache-control': 'no-store',
    });
    res.end(body);
  }
}

/** Reads a request body into `upload` up to `max` bytes; past that it keeps reading (and dropping) a while, then gives up. */
async function receive(req: http.IncomingMessage, upload: Upload, max: number): Promise<'ok' | 'too-large' | 'aborted'> {
  let size = 0;
  let tooLarge = false;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (tooLarge) {
        if (size > max + DRAIN_BYTES) break;
        continue;
      }
      if (size > max) {
        tooLarge = true;
        await upload.abort();
        continue;
      }
      await upload.write(chunk);
    }
  } catch {
    await upload.abort();
    return 'aborted';
  }
  if (tooLarge) return 'too-large';
  if (req.readableAborted) {
    await upload.abort();
    return 'aborted';
  }
  return 'ok';
}

async function readLimited(req: http.IncomingMessage, max: number): Promise<Buffer | 'too-large' | 'aborted'> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > max + DRAIN_BYTES) break;
      if (size <= max) chunks.push(chunk);
    }
  } catch {
    return 'aborted';
  }
  return size > max ? 'too-large' : Buffer.concat(chunks);
}

/** Reads and drops what is left of a request body (up to `max` bytes), so the client gets to read the reply. */
async function drain(req: http.IncomingMessage, max: number): Promise<void> {
  if (req.readableEnded) return;
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > max) break;
    }
  } catch {
    // the client went away
  }
}

/** COS's error reply (intl.cloud.tencent.com/document/api/436/7730): XML with Code, Message, Resource, RequestId, TraceId. */
function cosError(res: http.ServerResponse, status: number, code: string, message: string, resource: string, requestId: string, head = false): void {
  if (res.headersSent) return;
  const xml = `<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n\t<Code>${xmlEscape(code)}</Code>\n\t<Message>${xmlEscape(message)}</Message>\n` +
    `\t<Resource>${xmlEscape(resource)}</Resource>\n\t<RequestId>${requestId}</RequestId>\n\t<TraceId>${randomBytes(24).toString('base64')}</TraceId>\n</Error>\n`;
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(xml), 'x-cos-request-id': requestId });
  res.end(head ? undefined : xml);
}

// File ids, bucket names, cloud paths and content types, shaped like CloudBase's.
//
// A production file id is `cloud://<envId>.<bucket>/<cloudPath>`, the bucket being
// `<hex of the env id's first two characters>-<envId>-<Tencent Cloud APPID>`: e.g.
// `cloud://test-wro3n.7465-test-wro3n-1300077222/gameRes/1.json` ("te" = 74 65), and a temporary link on
// `https://7465-test-wro3n-1300077222.tcb.qcloud.la/…?sign=…&t=…` (WeChat's batchDownloadFile example,
// developers.weixin.qq.com …/reference-http-api/storage/batchDownloadFile.html, and links in the wild).

/** The emulator's stand-in for the account's 10-digit Tencent Cloud APPID (the last part of a bucket name). */
export const STORAGE_APPID = '1250000000';

export function bucketOf(envId: string, appId = STORAGE_APPID): string {
  return `${Buffer.from(envId.slice(0, 2), 'utf8').toString('hex')}-${envId}-${appId}`;
}

export function fileIdOf(envId: string, bucket: string, cloudPath: string): string {
  return `cloud://${envId}.${bucket}/${cloudPath}`;
}

export interface ParsedFileId {
  envId: string;
  bucket: string;
  path: string;
}

/** `cloud://<env>.<bucket>/<path>`, or undefined when the text has not that shape. */
export function parseFileId(id: string): ParsedFileId | undefined {
  const m = /^cloud:\/\/([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{1,128})\/(.+)$/s.exec(id);
  if (!m) return undefined;
  return { envId: m[1]!, bucket: m[2]!, path: m[3]! };
}

/** CloudBase's limit on an encoded cloud path (WeChat docs, 云存储 · 文件名命名限制). */
export const MAX_PATH_BYTES = 850;

/**
 * Why a cloud path is refused, or undefined when it is fine. CloudBase's rules (WeChat docs, 文件名命名限制:
 * developers.weixin.qq.com/minigame/dev/wxcloud/guide/storage/naming.html): not empty, not starting with `/`, no
 * `//`, at most 850 bytes, none of CAN EM SUB ESC (0x18, 0x19, 0x1A, 0x1B). The emulator also refuses what those
 * docs call "not recommended" or "needing special handling" where it would break a temporary link: control
 * characters, `\`, `%`, `#`, `?`, a `.` or `..` segment, and a trailing `/` (a folder, not a file). Production
 * accepts those and then serves links that browsers cut or rewrite; refusing them here makes the app choose names
 * that work.
 */
export function cloudPathProblem(path: unknown): string | undefined {
  if (typeof path !== 'string' || path === '') return 'cloudPath must be a non-empty string';
  if (path.startsWith('/')) return 'cloudPath must not start with "/"';
  if (path.includes('//')) return 'cloudPath must not contain "//"';
  if (path.endsWith('/')) return 'cloudPath must name a file, not end with "/"';
  if (Buffer.byteLength(path, 'utf8') > MAX_PATH_BYTES) return `cloudPath is longer than ${MAX_PATH_BYTES} bytes`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'cloudPath must not contain control characters';
  if (/[\\%#?]/.test(path)) return 'cloudPath must not contain \\ % # or ? (they break temporary links)';
  if (path.split('/').some((s) => s === '.' || s === '..')) return 'cloudPath must not contain "." or ".." segments';
  if (Buffer.from(path, 'utf8').toString('utf8') !== path) return 'cloudPath must be well-formed Unicode (no lone surrogates)';
  return undefined;
}

/** The path in a URL: each segment percent-encoded. */
export function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** The inverse of encodePath, for a URL path as a client sent it (undefined when it is not valid percent-encoding). */
export function decodePath(encoded: string): string | undefined {
  try {
    return encoded.split('/').map(decodeURIComponent).join('/');
  } catch {
    return undefined;
  }
}

const TYPES: Record<string, string> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', bmp: 'image/bmp',
  svg: 'image/svg+xml', heic: 'image/heic', heif: 'image/heif', ico: 'image/x-icon', avif: 'image/avif',
  mp4: 'video/mp4', mov: 'video/quicktime', mp3: 'audio/mpeg', m4a: 'audio/mp4', wav: 'audio/wav', aac: 'audio/aac',
  pdf: 'application/pdf', txt: 'text/plain', csv: 'text/csv', json: 'application/json', xml: 'application/xml',
  html: 'text/html', htm: 'text/html', css: 'text/css', js: 'text/javascript', zip: 'application/zip',
  doc: 'application/msword', xls: 'application/vnd.ms-excel', ppt: 'application/vnd.ms-powerpoint',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

/** The file name's extension in lower case ('' when none). */
export function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/**
 * The content type recorded for an upload: the request's Content-Type when it sent one, else (as COS does for a
 * PUT Object without one) the type of the key's extension, else application/octet-stream. The node SDK's upload
 * sends no Content-Type, so its files are typed by their names.
 */
export function contentTypeFor(path: string, header?: string): string {
  const sent = header?.split(';')[0]?.trim().toLowerCase();
  if (sent && /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(sent)) return header!.trim();
  return TYPES[extensionOf(path)] ?? 'application/octet-stream';
}

// Signatures the emulator issues and checks, under one secret kept with the files (so links and upload grants
// issued before a restart with --data still work after it, as production's do).
//
// Upload grants (storage.getUploadMetadata) look like COS's: `authorization` is a q-sign string
// (`q-sign-algorithm=sha1&q-ak=…&q-sign-time=<start>;<end>&…&q-signature=<hex>`), `token` stands for the session
// token (here it carries who asked, signed), `cosFileId` for the opaque id COS checks in `x-cos-meta-fileid`.
// Temporary links carry `sign` (32 hex) and `t` (expiry, unix seconds), like tcb.qcloud.la links.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Who asked for an upload grant: recorded as the file's uploader. */
export interface Uploader {
  openid?: string;
  /** The platform's SOURCE chain of the caller: admin, wx_client, 'wx_client,scf' … */
  source: string;
  /** The function whose invocation asked (its name), if any. */
  function?: string;
  /** `<function>:<requestId>` of that invocation, for attributing the upload to it. */
  from?: string;
}

export interface UploadGrant {
  bucket: string;
  path: string;
  cosFileId: string;
  uploader: Uploader;
  /** Unix seconds. */
  start: number;
  end: number;
}

export interface IssuedGrant {
  authorization: string;
  token: string;
  cosFileId: string;
}

const b64url = (b: Buffer) => b.toString('base64url');

export class Signer {
  constructor(private readonly secret: Buffer) {}

  private hmac(alg: 'sha1' | 'sha256', text: string): string {
    return createHmac(alg, this.secret).update(text, 'utf8').digest('hex');
  }

  issueUpload(g: Omit<UploadGrant, 'cosFileId'>): IssuedGrant {
    const cosFileId = randomBytes(27).toString('base64');
    const token = b64url(Buffer.from(JSON.stringify({ p: g.path, u: g.uploader, c: cosFileId }), 'utf8'));
    const time = `${g.start};${g.end}`;
    const sig = this.hmac('sha1', ['put', `/${g.bucket}/${g.path}`, time, cosFileId, token].join('\n'));
    const authorization =
      `q-sign-algorithm=sha1&q-ak=AKIDemulator&q-sign-time=${time}&q-key-time=${time}` +
      `&q-header-list=x-cos-meta-fileid;x-cos-security-token&q-url-param-list=&q-signature=${sig}`;
    return { authorization, token, cosFileId };
  }

  /**
   * Checks an upload's headers against the bucket and path it is sent to. `expired` is judged by the caller
   * (it knows the emulator clock); a grant whose signature does not match is `forged`.
   */
  checkUpload(bucket: string, path: string, authorization: string | undefined, token: string | undefined, cosFileId: string | undefined):
    | { ok: true; grant: UploadGrant }
    | { ok: false; why: 'missing' | 'forged' } {
    if (!authorization || !token || !cosFileId) return { ok: false, why: 'missing' };
    const fields = new URLSearchParams(authorization);
    const time = fields.get('q-sign-time') ?? '';
    const sig = fields.get('q-signature') ?? '';
    const m = /^(\d{1,12});(\d{1,12})$/.exec(time);
    if (!m || !/^[0-9a-f]{40}$/.test(sig)) return { ok: false, why: 'forged' };
    const want = this.hmac('sha1', ['put', `/${bucket}/${path}`, time, cosFileId, token].join('\n'));
    if (!timingSafeEqual(Buffer.from(want, 'hex'), Buffer.from(sig, 'hex'))) return { ok: false, why: 'forged' };
    let claims: { p: string; u: Uploader; c: string };
    try {
      claims = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, why: 'forged' };
    }
    if (claims.p !== path || claims.c !== cosFileId) return { ok: false, why: 'forged' };
    return { ok: true, grant: { bucket, path, cosFileId, uploader: claims.u, start: Number(m[1]), end: Number(m[2]) } };
  }

  /** `sign` for a temporary link to /<bucket>/<path> valid until `expires` (unix seconds). */
  linkSign(bucket: string, path: string, expires: number): string {
    return this.hmac('sha256', ['get', `/${bucket}/${path}`, String(expires)].join('\n')).slice(0, 32);
  }

  checkLink(bucket: string, path: string, sign: string, expires: string): boolean {
    if (!/^[0-9a-f]{32}$/.test(sign) || !/^[1-9]\d{0,11}$/.test(expires)) return false;
    const want = this.linkSign(bucket, path, Number(expires));
    return timingSafeEqual(Buffer.from(want, 'hex'), Buffer.from(sign, 'hex'));
  }
}

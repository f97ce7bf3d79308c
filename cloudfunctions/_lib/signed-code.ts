// Short-lived signed codes for QR codes: `<PREFIX>.<payload>.<signature>`, base64url, HMAC-SHA256 under
// a secret from the function's environment (set in the CloudBase console; env.local.json locally).
// The payload is `{ p: subject, i: issuedAt (unix s), n: nonce }`. A code lives `ttlS` seconds; the
// client fetches a new one before `refreshAt`, so a photo of a screen is useless a minute later.
// Used by the 亮身份 card code (user) and the meeting check-in code (study).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Tolerated clock difference between instances (a code "from the future"). */
const SKEW_S = 5;

interface Payload {
  /** the subject: a person id, a meeting id */
  p: string;
  /** issued at, unix seconds */
  i: number;
  /** nonce: two codes issued in the same second still differ */
  n: string;
}

export interface SignerOptions {
  prefix: string;
  /** The environment variable holding the secret (32+ characters). */
  secretEnv: string;
  ttlS: number;
  refreshS: number;
}

export type CodeCheck = { ok: true; subject: string } | { ok: false; reason: 'invalid' | 'expired' };

export interface Signer {
  issue(subject: string, nowMs: number): { code: string; expiresAt: Date; refreshAt: Date };
  check(code: string, nowMs: number): CodeCheck;
}

export function codeSigner({ prefix, secretEnv, ttlS, refreshS }: SignerOptions): Signer {
  const secret = (): Buffer => {
    const s = process.env[secretEnv];
    // Fail closed: without a configured secret no code is issued or accepted.
    if (!s || s.length < 32) throw new Error(`${secretEnv} is not configured (32+ characters)`);
    return Buffer.from(s, 'utf8');
  };
  const sign = (body: string) => createHmac('sha256', secret()).update(`${prefix}.${body}`).digest();
  return {
    issue(subject, nowMs) {
      const i = Math.floor(nowMs / 1000);
      const body = Buffer.from(JSON.stringify({ p: subject, i, n: randomBytes(6).toString('base64url') } satisfies Payload)).toString('base64url');
      return {
        code: `${prefix}.${body}.${sign(body).toString('base64url')}`,
        expiresAt: new Date((i + ttlS) * 1000),
        refreshAt: new Date((i + refreshS) * 1000),
      };
    },
    check(code, nowMs) {
      const parts = code.trim().split('.');
      if (parts.length !== 3 || parts[0] !== prefix) return { ok: false, reason: 'invalid' };
      const [, body, sig] = parts as [string, string, string];
      // Compare the text, not the decoded bytes: base64url's last character carries unused bits, so
      // decoding would accept several spellings of one signature (a code with its last letter changed).
      const expected = Buffer.from(sign(body).toString('base64url'));
      const given = Buffer.from(sig);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
      let payload: Payload;
      try {
        payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Payload;
      } catch {
        return { ok: false, reason: 'invalid' };
      }
      if (typeof payload.p !== 'string' || !Number.isInteger(payload.i)) return { ok: false, reason: 'invalid' };
      const now = nowMs / 1000;
      if (payload.i > now + SKEW_S) return { ok: false, reason: 'invalid' };
      if (now >= payload.i + ttlS) return { ok: false, reason: 'expired' };
      return { ok: true, subject: payload.p };
    },
  };
}

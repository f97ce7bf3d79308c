// The 亮身份 QR payload: `RP1.<payload>.<signature>`, base64url, signed with HMAC-SHA256 under a
// secret from the function's environment (REDPARK_CARD_SECRET, set in the CloudBase console).
// A code lives 60 s; the client fetches a new one before `refreshAt`, so it rotates at least every
// minute and a photo of someone's screen is useless a minute later.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const CARD_CODE_TTL_S = 60;
export const CARD_CODE_REFRESH_S = 45;
/** Tolerated clock difference between instances (a code "from the future"). */
const SKEW_S = 5;
const PREFIX = 'RP1';

interface Payload {
  /** person id */
  p: string;
  /** issued at, unix seconds */
  i: number;
  /** nonce: two codes issued in the same second still differ */
  n: string;
}

const b64url = (b: Buffer) => b.toString('base64url');

function secret(): Buffer {
  const s = process.env.REDPARK_CARD_SECRET;
  // Fail closed: without a configured secret no code is issued or accepted.
  if (!s || s.length < 32) throw new Error('REDPARK_CARD_SECRET is not configured (32+ characters)');
  return Buffer.from(s, 'utf8');
}

function sign(body: string): Buffer {
  return createHmac('sha256', secret()).update(`${PREFIX}.${body}`).digest();
}

export function issueCardCode(personId: string, nowMs: number): { code: string; expiresAt: Date; refreshAt: Date } {
  const i = Math.floor(nowMs / 1000);
  const body = b64url(Buffer.from(JSON.stringify({ p: personId, i, n: randomBytes(6).toString('base64url') } satisfies Payload)));
  return {
    code: `${PREFIX}.${body}.${b64url(sign(body))}`,
    expiresAt: new Date((i + CARD_CODE_TTL_S) * 1000),
    refreshAt: new Date((i + CARD_CODE_REFRESH_S) * 1000),
  };
}

export type CardCodeCheck = { ok: true; personId: string } | { ok: false; reason: 'invalid' | 'expired' };

export function checkCardCode(code: string, nowMs: number): CardCodeCheck {
  const parts = code.trim().split('.');
  if (parts.length !== 3 || parts[0] !== PREFIX) return { ok: false, reason: 'invalid' };
  const [, body, sig] = parts as [string, string, string];
  const expected = sign(body);
  const given = Buffer.from(sig, 'base64url');
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
  if (now >= payload.i + CARD_CODE_TTL_S) return { ok: false, reason: 'expired' };
  return { ok: true, personId: payload.p };
}

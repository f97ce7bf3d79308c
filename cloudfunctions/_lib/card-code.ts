// The 亮身份 QR payload: `RP1.<payload>.<signature>`, signed under REDPARK_CARD_SECRET (the environment of
// `user`, which issues and verifies it, and of `volunteer`, where an organizer signs a person in by it).
// A code lives 60 s; the client fetches a new one before `refreshAt`.
import { codeSigner } from './signed-code';

export const CARD_CODE_TTL_S = 60;
export const CARD_CODE_REFRESH_S = 45;

const signer = codeSigner({ prefix: 'RP1', secretEnv: 'REDPARK_CARD_SECRET', ttlS: CARD_CODE_TTL_S, refreshS: CARD_CODE_REFRESH_S });

export function issueCardCode(personId: string, nowMs: number): { code: string; expiresAt: Date; refreshAt: Date } {
  return signer.issue(personId, nowMs);
}

export type CardCodeCheck = { ok: true; personId: string } | { ok: false; reason: 'invalid' | 'expired' };

export function checkCardCode(code: string, nowMs: number): CardCodeCheck {
  const c = signer.check(code, nowMs);
  return c.ok ? { ok: true, personId: c.subject } : c;
}

// Signed QR codes (the 亮身份 card, meeting check-in, volunteer certificates): one spelling per code.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { codeSigner } from '../../cloudfunctions/_lib/signed-code';

const ENV = 'REDPARK_TEST_SIGNER_SECRET';
const signer = codeSigner({ prefix: 'T1', secretEnv: ENV, ttlS: 60, refreshS: 30 });
const NOW = Date.parse('2026-11-30T04:00:00Z');
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('signed codes', () => {
  beforeAll(() => {
    process.env[ENV] = 'x'.repeat(40);
  });
  afterAll(() => {
    delete process.env[ENV];
  });

  test('a fresh code checks out; later it has expired; without a secret nothing is issued', () => {
    const { code } = signer.issue('person-1', NOW);
    assert.deepEqual(signer.check(code, NOW + 1000), { ok: true, subject: 'person-1' });
    assert.deepEqual(signer.check(code, NOW + 61_000), { ok: false, reason: 'expired' });
    const saved = process.env[ENV];
    delete process.env[ENV];
    assert.throws(() => signer.issue('person-1', NOW), /not configured/);
    process.env[ENV] = saved;
  });

  test('every other last letter of the signature is refused, including those that decode to the same bytes', () => {
    // A 32-byte HMAC is 43 base64url letters; the last carries 2 unused bits, so 4 letters decode alike.
    const { code } = signer.issue('person-1', NOW);
    const head = code.slice(0, -1);
    const accepted = [...ALPHABET].filter((c) => signer.check(head + c, NOW).ok);
    assert.deepEqual(accepted, [code.slice(-1)]);
  });

  test('a changed payload or prefix is refused', () => {
    const { code } = signer.issue('person-1', NOW);
    const [prefix, body, sig] = code.split('.');
    const other = Buffer.from(JSON.stringify({ p: 'person-2', i: Math.floor(NOW / 1000), n: 'x' })).toString('base64url');
    assert.equal(signer.check(`${prefix}.${other}.${sig}`, NOW).ok, false);
    assert.equal(signer.check(`T2.${body}.${sig}`, NOW).ok, false);
    assert.equal(signer.check(`${code}.x`, NOW).ok, false);
  });
});

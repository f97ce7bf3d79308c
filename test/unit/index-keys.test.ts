// The emulator's index keys (emulator/store/keys.ts): a string component is written in one pass, and must be byte
// for byte what the two-pass encoding wrote (stores on disk hold those keys), and keep memcmp order equal to
// JavaScript string order. Generated strings: ASCII, Chinese, surrogate pairs, NUL and 0xff code units.
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { encodeValue, indexKeys } from '../../emulator/store/keys.js';

/** The string encoding as first written, in two passes: the tag 4, UTF-16BE with each 0x00 byte followed by 0xff, 0x00 0x00. */
function encodeStringSlow(s: string): Buffer {
  const out: number[] = [4];
  for (const x of Buffer.from(s, 'utf16le').swap16()) {
    out.push(x);
    if (x === 0) out.push(0xff);
  }
  out.push(0, 0);
  return Buffer.from(out);
}

const anyString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('', '\u0000', '\u00ff', '\uff00', '\u0100', 'P|person-1|2026', '第一党支部', '😀|x', '\u0000a\u0000'),
);

describe('index keys', () => {
  test('a string component is the two-pass encoding, byte for byte', () => {
    fc.assert(fc.property(anyString, (s) => assert.deepEqual(encodeValue(s), encodeStringSlow(s), JSON.stringify(s))), { numRuns: 2000 });
  });

  test('memcmp order of string components is JavaScript string order', () => {
    fc.assert(fc.property(anyString, anyString, (a, b) => {
      const bytes = Math.sign(Buffer.compare(encodeValue(a), encodeValue(b)));
      assert.equal(bytes, a === b ? 0 : a < b ? -1 : 1, JSON.stringify([a, b]));
    }), { numRuns: 2000 });
  });

  test('one key for a document without arrays, several (deduplicated) for a multikey one', () => {
    const spec = { name: 'x', keys: { parkId: 1, tags: -1 } as Record<string, 1 | -1> };
    assert.deepEqual(indexKeys({ parkId: 'p', tags: 'a' }, spec).keys.length, 1);
    const multi = indexKeys({ parkId: 'p', tags: ['a', 'b', 'a'] }, spec);
    assert.deepEqual([multi.keys.length, multi.multikey], [2, true]);
  });
});

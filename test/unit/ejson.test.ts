// The emulator's EJSON parsing (emulator/store/values.ts): parseEjson's one-pass fast path must give exactly what
// the reference (bson's EJSON.deserialize after the number checks, then the server dates: parseEjsonExact) gives,
// value for value and type for type (Int32 vs Double vs Long, Date, nested objects and arrays, operators, server
// dates), and refuse exactly what it refuses, with the same message. Generated documents and hand-written edge cases.
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Double, Int32, Long } from 'bson';
import { parseEjson, parseEjsonExact, stringifyEjson } from '../../emulator/store/values.js';

/** Everything that distinguishes two parsed values: types, prototypes, key order, numbers' kinds and bits. */
function shape(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return [typeof v, typeof v === 'number' && Object.is(v, -0) ? '-0' : v];
  if (Array.isArray(v)) return ['array', v.map(shape)];
  if (v instanceof Date) return ['Date', String(v.getTime())];
  const t = (v as { _bsontype?: string })._bsontype;
  if (t) return [t, stringifyEjson({ v })];
  return ['object', Object.getPrototypeOf(v) === Object.prototype, Object.entries(v).map(([k, x]) => [k, shape(x)])];
}

function outcome(parse: (text: string, now: number) => unknown, text: string): unknown {
  try {
    return { ok: shape(parse(text, 1_764_547_200_000)) };
  } catch (e) {
    return { error: (e as Error).constructor.name, message: (e as Error).message };
  }
}

const same = (text: string) => assert.deepEqual(outcome(parseEjson, text), outcome(parseEjsonExact, text), text);

const key = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom('_id', 'w', 'byItem', 'p000001', 'a.b', '0', '12', '$in', '$gt', '$inc', '$set', '$and', '$or', '$exists', 'constructor'),
);
const leaf = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.boolean(),
  fc.constant(null),
  fc.integer({ min: -2147483648, max: 2147483647 }).map((n) => new Int32(n)),
  fc.double().map((n) => new Double(n)),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((n) => Long.fromBigInt(n)),
  fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15) }),
  fc.integer({ min: -1e6, max: 1e6 }).map((offset) => ({ $tcb_server_date: { offset: new Int32(offset) } })),
  fc.constant({ $tcb_server_date: {} }),
);
const value = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(key, tie('v'), { maxKeys: 5 })),
})).v;

describe('parseEjson: the fast path gives what the reference gives', () => {
  test('generated documents, written the way the SDK and the store write them', () => {
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 8 }), (doc) => same(stringifyEjson(doc))),
      { numRuns: 3000 },
    );
  });

  test('generated JSON text, including plain numbers and wrappers in odd places', () => {
    const text = fc.letrec((tie) => ({
      t: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom('1', '-0', '0.5', '2147483648', '-2147483649', '9007199254740993', '1e400', '"x"', 'true', 'null', '[]', '{}'),
        fc.constantFrom(
          '{"$numberInt":"5"}', '{"$numberInt":5}', '{"$numberInt":"2147483648"}', '{"$numberInt":"-2147483648"}', '{"$numberInt":"x"}',
          '{"$numberLong":"9223372036854775807"}', '{"$numberLong":"9223372036854775808"}', '{"$numberLong":"1.5"}', '{"$numberLong":"00000000000000000000001"}',
          '{"$numberDouble":"1.5"}', '{"$numberDouble":"Infinity"}', '{"$numberDouble":"NaN"}', '{"$numberDouble":"-0.0"}', '{"$numberDouble":"1e"}',
          '{"$date":{"$numberLong":"1764547200000"}}', '{"$date":"2026-11-20T14:00:00Z"}', '{"$date":"not a date"}', '{"$date":5}', '{"$date":{"$numberInt":"5"}}', '{"$date":null}',
          '{"$tcb_server_date":{"offset":{"$numberInt":"1000"}}}', '{"$tcb_server_date":{"offset":"x"}}', '{"$tcb_server_date":null}', '{"$tcb_server_date":5}',
          '{"$oid":"5f1d7f1f1f1f1f1f1f1f1f1f"}', '{"$undefined":true}', '{"$regularExpression":{"pattern":"a","options":"i"}}', '{"$binary":{"base64":"AA==","subType":"00"}}',
          '{"$ref":"c","$id":"1"}', '{"$code":"x"}', '{"__proto__":{"a":1}}', '{"a\\u0000b":1}', '{"$numberInt":"5","x":1}', '{"$in":[{"$numberInt":"1"}]}',
        ),
        fc.array(tie('t'), { maxLength: 3 }).map((xs) => `[${xs.join(',')}]`),
        fc.array(fc.tuple(key, tie('t')), { maxLength: 3 }).map((kv) => `{${kv.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
      ),
    })).t;
    fc.assert(fc.property(text, same), { numRuns: 3000 });
  });

  test('edge cases by hand: every bail-out and every error', () => {
    for (const t of [
      '{"a":{"$numberInt":"7"},"b":{"$numberDouble":"7.0"},"c":{"$numberLong":"7"},"d":{"$date":{"$numberLong":"0"}}}',
      '{"w":{"p000001":{"$numberInt":"3"}},"u":{"$tcb_server_date":{"offset":{"$numberDouble":"-1.5"}}}}',
      '[{"$tcb_server_date":{}},{"$date":"2026-01-01"}]',
      '{"$and":[{"_id":{"$in":["a","b"]}},{"$or":[{"w.p":{"$lt":{"$numberInt":"9"}}},{"w.p":{"$exists":false}}]}]}',
      '{"x":1.5}', '{"x":4294967296}', '{"x":-0}', 'not json', '', '{"$numberLong":"-9223372036854775809"}',
      '{"$tcb_server_date":{"offset":{"$numberInt":"x"}}}', '{"$date":{"$numberLong":"1","x":2}}', '{"__proto__":1}', '{"$timestamp":{"t":1,"i":2}}',
    ]) {
      same(t);
    }
  });

  test('the fast path answers the common document without the reference (numbers typed, dates, server date at now)', () => {
    const v = parseEjson('{"n":{"$numberInt":"40"},"d":{"$numberDouble":"1.5"},"at":{"$date":{"$numberLong":"1000"}},"s":{"$tcb_server_date":{}}}', 5000) as Record<string, unknown>;
    assert.ok(v.n instanceof Int32 && v.n.value === 40);
    assert.ok(v.d instanceof Double && v.d.value === 1.5);
    assert.equal((v.at as Date).getTime(), 1000);
    assert.equal((v.s as Date).getTime(), 5000);
  });
});

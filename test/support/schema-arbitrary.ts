// fast-check arbitraries generated from the contract's zod schemas (through their JSON Schema, which
// zod 4 produces): inputs that are mostly almost right, a field at a time wrong in every way we can
// think of — the wrong type, one past a bound, hostile strings, built-in property names, deep nesting,
// extra fields a client must never set. A new action is fuzzed without anyone writing a generator.
import fc from 'fast-check';
import { z } from '../../shared/contract/zod';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  enum?: Json[];
  const?: Json;
  anyOf?: Schema[];
  default?: Json;
}

export function jsonSchemaOf(schema: z.ZodType): Schema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Schema;
}

/** Keys a client may try to smuggle in, and keys that break code using plain objects as maps. */
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'openid', '_id', 'parkId', 'roles', 'parkAdmin', '$where', 'a.b'];

/** Strings that have broken real systems. */
const HOSTILE_STRINGS = [
  '', ' ', '\u0000', '\n\t\r', '𠮷野家', '👨‍👩‍👧', '\u202e反转', '<script>alert(1)</script>', "'; DROP TABLE people; --", '{"$gt":""}', '../..',
  'a|b|c', '%s%n', 'null', 'undefined', 'NaN', '2026-02-30', '0000-00-00', '9999-12-31', '1921-06-30', 'x'.repeat(129), '长'.repeat(2001),
];

const hostileNumber = fc.constantFrom(0, -1, -0, 0.5, 1.5, 1e21, -1e21, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, -(2 ** 31) - 1);

/** Any JSON, including deep and wide values. */
export const anyJson: fc.Arbitrary<Json> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json> },
  { weight: 1, arbitrary: fc.constantFrom<Json>(...HOSTILE_STRINGS) },
  { weight: 1, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 400 }).map((d) => nest(d)) },
  { weight: 1, arbitrary: fc.constantFrom<Json>([], {}, [null], { '': null }) },
);

function nest(depth: number): Json {
  let v: Json = 1;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

export interface Pools {
  /** Real ids of the test park, so some inputs reach deep into the handlers. */
  ids: string[];
}

const typesOf = (s: Schema): string[] => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []);

/** A value the schema most likely accepts (refinements such as "a real calendar day" may still refuse it). */
export function valid(s: Schema, pools: Pools, key = ''): fc.Arbitrary<Json> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  if (s.anyOf) return fc.oneof(...s.anyOf.map((x) => valid(x, pools, key)));
  const t = typesOf(s);
  if (t.length > 1) return fc.oneof(...t.map((type) => valid({ ...s, type }, pools, key)));
  switch (t[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
    case 'number': {
      const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -1000);
      const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : 1000);
      const lo = Math.max(min, -1e6);
      const hi = Math.min(max, Math.max(lo, 1e6));
      return t[0] === 'integer' ? fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) }) : fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
    }
    case 'string': {
      const minLength = s.minLength ?? 0;
      const maxLength = Math.min(s.maxLength ?? 40, minLength + 40);
      if (s.pattern) return fc.stringMatching(new RegExp(s.pattern)).filter((x) => x.length >= minLength && x.length <= (s.maxLength ?? Infinity));
      const text = fc.string({ minLength, maxLength, unit: fc.constantFrom(...'党员学习志愿服务abc 0123456789-'.split('')) });
      // Fields that name a document: usually a real id of the test park, sometimes a made-up one.
      if (/id$/i.test(key) && pools.ids.length) return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...pools.ids) }, { weight: 1, arbitrary: text });
      return text;
    }
    case 'array': {
      const item = s.items ? valid(s.items, pools, key.replace(/s$/, '')) : anyJson;
      const minLength = s.minItems ?? 0;
      return fc.array(item, { minLength, maxLength: Math.min(s.maxItems ?? 4, minLength + 4) });
    }
    case 'object': {
      const props = s.properties ?? {};
      const required = new Set(s.required ?? []);
      const entries = Object.entries(props).map(([k, v]) => [k, valid(v, pools, k)] as const);
      return fc.record(Object.fromEntries(entries), { requiredKeys: [...required].filter((k) => k in props) }) as fc.Arbitrary<Json>;
    }
    default:
      return anyJson;
  }
}

/** One way of being wrong for a value of this schema. */
function wrong(s: Schema): fc.Arbitrary<Json> {
  const t = typesOf(s)[0];
  const out: fc.Arbitrary<Json>[] = [anyJson];
  if (t === 'string') {
    if (s.maxLength !== undefined) out.push(fc.constant('长'.repeat(s.maxLength + 1)));
    if (s.minLength) out.push(fc.constant('x'.repeat(s.minLength - 1)));
    out.push(fc.constantFrom<Json>(...HOSTILE_STRINGS));
  }
  if (t === 'integer' || t === 'number') {
    if (s.maximum !== undefined) out.push(fc.constant(s.maximum + 1));
    if (s.minimum !== undefined) out.push(fc.constant(s.minimum - 1));
    if (t === 'integer') out.push(fc.constant(1.5));
    out.push(hostileNumber, fc.constant('1'));
  }
  if (t === 'array') {
    if (s.maxItems !== undefined && s.maxItems < 2000) out.push(fc.constant(Array.from({ length: s.maxItems + 1 }, () => null)));
    out.push(fc.constant({ 0: 'a', length: 1 }));
  }
  if (s.enum) out.push(fc.constantFrom<Json>('', 'ADMIN', 'undefined', ...s.enum.map((e) => (typeof e === 'string' ? e.toUpperCase() : 1))));
  return fc.oneof(...out);
}

/**
 * An input for an action: sometimes valid, mostly a valid input with one thing wrong — a field of
 * the wrong shape (at any depth), a required field missing, a field the action does not take — or
 * not an object at all.
 */
export function fuzzInput(s: Schema, pools: Pools, depth = 0): fc.Arbitrary<Json> {
  const t = typesOf(s);
  if (s.anyOf) return fc.oneof(...s.anyOf.map((x) => fuzzInput(x, pools, depth)));
  if (t[0] === 'array' && s.items && depth < 4) {
    return fc.oneof(valid(s, pools), fc.array(fuzzInput(s.items, pools, depth + 1), { minLength: 1, maxLength: 3 }), wrong(s));
  }
  if (t[0] !== 'object' || depth >= 4) return fc.oneof({ weight: 1, arbitrary: valid(s, pools) }, { weight: 2, arbitrary: wrong(s) });
  const props = Object.entries(s.properties ?? {});
  const base = valid(s, pools) as fc.Arbitrary<Record<string, Json>>;
  const options: fc.Arbitrary<Json>[] = [
    base,
    fc.tuple(base, fc.constantFrom(...HOSTILE_KEYS), anyJson).map(([o, k, v]) => Object.defineProperty({ ...o }, k, { value: v, enumerable: true, writable: true, configurable: true })),
    anyJson.filter((v) => v === null || typeof v !== 'object' || Array.isArray(v)),
  ];
  if (props.length) {
    const field = fc.constantFrom(...props);
    options.push(
      fc.tuple(base, field).chain(([o, [k, sub]]) => fuzzInput(sub, pools, depth + 1).map((v) => ({ ...o, [k]: v }))),
      fc.tuple(base, field).map(([o, [k]]) => {
        const { [k]: _dropped, ...rest } = o;
        return rest;
      }),
    );
  }
  return fc.oneof(...options);
}

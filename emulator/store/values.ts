// Typed document values. Documents are kept as bson's canonical EJSON so int vs double,
// Long, Date and RegExp survive storage exactly; evaluation (mingo) runs on plain JS copies.
import { EJSON, Int32, Double, Long } from 'bson';

export type Doc = Record<string, unknown>;

export class BadEjsonError extends Error {}

function bsonType(v: unknown): string | undefined {
  return v !== null && typeof v === 'object' ? (v as { _bsontype?: string })._bsontype : undefined;
}

/** Parse a canonical EJSON string as the SDK sends it, resolving `$tcb_server_date` to now. */
export function parseEjson(text: string, now: number = Date.now()): unknown {
  // The common shapes in one pass over JSON.parse's result (fastEjson); anything else, and every error, the
  // exact way below (bson's EJSON): the two give the same values, which test/unit/ejson.test.ts checks.
  try {
    const fast = fastEjson(JSON.parse(text), now);
    if (fast !== BAIL) return fast;
  } catch {
    // the exact way decides, and words the error
  }
  return parseEjsonExact(text, now);
}

/** bson's EJSON.deserialize (canonical) after the number checks, then the server dates: the reference. */
export function parseEjsonExact(text: string, now: number = Date.now()): unknown {
  let value: unknown;
  try {
    const json = JSON.parse(text) as unknown;
    checkNumbers(json);
    value = EJSON.deserialize(json as Doc, { relaxed: false });
  } catch (e) {
    throw new BadEjsonError(`invalid EJSON: ${(e as Error).message}`);
  }
  return resolveServerDates(value, now);
}

// ---- the fast path (issue 21: bson's EJSON.deserialize stringifies and re-parses with a reviver, ~10x JSON.parse) ----
const BAIL = Symbol('bail');
const CANONICAL = { relaxed: false, legacy: false, useBigInt64: false };
type Codec = { fromExtendedJSON(doc: unknown, options: unknown): unknown };
const NUMBER_CODECS: Record<string, Codec> = { $numberInt: Int32 as unknown as Codec, $numberDouble: Double as unknown as Codec, $numberLong: Long as unknown as Codec };
/**
 * Keys bson 7's deserializeValue reads specially (its keysToCodecs, $date, $code, DBRefs, $undefined) and the
 * server date: an object holding one, other than the single-key forms fastEjson handles, goes the exact way.
 */
const SPECIAL_KEYS = new Set([
  '$oid', '$binary', '$uuid', '$symbol', '$numberInt', '$numberDecimal', '$numberDouble', '$numberLong', '$minKey', '$maxKey', '$regex',
  '$regularExpression', '$timestamp', '$date', '$code', '$scope', '$ref', '$id', '$db', '$dbPointer', '$undefined', '$tcb_server_date',
]);

/**
 * The value parseEjsonExact gives, built in place over JSON.parse's result, or BAIL for what it leaves to the
 * exact way: numbers outside int32, number wrappers checkNumbers would refuse, other bson types, odd keys.
 */
function fastEjson(v: unknown, now: number): unknown {
  if (typeof v === 'number') return Number.isInteger(v) && !Object.is(v, -0) && v <= 0x7fffffff && v >= -0x80000000 ? new Int32(v) : BAIL;
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x = fastEjson(v[i], now);
      if (x === BAIL) return BAIL;
      v[i] = x;
    }
    return v;
  }
  const o = v as Doc;
  const keys = Object.keys(o);
  if (keys.length === 1 && keys[0]!.charCodeAt(0) === 36 /* $ */) {
    const k = keys[0]!;
    const x = o[k];
    const codec = NUMBER_CODECS[k];
    if (codec) return typeof x === 'string' && numberOk(k, x) ? codec.fromExtendedJSON(o, CANONICAL) : BAIL;
    if (k === '$date') {
      // bson: a string is Date.parse'd; {$numberLong} becomes a Long first, then its milliseconds.
      const date = new Date();
      if (typeof x === 'string') date.setTime(Date.parse(x));
      else {
        const ms = x !== null && typeof x === 'object' && !Array.isArray(x) ? fastEjson(x, now) : BAIL;
        if (!(ms instanceof Long)) return BAIL;
        date.setTime(ms.toNumber());
      }
      return date;
    }
    if (k === '$tcb_server_date') {
      const spec = fastEjson(x, now);
      if (spec === BAIL) return BAIL;
      const s = spec as { offset?: unknown } | null;
      const offset = s && s.offset !== undefined ? numberValue(s.offset) : 0;
      return offset === undefined || Number.isNaN(offset) ? BAIL : new Date(now + offset);
    }
  }
  for (const k of keys) {
    if ((k.charCodeAt(0) === 36 && SPECIAL_KEYS.has(k)) || k === '__proto__' || k.includes('\u0000')) return BAIL;
    const x = fastEjson(o[k], now);
    if (x === BAIL) return BAIL;
    o[k] = x;
  }
  return o;
}

/** checkNumbers' test for one wrapper's string. */
function numberOk(k: string, x: string): boolean {
  if (k === '$numberInt') return INT.test(x) && Math.abs(Number(x)) <= 2147483648 && Number(x) !== 2147483648;
  if (k === '$numberLong') return INT.test(x) && BigInt(x) <= 9223372036854775807n && BigInt(x) >= -9223372036854775808n;
  return DOUBLE.test(x);
}

const INT = /^-?\d+$/;
const DOUBLE = /^(-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|-?Infinity|NaN)$/;

/** bson quietly turns {"$numberInt":"x"} into 0; a database must refuse it instead. */
function checkNumbers(v: unknown): void {
  if (Array.isArray(v)) return v.forEach(checkNumbers);
  if (v === null || typeof v !== 'object') return;
  const o = v as Doc;
  const keys = Object.keys(o);
  if (keys.length === 1) {
    const [k] = keys as [string];
    const x = o[k];
    const bad = (what: string) => new Error(`${k} ${JSON.stringify(x)} is not ${what}`);
    if (k === '$numberInt' && (typeof x !== 'string' || !INT.test(x) || Math.abs(Number(x)) > 2147483648 || Number(x) === 2147483648))
      throw bad('a 32-bit integer');
    if (k === '$numberLong' && (typeof x !== 'string' || !INT.test(x) || BigInt(x) > 9223372036854775807n || BigInt(x) < -9223372036854775808n))
      throw bad('a 64-bit integer');
    if (k === '$numberDouble' && (typeof x !== 'string' || !DOUBLE.test(x))) throw bad('a double');
  }
  for (const k of keys) checkNumbers(o[k]);
}

function resolveServerDates(v: unknown, now: number): unknown {
  if (Array.isArray(v)) return v.map((x) => resolveServerDates(x, now));
  if (!isPlainObject(v)) return v;
  const keys = Object.keys(v);
  if (keys.length === 1 && keys[0] === '$tcb_server_date') {
    const spec = v.$tcb_server_date as { offset?: unknown } | null;
    const offset = spec && spec.offset !== undefined ? numberValue(spec.offset) : 0;
    if (offset === undefined || Number.isNaN(offset)) throw new BadEjsonError('serverDate offset must be a number');
    return new Date(now + offset);
  }
  const out: Doc = {};
  for (const k of keys) out[k] = resolveServerDates(v[k], now);
  return out;
}

export function stringifyEjson(v: unknown): string {
  return EJSON.stringify(v, { relaxed: false });
}

export function isPlainObject(v: unknown): v is Doc {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Date) return false;
  if (bsonType(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

export function isObjectId(v: unknown): v is { toHexString(): string } {
  const t = bsonType(v);
  return t === 'ObjectId' || t === 'ObjectID';
}

export function isNumeric(v: unknown): boolean {
  if (typeof v === 'number' || typeof v === 'bigint') return true;
  const t = bsonType(v);
  return t === 'Int32' || t === 'Double' || t === 'Long' || t === 'Decimal128';
}

export function numberValue(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  switch (bsonType(v)) {
    case 'Int32':
    case 'Double':
      return (v as Int32 | Double).valueOf();
    case 'Long':
      return (v as Long).toNumber();
    case 'Decimal128':
      return parseFloat(String(v));
    default:
      return undefined;
  }
}

/** A plain JS copy for mingo: numbers as numbers, BSONRegExp as RegExp. */
export function toPlain(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(toPlain);
  if (v instanceof Date) return v;
  const t = bsonType(v);
  if (t) {
    if (isNumeric(v)) return numberValue(v);
    if (t === 'BSONRegExp') {
      const r = v as { pattern: string; options: string };
      return new RegExp(r.pattern, r.options.replace(/[^imsu]/g, ''));
    }
    if (t === 'ObjectId' || t === 'ObjectID') return String((v as { toHexString(): string }).toHexString());
    return v;
  }
  const out: Doc = {};
  for (const k of Object.keys(v)) out[k] = toPlain((v as Doc)[k]);
  return out;
}

/** Back from plain JS (aggregation output) to typed values: integers become Int32/Long, others Double. */
export function fromPlain(v: unknown): unknown {
  if (typeof v === 'number') return typedNumber(v, Number.isInteger(v) && !Object.is(v, -0));
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(fromPlain);
  if (v instanceof Date) return v;
  if (v instanceof RegExp) return v;
  if (bsonType(v)) return v;
  const out: Doc = {};
  for (const k of Object.keys(v)) out[k] = fromPlain((v as Doc)[k]);
  return out;
}

/** An integer result stays an integer type when it fits; otherwise it is a double. */
export function typedNumber(n: number, integer: boolean): unknown {
  if (integer && Number.isInteger(n)) {
    if (n >= -2147483648 && n <= 2147483647) return new Int32(n);
    if (Number.isSafeInteger(n)) return Long.fromNumber(n);
  }
  return new Double(n);
}

export function isIntegerType(v: unknown): boolean {
  const t = bsonType(v);
  return t === 'Int32' || t === 'Long' || (typeof v === 'number' && Number.isInteger(v));
}

export function isLong(v: unknown): boolean {
  return bsonType(v) === 'Long';
}

// ---- BSON comparison order (used for sorting and index keys) ----
export function typeRank(v: unknown): number {
  if (v === undefined || v === null) return 2;
  if (isNumeric(v)) return 3;
  if (typeof v === 'string') return 4;
  if (typeof v === 'boolean') return 9;
  if (v instanceof Date) return 10;
  if (v instanceof RegExp) return 12;
  if (Array.isArray(v)) return 6;
  switch (bsonType(v)) {
    case 'MinKey':
      return 1;
    case 'BSONSymbol':
      return 4;
    case 'Binary':
      return 7;
    case 'ObjectId':
    case 'ObjectID':
      return 8;
    case 'Timestamp':
      return 11;
    case 'BSONRegExp':
      return 12;
    case 'MaxKey':
      return 13;
    default:
      return 5;
  }
}

export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 2:
      return 0;
    case 3: {
      const x = numberValue(a)!;
      const y = numberValue(b)!;
      if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : -1;
      if (Number.isNaN(y)) return 1;
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 4: {
      const x = String(a);
      const y = String(b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 9:
      return a === b ? 0 : a ? 1 : -1;
    case 10:
      return Math.sign((a as Date).getTime() - (b as Date).getTime());
    case 6: {
      const x = a as unknown[];
      const y = b as unknown[];
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = compareValues(x[i], y[i]);
        if (c) return c;
      }
      return Math.sign(x.length - y.length);
    }
    case 5: {
      const ka = Object.keys(a as Doc);
      const kb = Object.keys(b as Doc);
      for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
        const c = compareValues((a as Doc)[ka[i]!], (b as Doc)[kb[i]!]) || (ka[i]! < kb[i]! ? -1 : ka[i]! > kb[i]! ? 1 : 0);
        if (c) return c;
      }
      return Math.sign(ka.length - kb.length);
    }
    default: {
      const x = stringifyEjson({ v: a });
      const y = stringifyEjson({ v: b });
      return x < y ? -1 : x > y ? 1 : 0;
    }
  }
}

export function valuesEqual(a: unknown, b: unknown): boolean {
  return typeRank(a) === typeRank(b) && compareValues(a, b) === 0;
}

// ---- dot paths ----
/** Every value a dot path reaches, fanning out over arrays as MongoDB does; [] when missing. */
export function pathValues(doc: unknown, path: string): unknown[] {
  return walk(doc, path.split('.'), 0);
}

function walk(v: unknown, parts: string[], i: number): unknown[] {
  if (i === parts.length) return [v];
  if (Array.isArray(v)) {
    const part = parts[i]!;
    if (/^\d+$/.test(part)) {
      const idx = Number(part);
      return idx < v.length ? walk(v[idx], parts, i + 1) : [];
    }
    return v.flatMap((el) => (isPlainObject(el) ? walk(el, parts, i) : []));
  }
  if (isPlainObject(v) && Object.prototype.hasOwnProperty.call(v, parts[i]!)) return walk(v[parts[i]!], parts, i + 1);
  return [];
}

/** The value a sort uses: missing → null; arrays → their min (asc) or max (desc) element. */
export function sortKey(doc: unknown, path: string, dir: 1 | -1): unknown {
  const vals = pathValues(doc, path).flatMap((v) => (Array.isArray(v) ? (v.length ? v : [undefined]) : [v]));
  if (vals.length === 0) return null;
  let best = vals[0];
  for (const v of vals.slice(1)) if (compareValues(v, best) * dir < 0) best = v;
  return best;
}

export function clone<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(clone) as T;
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (bsonType(v)) return v; // bson values are immutable
  const out: Doc = {};
  for (const k of Object.keys(v)) out[k] = clone((v as Doc)[k]);
  return out as T;
}

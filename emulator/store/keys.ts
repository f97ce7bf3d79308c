// Order-preserving byte keys for index entries: memcmp order on the encoding equals BSON
// comparison order for scalars, so SQLite's B-tree serves equality and range lookups.
import { isNumeric, numberValue, pathValues, stringifyEjson, typeRank } from './values.js';

export interface IndexSpec {
  name: string;
  keys: Record<string, 1 | -1>;
  unique?: boolean;
  sparse?: boolean;
}

/** Scalars the planner may look up through an index (by type rank). */
export function isIndexableScalar(v: unknown): boolean {
  const r = typeRank(v);
  return r === 2 || r === 3 || r === 4 || r === 9 || r === 10;
}

function encodeNumber(n: number): Buffer {
  const b = Buffer.alloc(8);
  if (Number.isNaN(n)) return b; // NaN sorts below every number
  b.writeDoubleBE(n === 0 ? 0 : n); // -0 equals 0
  if (b[0]! & 0x80) for (let i = 0; i < 8; i++) b[i] = ~b[i]! & 0xff;
  else b[0] = b[0]! | 0x80;
  return b;
}

function escapeZeros(bytes: Buffer): Buffer {
  const out: number[] = [];
  for (const x of bytes) {
    out.push(x);
    if (x === 0) out.push(0xff);
  }
  out.push(0, 0);
  return Buffer.from(out);
}

/**
 * A string component: the tag, its UTF-16BE code units (byte order = JavaScript string order) with each 0x00 byte
 * followed by 0xff, then 0x00 0x00 — escapeZeros(utf16be) written in one pass, as every ASCII character has a 0x00
 * byte and strings are most keys (test/unit/index-keys.test.ts holds the two equal).
 */
function encodeString(tag: number, s: string): Buffer {
  const out = Buffer.allocUnsafe(s.length * 4 + 3);
  let n = 0;
  out[n++] = tag;
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i);
    const hi = u >> 8;
    const lo = u & 0xff;
    out[n++] = hi;
    if (hi === 0) out[n++] = 0xff;
    out[n++] = lo;
    if (lo === 0) out[n++] = 0xff;
  }
  out[n++] = 0;
  out[n++] = 0;
  return out.subarray(0, n);
}

/** One component of a key: a type-rank byte, then the value's encoding. */
export function encodeValue(v: unknown): Buffer {
  const rank = typeRank(v);
  if (rank === 4) return encodeString(rank, String(v));
  const tag = Buffer.from([rank]);
  switch (rank) {
    case 2:
      return tag;
    case 3:
      return Buffer.concat([tag, encodeNumber(numberValue(v)!)]);
    case 9:
      return Buffer.from([rank, v ? 1 : 0]);
    case 10:
      return Buffer.concat([tag, encodeNumber((v as Date).getTime())]);
    default:
      // objects, arrays and rarer types: equality only (order within the type is not meaningful)
      return Buffer.concat([tag, escapeZeros(Buffer.from(stringifyEjson({ v }), 'utf8'))]);
  }
}

/** The smallest key above every key of this type rank (an exclusive upper bound for a type bracket). */
export function typeUpperBound(rank: number): Buffer {
  return Buffer.from([rank + 1]);
}
export function typeLowerBound(rank: number): Buffer {
  return Buffer.from([rank]);
}

const MAX_KEYS_PER_DOC = 1000;

/**
 * The index keys of a document: one per combination of values (multikey over arrays).
 * Missing fields index as null unless the index is sparse (then a doc missing every field has no keys).
 */
export function indexKeys(doc: unknown, spec: IndexSpec): { keys: Buffer[]; multikey: boolean } {
  const fields = Object.keys(spec.keys);
  let multikey = false;
  let present = false;
  const perField = fields.map((f) => {
    const raw = pathValues(doc, f);
    if (raw.length) present = true;
    const vals: unknown[] = [];
    for (const v of raw) {
      if (Array.isArray(v)) {
        multikey = true;
        if (v.length === 0) vals.push(undefined);
        else vals.push(...v);
      } else vals.push(v);
    }
    if (raw.length > 1) multikey = true;
    return vals.length ? vals : [null];
  });
  if (spec.sparse && !present) return { keys: [], multikey };
  let combos: Buffer[][] = [[]];
  for (let i = 0; i < perField.length; i++) {
    const dir = spec.keys[fields[i]!]!;
    const next: Buffer[][] = [];
    for (const c of combos) for (const v of perField[i]!) next.push([...c, encodeComponent(v, dir)]);
    combos = next;
    if (combos.length > MAX_KEYS_PER_DOC) throw new Error(`index ${spec.name}: too many keys for one document`);
  }
  if (combos.length === 1) return { keys: [Buffer.concat(combos[0]!)], multikey };
  const seen = new Set<string>();
  const keys: Buffer[] = [];
  for (const c of combos) {
    const k = Buffer.concat(c);
    const hex = k.toString('hex');
    if (!seen.has(hex)) {
      seen.add(hex);
      keys.push(k);
    }
  }
  return { keys, multikey };
}

/**
 * A descending component is stored with every byte inverted: the encoding is prefix-free
 * (fixed widths and terminators), so inversion exactly reverses the order.
 */
export function encodeComponent(v: unknown, dir: 1 | -1): Buffer {
  const b = encodeValue(v);
  return dir === 1 ? b : invert(b);
}

export function invert(b: Buffer): Buffer {
  const out = Buffer.alloc(b.length);
  for (let i = 0; i < b.length; i++) out[i] = ~b[i]! & 0xff;
  return out;
}

export { isNumeric };

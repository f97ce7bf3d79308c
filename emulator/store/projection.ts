// Find projections: inclusion or exclusion of (dot-path) fields; `_id` is kept unless excluded; `$slice` cuts arrays
// (alone it keeps every other field, as MongoDB 4.4+ and CloudBase do).
import { type Doc, isPlainObject, numberValue } from './values.js';

export class ProjectionError extends Error {}

/** `{ $slice: n }` (first n, or last -n) or `{ $slice: [skip, n] }` (skip < 0 counts from the end). */
export type Slice = { path: string; skip?: number; n: number };

export type Projection = { include: boolean; paths: string[]; keepId: boolean; slices?: Slice[] };

function int(v: unknown): number | undefined {
  const n = numberValue(v);
  return n !== undefined && Number.isInteger(n) ? n : undefined;
}

function compileSlice(path: string, spec: unknown): Slice {
  if (Array.isArray(spec)) {
    const [skip, n] = spec.map(int);
    if (spec.length !== 2 || skip === undefined || n === undefined || n <= 0)
      throw new ProjectionError(`$slice for '${path}' needs [skip, n] with n > 0`);
    return { path, skip, n };
  }
  const n = int(spec);
  if (n === undefined) throw new ProjectionError(`$slice for '${path}' needs an integer or [skip, n]`);
  return { path, n };
}

export function compileProjection(spec: unknown): Projection | undefined {
  if (spec === undefined || spec === null) return undefined;
  if (!isPlainObject(spec)) throw new ProjectionError('projection must be an object');
  let keepId = true;
  const inc: string[] = [];
  const exc: string[] = [];
  const slices: Slice[] = [];
  for (const [path, v] of Object.entries(spec)) {
    if (isPlainObject(v) && Object.keys(v).length === 1 && '$slice' in v) {
      slices.push(compileSlice(path, v.$slice));
      continue;
    }
    const on = typeof v === 'boolean' ? v : numberValue(v);
    if (on === undefined) throw new ProjectionError(`unsupported projection for '${path}'`);
    if (path === '_id') keepId = Boolean(on);
    else (on ? inc : exc).push(path);
  }
  if (inc.length && exc.length) throw new ProjectionError('cannot mix inclusion and exclusion in a projection');
  const sl = slices.length ? { slices } : {};
  if (!inc.length && !exc.length) return keepId && !slices.length ? undefined : { include: false, paths: [], keepId, ...sl };
  // An inclusion projection also returns the sliced fields.
  return inc.length ? { include: true, paths: [...inc, ...slices.map((x) => x.path)], keepId, ...sl } : { include: false, paths: exc, keepId, ...sl };
}

export function project(doc: Doc, p: Projection | undefined): Doc {
  if (!p) return doc;
  let out: Doc;
  if (p.include) {
    out = {};
    for (const path of p.paths) copyPath(doc, out, path.split('.'));
  } else {
    out = structuredCopy(doc);
    for (const path of p.paths) removePath(out, path.split('.'));
  }
  for (const sl of p.slices ?? []) slicePath(out, sl.path.split('.'), sl);
  if (p.keepId && '_id' in doc) out = { _id: doc._id, ...out };
  else delete out._id;
  return out;
}

function cut(arr: unknown[], sl: Slice): unknown[] {
  if (sl.skip === undefined) return sl.n >= 0 ? arr.slice(0, sl.n) : arr.slice(Math.max(0, arr.length + sl.n));
  const from = sl.skip >= 0 ? sl.skip : Math.max(0, arr.length + sl.skip);
  return arr.slice(from, from + sl.n);
}

/** Replace the array at `parts` (through embedded documents and arrays of them) by its slice; others stay. */
function slicePath(dst: unknown, parts: string[], sl: Slice): void {
  if (Array.isArray(dst)) {
    for (const el of dst) slicePath(el, parts, sl);
    return;
  }
  if (!isPlainObject(dst) || !(parts[0]! in dst)) return;
  if (parts.length > 1) return slicePath(dst[parts[0]!], parts.slice(1), sl);
  const v = dst[parts[0]!];
  if (Array.isArray(v)) dst[parts[0]!] = cut(v, sl);
}

function structuredCopy(d: Doc): Doc {
  const out: Doc = {};
  for (const [k, v] of Object.entries(d)) out[k] = isPlainObject(v) ? structuredCopy(v) : Array.isArray(v) ? v.map((x) => (isPlainObject(x) ? structuredCopy(x) : x)) : v;
  return out;
}

function copyPath(src: unknown, dst: Doc, parts: string[]): void {
  if (!isPlainObject(src) || !(parts[0]! in src)) return;
  const v = src[parts[0]!];
  if (parts.length === 1) {
    dst[parts[0]!] = v;
    return;
  }
  if (Array.isArray(v)) {
    const prev = Array.isArray(dst[parts[0]!]) ? (dst[parts[0]!] as unknown[]) : undefined;
    dst[parts[0]!] = v
      .map((el, i) => {
        if (!isPlainObject(el)) return undefined;
        const target = (prev?.[i] as Doc | undefined) ?? {};
        copyPath(el, target, parts.slice(1));
        return target;
      })
      .filter((x) => x !== undefined);
    return;
  }
  if (!isPlainObject(v)) return;
  const target = (isPlainObject(dst[parts[0]!]) ? dst[parts[0]!] : {}) as Doc;
  copyPath(v, target, parts.slice(1));
  dst[parts[0]!] = target;
}

function removePath(dst: unknown, parts: string[]): void {
  if (Array.isArray(dst)) {
    for (const el of dst) removePath(el, parts);
    return;
  }
  if (!isPlainObject(dst)) return;
  if (parts.length === 1) delete dst[parts[0]!];
  else removePath(dst[parts[0]!], parts.slice(1));
}

// Find projections: inclusion or exclusion of (dot-path) fields; `_id` is kept unless excluded.
import { type Doc, isPlainObject, numberValue } from './values.js';

export class ProjectionError extends Error {}

export type Projection = { include: boolean; paths: string[]; keepId: boolean };

export function compileProjection(spec: unknown): Projection | undefined {
  if (spec === undefined || spec === null) return undefined;
  if (!isPlainObject(spec)) throw new ProjectionError('projection must be an object');
  let keepId = true;
  const inc: string[] = [];
  const exc: string[] = [];
  for (const [path, v] of Object.entries(spec)) {
    const on = typeof v === 'boolean' ? v : numberValue(v);
    if (on === undefined) throw new ProjectionError(`unsupported projection for '${path}'`);
    if (path === '_id') keepId = Boolean(on);
    else (on ? inc : exc).push(path);
  }
  if (inc.length && exc.length) throw new ProjectionError('cannot mix inclusion and exclusion in a projection');
  if (!inc.length && !exc.length) return keepId ? undefined : { include: false, paths: [], keepId };
  return inc.length ? { include: true, paths: inc, keepId } : { include: false, paths: exc, keepId };
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
  if (p.keepId && '_id' in doc) out = { _id: doc._id, ...out };
  else delete out._id;
  return out;
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

// Geo queries with 2dsphere semantics on GeoJSON values (what the SDK's Geo.Point, Polygon, … store), distances in
// metres on a sphere of MongoDB's radius: $nearSphere/$near (sorted by distance), $geoWithin ($geometry Polygon or
// MultiPolygon, or $centerSphere [[lng, lat], radians]), $geoIntersects, and the aggregation stage $geoNear.
// Polygon edges are taken as straight lines in longitude/latitude (exact for points, close for the small areas of a
// park); MongoDB uses great-circle edges.
import { isPlainObject, pathValues } from './values.js';

/** MongoDB's kRadiusOfEarthInMeters. */
export const EARTH_RADIUS_M = 6378100;

type Pos = [number, number];
type Geometry = { type: string; coordinates: unknown };
type Row = Record<string, unknown>;

export class GeoError extends Error {}

function isPos(v: unknown): v is Pos {
  return Array.isArray(v) && v.length >= 2 && typeof v[0] === 'number' && typeof v[1] === 'number';
}

export function isGeometry(v: unknown): v is Geometry {
  return isPlainObject(v) && typeof v.type === 'string' && Array.isArray(v.coordinates);
}

/** A geometry from GeoJSON or a legacy [lng, lat] pair; undefined when the value is neither. */
function geometryOf(v: unknown): Geometry | undefined {
  if (isGeometry(v)) return v;
  if (isPos(v)) return { type: 'Point', coordinates: v };
  return undefined;
}

function pointOf(v: unknown, what: string): Pos {
  const g = geometryOf(v);
  if (!g || g.type !== 'Point' || !isPos(g.coordinates)) throw new GeoError(`${what} must be a GeoJSON Point`);
  return g.coordinates;
}

const rad = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance in metres (haversine). */
export function distance(a: Pos, b: Pos): number {
  const dLat = rad(b[1] - a[1]);
  const dLng = rad(b[0] - a[0]);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a[1])) * Math.cos(rad(b[1])) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Every position of a geometry. */
function positions(g: Geometry): Pos[] {
  const out: Pos[] = [];
  const walk = (c: unknown) => {
    if (isPos(c)) out.push(c);
    else if (Array.isArray(c)) c.forEach(walk);
  };
  if (g.type === 'GeometryCollection') ((g as unknown as { geometries: Geometry[] }).geometries ?? []).forEach((x) => out.push(...positions(x)));
  else walk(g.coordinates);
  return out;
}

/** Polygons of a Polygon or MultiPolygon, each as rings (the first the outer ring, then holes). */
function polygons(g: Geometry): Pos[][][] {
  if (g.type === 'Polygon') return [g.coordinates as Pos[][]];
  if (g.type === 'MultiPolygon') return g.coordinates as Pos[][][];
  return [];
}

/** Segments (lines and polygon rings) of a geometry. */
function segments(g: Geometry): [Pos, Pos][] {
  const lines: Pos[][] =
    g.type === 'LineString' ? [g.coordinates as Pos[]]
    : g.type === 'MultiLineString' || g.type === 'Polygon' ? (g.coordinates as Pos[][])
    : g.type === 'MultiPolygon' ? (g.coordinates as Pos[][][]).flat()
    : [];
  return lines.flatMap((l) => l.slice(1).map((p, i) => [l[i]!, p] as [Pos, Pos]));
}

function inRing(p: Pos, ring: Pos[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function onSegment(p: Pos, [a, b]: [Pos, Pos]): boolean {
  const cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
  if (Math.abs(cross) > 1e-12) return false;
  return p[0] >= Math.min(a[0], b[0]) && p[0] <= Math.max(a[0], b[0]) && p[1] >= Math.min(a[1], b[1]) && p[1] <= Math.max(a[1], b[1]);
}

/** A point inside (or on the boundary of) a Polygon/MultiPolygon. */
function pointInArea(p: Pos, area: Geometry): boolean {
  return polygons(area).some((rings) => {
    const [outer, ...holes] = rings;
    if (!outer) return false;
    if (segments({ type: 'Polygon', coordinates: [outer] }).some((s) => onSegment(p, s))) return true;
    return inRing(p, outer) && !holes.some((h) => inRing(p, h) && !segments({ type: 'LineString', coordinates: h }).some((s) => onSegment(p, s)));
  });
}

function segmentsCross([a, b]: [Pos, Pos], [c, d]: [Pos, Pos]): boolean {
  const o = (p: Pos, q: Pos, r: Pos) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  const o1 = o(a, b, c), o2 = o(a, b, d), o3 = o(c, d, a), o4 = o(c, d, b);
  if (o1 !== o2 && o3 !== o4) return true;
  return onSegment(c, [a, b]) || onSegment(d, [a, b]) || onSegment(a, [c, d]) || onSegment(b, [c, d]);
}

/** Closest distance in metres from a point to a segment (locally flat: fine at a park's scale). */
function distanceToSegment(p: Pos, [a, b]: [Pos, Pos]): number {
  const k = Math.cos(rad(p[1]));
  const ax = (a[0] - p[0]) * k, ay = a[1] - p[1], bx = (b[0] - p[0]) * k, by = b[1] - p[1];
  const dx = bx - ax, dy = by - ay;
  const len = dx * dx + dy * dy;
  const t = len ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len)) : 0;
  const q: Pos = [p[0] + (ax + t * dx) / (k || 1), p[1] + ay + t * dy];
  return distance(p, q);
}

/** Distance in metres from a point to the nearest part of a geometry (0 inside an area). */
export function distanceTo(p: Pos, g: Geometry): number {
  if (g.type === 'Point') return distance(p, g.coordinates as Pos);
  if (polygons(g).length && pointInArea(p, g)) return 0;
  const segs = segments(g);
  const d = Math.min(...positions(g).map((q) => distance(p, q)), ...segs.map((s) => distanceToSegment(p, s)));
  return Number.isFinite(d) ? d : Infinity;
}

/** Every part of `g` inside the area. */
function withinArea(g: Geometry, area: Geometry): boolean {
  const pts = positions(g);
  if (!pts.length || !pts.every((p) => pointInArea(p, area))) return false;
  // A line or polygon whose vertices are inside may still leave a concave area through an edge.
  const own = segments(g);
  const border = segments(area);
  return own.every((s) => !border.some((b) => segmentsCross(s, b) && !onSegment(s[0], b) && !onSegment(s[1], b)));
}

function intersects(a: Geometry, b: Geometry): boolean {
  const pa = positions(a);
  const pb = positions(b);
  if (polygons(b).length && pa.some((p) => pointInArea(p, b))) return true;
  if (polygons(a).length && pb.some((p) => pointInArea(p, a))) return true;
  const sa = segments(a);
  const sb = segments(b);
  if (sa.some((x) => sb.some((y) => segmentsCross(x, y)))) return true;
  if (a.type.endsWith('Point') && sb.length && pa.some((p) => sb.some((s) => onSegment(p, s)))) return true;
  if (b.type.endsWith('Point') && sa.length && pb.some((p) => sa.some((s) => onSegment(p, s)))) return true;
  return pa.some((p) => pb.some((q) => p[0] === q[0] && p[1] === q[1]));
}

function geometriesAt(obj: Row, path: string): Geometry[] {
  return pathValues(obj, path)
    .flatMap((v) => (Array.isArray(v) && !isPos(v) ? v : [v]))
    .map(geometryOf)
    .filter((g): g is Geometry => g !== undefined);
}

// ---- near ----
export interface Near {
  point: Pos;
  min: number;
  max: number;
}

function num(v: unknown, what: string): number {
  if (v === undefined || v === null) return NaN;
  if (typeof v !== 'number' || !(v >= 0)) throw new GeoError(`${what} must be a non-negative number (metres)`);
  return v;
}

/** `{ $geometry: Point, $maxDistance, $minDistance }` (metres) or a legacy point. */
export function parseNear(spec: unknown, op: string): Near {
  const s = isPlainObject(spec) && '$geometry' in spec ? spec : { $geometry: spec };
  const point = pointOf(s.$geometry, `${op}.$geometry`);
  const min = num(s.$minDistance, `${op}.$minDistance`);
  const max = num(s.$maxDistance, `${op}.$maxDistance`);
  return { point, min: Number.isNaN(min) ? 0 : min, max: Number.isNaN(max) ? Infinity : max };
}

/** The nearest distance from the near point to the geometries at `path`, or undefined when there are none. */
export function nearDistance(obj: Row, path: string, near: Near): number | undefined {
  const ds = geometriesAt(obj, path).map((g) => distanceTo(near.point, g));
  return ds.length ? Math.min(...ds) : undefined;
}

const nearOp = (op: string) => (selector: string, value: unknown) => {
  const near = parseNear(value, op);
  return (obj: Row) => {
    const d = nearDistance(obj, selector, near);
    return d !== undefined && d >= near.min && d <= near.max;
  };
};

export const $nearSphere = nearOp('$nearSphere');
export const $near = nearOp('$near');

/** The near condition of a query (top level, or inside a top-level $and), so results can be sorted by distance. */
export function findNear(query: Record<string, unknown>): { path: string; near: Near } | undefined {
  for (const [k, v] of Object.entries(query)) {
    if (k === '$and' && Array.isArray(v)) {
      for (const sub of v) {
        const f = isPlainObject(sub) ? findNear(sub) : undefined;
        if (f) return f;
      }
      continue;
    }
    if (k.startsWith('$') || !isPlainObject(v)) continue;
    for (const op of ['$nearSphere', '$near'] as const) if (op in v) return { path: k, near: parseNear(v[op], op) };
  }
  return undefined;
}

// ---- within / intersects ----
export function $geoWithin(selector: string, value: unknown) {
  if (!isPlainObject(value)) throw new GeoError('$geoWithin needs $geometry or $centerSphere');
  let test: (g: Geometry) => boolean;
  if ('$geometry' in value) {
    const area = geometryOf(value.$geometry);
    if (!area || !polygons(area).length) throw new GeoError('$geoWithin.$geometry must be a Polygon or MultiPolygon');
    test = (g) => withinArea(g, area);
  } else if ('$centerSphere' in value) {
    const cs = value.$centerSphere;
    if (!Array.isArray(cs) || cs.length !== 2 || typeof cs[1] !== 'number' || cs[1] < 0) throw new GeoError('$centerSphere needs [[lng, lat], radius in radians]');
    const center = pointOf(cs[0], '$centerSphere center');
    const radius = cs[1] * EARTH_RADIUS_M;
    test = (g) => {
      const pts = positions(g);
      return pts.length > 0 && pts.every((p) => distance(center, p) <= radius);
    };
  } else throw new GeoError('$geoWithin needs $geometry or $centerSphere');
  return (obj: Row) => geometriesAt(obj, selector).some(test);
}

export function $geoIntersects(selector: string, value: unknown) {
  const g = isPlainObject(value) ? geometryOf(value.$geometry) : undefined;
  if (!g) throw new GeoError('$geoIntersects needs a GeoJSON $geometry');
  return (obj: Row) => geometriesAt(obj, selector).some((x) => intersects(x, g));
}

// ---- aggregation ----
/** The first top-level field holding a geometry: the field $geoNear uses when no `key` is given. */
function geoKey(docs: Row[]): string {
  for (const d of docs) for (const [k, v] of Object.entries(d)) if (isGeometry(v)) return k;
  throw new GeoError('$geoNear found no field holding a geometry; give `key`');
}

/** The $geoNear stage over plain documents: filter by `query` and distance, sort by distance, add `distanceField`. */
export function geoNearStage(docs: Row[], spec: unknown, match: (q: Record<string, unknown>) => (d: Row) => boolean): Row[] {
  if (!isPlainObject(spec)) throw new GeoError('$geoNear needs an object');
  if (typeof spec.distanceField !== 'string' || !spec.distanceField) throw new GeoError('$geoNear needs distanceField');
  const point = pointOf(spec.near, '$geoNear.near');
  const min = num(spec.minDistance, '$geoNear.minDistance');
  const max = num(spec.maxDistance, '$geoNear.maxDistance');
  const multiplier = spec.distanceMultiplier === undefined ? 1 : Number(spec.distanceMultiplier);
  const test = isPlainObject(spec.query) ? match(spec.query) : () => true;
  const key = typeof spec.key === 'string' ? spec.key : geoKey(docs);
  const near: Near = { point, min: Number.isNaN(min) ? 0 : min, max: Number.isNaN(max) ? Infinity : max };
  const out: { d: number; doc: Row }[] = [];
  for (const doc of docs) {
    if (!test(doc)) continue;
    const d = nearDistance(doc, key, near);
    if (d === undefined || d < near.min || d > near.max) continue;
    const copy: Row = { ...doc };
    setPath(copy, spec.distanceField, d * multiplier);
    if (typeof spec.includeLocs === 'string') setPath(copy, spec.includeLocs, pathValues(doc, key)[0]);
    out.push({ d, doc: copy });
  }
  return out.sort((a, b) => a.d - b.d).map((x) => x.doc);
}

function setPath(doc: Row, path: string, v: unknown): void {
  const parts = path.split('.');
  let cur = doc;
  for (const p of parts.slice(0, -1)) {
    cur[p] = isPlainObject(cur[p]) ? { ...(cur[p] as Row) } : {};
    cur = cur[p] as Row;
  }
  cur[parts[parts.length - 1]!] = v;
}

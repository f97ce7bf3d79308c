// mingo with every operator, except these, replaced or added to match MongoDB (and so CloudBase):
// - $mod: never matches null/missing/non-numbers (mingo does, as null % n === 0) and truncates doubles.
// - $sample: samples without replacement (mingo may return one document several times).
// - $elemMatch: a condition on fields (`{ v: { $gt: 0 } }`) matches only embedded documents, never scalars.
// - $substr / $substrBytes: a negative length means "to the end of the string".
// - $week: weeks start on Sunday; days before the year's first Sunday are week 0 (strftime %U).
// - $indexOfCP (missing in mingo): the code-point index of a substring, or -1.
// - $jsonSchema: evaluated by jsonschema.ts (mingo needs a validator to be given).
// - geo (geo.ts, missing in mingo): $nearSphere, $near, $geoWithin, $geoIntersects and the stage $geoNear.
import { Aggregator as AggregatorBase } from 'mingo/aggregator';
import { Context, evalExpr } from 'mingo/core';
import * as accumulator from 'mingo/operators/accumulator';
import * as expression from 'mingo/operators/expression';
import * as pipeline from 'mingo/operators/pipeline';
import * as projection from 'mingo/operators/projection';
import * as query from 'mingo/operators/query';
import * as windowOps from 'mingo/operators/window';
import { Lazy } from 'mingo/lazy';
import { Query as QueryBase } from 'mingo/query';
import { $geoIntersects, $geoWithin, $near, $nearSphere, geoNearStage } from './geo.js';
import { jsonSchemaValidator } from './jsonschema.js';
import { isPlainObject, pathValues } from './values.js';

type Options = ConstructorParameters<typeof QueryBase>[1];

function $mod(selector: string, value: unknown) {
  if (!Array.isArray(value) || value.length !== 2 || value.some((x) => typeof x !== 'number') || value[0] === 0)
    throw new Error('$mod needs [divisor, remainder] with a non-zero divisor');
  const [d, r] = value as [number, number];
  return (obj: Record<string, unknown>) =>
    pathValues(obj, selector)
      .flatMap((v) => (Array.isArray(v) ? v : [v]))
      .some((v) => typeof v === 'number' && Number.isFinite(v) && Math.trunc(v) % d === r);
}

function $sample(coll: { transform: (f: (xs: unknown[]) => unknown) => unknown }, expr: { size: number }) {
  return coll.transform((xs) => {
    const a = [...xs];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return Lazy(a.slice(0, Math.max(0, expr.size)));
  });
}

/** Logical operators that make an $elemMatch condition a query on embedded documents. */
const DOC_LEVEL = new Set(['$and', '$or', '$nor', '$expr', '$where', '$jsonSchema', '$text']);

function $elemMatch(selector: string, value: Record<string, unknown>, options: Options) {
  if (!isPlainObject(value)) throw new Error('$elemMatch needs an object');
  const onDocs = Object.keys(value).some((k) => !k.startsWith('$') || DOC_LEVEL.has(k));
  const q = new Query(onDocs ? value : { v: value }, options);
  return (obj: Record<string, unknown>) =>
    pathValues(obj, selector).some(
      (arr) => Array.isArray(arr) && arr.some((el) => (onDocs ? isPlainObject(el) && q.test(el) : q.test({ v: el }))),
    );
}

type Expr = (obj: Record<string, unknown>, expr: unknown, options: Options) => unknown;
const ex = expression as unknown as Record<string, Expr>;

/** $substrBytes with MongoDB's reading of a negative length: the rest of the string. */
const $substrBytes: Expr = (obj, expr, options) => {
  if (!Array.isArray(expr) || expr.length !== 3) throw new Error('$substrBytes expects [string, start, length]');
  const [s, start, len] = evalExpr(obj, expr, options as never) as [unknown, unknown, unknown];
  const str = s === null || s === undefined ? s : typeof s === 'string' ? s : String(s);
  const rest = typeof str === 'string' ? Buffer.byteLength(str, 'utf8') : 0;
  const n = typeof len === 'number' && len < 0 ? Math.max(0, rest - (typeof start === 'number' ? start : 0)) : len;
  return ex.$substrBytes!(obj, [{ $literal: str }, { $literal: start }, { $literal: n }], options);
};

/** Week of the year 0–53, weeks starting on Sunday (%U), in the expression's timezone. */
const $week: Expr = (obj, expr, options) => {
  const yday = ex.$dayOfYear!(obj, expr, options) as number | null; // 1-based
  const wday = ex.$dayOfWeek!(obj, expr, options) as number | null; // 1 = Sunday
  if (yday === null || yday === undefined || wday === null || wday === undefined) return null;
  return Math.floor((yday - 1 + 7 - (wday - 1)) / 7);
};

/** $indexOfCP: [string, substring, start?, end?] in code points; null string → null; not found → -1. */
const $indexOfCP: Expr = (obj, expr, options) => {
  if (!Array.isArray(expr) || expr.length < 2 || expr.length > 4) throw new Error('$indexOfCP expects 2 to 4 arguments');
  const [s, sub, start, end] = evalExpr(obj, expr, options as never) as [unknown, unknown, unknown, unknown];
  if (s === null || s === undefined) return null;
  if (typeof s !== 'string') throw new Error('$indexOfCP requires a string as the first argument');
  if (typeof sub !== 'string') throw new Error('$indexOfCP requires a string as the second argument');
  for (const [v, what] of [[start, 'starting'], [end, 'ending']] as const)
    if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < 0)) throw new Error(`$indexOfCP ${what} index must be a non-negative integer`);
  const cps = [...s];
  const subCps = [...sub];
  const from = (start as number | undefined) ?? 0;
  const to = Math.min((end as number | undefined) ?? cps.length, cps.length);
  for (let i = from; i + subCps.length <= to; i++) {
    let ok = true;
    for (let j = 0; j < subCps.length && ok; j++) ok = cps[i + j] === subCps[j];
    if (ok) return i;
  }
  return -1;
};

function $geoNear(coll: { transform: (f: (xs: unknown[]) => unknown) => unknown }, expr: unknown, options: Options) {
  return coll.transform((xs) =>
    Lazy(geoNearStage(xs as Record<string, unknown>[], expr, (q) => {
      const query = new Query(q, options);
      return (d) => query.test(d);
    })),
  );
}

const context = Context.init({
  accumulator,
  expression: { ...expression, $substr: $substrBytes, $substrBytes, $week, $indexOfCP },
  pipeline: { ...pipeline, $sample, $geoNear },
  projection,
  query: { ...query, $mod, $elemMatch, $nearSphere, $near, $geoWithin, $geoIntersects },
  window: windowOps,
} as unknown as Parameters<typeof Context.init>[0]);

export class Query extends QueryBase {
  constructor(condition: Record<string, unknown>, options?: Options) {
    super(condition, { jsonSchemaValidator, ...options, context } as Options);
  }
}

export class Aggregator extends AggregatorBase {
  constructor(stages: Record<string, unknown>[], options?: Options) {
    super(stages, { jsonSchemaValidator, ...options, context } as Options);
  }
}

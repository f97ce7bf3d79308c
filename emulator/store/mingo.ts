// mingo with every operator, except two replaced to match MongoDB:
// - $mod: never matches null/missing/non-numbers (mingo does, as null % n === 0) and truncates doubles.
// - $sample: samples without replacement (mingo may return one document several times).
import { Aggregator as AggregatorBase } from 'mingo/aggregator';
import { Context } from 'mingo/core';
import * as accumulator from 'mingo/operators/accumulator';
import * as expression from 'mingo/operators/expression';
import * as pipeline from 'mingo/operators/pipeline';
import * as projection from 'mingo/operators/projection';
import * as query from 'mingo/operators/query';
import * as windowOps from 'mingo/operators/window';
import { Lazy } from 'mingo/lazy';
import { Query as QueryBase } from 'mingo/query';
import { pathValues } from './values.js';

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

const context = Context.init({
  accumulator,
  expression,
  pipeline: { ...pipeline, $sample },
  projection,
  query: { ...query, $mod },
  window: windowOps,
} as unknown as Parameters<typeof Context.init>[0]);

export class Query extends QueryBase {
  constructor(condition: Record<string, unknown>, options?: Options) {
    super(condition, { ...options, context } as Options);
  }
}

export class Aggregator extends AggregatorBase {
  constructor(stages: Record<string, unknown>[], options?: Options) {
    super(stages, { ...options, context } as Options);
  }
}

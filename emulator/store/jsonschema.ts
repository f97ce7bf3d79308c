// MongoDB's $jsonSchema (JSON Schema draft 4 with `bsonType`, without $ref/format/default), evaluated on the plain
// JS copies mingo matches (values.ts toPlain): numbers are JS numbers, so `int` means an integer within 32 bits,
// `long` any integer, `double` any number; an ObjectId is its hex string there.
import { isPlainObject } from './values.js';

type Schema = Record<string, unknown>;
type Check = (v: unknown) => boolean;

const KEYWORDS = new Set([
  'bsonType', 'type', 'enum', 'required', 'properties', 'additionalProperties', 'patternProperties', 'minProperties',
  'maxProperties', 'dependencies', 'items', 'additionalItems', 'minItems', 'maxItems', 'uniqueItems', 'minimum', 'maximum',
  'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minLength', 'maxLength', 'pattern', 'allOf', 'anyOf', 'oneOf',
  'not', 'title', 'description',
]);

const JSON_TYPES: Record<string, Check> = {
  object: isPlainObject,
  array: Array.isArray,
  number: (v) => typeof v === 'number',
  boolean: (v) => typeof v === 'boolean',
  string: (v) => typeof v === 'string',
  null: (v) => v === null,
};

const BSON_TYPES: Record<string, Check> = {
  ...JSON_TYPES,
  double: (v) => typeof v === 'number',
  int: (v) => typeof v === 'number' && Number.isInteger(v) && v >= -2147483648 && v <= 2147483647,
  long: (v) => typeof v === 'number' && Number.isInteger(v),
  decimal: (v) => typeof v === 'number',
  bool: (v) => typeof v === 'boolean',
  date: (v) => v instanceof Date,
  regex: (v) => v instanceof RegExp,
  objectId: (v) => typeof v === 'string' && /^[0-9a-f]{24}$/.test(v),
};

function fail(msg: string): never {
  throw new Error(`$jsonSchema: ${msg}`);
}

function typeCheck(spec: unknown, table: Record<string, Check>, key: string): Check {
  const names = Array.isArray(spec) ? spec : [spec];
  const checks = names.map((n) => (typeof n === 'string' && table[n]) || fail(`unknown ${key} ${JSON.stringify(n)}`));
  return (v) => checks.some((c) => c(v));
}

function equal(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && equal(a[k], b[k]));
  }
  return a === b;
}

function num(s: Schema, k: string): number {
  const v = s[k];
  if (typeof v !== 'number') fail(`${k} must be a number`);
  return v;
}

/** Compile a schema into a predicate; unknown keywords are refused, as MongoDB refuses them. */
export function compileSchema(schema: unknown): Check {
  if (!isPlainObject(schema)) fail('a schema must be an object');
  const s = schema as Schema;
  for (const k of Object.keys(s)) if (!KEYWORDS.has(k)) fail(`keyword '${k}' is not supported`);
  const checks: Check[] = [];
  const when = (guard: Check, c: Check) => checks.push((v) => !guard(v) || c(v));
  const isNum = JSON_TYPES.number!;
  const isStr = JSON_TYPES.string!;
  const isObj = JSON_TYPES.object!;
  const isArr = JSON_TYPES.array!;

  if ('type' in s) checks.push(typeCheck(s.type, JSON_TYPES, 'type'));
  if ('bsonType' in s) checks.push(typeCheck(s.bsonType, BSON_TYPES, 'bsonType'));
  if ('enum' in s) {
    if (!Array.isArray(s.enum) || !s.enum.length) fail('enum must be a non-empty array');
    const options = s.enum;
    checks.push((v) => options.some((o) => equal(o, v)));
  }
  // numbers
  if ('minimum' in s) {
    const m = num(s, 'minimum');
    when(isNum, (v) => (s.exclusiveMinimum === true ? (v as number) > m : (v as number) >= m));
  }
  if ('maximum' in s) {
    const m = num(s, 'maximum');
    when(isNum, (v) => (s.exclusiveMaximum === true ? (v as number) < m : (v as number) <= m));
  }
  if ('multipleOf' in s) {
    const m = num(s, 'multipleOf');
    if (m <= 0) fail('multipleOf must be positive');
    when(isNum, (v) => Number.isInteger((v as number) / m));
  }
  // strings (lengths in code points)
  if ('minLength' in s) {
    const m = num(s, 'minLength');
    when(isStr, (v) => [...(v as string)].length >= m);
  }
  if ('maxLength' in s) {
    const m = num(s, 'maxLength');
    when(isStr, (v) => [...(v as string)].length <= m);
  }
  if ('pattern' in s) {
    if (typeof s.pattern !== 'string') fail('pattern must be a string');
    const re = new RegExp(s.pattern, 'u');
    when(isStr, (v) => re.test(v as string));
  }
  // objects
  if ('required' in s) {
    if (!Array.isArray(s.required) || !s.required.every(isStr)) fail('required must be an array of strings');
    const req = s.required as string[];
    when(isObj, (v) => req.every((k) => Object.prototype.hasOwnProperty.call(v, k)));
  }
  if ('minProperties' in s) {
    const m = num(s, 'minProperties');
    when(isObj, (v) => Object.keys(v as object).length >= m);
  }
  if ('maxProperties' in s) {
    const m = num(s, 'maxProperties');
    when(isObj, (v) => Object.keys(v as object).length <= m);
  }
  const props = isPlainObject(s.properties) ? Object.entries(s.properties).map(([k, sub]) => [k, compileSchema(sub)] as const) : [];
  if ('properties' in s && !isPlainObject(s.properties)) fail('properties must be an object');
  const patterns = isPlainObject(s.patternProperties)
    ? Object.entries(s.patternProperties).map(([p, sub]) => [new RegExp(p, 'u'), compileSchema(sub)] as const)
    : [];
  if (props.length || patterns.length || 'additionalProperties' in s) {
    const named = new Set(props.map(([k]) => k));
    const extra: Check | undefined =
      s.additionalProperties === undefined || s.additionalProperties === true
        ? undefined
        : s.additionalProperties === false
          ? () => false
          : compileSchema(s.additionalProperties);
    when(isObj, (v) => {
      const o = v as Record<string, unknown>;
      for (const [k, c] of props) if (k in o && !c(o[k])) return false;
      for (const [k, x] of Object.entries(o)) {
        const byPattern = patterns.filter(([re]) => re.test(k));
        if (!byPattern.every(([, c]) => c(x))) return false;
        if (extra && !named.has(k) && !byPattern.length && !extra(x)) return false;
      }
      return true;
    });
  }
  if ('dependencies' in s) {
    if (!isPlainObject(s.dependencies)) fail('dependencies must be an object');
    const deps = Object.entries(s.dependencies).map(([k, d]) => [k, Array.isArray(d) ? (o: Record<string, unknown>) => d.every((x) => x in o) : compileSchema(d)] as const);
    when(isObj, (v) => deps.every(([k, c]) => !(k in (v as object)) || c(v as Record<string, unknown>)));
  }
  // arrays
  if ('items' in s) {
    if (Array.isArray(s.items)) {
      const tuple = s.items.map(compileSchema);
      const extra: Check | undefined =
        s.additionalItems === undefined || s.additionalItems === true ? undefined : s.additionalItems === false ? () => false : compileSchema(s.additionalItems);
      when(isArr, (v) => (v as unknown[]).every((x, i) => (i < tuple.length ? tuple[i]!(x) : !extra || extra(x))));
    } else {
      const each = compileSchema(s.items);
      when(isArr, (v) => (v as unknown[]).every(each));
    }
  }
  if ('minItems' in s) {
    const m = num(s, 'minItems');
    when(isArr, (v) => (v as unknown[]).length >= m);
  }
  if ('maxItems' in s) {
    const m = num(s, 'maxItems');
    when(isArr, (v) => (v as unknown[]).length <= m);
  }
  if (s.uniqueItems === true) when(isArr, (v) => (v as unknown[]).every((x, i, a) => a.findIndex((y) => equal(x, y)) === i));
  // combinators
  const list = (k: string) => {
    if (!Array.isArray(s[k]) || !(s[k] as unknown[]).length) fail(`${k} must be a non-empty array`);
    return (s[k] as unknown[]).map(compileSchema);
  };
  if ('allOf' in s) {
    const cs = list('allOf');
    checks.push((v) => cs.every((c) => c(v)));
  }
  if ('anyOf' in s) {
    const cs = list('anyOf');
    checks.push((v) => cs.some((c) => c(v)));
  }
  if ('oneOf' in s) {
    const cs = list('oneOf');
    checks.push((v) => cs.filter((c) => c(v)).length === 1);
  }
  if ('not' in s) {
    const c = compileSchema(s.not);
    checks.push((v) => !c(v));
  }
  return (v) => checks.every((c) => c(v));
}

/** mingo's `jsonSchemaValidator` option. */
export const jsonSchemaValidator = (schema: Record<string, unknown>) => compileSchema(schema) as (obj: Record<string, unknown>) => boolean;

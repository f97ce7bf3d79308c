// MongoDB update operators on typed documents. Numeric results keep MongoDB's type rules
// (int op int → int, widening to long on overflow, anything with a double → double).
import { Int32, Long, Double } from 'bson';
import { Query } from './mingo.js';
import {
  type Doc,
  clone,
  compareValues,
  isIntegerType,
  isLong,
  isNumeric,
  isPlainObject,
  numberValue,
  toPlain,
  typedNumber,
  valuesEqual,
} from './values.js';

export class UpdateError extends Error {}

const OPERATORS = new Set([
  '$set', '$unset', '$inc', '$mul', '$min', '$max', '$rename', '$push', '$pop', '$pull', '$pullAll',
  '$addToSet', '$bit', '$currentDate', '$setOnInsert',
]);

export function isOperatorUpdate(update: Doc): boolean {
  return Object.keys(update).some((k) => k.startsWith('$'));
}

/** Apply an update document (operators, or plain fields meaning $set) to a copy of `doc`. */
export function applyUpdate(doc: Doc, update: Doc, opts: { inserting?: boolean; now?: number } = {}): Doc {
  const out = clone(doc);
  const ops: Doc = isOperatorUpdate(update) ? update : { $set: update };
  checkConflicts(ops);
  for (const [op, fields] of Object.entries(ops)) {
    if (!OPERATORS.has(op)) throw new UpdateError(`unknown update operator ${op}`);
    if (!isPlainObject(fields)) throw new UpdateError(`${op} needs an object of fields`);
    if (op === '$setOnInsert' && !opts.inserting) continue;
    for (const [path, arg] of Object.entries(fields)) applyOne(out, op, path, arg, opts.now ?? Date.now());
  }
  if ('_id' in doc && !valuesEqual(doc._id, out._id)) {
    throw new UpdateError("Performing an update on the path '_id' would modify the immutable field '_id'");
  }
  return out;
}

function checkConflicts(ops: Doc): void {
  const paths: string[] = [];
  for (const [op, fields] of Object.entries(ops)) {
    if (!isPlainObject(fields)) continue;
    for (const p of Object.keys(fields)) {
      paths.push(p);
      if (op === '$rename') paths.push(String(fields[p]));
    }
  }
  for (let i = 0; i < paths.length; i++)
    for (let j = i + 1; j < paths.length; j++) {
      const a = paths[i]!;
      const b = paths[j]!;
      if (a === b || a.startsWith(b + '.') || b.startsWith(a + '.'))
        throw new UpdateError(`Updating the path '${a}' would create a conflict at '${b}'`);
    }
}

interface Slot {
  parent: Doc | unknown[];
  key: string;
  exists: boolean;
  value: unknown;
}

/** Find (and with `create`, build) the container of the last path segment. */
function slot(doc: Doc, path: string, create: boolean): Slot | undefined {
  const parts = path.split('.');
  if (parts.some((p) => p === '')) throw new UpdateError(`invalid field path '${path}'`);
  let cur: unknown = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i]!;
    let next: unknown;
    if (Array.isArray(cur)) {
      if (!/^\d+$/.test(part)) throw new UpdateError(`Cannot create field '${part}' in array at '${path}'`);
      next = cur[Number(part)];
      if (next === undefined || next === null) {
        if (!create) return undefined;
        while (cur.length < Number(part)) cur.push(null);
        next = {};
        cur[Number(part)] = next;
      }
    } else if (isPlainObject(cur)) {
      next = cur[part];
      if (next === undefined) {
        if (!create) return undefined;
        next = {};
        cur[part] = next;
      }
    } else {
      if (!create) return undefined;
      throw new UpdateError(`Cannot create field '${part}' in element ${JSON.stringify(toPlain(cur))} at '${path}'`);
    }
    cur = next;
  }
  const key = parts[parts.length - 1]!;
  if (Array.isArray(cur)) {
    if (!/^\d+$/.test(key)) {
      if (!create) return undefined;
      throw new UpdateError(`Cannot create field '${key}' in array at '${path}'`);
    }
    const idx = Number(key);
    return { parent: cur, key, exists: idx < cur.length, value: cur[idx] };
  }
  if (!isPlainObject(cur)) {
    if (!create) return undefined;
    throw new UpdateError(`Cannot create field '${key}' in element ${JSON.stringify(toPlain(cur))} at '${path}'`);
  }
  return { parent: cur, key, exists: Object.prototype.hasOwnProperty.call(cur, key), value: cur[key] };
}

function put(s: Slot, value: unknown): void {
  if (Array.isArray(s.parent)) {
    const idx = Number(s.key);
    while (s.parent.length < idx) s.parent.push(null);
    s.parent[idx] = value;
  } else s.parent[s.key] = value;
}

function arith(a: unknown, b: unknown, op: 'add' | 'mul'): unknown {
  const x = numberValue(a)!;
  const y = numberValue(b)!;
  if (isLong(a) || isLong(b)) {
    if (isIntegerType(a) && isIntegerType(b)) {
      const la = isLong(a) ? (a as Long) : Long.fromNumber(x);
      const lb = isLong(b) ? (b as Long) : Long.fromNumber(y);
      return op === 'add' ? la.add(lb) : la.multiply(lb);
    }
  }
  const r = op === 'add' ? x + y : x * y;
  if (isIntegerType(a) && isIntegerType(b)) return typedNumber(r, true);
  return new Double(r);
}

function requireNumber(op: string, path: string, v: unknown): void {
  if (!isNumeric(v)) throw new UpdateError(`Cannot apply ${op} to a value of non-numeric type at '${path}'`);
}

function requireArray(op: string, path: string, s: Slot): unknown[] | undefined {
  if (!s.exists || s.value === undefined) return undefined;
  if (!Array.isArray(s.value)) throw new UpdateError(`${op} requires an array at '${path}'`);
  return s.value;
}

function matcher(cond: unknown): (el: unknown) => boolean {
  if (isPlainObject(cond)) {
    const keys = Object.keys(cond);
    const operatorOnly = keys.length > 0 && keys.every((k) => k.startsWith('$'));
    const q = new Query(operatorOnly ? { v: toPlain(cond) } : (toPlain(cond) as Doc));
    return operatorOnly ? (el) => q.test({ v: toPlain(el) }) : (el) => isPlainObject(el) && q.test(toPlain(el) as Doc);
  }
  return (el) => valuesEqual(el, cond);
}

function eachArg(arg: unknown): { items: unknown[]; mods: Doc } {
  if (isPlainObject(arg) && '$each' in arg) {
    if (!Array.isArray(arg.$each)) throw new UpdateError('$each requires an array');
    return { items: arg.$each, mods: arg };
  }
  return { items: [arg], mods: {} };
}

function applyOne(doc: Doc, op: string, path: string, arg: unknown, now: number): void {
  switch (op) {
    case '$set':
    case '$setOnInsert':
      put(slot(doc, path, true)!, clone(arg));
      return;
    case '$unset': {
      const s = slot(doc, path, false);
      if (!s || !s.exists) return;
      if (Array.isArray(s.parent)) s.parent[Number(s.key)] = null;
      else delete s.parent[s.key];
      return;
    }
    case '$inc':
    case '$mul': {
      requireNumber(op, path, arg);
      const s = slot(doc, path, true)!;
      if (!s.exists || s.value === undefined) {
        put(s, op === '$inc' ? arg : arith(new Int32(0), arg, 'mul'));
        return;
      }
      requireNumber(op, path, s.value);
      put(s, arith(s.value, arg, op === '$inc' ? 'add' : 'mul'));
      return;
    }
    case '$min':
    case '$max': {
      const s = slot(doc, path, true)!;
      const c = s.exists ? compareValues(arg, s.value) : 0;
      if (!s.exists || (op === '$min' ? c < 0 : c > 0)) put(s, clone(arg));
      return;
    }
    case '$currentDate':
      put(slot(doc, path, true)!, new Date(now));
      return;
    case '$rename': {
      if (typeof arg !== 'string' || !arg) throw new UpdateError(`$rename target for '${path}' must be a string`);
      const from = slot(doc, path, false);
      if (!from || !from.exists || Array.isArray(from.parent)) return;
      const value = from.value;
      delete (from.parent as Doc)[from.key];
      put(slot(doc, arg, true)!, value);
      return;
    }
    case '$push': {
      const s = slot(doc, path, true)!;
      const arr = requireArray(op, path, s) ?? [];
      const { items, mods } = eachArg(arg);
      const pos = mods.$position === undefined ? arr.length : numberValue(mods.$position)!;
      const at = pos < 0 ? Math.max(0, arr.length + pos) : Math.min(pos, arr.length);
      arr.splice(at, 0, ...items.map(clone));
      if (mods.$sort !== undefined) sortArray(arr, mods.$sort);
      if (mods.$slice !== undefined) {
        const n = numberValue(mods.$slice)!;
        const kept = n >= 0 ? arr.slice(0, n) : arr.slice(Math.max(0, arr.length + n));
        arr.length = 0;
        arr.push(...kept);
      }
      put(s, arr);
      return;
    }
    case '$addToSet': {
      const s = slot(doc, path, true)!;
      const arr = requireArray(op, path, s) ?? [];
      for (const item of eachArg(arg).items) if (!arr.some((el) => valuesEqual(el, item))) arr.push(clone(item));
      put(s, arr);
      return;
    }
    case '$pop': {
      const s = slot(doc, path, false);
      if (!s) return;
      const arr = requireArray(op, path, s);
      if (!arr || !arr.length) return;
      if (numberValue(arg)! >= 0) arr.pop();
      else arr.shift();
      return;
    }
    case '$pull':
    case '$pullAll': {
      const s = slot(doc, path, false);
      if (!s) return;
      const arr = requireArray(op, path, s);
      if (!arr) return;
      let test: (el: unknown) => boolean;
      if (op === '$pullAll') {
        if (!Array.isArray(arg)) throw new UpdateError('$pullAll requires an array argument');
        test = (el) => arg.some((v) => valuesEqual(el, v));
      } else test = matcher(arg);
      const kept = arr.filter((el) => !test(el));
      arr.length = 0;
      arr.push(...kept);
      return;
    }
    case '$bit': {
      if (!isPlainObject(arg)) throw new UpdateError(`$bit for '${path}' needs {and|or|xor: int}`);
      const s = slot(doc, path, true)!;
      let v = s.exists ? s.value : new Int32(0);
      if (!isIntegerType(v)) throw new UpdateError(`$bit requires an integer field at '${path}'`);
      for (const [k, operand] of Object.entries(arg)) {
        if (!isIntegerType(operand)) throw new UpdateError('$bit operand must be an integer');
        const a = BigInt(numberValue(v)!);
        const b = BigInt(numberValue(operand)!);
        const r = k === 'and' ? a & b : k === 'or' ? a | b : k === 'xor' ? a ^ b : undefined;
        if (r === undefined) throw new UpdateError(`$bit: unknown operation ${k}`);
        v = isLong(v) || isLong(operand) ? Long.fromBigInt(r) : new Int32(Number(BigInt.asIntN(32, r)));
      }
      put(s, v);
      return;
    }
  }
}

function sortArray(arr: unknown[], spec: unknown): void {
  if (isPlainObject(spec)) {
    const fields = Object.entries(spec).map(([k, d]) => [k, numberValue(d)! < 0 ? -1 : 1] as const);
    arr.sort((a, b) => {
      for (const [k, d] of fields) {
        const c = compareValues(isPlainObject(a) ? a[k] : undefined, isPlainObject(b) ? b[k] : undefined);
        if (c) return c * d;
      }
      return 0;
    });
  } else {
    const d = numberValue(spec)! < 0 ? -1 : 1;
    arr.sort((a, b) => compareValues(a, b) * d);
  }
}

// The `database.*` actions of the CloudBase admin API, with parameters validated as the SDK sends them.
import { z } from 'zod';
import { aggregate } from '../store/aggregate.js';
import { newId } from '../store/engine.js';
import { dbError } from '../store/errors.js';
import type { SortSpec } from '../store/planner.js';
import { ProjectionError, compileProjection } from '../store/projection.js';
import type { Store } from '../store/store.js';
import type { Transactions } from '../store/transactions.js';
import { UpdateError, applyUpdate, isOperatorUpdate } from '../store/update.js';
import { BadEjsonError, type Doc, isObjectId, isPlainObject, numberValue, parseEjson, stringifyEjson, toPlain } from '../store/values.js';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

const collectionName = z.string().min(1).max(128).regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only');
const ejson = z.string();
const txId = z.string().optional();

const schemas = {
  'database.addCollection': z.object({ collectionName }),
  // No count limit: CloudBase's documentation names none for a batch insert, so a batch is bounded by the request's
  // size only (--max-body-mb, REQUEST_TOO_LARGE).
  'database.insertDocument': z.object({ collectionName, data: z.array(ejson).min(1), transactionId: txId }),
  'database.getDocument': z.object({
    collectionName,
    queryType: z.enum(['WHERE', 'DOC']).default('WHERE'),
    query: ejson.optional(),
    order: ejson.optional(),
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).optional(),
    projection: ejson.optional(),
    multi: z.boolean().optional(),
    transactionId: txId,
  }),
  'database.calculateDocument': z.object({ collectionName, queryType: z.enum(['WHERE', 'DOC']).optional(), query: ejson.optional() }),
  'database.modifyDocument': z.object({
    collectionName,
    queryType: z.enum(['WHERE', 'DOC']).default('WHERE'),
    query: ejson.optional(),
    data: ejson,
    multi: z.boolean().default(false),
    merge: z.boolean().default(true),
    upsert: z.boolean().default(false),
    transactionId: txId,
  }),
  'database.removeDocument': z.object({
    collectionName,
    queryType: z.enum(['WHERE', 'DOC']).default('WHERE'),
    query: ejson.optional(),
    multi: z.boolean().default(false),
    transactionId: txId,
  }),
  'database.modifyAndReturnDoc': z.object({ collectionName, query: ejson.optional(), data: ejson, transactionId: txId }),
  'database.aggregateDocuments': z.object({
    collectionName,
    stages: z.array(z.object({ stageKey: z.string().startsWith('$'), stageValue: ejson })).max(100),
  }),
  'database.startTransaction': z.object({}),
  'database.commitTransaction': z.object({ transactionId: z.string() }),
  'database.abortTransaction': z.object({ transactionId: z.string() }),
} as const;

export type DatabaseAction = keyof typeof schemas;
export const databaseActions = Object.keys(schemas) as DatabaseAction[];

/** Set per request: the time serverDate() resolves to. */
let requestNow = Date.now();

function doc(text: string | undefined, what: string): Doc {
  if (text === undefined || text === '') return {};
  const v = parseEjson(text, requestNow);
  if (!isPlainObject(v)) throw dbError('INVALID_PARAM', `${what} must be an EJSON object`);
  return v;
}

/** CloudBase (MongoDB) stores no field whose name starts with `$`, at any depth. */
function checkFieldNames(v: unknown): void {
  if (Array.isArray(v)) return v.forEach(checkFieldNames);
  if (!isPlainObject(v)) return;
  for (const [k, x] of Object.entries(v)) {
    if (k.startsWith('$')) throw dbError('DATABASE_REQUEST_FAILED', `Document can't have $ prefixed field names: ${k}`);
    checkFieldNames(x);
  }
}

/** An id in a reply's JSON (insertedIds, upsert_id): numbers as numbers (not a serialized Long), ObjectIds as hex. */
function wireId(id: unknown): unknown {
  return toPlain(id);
}

/**
 * A document as CloudBase sends it back: ObjectId values outside `_id` as their hex string (the SDK would turn
 * `{"$oid":…}` into `{}`; CloudBase, like its aggregation, returns the string).
 */
function outDoc(d: Doc): string {
  const conv = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(conv);
    if (isObjectId(v)) return v.toHexString();
    if (!isPlainObject(v)) return v;
    const o: Doc = {};
    for (const [k, x] of Object.entries(v)) o[k] = conv(x);
    return o;
  };
  const out: Doc = {};
  for (const [k, x] of Object.entries(d)) out[k] = k === '_id' ? x : conv(x);
  return stringifyEjson(out);
}

function order(text: string | undefined): SortSpec {
  const o = doc(text, 'order');
  return Object.entries(o).map(([field, d]) => {
    const n = typeof d === 'string' ? (d === 'desc' ? -1 : 1) : numberValue(d);
    if (n !== 1 && n !== -1) throw dbError('INVALID_PARAM', `order for ${field} must be 1 or -1`);
    return [field, n];
  });
}

function docId(query: Doc): unknown {
  if (!('_id' in query)) throw dbError('INVALID_PARAM', 'a DOC query needs _id');
  return query._id;
}

export function handleDatabase(store: Store, txs: Transactions, action: DatabaseAction, raw: unknown): Record<string, unknown> {
  const parsed = schemas[action].safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw dbError('INVALID_PARAM', `${action}: ${issue.path.join('.') || 'params'}: ${issue.message}`);
  }
  try {
    requestNow = store.now();
    return run(store, txs, action, parsed.data as never);
  } catch (e) {
    if (e instanceof BadEjsonError || e instanceof ProjectionError) throw dbError('INVALID_PARAM', e.message);
    if (e instanceof UpdateError) throw dbError('DATABASE_REQUEST_FAILED', e.message);
    throw e;
  }
}

type P<A extends DatabaseAction> = z.infer<(typeof schemas)[A]>;

function run(store: Store, txs: Transactions, action: DatabaseAction, p: any): Record<string, unknown> {
  switch (action) {
    case 'database.addCollection':
      store.createCollection((p as P<typeof action>).collectionName);
      return {};
    case 'database.insertDocument': {
      const q = p as P<typeof action>;
      const docs = q.data.map((t) => doc(t, 'data'));
      docs.forEach(checkFieldNames);
      if (q.transactionId) {
        const ids = docs.map((d) => {
          const id = d._id ?? newId();
          txs.write(q.transactionId!, q.collectionName, id, (cur) => {
            if (cur) throw dbError('DATABASE_DUPLICATE_WRITE', `E11000 duplicate _id ${String(id)}`);
            return { _id: id, ...d };
          });
          return id;
        });
        return { data: { insertedIds: ids.map(wireId) } };
      }
      return { data: { insertedIds: store.insert(q.collectionName, docs).map(wireId) } };
    }
    case 'database.getDocument': {
      const q = p as P<typeof action>;
      const query = doc(q.query, 'query');
      const projection = compileProjection(q.projection ? parseEjson(q.projection, requestNow) : undefined);
      const limit = Math.min(q.limit ?? DEFAULT_LIMIT, MAX_LIMIT);
      if (q.transactionId && q.queryType === 'DOC') {
        const d = txs.get(q.transactionId, q.collectionName, docId(query));
        return { data: { list: d ? [outDoc(d)] : [] } };
      }
      const opts = { sort: order(q.order), skip: q.offset ?? 0, limit: q.queryType === 'DOC' ? 1 : limit, projection };
      const list = q.transactionId ? txs.find(q.transactionId, q.collectionName, query, opts) : store.find(q.collectionName, query, opts);
      return { data: { list: list.map(outDoc) }, limit: opts.limit, offset: opts.skip };
    }
    case 'database.calculateDocument': {
      const q = p as P<typeof action>;
      return { data: { total: store.count(q.collectionName, doc(q.query, 'query')) } };
    }
    case 'database.modifyDocument': {
      const q = p as P<typeof action>;
      const query = doc(q.query, 'query');
      const data = doc(q.data, 'data');
      const replace = !q.merge;
      if (replace) checkFieldNames(data);
      if (q.transactionId) {
        if (q.queryType !== 'DOC') throw dbError('INVALID_PARAM', 'only single-document updates run inside a transaction');
        const id = docId(query);
        let updated = 0;
        let upsertId: unknown;
        txs.write(q.transactionId, q.collectionName, id, (cur) => {
          if (!cur) {
            if (!q.upsert) return null;
            upsertId = id;
            return replace ? { ...data, _id: id } : applyUpdate({ _id: id }, data, { inserting: true });
          }
          updated = 1;
          return replace ? { ...data, _id: id } : applyUpdate(cur, data);
        });
        return { data: { updated, upsert_id: upsertId === undefined ? undefined : wireId(upsertId) } };
      }
      if (!replace && !isOperatorUpdate(data) && Object.keys(data).length === 0) throw dbError('INVALID_PARAM', 'update data is empty');
      // CloudBase refuses a batch update without a condition (`collection.update(...)` with no where()).
      if (q.queryType === 'WHERE' && Object.keys(query).length === 0) throw dbError('INVALID_PARAM', 'an update needs a query condition (where)');
      const r = store.update(q.collectionName, query, data, { multi: q.queryType === 'WHERE' && q.multi, upsert: q.upsert, replace });
      return { data: { updated: r.updated, upsert_id: r.upsertedId === undefined ? undefined : wireId(r.upsertedId) } };
    }
    case 'database.removeDocument': {
      const q = p as P<typeof action>;
      const query = doc(q.query, 'query');
      if (q.transactionId) {
        if (q.queryType !== 'DOC') throw dbError('INVALID_PARAM', 'only single-document removes run inside a transaction');
        let deleted = 0;
        txs.write(q.transactionId, q.collectionName, docId(query), (cur) => {
          deleted = cur ? 1 : 0;
          return null;
        });
        return { data: { deleted } };
      }
      return { data: { deleted: store.remove(q.collectionName, query, q.queryType === 'WHERE' && q.multi) } };
    }
    case 'database.modifyAndReturnDoc': {
      const q = p as P<typeof action>;
      const data = doc(q.data, 'data');
      const r = store.update(q.collectionName, doc(q.query, 'query'), data, { multi: false, upsert: false, replace: false });
      return { data: { updated: r.updated, doc: r.matched && r.doc ? outDoc(r.doc) : null } };
    }
    case 'database.aggregateDocuments': {
      const q = p as P<typeof action>;
      const pipeline = q.stages.map((s) => ({ [s.stageKey]: parseEjson(s.stageValue, requestNow) }));
      return { data: { list: aggregate(store, q.collectionName, pipeline).map(stringifyEjson) } };
    }
    case 'database.startTransaction':
      return { transactionId: txs.start() };
    case 'database.commitTransaction':
      txs.commit((p as P<typeof action>).transactionId);
      return {};
    case 'database.abortTransaction':
      txs.abort((p as P<typeof action>).transactionId);
      return {};
  }
}

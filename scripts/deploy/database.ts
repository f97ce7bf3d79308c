// The database: every collection of cloudfunctions/collections.json exists, has the indexes declared
// there (created, or dropped and created again when their keys or uniqueness differ; indexes that are
// not declared are left alone and named in the plan), and a security rule under which clients can
// read and write nothing (ADMINONLY: only the functions, through the admin SDK, touch the database).
import type { Cloud } from './cloud.js';
import { managed } from './cloud.js';
import type { AreaPlan, Step } from './plan.js';

export interface IndexSpec {
  name: string;
  keys: Record<string, 1 | -1>;
  unique?: boolean;
  sparse?: boolean;
}
export interface CollectionSpec {
  name: string;
  indexes?: IndexSpec[];
}

/** The rule every collection gets: 仅管理端可读写. */
export const SAFE_RULE = 'ADMINONLY';

interface CloudIndex {
  Name: string;
  Keys?: Array<{ Name?: string; Direction?: string }>;
  Unique?: boolean;
}

const keysOf = (i: IndexSpec) => Object.entries(i.keys).map(([Name, d]) => ({ Name, Direction: String(d) }));
const sameIndex = (want: IndexSpec, have: CloudIndex) =>
  Boolean(want.unique) === Boolean(have.Unique) &&
  JSON.stringify(keysOf(want)) === JSON.stringify((have.Keys ?? []).map((k) => ({ Name: k.Name, Direction: String(k.Direction) })));
const describeIndex = (i: IndexSpec) =>
  `${i.name}（${Object.entries(i.keys).map(([k, d]) => `${k} ${d === 1 ? '升序' : '降序'}`).join('，')}${i.unique ? '，唯一' : ''}${i.sparse ? '，稀疏' : ''}）`;

/** The CreateIndexes entry of UpdateTable. MgoIsSparse only where the spec asks for it. */
const createIndex = (i: IndexSpec) => ({
  IndexName: i.name,
  MgoKeySchema: { MgoIndexKeys: keysOf(i), MgoIsUnique: Boolean(i.unique), ...(i.sparse ? { MgoIsSparse: true } : {}) },
});

async function existingCollections(cloud: Cloud): Promise<Set<string>> {
  const names = new Set<string>();
  for (let offset = 0; ; offset += 100) {
    const r = await managed('ListTables', () => cloud.database.listCollections({ MgoLimit: 100, MgoOffset: offset }));
    const list = (r as { Collections?: Array<{ CollectionName: string }> }).Collections ?? [];
    for (const c of list) names.add(c.CollectionName);
    const total = (r as { Pager?: { Total?: number } }).Pager?.Total ?? 0;
    if (list.length < 100 || names.size >= total) return names;
  }
}

export async function planDatabase(cloud: Cloud, spec: CollectionSpec[]): Promise<AreaPlan> {
  const existing = await existingCollections(cloud);
  const steps: Step[] = [];
  for (const { name, indexes = [] } of spec) {
    const coll = { name, indexes };
    const target = `集合 ${coll.name}`;
    const setRule = () => cloud.tcb('ModifySafeRule', { EnvId: cloud.envId, CollectionName: coll.name, AclTag: SAFE_RULE });
    if (!existing.has(coll.name)) {
      steps.push({
        area: 'database', target, status: 'create',
        details: [...coll.indexes.map((i) => `索引 ${describeIndex(i)}`), '安全规则：仅管理端可读写（小程序端不能读写）'],
        apply: async () => {
          await managed('CreateTable', () => cloud.database.createCollection(coll.name));
          if (coll.indexes.length) {
            await managed('UpdateTable', () => cloud.database.updateCollection(coll.name, { CreateIndexes: coll.indexes.map(createIndex) } as never));
          }
          await setRule();
        },
      });
      continue;
    }
    const table = await managed('DescribeTable', () => cloud.database.describeCollection(coll.name));
    const have = ((table as { Indexes?: CloudIndex[] }).Indexes ?? []).filter((i) => i.Name !== '_id_');
    const missing = coll.indexes.filter((i) => !have.some((h) => h.Name === i.name));
    const differing = coll.indexes.filter((i) => have.some((h) => h.Name === i.name && !sameIndex(i, h)));
    const extra = have.filter((h) => !coll.indexes.some((i) => i.name === h.Name));
    const rule = await cloud.tcb('DescribeSafeRule', { EnvId: cloud.envId, CollectionName: coll.name });
    const ruleOk = rule.AclTag === SAFE_RULE;
    const details = [
      ...missing.map((i) => `新建索引 ${describeIndex(i)}`),
      ...differing.map((i) => `修改索引 ${describeIndex(i)}（删除后按新定义重建）`),
      ...(ruleOk ? [] : [`安全规则：${rule.AclTag ?? '未设置'} → 仅管理端可读写`]),
      ...extra.map((h) => `索引 ${h.Name} 不在 collections.json 中，保留不动`),
    ];
    const changed = missing.length + differing.length > 0 || !ruleOk;
    steps.push({
      area: 'database', target, status: changed ? 'change' : 'same',
      details: changed ? details : [coll.indexes.length ? `${coll.indexes.length} 个索引和安全规则都一致` : '安全规则一致（没有声明索引）', ...details],
      apply: changed
        ? async () => {
            if (differing.length) {
              await managed('UpdateTable', () => cloud.database.updateCollection(coll.name, { DropIndexes: differing.map((i) => ({ IndexName: i.name })) } as never));
            }
            if (missing.length + differing.length) {
              await managed('UpdateTable', () => cloud.database.updateCollection(coll.name, { CreateIndexes: [...differing, ...missing].map(createIndex) } as never));
            }
            if (!ruleOk) await setRule();
          }
        : undefined,
    });
  }
  return { steps, problems: [] };
}

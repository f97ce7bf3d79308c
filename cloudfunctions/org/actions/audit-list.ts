// audit.list: the park's audit log, newest first, each entry as a sentence with a link
// (shared/audit-text.ts). The names a page of entries needs are looked up together: at most 2 reads
// for the page and its count, then one each for branches, people, people who left, meetings and
// topics — 7 requests for any page of up to 100 entries.
import { actionsOfKind, auditLink, auditText, type AuditNames } from '../../../shared/audit-text';
import type { orgContract } from '../../../shared/contract/org';
import { C, _, db } from '../../_lib/db';
import type { Handlers } from '../../_lib/dispatcher';
import type { AuditDoc } from '../../_lib/types';

type H = Handlers<typeof orgContract>;
type Entry = AuditDoc & { _id: string };
type D = Record<string, unknown>;

const strings = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const PERSON_TARGET = new Set(['transfers.create', 'people.leave', 'points.reverse', 'people.unbind']);

async function byIds(collection: string, where: (ids: string[]) => object, ids: string[], fields: Record<string, boolean>): Promise<Array<Record<string, any>>> {
  const unique = [...new Set(ids)].slice(0, 1000);
  if (!unique.length) return [];
  const { data } = await db.collection(collection).where(where(unique)).field(fields).limit(1000).get();
  return data as Array<Record<string, any>>;
}

/** The names and places a page of entries refers to, in 5 parallel reads. */
async function namesFor(parkId: string, entries: Entry[]): Promise<AuditNames> {
  const branchIds: string[] = [];
  const personIds: string[] = [];
  const meetingIds: string[] = [];
  const topicIds: string[] = [];
  for (const e of entries) {
    const d = (e.detail ?? {}) as D;
    branchIds.push(...strings(d.branchId), ...strings(d.fromBranchId), ...strings(d.toBranchId));
    for (const k of ['before', 'after']) branchIds.push(...strings((d[k] as D | undefined)?.secretaryOf));
    if (e.action === 'roster.import') branchIds.push(e.target);
    personIds.push(...strings(d.personId), ...strings(d.personIds).slice(0, 3));
    if (PERSON_TARGET.has(e.action)) personIds.push(e.target);
    if (e.action.startsWith('meetings.')) meetingIds.push(e.target);
    if (e.action.startsWith('topics.')) topicIds.push(e.target);
  }
  const [branches, people, left, meetings, topics] = await Promise.all([
    byIds(C.branches, (ids) => ({ _id: _.in(ids), parkId }), branchIds, { name: true }),
    byIds(C.people, (ids) => ({ _id: _.in(ids), parkId }), personIds, { name: true, branchId: true }),
    byIds(C.peopleLeft, (ids) => ({ _id: _.in(ids), parkId }), personIds, { name: true }),
    byIds(C.meetings, (ids) => _.or([{ _id: _.in(ids), parkId }, { seriesId: _.in(ids), parkId }]), meetingIds, { branchId: true, seriesId: true }),
    byIds(C.topics, (ids) => ({ _id: _.in(ids), parkId }), topicIds, { branchId: true, scope: true }),
  ]);
  const branch = new Map(branches.map((b) => [b._id as string, b.name as string]));
  const person = new Map(people.map((p) => [p._id as string, p]));
  const leftName = new Map(left.map((p) => [p._id as string, p.name as string]));
  const meetingBranch = new Map<string, string>();
  for (const m of meetings) {
    meetingBranch.set(m._id, m.branchId);
    if (m.seriesId) meetingBranch.set(m.seriesId, m.branchId);
  }
  const topic = new Map(topics.map((t) => [t._id as string, t.scope === 'park' ? null : (t.branchId as string)]));
  return {
    branch: (id) => branch.get(id) ?? '已撤销的支部',
    person: (id) => person.get(id)?.name ?? (leftName.has(id) ? `${leftName.get(id)}（已离开园区）` : '已删除的人员'),
    branchOfPerson: (id) => person.get(id)?.branchId ?? null,
    meetingBranch: (id) => meetingBranch.get(id) ?? null,
    topicBranch: (id) => (topic.has(id) ? topic.get(id)! : undefined),
  };
}

export const auditList: H['audit.list'] = {
  access: ['parkAdmin'],
  handler: async ({ offset, limit, action, kind }, { person: me }) => {
    const where: Record<string, unknown> = { parkId: me.parkId };
    if (action) where.action = action;
    else if (kind) where.action = _.in(actionsOfKind(kind));
    const q = db.collection(C.audit).where(where);
    const [{ data }, { total }] = await Promise.all([
      q.orderBy('at', 'desc').skip(offset).limit(limit).get(),
      q.count() as Promise<{ total: number }>,
    ]);
    const entries = data as Entry[];
    const names = await namesFor(me.parkId, entries);
    return {
      entries: entries.map((e) => {
        const facts = { action: e.action, actor: e.actor, target: e.target, detail: (e.detail ?? {}) as D };
        return {
          id: e._id, at: new Date(e.at).toISOString(), actor: e.actor, action: e.action, target: e.target, detail: e.detail ?? {},
          text: auditText(facts, names), link: auditLink(facts, names),
        };
      }),
      total,
    };
  },
};

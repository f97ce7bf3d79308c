// Builds the demo park's documents from the tables in data.ts. Deterministic: the only randomness is a
// fixed-seed generator, and the only input is `now` (probationary members joined within the last year, so
// those dates follow today; every other date is fixed).
import type { Post } from '../../shared/contract';
import { chinaDateString } from '../../shared/time';
import type { BranchDoc, EnterpriseDoc, ParkDoc, PersonDoc } from '../../cloudfunctions/_lib/types';
import { AVOID_NAMES, BRANCHES, DEMO_PARK, ENTERPRISES, GIVEN, SURNAMES, type FixedPerson } from './data';

export interface DemoPark {
  park: ParkDoc;
  enterprises: EnterpriseDoc[];
  branches: BranchDoc[];
  people: PersonDoc[];
}

/** mulberry32: a tiny PRNG, so the same seed gives the same park on every machine. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

const DAY_MS = 86_400_000;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The usual 转正: one year after 入党 (a 29 February rolls over to 1 March). */
function oneYearAfter(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y + 1, m - 1, d)).toISOString().slice(0, 10);
}
export const demoPhone = (n: number) => `139${pad(n, 8)}`;
const enterpriseId = (key: string) => `ent-demo-${key}`;
const branchId = (key: string) => `branch-demo-${key}`;

function postOf(title: string): Post {
  return { kind: title.endsWith('示范岗') ? 'model' : 'pioneer', title };
}

export function buildDemoPark(now: Date = new Date()): DemoPark {
  const r = rng(20260701);
  const today = chinaDateString(now);
  const daysAgo = (d: number) => chinaDateString(new Date(now.getTime() - d * DAY_MS));
  // The ten commonest surnames weigh three times as much, as on a real roster.
  const surnames = [...SURNAMES].flatMap((s, i) => (i < 10 ? [s, s, s] : [s]));
  const used = new Set<string>([...AVOID_NAMES, ...BRANCHES.flatMap((b) => b.fixed.map((f) => f.name))]);
  const newName = (era: keyof typeof GIVEN) => {
    for (;;) {
      const name = r.pick(surnames) + r.pick(GIVEN[era]);
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  };

  const park: ParkDoc = { ...DEMO_PARK, createdAt: now };
  const enterprises: EnterpriseDoc[] = ENTERPRISES.map((e) => ({
    _id: enterpriseId(e.key), parkId: park._id, name: e.name, industry: e.industry, employees: e.employees, createdAt: now,
  }));
  const branches: BranchDoc[] = [];
  const people: PersonDoc[] = [];

  for (const spec of BRANCHES) {
    const bid = branchId(spec.key);
    const groups = spec.groups.map((name, i) => ({ id: `${bid}-g${i + 1}`, name }));
    branches.push({ _id: bid, parkId: park._id, name: spec.name, kind: spec.kind, enterpriseIds: spec.enterprises.map(enterpriseId), groups, memberCount: 0, createdAt: now, updatedAt: now });

    // Fill the branch up to its numbers with generated people after the hand-written ones.
    const list: FixedPerson[] = [...spec.fixed];
    const count = (pred: (p: FixedPerson) => boolean) => list.filter(pred).length;
    while (count((p) => p.memberType === 'probationary') < spec.probationary) {
      list.push({ name: newName('younger'), memberType: 'probationary', joined: { daysAgo: r.int(30, 330) } });
    }
    while (count((p) => p.memberType !== 'none') < spec.members) {
      const year = r.int(1984, 2023);
      const era = year < 1996 ? 'older' : year < 2012 ? 'middle' : 'younger';
      list.push({ name: newName(era), memberType: 'full', joined: `${year}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}` });
    }
    while (count((p) => p.memberType === 'none') < spec.masses) {
      list.push({ name: newName(r.next() < 0.5 ? 'middle' : 'younger'), memberType: 'none' });
    }

    let groupTurn = 0;
    list.forEach((p, i) => {
      const generated = i >= spec.fixed.length;
      const member = p.memberType !== 'none';
      let post = p.post;
      let area = p.area;
      // About 3 in 10 generated full members hold a post (and always a 责任区 with it); half the rest have a 责任区.
      if (generated && member) {
        const roll = r.next();
        if (roll < 0.3 && p.memberType === 'full') post = r.pick(spec.posts);
        if (post || roll < 0.7) area = r.pick(spec.areas);
      }
      const joinedPartyOn = !member ? null : typeof p.joined === 'string' ? p.joined : daysAgo(p.joined?.daysAgo ?? 90);
      if (joinedPartyOn && joinedPartyOn > today) throw new Error(`demo seed: ${p.name} joined in the future (${joinedPartyOn})`);
      const groupId = !member || !groups.length ? null : groups[p.group ?? groupTurn++ % groups.length]!.id;
      const n = people.length + 1;
      people.push({
        _id: `person-demo-${pad(n, 3)}`,
        parkId: park._id,
        branchId: bid,
        groupId,
        name: p.name,
        phone: demoPhone(n),
        memberType: p.memberType,
        joinedPartyOn,
        fullMemberOn: p.memberType === 'full' && joinedPartyOn ? oneYearAfter(joinedPartyOn) : null,
        posts: post ? [postOf(post)] : [],
        responsibilityArea: area ?? null,
        secretaryOf: p.secretary ? [bid] : [],
        organizer: !!p.organizer,
        parkAdmin: !!p.parkAdmin,
        openid: p.openid,
        createdAt: now,
        updatedAt: now,
      });
    });
  }

  // Bind everyone except the last generated member and masses of each branch (only the member in one), so the demo
  // has people waiting for an invite code. Personas keep their fixed openids.
  const unbound = new Set<string>();
  for (const spec of BRANCHES) {
    const generated = people.filter((p) => p.branchId === branchId(spec.key) && !p.openid && !p.secretaryOf.length && !p.parkAdmin && !p.organizer);
    const lastMember = generated.filter((p) => p.memberType !== 'none').at(-1);
    const lastMasses = generated.filter((p) => p.memberType === 'none').at(-1);
    for (const p of spec.key === 'trade' ? [lastMember] : [lastMember, lastMasses]) if (p) unbound.add(p._id);
  }
  people.forEach((p, i) => {
    if (unbound.has(p._id)) {
      delete p.openid;
      return;
    }
    p.openid ??= `o_demo_p${pad(i + 1, 3)}`;
    p.boundAt = new Date(now.getTime() - (i % 60) * DAY_MS);
  });
  // memberCount (full + probationary) is stored on the branch, as the org function keeps it.
  for (const b of branches) b.memberCount = people.filter((p) => p.branchId === b._id && p.memberType !== 'none').length;
  // In a 联合 / 挂靠 branch each person works at one of its enterprises (shown on 名册), taken in turn.
  for (const b of branches.filter((x) => x.kind !== 'single')) {
    people.filter((p) => p.branchId === b._id).forEach((p, i) => (p.enterpriseId = b.enterpriseIds[i % b.enterpriseIds.length]!));
  }
  return { park, enterprises, branches, people };
}

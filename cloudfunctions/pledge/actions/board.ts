// The public board (a branch's or the park's approved items) and 履诺率 for a year or a quarter: fulfilled ÷ due,
// by due date (helpers.ts isDue), the same rule the branch counters follow (settle.ts).
import type { pledgeContract } from '../../../shared/contract/pledge';
import { C, readAll } from '../../_lib/db';
import { type Handlers } from '../../_lib/dispatcher';
import type { BranchDoc } from '../../_lib/types';
import { branchOfPark } from '../../org/actions/helpers';
import type { PledgeDoc } from '../types';
import { allOf, inPeriod, isPublic, loadSettings, rateOf, ratingOpen, today, view } from './helpers';

type H = Handlers<typeof pledgeContract>;

export const boardHandlers: Pick<H, 'board' | 'rates'> = {
  board: {
    access: 'bound',
    handler: async ({ branchId, year, quarter }, { person: me, now }) => {
      const y = year ?? today(now).slice(0, 4);
      const q = quarter ?? null;
      const day = today(now);
      const [branches, { settings }] = await Promise.all([
        readAll<Pick<BranchDoc, '_id' | 'name'>>(C.branches, { parkId: me.parkId }, { name: true }),
        loadSettings(me.parkId),
      ]);
      const names = new Map(branches.map((b) => [b._id, b.name]));
      const b = branchId ? await branchOfPark(me, branchId) : null;
      const all = (await allOf<PledgeDoc>(b ? { branchId: b._id, year: y } : { parkId: me.parkId, year: y })).filter((p) => p.parkId === me.parkId && inPeriod(p, y, q));
      const shown = all
        .filter((p) => isPublic(p.status))
        .sort((x, z) => (names.get(x.branchId) ?? '').localeCompare(names.get(z.branchId) ?? '', 'zh') || (x.scope === z.scope ? 0 : x.scope === 'branch' ? -1 : 1) || (x.dueOn < z.dueOn ? -1 : 1));
      const open = ratingOpen(settings, now);
      return {
        scope: b ? ('branch' as const) : ('park' as const),
        title: b ? `${b.name}公开承诺` : '园区公开承诺',
        year: y,
        quarter: q,
        items: shown.map((p) => view(p, me, names.get(p.branchId) ?? '', { ratingOpen: false })),
        rate: rateOf(all, day),
        branches: b ? [] : branches.map((x) => ({ id: x._id, name: x.name, rate: rateOf(all.filter((p) => p.branchId === x._id), day) })).sort((x, z) => x.name.localeCompare(z.name, 'zh')),
        ratingOpen: open,
      };
    },
  },

  rates: {
    access: 'bound',
    handler: async ({ year, quarter }, { person: me, now }) => {
      const y = year ?? today(now).slice(0, 4);
      const q = quarter ?? null;
      const day = today(now);
      const park = (await allOf<PledgeDoc>({ parkId: me.parkId, year: y })).filter((p) => inPeriod(p, y, q));
      return {
        year: y,
        quarter: q,
        mine: rateOf(park.filter((p) => p.scope === 'member' && p.personId === me._id), day),
        branch: rateOf(park.filter((p) => p.branchId === me.branchId), day),
        park: rateOf(park, day),
      };
    },
  },
};

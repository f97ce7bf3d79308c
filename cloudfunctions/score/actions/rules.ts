// The points table (versioned; any bound person reads it, the park admin edits it) and the score
// settings (park admin). A table save names the version the editor loaded: the new version's id is
// `<parkId>|v<n+1>`, so of two editors who loaded the same version only the first save lands, the
// other gets CONFLICT (the id is taken) instead of silently overwriting. The same transaction puts the new version
// in points_totals as the park's current table (`T|<parkId>`), where awards read it with the totals in one request.
import type { scoreContract } from '../../../shared/contract/score';
import { audit } from '../../_lib/audit';
import { C, isDuplicateWrite, runTransaction, txGet } from '../../_lib/db';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import { loadSettings } from '../../_lib/leaderboard';
import { type CurrentTable, currentTable, currentTableId } from '../../_lib/points';
import type { CurrentTableDoc, PointsTableDoc, ScoreSettingsDoc } from '../../_lib/types';

type H = Handlers<typeof scoreContract>;

const tableView = (t: CurrentTable) => ({
  version: t.version, table: t.table, updatedAt: t.updatedAt ? new Date(t.updatedAt).toISOString() : null, updatedBy: t.updatedBy?.name ?? null,
});

const staleTable = () => new ActionError('CONFLICT', { message: '积分规则刚被他人修改，请刷新后在最新版本上修改' });

export const rulesHandlers: Pick<H, 'table.get' | 'table.update' | 'settings.get' | 'settings.update'> = {
  'table.get': {
    access: 'bound',
    handler: async (_input, { person: me }) => tableView(await currentTable(me.parkId)),
  },
  'table.update': {
    access: ['parkAdmin'],
    handler: async ({ version, table }, { person: me, now }) => {
      const current = await currentTable(me.parkId);
      if (current.version !== version) throw staleTable();
      const doc: PointsTableDoc = { _id: `${me.parkId}|v${version + 1}`, parkId: me.parkId, version: version + 1, table, updatedAt: now, updatedBy: { id: me._id, name: me.name } };
      try {
        await runTransaction(async (tx) => {
          await tx.collection(C.pointsTables).add(doc);
          const { _id, ...current } = doc;
          await tx.collection(C.pointsTotals).doc(currentTableId(me.parkId)).set({ ...current, scope: 'table' } satisfies Omit<CurrentTableDoc, '_id'>);
          await audit(me, 'points.table', `v${doc.version}`, { from: version, to: doc.version }, now, tx);
        });
      } catch (e) {
        if (isDuplicateWrite(e)) throw staleTable();
        throw e;
      }
      return tableView(doc);
    },
  },
  'settings.get': {
    access: ['parkAdmin'],
    handler: async (_input, { person: me }) => loadSettings(me.parkId),
  },
  'settings.update': {
    access: ['parkAdmin'],
    handler: async (input, { person: me, now }) =>
      runTransaction(async (tx) => {
        const cur = await txGet<ScoreSettingsDoc>(tx, C.scoreSettings, me.parkId);
        const before = cur ? { individualRanking: cur.individualRanking, minRankedMembers: cur.minRankedMembers, flagMeasure: cur.flagMeasure } : await loadSettings(me.parkId);
        const after = { ...before, ...input };
        await tx.collection(C.scoreSettings).doc(me.parkId).set({ ...after, updatedAt: now });
        await audit(me, 'score.settings', me.parkId, { before, after }, now, tx);
        return after;
      }),
  },
};

// 台账 exports: a branch's (its secretary, a park admin) or the whole park's (park admins: one workbook with
// every branch in each sheet, or one file per branch) for a month, quarter or year. Built with exceljs
// (actions/sheets.ts), written to cloud storage under exports/<parkId>/, answered with a temporary link (an
// hour). Audited. A park's data is read park-wide and grouped by branch; a park of 100 branches over a year stays well inside the
// function's 60 s (test/integration/ledger/export-large.test.ts measures it).
import ExcelJS from 'exceljs';
import { LEDGER_SHEETS, LEDGER_SHEET_LABELS, type ledgerContract } from '../../../shared/contract/ledger';
import { chinaDayStart } from '../../../shared/periods';
import { chinaFormat } from '../../../shared/time';
import { audit } from '../../_lib/audit';
import { app, C, db, getDoc } from '../../_lib/db';
import type { LedgerExportDoc } from './cleanup';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import type { BranchDoc, ParkDoc, PersonDoc } from '../../_lib/types';
import { branchOfPark, canSeePhone, newId, requireManages } from '../../org/actions/helpers';
import { type BranchData, loadBranches, loadTopics, periodOf, readAll } from './data';
import { SHEET_BUILDERS, type SheetContext } from './sheets';

type H = Handlers<typeof ledgerContract>;
const LINK_S = 3600;

/** A file name people can keep: no characters a file system refuses. */
const safe = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '');

export async function workbook(ctx: SheetContext, sheets: readonly (typeof LEDGER_SHEETS)[number][], data: BranchData[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '红色园区';
  wb.created = ctx.now;
  for (const s of sheets) SHEET_BUILDERS[s](wb, ctx, data);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Writes the file and records it (ledger_exports) before asking for its link, so that a file is never left in
 * storage without the document the housekeeping timer deletes it by once the link has expired.
 */
export async function store(parkId: string, bytes: Buffer, now: Date): Promise<{ fileId: string; url: string; expiresAt: string }> {
  const { fileID } = await app.uploadFile({ cloudPath: `exports/${parkId}/${newId()}.xlsx`, fileContent: bytes });
  const expiresAt = new Date(now.getTime() + LINK_S * 1000);
  const doc: Omit<LedgerExportDoc, '_id'> = { parkId, fileId: fileID, bytes: bytes.length, createdAt: now, expiresAt };
  await db.collection(C.ledgerExports).add(doc);
  const res = await app.getTempFileURL({ fileList: [{ fileID, maxAge: LINK_S }] });
  const url = res.fileList[0]?.tempFileURL;
  if (!url) throw new Error(`getTempFileURL: ${JSON.stringify(res.fileList)}`);
  return { fileId: fileID, url, expiresAt: expiresAt.toISOString() };
}


export const exportHandlers: Pick<H, 'export.create'> = {
  'export.create': {
    access: ['secretary', 'parkAdmin'],
    handler: async (input, { person: me, now }) => {
      let branches: BranchDoc[];
      if (input.branchId !== undefined) {
        const b = await branchOfPark(me, input.branchId);
        requireManages(me, b._id, '只能导出本支部的台账');
        branches = [b];
      } else {
        if (!me.parkAdmin) throw new ActionError('FORBIDDEN', { message: '全园区的台账只有园区党委管理员可以导出，请选择本支部' });
        // In pinyin order, as the app lists them.
        branches = (await readAll<BranchDoc>(C.branches, { parkId: me.parkId }, ['name', 'asc'])).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
      }
      const period = periodOf(input.period);
      const sheets = LEDGER_SHEETS.filter((s) => !input.sheets || input.sheets.includes(s));
      const park = await getDoc<ParkDoc>(C.parks, me.parkId);
      const topics = await loadTopics(me.parkId, period);
      // Compliance counted to today, or to the period's end when it is over.
      const periodEnd = new Date(chinaDayStart(period.last).getTime() + 86_400_000);
      // (A period over: counted as of the next day, when its last month / quarter / year is due.)
      const asOf = periodEnd <= now ? periodEnd : now;
      const t0 = Date.now();
      const data = await loadBranches(me.parkId, branches, period, topics, asOf, sheets);
      const tRead = Date.now() - t0;
      const fullPhone = (p: PersonDoc) => input.fullPhones && canSeePhone(me, p);
      const base = { period, exportedBy: me.name, now, fullPhone, complianceAsOf: chinaFormat(periodEnd <= now ? new Date(periodEnd.getTime() - 1) : now, 'YYYY年M月D日') };
      const label = period.label;
      const parts: Array<{ name: string; ctx: SheetContext; data: BranchData[] }> =
        input.branchId === undefined && input.split === 'perBranch'
          ? data.map((d) => ({ name: `${safe(d.branch.name)}-${label}-台账.xlsx`, ctx: { ...base, owner: d.branch.name, parkWide: false }, data: [d] }))
          : input.branchId === undefined
            ? [{ name: `${safe(park?.name ?? '园区')}-${label}-台账.xlsx`, ctx: { ...base, owner: park?.name ?? '园区', parkWide: true }, data }]
            : [{ name: `${safe(branches[0]!.name)}-${label}-台账.xlsx`, ctx: { ...base, owner: branches[0]!.name, parkWide: false }, data }];
      const files = [];
      for (const part of parts) {
        const bytes = await workbook(part.ctx, sheets, part.data);
        const stored = await store(me.parkId, bytes, now);
        files.push({ name: part.name, ...stored, branches: part.data.length, bytes: bytes.length });
      }
      console.log(`ledger export: ${branches.length} branches, ${period.key}: read ${tRead} ms, built and stored in ${Date.now() - t0 - tRead} ms`);
      const sheetLabels = sheets.map((s) => LEDGER_SHEET_LABELS[s]);
      await audit(me, 'ledger.export', input.branchId ?? me.parkId, {
        owner: input.branchId === undefined ? '全园区' : branches[0]!.name, period: label, sheets: sheetLabels, files: files.length,
        split: input.split, fullPhones: input.fullPhones, fileIds: files.map((f) => f.fileId),
      }, now);
      return { files, sheets: sheetLabels };
    },
  },
};

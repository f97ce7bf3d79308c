// 台账 exports: a branch's (its secretary, a park admin) or the whole park's (park admins: one workbook with
// every branch in each sheet, or one file per branch) for a month, quarter or year. Built with exceljs
// (actions/sheets.ts), written to cloud storage under exports/<parkId>/, answered with a temporary link (an
// hour). Audited. A park's data is read park-wide and grouped by branch; a park of more than LEDGER_STEP_BRANCHES
// branches is built in steps (a ledger_jobs document: `export.create` starts it and reads the first chunk of
// branches, each `export.continue` the next, and a last one joins the parts into the workbook), so each call stays
// well inside the function's 60 s (test/integration/ledger/export-large.test.ts measures it).
// exceljs only when a file is read or written: loading it costs every cold start of the function (bench:functions).
import { LEDGER_SHEETS, LEDGER_SHEET_LABELS, LEDGER_STEP_BRANCHES, type LedgerSheet, type ledgerContract } from '../../../shared/contract/ledger';
import { chinaDayStart } from '../../../shared/periods';
import { chinaFormat } from '../../../shared/time';
import { audit } from '../../_lib/audit';
import { app, C, db, getDoc } from '../../_lib/db';
import type { LedgerExportDoc } from './cleanup';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import type { BranchDoc, ParkDoc, PersonDoc } from '../../_lib/types';
import { branchOfPark, canSeePhone, newId, requireManages } from '../../org/actions/helpers';
import { type BranchData, loadBranches, loadTopics, periodOf, readAll } from './data';
import { SHEET_BUILDERS, type SheetContext, type SheetSpec, drawSheet, joinSpecs } from './sheets';

type H = Handlers<typeof ledgerContract>;
const LINK_S = 3600;

/** A file name people can keep: no characters a file system refuses. */
const safe = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '');

/**
 * The xlsx of `specs`, written with exceljs's streaming WorkbookWriter: each row goes out as it is drawn (committed),
 * so a park's year (tens of thousands of rows) costs the zip being written, not a whole workbook model in memory.
 */
export async function writeBook(ctx: Pick<SheetContext, 'exportedBy' | 'now'>, specs: SheetSpec[]): Promise<Buffer> {
  const [{ default: Excel }, { PassThrough }] = await Promise.all([import('exceljs'), import('node:stream')]);
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new Excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
  wb.creator = '红色园区';
  wb.created = ctx.now;
  for (const spec of specs) drawSheet(wb, ctx, spec);
  await wb.commit();
  return Buffer.concat(chunks);
}

export const workbook = (ctx: SheetContext, sheets: readonly LedgerSheet[], data: BranchData[]): Promise<Buffer> =>
  writeBook(ctx, sheets.map((s) => SHEET_BUILDERS[s](ctx, data)));

/**
 * Writes the file and records it (ledger_exports) before asking for its link, so that a file is never left in
 * storage without the document the housekeeping timer deletes it by once the link has expired.
 */
export async function store(parkId: string, bytes: Buffer, now: Date, ext: 'xlsx' | 'json' = 'xlsx'): Promise<{ fileId: string; url: string; expiresAt: string }> {
  const { fileID } = await app.uploadFile({ cloudPath: `exports/${parkId}/${newId()}.${ext}`, fileContent: bytes });
  const expiresAt = new Date(now.getTime() + LINK_S * 1000);
  const doc: Omit<LedgerExportDoc, '_id'> = { parkId, fileId: fileID, bytes: bytes.length, createdAt: now, expiresAt };
  await db.collection(C.ledgerExports).add(doc);
  const res = await app.getTempFileURL({ fileList: [{ fileID, maxAge: LINK_S }] });
  const url = res.fileList[0]?.tempFileURL;
  if (!url) throw new Error(`getTempFileURL: ${JSON.stringify(res.fileList)}`);
  return { fileId: fileID, url, expiresAt: expiresAt.toISOString() };
}


type ExportInput = Parameters<H['export.create']['handler']>[0];
type Ctx = Parameters<H['export.create']['handler']>[1];
type Result = Awaited<ReturnType<H['export.create']['handler']>>;
type FileOut = Result['files'][number];

/** ledger_jobs: a park's export built in steps; `_id` a random hex id; only its author continues it. */
export interface LedgerJobDoc {
  _id: string;
  parkId: string;
  personId: string;
  input: ExportInput;
  /** The branches in the workbook's order, in chunks of LEDGER_STEP_BRANCHES. */
  branchIds: string[];
  /** The next chunk to read; at `chunks` the parts are joined (one workbook) or the job is done (per branch). */
  next: number;
  chunks: number;
  /** One workbook: each chunk's sheet rows (SheetSpec[]), stored as JSON in storage. Per branch: the files written so far. */
  parts: string[];
  files: FileOut[];
  done: boolean;
  /** The export's time, as its title says. */
  at: Date;
  createdAt: Date;
  updatedAt: Date;
}

/** Everything an export needs besides the branches' data. */
async function prepare(me: PersonDoc, input: ExportInput, now: Date, branchIds?: string[]) {
  let branches: BranchDoc[];
  if (input.branchId !== undefined) {
    const b = await branchOfPark(me, input.branchId);
    requireManages(me, b._id, '只能导出本支部的台账');
    branches = [b];
  } else {
    if (!me.parkAdmin) throw new ActionError('FORBIDDEN', { message: '全园区的台账只有园区党委管理员可以导出，请选择本支部' });
    // In pinyin order, as the app lists them.
    branches = (await readAll<BranchDoc>(C.branches, { parkId: me.parkId }, ['name', 'asc'])).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    if (branchIds) {
      const by = new Map(branches.map((b) => [b._id, b]));
      branches = branchIds.map((id) => by.get(id)).filter((b): b is BranchDoc => !!b);
    }
  }
  const period = periodOf(input.period);
  const sheets = LEDGER_SHEETS.filter((s) => !input.sheets || input.sheets.includes(s));
  const park = await getDoc<ParkDoc>(C.parks, me.parkId);
  const topics = await loadTopics(me.parkId, period);
  // Compliance counted to today, or to the period's end when it is over.
  const periodEnd = new Date(chinaDayStart(period.last).getTime() + 86_400_000);
  // (A period over: counted as of the next day, when its last month / quarter / year is due.)
  const asOf = periodEnd <= now ? periodEnd : now;
  const fullPhone = (p: PersonDoc) => input.fullPhones && canSeePhone(me, p);
  const base = { period, exportedBy: me.name, now, fullPhone, complianceAsOf: chinaFormat(periodEnd <= now ? new Date(periodEnd.getTime() - 1) : now, 'YYYY年M月D日') };
  const label = period.label;
  const parkName = park?.name ?? '园区';
  const parkPart = (data: BranchData[]) => ({ name: `${safe(parkName)}-${label}-台账.xlsx`, ctx: { ...base, owner: parkName, parkWide: true }, data });
  const branchPart = (d: BranchData) => ({ name: `${safe(d.branch.name)}-${label}-台账.xlsx`, ctx: { ...base, owner: d.branch.name, parkWide: false }, data: [d] });
  const load = (some: BranchDoc[]) => loadBranches(me.parkId, some, period, topics, asOf, sheets);
  return { branches, period, sheets, label, parkPart, branchPart, load };
}

async function build(me: PersonDoc, sheets: readonly LedgerSheet[], parts: Array<{ name: string; ctx: SheetContext; data: BranchData[] }>, now: Date): Promise<FileOut[]> {
  const files: FileOut[] = [];
  for (const part of parts) {
    const bytes = await workbook(part.ctx, sheets, part.data);
    const stored = await store(me.parkId, bytes, now);
    files.push({ name: part.name, ...stored, branches: part.data.length, bytes: bytes.length });
  }
  return files;
}

async function audited(me: PersonDoc, input: ExportInput, ownerName: string, label: string, sheets: readonly LedgerSheet[], files: FileOut[], now: Date): Promise<Result> {
  const sheetLabels = sheets.map((s) => LEDGER_SHEET_LABELS[s]);
  await audit(me, 'ledger.export', input.branchId ?? me.parkId, {
    owner: input.branchId === undefined ? '全园区' : ownerName, period: label, sheets: sheetLabels, files: files.length,
    split: input.split, fullPhones: input.fullPhones, fileIds: files.map((f) => f.fileId),
  }, now);
  return { files, sheets: sheetLabels, job: null };
}

// A chunk's sheets as JSON: plain rows (strings, numbers, nulls), so the join parses them back as they were.
const toJson = (specs: SheetSpec[]) => JSON.stringify(specs);
const fromJson = (text: string): SheetSpec[] => JSON.parse(text) as SheetSpec[];

/**
 * One step of a job: read the next chunk of branches (per branch: and write their files), or, with every chunk
 * read, join the parts into the one workbook. The step is claimed by moving `next` on from the value read, so two
 * calls at once do it once (the loser's stray part is recorded and cleaned up like every export file).
 */
async function step(me: PersonDoc, job: LedgerJobDoc, now: Date): Promise<Result> {
  const p = await prepare(me, job.input, job.at, job.branchIds);
  const total = job.chunks + (job.input.split === 'one' ? 1 : 0);
  if (job.done) return { files: job.files, sheets: p.sheets.map((s) => LEDGER_SHEET_LABELS[s]), job: null };
  const claim = async (patch: Partial<LedgerJobDoc>) => {
    const r = await db.collection(C.ledgerJobs).where({ _id: job._id, next: job.next }).update({ ...patch, next: job.next + 1, updatedAt: now });
    if (!Number((r as { updated?: number }).updated ?? 0)) throw new ActionError('CONFLICT', { message: '导出正在进行，请稍候再试' });
  };
  if (job.next < job.chunks) {
    const ids = new Set(job.branchIds.slice(job.next * LEDGER_STEP_BRANCHES, (job.next + 1) * LEDGER_STEP_BRANCHES));
    const data = await p.load(p.branches.filter((b) => ids.has(b._id)));
    if (job.input.split === 'perBranch') {
      const files = [...job.files, ...(await build(me, p.sheets, data.map(p.branchPart), job.at))];
      const last = job.next + 1 === job.chunks;
      await claim({ files, done: last });
      if (last) return audited(me, job.input, '', p.label, p.sheets, files, now);
      return { files: [], sheets: [], job: { id: job._id, done: job.next + 1, total } };
    }
    // One workbook: this chunk's rows of every sheet, drawn at the end.
    const part = p.parkPart(data);
    const specs = p.sheets.map((s) => SHEET_BUILDERS[s](part.ctx, data));
    const { fileId } = await store(me.parkId, Buffer.from(toJson(specs)), now, 'json');
    await claim({ parts: [...job.parts, fileId] });
    return { files: [], sheets: [], job: { id: job._id, done: job.next + 1, total } };
  }
  // The join: every chunk's rows, sheet by sheet in the chunks' order, streamed into the one workbook.
  const parts = await Promise.all(job.parts.map(async (fileID) => fromJson(Buffer.from((await app.downloadFile({ fileID })).fileContent as Buffer).toString('utf8'))));
  const part = p.parkPart([]);
  const bytes = await writeBook(part.ctx, p.sheets.map((_s, i) => joinSpecs(parts.map((specs) => specs[i]!))));
  const stored = await store(me.parkId, bytes, job.at);
  const files: FileOut[] = [{ name: part.name, ...stored, branches: p.branches.length, bytes: bytes.length }];
  await claim({ files, done: true });
  return audited(me, job.input, '', p.label, p.sheets, files, now);
}

export const exportHandlers: Pick<H, 'export.create' | 'export.continue'> = {
  'export.create': {
    access: ['secretary', 'parkAdmin'],
    handler: async (input, { person: me, now }: Ctx) => {
      const p = await prepare(me, input, now);
      if (input.branchId === undefined && p.branches.length > LEDGER_STEP_BRANCHES) {
        // Too many branches for one call: a job, read a chunk at a time, the first step now.
        const job: LedgerJobDoc = {
          _id: newId(), parkId: me.parkId, personId: me._id, input, branchIds: p.branches.map((b) => b._id), next: 0,
          chunks: Math.ceil(p.branches.length / LEDGER_STEP_BRANCHES), parts: [], files: [], done: false, at: now, createdAt: now, updatedAt: now,
        };
        const { _id, ...rest } = job;
        await db.collection(C.ledgerJobs).doc(_id).set(rest);
        return step(me, job, now);
      }
      const t0 = Date.now();
      const data = await p.load(p.branches);
      const tRead = Date.now() - t0;
      const parts = input.branchId === undefined && input.split === 'perBranch' ? data.map(p.branchPart) : input.branchId === undefined ? [p.parkPart(data)] : [p.branchPart(data[0]!)];
      const files = await build(me, p.sheets, parts, now);
      console.log(`ledger export: ${p.branches.length} branches, ${p.period.key}: read ${tRead} ms, built and stored in ${Date.now() - t0 - tRead} ms`);
      return audited(me, input, p.branches[0]!.name, p.label, p.sheets, files, now);
    },
  },

  'export.continue': {
    access: ['parkAdmin'],
    handler: async ({ jobId }, { person: me, now }) => {
      const job = await getDoc<LedgerJobDoc>(C.ledgerJobs, jobId);
      if (!job || job.parkId !== me.parkId || job.personId !== me._id) throw new ActionError('NOT_FOUND', { message: '没有找到这次导出，请重新导出' });
      return step(me, { ...job, at: new Date(job.at) }, now);
    },
  },
};

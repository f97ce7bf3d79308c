// Reading a roster file into a grid of cells with the row numbers the secretary sees in Excel.
// Pure (no database): bytes in, rows out, or a problem a person can act on.
//
// Files come from secretaries' own computers, so we accept what Chinese office software really
// produces: .xlsx from Excel/WPS, and "CSV" in UTF-8 (with or without BOM), UTF-16 (Excel's
// "Unicode text") or GBK/GB18030 (Excel's default "CSV" on Chinese Windows).
// exceljs only when a file is read or written: loading it costs every cold start of the function (bench:functions).
import type ExcelJS from 'exceljs';

export type Cell = string | number | Date | null;
export interface GridRow {
  /** 1-based row number as shown in Excel (header = 1 in a normal file). */
  row: number;
  cells: Cell[];
}

/** A problem with the file as a whole; reported at row 1. */
export class FileProblem extends Error {}

/** Decoded xlsx parts above this (sum of the zip's declared sizes) are refused: a zip bomb guard. */
const MAX_UNZIPPED_BYTES = 30 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 500;

/** Strict base64 (what the mini-program sends); null if it is not. */
export function decodeBase64(s: string): Buffer | null {
  const t = s.replace(/\s+/g, '');
  if (!t.length || t.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(t)) return null;
  return Buffer.from(t, 'base64');
}

export async function readRosterFile(fileName: string, bytes: Buffer): Promise<GridRow[]> {
  if (bytes.length === 0) throw new FileProblem('文件是空的');
  // Trust the content over the name: a renamed file still opens.
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return readXlsx(bytes);
  if (bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw new FileProblem('这是旧版 Excel（.xls）文件，请在 Excel 里“另存为”.xlsx 格式后再导入');
  }
  if (/\.xlsx$/i.test(fileName)) throw new FileProblem('文件打不开，请确认是 Excel（.xlsx）文件');
  return readCsv(decodeText(bytes));
}

// ---- xlsx ----

/** Sum of uncompressed sizes from the zip's central directory, so a tiny upload can't unpack to gigabytes. */
function checkZipSize(b: Buffer): void {
  const bad = new FileProblem('文件打不开，请确认是 Excel（.xlsx）文件');
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--) {
    if (b.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw bad;
  const entries = b.readUInt16LE(eocd + 10);
  let p = b.readUInt32LE(eocd + 16);
  if (entries > MAX_ZIP_ENTRIES) throw bad;
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== 0x02014b50) throw bad;
    const size = b.readUInt32LE(p + 24);
    if (size === 0xffffffff) throw new FileProblem('文件太大，请分批导入');
    total += size;
    p += 46 + b.readUInt16LE(p + 28) + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
  }
  if (total > MAX_UNZIPPED_BYTES) throw new FileProblem('文件太大，请分批导入（每次最多 500 人）');
}

async function readXlsx(bytes: Buffer): Promise<GridRow[]> {
  checkZipSize(bytes);
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  try {
    // exceljs types want its own Buffer flavour; a Node Buffer is what it reads.
    await wb.xlsx.load(bytes as unknown as Parameters<typeof wb.xlsx.load>[0]);
  } catch {
    throw new FileProblem('文件打不开，请确认是 Excel（.xlsx）文件');
  }
  // The first visible sheet that has anything in it (WPS often adds empty Sheet2/Sheet3).
  const ws = wb.worksheets.find((w) => w.state !== 'hidden' && w.actualRowCount > 0);
  if (!ws) return [];
  const out: GridRow[] = [];
  ws.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    const vals = r.values as ExcelJS.CellValue[];
    const cells: Cell[] = [];
    for (let c = 1; c < vals.length; c++) cells.push(cellOf(vals[c]));
    out.push({ row: rowNumber, cells });
  });
  return out;
}

function cellOf(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v;
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('hyperlink' in v) return typeof v.text === 'string' ? v.text : cellOf(v.text as ExcelJS.CellValue);
  if ('result' in v || 'formula' in v || 'sharedFormula' in v) return cellOf((v as { result?: ExcelJS.CellValue }).result);
  if ('error' in v) return v.error;
  return null;
}

// ---- csv ----

/** UTF-8 (BOM or not), UTF-16 with BOM, else GB18030 (a superset of GBK) when the bytes aren't valid UTF-8. */
export function decodeText(b: Buffer): string {
  let text: string;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) text = new TextDecoder('utf-8').decode(b.subarray(3));
  else if (b[0] === 0xff && b[1] === 0xfe) text = new TextDecoder('utf-16le').decode(b.subarray(2));
  else if (b[0] === 0xfe && b[1] === 0xff) text = new TextDecoder('utf-16be').decode(b.subarray(2));
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(b);
    } catch {
      text = new TextDecoder('gb18030').decode(b);
    }
  }
  // Binary junk named .csv decodes to control characters or replacement marks.
  if (/[\u0000-\u0008\u000e-\u001f\ufffd]/.test(text)) throw new FileProblem('文件内容无法识别，请确认是 Excel 另存的 CSV 文件');
  return text;
}

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks. Comma- or tab-separated. */
export function readCsv(text: string): GridRow[] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const sep = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  const out: GridRow[] = [];
  let cells: Cell[] = [];
  let field = '';
  let quoted = false;
  let row = 1;
  const endField = () => {
    cells.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    if (cells.some((c) => c !== null && String(c).trim() !== '')) out.push({ row, cells });
    cells = [];
    row++;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === sep) endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else field += ch;
  }
  if (field !== '' || cells.length) endRow();
  return out;
}

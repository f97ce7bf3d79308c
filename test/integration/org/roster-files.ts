// Roster files for the org tests: xlsx built with exceljs, csv as UTF-8 (with or without BOM) or GBK,
// all as the base64 the mini-program sends.
import ExcelJS from 'exceljs';

export type Row = Array<string | number | Date | null>;
export const HEADER = ['姓名', '手机号', '类别', '入党日期', '党小组', '岗位类型', '岗位名称', '责任区'];

export async function xlsxBase64(rows: Row[], opts: { header?: Row | null; title?: string } = {}): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  if (opts.title) ws.addRow([opts.title]);
  if (opts.header !== null) ws.addRow(opts.header ?? HEADER);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

export function csvText(rows: Row[], header: Row = HEADER): string {
  const cell = (v: Row[number]) => {
    const s = v === null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

export const utf8Base64 = (text: string, bom = false) =>
  Buffer.concat([Buffer.from(bom ? [0xef, 0xbb, 0xbf] : []), Buffer.from(text, 'utf8')]).toString('base64');

// GBK has no encoder in Node; build one from the decoder: decode every two-byte GBK sequence once.
let gbkTable: Map<string, number[]> | undefined;
export function gbkBytes(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const dec = new TextDecoder('gb18030');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = dec.decode(Uint8Array.from([lead, trail]));
        if (ch.length === 1 && !gbkTable.has(ch)) gbkTable.set(ch, [lead, trail]);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else {
      const b = gbkTable.get(ch);
      if (!b) throw new Error(`no GBK code for ${ch}`);
      out.push(...b);
    }
  }
  return Buffer.from(out);
}

// Helpers for the ledger tests: read an export back from its temporary link with exceljs, a sheet's rows as text.
import ExcelJS from 'exceljs';

export async function readBack(url: string): Promise<ExcelJS.Workbook> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`download ${res.status}`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await res.arrayBuffer()) as never);
  return wb;
}

/** Every row from the header (row 3) on, as arrays of cell text. */
export function rowsOf(ws: ExcelJS.Worksheet): string[][] {
  const out: string[][] = [];
  for (let r = 3; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const v = row.getCell(c).value;
      cells.push(v === null || v === undefined ? '' : String(v));
    }
    out.push(cells);
  }
  return out;
}

/** The data rows (after the header) as objects keyed by the header. */
export function recordsOf(ws: ExcelJS.Worksheet): Array<Record<string, string>> {
  const [head, ...rows] = rowsOf(ws);
  return rows.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i]!])));
}

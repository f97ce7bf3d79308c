// Helpers for the ledger tests: read an export back from its temporary link with exceljs, a sheet's rows as text.
import ExcelJS from 'exceljs';
import type { EmulatorHandle } from '../../support/emulator.js';

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
  // (exceljs counts columnCount by walking every row: read once, or a sheet of 36,000 rows takes minutes.)
  const columns = ws.columnCount;
  for (let r = 3; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= columns; c++) {
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

export interface LargeParkOptions {
  branches: number;
  /** People per branch (all full members). */
  people: number;
  /** Attendance records per meeting (of the branch's first people). */
  attendance: number;
  /** Park topics, one a month from January, with `completed` of each branch's people done (study progress). */
  topics?: { months: number; completed: number };
}

/**
 * A large park added to the test park `parkId` for 2026: `branches` branches (第001党支部 …) of `people` full members,
 * a 主题党日 and a 支委会 each month with their records and attendance, year points totals, and optionally a park topic
 * a month with progress. Written straight to the database (1,000 documents an add). Shared by the large export
 * (export-large.test.ts) and the park board's cost (dashboard-large.test.ts).
 */
export async function seedLargePark(emu: EmulatorHandle, parkId: string, o: LargeParkOptions): Promise<void> {
  const db = emu.app().database();
  const now = new Date();
  const add = async (c: string, docs: object[]) => { for (let i = 0; i < docs.length; i += 1000) await db.collection(c).add(docs.slice(i, i + 1000)); };
  const branches: object[] = [];
  const people: object[] = [];
  const meetings: object[] = [];
  const attendance: object[] = [];
  const totals: object[] = [];
  const topics: object[] = [];
  const progress: object[] = [];
  const months = Array.from({ length: o.topics?.months ?? 0 }, (_x, i) => `2026-${String(i + 1).padStart(2, '0')}`);
  for (const month of months) {
    topics.push({ _id: `big-topic-${month}`, parkId, scope: 'park', branchId: null, month, title: `${Number(month.slice(5))}月专题`, deadline: `${month}-28`, materials: [], noteMinLength: 10, quiz: null, assigned: {}, countersDone: true, createdBy: { id: 'x', name: '周涛' }, createdAt: now, updatedAt: now });
  }
  for (let b = 0; b < o.branches; b++) {
    const branchId = `big-${b}`;
    branches.push({ _id: branchId, parkId, name: `第${String(b + 1).padStart(3, '0')}党支部`, kind: 'single', enterpriseIds: [], groups: [], memberCount: o.people, createdAt: new Date('2020-01-01T00:00:00Z'), updatedAt: now });
    for (let p = 0; p < o.people; p++) {
      const personId = `big-${b}-${p}`;
      people.push({ _id: personId, parkId, branchId, groupId: null, name: `党员${b}-${p}`, phone: `139${String(b * 100 + p).padStart(8, '0')}`, memberType: 'full', joinedPartyOn: '2010-07-01', posts: [], responsibilityArea: null, secretaryOf: [], organizer: false, parkAdmin: false, createdAt: now, updatedAt: now });
      totals.push({ _id: `P|${personId}|2026`, parkId, scope: 'person', ownerId: personId, branchId, periodKind: 'year', period: '2026', points: 120 + p, byItem: { partyDayAttended: 100, topicCompleted: 20 + p }, updatedAt: now });
      for (const month of months) {
        const done = p < o.topics!.completed;
        progress.push({ _id: `big-topic-${month}|${personId}`, topicId: `big-topic-${month}`, personId, name: `党员${b}-${p}`, parkId, branchId, month, readAt: now, note: done ? 'accepted' : null, quizAttempts: 0, quizBest: 0, quizPassed: false, completedAt: done ? now : null, updatedAt: now });
      }
    }
    for (let m = 1; m <= 12; m++) {
      for (const kind of ['partyDay', 'committee']) {
        const meetingId = `big-${b}-${kind}-${m}`;
        const date = `2026-${String(m).padStart(2, '0')}-${kind === 'partyDay' ? '05' : '20'}`;
        meetings.push({ _id: meetingId, parkId, branchId, kind, title: `${m}月${kind === 'partyDay' ? '主题党日' : '支委会'}`, date, place: '会议室', attendees: o.attendance, createdBy: { id: 'x', name: '书记' }, createdAt: now,
          record: { chair: '书记', recorder: '委员', agenda: '学习', minutes: '会议记录'.repeat(20), decisions: '决议', absences: [], enteredAt: now, enteredBy: { id: 'x', name: '书记' }, late: false, updatedAt: now, updatedBy: { id: 'x', name: '书记' } } });
        for (let p = 0; p < o.attendance; p++) attendance.push({ _id: `${meetingId}|big-${b}-${p}`, meetingId, parkId, branchId, personId: `big-${b}-${p}`, name: `党员${b}-${p}`, at: new Date(`${date}T02:00:00Z`) });
      }
    }
  }
  await add('branches', branches);
  await add('people', people);
  await add('meetings', meetings);
  await add('attendance', attendance);
  await add('points_totals', totals);
  await add('topics', topics);
  await add('topic_progress', progress);
}

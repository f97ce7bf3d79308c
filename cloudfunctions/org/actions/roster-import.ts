// roster.import: a secretary (their branch) or a park admin uploads an xlsx/csv roster. Every bad
// row is reported; if there is any, nothing is written.
//
// All-or-nothing: the people are added inside ONE transaction (one add per person, then the audit
// entry), not as a single batch add. A batch insert is atomic in our emulator, but CloudBase documents
// no such guarantee (MongoDB's insertMany stops half-way on a duplicate); a transaction is the
// documented way to make several writes land together or not at all. It costs one request per person,
// fine for the 500-row cap, and a concurrent import of the same phone (unique index parkId+phone)
// fails the whole transaction instead of leaving half a roster.
import type { RosterProblem } from '../../../shared/contract';
import type { orgContract } from '../../../shared/contract/org';
import { chinaDateString } from '../../../shared/time';
import { audit } from '../../_lib/audit';
import { C, isDuplicateWrite, runTransaction } from '../../_lib/db';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import type { PersonDoc } from '../../_lib/types';
import { addMembers, branchOfPark, countsAsMember, requireManages } from './helpers';
import { phoneHolders, phoneTakenMessage } from './person-rules';
import { decodeBase64, FileProblem, readRosterFile } from './roster-file';
import { type ParsedPerson, checkRoster, fileProblem, sortProblems } from './roster-rows';

type H = Handlers<typeof orgContract>;

function invalid(rows: number, problems: RosterProblem[]): ActionError {
  return new ActionError('ROSTER_INVALID', {
    message: `名册里有 ${problems.length} 处问题，没有导入任何数据，请按报告修改后重新导入`,
    detail: { rows, created: 0, problems },
  });
}

/** Rows whose phone is already on the park's roster (unique per park). Only names our own branch's people. */
async function phonesTaken(parkId: string, branchId: string, people: ParsedPerson[]): Promise<RosterProblem[]> {
  const taken = await phoneHolders(parkId, people.map((p) => p.phone));
  return people.flatMap((p) => {
    const other = taken.get(p.phone);
    return other ? [{ row: p.row, column: '手机号', message: phoneTakenMessage(other, branchId, '导入') }] : [];
  });
}

export const rosterImport: H['roster.import'] = {
  access: ['secretary', 'parkAdmin'],
  rate: 'uploads',
  async handler(input, { person: me, now }) {
    const branch = await branchOfPark(me, input.branchId);
    requireManages(me, branch._id, '只能给本支部导入名册');

    const bytes = decodeBase64(input.contentBase64);
    if (!bytes) throw new ActionError('INVALID_INPUT', { message: '文件内容不完整，请重新选择文件', fields: { contentBase64: ['不是有效的文件内容'] } });

    let grid;
    try {
      grid = await readRosterFile(input.fileName, bytes);
    } catch (e) {
      if (e instanceof FileProblem) throw invalid(0, [fileProblem(e.message)]);
      throw e;
    }
    const check = checkRoster(grid, branch.groups, chinaDateString(now));
    // Rows that are otherwise fine may still clash with the roster: one report names everything.
    const problems = [...check.problems, ...(await phonesTaken(me.parkId, branch._id, check.people))];
    if (problems.length) {
      sortProblems(problems);
      throw invalid(check.rows, problems);
    }
    if (input.dryRun) return { rows: check.rows, created: 0, problems: [] };

    const docs: Array<Omit<PersonDoc, '_id'>> = check.people.map((p) => ({
      parkId: me.parkId,
      branchId: branch._id,
      groupId: p.groupId,
      name: p.name,
      phone: p.phone,
      memberType: p.memberType,
      joinedPartyOn: p.joinedPartyOn,
      fullMemberOn: p.fullMemberOn,
      posts: p.post ? [p.post] : [],
      responsibilityArea: p.responsibilityArea,
      secretaryOf: [],
      organizer: false,
      parkAdmin: false,
      createdAt: now,
      updatedAt: now,
    }));
    try {
      await runTransaction(async (tx) => {
        for (const d of docs) await tx.collection(C.people).add(d);
        await addMembers(tx, branch._id, docs.reduce((n, d) => n + countsAsMember(d.memberType), 0));
        await audit(me, 'roster.import', branch._id, { fileName: input.fileName, count: docs.length, branchName: branch.name }, now, tx);
      });
    } catch (e) {
      if (isDuplicateWrite(e)) throw new ActionError('CONFLICT', { message: '有人刚刚导入了相同的手机号，这次没有导入任何数据，请重新检查后再导入' });
      throw e;
    }
    return { rows: check.rows, created: docs.length, problems: [] };
  },
};

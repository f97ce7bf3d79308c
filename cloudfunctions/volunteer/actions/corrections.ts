// Corrections (办法 Art. 12–13): a volunteer questions a record with a reason; an organizer of the
// activity accepts (the record changes, audited, the points corrected by a reversing entry and a new
// award) or answers with a reason. A record corrected downward revokes the certificates that counted it.
import type { volunteerContract } from '../../../shared/contract/volunteer';
import { audit } from '../../_lib/audit';
import { C, db, getDoc, runTransaction, txGet } from '../../_lib/db';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import { awardPoints, ledgerId, reversalId, reversePoints } from '../../_lib/points';
import type { PersonDoc } from '../../_lib/types';
import type { CorrectionDoc, MakeupDoc, RegistrationDoc, ShiftDoc } from '../types';
import { activityOfPark, byOf, managesActivity, newId } from './helpers';
import { revokeCovering } from './certificates';
import { makeupSourceId } from './makeups';
import { correctionView } from './record';

type H = Handlers<typeof volunteerContract>;
const MANAGERS = ['organizer', 'secretary', 'parkAdmin'] as const;
const HOUR_MS = 3_600_000;

/** The points source of a record's hours: the shift's award, then one per accepted correction. */
const creditSource = (shiftId: string, n: number) => (n === 0 ? `volunteer-shift:${shiftId}` : `volunteer-shift:${shiftId}#${n}`);
const makeupSource = (makeupId: string, n: number) => (n === 0 ? makeupSourceId(makeupId) : `${makeupSourceId(makeupId)}#${n}`);

export const correctionHandlers: Pick<H, 'corrections.create' | 'corrections.decide'> = {
  'corrections.create': {
    access: 'bound',
    rate: 'content',
    handler: async ({ recordId, kind, hoursAsked, reason }, { person: me, now }) => {
      let hours: number;
      let activityId: string;
      if (kind === 'credit') {
        const r = await getDoc<RegistrationDoc>(C.volunteerRegistrations, recordId);
        if (!r || r.personId !== me._id || r.confirmedHours === null) throw new ActionError('NOT_FOUND', { message: '没有找到这条记录' });
        hours = r.confirmedHours;
        activityId = r.activityId;
      } else {
        const m = await getDoc<MakeupDoc>(C.volunteerMakeups, recordId);
        if (!m || m.personId !== me._id || m.status !== 'approved') throw new ActionError('NOT_FOUND', { message: '没有找到这条记录' });
        hours = m.countedHours ?? 0;
        activityId = m.activityId;
      }
      const a = await activityOfPark(me, activityId);
      const { data } = await db.collection(C.volunteerCorrections).where({ personId: me._id, recordId, status: 'open' }).limit(1).get();
      if (data.length) throw new ActionError('CONFLICT', { message: '这条记录已经提出更正，请等待答复' });
      const c: CorrectionDoc = {
        _id: newId(), parkId: me.parkId, kind, recordId, activityId, title: a.title, scope: a.scope, branchId: a.branchId, personId: me._id, name: me.name,
        hoursBefore: hours, hoursAsked, reason, status: 'open', hoursAfter: null, answer: null, at: now, decidedAt: null, decidedBy: null,
      };
      const { _id, ...rest } = c;
      await db.collection(C.volunteerCorrections).doc(_id).set(rest);
      return { correction: correctionView(c) };
    },
  },

  'corrections.decide': {
    access: MANAGERS,
    handler: async ({ correctionId, accept, hours, answer }, { person: me, now }) => {
      const found = await getDoc<CorrectionDoc>(C.volunteerCorrections, correctionId);
      if (!found || found.parkId !== me.parkId) throw new ActionError('NOT_FOUND', { message: '没有找到这条更正申请' });
      if (!managesActivity(me, found)) throw new ActionError('FORBIDDEN', { message: '只能处理自己管理的活动的更正' });
      let c = found;
      if (c.status === 'open') {
        const a = await activityOfPark(me, c.activityId);
        const shift = c.kind === 'credit' ? (await getDoc<ShiftDoc>(C.volunteerShifts, (await getDoc<RegistrationDoc>(C.volunteerRegistrations, c.recordId))!.shiftId))! : null;
        const span = shift ? { start: shift.start, end: shift.end } : { start: a.startsAt, end: a.endsAt };
        const max = (new Date(span.end).getTime() - new Date(span.start).getTime()) / HOUR_MS;
        if (accept && hours! > max) throw new ActionError('INVALID_INPUT', { message: `时长不能超过 ${max} 小时`, fields: { hours: [`最多 ${max} 小时`] } });
        // The decision, the record and the audit entry in one transaction; the points follow (idempotent).
        c = await runTransaction(async (tx) => {
          const cur = await txGet<CorrectionDoc>(tx, C.volunteerCorrections, c._id);
          if (!cur || cur.status !== 'open') throw new ActionError('CONFLICT', { message: '这条更正刚被其他人处理了' });
          const coll = c.kind === 'credit' ? C.volunteerRegistrations : C.volunteerMakeups;
          const rec = await txGet<Partial<Pick<RegistrationDoc, 'confirmedHours'>> & Partial<Pick<MakeupDoc, 'countedHours' | 'corrections'>>>(tx, coll, c.recordId);
          if (!rec) throw new ActionError('NOT_FOUND', { message: '没有找到这条记录' });
          const before = (c.kind === 'credit' ? rec.confirmedHours : rec.countedHours) ?? 0;
          const seq = (rec.corrections ?? 0) + 1;
          const decided: CorrectionDoc = { ...c, status: accept ? 'accepted' : 'answered', hoursBefore: before, hoursAfter: accept ? hours! : null, answer, decidedAt: now, decidedBy: byOf(me), ...(accept ? { seq } : {}) };
          const { _id, ...rest } = decided;
          await tx.collection(C.volunteerCorrections).doc(_id).set(rest);
          if (accept) {
            await tx.collection(coll).doc(c.recordId).update(c.kind === 'credit' ? { confirmedHours: hours!, correctionReason: answer, corrections: seq, updatedAt: now } : { countedHours: hours!, corrections: seq });
          }
          await audit(me, accept ? 'volunteer.corrections.accept' : 'volunteer.corrections.answer', c.recordId, { activity: c.title, person: c.name, before, after: accept ? hours! : before, reason: c.reason, answer }, now, tx);
          return decided;
        });
      } else if (!(accept && c.status === 'accepted')) {
        throw new ActionError('CONFLICT', { message: '这条更正已经处理过了' });
      }
      // Accepted (now, or by a call that died before its points): finish the points and certificates.
      const revoked = c.status === 'accepted' ? await applyAccepted(c, me, now) : 0;
      return { correction: correctionView(c), revokedCertificates: revoked };
    },
  },
};

/**
 * The consequences of an accepted correction, each idempotent: the record's previous award reversed,
 * the corrected hours awarded under the correction's own source, and certificates that counted a record
 * corrected downward revoked.
 */
async function applyAccepted(c: CorrectionDoc, me: PersonDoc, now: Date): Promise<number> {
  const seq = c.seq ?? 1;
  const h = c.hoursAfter ?? 0;
  let source: (n: number) => string;
  let branchId: string;
  /** The corrected hours count in the periods of the service itself, like the award they replace. */
  let at: Date;
  if (c.kind === 'credit') {
    const r = (await getDoc<RegistrationDoc>(C.volunteerRegistrations, c.recordId))!;
    source = (n) => creditSource(r.shiftId, n);
    branchId = r.branchId;
    at = new Date(r.shiftStart);
  } else {
    const m = (await getDoc<MakeupDoc>(C.volunteerMakeups, c.recordId))!;
    source = (n) => makeupSource(m._id, n);
    branchId = m.personBranchId;
    at = new Date(`${m.date}T12:00:00+08:00`);
  }
  const previous = ledgerId(c.parkId, 'volunteerHours', c.personId, source(seq - 1));
  const [prevEntry, reversed] = await Promise.all([getDoc(C.pointsLedger, previous), getDoc(C.pointsLedger, reversalId(previous))]);
  if (prevEntry && !reversed) await reversePoints(previous, `志愿时长更正：${c.answer ?? ''}`, me, now);
  if (h > 0) {
    await awardPoints({
      parkId: c.parkId, personId: c.personId, branchId, item: 'volunteerHours', sourceId: source(seq), quantity: h, note: `更正：${c.title}`,
      counters: c.kind === 'credit' ? { volunteerHours: h } : {}, at, by: me._id,
    });
  }
  return h < c.hoursBefore ? revokeCovering(me, c.recordId, `所含记录「${c.title}」已更正为 ${h} 小时`, now) : 0;
}

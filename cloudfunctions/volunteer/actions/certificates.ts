// Certificates (志愿服务证明, 办法 Art. 14–17): a volunteer asks an organizing body (the federation for
// park-wide activities, a branch for its own) for a year or all time; that body issues it, free and
// truthful: name, period, the hours and what they count, the activities, the issuer, the person in
// charge, the handler and a contact phone, a number unique in the park and the date. No ID-card number
// (least data). Its QR code carries a signed code, so anyone can verify it and nobody can guess one; a
// certificate is revoked when a record it counted is corrected downward, or by the issuer with a reason.
import type { VolunteerSettings } from '../../../shared/contract/volunteer-record';
import type { volunteerContract } from '../../../shared/contract/volunteer';
import { chinaPeriods } from '../../../shared/periods';
import { iso } from '../../../shared/time';
import { audit } from '../../_lib/audit';
import { C, _, db, getDoc, isDuplicateWrite } from '../../_lib/db';
import { ActionError, type Handlers } from '../../_lib/dispatcher';
import { codeSigner } from '../../_lib/signed-code';
import type { BranchDoc, PersonDoc } from '../../_lib/types';
import { branchOfPark } from '../../org/actions/helpers';
import type { CertificateDoc } from '../types';
import { MAX_READ, byOf, newId } from './helpers';
import { type Entry, loadSettings, recordEntries } from './record';

type H = Handlers<typeof volunteerContract>;
const MANAGERS = ['organizer', 'secretary', 'parkAdmin'] as const;
/** Certificates do not expire: the signature proves the code, the database says whether it still stands. */
const signer = codeSigner({ prefix: 'RC1', secretEnv: 'REDPARK_VOLUNTEER_SECRET', ttlS: 100 * 365 * 86_400, refreshS: 100 * 365 * 86_400 });

export function managesIssuer(me: PersonDoc, c: Pick<CertificateDoc, 'parkId' | 'issuerKind' | 'issuerBranchId'>): boolean {
  if (c.parkId !== me.parkId) return false;
  if (me.parkAdmin) return true;
  return c.issuerKind === 'park' ? me.organizer : me.secretaryOf.includes(c.issuerBranchId!);
}

const periodLabel = (p: CertificateDoc['period']) => (p.kind === 'year' ? `${p.year}年` : '全部时间');
const inScope = (c: Pick<CertificateDoc, 'issuerKind' | 'issuerBranchId' | 'period'>, e: Entry) =>
  (c.issuerKind === 'park' ? e.scope === 'park' : e.scope === 'branch' && e.branchId === c.issuerBranchId) && (c.period.kind === 'all' || e.date.startsWith(c.period.year));

/** The entries a certificate counts, by the park's setting. */
function counted(entries: Entry[], c: Pick<CertificateDoc, 'issuerKind' | 'issuerBranchId' | 'period'>, settings: VolunteerSettings): Entry[] {
  return entries.filter((e) => inScope(c, e) && (settings.hoursCounted === 'both' || e.kind === 'credit'));
}

const sum = (es: Entry[], kind: Entry['kind']) => Math.round(es.filter((e) => e.kind === kind).reduce((n, e) => n + e.hours, 0) * 100) / 100;

export function certificateView(c: CertificateDoc, settings: VolunteerSettings) {
  return {
    id: c._id, number: c.number ?? null, status: c.status, name: c.name, period: c.period, periodLabel: periodLabel(c.period),
    issuer: {
      kind: c.issuerKind, branchId: c.issuerBranchId,
      ...(c.issuer ?? { name: c.issuerKind === 'park' ? settings.federation.name : '', personInCharge: '', handler: '', contactPhone: '' }),
    },
    hours: c.hours ?? { credit: 0, makeup: 0 }, hoursCounted: c.hoursCounted,
    activities: c.activities.map(({ recordId: _r, ...a }) => a),
    requestedAt: iso(c.requestedAt), issuedAt: iso(c.issuedAt), note: c.note ?? c.revokedReason,
    verifyCode: c.status === 'issued' || c.status === 'revoked' ? signer.issue(c._id, new Date(c.issuedAt!).getTime()).code : null,
  };
}

/** 王芳 → 王*; 欧阳娜娜 → 欧***. */
export const maskName = (name: string) => [...name].map((ch, i) => (i === 0 ? ch : '*')).join('');

/** The next certificate number of the park and year, atomically: ZYFW-2026-000001. */
async function nextNumber(parkId: string, year: string): Promise<string> {
  const _id = `${parkId}|${year}`;
  for (;;) {
    const r = await db.collection(C.volunteerCounters).where({ _id }).updateAndReturn({ n: _.inc(1) });
    const n = (r.doc as { n?: number } | null)?.n;
    if (n) return `ZYFW-${year}-${String(n).padStart(6, '0')}`;
    try {
      await db.collection(C.volunteerCounters).add({ _id, n: 0 });
    } catch (e) {
      if (!isDuplicateWrite(e)) throw e; // created by a concurrent issue: take the next number from it
    }
  }
}

/** Revoke the issued certificates that counted a record (a correction lowered it). */
export async function revokeCovering(me: PersonDoc, recordId: string, reason: string, now: Date): Promise<number> {
  const { data } = await db.collection(C.volunteerCertificates).where({ 'activities.recordId': recordId, status: 'issued' }).limit(MAX_READ).get();
  let n = 0;
  for (const c of data as CertificateDoc[]) {
    const r = await db.collection(C.volunteerCertificates).where({ _id: c._id, status: 'issued' }).update({ status: 'revoked', revokedReason: reason });
    if (r.updated === 1) {
      n++;
      await audit(me, 'volunteer.certificates.revoke', c._id, { number: c.number, person: c.name, reason }, now);
    }
  }
  return n;
}

async function certificateOf(me: PersonDoc, id: string): Promise<CertificateDoc> {
  const c = await getDoc<CertificateDoc>(C.volunteerCertificates, id);
  if (!c || c.parkId !== me.parkId) throw new ActionError('NOT_FOUND', { message: '没有找到这份证明' });
  return c;
}

export const certificateHandlers: Pick<H, 'certificates.request' | 'certificates.issue' | 'certificates.list' | 'certificates.revoke' | 'certificates.verify'> = {
  'certificates.request': {
    access: 'bound',
    handler: async ({ issuer, period }, { person: me, now }) => {
      const branch: BranchDoc | null = issuer === 'park' ? null : await branchOfPark(me, issuer);
      const { settings } = await loadSettings(me.parkId);
      const scope = { issuerKind: branch ? ('branch' as const) : ('park' as const), issuerBranchId: branch?._id ?? null, period };
      const entries = counted(await recordEntries(me, settings), scope, settings);
      if (!entries.length) throw new ActionError('INVALID_INPUT', { message: '这段时间在这个组织没有可以证明的志愿时长', fields: { period: ['没有志愿时长'] } });
      const { data } = await db.collection(C.volunteerCertificates).where({ personId: me._id, status: 'requested' }).limit(MAX_READ).get();
      if ((data as CertificateDoc[]).some((c) => c.issuerKind === scope.issuerKind && c.issuerBranchId === scope.issuerBranchId && JSON.stringify(c.period) === JSON.stringify(period))) {
        throw new ActionError('CONFLICT', { message: '已经申请过这份证明，请等待出具' });
      }
      const c: CertificateDoc = {
        _id: newId(), parkId: me.parkId, personId: me._id, name: me.name, ...scope, status: 'requested', issuer: null, hours: null, hoursCounted: settings.hoursCounted,
        activities: [], requestedAt: now, issuedAt: null, issuedBy: null, note: null, revokedReason: null,
      };
      const { _id, ...rest } = c;
      await db.collection(C.volunteerCertificates).doc(_id).set(rest);
      return { certificate: certificateView(c, settings) };
    },
  },

  'certificates.issue': {
    access: MANAGERS,
    handler: async ({ certificateId, issue, note }, { person: me, now }) => {
      const c = await certificateOf(me, certificateId);
      if (!managesIssuer(me, c)) throw new ActionError('FORBIDDEN', { message: c.issuerKind === 'park' ? '全园区活动的证明由志愿服务组织者出具' : '支部活动的证明由本支部书记出具' });
      if (c.status !== 'requested') throw new ActionError('CONFLICT', { message: '这份证明已经处理过了' });
      const { settings } = await loadSettings(me.parkId);
      if (!issue) {
        const r = await db.collection(C.volunteerCertificates).where({ _id: c._id, status: 'requested' }).update({ status: 'declined', note: note ?? '不予出具' });
        if (r.updated !== 1) throw new ActionError('CONFLICT', { message: '这份证明刚被其他人处理了' });
        await audit(me, 'volunteer.certificates.decline', c._id, { person: c.name, note: note ?? null }, now);
        return { certificate: certificateView({ ...c, status: 'declined', note: note ?? '不予出具' }, settings) };
      }
      const person = await getDoc<PersonDoc>(C.people, c.personId);
      const entries = counted(await recordEntries(person ?? { _id: c.personId, parkId: c.parkId }, settings), c, settings);
      if (!entries.length) throw new ActionError('CONFLICT', { message: '这段时间已没有可以证明的志愿时长' });
      const branch = c.issuerBranchId ? await getDoc<BranchDoc>(C.branches, c.issuerBranchId) : null;
      const issuer = branch
        ? { name: branch.name, personInCharge: me.name, handler: me.name, contactPhone: settings.federation.contactPhone }
        : { ...settings.federation };
      const number = await nextNumber(c.parkId, chinaPeriods(now).year);
      const patch = {
        status: 'issued', number, issuer: _.set(issuer), hours: _.set({ credit: sum(entries, 'credit'), makeup: sum(entries, 'makeup') }), hoursCounted: settings.hoursCounted,
        activities: entries.map((e) => ({ title: e.title, date: e.date, hours: e.hours, kind: e.kind, recordId: e.id })), issuedAt: now, issuedBy: _.set(byOf(me)), note: note ?? null,
      };
      const r = await db.collection(C.volunteerCertificates).where({ _id: c._id, status: 'requested' }).update(patch);
      if (r.updated !== 1) throw new ActionError('CONFLICT', { message: '这份证明刚被其他人处理了' });
      await audit(me, 'volunteer.certificates.issue', c._id, { number, person: c.name, hours: { credit: sum(entries, 'credit'), makeup: sum(entries, 'makeup') } }, now);
      const issued = (await getDoc<CertificateDoc>(C.volunteerCertificates, c._id))!;
      return { certificate: certificateView(issued, settings) };
    },
  },

  'certificates.list': {
    access: 'bound',
    handler: async ({ view }, { person: me }) => {
      const { settings } = await loadSettings(me.parkId);
      if (view === 'mine') {
        const { data } = await db.collection(C.volunteerCertificates).where({ personId: me._id }).orderBy('requestedAt', 'desc').limit(MAX_READ).get();
        return { certificates: (data as CertificateDoc[]).map((c) => certificateView(c, settings)) };
      }
      if (!me.organizer && !me.parkAdmin && !me.secretaryOf.length) throw new ActionError('FORBIDDEN', { message: '只有证明的出具单位可以查看' });
      const { data } = await db.collection(C.volunteerCertificates).where({ parkId: me.parkId, status: _.in(['requested', 'issued', 'revoked', 'declined']) }).orderBy('requestedAt', 'desc').limit(MAX_READ).get();
      return { certificates: (data as CertificateDoc[]).filter((c) => managesIssuer(me, c)).map((c) => certificateView(c, settings)) };
    },
  },

  'certificates.revoke': {
    access: MANAGERS,
    handler: async ({ certificateId, reason }, { person: me, now }) => {
      const c = await certificateOf(me, certificateId);
      if (!managesIssuer(me, c)) throw new ActionError('FORBIDDEN', { message: '只有出具单位可以撤销证明' });
      if (c.status !== 'issued') throw new ActionError('CONFLICT', { message: c.status === 'revoked' ? '这份证明已经撤销' : '这份证明还没有出具' });
      const r = await db.collection(C.volunteerCertificates).where({ _id: c._id, status: 'issued' }).update({ status: 'revoked', revokedReason: reason });
      if (r.updated !== 1) throw new ActionError('CONFLICT', { message: '这份证明刚被其他人处理了' });
      await audit(me, 'volunteer.certificates.revoke', c._id, { number: c.number, person: c.name, reason }, now);
      const { settings } = await loadSettings(me.parkId);
      return { certificate: certificateView({ ...c, status: 'revoked', revokedReason: reason }, settings) };
    },
  },

  'certificates.verify': {
    access: 'public',
    handler: async ({ code }, { now }) => {
      const check = signer.check(code, now.getTime());
      if (!check.ok) throw new ActionError('NOT_FOUND', { message: '这不是有效的志愿服务证明' });
      const c = await getDoc<CertificateDoc>(C.volunteerCertificates, check.subject);
      if (!c || !c.number || !c.issuedAt || !c.issuer || !c.hours) throw new ActionError('NOT_FOUND', { message: '这不是有效的志愿服务证明' });
      return {
        number: c.number, name: maskName(c.name), periodLabel: periodLabel(c.period), hours: c.hours, hoursCounted: c.hoursCounted, issuer: c.issuer.name,
        issuedAt: iso(c.issuedAt), valid: c.status === 'issued', revokedReason: c.status === 'revoked' ? c.revokedReason : null,
      };
    },
  },
};

// Who may see and who may manage each kind of record files belong to. The one place that decides who gets a
// link: a meeting's photos are for the people of its branch, its secretary and the park admins; an activity's
// cover for whoever may open the activity (its park; a draft only for those who manage it). Anything of another
// park, or that the caller may not see, is NOT_FOUND: not even its existence is told.
import { MEETING_KIND_LABELS } from '../../../shared/contract/study';
import type { RecordRef } from '../../../shared/contract/files';
import { monthDayLabel } from '../../../shared/time';
import { C, getDoc } from '../../_lib/db';
import { ActionError } from '../../_lib/dispatcher';
import type { MeetingDoc, PersonDoc } from '../../_lib/types';
import { managesBranch } from '../../org/actions/helpers';
import { managesActivity } from '../../volunteer/actions/helpers';
import type { ActivityDoc } from '../../volunteer/types';
import type { PledgeDoc } from '../../pledge/types';
import { actsFor, isPublic } from '../../pledge/actions/helpers';

export interface RecordAccess {
  title: string;
  subtitle: string;
  /** May add files and remove anyone's. */
  manages: boolean;
}

const notFound = (what: string) => new ActionError('NOT_FOUND', { message: `没有找到这个${what}` });

/** The record if the caller may see it (NOT_FOUND otherwise), and whether they manage it. */
export async function recordAccess(me: PersonDoc, ref: RecordRef): Promise<RecordAccess> {
  switch (ref.kind) {
    case 'meeting': {
      const m = await getDoc<MeetingDoc>(C.meetings, ref.id);
      if (!m || m.parkId !== me.parkId) throw notFound('活动');
      const manages = managesBranch(me, m.branchId);
      if (!manages && me.branchId !== m.branchId) throw notFound('活动');
      return { title: m.title, subtitle: `${MEETING_KIND_LABELS[m.kind]} · ${monthDayLabel(m.date)} · ${m.place}`, manages };
    }
    case 'activity': {
      const a = await getDoc<ActivityDoc>(C.volunteerActivities, ref.id);
      if (!a || a.parkId !== me.parkId) throw notFound('活动');
      const manages = managesActivity(me, a);
      if (a.status === 'draft' && !manages) throw notFound('活动');
      return { title: a.title, subtitle: a.place, manages };
    }
    case 'pledge': {
      // Evidence of a pledge: its member (or, for a branch's, the responsible person and the secretary) adds it;
      // everyone of the park sees it once the item is public, before that only they and the branch's secretary.
      const p = await getDoc<PledgeDoc>(C.pledges, ref.id);
      if (!p || p.parkId !== me.parkId) throw notFound('承诺');
      const manages = actsFor(me, p);
      if (!manages && !managesBranch(me, p.branchId) && !isPublic(p.status)) throw notFound('承诺');
      return { title: p.what, subtitle: `${p.personName} · 践诺期限 ${p.dueOn}`, manages };
    }
  }
}

export async function requireManagesRecord(me: PersonDoc, ref: RecordRef): Promise<RecordAccess> {
  const r = await recordAccess(me, ref);
  if (!r.manages) throw new ActionError('FORBIDDEN', { message: ref.kind === 'meeting' ? '只有本支部书记可以添加活动照片' : ref.kind === 'pledge' ? '只有承诺人可以添加践诺照片' : '只有活动负责人可以设置封面' });
  return r;
}

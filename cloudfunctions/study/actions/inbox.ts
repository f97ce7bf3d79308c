// The member's in-app inbox: study reminders, meetings moved or cancelled (other features later).
import type { studyContract } from '../../../shared/contract/study';
import { iso } from '../../../shared/time';
import { C, db, txGet } from '../../_lib/db';
import type { Handlers } from '../../_lib/dispatcher';
import { withConflictRetry } from '../../_lib/points';
import type { InboxDoc } from '../../_lib/types';

type H = Handlers<typeof studyContract>;

export const inboxHandlers: Pick<H, 'inbox.list' | 'inbox.markRead'> = {
  'inbox.list': {
    access: 'bound',
    handler: async ({ offset, limit, unreadOnly }, { person: me }) => {
      const mine = db.collection(C.inbox);
      const [page, unread] = await Promise.all([
        mine.where(unreadOnly ? { personId: me._id, read: false } : { personId: me._id }).orderBy('at', 'desc').skip(offset).limit(limit).get(),
        mine.where({ personId: me._id, read: false }).count() as Promise<{ total: number }>,
      ]);
      return {
        messages: (page.data as InboxDoc[]).map((m) => ({ id: m._id, kind: m.kind, title: m.title, body: m.body, topicId: m.topicId, meetingId: m.meetingId ?? null, activityId: m.activityId ?? null, at: iso(m.at), read: m.read })),
        unread: unread.total,
      };
    },
  },

  'inbox.markRead': {
    access: 'bound',
    handler: async ({ ids }, { person: me }) =>
      withConflictRetry(async (tx) => {
        const unique = [...new Set(ids)];
        const docs = await Promise.all(unique.map((id) => txGet<InboxDoc>(tx, C.inbox, id)));
        let marked = 0;
        // Only my own unread messages; anyone else's id is ignored as if it did not exist.
        for (const [i, d] of docs.entries()) {
          if (!d || d.personId !== me._id || d.read) continue;
          await tx.collection(C.inbox).doc(unique[i]!).update({ read: true });
          marked++;
        }
        return { marked };
      }),
  },
};

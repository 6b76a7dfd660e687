import { queueRequestCard, type QueueCardNotice, type QueueRequestView } from '../../cards/queue-request-card.js';
import type { AdaptiveCard } from '../../cards/card-kit.js';
import { translator, type Translate } from '../../i18n/index.js';
import type { DbClient } from '../db.js';
import type { OutboxActivity } from '../delivery/messenger.js';
import { AppError, AppErrorCode } from '../errors.js';
import { lineMembers } from './line-members.js';

/**
 * A queue channel is read by everyone in it, whatever their own language: its cards and thread
 * lines are in bokmål, the organisation's default.
 */
export const CHANNEL_LOCALE = 'nb' as const;
export const channelTranslator = (): Translate => translator(CHANNEL_LOCALE);

/** The henvendelse as its channel card shows it now, with the people «Tildel» offers. */
export async function loadQueueRequestView(db: DbClient, requestId: string): Promise<QueueRequestView> {
  const row = await db.supportRequest.findUnique({
    where: { id: requestId },
    select: {
      id: true,
      number: true,
      status: true,
      category: true,
      urgency: true,
      reference: true,
      what: true,
      who: true,
      result: true,
      version: true,
      line: true,
      lineUnitId: true,
      lineSubjectAreaId: true,
      subjectAreaId: true,
      requesterId: true,
      assigneeId: true,
    },
  });
  if (!row) throw new AppError(AppErrorCode.NOT_FOUND, { message: `henvendelse ${requestId} does not exist` });
  // One query at a time: in a transaction Prisma would send a relation select's queries at once.
  const subjectArea = row.subjectAreaId ? await db.subjectArea.findUnique({ where: { id: row.subjectAreaId }, select: { name: true } }) : null;
  const requester = await db.person.findUniqueOrThrow({ where: { id: row.requesterId }, select: { name: true, email: true } });
  const assignee = row.assigneeId ? await db.person.findUnique({ where: { id: row.assigneeId }, select: { id: true, name: true } }) : null;
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    category: row.category,
    urgency: row.urgency,
    subjectArea: subjectArea?.name ?? null,
    reference: row.reference,
    what: row.what,
    who: row.who,
    result: row.result,
    requesterName: requester.name,
    requesterUpn: requester.email,
    assignee,
    version: row.version,
    members: await lineMembers(db, row),
  };
}

/** The channel card of a henvendelse as it is now, in the channel's language. */
export async function channelCard(db: DbClient, requestId: string, options: { systemName?: string; notice?: QueueCardNotice } = {}): Promise<AdaptiveCard> {
  const t = channelTranslator();
  const request = await loadQueueRequestView(db, requestId);
  return queueRequestCard({ request, systemName: options.systemName ?? t('app.archiveSystem'), notice: options.notice }, t);
}

export const cardActivity = (content: AdaptiveCard): OutboxActivity => ({
  type: 'message',
  attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content }],
});

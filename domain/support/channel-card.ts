import { queueRequestCard, type QueueCardNotice, type QueueRequestView } from '../../cards/queue-request-card.js';
import type { AdaptiveCard } from '../../cards/card-kit.js';
import { translator, type Translate } from '../../i18n/index.js';
import type { DbClient } from '../db.js';
import type { OutboxActivity } from '../delivery/messenger.js';
import { AppError, AppErrorCode } from '../errors.js';
import { lineMembers } from './line-members.js';
import { requestSource } from './vocabulary.js';
import { handoverChoices } from './hand-over-choices.js';
import { liveChannelOf, type LineScope } from './live-channel.js';
import { locationOf } from './request-location.js';

/**
 * A queue channel is read by everyone in it, whatever their own language: its cards and thread
 * lines are in bokmål, the organisation's default.
 */
export const CHANNEL_LOCALE = 'nb' as const;
export const channelTranslator = (): Translate => translator(CHANNEL_LOCALE);

/**
 * The henvendelse as its channel card shows it now, with the people «Tildel» offers and where it
 * may be handed over. In `conversationId`, a channel where its line no longer works on it, the
 * card only shows where it is now.
 */
export async function loadQueueRequestView(db: DbClient, requestId: string, conversationId?: string): Promise<QueueRequestView> {
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
      rating: true,
      ratingComment: true,
      sourceMessageId: true,
      sourceMessageAuthor: true,
      sourceMessageLink: true,
      vendorReference: true,
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
    source: requestSource(row),
    requesterName: requester.name,
    requesterUpn: requester.email,
    assignee,
    version: row.version,
    rating: row.rating,
    ratingComment: row.ratingComment,
    members: await lineMembers(db, row),
    vendorReference: row.vendorReference,
    location: await locationOf(db, row),
    elsewhere: conversationId !== undefined && (await isElsewhere(db, row, conversationId)),
    handover: await handoverChoices(db, row),
  };
}

/**
 * The channel card of a henvendelse as it is now, in the channel's language, as the channel
 * `conversationId` shows it (left out: the channel of the line that has it).
 */
export async function channelCard(db: DbClient, requestId: string, options: { systemName?: string; notice?: QueueCardNotice; conversationId?: string } = {}): Promise<AdaptiveCard> {
  const t = channelTranslator();
  const request = await loadQueueRequestView(db, requestId, options.conversationId);
  return queueRequestCard({ request, systemName: options.systemName ?? t('app.archiveSystem'), notice: options.notice }, t);
}

export const cardActivity = (content: AdaptiveCard): OutboxActivity => ({
  type: 'message',
  attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content }],
});

/** Whether `conversationId` holds a card of the henvendelse from a line that no longer has it. */
async function isElsewhere(db: DbClient, row: { id: string } & LineScope, conversationId: string): Promise<boolean> {
  if ((await liveChannelOf(db, row)) === conversationId) return false;
  return (await db.supportChannelCard.count({ where: { requestId: row.id, conversationId } })) > 0;
}

import { queueRequestCard, type QueueCardNotice, type QueueRequestView } from '../../cards/queue-request-card.js';
import type { AdaptiveCard } from '../../cards/card-kit.js';
import { translator, type Translate } from '../../i18n/index.js';
import { type DbClient, sql } from '../db.js';
import type { OutboxActivity } from '../delivery/messenger.js';
import { AppError, AppErrorCode } from '../errors.js';
import { SUPPORT_ROLES } from './access.js';
import { membersFrom, type SupportHolding } from './line-members.js';
import { requestSource, type SupportCategory, type SupportLine, type SupportStatus, type SupportUrgency } from './vocabulary.js';
import { handoverChoices } from './hand-over-choices.js';

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
  // Every card build reads this (in the change's transaction, once per channel card, and for the
  // clicker's answer), in one statement: the henvendelse with the names it shows, the subject
  // areas a hand-over offers, the support roles («Tildel»), its live channel and whether this
  // channel holds a card of it.
  const rows = await sql(db).rows<ViewRow>`
    SELECT r.id::text, r.number, r.status::text AS status, r.category::text AS category, r.urgency::text AS urgency,
      r.reference, r.what, r.who, r.result, r.version, r.rating, r.rating_comment AS "ratingComment",
      r.line::text AS line, r.line_unit_id::text AS "lineUnitId", r.line_subject_area_id::text AS "lineSubjectAreaId",
      r.subject_area_id::text AS "subjectAreaId", r.vendor_reference AS "vendorReference",
      r.source_message_id AS "sourceMessageId", r.source_message_author AS "sourceMessageAuthor", r.source_message_link AS "sourceMessageLink",
      sa.name AS "subjectAreaName", req.name AS "requesterName", req.email AS "requesterEmail",
      a.id::text AS "assigneeId", a.name AS "assigneeName", lu.name AS "lineUnitName", ls.name AS "lineSubjectAreaName",
      (SELECT coalesce(json_agg(json_build_object('id', s.id, 'name', s.name) ORDER BY s.name), '[]'::json)
         FROM subject_area s WHERE s.active) AS "activeSubjectAreas",
      (SELECT coalesce(json_agg(json_build_object('personId', ra.person_id, 'name', p.name, 'role', ra.role,
                                                   'unitId', ra.unit_id, 'subjectAreaId', ra.subject_area_id)), '[]'::json)
         FROM role_assignment ra JOIN person p ON p.id = ra.person_id
         WHERE p.active AND ra.role::text = ANY(${[...SUPPORT_ROLES]}::text[])) AS "supportHoldings",
      -- The live channel, by findQueueChannel's rule (queueConversationOf): the line's own channel,
      -- for process advisers and specialists without one the first line's; IT is followed there.
      (SELECT q.conversation_id FROM queue_channel q
         WHERE (q.line::text = CASE WHEN r.line = 'it' THEN 'forstelinje' ELSE r.line::text END
                AND q.unit_id IS NOT DISTINCT FROM (CASE WHEN r.line = 'prosessradgiver' THEN r.line_unit_id END)
                AND q.subject_area_id IS NOT DISTINCT FROM (CASE WHEN r.line = 'fagspesialist' THEN r.line_subject_area_id END))
            OR (r.line IN ('prosessradgiver', 'fagspesialist') AND q.line = 'forstelinje')
         ORDER BY (q.line::text = CASE WHEN r.line = 'it' THEN 'forstelinje' ELSE r.line::text END) DESC
         LIMIT 1) AS "liveConversationId",
      EXISTS (SELECT 1 FROM support_channel_card c WHERE c.request_id = r.id AND c.conversation_id = ${conversationId ?? null}) AS "hasCardHere"
    FROM support_request r
    JOIN person req ON req.id = r.requester_id
    LEFT JOIN subject_area sa ON sa.id = r.subject_area_id
    LEFT JOIN person a ON a.id = r.assignee_id
    LEFT JOIN unit lu ON lu.id = r.line_unit_id
    LEFT JOIN subject_area ls ON ls.id = r.line_subject_area_id
    WHERE r.id = ${requestId}::uuid`;
  const row = rows[0];
  if (!row) throw new AppError(AppErrorCode.NOT_FOUND, { message: `henvendelse ${requestId} does not exist` });
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    category: row.category,
    urgency: row.urgency,
    subjectArea: row.subjectAreaName,
    reference: row.reference,
    what: row.what,
    who: row.who,
    result: row.result,
    source: requestSource(row),
    requesterName: row.requesterName,
    requesterUpn: row.requesterEmail,
    assignee: row.assigneeId && row.assigneeName !== null ? { id: row.assigneeId, name: row.assigneeName } : null,
    version: row.version,
    rating: row.rating,
    ratingComment: row.ratingComment,
    members: membersFrom(row.supportHoldings, row),
    vendorReference: row.vendorReference,
    location: {
      line: row.line,
      unit: row.lineUnitId && row.lineUnitName !== null ? { id: row.lineUnitId, name: row.lineUnitName } : null,
      subjectArea: row.lineSubjectAreaId && row.lineSubjectAreaName !== null ? { id: row.lineSubjectAreaId, name: row.lineSubjectAreaName } : null,
    },
    // In a channel holding a card of it that is not where its line works on it now.
    elsewhere: conversationId !== undefined && row.liveConversationId !== conversationId && row.hasCardHere,
    handover: handoverChoices(row, row.activeSubjectAreas),
  };
}

interface ViewRow {
  id: string;
  number: string;
  status: SupportStatus;
  category: SupportCategory;
  urgency: SupportUrgency;
  reference: string | null;
  what: string;
  who: string | null;
  result: string | null;
  version: number;
  rating: number | null;
  ratingComment: string | null;
  line: SupportLine;
  lineUnitId: string | null;
  lineSubjectAreaId: string | null;
  subjectAreaId: string | null;
  vendorReference: string | null;
  sourceMessageId: string | null;
  sourceMessageAuthor: string | null;
  sourceMessageLink: string | null;
  subjectAreaName: string | null;
  requesterName: string;
  requesterEmail: string;
  assigneeId: string | null;
  assigneeName: string | null;
  lineUnitName: string | null;
  lineSubjectAreaName: string | null;
  activeSubjectAreas: { id: string; name: string }[];
  supportHoldings: SupportHolding[];
  liveConversationId: string | null;
  hasCardHere: boolean;
}

/**
 * The channel card of a henvendelse as it is now, in the channel's language, as the channel
 * `conversationId` shows it (left out: the channel of the line that has it).
 */
export async function channelCard(
  db: DbClient,
  requestId: string,
  options: { systemName?: string; notice?: QueueCardNotice; conversationId?: string; view?: QueueRequestView } = {},
): Promise<AdaptiveCard> {
  const t = channelTranslator();
  // `view`: read already for this channel (by the change's refreshChannelCards).
  const request = options.view ?? (await loadQueueRequestView(db, requestId, options.conversationId));
  return queueRequestCard({ request, systemName: options.systemName ?? t('app.archiveSystem'), notice: options.notice }, t);
}

export const cardActivity = (content: AdaptiveCard): OutboxActivity => ({
  type: 'message',
  attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content }],
});

import { eventWords } from '../../cards/event-words.js';
import { fileThreadCard } from '../../cards/file-thread-card.js';
import type { QueueRequestView } from '../../cards/queue-request-card.js';
import type { Translate } from '../../i18n/index.js';
import { type DbClient, sql } from '../db.js';
import { enqueueMessage } from '../delivery/enqueue-message.js';
import type { OutboxActivity } from '../delivery/messenger.js';
import { cardActivity, channelCard, channelTranslator, loadQueueRequestView } from './channel-card.js';
import type { FileLinks } from './file-links.js';
import { liveChannelOf, type LineScope } from './live-channel.js';
import { threadFiles } from './thread-files.js';
import type { SupportEventKind, SupportStatus } from './vocabulary.js';

/**
 * Posts the henvendelse's card in the channel of the line that has it, unless it has a card
 * there already (or no channel is bound). The outbox message is remembered in
 * support_channel_card: later changes update that card and reply in its thread.
 */
export async function postChannelCard(tx: DbClient, requestId: string, scope: LineScope): Promise<{ id: bigint; messageId: bigint; conversationId: string } | null> {
  const conversationId = await liveChannelOf(tx, scope);
  if (!conversationId) return null;
  const existing = await tx.supportChannelCard.findUnique({ where: { requestId_conversationId: { requestId, conversationId } }, select: { id: true } });
  if (existing) return null;
  const posted = await enqueueMessage(tx, {
    to: { conversationId },
    activity: cardActivity(await channelCard(tx, requestId, { conversationId })),
    idempotencyKey: `support:${requestId}:channel-card:${conversationId}`,
  });
  const row = await tx.supportChannelCard.create({ data: { requestId, conversationId, messageId: posted.id, line: scope.line }, select: { id: true } });
  return { id: row.id, messageId: posted.id, conversationId };
}

export interface RefreshChannelCardsOptions {
  request: { id: string; number: string };
  /** The henvendelse's version after the change: one update per card and version. */
  version: number;
  event: { id: bigint; kind: SupportEventKind; actorId: string | null; text: string | null; assigneeId: string | null; status: SupportStatus; rating?: number | null; data?: unknown };
  /** A hand-over: the new line's channel gets the card if it has none yet. */
  post: LineScope | null;
  /** The thread line, when the event's own words do not say enough (a hand-over's place and direction). */
  threadLine?: (t: Translate, actor: string) => string;
  /** Links to kept images, for the files of a `file_added` event. */
  fileLinks?: FileLinks;
}

/** The henvendelse as each channel with a card of it shows it after a change (by conversation id). */
export type ChannelViews = ReadonlyMap<string, QueueRequestView>;

/**
 * After a change of a henvendelse: every card it has in a queue channel is replaced in place by
 * the henvendelse as that channel shows it now (with its actions where its line works on it,
 * else where it is now), and the event is told in each card's thread (an internal note or a
 * hand-over's reason with its text: the channels are support's own places). All through the
 * outbox, in the caller's transaction; recordEvent calls this, so every action gets it.
 */
export async function refreshChannelCards(tx: DbClient, options: RefreshChannelCardsOptions): Promise<ChannelViews> {
  const { request, event } = options;
  const posted = options.post ? await postChannelCard(tx, request.id, options.post) : null;
  // The cards and the names the thread line tells, in one statement.
  const ids = [event.actorId, event.assigneeId].filter((id): id is string => id !== null);
  // With where each card's post went, for its update and thread reply (enqueueMessage's targetRecipient).
  const cards = await sql(tx).rows<{ id: bigint; conversationId: string; messageId: bigint; postedTo: string; known: boolean; names: Record<string, string> | null }>`
    SELECT c.id, c.conversation_id AS "conversationId", c.message_id AS "messageId", o.conversation_id AS "postedTo",
      EXISTS (SELECT 1 FROM conversation_reference r WHERE r.conversation_id = o.conversation_id) AS known,
      (SELECT json_object_agg(p.id::text, p.name) FROM person p WHERE p.id = ANY(${ids}::uuid[])) AS names
    FROM support_channel_card c JOIN outbox_message o ON o.id = c.message_id
    WHERE c.request_id = ${request.id}::uuid ORDER BY c.id`;
  const views = new Map<string, QueueRequestView>();
  if (cards.length === 0) return views;
  const t = channelTranslator();
  const names = new Map(Object.entries(cards[0]!.names ?? {}));
  const actor = (event.actorId && names.get(event.actorId)) ?? t('support.actor.system');
  const assigneeName = (event.assigneeId && names.get(event.assigneeId)) ?? null;
  const what = options.threadLine
    ? options.threadLine(t, actor)
    : event.kind === 'assigned' && assigneeName
      ? t('channel.event.assigned', { name: assigneeName, actor })
      : eventWords(event, { actor, status: t(`support.status.${event.status}`), line: '–', rating: event.rating ?? '–' }, t);
  const line = t('channel.event.line', { number: request.number, event: what });
  const reply: OutboxActivity = { type: 'message', text: event.text ? `${line}\n\n${event.text}` : line, textFormat: 'plain' };
  if (event.kind === 'file_added') {
    // Each file by name, with Teams' link or, for a kept image, the image from the bot's signed link.
    const files = await threadFiles(tx, event.id, options.fileLinks);
    if (files.length > 0) reply.attachments = cardActivity(fileThreadCard({ number: request.number, files }, t)).attachments;
  }
  for (const card of cards) {
    const targetRecipient = { conversationId: card.postedTo, conversationKnown: card.known };
    // A card posted just now already shows the henvendelse as it is.
    if (card.id !== posted?.id) {
      const view = await loadQueueRequestView(tx, request.id, card.conversationId);
      views.set(card.conversationId, view);
      await enqueueMessage(tx, {
        kind: 'update',
        targetMessageId: card.messageId,
        targetRecipient,
        activity: cardActivity(await channelCard(tx, request.id, { view })),
        idempotencyKey: `support:${request.id}:channel-card:${card.id}:v${options.version}`,
      });
    }
    await enqueueMessage(tx, {
      kind: 'reply',
      targetMessageId: card.messageId,
      targetRecipient,
      activity: reply,
      idempotencyKey: `support:${request.id}:event:${event.id}:thread:${card.id}`,
    });
  }
  return views;
}

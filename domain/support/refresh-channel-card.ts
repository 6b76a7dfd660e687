import { fileThreadCard, type ThreadFile } from '../../cards/file-thread-card.js';
import type { DbClient } from '../db.js';
import { enqueueMessage } from '../delivery/enqueue-message.js';
import type { OutboxActivity } from '../delivery/messenger.js';
import { cardActivity, channelCard, channelTranslator } from './channel-card.js';
import type { FileLinks } from './file-links.js';
import type { SupportEventKind, SupportStatus } from './vocabulary.js';

export interface RefreshChannelCardOptions {
  request: { id: string; number: string; channelCardMessageId: bigint };
  /** The henvendelse's version after the change: one update per version. */
  version: number;
  event: { id: bigint; kind: SupportEventKind; actorName: string | null; text: string | null; assigneeName?: string | null; status: SupportStatus; rating?: number | null };
  /** Links to kept images, for the files of a `file_added` event. */
  fileLinks?: FileLinks;
}

/**
 * After a change of a henvendelse that has a card in a queue channel: the card is replaced in
 * place by the henvendelse as it is now, and the event is told in the card's thread (an internal
 * note with its text: the channel is support's own place). Both through the outbox, in the
 * caller's transaction; recordEvent calls this, so every action gets it.
 */
export async function refreshChannelCard(tx: DbClient, options: RefreshChannelCardOptions): Promise<void> {
  const { request, event } = options;
  const t = channelTranslator();
  await enqueueMessage(tx, {
    kind: 'update',
    targetMessageId: request.channelCardMessageId,
    activity: cardActivity(await channelCard(tx, request.id)),
    idempotencyKey: `support:${request.id}:channel-card:v${options.version}`,
  });
  const actor = event.actorName ?? t('support.actor.system');
  const what =
    event.kind === 'assigned' && event.assigneeName
      ? t('channel.event.assigned', { name: event.assigneeName, actor })
      : t(`support.event.${event.kind}`, { actor, status: t(`support.status.${event.status}`), line: '–', rating: event.rating ?? '–' });
  const line = t('channel.event.line', { number: request.number, event: what });
  const activity: OutboxActivity = { type: 'message', text: event.text ? `${line}\n\n${event.text}` : line, textFormat: 'plain' };
  if (event.kind === 'file_added') {
    const files = await threadFiles(tx, event.id, options.fileLinks);
    if (files.length > 0) activity.attachments = cardActivity(fileThreadCard({ number: request.number, files }, t)).attachments;
  }
  await enqueueMessage(tx, {
    kind: 'reply',
    targetMessageId: request.channelCardMessageId,
    activity,
    idempotencyKey: `support:${request.id}:event:${event.id}:thread`,
  });
}

/** Characters of Teams' links one thread line may carry (the rest of the line is small). */
const THREAD_LINK_BUDGET = 16_000;

/** The files a `file_added` event names (its data has their ids), with the links support can open. */
async function threadFiles(tx: DbClient, eventId: bigint, fileLinks: FileLinks | undefined): Promise<ThreadFile[]> {
  const event = await tx.supportEvent.findUnique({ where: { id: eventId }, select: { data: true } });
  const ids = (event?.data as { attachmentIds?: unknown } | null)?.attachmentIds;
  if (!Array.isArray(ids) || ids.length === 0) return [];
  const rows = await tx.supportAttachment.findMany({
    where: { id: { in: ids.filter((id): id is string => typeof id === 'string') } },
    orderBy: { createdAt: 'asc' },
    select: { id: true, name: true, contentType: true, link: true, sizeBytes: true },
  });
  // Whether bytes were kept, without reading them into the transaction.
  const kept = new Set(
    (await tx.supportAttachment.findMany({ where: { id: { in: rows.map((row) => row.id) }, content: { not: null } }, select: { id: true } })).map((row) => row.id),
  );
  // Teams refuses a message over about 28 KB, and Teams' download links can be long: links past
  // the budget are left out (the file is still named, and kept on the henvendelse).
  let budget = THREAD_LINK_BUDGET;
  return rows.map((row) => {
    const image = row.contentType.startsWith('image/');
    const link = row.link !== null && row.link.length <= budget ? row.link : null;
    if (link) budget -= link.length;
    return {
      name: row.name,
      link,
      imageUrl: kept.has(row.id) && image ? (fileLinks?.imageUrl(row.id) ?? null) : null,
      tooLarge: image && !kept.has(row.id) && row.link !== null && row.sizeBytes !== null,
    };
  });
}

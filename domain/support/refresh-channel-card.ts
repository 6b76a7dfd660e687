import { eventWords } from '../../cards/event-words.js';
import type { DbClient } from '../db.js';
import { enqueueMessage } from '../delivery/enqueue-message.js';
import { cardActivity, channelCard, channelTranslator } from './channel-card.js';
import type { SupportEventKind, SupportStatus } from './vocabulary.js';

export interface RefreshChannelCardOptions {
  request: { id: string; number: string; channelCardMessageId: bigint };
  /** The henvendelse's version after the change: one update per version. */
  version: number;
  event: { id: bigint; kind: SupportEventKind; actorName: string | null; text: string | null; assigneeName?: string | null; status: SupportStatus; data?: unknown };
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
      : eventWords(event, { actor, status: t(`support.status.${event.status}`), line: '–', rating: '–' }, t);
  const line = t('channel.event.line', { number: request.number, event: what });
  await enqueueMessage(tx, {
    kind: 'reply',
    targetMessageId: request.channelCardMessageId,
    activity: { type: 'message', text: event.text ? `${line}\n\n${event.text}` : line, textFormat: 'plain' },
    idempotencyKey: `support:${request.id}:event:${event.id}:thread`,
  });
}

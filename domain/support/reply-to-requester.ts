import { REPLY_LIMIT, requestReplyCard } from '../../cards/request-reply-card.js';
import { translator } from '../../i18n/index.js';
import type { PrismaClient } from '../db.js';
import { enqueueMessage } from '../delivery/enqueue-message.js';
import { AppError, AppErrorCode } from '../errors.js';
import { personLocale } from '../people/person-locale.js';
import { cardActivity } from './channel-card.js';
import { recordEvent } from './record-event.js';
import { mayReply } from './status-rules.js';
import { lockForSupport, type SupportActor } from './take-request.js';

export interface ReplyToRequesterOptions {
  requestId: string;
  expectedVersion: number;
  actor: SupportActor;
  /** What the card's reply field sent, unparsed. */
  text: unknown;
  now: Date;
}

export type ReplyToRequesterResult = { outcome: 'replied' } | { outcome: 'empty' };

/**
 * «Svar til innmelder»: support's reply is kept on the henvendelse and sent, in the same
 * transaction, to the requester's 1:1 chat as a card they can answer, in their language.
 * A closed henvendelse takes no reply (its card no longer offers it).
 */
export async function replyToRequester(prisma: PrismaClient, options: ReplyToRequesterOptions): Promise<ReplyToRequesterResult> {
  const text = typeof options.text === 'string' ? options.text.trim() : '';
  return prisma.$transaction(async (tx) => {
    const request = await lockForSupport(tx, options.requestId, options.actor);
    if (!text) return { outcome: 'empty' as const };
    if (text.length > REPLY_LIMIT) throw new AppError(AppErrorCode.INVALID_INPUT, { message: `a reply of ${text.length} characters (at most ${REPLY_LIMIT})` });
    if (request.version !== options.expectedVersion || !mayReply(request.status)) {
      throw new AppError(AppErrorCode.STALE, { message: `henvendelse ${options.requestId} takes no reply from this card` });
    }
    const recorded = await recordEvent(tx, {
      requestId: options.requestId,
      expectedVersion: options.expectedVersion,
      actor: { personId: options.actor.id, aadObjectId: options.actor.aadObjectId },
      kind: 'reply_to_requester',
      text,
      now: options.now,
    });
    const requester = await tx.person.findUniqueOrThrow({ where: { id: request.requesterId }, select: { id: true, active: true, locale: true, chosenLocale: true } });
    if (requester.active) {
      const { number } = await tx.supportRequest.findUniqueOrThrow({ where: { id: options.requestId }, select: { number: true } });
      const from = await tx.person.findUniqueOrThrow({ where: { id: options.actor.id }, select: { name: true } });
      const locale = personLocale(requester);
      const card = requestReplyCard({ requestId: options.requestId, number, reply: { from: from.name, text, at: options.now }, locale }, translator(locale));
      await enqueueMessage(tx, {
        to: { personId: requester.id },
        activity: cardActivity(card),
        idempotencyKey: `support:${options.requestId}:event:${recorded.eventId}`,
      });
    }
    return { outcome: 'replied' as const };
  });
}

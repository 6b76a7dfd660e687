import { VISIT_TEXT_LIMIT, visitOfferCard } from '../../cards/visit-offer-card.js';
import { translator } from '../../i18n/index.js';
import type { PrismaClient } from '../db.js';
import { enqueueMessage } from '../delivery/enqueue-message.js';
import { AppError, AppErrorCode } from '../errors.js';
import { personLocale } from '../people/person-locale.js';
import { cardActivity } from './channel-card.js';
import { recordEvent } from './record-event.js';
import { lockForSupport, type SupportActor } from './take-request.js';
import { isOpen } from './vocabulary.js';

export interface OfferVisitOptions {
  requestId: string;
  expectedVersion: number;
  actor: SupportActor;
  /** What the card's optional field sent (when support can come), unparsed. */
  text: unknown;
  now: Date;
}

/**
 * «Tilby besøk»: support in the line offers to come by (PRODUCT.md §2: when a request is unclear,
 * call or visit before answering; the routine says always offer). A `visit_offered` event, and in
 * the same transaction the offer card in the requester's chat through the outbox, in their
 * language. Only while the henvendelse is open.
 */
export async function offerVisit(prisma: PrismaClient, options: OfferVisitOptions): Promise<void> {
  const note = typeof options.text === 'string' && options.text.trim() !== '' ? options.text.trim() : null;
  await prisma.$transaction(async (tx) => {
    const request = await lockForSupport(tx, options.requestId, options.actor);
    if (note && note.length > VISIT_TEXT_LIMIT) throw new AppError(AppErrorCode.INVALID_INPUT, { message: `a visit note of ${note.length} characters (at most ${VISIT_TEXT_LIMIT})` });
    if (request.version !== options.expectedVersion || !isOpen(request.status)) {
      throw new AppError(AppErrorCode.STALE, { message: `henvendelse ${options.requestId} takes no visit offer from this card` });
    }
    const recorded = await recordEvent(tx, {
      requestId: options.requestId,
      expectedVersion: options.expectedVersion,
      actor: { personId: options.actor.id, aadObjectId: options.actor.aadObjectId },
      kind: 'visit_offered',
      text: note,
      now: options.now,
    });
    const requester = await tx.person.findUniqueOrThrow({ where: { id: request.requesterId }, select: { id: true, active: true, locale: true, chosenLocale: true } });
    if (!requester.active) return;
    const { number } = await tx.supportRequest.findUniqueOrThrow({ where: { id: options.requestId }, select: { number: true } });
    const from = await tx.person.findUniqueOrThrow({ where: { id: options.actor.id }, select: { name: true } });
    const card = visitOfferCard({ requestId: options.requestId, offerId: String(recorded.eventId), number, from: from.name, note }, translator(personLocale(requester)));
    await enqueueMessage(tx, {
      to: { personId: requester.id },
      activity: cardActivity(card),
      idempotencyKey: `support:${options.requestId}:event:${recorded.eventId}`,
    });
  });
}

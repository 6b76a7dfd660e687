import { VISIT_TEXT_LIMIT, type VisitOfferView } from '../../cards/visit-offer-card.js';
import type { DbClient, PrismaClient } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';
import { lockForRequester } from './take-request.js';
import { recordEvent } from './record-event.js';
import { isOpen } from './vocabulary.js';

export interface AnswerVisitOptions {
  requestId: string;
  /** The `visit_offered` event the card answers, from its (untrusted) data. */
  offerId: bigint;
  accepted: boolean;
  /** The caller; only the henvendelse's requester may answer. */
  requester: { id: string; aadObjectId: string };
  /** The optional comment, unparsed. */
  comment: unknown;
  now: Date;
}

export type AnswerVisitResult = { outcome: 'answered'; accepted: boolean; comment: string | null } | { outcome: 'alreadyAnswered' | 'superseded' | 'closed' };

/**
 * «Ja, kom innom» / «Nei takk» on the offer card: a `visit_answered` event (`{ offerId, accepted }`,
 * the comment as its text) that goes into the channel thread and the history. An offer is answered
 * once; an older offer (a newer one exists) and a henvendelse no longer open take no answer; anyone
 * but the requester is refused. The henvendelse's row is locked, so two answers at once are one.
 */
export async function answerVisit(prisma: PrismaClient, options: AnswerVisitOptions): Promise<AnswerVisitResult> {
  const comment = typeof options.comment === 'string' && options.comment.trim() !== '' ? options.comment.trim() : null;
  return prisma.$transaction(async (tx) => {
    const request = await lockForRequester(tx, options.requestId, options.requester);
    await findOffer(tx, options.requestId, options.offerId);
    if (comment && comment.length > VISIT_TEXT_LIMIT) throw new AppError(AppErrorCode.INVALID_INPUT, { message: `a visit comment of ${comment.length} characters (at most ${VISIT_TEXT_LIMIT})` });
    const offerId = String(options.offerId);
    if (await tx.supportEvent.findFirst({ where: { requestId: options.requestId, kind: 'visit_answered', data: { path: ['offerId'], equals: offerId } }, select: { id: true } })) {
      return { outcome: 'alreadyAnswered' as const };
    }
    if (await tx.supportEvent.findFirst({ where: { requestId: options.requestId, kind: 'visit_offered', id: { gt: options.offerId } }, select: { id: true } })) {
      return { outcome: 'superseded' as const };
    }
    if (!isOpen(request.status)) return { outcome: 'closed' as const };
    await recordEvent(tx, {
      requestId: options.requestId,
      expectedVersion: request.version,
      actor: { personId: options.requester.id, aadObjectId: options.requester.aadObjectId },
      kind: 'visit_answered',
      text: comment,
      data: { offerId, accepted: options.accepted },
      now: options.now,
    });
    return { outcome: 'answered' as const, accepted: options.accepted, comment };
  });
}

/** The offer as its card shows it (without the answer), for the card that answers a click on it. */
export async function visitOffer(db: DbClient, requestId: string, offerId: bigint): Promise<Omit<VisitOfferView, 'answer'>> {
  const offer = await findOffer(db, requestId, offerId);
  const { number } = await db.supportRequest.findUniqueOrThrow({ where: { id: requestId }, select: { number: true } });
  const from = offer.actorId ? await db.person.findUnique({ where: { id: offer.actorId }, select: { name: true } }) : null;
  return { requestId, offerId: String(offerId), number, from: from?.name ?? '', note: offer.text };
}

/** An offer id from card data that is not an offer on this henvendelse is refused as not found. */
async function findOffer(db: DbClient, requestId: string, offerId: bigint) {
  const offer = await db.supportEvent.findFirst({ where: { id: offerId, requestId, kind: 'visit_offered' }, select: { actorId: true, text: true } });
  if (!offer) throw new AppError(AppErrorCode.NOT_FOUND, { message: `event ${offerId} is no visit offer on henvendelse ${requestId}` });
  return offer;
}

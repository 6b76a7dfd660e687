import { REPLY_LIMIT, type SupportReply } from '../../cards/request-reply-card.js';
import type { DbClient, PrismaClient } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';
import { lockForRequester } from './take-request.js';
import { recordEvent } from './record-event.js';

export interface AnswerAsRequesterOptions {
  requestId: string;
  /** The caller; only the henvendelse's requester may answer on it. */
  requester: { id: string; aadObjectId: string };
  /** What the card's answer field sent, unparsed. */
  text: unknown;
  now: Date;
}

export type AnswerAsRequesterResult = { outcome: 'sent'; text: string } | { outcome: 'empty' | 'closed' };

/**
 * «Send svar» on support's reply card: the requester's answer lands on the henvendelse (and in
 * its channel thread), and one that was waiting for the requester is back «Under behandling».
 * The card carries no version: an answer is never stale, only a closed henvendelse takes none.
 */
export async function answerAsRequester(prisma: PrismaClient, options: AnswerAsRequesterOptions): Promise<AnswerAsRequesterResult> {
  const text = typeof options.text === 'string' ? options.text.trim() : '';
  return prisma.$transaction(async (tx) => {
    const request = await lockForRequester(tx, options.requestId, options.requester);
    if (!text) return { outcome: 'empty' as const };
    if (text.length > REPLY_LIMIT) throw new AppError(AppErrorCode.INVALID_INPUT, { message: `an answer of ${text.length} characters (at most ${REPLY_LIMIT})` });
    if (request.status === 'lukket') return { outcome: 'closed' as const };
    await recordEvent(tx, {
      requestId: options.requestId,
      expectedVersion: request.version,
      actor: { personId: options.requester.id, aadObjectId: options.requester.aadObjectId },
      kind: 'requester_reply',
      text,
      ...(request.status === 'venter_pa_innmelder' && { changes: { status: 'under_behandling' as const } }),
      // The requester's own answer: the card or chat line answering them already says it landed.
      notifyRequester: false,
      now: options.now,
    });
    return { outcome: 'sent' as const, text };
  });
}

/** The last reply from support on the henvendelse, as its requester's reply card shows it. */
export async function latestReply(db: DbClient, requestId: string): Promise<{ number: string; reply: SupportReply | null }> {
  const { number } = await db.supportRequest.findUniqueOrThrow({ where: { id: requestId }, select: { number: true } });
  const event = await db.supportEvent.findFirst({
    where: { requestId, kind: 'reply_to_requester', internal: false },
    orderBy: { id: 'desc' },
    select: { text: true, createdAt: true, actor: { select: { name: true } } },
  });
  return { number, reply: event?.text ? { from: event.actor?.name ?? '', text: event.text, at: event.createdAt } : null };
}

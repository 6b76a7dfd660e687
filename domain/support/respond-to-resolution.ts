import { RATING_COMMENT_LIMIT, REOPEN_REASON_LIMIT } from '../../cards/resolution-kit.js';
import type { DbClient, PrismaClient } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';
import { lockForRequester } from './take-request.js';
import { recordEvent } from './record-event.js';
import { respondUntil } from './resolution-window.js';

interface RespondOptions {
  requestId: string;
  /** The version on the requester's card. */
  expectedVersion: number;
  /** The caller; only the henvendelse's requester may answer. */
  requester: { id: string; aadObjectId: string };
  now: Date;
}

export type ConfirmOptions = RespondOptions & { rating: unknown; comment?: unknown };
export type ReopenOptions = RespondOptions & { reason: unknown };

/** What happened; `expired`, `invalidRating`, `reasonMissing` and `tooLong` changed nothing. */
export type ResolutionOutcome = 'confirmed' | 'reopened' | 'expired' | 'invalidRating' | 'reasonMissing' | 'tooLong';

/** A rating is a whole number from 1 to 5; the card sends the choice's value as a string. */
export function parseRating(value: unknown): number | null {
  const rating = typeof value === 'number' ? value : typeof value === 'string' && /^\s*[1-5]\s*$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(rating) && rating >= 1 && rating <= 5 ? rating : null;
}

/**
 * «Løst» on a resolved henvendelse: its requester confirms it within 14 days of «Løs», with a
 * rating 1–5 and an optional comment. Status «Lukket»; the events `confirmed` and `rated` (the
 * rating and comment in the history, on the channel card and in its thread).
 */
export async function confirmResolution(prisma: PrismaClient, options: ConfirmOptions): Promise<ResolutionOutcome> {
  const rating = parseRating(options.rating);
  const comment = typeof options.comment === 'string' ? options.comment.trim() : '';
  return prisma.$transaction(async (tx) => {
    const refused = await checkAnswer(tx, options);
    if (refused) return refused;
    if (rating === null) return 'invalidRating';
    if (comment.length > RATING_COMMENT_LIMIT) return 'tooLong';
    const actor = { personId: options.requester.id, aadObjectId: options.requester.aadObjectId };
    // The requester's own card answers them: no status card in their chat for what they just did.
    const confirmed = await recordEvent(tx, {
      requestId: options.requestId,
      expectedVersion: options.expectedVersion,
      actor,
      kind: 'confirmed',
      data: { rating },
      changes: { status: 'lukket', closedAt: options.now },
      notifyRequester: false,
      now: options.now,
    });
    await recordEvent(tx, {
      requestId: options.requestId,
      expectedVersion: confirmed.version,
      actor,
      kind: 'rated',
      text: comment || null,
      data: { rating },
      changes: { rating, ratingComment: comment || null },
      now: options.now,
    });
    return 'confirmed';
  });
}

/**
 * «Åpne igjen» on a resolved henvendelse: its requester reopens it within 14 days of «Løs», with
 * a reason. Back to «Under behandling», resolvedAt cleared; support reads the reason on the
 * channel card's thread and in the history.
 */
export async function reopenRequest(prisma: PrismaClient, options: ReopenOptions): Promise<ResolutionOutcome> {
  const reason = typeof options.reason === 'string' ? options.reason.trim() : '';
  return prisma.$transaction(async (tx) => {
    const refused = await checkAnswer(tx, options);
    if (refused) return refused;
    if (!reason) return 'reasonMissing';
    if (reason.length > REOPEN_REASON_LIMIT) return 'tooLong';
    await recordEvent(tx, {
      requestId: options.requestId,
      expectedVersion: options.expectedVersion,
      actor: { personId: options.requester.id, aadObjectId: options.requester.aadObjectId },
      kind: 'reopened',
      text: reason,
      changes: { status: 'under_behandling', resolvedAt: null },
      notifyRequester: false,
      now: options.now,
    });
    return 'reopened';
  });
}

/**
 * Locks the henvendelse and checks the answer may be given: its requester (FORBIDDEN for anyone
 * else), still within 14 days (`expired` otherwise, also once the automatic closing has run),
 * resolved and at the card's version (STALE: a second click, an older card).
 */
async function checkAnswer(tx: DbClient, options: RespondOptions): Promise<'expired' | undefined> {
  const request = await lockForRequester(tx, options.requestId, options.requester);
  if (request.status === 'lost' && request.resolvedAt && options.now >= respondUntil(request.resolvedAt)) return 'expired';
  if (request.status === 'lukket' && (await closedBySystem(tx, options.requestId))) return 'expired';
  if (request.status !== 'lost' || request.version !== options.expectedVersion) {
    throw new AppError(AppErrorCode.STALE, { message: `henvendelse ${options.requestId} cannot be confirmed or reopened from a card at version ${options.expectedVersion}` });
  }
  return undefined;
}

/** Whether the automatic closing closed it (its last `closed` event is the system's). */
async function closedBySystem(tx: DbClient, requestId: string): Promise<boolean> {
  const event = await tx.supportEvent.findFirst({ where: { requestId, kind: 'closed' }, orderBy: { id: 'desc' }, select: { actorId: true, data: true } });
  const data = event?.data as { by?: unknown } | null | undefined;
  return event !== null && event.actorId === null && data?.by === 'system';
}

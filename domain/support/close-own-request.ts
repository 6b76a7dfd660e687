import type { PrismaClient } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';
import { lockForRequester } from './take-request.js';
import { recordEvent, type RecordedEvent } from './record-event.js';
import { isOpen } from './vocabulary.js';

export interface CloseOwnRequestOptions {
  requestId: string;
  /** The version on the requester's card. */
  expectedVersion: number;
  requester: { id: string; aadObjectId: string };
  /** Why, if the requester said (optional). */
  reason?: string | null;
  now: Date;
}

/**
 * «Lukk henvendelsen»: a requester withdraws their own henvendelse while it is still open (a
 * resolved one is confirmed or reopened instead). Anyone else is refused, and nothing changes.
 */
export async function closeOwnRequest(prisma: PrismaClient, options: CloseOwnRequestOptions): Promise<RecordedEvent> {
  return prisma.$transaction(async (tx) => {
    const request = await lockForRequester(tx, options.requestId, options.requester);
    // The card offered «Lukk» while it was open; a card older than the change shows the state as it is now.
    if (request.version !== options.expectedVersion || !isOpen(request.status)) {
      throw new AppError(AppErrorCode.STALE, { message: `henvendelse ${options.requestId} cannot be closed by its requester now` });
    }
    return recordEvent(tx, {
      requestId: options.requestId,
      expectedVersion: options.expectedVersion,
      actor: { personId: options.requester.id, aadObjectId: options.requester.aadObjectId },
      kind: 'closed',
      text: options.reason?.trim() || null,
      data: { by: 'requester' },
      changes: { status: 'lukket', closedAt: options.now },
      now: options.now,
    });
  });
}

import type { PrismaClient } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';
import { requestViewOf, type SupportViewer } from './access.js';
import { recordEvent, type RecordedEvent, type RequestChanges } from './record-event.js';
import type { SupportStatus } from './vocabulary.js';

export interface ChangeStatusOptions {
  requestId: string;
  /** The version on the actor's card. */
  expectedVersion: number;
  /** A person in the support line that has the henvendelse. */
  actor: SupportViewer & { aadObjectId: string };
  to: SupportStatus;
  /** Why, or what the requester should know; shown to the requester with the new status. */
  text?: string | null;
  now: Date;
}

/**
 * Support sets a henvendelse's status (e.g. «Venter på innmelder», «Hos leverandør»). Only
 * someone in the line that has it may; the requester is told in the same transaction.
 */
export async function changeStatus(prisma: PrismaClient, options: ChangeStatusOptions): Promise<RecordedEvent> {
  return prisma.$transaction(async (tx) => {
    const request = await tx.supportRequest.findUnique({
      where: { id: options.requestId },
      select: { requesterId: true, line: true, lineUnitId: true, lineSubjectAreaId: true },
    });
    if (!request) throw new AppError(AppErrorCode.NOT_FOUND, { message: `henvendelse ${options.requestId} does not exist` });
    if (requestViewOf(options.actor, request) !== 'support') {
      throw new AppError(AppErrorCode.FORBIDDEN, { message: `person ${options.actor.id} is not in the line of henvendelse ${options.requestId}` });
    }
    return recordEvent(tx, {
      requestId: options.requestId,
      expectedVersion: options.expectedVersion,
      actor: { personId: options.actor.id, aadObjectId: options.actor.aadObjectId },
      kind: 'status_changed',
      text: options.text ?? null,
      changes: { status: options.to, ...timestampsFor(options.to, options.now) },
      now: options.now,
    });
  });
}

/** Resolving and closing are dated; leaving either state clears its date. */
export function timestampsFor(status: SupportStatus, now: Date): Pick<RequestChanges, 'resolvedAt' | 'closedAt'> {
  if (status === 'lost') return { resolvedAt: now, closedAt: null };
  if (status === 'lukket') return { closedAt: now };
  return { resolvedAt: null, closedAt: null };
}

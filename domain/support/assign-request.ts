import type { PrismaClient } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';
import { lineMembers } from './line-members.js';
import { recordEvent } from './record-event.js';
import { lockForSupport, type SupportActor } from './take-request.js';
import { isOpen } from './vocabulary.js';

export interface AssignRequestOptions {
  requestId: string;
  expectedVersion: number;
  actor: SupportActor;
  /** From the card's choice: untrusted, accepted only for someone in the line. */
  assigneeId: string;
  now: Date;
}

export type AssignRequestResult = { outcome: 'assigned'; assignee: { id: string; name: string } } | { outcome: 'notMember' };

/** «Tildel»: support in the line gives the henvendelse to someone else in the same line. */
export async function assignRequest(prisma: PrismaClient, options: AssignRequestOptions): Promise<AssignRequestResult> {
  return prisma.$transaction(async (tx) => {
    const request = await lockForSupport(tx, options.requestId, options.actor);
    const assignee = (await lineMembers(tx, request)).find((member) => member.id === options.assigneeId);
    if (!assignee) return { outcome: 'notMember' as const };
    if (request.version !== options.expectedVersion || !isOpen(request.status)) {
      throw new AppError(AppErrorCode.STALE, { message: `henvendelse ${options.requestId} cannot be assigned from this card` });
    }
    await recordEvent(tx, {
      requestId: options.requestId,
      expectedVersion: options.expectedVersion,
      actor: { personId: options.actor.id, aadObjectId: options.actor.aadObjectId },
      kind: 'assigned',
      data: { assigneeId: assignee.id },
      changes: { assigneeId: assignee.id },
      now: options.now,
    });
    return { outcome: 'assigned' as const, assignee };
  });
}

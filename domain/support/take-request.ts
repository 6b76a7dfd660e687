import { type DbClient, type PrismaClient, sql } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';
import { requestViewOf, type SupportViewer } from './access.js';
import type { ChannelViews } from './channel-cards.js';
import { recordEvent } from './record-event.js';
import { isOpen, type SupportLine, type SupportStatus } from './vocabulary.js';

/** Someone in the line that has the henvendelse, as the caller's identity found them. */
export type SupportActor = SupportViewer & { aadObjectId: string };

export interface TakeRequestOptions {
  requestId: string;
  /** The version on the actor's card. */
  expectedVersion: number;
  actor: SupportActor;
  now: Date;
}

export type TakeRequestResult = { outcome: 'taken'; channelViews: ChannelViews } | { outcome: 'alreadyTaken'; assignee: { id: string; name: string } };

interface LockedRequest {
  requesterId: string;
  line: SupportLine;
  lineUnitId: string | null;
  lineSubjectAreaId: string | null;
  status: SupportStatus;
  version: number;
  assigneeId: string | null;
}

/**
 * Locks the henvendelse's row for the rest of the transaction and checks that the actor works
 * in the line that has it: of two people acting at the same moment, the second waits and then
 * sees what the first did.
 */
export async function lockForSupport(tx: DbClient, requestId: string, actor: SupportActor) {
  // The lock and the read in one statement.
  const [request] = await sql(tx).rows<LockedRequest>`
    SELECT requester_id::text AS "requesterId", line::text AS line, line_unit_id::text AS "lineUnitId",
      line_subject_area_id::text AS "lineSubjectAreaId", status::text AS status, version, assignee_id::text AS "assigneeId"
    FROM support_request WHERE id = ${requestId}::uuid FOR UPDATE`;
  if (!request) throw new AppError(AppErrorCode.NOT_FOUND, { message: `henvendelse ${requestId} does not exist` });
  if (requestViewOf(actor, request) !== 'support') {
    throw new AppError(AppErrorCode.FORBIDDEN, { message: `person ${actor.id} is not in the line of henvendelse ${requestId}` });
  }
  return request;
}

/**
 * The same for the requester's own actions (answers, closing, confirming, a visit's answer):
 * locks the row, reads what the checks need, and refuses anyone but its requester (FORBIDDEN).
 */
export async function lockForRequester(tx: DbClient, requestId: string, requester: { id: string }) {
  const [request] = await sql(tx).rows<{ requesterId: string; status: SupportStatus; version: number; resolvedAt: Date | null }>`
    SELECT requester_id::text AS "requesterId", status::text AS status, version, resolved_at AS "resolvedAt"
    FROM support_request WHERE id = ${requestId}::uuid FOR UPDATE`;
  if (!request) throw new AppError(AppErrorCode.NOT_FOUND, { message: `henvendelse ${requestId} does not exist` });
  if (request.requesterId !== requester.id) {
    throw new AppError(AppErrorCode.FORBIDDEN, { message: `person ${requester.id} is not the requester of henvendelse ${requestId}` });
  }
  return request;
}

/**
 * «Ta henvendelsen»: the actor becomes its assignee, and a new one goes from «Ny» to «Under
 * behandling» (the requester is told). Of two people taking it at the same moment, one gets it;
 * the other learns who has it, and nothing changes.
 */
export async function takeRequest(prisma: PrismaClient, options: TakeRequestOptions): Promise<TakeRequestResult> {
  return prisma.$transaction(async (tx) => {
    const request = await lockForSupport(tx, options.requestId, options.actor);
    if (request.assigneeId !== null && request.assigneeId !== options.actor.id) {
      const assignee = await tx.person.findUniqueOrThrow({ where: { id: request.assigneeId }, select: { id: true, name: true } });
      return { outcome: 'alreadyTaken' as const, assignee };
    }
    if (request.version !== options.expectedVersion || request.assigneeId !== null || !isOpen(request.status)) {
      throw new AppError(AppErrorCode.STALE, { message: `henvendelse ${options.requestId} cannot be taken from this card` });
    }
    const { channelViews } = await recordEvent(tx, {
      requestId: options.requestId,
      expectedVersion: options.expectedVersion,
      actor: { personId: options.actor.id, aadObjectId: options.actor.aadObjectId },
      kind: 'taken',
      changes: { assigneeId: options.actor.id, ...(request.status === 'ny' && { status: 'under_behandling' as const }) },
      now: options.now,
    });
    return { outcome: 'taken' as const, channelViews };
  });
}

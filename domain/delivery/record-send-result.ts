import { type DbClient, type PrismaClient, sql } from '../db.js';

/**
 * What became of a claimed message. Each write holds only while this instance still owns the
 * claim (`locked_by`): after a lease was taken over, the late instance changes nothing.
 */
export interface Claim {
  id: bigint;
  instance: string;
  /** Calls made to Teams for this message so far (counted by the deliverer, written with each result). */
  attempts: number;
}

const owned = (claim: Claim) => ({ id: claim.id, lockedBy: claim.instance, state: 'sending' as const });

// The writes of every send are plain SQL on pg (sql(db), domain/db.ts): a Prisma model query
// costs about ten times the CPU of the same statement there.
export async function markSent(db: DbClient, claim: Claim, sent: { conversationId: string; activityId?: string }): Promise<void> {
  await sql(db).run`
    UPDATE outbox_message
       SET state = 'sent', attempts = ${claim.attempts}, sent_conversation_id = ${sent.conversationId}, activity_id = ${sent.activityId ?? null},
           sent_at = now(), locked_by = NULL, locked_until = NULL, last_error = NULL, updated_at = now()
     WHERE id = ${claim.id} AND locked_by = ${claim.instance} AND state = 'sending'`;
}

/** Back to waiting until `at`: a pace slot, a Retry-After, or a retry after a passing failure. */
export async function releaseUntil(db: DbClient, claim: Claim, at: Date, lastError?: string): Promise<void> {
  await sql(db).run`
    UPDATE outbox_message
       SET state = 'waiting', attempts = ${claim.attempts}, next_attempt_at = ${at}, locked_by = NULL, locked_until = NULL,
           last_error = coalesce(${lastError ?? null}, last_error), updated_at = now()
     WHERE id = ${claim.id} AND locked_by = ${claim.instance} AND state = 'sending'`;
}

/** Renews the claims this instance holds, so messages waiting in its hand are not taken over while it lives. */
export async function renewClaims(db: DbClient, instance: string, ids: readonly bigint[], leaseMs: number): Promise<void> {
  if (ids.length === 0) return;
  await sql(db).run`
    UPDATE outbox_message SET locked_until = now() + ${leaseMs} * interval '1 millisecond'
     WHERE id = ANY(${ids.map(String)}::bigint[]) AND locked_by = ${instance} AND state = 'sending' AND locked_until > now()`;
}

export async function markFailed(db: DbClient, claim: Claim, reason: string): Promise<void> {
  await db.outboxMessage.updateMany({
    where: owned(claim),
    data: { state: 'failed', attempts: claim.attempts, lastError: reason, lockedBy: null, lockedUntil: null },
  });
}

/**
 * Teams will not deliver to this person (app not installed, or blocked/removed): remember it on
 * the person and give up every message waiting for them, this one included. A message the person
 * writes again makes them reachable (bot/application.ts).
 */
export async function markPersonUnreachable(
  prisma: PrismaClient,
  claim: Claim,
  person: { id: string; aadObjectId: string },
  reason: 'blocked' | 'not_installed',
): Promise<void> {
  const note = reason === 'blocked' ? 'unreachable: the person blocked or removed the app' : 'unreachable: the app is not installed for the person';
  await prisma.$transaction(async (tx) => {
    await tx.outboxMessage.updateMany({
      where: owned(claim),
      data: { state: 'unreachable', attempts: claim.attempts, lastError: note, lockedBy: null, lockedUntil: null },
    });
    await tx.person.update({ where: { id: person.id }, data: { unreachableAt: new Date(), unreachableReason: reason } });
    await tx.outboxMessage.updateMany({ where: { personId: person.id, state: 'waiting' }, data: { state: 'unreachable', lastError: note } });
    if (reason === 'blocked') {
      await tx.conversationReference.updateMany({
        where: { aadObjectId: person.aadObjectId, scope: 'personal', unreachableAt: null },
        data: { unreachableAt: new Date() },
      });
    }
  });
}

/** A conversation (a channel, a group chat) that refuses the bot: this message is undeliverable. */
export async function markConversationRefused(db: DbClient, claim: Claim, reason: string): Promise<void> {
  await db.outboxMessage.updateMany({
    where: owned(claim),
    data: { state: 'unreachable', attempts: claim.attempts, lastError: reason, lockedBy: null, lockedUntil: null },
  });
}

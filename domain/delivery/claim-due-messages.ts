import type { DbClient } from '../db.js';
import type { OutboxActivity } from './messenger.js';

export interface ClaimedMessage {
  id: bigint;
  kind: 'send' | 'reply' | 'update' | 'reach';
  personId: string | null;
  conversationId: string | null;
  targetActivityId: string | null;
  targetMessageId: bigint | null;
  activity: OutboxActivity | null;
  attempts: number;
  /** Messages to one recipient are sent in order: conversation id, or `person:<id>`. */
  recipient: string;
}

export interface ClaimOptions {
  /** Who claims (`host:pid:random`); only this instance may record the result. */
  instance: string;
  limit: number;
  /** How long the claim holds; a claim whose instance died is taken over after it. */
  leaseMs: number;
  /** At most this many messages of one recipient per claim, so a busy channel cannot hold a claim past its lease. */
  perRecipient?: number;
}

/**
 * Claims due messages for this instance: waiting ones whose time has come, and ones another
 * instance claimed but did not finish within the lease (it died: kill -9, a lost machine).
 * `FOR UPDATE SKIP LOCKED` lets every instance claim at once without taking the same message.
 * Order per recipient: a message is claimed only when every earlier message to the same
 * recipient is claimed with it (or sent), so a message waiting for a retry or a Retry-After, or
 * being sent by another instance, holds back the ones behind it.
 */
export async function claimDueMessages(db: DbClient, options: ClaimOptions): Promise<ClaimedMessage[]> {
  const perRecipient = options.perRecipient ?? 8;
  const rows = await db.$queryRaw<
    {
      id: bigint;
      kind: ClaimedMessage['kind'];
      person_id: string | null;
      conversation_id: string | null;
      target_activity_id: string | null;
      target_message_id: bigint | null;
      activity: OutboxActivity | null;
      attempts: number;
      recipient: string;
    }[]
  >`
    WITH unsent AS (
      SELECT id, coalesce(conversation_id, 'person:' || person_id) AS recipient,
             (state = 'waiting' AND next_attempt_at <= now()) OR (state = 'sending' AND locked_until < now()) AS due
        FROM outbox_message
       WHERE state IN ('waiting', 'sending')
    ), heads AS (
      -- A recipient's first message that cannot go now (not due yet, or being sent by a live
      -- instance): nothing after it may overtake it.
      SELECT recipient, min(id) FILTER (WHERE NOT due) AS blocked_from FROM unsent GROUP BY recipient
    ), ranked AS (
      SELECT u.id, row_number() OVER (PARTITION BY u.recipient ORDER BY u.id) AS place
        FROM unsent u JOIN heads h ON h.recipient = u.recipient
       WHERE u.due AND (h.blocked_from IS NULL OR u.id < h.blocked_from)
    ), claimable AS (
      SELECT m.id
        FROM outbox_message m JOIN ranked r ON r.id = m.id
       WHERE r.place <= ${perRecipient}
       ORDER BY m.next_attempt_at, m.id
       LIMIT ${options.limit}
         FOR UPDATE OF m SKIP LOCKED
    )
    UPDATE outbox_message m
       SET state = 'sending', locked_by = ${options.instance},
           locked_until = now() + ${options.leaseMs} * interval '1 millisecond', updated_at = now()
      FROM claimable
     WHERE m.id = claimable.id
       AND (m.state = 'waiting' OR m.locked_until < now())
    RETURNING m.id, m.kind, m.person_id::text AS person_id, m.conversation_id, m.target_activity_id, m.target_message_id, m.activity, m.attempts,
              coalesce(m.conversation_id, 'person:' || m.person_id) AS recipient`;
  return rows
    .map((row) => ({
      id: row.id,
      kind: row.kind,
      personId: row.person_id,
      conversationId: row.conversation_id,
      targetActivityId: row.target_activity_id,
      targetMessageId: row.target_message_id,
      activity: row.activity,
      attempts: row.attempts,
      recipient: row.recipient,
    }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

import { type DbClient, sql } from '../db.js';
import type { OutboxActivity } from './messenger.js';

/** Where a claimed message goes, read with the claim (so sending needs no more reads). */
export interface RecipientSnapshot {
  /** The conversation named by the message, or for a person their newest reachable personal chat; null if none. */
  chat: { conversationId: string; serviceUrl: string; tenantId: string | null; botId: string | null; unreachable: boolean } | null;
  /** The person the message is for, or whose personal chat the conversation is; null for a channel or group chat. */
  person: { id: string; aadObjectId: string; active: boolean; unreachableReason: string | null; unreachable: boolean } | null;
}

export interface ClaimedMessage {
  id: bigint;
  kind: 'send' | 'reply' | 'update' | 'reach';
  personId: string | null;
  conversationId: string | null;
  /** The activity a reply or update is for: given by the caller, or that of its target outbox message when that was already sent. */
  targetActivityId: string | null;
  targetMessageId: bigint | null;
  activity: OutboxActivity | null;
  attempts: number;
  /** Messages to one recipient are sent in order: conversation id, or `person:<id>`. */
  recipient: string;
  to: RecipientSnapshot;
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
  const rows = await sql(db).rows<
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
      chat_id: string | null;
      chat_service_url: string | null;
      chat_tenant_id: string | null;
      chat_bot_id: string | null;
      chat_unreachable: boolean | null;
      person_uuid: string | null;
      person_aad: string | null;
      person_active: boolean | null;
      person_unreachable: boolean | null;
      person_unreachable_reason: string | null;
    }>`
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
    ), claimed AS (
      UPDATE outbox_message m
         SET state = 'sending', locked_by = ${options.instance},
             locked_until = now() + ${options.leaseMs} * interval '1 millisecond', updated_at = now()
        FROM claimable
       WHERE m.id = claimable.id
         AND (m.state = 'waiting' OR m.locked_until < now())
      RETURNING m.id, m.kind, m.person_id, m.conversation_id, m.target_activity_id, m.target_message_id, m.activity, m.attempts
    )
    -- An update or reply of an earlier outbox message already sent gets that message's activity id here
    -- (one statement less per send); one still on its way is looked up when it is sent (deliver-message.ts).
    SELECT c.id, c.kind, c.person_id::text AS person_id, c.conversation_id, coalesce(c.target_activity_id, t.activity_id) AS target_activity_id,
           c.target_message_id, c.activity, c.attempts,
           coalesce(c.conversation_id, 'person:' || c.person_id) AS recipient,
           coalesce(named.conversation_id, chat.conversation_id) AS chat_id,
           coalesce(named.service_url, chat.service_url) AS chat_service_url,
           coalesce(named.tenant_id, chat.tenant_id) AS chat_tenant_id,
           coalesce(named.reference, chat.reference) -> 'bot' ->> 'id' AS chat_bot_id,
           coalesce(named.unreachable_at, chat.unreachable_at) IS NOT NULL AS chat_unreachable,
           p.id::text AS person_uuid, p.aad_object_id AS person_aad, p.active AS person_active,
           p.unreachable_at IS NOT NULL AS person_unreachable, p.unreachable_reason AS person_unreachable_reason
      FROM claimed c
      LEFT JOIN outbox_message t ON t.id = c.target_message_id AND t.state = 'sent'
      LEFT JOIN conversation_reference named ON named.conversation_id = c.conversation_id
      LEFT JOIN person p ON p.id = c.person_id OR (named.scope = 'personal' AND p.aad_object_id = named.aad_object_id)
      LEFT JOIN LATERAL (
        SELECT x.conversation_id, x.service_url, x.tenant_id, x.reference, x.unreachable_at
          FROM conversation_reference x
         WHERE c.person_id IS NOT NULL AND x.aad_object_id = p.aad_object_id AND x.scope = 'personal' AND x.unreachable_at IS NULL
         ORDER BY x.updated_at DESC LIMIT 1
      ) chat ON true`;
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
      to: {
        chat: row.chat_id
          ? {
              conversationId: row.chat_id,
              serviceUrl: row.chat_service_url!,
              tenantId: row.chat_tenant_id,
              botId: row.chat_bot_id,
              unreachable: row.chat_unreachable === true,
            }
          : null,
        person: row.person_uuid
          ? {
              id: row.person_uuid,
              aadObjectId: row.person_aad!,
              active: row.person_active === true,
              unreachableReason: row.person_unreachable_reason,
              unreachable: row.person_unreachable === true,
            }
          : null,
      },
    }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

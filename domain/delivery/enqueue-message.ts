import { type DbClient, sql } from '../db.js';
import type { OutboxState } from '../../prisma/generated/enums.js';
import { AppError, AppErrorCode } from '../errors.js';
import type { OutboxActivity } from './messenger.js';

/** Teams refuses messages over about 100 KB (413); Arkivlos keeps a margin. */
export const MAX_ACTIVITY_BYTES = 80_000;

const UNKNOWN_CONVERSATION = 'unknown recipient: the bot is not in this conversation';

export type Recipient = { personId: string } | { conversationId: string };

export interface EnqueueMessageInput {
  /** Whom to send to; for a reply or update of `targetMessageId`, that message's recipient (leave out). */
  to?: Recipient;
  /** What to send; not for `reach`. */
  activity?: OutboxActivity;
  kind?: 'send' | 'reply' | 'update' | 'reach';
  /** reply: the post to answer in its thread; update: the activity to replace … */
  targetActivityId?: string;
  /**
   * … or the outbox message that sent it, when its Teams activity id is not known yet (a card
   * enqueued a moment ago): it goes to the same recipient and after that message.
   */
  targetMessageId?: bigint;
  /**
   * Where `targetMessageId` went and whether the bot still knows that conversation, when the
   * caller read it already in a statement of its own (refreshChannelCards): spares the lookup.
   */
  targetRecipient?: { conversationId: string; conversationKnown: boolean };
  /** The same key twice stores one message (e.g. `digest:<person>:<date>`). */
  idempotencyKey?: string;
  notBefore?: Date;
}

export interface Enqueued {
  id: bigint;
  /** False when a message with the same idempotency key was there already. */
  created: boolean;
  state: OutboxState;
}

/**
 * Puts a message in the outbox. Call it inside the transaction of the change it reports, so
 * the change and its message are committed together or not at all. A message that can never be
 * sent (too large, to a conversation the bot does not know) is stored as failed at once, with the
 * reason; one to a person who is not (or no longer) in the organisation is refused.
 */
export async function enqueueMessage(db: DbClient, input: EnqueueMessageInput): Promise<Enqueued> {
  const kind = input.kind ?? 'send';
  if (kind !== 'reach' && !input.activity) throw new AppError(AppErrorCode.INVALID_INPUT, { message: 'an outbox message needs an activity' });
  if ((kind === 'reply' || kind === 'update') && !input.targetActivityId && input.targetMessageId === undefined) {
    throw new AppError(AppErrorCode.INVALID_INPUT, { message: `a ${kind} needs targetActivityId or targetMessageId` });
  }
  // An update or reply goes where its target went; whether that conversation is known comes with it.
  const target =
    input.targetMessageId === undefined
      ? null
      : input.targetRecipient
        ? { to: { conversationId: input.targetRecipient.conversationId }, conversationKnown: input.targetRecipient.conversationKnown }
        : await recipientOf(db, input.targetMessageId);
  const to = target ? target.to : input.to;
  if (!to) throw new AppError(AppErrorCode.INVALID_INPUT, { message: 'an outbox message needs a recipient' });

  const activity = input.activity ? JSON.stringify(input.activity) : null;
  const bytes = activity ? Buffer.byteLength(activity) : 0;
  const tooLarge = bytes > MAX_ACTIVITY_BYTES ? `too large: ${bytes} bytes (at most ${MAX_ACTIVITY_BYTES})` : null;
  const personId = 'personId' in to ? to.personId : null;
  const conversationId = 'conversationId' in to ? to.conversationId : null;
  // One statement: whether the person is in the organisation (else nothing is stored), whether
  // the bot knows the conversation (else it is stored as failed at once), and the message. A
  // waiting message wakes the workers of every instance at once (instead of at their next poll):
  // the NOTIFY is part of the statement, and is only sent when the row is new.
  const [row] = await sql(db).rows<{ allowed: boolean; id: bigint | null; state: OutboxState | null }>`
    WITH recipient AS (
      SELECT (${personId}::uuid IS NULL OR coalesce((SELECT active FROM person WHERE id = ${personId}::uuid), false)) AS allowed,
             (${conversationId}::text IS NULL OR coalesce(${target?.conversationKnown ?? null}::boolean,
               EXISTS (SELECT 1 FROM conversation_reference WHERE conversation_id = ${conversationId}::text))) AS known),
    inserted AS (
      INSERT INTO outbox_message (idempotency_key, kind, person_id, conversation_id, target_activity_id, target_message_id, activity, state,
                                  last_error, next_attempt_at, updated_at)
      SELECT ${input.idempotencyKey ?? null}::text, ${kind}::"OutboxKind", ${personId}::uuid, ${conversationId}::text, ${input.targetActivityId ?? null}::text,
             ${input.targetMessageId ?? null}::bigint, ${activity}::jsonb,
             (CASE WHEN ${tooLarge}::text IS NULL AND known THEN 'waiting' ELSE 'failed' END)::"OutboxState",
             coalesce(${tooLarge}::text, CASE WHEN known THEN NULL ELSE ${UNKNOWN_CONVERSATION}::text END),
             ${input.notBefore ?? new Date()}::timestamptz, now()
      FROM recipient WHERE allowed
      ON CONFLICT (idempotency_key) DO NOTHING
      RETURNING id, state)
    SELECT r.allowed, i.id, i.state::text AS state, (SELECT 1 FROM pg_notify('arkivlos_outbox', '') WHERE i.state = 'waiting') AS woke
    FROM recipient r LEFT JOIN inserted i ON true`;
  if (!row!.allowed) throw new AppError(AppErrorCode.UNKNOWN_PERSON, { message: `person ${personId} is not in the organisation` });
  if (row!.id !== null) return { id: row!.id, created: true, state: row!.state! };
  const existing = await db.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: input.idempotencyKey! }, select: { id: true, state: true } });
  return { id: existing.id, created: false, state: existing.state };
}

/** The recipient of an earlier outbox message (its replies and updates go to the same place), and whether the bot still knows that conversation. */
async function recipientOf(db: DbClient, messageId: bigint): Promise<{ to: Recipient; conversationKnown: boolean }> {
  const [target] = await sql(db).rows<{ personId: string | null; conversationId: string | null; kind: string; known: boolean }>`
    SELECT o.person_id::text AS "personId", o.conversation_id AS "conversationId", o.kind::text AS kind,
      EXISTS (SELECT 1 FROM conversation_reference c WHERE c.conversation_id = o.conversation_id) AS known
    FROM outbox_message o WHERE o.id = ${messageId}::bigint`;
  if (!target || target.kind === 'reach') throw new AppError(AppErrorCode.INVALID_INPUT, { message: `outbox message ${messageId} sent nothing to reply to or update` });
  return { to: target.conversationId ? { conversationId: target.conversationId } : { personId: target.personId! }, conversationKnown: target.known };
}

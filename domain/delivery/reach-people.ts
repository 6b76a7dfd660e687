import { writeAudit } from '../audit.js';
import { type PrismaClient, sql } from '../db.js';
import type { UnreachableReason } from './delivery-status.js';

export interface ReachPeopleOptions {
  /**
   * When this run began. A reach that failed or found the person unreachable before then is tried
   * again; one that settled since was the work of a run started at the same moment, and stands.
   */
  since: Date;
  /** Who asked, for the audit log: the administrator's aadObjectId, or `people-reach` for the CLI. */
  actor: string;
}

export interface ReachPeopleResult {
  /** Reach messages put in the outbox by this call: new ones, and ones tried again after a failure. */
  queued: number;
  /** Reach messages for people without a chat that were in the outbox already (in flight, or settled by a run started at the same time). */
  alreadyQueued: number;
  /** Active people who have a personal chat with the bot stored already. */
  alreadyConnected: number;
  /** The reach messages to wait for: queued now or already queued. */
  messageIds: bigint[];
}

/**
 * `nå alle` / `npm run people:reach`: a `reach` message for every active person with no personal
 * chat stored, so the outbox workers create their chats (createConversation with their Entra
 * object id, paced like every other call). The idempotency key `reach:<person>` keeps one per
 * person however many runs start at once; one that ended failed or unreachable is armed again,
 * and the person's unreachable mark is cleared so that the worker tries instead of giving up.
 * Runs take turns (an advisory lock), so concurrent runs never wait on each other's rows.
 */
export async function reachPeople(prisma: PrismaClient, { since, actor }: ReachPeopleOptions): Promise<ReachPeopleResult> {
  return prisma.$transaction(async (tx) => {
    await sql(tx).run`SELECT pg_advisory_xact_lock(hashtext('arkivlos.reach-people'))`;
    const [armed] = await sql(tx).rows<{ queued: number; connected: number; keys: string[] }>`
      WITH targets AS (
        SELECT p.id FROM person p
         WHERE p.active
           AND NOT EXISTS (SELECT 1 FROM conversation_reference c WHERE c.aad_object_id = p.aad_object_id AND c.scope = 'personal')
      ), armed AS (
        INSERT INTO outbox_message (idempotency_key, kind, person_id, state, next_attempt_at, updated_at)
        SELECT 'reach:' || id, 'reach', id, 'waiting', now(), now() FROM targets ORDER BY id
        ON CONFLICT (idempotency_key) DO UPDATE
           SET state = 'waiting', attempts = 0, next_attempt_at = now(), last_error = NULL, locked_by = NULL, locked_until = NULL,
               sent_conversation_id = NULL, sent_at = NULL, updated_at = now()
         WHERE outbox_message.state IN ('failed', 'unreachable') AND outbox_message.updated_at < ${since}::timestamptz
        RETURNING person_id
      ), cleared AS (
        UPDATE person SET unreachable_at = NULL, unreachable_reason = NULL, updated_at = now()
          FROM armed
         WHERE person.id = armed.person_id AND person.unreachable_at IS NOT NULL
      )
      SELECT (SELECT count(*) FROM armed)::int AS queued,
             (SELECT count(*) FROM person p
               WHERE p.active
                 AND EXISTS (SELECT 1 FROM conversation_reference c WHERE c.aad_object_id = p.aad_object_id AND c.scope = 'personal'))::int AS connected,
             (SELECT coalesce(array_agg('reach:' || id), '{}') FROM targets) AS keys`;
    const { queued, connected, keys } = armed!;
    if (queued > 0) {
      await writeAudit(tx, { actor, action: 'reach', entity: 'outbox', entityId: 'reach-people', after: { queued } });
      // Wakes the workers of every instance when the transaction commits.
      await sql(tx).run`SELECT pg_notify('arkivlos_outbox', '')`;
    }
    const waitFor = await sql(tx).rows<{ id: bigint }>`
      SELECT id FROM outbox_message
       WHERE idempotency_key = ANY(${keys}::text[])
         AND (state IN ('waiting', 'sending') OR updated_at >= ${since}::timestamptz)
       ORDER BY id`;
    return { queued, alreadyQueued: waitFor.length - queued, alreadyConnected: connected, messageIds: waitFor.map((row) => row.id) };
  });
}

export interface ReachOutcome {
  /** Still waiting or being sent. */
  pending: number;
  /** Chats created (or found: Teams answers with the existing chat if there is one). */
  created: number;
  /** People the bot cannot reach, with why. Names and e-mail addresses are for the administrator, never for a log. */
  unreachable: { name: string; email: string; reason: UnreachableReason }[];
  /** People whose chat could not be created for another reason (a 5xx that kept coming, …). */
  failed: { name: string; email: string; reason: string }[];
}

/** What became of these reach messages so far, in one query. */
export async function readReachOutcome(prisma: PrismaClient, messageIds: readonly bigint[]): Promise<ReachOutcome> {
  const rows = await sql(prisma).rows<{ state: string; last_error: string | null; name: string; email: string; unreachable_reason: string | null }>`
    SELECT m.state, m.last_error, p.name, p.email, p.unreachable_reason
      FROM outbox_message m JOIN person p ON p.id = m.person_id
     WHERE m.id = ANY(${messageIds.map(String)}::bigint[])
     ORDER BY p.name, p.email`;
  return {
    pending: rows.filter((row) => row.state === 'waiting' || row.state === 'sending').length,
    created: rows.filter((row) => row.state === 'sent').length,
    unreachable: rows
      .filter((row) => row.state === 'unreachable')
      .map((row) => ({ name: row.name, email: row.email, reason: row.unreachable_reason === 'blocked' ? 'blocked' : 'not_installed' })),
    failed: rows.filter((row) => row.state === 'failed').map((row) => ({ name: row.name, email: row.email, reason: row.last_error ?? '' })),
  };
}

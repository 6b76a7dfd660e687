import { writeAudit } from '../audit.js';
import { sql, type PrismaClient } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';
import { postSessionSummary, type QaExportLinks } from './post-session-summary.js';
import { enqueueSessionCardUpdate } from './session-card.js';
import type { QaActor, QaSessionState } from './vocabulary.js';

export interface CloseSessionInput {
  sessionId: string;
  /** The moderator, or the scheduler at the session's end. */
  actor: QaActor | 'system';
  now: Date;
  /** Signs the moderator's download links (bot/qa-export-links.ts); without them the message says how to export. */
  exportLinks?: QaExportLinks;
}

export interface ClosedSession {
  /** The session its unanswered questions went to: the next one in the conversation that is not closed; null when there is none. */
  carriedTo: string | null;
  /** How many questions were carried over. */
  carried: number;
}

/**
 * Closes a session: it takes no more questions or votes. Its open (unanswered) questions carry
 * over to the next session of the conversation that is not closed (the day's closing session, or
 * the next day's opening one): each becomes a new question there that names the one it continues
 * (`carried_from_id`), with the same asker, anonymity, time of asking and votes. Votes in flight
 * finish first (they share-lock the session this locks). The summary is posted in the
 * conversation and sent to the moderator in the same transaction (post-session-summary.ts).
 */
export async function closeSession(prisma: PrismaClient, input: CloseSessionInput): Promise<ClosedSession> {
  return prisma.$transaction(async (tx) => {
    const [session] = await sql(tx).rows<{ conversationId: string; startsAt: Date; state: QaSessionState }>`
      SELECT conversation_id AS "conversationId", starts_at AS "startsAt", state::text AS state FROM qa_session WHERE id = ${input.sessionId}::uuid FOR UPDATE`;
    if (!session) throw new AppError(AppErrorCode.NOT_FOUND, { message: `qa_session ${input.sessionId} does not exist` });
    if (session.state === 'closed') throw new AppError(AppErrorCode.QA_SESSION_CLOSED, { message: `qa_session ${input.sessionId} is closed already` });
    await sql(tx).run`
      UPDATE qa_session SET state = 'closed', closed_at = ${input.now}::timestamptz, version = version + 1, updated_at = ${input.now}::timestamptz
      WHERE id = ${input.sessionId}::uuid`;
    const [next] = await sql(tx).rows<{ id: string }>`
      SELECT id::text AS id FROM qa_session
      WHERE conversation_id = ${session.conversationId} AND state <> 'closed' AND starts_at > ${session.startsAt}::timestamptz
      ORDER BY starts_at LIMIT 1`;
    let carried = 0;
    if (next) {
      const [row] = await sql(tx).rows<{ carried: number }>`
        WITH carried AS (
          INSERT INTO qa_question (id, session_id, kind, text, asker_id, anonymous, carried_from_id, created_at, updated_at)
          SELECT gen_random_uuid(), ${next.id}::uuid, kind, text, asker_id, anonymous, id, created_at, ${input.now}::timestamptz
          FROM qa_question WHERE session_id = ${input.sessionId}::uuid AND status = 'open'
          RETURNING id, carried_from_id),
        votes AS (
          INSERT INTO qa_vote (question_id, person_id, created_at)
          SELECT c.id, v.person_id, v.created_at FROM carried c JOIN qa_vote v ON v.question_id = c.carried_from_id
          RETURNING 1)
        SELECT (SELECT count(*) FROM carried)::int AS carried, (SELECT count(*) FROM votes)::int AS votes`;
      carried = row!.carried;
    }
    await writeAudit(tx, {
      actor: input.actor === 'system' ? 'system' : input.actor.aadObjectId,
      action: 'qa.session.closed',
      entity: 'qa_session',
      entityId: input.sessionId,
      before: { state: session.state },
      after: { state: 'closed', carriedTo: next?.id ?? null, carried },
    });
    await postSessionSummary(tx, { sessionId: input.sessionId, carriedOver: next !== undefined, now: input.now, exportLinks: input.exportLinks });
    await enqueueSessionCardUpdate(tx, input.sessionId);
    if (next && carried > 0) await enqueueSessionCardUpdate(tx, next.id);
    return { carriedTo: next?.id ?? null, carried };
  });
}

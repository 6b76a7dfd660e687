import { writeAudit } from '../audit.js';
import { sql, type DbClient, type PrismaClient } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';
import { enqueueSessionCardUpdate } from './session-card.js';
import { checkedText, QA_LIMITS, type QaActor, type QaQuestionKind, type QaSessionState } from './vocabulary.js';

export interface SubmitQuestionInput {
  sessionId: string;
  kind: QaQuestionKind;
  text: string;
  /** Only when the session allows it; the asker is stored all the same, and no view shows them. */
  anonymous: boolean;
  asker: QaActor;
  now: Date;
}

/** A session's row as a question or vote sees it, share-locked (closing it waits). */
export async function shareLockSession(tx: DbClient, sessionId: string) {
  const [session] = await sql(tx).rows<{ state: QaSessionState; anonymousAllowed: boolean }>`
    SELECT state::text AS state, anonymous_allowed AS "anonymousAllowed" FROM qa_session WHERE id = ${sessionId}::uuid FOR SHARE`;
  if (!session) throw new AppError(AppErrorCode.NOT_FOUND, { message: `qa_session ${sessionId} does not exist` });
  return session;
}

/**
 * Someone asks a question or reports an error: taken while the session is planned (before its
 * start) or open, refused when it is closed; anonymous only where the session allows it.
 */
export async function submitQuestion(prisma: PrismaClient, input: SubmitQuestionInput): Promise<{ id: string }> {
  const text = checkedText(input.text, QA_LIMITS.question, 'question');
  return prisma.$transaction(async (tx) => {
    const session = await shareLockSession(tx, input.sessionId);
    if (session.state === 'closed') throw new AppError(AppErrorCode.QA_SESSION_CLOSED, { message: `qa_session ${input.sessionId} is closed` });
    if (input.anonymous && !session.anonymousAllowed) {
      throw new AppError(AppErrorCode.QA_ANONYMOUS_NOT_ALLOWED, { message: `qa_session ${input.sessionId} takes no anonymous questions` });
    }
    const [question] = await sql(tx).rows<{ id: string }>`
      INSERT INTO qa_question (id, session_id, kind, text, asker_id, anonymous, created_at, updated_at)
      VALUES (gen_random_uuid(), ${input.sessionId}::uuid, ${input.kind}::"QaQuestionKind", ${text}, ${input.asker.personId}::uuid,
        ${input.anonymous}::boolean, ${input.now}::timestamptz, ${input.now}::timestamptz)
      RETURNING id::text AS id`;
    await writeAudit(tx, {
      actor: input.asker.aadObjectId,
      action: `qa.question.submitted`,
      entity: 'qa_question',
      entityId: question!.id,
      after: { sessionId: input.sessionId, kind: input.kind, anonymous: input.anonymous },
    });
    await enqueueSessionCardUpdate(tx, input.sessionId);
    return question!;
  });
}

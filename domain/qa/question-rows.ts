import { writeAudit } from '../audit.js';
import { Prisma, sql, type DbClient, type PrismaClient } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';
import { asJson } from '../archive/registry/change.js';
import { enqueueSessionCardUpdate } from './session-card.js';
import type { QaActor, QaQuestionKind, QaQuestionStatus, QaSessionState } from './vocabulary.js';

type Tx = Prisma.TransactionClient;

/** A question's row as a change sees it, with its session's title and state. */
export interface LockedQuestion {
  id: string;
  sessionId: string;
  sessionTitle: string;
  sessionState: QaSessionState;
  kind: QaQuestionKind;
  text: string;
  askerId: string;
  anonymous: boolean;
  status: QaQuestionStatus;
  hiddenReason: string | null;
  mergedIntoId: string | null;
  answer: string | null;
  answeredById: string | null;
  answeredAt: Date | null;
  version: number;
}

/** The columns a moderation change may set, each with its type. */
export interface QuestionChanges {
  status?: QaQuestionStatus;
  hiddenReason?: string | null;
  mergedIntoId?: string | null;
  answer?: string | null;
  answeredById?: string | null;
  answeredAt?: Date | null;
}

const COLUMN: Record<keyof QuestionChanges, (value: unknown) => Prisma.Sql> = {
  status: (value) => Prisma.sql`status = ${value}::"QaQuestionStatus"`,
  hiddenReason: (value) => Prisma.sql`hidden_reason = ${value}::text`,
  mergedIntoId: (value) => Prisma.sql`merged_into_id = ${value}::uuid`,
  answer: (value) => Prisma.sql`answer = ${value}::text`,
  answeredById: (value) => Prisma.sql`answered_by_id = ${value}::uuid`,
  answeredAt: (value) => Prisma.sql`answered_at = ${value}::timestamptz`,
};

/** Locks the question's row for the rest of the transaction and reads it with its session, in one statement. */
export async function lockQuestion(tx: DbClient, questionId: string): Promise<LockedQuestion> {
  const [row] = await sql(tx).rows<LockedQuestion>`
    SELECT q.id::text AS id, q.session_id::text AS "sessionId", s.title AS "sessionTitle", s.state::text AS "sessionState",
      q.kind::text AS kind, q.text, q.asker_id::text AS "askerId", q.anonymous, q.status::text AS status,
      q.hidden_reason AS "hiddenReason", q.merged_into_id::text AS "mergedIntoId", q.answer,
      q.answered_by_id::text AS "answeredById", q.answered_at AS "answeredAt", q.version
    FROM qa_question q JOIN qa_session s ON s.id = q.session_id
    WHERE q.id = ${questionId}::uuid
    FOR UPDATE OF q`;
  if (!row) throw new AppError(AppErrorCode.NOT_FOUND, { message: `qa_question ${questionId} does not exist` });
  return row;
}

export interface ChangeQuestionInput {
  questionId: string;
  /** The version the moderator's card showed; another moderator's change first makes this STALE. */
  expectedVersion: number;
  actor: QaActor;
  now: Date;
}

/** What a moderation change decided: the columns to set, and work to do after (a notification) with the new version. */
export interface QuestionDecision {
  changes: QuestionChanges;
  after?: (tx: Tx, version: number) => Promise<void>;
}

/**
 * How every moderation change goes: in one transaction, lock the question, compare the version,
 * decide (a rule may refuse with an AppError), change it with the version raised, audit, and do
 * what the decision adds (tell the asker) in the same transaction. Answers with the new version.
 */
export async function changeQuestion(
  prisma: PrismaClient,
  input: ChangeQuestionInput,
  action: string,
  decide: (tx: Tx, question: LockedQuestion) => Promise<QuestionDecision> | QuestionDecision,
): Promise<{ version: number }> {
  return prisma.$transaction(async (tx) => {
    const question = await lockQuestion(tx, input.questionId);
    if (question.version !== input.expectedVersion) {
      throw new AppError(AppErrorCode.STALE, { message: `qa_question ${input.questionId} is no longer at version ${input.expectedVersion}` });
    }
    const decision = await decide(tx, question);
    const { changes } = decision;
    const fields = (Object.keys(changes) as (keyof QuestionChanges)[]).filter((field) => changes[field] !== undefined);
    await sql(tx).run`
      UPDATE qa_question SET ${Prisma.join([...fields.map((field) => COLUMN[field](changes[field])), Prisma.sql`version = version + 1, updated_at = ${input.now}::timestamptz`])}
      WHERE id = ${input.questionId}::uuid`;
    const version = question.version + 1;
    await writeAudit(tx, {
      actor: input.actor.aadObjectId,
      action: `qa.question.${action}`,
      entity: 'qa_question',
      entityId: input.questionId,
      before: asJson({ version: question.version, ...Object.fromEntries(fields.map((field) => [field, question[field]])) }),
      after: asJson({ version, ...changes }),
    });
    await decision.after?.(tx, version);
    await enqueueSessionCardUpdate(tx, question.sessionId);
    return { version };
  });
}

import { Prisma, sql, type DbClient, type PrismaClient } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';
import { enqueueSessionCardUpdate } from './session-card.js';
import type { QaActor, QaQuestionStatus, QaSessionState } from './vocabulary.js';

export interface VoteResult {
  /** The question's votes after the change: the number of distinct people who vote for it. */
  votes: number;
  /** Whether the voter votes for it now. */
  voted: boolean;
  /** False when nothing changed (a second vote, or withdrawing a vote that was not there). */
  changed: boolean;
}

export interface VoteInput {
  questionId: string;
  voter: QaActor;
  now: Date;
}

interface VoteRow {
  sessionId: string;
  askerId: string;
  status: QaQuestionStatus;
  state: QaSessionState;
  changed: number;
  votes: number;
}

/**
 * One vote per person per question: the vote's primary key is (question, person), and a second
 * vote changes nothing (INSERT … ON CONFLICT DO NOTHING), however many come at once. The asker
 * cannot vote for their own question; hidden and merged questions and closed sessions take no votes.
 */
export async function voteQuestion(prisma: PrismaClient, input: VoteInput): Promise<VoteResult> {
  const row = await changeVote(prisma, input, Prisma.sql`
    INSERT INTO qa_vote (question_id, person_id, created_at)
    SELECT id, ${input.voter.personId}::uuid, ${input.now}::timestamptz FROM question
    WHERE state <> 'closed' AND status IN ('open', 'answered') AND asker_id <> ${input.voter.personId}::uuid
    ON CONFLICT DO NOTHING
    RETURNING 1`);
  if (row.state === 'closed') throw new AppError(AppErrorCode.QA_SESSION_CLOSED, { message: `the session of ${input.questionId} is closed` });
  if (row.status === 'hidden' || row.status === 'merged') throw new AppError(AppErrorCode.QA_QUESTION_NOT_OPEN, { message: `qa_question ${input.questionId} is ${row.status}` });
  if (row.askerId === input.voter.personId) throw new AppError(AppErrorCode.QA_OWN_QUESTION, { message: `person ${input.voter.personId} asked ${input.questionId}` });
  if (row.changed === 1) await refreshSessionCard(prisma, row.sessionId);
  return { votes: row.votes + row.changed, voted: true, changed: row.changed === 1 };
}

/**
 * A vote or its withdrawal as one statement, outside any transaction (a vote is the busiest
 * action of a session): the question and its session are share-locked for it, so votes do not
 * wait for each other but a merge or the session's closing waits for them, and they for it.
 * `change` is the INSERT or DELETE, reading the locked row from `question`; the count is the
 * committed votes before it, which the caller adds the change to.
 */
export async function changeVote(db: DbClient, input: VoteInput, change: Prisma.Sql): Promise<VoteRow> {
  const [row] = await sql(db).rows<VoteRow>`
    WITH question AS (
      SELECT q.id, q.session_id, q.asker_id, q.status, s.state FROM qa_question q JOIN qa_session s ON s.id = q.session_id
      WHERE q.id = ${input.questionId}::uuid FOR SHARE OF q, s),
    changed AS (${change})
    SELECT session_id::text AS "sessionId", asker_id::text AS "askerId", status::text AS status, state::text AS state,
      (SELECT count(*) FROM changed)::int AS changed,
      (SELECT count(*) FROM qa_vote v WHERE v.question_id = question.id)::int AS votes
    FROM question`;
  if (!row) throw new AppError(AppErrorCode.NOT_FOUND, { message: `qa_question ${input.questionId} does not exist` });
  return row;
}

/** The number of people who vote for the question. */
export async function voteCount(db: DbClient, questionId: string): Promise<number> {
  const [row] = await sql(db).rows<{ votes: number }>`SELECT count(*)::int AS votes FROM qa_vote WHERE question_id = ${questionId}::uuid`;
  return row!.votes;
}

/**
 * After a vote or its withdrawal: the posted session card updated. The vote itself is one
 * statement outside a transaction (see changeVote), so the card's update is a short transaction
 * of its own right after it; a stale click (nothing changed) updates nothing.
 */
export async function refreshSessionCard(prisma: PrismaClient, sessionId: string): Promise<void> {
  await prisma.$transaction((tx) => enqueueSessionCardUpdate(tx, sessionId));
}

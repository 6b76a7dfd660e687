import { sql, type DbClient, type PrismaClient } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';
import { lockQuestion } from './question-rows.js';
import type { QaActor } from './vocabulary.js';

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

/**
 * One vote per person per question: the vote's primary key is (question, person), and a second
 * vote changes nothing (INSERT … ON CONFLICT DO NOTHING), however many come at once. The asker
 * cannot vote for their own question; hidden and merged questions and closed sessions take no votes.
 * The question and its session are share-locked: votes do not wait for each other, but a merge or
 * the session's closing waits for them (and they for it).
 */
export async function voteQuestion(prisma: PrismaClient, input: VoteInput): Promise<VoteResult> {
  return prisma.$transaction(async (tx) => {
    const question = await lockQuestion(tx, input.questionId, 'share');
    if (question.sessionState === 'closed') throw new AppError(AppErrorCode.QA_SESSION_CLOSED, { message: `the session of ${input.questionId} is closed` });
    if (question.status === 'hidden' || question.status === 'merged') {
      throw new AppError(AppErrorCode.QA_QUESTION_NOT_OPEN, { message: `qa_question ${input.questionId} is ${question.status}` });
    }
    if (question.askerId === input.voter.personId) throw new AppError(AppErrorCode.QA_OWN_QUESTION, { message: `person ${input.voter.personId} asked ${input.questionId}` });
    const inserted = await sql(tx).run`
      INSERT INTO qa_vote (question_id, person_id, created_at) VALUES (${input.questionId}::uuid, ${input.voter.personId}::uuid, ${input.now}::timestamptz)
      ON CONFLICT DO NOTHING`;
    return { votes: await voteCount(tx, input.questionId), voted: true, changed: inserted === 1 };
  });
}

/** The number of people who vote for the question. */
export async function voteCount(db: DbClient, questionId: string): Promise<number> {
  const [row] = await sql(db).rows<{ votes: number }>`SELECT count(*)::int AS votes FROM qa_vote WHERE question_id = ${questionId}::uuid`;
  return row!.votes;
}

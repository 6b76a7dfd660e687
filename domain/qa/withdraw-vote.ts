import type { PrismaClient } from '../db.js';
import { sql } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';
import { lockQuestion } from './question-rows.js';
import { voteCount, type VoteInput, type VoteResult } from './vote-question.js';

/** Withdraws the person's vote (nothing when there was none); not once the session is closed. */
export async function withdrawVote(prisma: PrismaClient, input: VoteInput): Promise<VoteResult> {
  return prisma.$transaction(async (tx) => {
    const question = await lockQuestion(tx, input.questionId, 'share');
    if (question.sessionState === 'closed') throw new AppError(AppErrorCode.QA_SESSION_CLOSED, { message: `the session of ${input.questionId} is closed` });
    const deleted = await sql(tx).run`DELETE FROM qa_vote WHERE question_id = ${input.questionId}::uuid AND person_id = ${input.voter.personId}::uuid`;
    return { votes: await voteCount(tx, input.questionId), voted: false, changed: deleted === 1 };
  });
}

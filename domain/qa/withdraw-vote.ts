import { Prisma, type PrismaClient } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';
import { changeVote, refreshSessionCard, type VoteInput, type VoteResult } from './vote-question.js';

/** Withdraws the person's vote (nothing when there was none); not once the session is closed. */
export async function withdrawVote(prisma: PrismaClient, input: VoteInput): Promise<VoteResult> {
  const row = await changeVote(prisma, input, Prisma.sql`
    DELETE FROM qa_vote v USING question
    WHERE v.question_id = question.id AND v.person_id = ${input.voter.personId}::uuid AND question.state <> 'closed'
    RETURNING 1`);
  if (row.state === 'closed') throw new AppError(AppErrorCode.QA_SESSION_CLOSED, { message: `the session of ${input.questionId} is closed` });
  if (row.changed === 1) await refreshSessionCard(prisma, row.sessionId);
  return { votes: row.votes - row.changed, voted: false, changed: row.changed === 1 };
}

import { sql, type PrismaClient } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';
import { changeQuestion, lockQuestion, type ChangeQuestionInput } from './question-rows.js';

export interface MergeQuestionInput extends ChangeQuestionInput {
  /** The question the duplicate (`questionId`, at `expectedVersion`) goes into. */
  intoQuestionId: string;
}

/**
 * The moderator merges a duplicate into another question of the same session. The votes combine
 * and nobody counts twice: the duplicate's votes move with INSERT … ON CONFLICT DO NOTHING (a
 * person who voted for both keeps one vote), and the duplicate's asker becomes a voter of the kept
 * question, unless they asked that one too. Votes of the kept question's asker are not moved
 * (nobody votes for their own question). Earlier duplicates of the duplicate now point to the kept one.
 */
export async function mergeQuestion(prisma: PrismaClient, input: MergeQuestionInput): Promise<{ version: number; votes: number }> {
  let votes = 0;
  const { version } = await changeQuestion(prisma, input, 'merged', async (tx, duplicate) => {
    if (input.intoQuestionId === duplicate.id) throw new AppError(AppErrorCode.INVALID_INPUT, { message: 'a question cannot be merged into itself' });
    const kept = await lockQuestion(tx, input.intoQuestionId);
    if (kept.sessionId !== duplicate.sessionId) throw new AppError(AppErrorCode.INVALID_INPUT, { message: 'questions of different sessions cannot be merged' });
    if (duplicate.status !== 'open' || (kept.status !== 'open' && kept.status !== 'answered')) {
      throw new AppError(AppErrorCode.QA_QUESTION_NOT_OPEN, { message: `cannot merge a ${duplicate.status} question into a ${kept.status} one` });
    }
    const [row] = await sql(tx).rows<{ votes: number }>`
      WITH moved AS (
        INSERT INTO qa_vote (question_id, person_id, created_at)
        SELECT ${kept.id}::uuid, v.person_id, v.created_at FROM qa_vote v
        WHERE v.question_id = ${duplicate.id}::uuid AND v.person_id <> ${kept.askerId}::uuid
        UNION ALL
        SELECT ${kept.id}::uuid, ${duplicate.askerId}::uuid, ${input.now}::timestamptz WHERE ${duplicate.askerId}::uuid <> ${kept.askerId}::uuid
        ON CONFLICT DO NOTHING
        RETURNING 1),
      removed AS (DELETE FROM qa_vote WHERE question_id = ${duplicate.id}::uuid RETURNING 1),
      repointed AS (UPDATE qa_question SET merged_into_id = ${kept.id}::uuid WHERE merged_into_id = ${duplicate.id}::uuid RETURNING 1)
      SELECT ((SELECT count(*) FROM qa_vote WHERE question_id = ${kept.id}::uuid) + (SELECT count(*) FROM moved))::int AS votes,
        (SELECT count(*) FROM removed) + (SELECT count(*) FROM repointed) AS done`;
    votes = row!.votes;
    return { changes: { status: 'merged', mergedIntoId: kept.id } };
  });
  return { version, votes };
}

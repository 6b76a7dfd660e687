import { sql, type PrismaClient } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';
import { notifyPeople } from './notify-people.js';
import { changeQuestion, type ChangeQuestionInput } from './question-rows.js';
import { QA_LIMITS } from './vocabulary.js';

/** A written answer, trimmed; an empty one is QA_ANSWER_REQUIRED, a too long one QA_TEXT_LENGTH. */
export function checkedAnswer(answer: string): string {
  const trimmed = answer.trim();
  if (trimmed.length === 0) throw new AppError(AppErrorCode.QA_ANSWER_REQUIRED, { message: 'a question is answered only with a written answer' });
  if (trimmed.length > QA_LIMITS.answer) throw new AppError(AppErrorCode.QA_TEXT_LENGTH, { message: `an answer has at most ${QA_LIMITS.answer} characters` });
  return trimmed;
}

/**
 * The moderator answers an open question in writing (no answer, no «answered»). The asker and
 * everyone who voted for it are told in their 1:1 chat, each in their language, with the answer,
 * enqueued in the same transaction (the moderator who answers is not told).
 */
export async function answerQuestion(prisma: PrismaClient, input: ChangeQuestionInput & { answer: string }): Promise<{ version: number }> {
  const answer = checkedAnswer(input.answer);
  return changeQuestion(prisma, input, 'answered', (_tx, question) => {
    if (question.status !== 'open') throw new AppError(AppErrorCode.QA_QUESTION_NOT_OPEN, { message: `qa_question ${question.id} is ${question.status}` });
    return {
      changes: { status: 'answered', answer, answeredById: input.actor.personId, answeredAt: input.now },
      after: async (tx, version) => {
        const voters = await sql(tx).rows<{ personId: string }>`
          SELECT person_id::text AS "personId" FROM qa_vote WHERE question_id = ${question.id}::uuid`;
        const personIds = [question.askerId, ...voters.map((voter) => voter.personId)].filter((id) => id !== input.actor.personId);
        await notifyPeople(tx, {
          personIds,
          idempotencyKey: (personId) => `qa:question:${question.id}:v${version}:answered:${personId}`,
          text: (t, personId) =>
            t(personId === question.askerId ? 'qa.notify.answered' : 'qa.notify.answeredVoted', { session: question.sessionTitle, question: question.text, answer }),
        });
      },
    };
  });
}

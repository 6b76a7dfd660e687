import type { PrismaClient } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';
import { checkedAnswer } from './answer-question.js';
import { changeQuestion, type ChangeQuestionInput } from './question-rows.js';

/**
 * The moderator changes the written answer of an answered question (a correction: nobody is told
 * again; the audit log keeps the earlier answer).
 */
export async function editAnswer(prisma: PrismaClient, input: ChangeQuestionInput & { answer: string }): Promise<{ version: number }> {
  const answer = checkedAnswer(input.answer);
  return changeQuestion(prisma, input, 'answerEdited', (_tx, question) => {
    if (question.status !== 'answered') throw new AppError(AppErrorCode.QA_QUESTION_NOT_OPEN, { message: `qa_question ${question.id} is ${question.status}` });
    return { changes: { answer, answeredById: input.actor.personId } };
  });
}

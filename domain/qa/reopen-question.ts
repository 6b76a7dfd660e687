import type { PrismaClient } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';
import { changeQuestion, type ChangeQuestionInput } from './question-rows.js';

/**
 * The moderator reopens a hidden or answered question: it is open again, with its votes, and
 * its reason or answer is cleared (the audit log keeps them). A merged one stays merged.
 */
export async function reopenQuestion(prisma: PrismaClient, input: ChangeQuestionInput): Promise<{ version: number }> {
  return changeQuestion(prisma, input, 'reopened', (_tx, question) => {
    if (question.status !== 'hidden' && question.status !== 'answered') {
      throw new AppError(AppErrorCode.QA_QUESTION_NOT_OPEN, { message: `qa_question ${question.id} is ${question.status}` });
    }
    return { changes: { status: 'open', hiddenReason: null, answer: null, answeredById: null, answeredAt: null } };
  });
}

import type { PrismaClient } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';
import { notifyPeople } from './notify-people.js';
import { changeQuestion, type ChangeQuestionInput } from './question-rows.js';
import { checkedText, QA_LIMITS } from './vocabulary.js';

/**
 * The moderator hides a question with a reason (an open or answered one); the asker is told in
 * their 1:1 chat, with the reason, in their language. Its votes stay, in case it is reopened.
 */
export async function hideQuestion(prisma: PrismaClient, input: ChangeQuestionInput & { reason: string }): Promise<{ version: number }> {
  const reason = checkedText(input.reason, QA_LIMITS.reason, 'reason');
  return changeQuestion(prisma, input, 'hidden', (_tx, question) => {
    if (question.status !== 'open' && question.status !== 'answered') {
      throw new AppError(AppErrorCode.QA_QUESTION_NOT_OPEN, { message: `qa_question ${question.id} is ${question.status}` });
    }
    return {
      changes: { status: 'hidden', hiddenReason: reason },
      after: async (tx, version) => {
        await notifyPeople(tx, {
          personIds: [question.askerId],
          idempotencyKey: (personId) => `qa:question:${question.id}:v${version}:hidden:${personId}`,
          text: (t) => t('qa.notify.hidden', { session: question.sessionTitle, question: question.text, reason }),
        });
      },
    };
  });
}

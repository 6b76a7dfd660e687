import type { PrismaClient } from '../db.js';
import { linkKnownError } from '../known-errors/link-known-error.js';
import { reportKnownError } from '../known-errors/report-known-error.js';
import { answerQuestion } from './answer-question.js';
import { editAnswer } from './edit-answer.js';
import { hideQuestion } from './hide-question.js';
import { mergeQuestion } from './merge-question.js';
import { authoriseModerator, type QaModerator } from './moderators.js';
import { reopenQuestion } from './reopen-question.js';

/** What the moderator does to one question, with what the card's form gave. */
export type ModerationAction =
  | { kind: 'answer'; answer: string }
  | { kind: 'editAnswer'; answer: string }
  | { kind: 'reopen' }
  | { kind: 'hide'; reason: string }
  | { kind: 'merge'; intoQuestionId: string }
  | { kind: 'reportKnownError'; title: string; description: string }
  | { kind: 'linkKnownError'; knownErrorId: string };

export interface ModerateQuestionInput {
  sessionId: string;
  questionId: string;
  /** The version the moderation card showed. */
  expectedVersion: number;
  moderator: QaModerator;
  action: ModerationAction;
  now: Date;
}

/** What was done, for the card's ✔ line. */
export type ModerationOutcome =
  | { kind: 'answer' | 'editAnswer' | 'reopen' | 'hide' }
  | { kind: 'merge'; votes: number }
  | { kind: 'reportKnownError'; knownErrorId: string }
  | { kind: 'linkKnownError'; linked: boolean };

/**
 * One moderation action from the moderation card: only by someone who may moderate the session
 * (its moderator, or first line), and only on a question of that session (card data is
 * untrusted). Then the rule of the action (domain/qa/*, domain/known-errors/*) decides.
 */
export async function moderateQuestion(prisma: PrismaClient, input: ModerateQuestionInput): Promise<ModerationOutcome> {
  const { moderator, action } = input;
  await authoriseModerator(prisma, { sessionId: input.sessionId, questionId: input.questionId, person: moderator });
  const actor = { personId: moderator.personId, aadObjectId: moderator.aadObjectId };
  const change = { questionId: input.questionId, expectedVersion: input.expectedVersion, actor, now: input.now };
  switch (action.kind) {
    case 'answer':
      await answerQuestion(prisma, { ...change, answer: action.answer });
      return { kind: 'answer' };
    case 'editAnswer':
      await editAnswer(prisma, { ...change, answer: action.answer });
      return { kind: 'editAnswer' };
    case 'reopen':
      await reopenQuestion(prisma, change);
      return { kind: 'reopen' };
    case 'hide':
      await hideQuestion(prisma, { ...change, reason: action.reason });
      return { kind: 'hide' };
    case 'merge': {
      const { votes } = await mergeQuestion(prisma, { ...change, intoQuestionId: action.intoQuestionId });
      return { kind: 'merge', votes };
    }
    case 'reportKnownError': {
      const { knownErrorId } = await reportKnownError(prisma, { questionId: input.questionId, title: action.title, description: action.description, actor, now: input.now });
      return { kind: 'reportKnownError', knownErrorId };
    }
    case 'linkKnownError': {
      const { linked } = await linkKnownError(prisma, { questionId: input.questionId, knownErrorId: action.knownErrorId, actor, now: input.now });
      return { kind: 'linkKnownError', linked };
    }
  }
}

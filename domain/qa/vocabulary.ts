import { AppError, AppErrorCode } from '../errors.js';

export type QaSessionState = 'planned' | 'open' | 'closed';
export type QaPairRole = 'opening' | 'closing';
export type QaQuestionKind = 'question' | 'error_report';
export type QaQuestionStatus = 'open' | 'hidden' | 'answered' | 'merged';

/** Who acts: the person's id, and their Entra object id for the audit log. */
export interface QaActor {
  personId: string;
  aadObjectId: string;
}

/** The longest texts a session takes (characters, after trimming). */
export const QA_LIMITS = {
  title: 200,
  question: 1000,
  answer: 4000,
  reason: 500,
  description: 4000,
  vendorReference: 200,
} as const;

/** A session lasts at most this long. */
export const MAX_SESSION_HOURS = 12;

/** The text trimmed, or QA_TEXT_LENGTH when it is empty or longer than `max`. */
export function checkedText(text: string, max: number, what: string): string {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > max) {
    throw new AppError(AppErrorCode.QA_TEXT_LENGTH, { message: `${what} must have 1–${max} characters, has ${trimmed.length}` });
  }
  return trimmed;
}

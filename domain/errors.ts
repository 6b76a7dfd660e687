/**
 * Domain errors carry a stable code; bot/errors.ts maps each code to a message in the user's language.
 * Messages here are for logs and developers, never shown to users as they are.
 */
export const AppErrorCode = {
  NOT_FOUND: 'NOT_FOUND',
  INVALID_INPUT: 'INVALID_INPUT',
  FORBIDDEN: 'FORBIDDEN',
  UNKNOWN_PERSON: 'UNKNOWN_PERSON',
  CONFLICT: 'CONFLICT',
  /** The thing changed since the card that asked was shown (an optimistic version check failed). */
  STALE: 'STALE',
  // The archive registry's rules (domain/archive/rules.ts).
  /** Only received entries (I, N) that are not «utgår» can be written off. */
  ARCHIVE_NOT_BACKLOG: 'ARCHIVE_NOT_BACKLOG',
  /** BU, BN and NN need the reply's journalpostnummer. */
  ARCHIVE_REPLY_REQUIRED: 'ARCHIVE_REPLY_REQUIRED',
  /** The reply is not an entry of the same case of the right type (BU: U; BN, NN: N). */
  ARCHIVE_REPLY_INVALID: 'ARCHIVE_REPLY_INVALID',
  /** «Ikke godkjent» needs a comment. */
  ARCHIVE_COMMENT_REQUIRED: 'ARCHIVE_COMMENT_REQUIRED',
  /** «Unnta» needs an access code, a legal basis from offentleglova and the screened fields. */
  ARCHIVE_SCREENING_INCOMPLETE: 'ARCHIVE_SCREENING_INCOMPLETE',
  /** Screening under offl. §§ 14–15 needs the confirmation that meirinnsyn (§ 11) was considered. */
  ARCHIVE_MEIRINNSYN_REQUIRED: 'ARCHIVE_MEIRINNSYN_REQUIRED',
  /** The caseworker does not work in the unit or sub-unit chosen. */
  ARCHIVE_CASEWORKER_NOT_IN_UNIT: 'ARCHIVE_CASEWORKER_NOT_IN_UNIT',
  /** A case closes only when its received entries are written off and its own finished or dispatched. */
  ARCHIVE_CASE_NOT_CLOSABLE: 'ARCHIVE_CASE_NOT_CLOSABLE',
  /** The entry, case or step is not in a state that allows this action. */
  ARCHIVE_WRONG_STATUS: 'ARCHIVE_WRONG_STATUS',
  /** An entry with the provisional access code XX cannot be registered finally. */
  ARCHIVE_ACCESS_UNDECIDED: 'ARCHIVE_ACCESS_UNDECIDED',
  /** A saksframlegg needs a top approver (toppgodkjenner) in the organisation. */
  ARCHIVE_NO_TOP_APPROVER: 'ARCHIVE_NO_TOP_APPROVER',
  // Spørretimer and known errors (domain/qa/, domain/known-errors/).
  /** The conversation has a session that is not closed at an overlapping time. */
  QA_SESSION_OVERLAP: 'QA_SESSION_OVERLAP',
  /** End not after start, already over, longer than 12 hours, or a pair's opening not before its closing. */
  QA_INVALID_TIMES: 'QA_INVALID_TIMES',
  /** A closed session takes no questions and no votes. */
  QA_SESSION_CLOSED: 'QA_SESSION_CLOSED',
  QA_ANONYMOUS_NOT_ALLOWED: 'QA_ANONYMOUS_NOT_ALLOWED',
  /** The asker cannot vote for their own question. */
  QA_OWN_QUESTION: 'QA_OWN_QUESTION',
  /** The question's status does not allow the action (a vote on a hidden one, answering a merged one …). */
  QA_QUESTION_NOT_OPEN: 'QA_QUESTION_NOT_OPEN',
  /** A question is marked answered only with a written answer. */
  QA_ANSWER_REQUIRED: 'QA_ANSWER_REQUIRED',
  /** A text is empty or longer than its limit (domain/qa/limits.ts). */
  QA_TEXT_LENGTH: 'QA_TEXT_LENGTH',
  /** Only error reports become or link to known errors. */
  QA_NOT_ERROR_REPORT: 'QA_NOT_ERROR_REPORT',
  /** «Meldt til leverandør» needs the vendor's reference. */
  KNOWN_ERROR_VENDOR_REFERENCE_REQUIRED: 'KNOWN_ERROR_VENDOR_REFERENCE_REQUIRED',
  // The knowledge base's management (domain/knowledge/).
  /** Articles are kept by a unit: someone without one keeps none. */
  KB_NO_UNIT: 'KB_NO_UNIT',
  /** Each unit edits only its own articles. */
  KB_OTHER_UNIT: 'KB_OTHER_UNIT',
  /** Only a question with a written answer is published. */
  KB_NOT_ANSWERED: 'KB_NOT_ANSWERED',
  /** The article's other language version already has that language (the same slug). */
  KB_LANGUAGE_TAKEN: 'KB_LANGUAGE_TAKEN',
  /** During a rollout (innføringsmodus) no henvendelse is opened: support is given in the spørretimer (domain/rollout/). */
  ROLLOUT_SUPPORT_IN_QA: 'ROLLOUT_SUPPORT_IN_QA',
} as const;

export type AppErrorCode = (typeof AppErrorCode)[keyof typeof AppErrorCode];

export class AppError extends Error {
  readonly code: AppErrorCode;
  constructor(code: AppErrorCode, options: { message?: string; cause?: unknown } = {}) {
    super(options.message ?? code, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

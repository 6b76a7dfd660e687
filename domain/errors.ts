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

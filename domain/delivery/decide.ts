import type { SendFailure } from './messenger.js';

/** Attempts before a message that keeps failing for a passing reason (5xx, timeout) is given up. */
export const MAX_ATTEMPTS = 6;
const FIRST_RETRY_MS = 2_000;
const LONGEST_RETRY_MS = 5 * 60_000;
/** A 429 without Retry-After waits this long. */
const DEFAULT_RETRY_AFTER_MS = 1_000;

/** Statuses that pass: Teams asks to retry 412, 502, 503, 504; a 500 and a dropped connection are retried too. */
const PASSING = new Set([412, 500, 502, 503, 504]);

export type Decision =
  /** 429: wait as long as Teams says, for this conversation or the whole tenant; not a failed attempt. */
  | { action: 'throttled'; waitMs: number; tenantWide: boolean }
  | { action: 'retry'; waitMs: number; reason: string }
  | { action: 'fail'; reason: string }
  /** Teams will not deliver to this person: stop sending to them. */
  | { action: 'unreachable'; reason: 'blocked' | 'not_installed' }
  /** The person deleted the chat: create it again, once. */
  | { action: 'recreate' };

export interface DecideContext {
  operation: 'create' | 'send' | 'reply' | 'update';
  /** Attempts made, this one included. */
  attempts: number;
  /** A personal chat whose conversation can be created again (not a channel, not an update). */
  canRecreate: boolean;
  random?: () => number;
  /** The first retry's delay (tests shorten it); each next one doubles. */
  firstRetryMs?: number;
}

/** What to do after Teams refused a call (STACK.md: honour Retry-After; retry 412/502/503/504; 403 blocked; 404 deleted). */
export function decide(failure: SendFailure, context: DecideContext): Decision {
  const { status, code } = failure;
  if (status === 429) {
    return { action: 'throttled', waitMs: failure.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS, tenantWide: failure.tenantWide };
  }
  if (status === 403) {
    if (context.operation === 'create') return { action: 'unreachable', reason: 'not_installed' };
    if (code === 'MessageWritesBlocked') return { action: 'unreachable', reason: 'blocked' };
    return { action: 'fail', reason: describe(failure) };
  }
  if (status === 404 && context.canRecreate) return { action: 'recreate' };
  const passing = failure.timedOut || status === undefined || PASSING.has(status);
  if (!passing) return { action: 'fail', reason: describe(failure) };
  if (context.attempts >= MAX_ATTEMPTS) return { action: 'fail', reason: `${describe(failure)} (gave up after ${context.attempts} attempts)` };
  return { action: 'retry', waitMs: retryDelay(context.attempts, context.random ?? Math.random, context.firstRetryMs), reason: describe(failure) };
}

/** Exponential backoff with jitter: half of the delay is fixed, half random, capped at 5 minutes. */
export function retryDelay(attempts: number, random: () => number, firstRetryMs = FIRST_RETRY_MS): number {
  const delay = Math.min(LONGEST_RETRY_MS, firstRetryMs * 2 ** (attempts - 1));
  return Math.round(delay / 2 + (random() * delay) / 2);
}

/** The reason an administrator reads in `status utsending`: status and Teams' code, never message text. */
export function describe(failure: SendFailure): string {
  if (failure.timedOut) return 'timeout';
  if (failure.status === undefined) return `network error${failure.code ? ` ${failure.code}` : ''}`;
  return `${failure.status}${failure.code ? ` ${failure.code}` : ''}`;
}

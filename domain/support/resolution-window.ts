/** How long a requester may confirm or reopen a resolved henvendelse; after that it closes by itself. */
export const CONFIRM_DAYS = 14;

/**
 * The moment the requester's answer is no longer taken: exactly 14 × 24 hours after «Løs», the
 * same instant counted in UTC (across a change to or from summer time that is an hour earlier or
 * later on the Oslo wall clock, which a window of two weeks can bear). The automatic closing
 * (auto-close-requests.ts) uses the same moment, so the two never disagree.
 */
export function respondUntil(resolvedAt: Date): Date {
  return new Date(resolvedAt.getTime() + CONFIRM_DAYS * 24 * 60 * 60 * 1000);
}

/** The latest resolvedAt that is due for closing at `now`. */
export function closingCutoff(now: Date): Date {
  return new Date(now.getTime() - CONFIRM_DAYS * 24 * 60 * 60 * 1000);
}

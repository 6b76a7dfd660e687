import { isOpen, SUPPORT_LINES, type SupportLine, type SupportStatus } from './vocabulary.js';

/** The longest reason a hand-over takes. */
export const HANDOVER_REASON_LIMIT = 2000;
/** The longest vendor reference («Meldt til leverandør»). */
export const VENDOR_REFERENCE_LIMIT = 100;
/** The longest answer from IT the archive records. */
export const IT_ANSWER_LIMIT = 4000;

/** Up is away from the first line (towards specialists, vendor, system administrator, IT), down is back. */
export type HandoverDirection = 'up' | 'down';

const LINE_RANK: Record<SupportLine, number> = { forstelinje: 0, prosessradgiver: 1, fagspesialist: 2, leverandor: 3, systemadministrator: 3, it: 3 };

/** A hand-over between two lines of the same rank (vendor to system administrator, one subject area to another) counts as up. */
export const directionOf = (from: SupportLine, to: SupportLine): HandoverDirection => (LINE_RANK[to] >= LINE_RANK[from] ? 'up' : 'down');

/** What the channel card's «Send videre eller tilbake» offers. */
export interface HandoverChoices {
  targets: { line: SupportLine; direction: HandoverDirection }[];
  /** For the specialists: every active subject area, the henvendelse's own chosen first. */
  subjectAreas: { id: string; name: string }[];
  subjectAreaId: string | null;
}

/**
 * Where a henvendelse may be handed from where it is: any other line, and another subject area's
 * specialists. None while it is at IT (IT's answer brings it back) or once it is resolved or
 * closed. The server checks the choice again (hand-over.ts): the card only offers. The subject
 * areas are every active one, by name (the caller reads them with the henvendelse).
 */
export function handoverChoices(
  request: { line: SupportLine; status: SupportStatus; subjectAreaId: string | null },
  activeSubjectAreas: readonly { id: string; name: string }[],
): HandoverChoices | null {
  if (!isOpen(request.status) || request.line === 'it') return null;
  const targets = SUPPORT_LINES.filter((line) => line !== request.line || line === 'fagspesialist').map((line) => ({ line, direction: directionOf(request.line, line) }));
  return { targets, subjectAreas: [...activeSubjectAreas], subjectAreaId: request.subjectAreaId };
}

/**
 * The registry's rules as pure functions: the built-in registry applies them inside its
 * transactions, and the daily card can use them on what the port returns.
 */
import { AppErrorCode } from '../errors.js';
import type { AccessDecision } from './port.js';
import {
  FORELOPIG_SVAR,
  MEIRINNSYN_HJEMLER,
  OFFENTLEGLOVA_HJEMLER,
  SKJERMEDE_FELT,
  TILGANGSKODER,
  isOneOf,
  type Avskrivningsmate,
  type IsoDate,
  type Journalposttype,
  type Journalstatus,
} from './vocabulary.js';

/** A rule's refusal: the AppError code the registry throws. */
export type ArchiveProblem =
  | typeof AppErrorCode.ARCHIVE_NOT_BACKLOG
  | typeof AppErrorCode.ARCHIVE_REPLY_REQUIRED
  | typeof AppErrorCode.ARCHIVE_REPLY_INVALID
  | typeof AppErrorCode.ARCHIVE_SCREENING_INCOMPLETE
  | typeof AppErrorCode.ARCHIVE_MEIRINNSYN_REQUIRED
  | typeof AppErrorCode.ARCHIVE_COMMENT_REQUIRED
  | typeof AppErrorCode.INVALID_INPUT;

export interface EntryFacts {
  type: Journalposttype;
  status: Journalstatus;
  writeOffMethod: Avskrivningsmate | null;
}

/** Received entries owe an answer: incoming (I) and notes for follow-up (N). X notes never do. */
export const isReceivedType = (type: Journalposttype): boolean => type === 'I' || type === 'N';

/** Written off for good: a write-off other than *** (a foreløpig svar keeps the entry owed). */
export const isWrittenOff = (writeOffMethod: Avskrivningsmate | null): boolean => writeOffMethod !== null && writeOffMethod !== FORELOPIG_SVAR;

/** Restanse: a received entry not written off for good and not «utgår». */
export function isBacklog(entry: EntryFacts): boolean {
  return isReceivedType(entry.type) && entry.status !== 'U' && !isWrittenOff(entry.writeOffMethod);
}

/** The journalposttype the reply must have for a write-off method, or null when none is needed. */
export function replyTypeFor(method: Avskrivningsmate): Journalposttype | null {
  switch (method) {
    case 'BU':
      return 'U';
    case 'BN':
    case 'NN':
      return 'N';
    default:
      return null;
  }
}

export interface ReplyFacts {
  caseId: string;
  type: Journalposttype;
  status: Journalstatus;
}

/**
 * May this entry be written off with this method and reply? BU needs an outgoing letter (U) of the
 * same case, BN and NN a note (N) of the same case; the others need no reply. `reply` is the
 * entry found for the reference given (undefined: none given; null: given but not found).
 */
export function writeOffProblem(
  entry: EntryFacts & { caseId: string; id: string },
  method: Avskrivningsmate,
  reply: (ReplyFacts & { id: string }) | null | undefined,
): ArchiveProblem | null {
  if (!isBacklog(entry)) return AppErrorCode.ARCHIVE_NOT_BACKLOG;
  const wanted = replyTypeFor(method);
  if (wanted === null) return null;
  if (reply === undefined) return AppErrorCode.ARCHIVE_REPLY_REQUIRED;
  if (reply === null || reply.id === entry.id || reply.caseId !== entry.caseId || reply.type !== wanted || reply.status === 'U') {
    return AppErrorCode.ARCHIVE_REPLY_INVALID;
  }
  return null;
}

/**
 * Is «Unnta» complete? A real access code (not XX), a paragraph of offentleglova, at least one
 * screened field, and for §§ 14–15 the confirmation that meirinnsyn (§ 11) was considered.
 */
export function accessDecisionProblem(decision: AccessDecision): ArchiveProblem | null {
  if (decision.kind === 'offentlig') return null;
  const fields = decision.screenedFields;
  if (
    !isOneOf(TILGANGSKODER, decision.accessCode) ||
    (decision.accessCode as string) === 'XX' ||
    !isOneOf(OFFENTLEGLOVA_HJEMLER, decision.legalBasis) ||
    !Array.isArray(fields) ||
    fields.length === 0 ||
    !fields.every((field) => isOneOf(SKJERMEDE_FELT, field))
  ) {
    return AppErrorCode.ARCHIVE_SCREENING_INCOMPLETE;
  }
  if (MEIRINNSYN_HJEMLER.includes(decision.legalBasis) && decision.meirinnsynConsidered !== true) return AppErrorCode.ARCHIVE_MEIRINNSYN_REQUIRED;
  return null;
}

/** A required comment: not empty once trimmed. */
export const commentProblem = (comment: string | null | undefined): ArchiveProblem | null =>
  typeof comment === 'string' && comment.trim().length > 0 ? null : AppErrorCode.ARCHIVE_COMMENT_REQUIRED;

/** Own entries are done when finished (F), approved and dispatched (E), registered (J) or archived (A). */
const FINISHED: readonly Journalstatus[] = ['F', 'E', 'J', 'A'];

/**
 * A case closes only when every received entry (I, N) is written off for good and every own
 * entry (U, X, S) is finished or dispatched. Entries marked «utgår» (U) do not count.
 */
export function caseIsClosable(entries: readonly EntryFacts[]): boolean {
  return entries.every((entry) => {
    if (entry.status === 'U') return true;
    if (isReceivedType(entry.type)) return isWrittenOff(entry.writeOffMethod);
    return FINISHED.includes(entry.status);
  });
}

/** Days before the month of forvaltningsloven § 11 a is out that the card warns (about a week). */
export const FORELOPIG_SVAR_WARNING_DAYS = 21;

/**
 * «Foreløpig svar bør sendes»: an entry in an enkeltvedtak case, still owed an answer, received
 * `FORELOPIG_SVAR_WARNING_DAYS` or more days ago, with no foreløpig svar (***) yet.
 */
export function needsForelopigSvar(entry: EntryFacts & { enkeltvedtak: boolean; receivedDate: IsoDate }, today: IsoDate): boolean {
  if (!entry.enkeltvedtak || entry.type !== 'I' || !isBacklog(entry) || entry.writeOffMethod === FORELOPIG_SVAR) return false;
  return daysBetween(entry.receivedDate, today) >= FORELOPIG_SVAR_WARNING_DAYS;
}

// --- numbers and dates --------------------------------------------------------------------------

const CASE_NUMBER = /^(\d{4})\/(\d{1,7})$/;
const ENTRY_NUMBER = /^(\d{4})\/(\d{1,7})-(\d{1,5})$/;

/** `2026/1234` → year and sequence, or null. */
export function parseCaseNumber(text: string): { year: number; sequence: number } | null {
  const match = CASE_NUMBER.exec(text.trim());
  return match ? { year: Number(match[1]), sequence: Number(match[2]) } : null;
}

/** `2026/1234-3` → the case's year and sequence and the entry's dokumentnummer, or null. */
export function parseEntryNumber(text: string): { year: number; sequence: number; entry: number } | null {
  const match = ENTRY_NUMBER.exec(text.trim());
  return match ? { year: Number(match[1]), sequence: Number(match[2]), entry: Number(match[3]) } : null;
}

export const caseNumber = (year: number, sequence: number): string => `${year}/${sequence}`;
export const entryNumber = (year: number, sequence: number, entry: number): string => `${year}/${sequence}-${entry}`;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date as `YYYY-MM-DD` (2026-02-30 is not). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const result = new Date(`${date}T00:00:00Z`);
  result.setUTCDate(result.getUTCDate() + days);
  return result.toISOString().slice(0, 10);
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * What a person types after `fravær` (nn `fråvær`, en `away`): one day or a range, in the date
 * forms Norwegians write — `23.12`, `23.12.`, `23.12.2026`, `23.12.26` — with `–`, `-` or `til`
 * (`to`) between two dates, and `fra`/`frå`/`from` in front if they like. A date without a year is
 * the next time that day comes, so `23.12–2.1` typed in November is 23 December to 2 January of the
 * year after. "Today" is a parameter, so the parser is pure.
 */
import type { LocalDate } from '../calendar/working-days.js';

/** The longest absence one registration takes (a year of leave is registered in two). */
export const MAX_ABSENCE_DAYS = 366;

export type AbsenceParseProblem =
  | { code: 'empty' }
  /** A part that is no date, or more than two dates. `text` is the part as typed. */
  | { code: 'notADate'; text: string }
  /** Looks like a date but the day does not exist (31.4, 29.2.2027). */
  | { code: 'noSuchDate'; text: string }
  | { code: 'endBeforeStart'; from: LocalDate; to: LocalDate }
  | { code: 'past'; to: LocalDate }
  | { code: 'tooLong'; days: number };

export type AbsenceParseResult =
  | { ok: true; from: LocalDate; to: LocalDate }
  | { ok: false; problem: AbsenceParseProblem };

interface TypedDate {
  text: string;
  day: number;
  month: number;
  year?: number;
}

// Day and month of one or two digits, an optional year of two or four, an optional final dot.
const DATE = /^(\d{1,2})\.(\d{1,2})(?:\.(\d{4}|\d{2}))?\.?$/;
// En dash, em dash, minus sign and hyphen all separate; `til`/`to` only as a word.
const SEPARATOR = /\s*[–—−-]\s*|\s+(?:til|to)\s+/i;
const LEADING_FROM = /^(?:fra|frå|from)\s+/i;

const fail = (problem: AbsenceParseProblem): AbsenceParseResult => ({ ok: false, problem });

function readDate(text: string): TypedDate | undefined {
  const match = DATE.exec(text);
  if (!match) return undefined;
  const year = match[3] === undefined ? undefined : Number(match[3].length === 2 ? `20${match[3]}` : match[3]);
  return { text, day: Number(match[1]), month: Number(match[2]), year };
}

/** The day, or undefined when it does not exist in that year. */
function dateIn(year: number, { day, month }: TypedDate): LocalDate | undefined {
  if (month < 1 || month > 12 || day < 1) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return undefined;
  return date.toISOString().slice(0, 10);
}

const yearOf = (date: LocalDate) => Number(date.slice(0, 4));

/** The first time a yearless day comes on or after `date` (29.2 waits for a leap year). */
function onOrAfter(date: LocalDate, typed: TypedDate): LocalDate | undefined {
  for (let year = yearOf(date); year <= yearOf(date) + 4; year += 1) {
    const candidate = dateIn(year, typed);
    if (candidate && candidate >= date) return candidate;
  }
  return undefined;
}

/** The last time a yearless day came on or before `date`. */
function onOrBefore(date: LocalDate, typed: TypedDate): LocalDate | undefined {
  for (let year = yearOf(date); year >= yearOf(date) - 4; year -= 1) {
    const candidate = dateIn(year, typed);
    if (candidate && candidate <= date) return candidate;
  }
  return undefined;
}

/** Whole days from `from` to `to`, both counted. */
export function daysInclusive(from: LocalDate, to: LocalDate): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
}

/**
 * Reads an absence. A start without a year is the one that makes the absence end today or later
 * (so `23.12–2.1` typed on 30 December is the absence going on now, not next year's); an end
 * without a year is the first such day on or after the start.
 */
export function parseAbsence(input: string, today: LocalDate): AbsenceParseResult {
  // A final dot belongs to the date (`23.12.`); other end punctuation is dropped.
  const text = input.trim().replace(/[!?]+$/, '').trim();
  if (text === '') return fail({ code: 'empty' });
  const parts = text.replace(LEADING_FROM, '').split(SEPARATOR);
  const typed: TypedDate[] = [];
  for (const part of parts) {
    const date = part === '' ? undefined : readDate(part);
    if (!date) return fail({ code: 'notADate', text: part === '' ? text : part });
    typed.push(date);
  }
  // Three dates: the third is the one that does not belong.
  if (parts.length > 2) return fail({ code: 'notADate', text: parts.slice(2).join(' – ') });
  const [first, second = first] = typed as [TypedDate, TypedDate?];

  // Explicit years are checked at once: 31.4.2026 does not exist in any reading.
  for (const date of typed) {
    if (date.year !== undefined && !dateIn(date.year, date)) return fail({ code: 'noSuchDate', text: date.text });
    // 2024 is a leap year: a yearless 29.2 exists, 30.2 never does.
    if (date.year === undefined && !dateIn(2024, date)) return fail({ code: 'noSuchDate', text: date.text });
  }

  let from: LocalDate | undefined;
  let to: LocalDate | undefined;
  if (first.year !== undefined) {
    from = dateIn(first.year, first)!;
    to = second.year !== undefined ? dateIn(second.year, second)! : onOrAfter(from, second);
  } else if (second.year !== undefined) {
    to = dateIn(second.year, second)!;
    from = onOrBefore(to, first);
  } else {
    // The earliest reading that is not over: last year's, this year's or next year's start.
    for (let year = yearOf(today) - 1; year <= yearOf(today) + 4 && !(to && to >= today); year += 1) {
      from = dateIn(year, first);
      to = from && onOrAfter(from, second);
    }
  }
  if (!from) return fail({ code: 'noSuchDate', text: first.text });
  if (!to) return fail({ code: 'noSuchDate', text: second.text });
  return checkAbsenceRange(from, to, today);
}

/**
 * The rules every absence keeps, however it was given (typed, or the card's date fields): it ends
 * on or after its start, today or later, and spans at most a year.
 */
export function checkAbsenceRange(from: LocalDate, to: LocalDate, today: LocalDate): AbsenceParseResult {
  if (to < from) return fail({ code: 'endBeforeStart', from, to });
  if (to < today) return fail({ code: 'past', to });
  const days = daysInclusive(from, to);
  if (days > MAX_ABSENCE_DAYS) return fail({ code: 'tooLong', days });
  return { ok: true, from, to };
}

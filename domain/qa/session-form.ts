import { parseAbsence } from '../absence/parse-absence.js';
import { addDays, instantAt, isWorkingDay, type LocalDate } from '../calendar/working-days.js';
import type { SessionSchedule } from './create-session.js';
import { MAX_PAIR_DATES } from './create-session.js';

/** What is wrong with the create form, by code (the route words it), with the part that did not parse. */
export type SessionFormProblem =
  | { code: 'titleMissing' }
  | { code: 'onceIncomplete' }
  | { code: 'pairIncomplete' }
  | { code: 'badDate'; text: string }
  | { code: 'tooManyDates' };

export interface SessionFormInput {
  mode: 'once' | 'pair';
  title: string;
  date?: string;
  start?: string;
  end?: string;
  dates?: string;
  openingStart?: string;
  openingEnd?: string;
  closingStart?: string;
  closingEnd?: string;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Input.Time may send seconds (`09:00:00`); the domain takes `HH:MM`. */
const timeOf = (value: string | undefined) => {
  const trimmed = value?.trim().slice(0, 5);
  return trimmed && TIME.test(trimmed) ? trimmed : undefined;
};

/**
 * The create form read into a schedule: once (a date, from and to) or a recurring pair over a
 * list of dates (`2.12, 3.12, 4.12`; a range `2.12–6.12` gives its working days), with the opening
 * and closing times. Pure; the times' order, length and overlap are the domain's checks.
 */
export function readSessionForm(input: SessionFormInput, today: LocalDate): { ok: true; schedule: SessionSchedule } | { ok: false; problem: SessionFormProblem } {
  if (!input.title.trim()) return { ok: false, problem: { code: 'titleMissing' } };
  if (input.mode === 'once') {
    const start = timeOf(input.start);
    const end = timeOf(input.end);
    const date = input.date?.trim();
    if (!date || !DAY.test(date) || !start || !end) return { ok: false, problem: { code: 'onceIncomplete' } };
    return { ok: true, schedule: { once: { startsAt: instantAt(date, start), endsAt: instantAt(date, end) } } };
  }
  const times = [input.openingStart, input.openingEnd, input.closingStart, input.closingEnd].map(timeOf);
  if (!input.dates?.trim() || times.some((time) => time === undefined)) return { ok: false, problem: { code: 'pairIncomplete' } };
  const dates: LocalDate[] = [];
  for (const part of input.dates.split(/[,;\n]+/).map((item) => item.trim()).filter(Boolean)) {
    const parsed = parseAbsence(part, today);
    if (!parsed.ok) return { ok: false, problem: { code: 'badDate', text: part } };
    if (parsed.from === parsed.to) dates.push(parsed.from);
    else for (let day = parsed.from; day <= parsed.to && dates.length <= MAX_PAIR_DATES; day = addDays(day, 1)) if (isWorkingDay(day)) dates.push(day);
    if (dates.length > MAX_PAIR_DATES) return { ok: false, problem: { code: 'tooManyDates' } };
  }
  const [openingStart, openingEnd, closingStart, closingEnd] = times as string[];
  return {
    ok: true,
    schedule: { pair: { dates: [...new Set(dates)].sort(), opening: { start: openingStart!, end: openingEnd! }, closing: { start: closingStart!, end: closingEnd! } } },
  };
}

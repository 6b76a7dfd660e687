/**
 * Working days in Norway: no weekends, no public holidays (helligdager and 1 and 17 May). The
 * holidays come from `date-holidays` (country NO), a maintained library, not a hand-made list; it
 * also lists observances and bank days such as julaften, which are working days, so only
 * `type === 'public'` counts.
 */
import Holidays from 'date-holidays';

export const OSLO = 'Europe/Oslo';

/** A day in the calendar, `YYYY-MM-DD`, with no time and no zone. */
export type LocalDate = string;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

const norway = new Holidays('NO');
const holidaysByYear = new Map<number, ReadonlyMap<LocalDate, string>>();

/** Norway's public holidays of a year: the date and its Norwegian name. */
export function publicHolidays(year: number): ReadonlyMap<LocalDate, string> {
  let holidays = holidaysByYear.get(year);
  if (!holidays) {
    const byDate = new Map<LocalDate, string>();
    for (const holiday of norway.getHolidays(year)) {
      if (holiday.type !== 'public') continue;
      // `date` is the local day ("2026-05-17 00:00:00"); its instants depend on the library's zone.
      const date = holiday.date.slice(0, 10);
      // Two on one day happen (17 May 2027 is also Whit Monday): keep both names.
      const earlier = byDate.get(date);
      byDate.set(date, earlier ? `${earlier} / ${holiday.name}` : holiday.name);
    }
    holidays = byDate;
    holidaysByYear.set(year, holidays);
  }
  return holidays;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClockOf(instant: Date, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

const pad = (value: number) => String(value).padStart(2, '0');

/** The calendar day an instant falls on in a time zone. */
export function localDateOf(instant: Date, timeZone: string = OSLO): LocalDate {
  const clock = wallClockOf(instant, timeZone);
  return `${clock.year}-${pad(clock.month)}-${pad(clock.day)}`;
}

function parseLocalDate(date: LocalDate): { year: number; month: number; day: number } {
  const match = LOCAL_DATE.exec(date);
  if (!match) throw new RangeError(`Not a date (YYYY-MM-DD): ${date}`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/** The day after (or `days` after) a calendar day. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const { year, month, day } = parseLocalDate(date);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Monday 1 … Sunday 7. */
function weekdayOf(date: LocalDate): number {
  const { year, month, day } = parseLocalDate(date);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() || 7;
}

/** The holiday's name when the day is a Norwegian public holiday. */
export function publicHolidayOn(date: LocalDate): string | undefined {
  return publicHolidays(parseLocalDate(date).year).get(date);
}

/**
 * Whether a day is a working day: Monday to Friday and not a public holiday. An instant is read as
 * the day it falls on in `timeZone`; a `YYYY-MM-DD` day is taken as it is.
 */
export function isWorkingDay(date: Date | LocalDate, timeZone: string = OSLO): boolean {
  const day = typeof date === 'string' ? date : localDateOf(date, timeZone);
  return weekdayOf(day) <= 5 && publicHolidayOn(day) === undefined;
}

/** Parses a time of day `HH:MM` (24-hour clock); undefined when it is not one. */
export function parseTimeOfDay(time: string): { hour: number; minute: number } | undefined {
  const match = TIME_OF_DAY.exec(time.trim());
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : undefined;
}

/** Milliseconds the zone is ahead of UTC at an instant (+3 600 000 for Oslo in winter). */
function offsetAt(instant: number, timeZone: string): number {
  const clock = wallClockOf(new Date(instant), timeZone);
  const asUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a wall-clock time on a day has in a time zone. The offset is looked up twice because
 * it can differ between the naive guess and the answer on the days the clocks change; a time the
 * clocks skip (02:30 on the last Sunday of March) comes out an hour later, as a wall clock shows it, and one they pass twice (02:30 on the last Sunday of
 * October) in winter time.
 */
export function instantAt(date: LocalDate, time: string, timeZone: string = OSLO): Date {
  const { year, month, day } = parseLocalDate(date);
  const clock = parseTimeOfDay(time);
  if (!clock) throw new RangeError(`Not a time of day (HH:MM): ${time}`);
  const naive = Date.UTC(year, month - 1, day, clock.hour, clock.minute);
  const first = naive - offsetAt(naive, timeZone);
  const second = naive - offsetAt(first, timeZone);
  return new Date(second);
}

/** Norway has at most a few public holidays in a row; a month of days without one is a bug. */
const SEARCH_DAYS = 31;

/**
 * When a daily run at `time` (wall clock in `timeZone`) happens next after `after`: today's run if
 * today is a working day and the time is still to come, else the next working day's.
 */
export function nextRunAt(after: Date, time: string = '07:30', timeZone: string = OSLO): Date {
  const today = localDateOf(after, timeZone);
  for (let offset = 0; offset <= SEARCH_DAYS; offset += 1) {
    const day = addDays(today, offset);
    if (!isWorkingDay(day)) continue;
    const run = instantAt(day, time, timeZone);
    if (run.getTime() > after.getTime()) return run;
  }
  throw new Error(`No working day within ${SEARCH_DAYS} days after ${today}`);
}

/**
 * The day whose daily run is due at `now` (its `YYYY-MM-DD`, a job's run key), or null: none on a
 * day that is no working day, and none before the run's time.
 */
export function dueRunDate(now: Date, time: string = '07:30', timeZone: string = OSLO): LocalDate | null {
  const today = localDateOf(now, timeZone);
  if (!isWorkingDay(today)) return null;
  return now.getTime() >= instantAt(today, time, timeZone).getTime() ? today : null;
}

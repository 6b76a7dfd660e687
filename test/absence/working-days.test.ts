import { describe, expect, it } from 'vitest';
import {
  dueRunDate,
  instantAt,
  isWorkingDay,
  localDateOf,
  nextRunAt,
  publicHolidayOn,
  publicHolidays,
} from '../../domain/calendar/working-days.js';

describe('Norwegian working days', () => {
  it('the public holidays of 2026 are the ten days Norway observes, and no others', () => {
    expect([...publicHolidays(2026).keys()].filter((date) => isWeekday(date))).toEqual([
      '2026-01-01', // nyttårsdag
      '2026-04-02', // skjærtorsdag
      '2026-04-03', // langfredag
      '2026-04-06', // andre påskedag
      '2026-05-01',
      '2026-05-14', // Kristi himmelfartsdag
      '2026-05-25', // andre pinsedag
      '2026-12-25',
      // 17 May 2026 and 26 Dec 2026 are a Sunday and a Saturday.
    ]);
    expect(publicHolidayOn('2026-05-17')).toBe('Grunnlovsdagen');
    expect(publicHolidayOn('2026-12-26')).toBe('Andre juledag');
  });

  it('2027: Easter in March, and 17 May on Whit Monday counts once with both names', () => {
    for (const date of ['2027-03-25', '2027-03-26', '2027-03-29', '2027-05-06', '2027-05-17']) {
      expect(isWorkingDay(date), date).toBe(false);
    }
    expect(publicHolidayOn('2027-05-17')).toMatch(/Grunnlovsdagen|Andre pinsedag/);
    expect(publicHolidayOn('2027-05-17')).toContain(' / ');
    // 25 and 26 Dec 2027 are a Saturday and a Sunday; the Monday after is an ordinary working day.
    expect(isWorkingDay('2027-12-27')).toBe(true);
  });

  it('julaften, nyttårsaften, 8 May and Holy Wednesday are working days', () => {
    for (const date of ['2026-12-24', '2026-12-31', '2026-05-08', '2026-04-01', '2027-12-24', '2027-12-31']) {
      expect(isWorkingDay(date), date).toBe(true);
    }
  });

  it('Saturdays and Sundays are not working days', () => {
    expect(isWorkingDay('2026-11-28')).toBe(false);
    expect(isWorkingDay('2026-11-29')).toBe(false);
    expect(isWorkingDay('2026-11-30')).toBe(true);
  });

  it('an instant is read as the day it is in Oslo, not in UTC', () => {
    // 23:30 UTC on Friday 1 May 2026 is already Saturday in Oslo; 22:30 UTC on 16 May is 17 May.
    expect(localDateOf(new Date('2026-05-01T22:30:00Z'))).toBe('2026-05-02');
    expect(isWorkingDay(new Date('2026-05-13T22:30:00Z'))).toBe(false); // 00:30 on Ascension Day
    expect(isWorkingDay(new Date('2026-05-13T21:30:00Z'))).toBe(true); // 23:30 the day before
    expect(isWorkingDay(new Date('2026-05-13T22:30:00Z'), 'UTC')).toBe(true);
  });
});

describe('the next daily run', () => {
  it('is today at 07:30 Oslo time when today is a working day and 07:30 is still to come', () => {
    expect(nextRunAt(new Date('2026-11-26T05:00:00Z')).toISOString()).toBe('2026-11-26T06:30:00.000Z');
  });

  it('is the next working day once today’s run time has passed, and exactly at it too', () => {
    expect(nextRunAt(new Date('2026-11-26T06:30:00Z')).toISOString()).toBe('2026-11-27T06:30:00.000Z');
  });

  it('skips the weekend', () => {
    expect(nextRunAt(new Date('2026-11-27T12:00:00Z')).toISOString()).toBe('2026-11-30T06:30:00.000Z');
  });

  it('skips Easter 2026 from Maundy Thursday to Easter Monday', () => {
    expect(nextRunAt(new Date('2026-04-01T12:00:00Z')).toISOString()).toBe('2026-04-07T05:30:00.000Z');
  });

  it('skips Christmas and New Year 2026–27 but not julaften or nyttårsaften', () => {
    expect(nextRunAt(new Date('2026-12-23T12:00:00Z')).toISOString()).toBe('2026-12-24T06:30:00.000Z');
    expect(nextRunAt(new Date('2026-12-24T12:00:00Z')).toISOString()).toBe('2026-12-28T06:30:00.000Z');
    expect(nextRunAt(new Date('2026-12-31T12:00:00Z')).toISOString()).toBe('2027-01-04T06:30:00.000Z');
  });

  it('skips Ascension Day, 17 May and Whit Monday 2027', () => {
    expect(nextRunAt(new Date('2027-05-05T12:00:00Z')).toISOString()).toBe('2027-05-07T05:30:00.000Z');
    expect(nextRunAt(new Date('2027-05-14T12:00:00Z')).toISOString()).toBe('2027-05-18T05:30:00.000Z');
  });

  it('keeps 07:30 on the wall clock across the spring change of the clocks (29 March 2026)', () => {
    // Friday 27 March is CET (UTC+1); Monday 30 March is CEST (UTC+2).
    expect(nextRunAt(new Date('2026-03-27T06:00:00Z')).toISOString()).toBe('2026-03-27T06:30:00.000Z');
    expect(nextRunAt(new Date('2026-03-27T07:00:00Z')).toISOString()).toBe('2026-03-30T05:30:00.000Z');
  });

  it('keeps 07:30 on the wall clock across the autumn change of the clocks (25 October 2026, 31 October 2027)', () => {
    expect(nextRunAt(new Date('2026-10-23T07:00:00Z')).toISOString()).toBe('2026-10-26T06:30:00.000Z');
    expect(nextRunAt(new Date('2027-10-29T07:00:00Z')).toISOString()).toBe('2027-11-01T06:30:00.000Z');
  });

  it('takes the organisation’s own time', () => {
    expect(nextRunAt(new Date('2026-11-26T06:45:00Z'), '08:15').toISOString()).toBe('2026-11-26T07:15:00.000Z');
    expect(() => nextRunAt(new Date(), '7.30')).toThrow(/HH:MM/);
  });

  it('a wall-clock time on the night the clocks change: skipped times move an hour on, repeated ones are taken in winter time', () => {
    expect(instantAt('2026-03-29', '02:30').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(instantAt('2026-10-25', '02:30').toISOString()).toBe('2026-10-25T01:30:00.000Z');
    expect(instantAt('2026-10-25', '03:30').toISOString()).toBe('2026-10-25T02:30:00.000Z');
  });

  it('a run is due from its time on a working day, and never on a holiday or a weekend', () => {
    expect(dueRunDate(new Date('2026-11-26T06:29:00Z'))).toBeNull();
    expect(dueRunDate(new Date('2026-11-26T06:30:00Z'))).toBe('2026-11-26');
    expect(dueRunDate(new Date('2026-11-26T22:59:00Z'))).toBe('2026-11-26');
    expect(dueRunDate(new Date('2026-11-28T09:00:00Z'))).toBeNull(); // Saturday
    expect(dueRunDate(new Date('2026-05-14T09:00:00Z'))).toBeNull(); // Ascension Day
  });
});

function isWeekday(date: string): boolean {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6;
}

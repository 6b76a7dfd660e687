import { describe, expect, it } from 'vitest';
import { parseAbsence } from '../../domain/absence/parse-absence.js';

const NOV_26 = '2026-11-26';
const range = (from: string, to: string) => ({ ok: true, from, to });
const problem = (value: object) => ({ ok: false, problem: value });

describe('reading an absence typed after «fravær»', () => {
  it('a range across new year without years runs from this December to next January', () => {
    expect(parseAbsence('23.12–2.1', NOV_26)).toEqual(range('2026-12-23', '2027-01-02'));
  });

  it('takes an en dash, a hyphen, «til» and «to», with or without spaces', () => {
    for (const text of ['23.12-2.1', '23.12 - 2.1', '23.12 – 2.1', '23.12 til 2.1', '23.12 TIL 2.1', '23.12 to 2.1', '23.12—2.1']) {
      expect(parseAbsence(text, NOV_26), text).toEqual(range('2026-12-23', '2027-01-02'));
    }
  });

  it('takes «fra» / «frå» / «from» in front and a final dot after a date', () => {
    expect(parseAbsence('fra 23.12. til 2.1.', NOV_26)).toEqual(range('2026-12-23', '2027-01-02'));
    expect(parseAbsence('frå 23.12 til 2.1', NOV_26)).toEqual(range('2026-12-23', '2027-01-02'));
    expect(parseAbsence('from 23.12 to 2.1!', NOV_26)).toEqual(range('2026-12-23', '2027-01-02'));
  });

  it('takes four-digit and two-digit years, and leading zeros', () => {
    expect(parseAbsence('23.12.2026–02.01.2027', NOV_26)).toEqual(range('2026-12-23', '2027-01-02'));
    expect(parseAbsence('23.12.26-2.1.27', NOV_26)).toEqual(range('2026-12-23', '2027-01-02'));
    expect(parseAbsence('01.03.2027', NOV_26)).toEqual(range('2027-03-01', '2027-03-01'));
  });

  it('a year on one end only: the other end is the nearest such day on the right side of it', () => {
    expect(parseAbsence('23.12.2026–2.1', NOV_26)).toEqual(range('2026-12-23', '2027-01-02'));
    expect(parseAbsence('23.12–2.1.2027', NOV_26)).toEqual(range('2026-12-23', '2027-01-02'));
    expect(parseAbsence('23.12.2027–2.1', NOV_26)).toEqual(range('2027-12-23', '2028-01-02'));
  });

  it('a single day is one day; a day already passed this year is next year’s', () => {
    expect(parseAbsence('4.12', NOV_26)).toEqual(range('2026-12-04', '2026-12-04'));
    expect(parseAbsence('26.11', NOV_26)).toEqual(range('2026-11-26', '2026-11-26'));
    expect(parseAbsence('5.1', NOV_26)).toEqual(range('2027-01-05', '2027-01-05'));
    expect(parseAbsence('25.11', NOV_26)).toEqual(range('2027-11-25', '2027-11-25'));
  });

  it('an absence going on now is read as that one, not next year’s', () => {
    expect(parseAbsence('23.12–2.1', '2026-12-30')).toEqual(range('2026-12-23', '2027-01-02'));
    expect(parseAbsence('23.12–2.1', '2027-01-02')).toEqual(range('2026-12-23', '2027-01-02'));
    expect(parseAbsence('23.12–2.1', '2027-01-03')).toEqual(range('2027-12-23', '2028-01-02'));
    expect(parseAbsence('20.11–30.11', NOV_26)).toEqual(range('2026-11-20', '2026-11-30'));
  });

  it('29 February without a year waits for a leap year; with a year it must be one', () => {
    expect(parseAbsence('29.2', NOV_26)).toEqual(range('2028-02-29', '2028-02-29'));
    expect(parseAbsence('29.2.2027', NOV_26)).toEqual(problem({ code: 'noSuchDate', text: '29.2.2027' }));
  });

  it('refuses a range that is over', () => {
    expect(parseAbsence('1.11.2026–20.11.2026', NOV_26)).toEqual(problem({ code: 'past', to: '2026-11-20' }));
    expect(parseAbsence('25.11.2026', NOV_26)).toEqual(problem({ code: 'past', to: '2026-11-25' }));
  });

  it('refuses an end before the start', () => {
    expect(parseAbsence('2.1.2027–23.12.2026', NOV_26)).toEqual(
      problem({ code: 'endBeforeStart', from: '2027-01-02', to: '2026-12-23' }),
    );
  });

  it('refuses more than a year at once', () => {
    expect(parseAbsence('1.12.2026–2.12.2027', NOV_26)).toEqual(problem({ code: 'tooLong', days: 367 }));
    expect(parseAbsence('1.12.2026–1.12.2027', NOV_26)).toEqual(range('2026-12-01', '2027-12-01'));
  });

  it('names the part that is not a date', () => {
    expect(parseAbsence('neste uke', NOV_26)).toEqual(problem({ code: 'notADate', text: 'neste uke' }));
    expect(parseAbsence('23.12–jul', NOV_26)).toEqual(problem({ code: 'notADate', text: 'jul' }));
    expect(parseAbsence('23/12', NOV_26)).toEqual(problem({ code: 'notADate', text: '23/12' }));
    expect(parseAbsence('23.12–2.1–5.1', NOV_26)).toEqual(problem({ code: 'notADate', text: '5.1' }));
    expect(parseAbsence('23.12–', NOV_26)).toEqual(problem({ code: 'notADate', text: '23.12–' }));
    expect(parseAbsence('2026-12-23', NOV_26)).toEqual(problem({ code: 'notADate', text: '2026' }));
  });

  it('names a day that does not exist', () => {
    expect(parseAbsence('31.4', NOV_26)).toEqual(problem({ code: 'noSuchDate', text: '31.4' }));
    expect(parseAbsence('1.13–2.1', NOV_26)).toEqual(problem({ code: 'noSuchDate', text: '1.13' }));
    expect(parseAbsence('0.1', NOV_26)).toEqual(problem({ code: 'noSuchDate', text: '0.1' }));
  });

  it('says nothing was given when nothing was', () => {
    expect(parseAbsence('   ', NOV_26)).toEqual(problem({ code: 'empty' }));
  });
});

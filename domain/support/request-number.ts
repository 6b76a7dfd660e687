import { type DbClient, sql } from '../db.js';

/** `BS-2026-00042`: the year, and that year's sequence in at least five digits. */
export function formatRequestNumber(year: number, sequence: number): string {
  return `BS-${year}-${String(sequence).padStart(5, '0')}`;
}

const OSLO_YEAR = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Oslo', year: 'numeric' });

/** The year in Norway at that instant (New Year's night at 00:30 in Oslo is still 23:30 UTC). */
export function osloYear(at: Date): number {
  return Number(OSLO_YEAR.format(at));
}

export interface RequestNumber {
  year: number;
  sequence: number;
  number: string;
}

/**
 * The next number of the year, in one statement. Call it in the transaction that stores the
 * henvendelse: the counter row stays locked until that commits, so two numbers are never the
 * same; a transaction that rolls back gives its number back, one that fails later leaves a gap.
 */
export async function takeRequestNumber(tx: DbClient, year: number): Promise<RequestNumber> {
  const [row] = await sql(tx).rows<{ last: number }>`
    INSERT INTO support_number_counter (year, last) VALUES (${year}::int, 1)
    ON CONFLICT (year) DO UPDATE SET last = support_number_counter.last + 1
    RETURNING last`;
  const sequence = Number(row!.last);
  return { year, sequence, number: formatRequestNumber(year, sequence) };
}

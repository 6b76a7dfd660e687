/** What the absence use cases share: an absence as the rest of the code sees it, and date columns. */
import type { LocalDate } from '../calendar/working-days.js';

export interface AbsenceView {
  id: string;
  /** First day away. */
  from: LocalDate;
  /** Last day away (included). */
  to: LocalDate;
}

/** A `DATE` column comes back from Prisma as midnight UTC of that day. */
export const toDateColumn = (date: LocalDate): Date => new Date(`${date}T00:00:00.000Z`);
export const fromDateColumn = (date: Date): LocalDate => date.toISOString().slice(0, 10);

export const absenceViewOf = (row: { id: string; fromDate: Date; toDate: Date }): AbsenceView => ({
  id: row.id,
  from: fromDateColumn(row.fromDate),
  to: fromDateColumn(row.toDate),
});

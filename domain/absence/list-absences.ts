import type { LocalDate } from '../calendar/working-days.js';
import type { DbClient } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';
import { absenceViewOf, toDateColumn, type AbsenceView } from './absence.js';

/** A person's absences that are not over (ending today or later), the first first. */
export async function listAbsences(db: DbClient, options: { aadObjectId: string; today: LocalDate }): Promise<AbsenceView[]> {
  const person = await db.person.findUnique({ where: { aadObjectId: options.aadObjectId }, select: { id: true, active: true } });
  if (!person || !person.active) throw new AppError(AppErrorCode.UNKNOWN_PERSON);
  const rows = await db.absence.findMany({
    where: { personId: person.id, toDate: { gte: toDateColumn(options.today) } },
    orderBy: { fromDate: 'asc' },
  });
  return rows.map(absenceViewOf);
}

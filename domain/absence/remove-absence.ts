import { writeAudit } from '../audit.js';
import type { LocalDate } from '../calendar/working-days.js';
import { type PrismaClient, sql } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';
import { absenceViewOf, toDateColumn, type AbsenceView } from './absence.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type RemoveAbsenceTarget =
  /** One absence, from the card's «Slett» (its id). */
  | { absenceId: string }
  /** Every absence that has a day from `from` to `to` (`fravær slett 23.12`). */
  | { from: LocalDate; to: LocalDate };

/**
 * Removes a person's own absences: the deputies' rights for those days end at once. Only the
 * person's own: an id of someone else's absence removes nothing and is NOT_FOUND, like an id that
 * does not exist. A second click on «Slett» finds nothing and says so; nothing changes twice.
 */
export async function removeAbsence(
  prisma: PrismaClient,
  options: { aadObjectId: string } & RemoveAbsenceTarget,
): Promise<AbsenceView[]> {
  if ('absenceId' in options && !UUID.test(options.absenceId)) {
    throw new AppError(AppErrorCode.NOT_FOUND, { message: 'Not an absence id' });
  }
  return prisma.$transaction(async (tx) => {
    const [person] = await sql(tx).rows<{ id: string; active: boolean }>`
      SELECT id, active FROM person WHERE aad_object_id = ${options.aadObjectId} FOR UPDATE`;
    if (!person || !person.active) throw new AppError(AppErrorCode.UNKNOWN_PERSON);
    const rows = await tx.absence.findMany({
      where:
        'absenceId' in options
          ? { personId: person.id, id: options.absenceId }
          : { personId: person.id, fromDate: { lte: toDateColumn(options.to) }, toDate: { gte: toDateColumn(options.from) } },
      orderBy: { fromDate: 'asc' },
    });
    if (rows.length === 0) throw new AppError(AppErrorCode.NOT_FOUND, { message: 'No such absence of this person' });
    await tx.absence.deleteMany({ where: { id: { in: rows.map((row) => row.id) } } });
    const removed = rows.map(absenceViewOf);
    for (const absence of removed) {
      await writeAudit(tx, {
        actor: options.aadObjectId,
        action: 'absence.removed',
        entity: 'absence',
        entityId: absence.id,
        before: { personId: person.id, from: absence.from, to: absence.to },
        after: null,
      });
    }
    return removed;
  });
}

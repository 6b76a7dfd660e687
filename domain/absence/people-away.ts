import type { LocalDate } from '../calendar/working-days.js';
import { type DbClient, idIn, Prisma, sql } from '../db.js';

/**
 * Which of these people are away on a day (a registered absence covers it), in one query; every
 * person away that day when `personIds` is left out. The daily card pauses for them.
 */
export async function peopleAwayOn(db: DbClient, options: { on: LocalDate; personIds?: readonly string[] }): Promise<Set<string>> {
  const personIds = options.personIds ? [...options.personIds] : null;
  if (personIds?.length === 0) return new Set();
  const rows = await sql(db).rows<{ person_id: string }>`
    SELECT DISTINCT person_id FROM absence
     WHERE from_date <= ${options.on}::date AND to_date >= ${options.on}::date
       AND ${personIds === null ? Prisma.sql`TRUE` : idIn(Prisma.sql`person_id`, personIds)}`;
  return new Set(rows.map((row) => row.person_id));
}

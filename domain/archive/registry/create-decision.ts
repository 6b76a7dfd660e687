import { sql, type DbClient } from '../../db.js';
import { writeAudit } from '../../audit.js';
import { AppError, AppErrorCode } from '../../errors.js';
import { isIsoDate } from '../rules.js';
import type { IsoDate } from '../vocabulary.js';
import { asJson, dateColumn } from './change.js';

/** A decision (vedtak) whose follow-up someone must confirm, as the import and the demo generator give it. */
export interface NewDecision {
  caseId: string;
  entryId?: string | null;
  title: string;
  decidedDate: IsoDate;
  responsibleId: string;
  receiptedAt?: Date | null;
  receiptedById?: string | null;
}

/**
 * The numbers a decision carries, which its line on the daily card reads from it: its case's
 * saksnummer and its entry's dokumentnummer (null without an entry). NOT_FOUND for no such case.
 */
export async function decisionNumbers(db: DbClient, caseId: string, entryId: string | null): Promise<{ caseYear: number; caseSequence: number; entrySequence: number | null }> {
  const [numbers] = await sql(db).rows<{ caseYear: number; caseSequence: number; entrySequence: number | null }>`
    SELECT c.year AS "caseYear", c.sequence AS "caseSequence", (SELECT e.sequence FROM archive_entry e WHERE e.id = ${entryId}::uuid) AS "entrySequence"
    FROM archive_case c WHERE c.id = ${caseId}::uuid`;
  if (!numbers) throw new AppError(AppErrorCode.NOT_FOUND, { message: `case ${caseId} does not exist` });
  return numbers;
}

export async function createDecision(db: DbClient, input: NewDecision, options: { actor: string; now: Date }): Promise<{ id: string }> {
  if (!isIsoDate(input.decidedDate)) throw new AppError(AppErrorCode.INVALID_INPUT, { message: `${String(input.decidedDate)} is not a date` });
  if (typeof input.title !== 'string' || input.title.trim() === '') throw new AppError(AppErrorCode.INVALID_INPUT, { message: 'a decision needs a title' });
  const data = {
    caseId: input.caseId,
    ...(await decisionNumbers(db, input.caseId, input.entryId ?? null)),
    entryId: input.entryId ?? null,
    title: input.title.trim(),
    decidedDate: dateColumn(input.decidedDate),
    responsibleId: input.responsibleId,
    receiptedAt: input.receiptedAt ?? null,
    receiptedById: input.receiptedById ?? null,
  };
  const created = await db.archiveDecision.create({ data, select: { id: true } });
  await writeAudit(db, { actor: options.actor, action: 'archive.decisionCreated', entity: 'archive_decision', entityId: created.id, after: asJson(data) });
  return created;
}

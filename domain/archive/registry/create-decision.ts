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

export async function createDecision(db: DbClient, input: NewDecision, options: { actor: string; now: Date }): Promise<{ id: string }> {
  if (!isIsoDate(input.decidedDate)) throw new AppError(AppErrorCode.INVALID_INPUT, { message: `${String(input.decidedDate)} is not a date` });
  if (typeof input.title !== 'string' || input.title.trim() === '') throw new AppError(AppErrorCode.INVALID_INPUT, { message: 'a decision needs a title' });
  // The numbers the decision carries (its line on the daily card reads them from the decision).
  const [numbers] = await sql(db).rows<{ caseYear: number; caseSequence: number; entrySequence: number | null }>`
    SELECT c.year AS "caseYear", c.sequence AS "caseSequence", (SELECT e.sequence FROM archive_entry e WHERE e.id = ${input.entryId ?? null}::uuid) AS "entrySequence"
    FROM archive_case c WHERE c.id = ${input.caseId}::uuid`;
  if (!numbers) throw new AppError(AppErrorCode.NOT_FOUND, { message: `case ${input.caseId} does not exist` });
  const data = {
    caseId: input.caseId,
    ...numbers,
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

import { sql, type DbClient } from '../../db.js';
import { writeAudit } from '../../audit.js';
import { AppError, AppErrorCode } from '../../errors.js';
import { caseNumber, isIsoDate, parseCaseNumber } from '../rules.js';
import { SAKSSTATUSER, isOneOf, type IsoDate, type Saksstatus } from '../vocabulary.js';
import { asJson, dateColumn } from './change.js';

/** A case for the registry, as the import and the demo generator give it (people and units by id). */
export interface NewCase {
  /** `2026/1234`; without it the next number of `year` is taken. */
  number?: string;
  /** The year of a new number (default: the year of `now`). */
  year?: number;
  title: string;
  publicTitle?: string | null;
  status?: Saksstatus;
  unitId?: string | null;
  saksansvarligId?: string | null;
  obsDate?: IsoDate | null;
  enkeltvedtak?: boolean;
}

export interface CreatedCase {
  id: string;
  number: string;
}

/**
 * Stores a case. `actor` is who is recorded in the audit log (a person's aadObjectId or a system
 * actor such as `archive-import`). Call it inside a transaction when taking new numbers: the
 * year's numbers are taken under a transaction-scoped advisory lock.
 */
export async function createCase(db: DbClient, input: NewCase, options: { actor: string; now: Date }): Promise<CreatedCase> {
  if (typeof input.title !== 'string' || input.title.trim() === '') throw new AppError(AppErrorCode.INVALID_INPUT, { message: 'a case needs a title' });
  if (input.status !== undefined && !isOneOf(SAKSSTATUSER, input.status)) throw new AppError(AppErrorCode.INVALID_INPUT, { message: `${input.status} is no saksstatus` });
  if (input.obsDate != null && !isIsoDate(input.obsDate)) throw new AppError(AppErrorCode.INVALID_INPUT, { message: `${input.obsDate} is not a date` });
  let year: number;
  let sequence: number;
  if (input.number !== undefined) {
    const parsed = parseCaseNumber(input.number);
    if (!parsed) throw new AppError(AppErrorCode.INVALID_INPUT, { message: `${input.number} is no saksnummer (yyyy/n)` });
    ({ year, sequence } = parsed);
  } else {
    year = input.year ?? options.now.getUTCFullYear();
    await sql(db).run`SELECT pg_advisory_xact_lock(hashtext('archive_case_number'), ${year})`;
    const [row] = await sql(db).rows<{ last: number }>`SELECT coalesce(max(sequence), 0)::int AS last FROM archive_case WHERE year = ${year}`;
    sequence = row!.last + 1;
  }
  const data = {
    year,
    sequence,
    title: input.title.trim(),
    publicTitle: input.publicTitle ?? null,
    status: input.status ?? 'B',
    unitId: input.unitId ?? null,
    saksansvarligId: input.saksansvarligId ?? null,
    obsDate: input.obsDate ? dateColumn(input.obsDate) : null,
    enkeltvedtak: input.enkeltvedtak ?? false,
    lastAction: 'registered',
    lastChangedAt: options.now,
  };
  const created = await db.archiveCase.create({ data, select: { id: true } });
  await writeAudit(db, { actor: options.actor, action: 'archive.caseCreated', entity: 'archive_case', entityId: created.id, after: asJson(data) });
  return { id: created.id, number: caseNumber(year, sequence) };
}

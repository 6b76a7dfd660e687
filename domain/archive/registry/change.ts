/**
 * How every registry write goes: in one transaction, lock the row, compare the version the card
 * showed, decide (a rule may refuse with an AppError, or find it already done), change it with
 * the version raised and the change's action, actor and time, audit, and answer with the state.
 */
import { Prisma, sql, sqlTransaction, type SqlDb, type SqlTransaction, type PrismaClient } from '../../db.js';
import { auditInsert, writeAudit, type AuditRecord } from '../../audit.js';
import { AppError, AppErrorCode } from '../../errors.js';
import type { ArchiveAction, ArchiveActor, ArchiveCase, ArchiveEntry, WriteResult } from '../port.js';
import { ENTRY_COLUMNS, entryFrom, readCase, readEntry, toEntry, type EntryRow } from './rows.js';

/** A write's transaction: on pg itself (sqlTransaction), so only `sql(tx)` runs in it. */
type Tx = SqlTransaction;

/** An entry's row as a write sees it, read in one statement (entryForWrite): with a lock in an approval's transaction, without one for an entry's own write (changeEntry). */
export interface EntryForWrite {
  id: string;
  caseId: string;
  type: string;
  status: string;
  unitId: string | null;
  subUnitId: string | null;
  caseworkerId: string | null;
  assignedAt: Date | null;
  dueDate: string | null;
  needsDueDate: boolean;
  accessCode: string | null;
  legalBasis: string | null;
  screenedFields: string[];
  meirinnsynConsidered: boolean;
  publicTitle: string | null;
  behandlingsstatus: string | null;
  writeOffMethod: string | null;
  writeOffDate: string | null;
  writeOffById: string | null;
  writeOffReplyId: string | null;
  registeredAt: Date | null;
  version: number;
}

/** A case's row as a write sees it. */
export interface LockedCase {
  id: string;
  status: string;
  saksansvarligId: string | null;
  obsDate: string | null;
  version: number;
}

/** The columns a write may change, by field; dates as `YYYY-MM-DD`, timestamps as Date. */
const ENTRY_COLUMN = {
  status: 'status',
  unitId: 'unit_id',
  subUnitId: 'sub_unit_id',
  caseworkerId: 'caseworker_id',
  assignedAt: 'assigned_at',
  dueDate: 'due_date',
  needsDueDate: 'needs_due_date',
  accessCode: 'access_code',
  legalBasis: 'legal_basis',
  screenedFields: 'screened_fields',
  meirinnsynConsidered: 'meirinnsyn_considered',
  publicTitle: 'public_title',
  behandlingsstatus: 'behandlingsstatus',
  writeOffMethod: 'write_off_method',
  writeOffDate: 'write_off_date',
  writeOffById: 'write_off_by_id',
  writeOffReplyId: 'write_off_reply_id',
  registeredAt: 'registered_at',
} as const satisfies Partial<Record<keyof EntryForWrite, string>>;

const CASE_COLUMN = { status: 'status', saksansvarligId: 'saksansvarlig_id', obsDate: 'obs_date' } as const satisfies Partial<Record<keyof LockedCase, string>>;

export type EntryChanges = { [Field in keyof typeof ENTRY_COLUMN]?: EntryForWrite[Field] };
export type CaseChanges = { [Field in keyof typeof CASE_COLUMN]?: LockedCase[Field] };

/** What a write decided: the columns to change (and other work done in the same transaction), or that it was already done. */
export type Decision<Data> = { data: Data } | 'alreadyDone';

/**
 * An entry write's decision, which may add changes of its own to the change's one statement:
 * `alongside` is a list of `name AS (…)` CTEs, run with it (and seeing the rows as they were before it);
 * each reads the changed row from `changed`, so it does nothing when the change found the version raised.
 */
export type EntryDecision = { data: EntryChanges; alongside?: Prisma.Sql } | 'alreadyDone';

interface ChangeInput {
  actor: ArchiveActor;
  expectedVersion: number;
  now: Date;
}

/** Dates and other values as JSON for the audit log. */
export const asJson = (value: unknown): Prisma.InputJsonValue => JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;

const before = (row: object, data: object) => Object.fromEntries(Object.keys(data).map((key) => [key, (row as Record<string, unknown>)[key] ?? null]));

/** A change's audit row: `archive.<action>`, the changed fields before and after. */
const changeAudit = (entity: string, entityId: string, action: ArchiveAction, input: ChangeInput, row: object, data: object): AuditRecord => ({
  actor: input.actor.aadObjectId,
  action: `archive.${action}`,
  entity,
  entityId,
  before: asJson(before(row, data)),
  after: asJson(data),
});

/** `UPDATE … SET` the changed columns, the version raised, and the last change's action, actor and time. */
function setClause(columns: Record<string, string>, data: object, action: ArchiveAction, input: ChangeInput): Prisma.Sql {
  const sets = Object.entries(data).map(([field, value]) => Prisma.sql`${Prisma.raw(columns[field]!)} = ${value}`);
  return Prisma.join([
    ...sets,
    Prisma.sql`version = version + 1`,
    Prisma.sql`last_action = ${action}`,
    Prisma.sql`last_actor_id = ${input.actor.id}::uuid`,
    Prisma.sql`last_changed_at = ${input.now}`,
    Prisma.sql`updated_at = now()`,
  ]);
}

/**
 * Reads what the writes decide on, in one statement, and with `'lock'` locks the entry (in a
 * transaction); `alsoRead` adds columns of the write's own to it (`, (SELECT …) AS "name"`: what
 * else the rule looks at, read with the entry).
 */
export async function entryForWrite<Also extends object = object>(
  db: SqlDb,
  entryId: string,
  alsoRead: Prisma.Sql = Prisma.empty,
  mode: 'lock' | 'read' = 'lock',
): Promise<EntryForWrite & Also> {
  const [row] = await sql(db).rows<EntryForWrite & Also>`
    SELECT id::text AS "id", case_id::text AS "caseId", type, status, unit_id::text AS "unitId", sub_unit_id::text AS "subUnitId",
      caseworker_id::text AS "caseworkerId", assigned_at AS "assignedAt", to_char(due_date, 'YYYY-MM-DD') AS "dueDate",
      needs_due_date AS "needsDueDate", access_code AS "accessCode", legal_basis AS "legalBasis", screened_fields AS "screenedFields",
      meirinnsyn_considered AS "meirinnsynConsidered", public_title AS "publicTitle", behandlingsstatus,
      write_off_method AS "writeOffMethod", to_char(write_off_date, 'YYYY-MM-DD') AS "writeOffDate", write_off_by_id::text AS "writeOffById",
      write_off_reply_id::text AS "writeOffReplyId", registered_at AS "registeredAt", version${alsoRead}
    FROM archive_entry WHERE id = ${entryId}::uuid${mode === 'lock' ? Prisma.sql` FOR UPDATE OF archive_entry` : Prisma.empty}`;
  if (!row) throw new AppError(AppErrorCode.NOT_FOUND, { message: `archive_entry ${entryId} does not exist` });
  return row;
}

/** Changes an entry's columns with the version raised and the change stamped (the caller holds its lock). */
export async function updateEntry(tx: SqlDb, entryId: string, data: EntryChanges, action: ArchiveAction, input: ChangeInput): Promise<void> {
  await sql(tx).run`UPDATE archive_entry SET ${setClause(ENTRY_COLUMN, data, action, input)} WHERE id = ${entryId}::uuid`;
}

/**
 * An entry's write without a transaction of its own: the row is read (no lock), the version the
 * card showed compared, the rule decides, and then ONE statement changes the row only if its
 * version is still the one read, with its audit row and what the decision does alongside. Of two
 * writes at once (a leader and a deputy), the second's change finds the version raised and
 * changes nothing; it answers, like a stale card, with the entry as it is now and who changed it.
 * Any change to an entry raises its version (setClause, also an approval's), so a decision made
 * on the row read holds when the change finds the same version. Two statements where BEGIN, a
 * lock, the change and COMMIT were four (bench/daily-actions.ts).
 */
export async function changeEntry<Also extends object = object>(
  prisma: PrismaClient,
  input: ChangeInput & { entryId: string },
  action: ArchiveAction,
  decide: (db: SqlDb, entry: EntryForWrite & Also) => Promise<EntryDecision>,
  alsoRead?: Prisma.Sql,
): Promise<WriteResult<ArchiveEntry>> {
  const row = await entryForWrite<Also>(prisma, input.entryId, alsoRead, 'read');
  const decision = row.version !== input.expectedVersion ? 'alreadyDone' : await decide(prisma, row);
  if (decision !== 'alreadyDone') {
    // The change (if the version is still the one read), its audit row, what the decision does
    // alongside (each of those CTEs reads `changed`, so it does nothing when nothing changed), and
    // the entry as it is now.
    const [changed] = await sql(prisma).rows<EntryRow>`
      WITH changed AS (
             UPDATE archive_entry SET ${setClause(ENTRY_COLUMN, decision.data, action, input)}
             WHERE id = ${input.entryId}::uuid AND version = ${row.version}::int RETURNING *),
           audited AS (${auditInsert(changeAudit('archive_entry', input.entryId, action, input, row, decision.data), Prisma.sql`changed`)})${
             decision.alongside ? Prisma.sql`,
           ${decision.alongside}` : Prisma.empty}
      SELECT ${ENTRY_COLUMNS} FROM ${entryFrom(Prisma.sql`changed`)}`;
    if (changed) {
      const state = toEntry(changed);
      return { outcome: 'done', state, last: state.lastChange! };
    }
  }
  const state = await readEntry(prisma, input.entryId);
  if (!state) throw new AppError(AppErrorCode.NOT_FOUND, { message: `archive_entry ${input.entryId} does not exist` });
  return { outcome: 'alreadyDone', state, last: state.lastChange };
}

export async function changeCase(
  prisma: PrismaClient,
  input: ChangeInput & { caseId: string },
  action: ArchiveAction,
  decide: (tx: Tx, found: LockedCase) => Promise<Decision<CaseChanges>>,
): Promise<WriteResult<ArchiveCase>> {
  return sqlTransaction(prisma, async (tx) => {
    const [row] = await sql(tx).rows<LockedCase>`
      SELECT id::text AS "id", status, saksansvarlig_id::text AS "saksansvarligId", to_char(obs_date, 'YYYY-MM-DD') AS "obsDate", version
      FROM archive_case WHERE id = ${input.caseId}::uuid FOR UPDATE`;
    if (!row) throw new AppError(AppErrorCode.NOT_FOUND, { message: `archive_case ${input.caseId} does not exist` });
    const decision = row.version !== input.expectedVersion ? 'alreadyDone' : await decide(tx, row);
    if (decision === 'alreadyDone') {
      const state = (await readCase(tx, input.caseId))!;
      return { outcome: 'alreadyDone' as const, state, last: state.lastChange };
    }
    await sql(tx).run`UPDATE archive_case SET ${setClause(CASE_COLUMN, decision.data, action, input)} WHERE id = ${input.caseId}::uuid`;
    await writeAudit(tx, changeAudit('archive_case', input.caseId, action, input, row, decision.data));
    const state = (await readCase(tx, input.caseId))!;
    return { outcome: 'done' as const, state, last: state.lastChange! };
  });
}

/** `YYYY-MM-DD` → the Date Prisma stores in a `@db.Date` column. */
export const dateColumn = (date: string): Date => new Date(`${date}T00:00:00Z`);

/** The calendar day in Norway at `now` (the archive's dates are Norwegian days). */
export const osloDate = (now: Date): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(now);

/** The person rows a write names must exist and be active. */
export async function activePerson(db: SqlDb, personId: string): Promise<{ id: string; unitId: string | null }> {
  const [person] = await sql(db).rows<{ id: string; unitId: string | null }>`
    SELECT id::text AS "id", unit_id::text AS "unitId" FROM person WHERE id = ${personId}::uuid AND active`;
  if (!person) throw new AppError(AppErrorCode.INVALID_INPUT, { message: `person ${personId} is not an active person` });
  return person;
}

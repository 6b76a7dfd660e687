/**
 * How every registry write goes: in one transaction, lock the row, compare the version the card
 * showed, decide (a rule may refuse with an AppError, or find it already done), change it with
 * the version raised and the change's action, actor and time, audit, and answer with the state.
 */
import { Prisma, sql, type DbClient, type PrismaClient } from '../../db.js';
import { writeAudit } from '../../audit.js';
import { AppError, AppErrorCode } from '../../errors.js';
import type { ArchiveAction, ArchiveActor, ArchiveCase, ArchiveEntry, WriteResult } from '../port.js';
import { readCase, readEntry } from './rows.js';

type Tx = Prisma.TransactionClient;
type EntryRecord = Awaited<ReturnType<Tx['archiveEntry']['findUniqueOrThrow']>>;
type CaseRecord = Awaited<ReturnType<Tx['archiveCase']['findUniqueOrThrow']>>;

/** What a write decided: the columns to change (and other work done in the same transaction), or that it was already done. */
export type Decision<Data> = { data: Data } | 'alreadyDone';

interface ChangeInput {
  actor: ArchiveActor;
  expectedVersion: number;
  now: Date;
}

/** Dates and other values as JSON for the audit log. */
export const asJson = (value: unknown): Prisma.InputJsonValue => JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;

const before = (row: Record<string, unknown>, data: Record<string, unknown>) => Object.fromEntries(Object.keys(data).map((key) => [key, row[key] ?? null]));

const stamp = (action: ArchiveAction, input: ChangeInput) => ({
  version: { increment: 1 },
  lastAction: action,
  lastActorId: input.actor.id,
  lastChangedAt: input.now,
});

async function lockRow(tx: Tx, table: 'archive_entry' | 'archive_case' | 'archive_approval_step' | 'archive_decision', id: string): Promise<boolean> {
  const found = await sql(tx).rows<{ id: string }>`SELECT id::text AS id FROM ${Prisma.raw(table)} WHERE id = ${id}::uuid FOR UPDATE`;
  return found.length > 0;
}

/** Locks a row of `table` or refuses with NOT_FOUND. */
export async function lockOrNotFound(tx: Tx, table: Parameters<typeof lockRow>[1], id: string): Promise<void> {
  if (!(await lockRow(tx, table, id))) throw new AppError(AppErrorCode.NOT_FOUND, { message: `${table} ${id} does not exist` });
}

export async function changeEntry(
  prisma: PrismaClient,
  input: ChangeInput & { entryId: string },
  action: ArchiveAction,
  decide: (tx: Tx, entry: EntryRecord) => Promise<Decision<Prisma.ArchiveEntryUncheckedUpdateInput>>,
): Promise<WriteResult<ArchiveEntry>> {
  return prisma.$transaction(async (tx) => {
    await lockOrNotFound(tx, 'archive_entry', input.entryId);
    const row = await tx.archiveEntry.findUniqueOrThrow({ where: { id: input.entryId } });
    const decision = row.version !== input.expectedVersion ? 'alreadyDone' : await decide(tx, row);
    if (decision === 'alreadyDone') {
      const state = (await readEntry(tx, input.entryId))!;
      return { outcome: 'alreadyDone' as const, state, last: state.lastChange };
    }
    await tx.archiveEntry.update({ where: { id: input.entryId }, data: { ...decision.data, ...stamp(action, input) } });
    await writeAudit(tx, {
      actor: input.actor.aadObjectId,
      action: `archive.${action}`,
      entity: 'archive_entry',
      entityId: input.entryId,
      before: asJson(before(row, decision.data)),
      after: asJson(decision.data),
    });
    const state = (await readEntry(tx, input.entryId))!;
    return { outcome: 'done' as const, state, last: state.lastChange! };
  });
}

export async function changeCase(
  prisma: PrismaClient,
  input: ChangeInput & { caseId: string },
  action: ArchiveAction,
  decide: (tx: Tx, found: CaseRecord) => Promise<Decision<Prisma.ArchiveCaseUncheckedUpdateInput>>,
): Promise<WriteResult<ArchiveCase>> {
  return prisma.$transaction(async (tx) => {
    await lockOrNotFound(tx, 'archive_case', input.caseId);
    const row = await tx.archiveCase.findUniqueOrThrow({ where: { id: input.caseId } });
    const decision = row.version !== input.expectedVersion ? 'alreadyDone' : await decide(tx, row);
    if (decision === 'alreadyDone') {
      const state = (await readCase(tx, input.caseId))!;
      return { outcome: 'alreadyDone' as const, state, last: state.lastChange };
    }
    await tx.archiveCase.update({ where: { id: input.caseId }, data: { ...decision.data, ...stamp(action, input) } });
    await writeAudit(tx, {
      actor: input.actor.aadObjectId,
      action: `archive.${action}`,
      entity: 'archive_case',
      entityId: input.caseId,
      before: asJson(before(row, decision.data)),
      after: asJson(decision.data),
    });
    const state = (await readCase(tx, input.caseId))!;
    return { outcome: 'done' as const, state, last: state.lastChange! };
  });
}

/** `YYYY-MM-DD` → the Date Prisma stores in a `@db.Date` column. */
export const dateColumn = (date: string): Date => new Date(`${date}T00:00:00Z`);

/** The calendar day in Norway at `now` (the archive's dates are Norwegian days). */
export const osloDate = (now: Date): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(now);

/** The person rows a write names must exist and be active. */
export async function activePerson(db: DbClient, personId: string) {
  const person = await db.person.findUnique({ where: { id: personId }, select: { id: true, unitId: true, active: true } });
  if (!person?.active) throw new AppError(AppErrorCode.INVALID_INPUT, { message: `person ${personId} is not an active person` });
  return person;
}

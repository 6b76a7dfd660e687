import { type DbClient, Prisma, type SqlDb, sql } from './db.js';

export interface AuditRecord {
  /** aadObjectId of the acting person, or a system actor such as `org-import`. */
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
}

const toRow = (record: AuditRecord) => ({
  actor: record.actor,
  action: record.action,
  entity: record.entity,
  entityId: record.entityId,
  before: record.before ?? undefined,
  after: record.after ?? undefined,
});

/** Every change is written to the audit log in the same transaction as the change itself. */
export async function writeAudit(db: SqlDb, record: AuditRecord): Promise<void> {
  await sql(db).rows(auditInsert(record));
}

/**
 * The audit row's INSERT, for a write that changes its row and audits it in one statement
 * (`WITH changed AS (UPDATE …), audited AS (${auditInsert(…)}) SELECT …`); with `onlyIf` (a
 * CTE's name) one row per row of it, so a change that found nothing to change audits nothing.
 */
export function auditInsert(record: AuditRecord, onlyIf?: Prisma.Sql): Prisma.Sql {
  const values = Prisma.sql`${record.actor}, ${record.action}, ${record.entity}, ${record.entityId}, ${jsonText(record.before)}::jsonb, ${jsonText(record.after)}::jsonb`;
  const columns = Prisma.sql`INSERT INTO audit_entry (actor, action, entity, entity_id, before, after)`;
  return onlyIf ? Prisma.sql`${columns} SELECT ${values} FROM ${onlyIf}` : Prisma.sql`${columns} VALUES (${values})`;
}

/** A JSON value as its text for a `::jsonb` parameter (a bare string would not be JSON); none is NULL. */
const jsonText = (value: Prisma.InputJsonValue | null | undefined) => (value === null || value === undefined ? null : JSON.stringify(value));

/** Many entries in one statement (an organisation import can change thousands of rows). */
export async function writeAuditMany(db: DbClient, records: AuditRecord[]): Promise<void> {
  if (records.length > 0) await db.auditEntry.createMany({ data: records.map(toRow) });
}

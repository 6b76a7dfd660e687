import { type DbClient, type Prisma, sql } from './db.js';

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
export async function writeAudit(db: DbClient, record: AuditRecord): Promise<void> {
  await sql(db).run`
    INSERT INTO audit_entry (actor, action, entity, entity_id, before, after)
    VALUES (${record.actor}, ${record.action}, ${record.entity}, ${record.entityId}, ${jsonText(record.before)}::jsonb, ${jsonText(record.after)}::jsonb)`;
}

/** A JSON value as its text for a `::jsonb` parameter (a bare string would not be JSON); none is NULL. */
const jsonText = (value: Prisma.InputJsonValue | null | undefined) => (value === null || value === undefined ? null : JSON.stringify(value));

/** Many entries in one statement (an organisation import can change thousands of rows). */
export async function writeAuditMany(db: DbClient, records: AuditRecord[]): Promise<void> {
  if (records.length > 0) await db.auditEntry.createMany({ data: records.map(toRow) });
}

import type { DbClient, Prisma } from './db.js';

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
  await db.auditEntry.create({ data: toRow(record) });
}

/** Many entries in one statement (an organisation import can change thousands of rows). */
export async function writeAuditMany(db: DbClient, records: AuditRecord[]): Promise<void> {
  if (records.length > 0) await db.auditEntry.createMany({ data: records.map(toRow) });
}

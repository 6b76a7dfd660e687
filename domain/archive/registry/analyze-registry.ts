import { Prisma, sql, type DbClient } from '../../db.js';

/** The registry's tables. */
export const REGISTRY_TABLES = ['archive_case', 'archive_entry', 'archive_approval_step', 'archive_decision'] as const;

/**
 * Gathers PostgreSQL's statistics for the registry's tables at once, after a load has filled them
 * (an import, demo data). Until autovacuum comes by the planner takes them for nearly empty, and
 * a leader's unassigned post was read over 6,000 buffers instead of 81 (bench/daily-actions.ts).
 * A database user who does not own the tables gets a warning from PostgreSQL, not an error.
 */
export async function analyzeRegistry(db: DbClient): Promise<void> {
  await sql(db).rows(Prisma.raw(`ANALYZE ${REGISTRY_TABLES.join(', ')}`));
}

import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

/** Prisma migration folders: prisma/migrations/<timestamp>_<name>/migration.sql */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../prisma/migrations', import.meta.url));

/** Any constant works; it only has to be the same for every instance of Arkivlos. */
export const MIGRATION_LOCK_KEY = 727_274_001;

/** Long enough for another instance to apply a large migration, short enough to end a stuck start-up. */
export const DEFAULT_LOCK_TIMEOUT_MS = 60_000;
const LOCK_RETRY_MS = 250;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export type MigrationErrorCode =
  /** The database has applied migrations this version has no folder for (an older build on a newer database). */
  | 'UNKNOWN_MIGRATIONS'
  | 'CHANGED_AFTER_APPLIED'
  | 'UNFINISHED'
  | 'FAILED'
  | 'LOCK_TIMEOUT';

export class MigrationError extends Error {
  readonly code: MigrationErrorCode;
  /** UNKNOWN_MIGRATIONS: the names the database has and this version does not know. */
  readonly unknown: string[];

  constructor(code: MigrationErrorCode, message: string, unknown: string[] = []) {
    super(message);
    this.name = 'MigrationError';
    this.code = code;
    this.unknown = unknown;
  }
}

export interface MigrateOptions {
  /** How long to wait for another instance's migration lock before giving up. */
  lockTimeoutMs?: number;
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      // A Windows checkout (git's core.autocrlf) turns LF into CRLF; the migration is the same, so
      // its checksum must be too. LF files hash exactly as before, which keeps recorded checksums valid.
      const sql = (await readFile(join(dir, name, 'migration.sql'), 'utf8')).replace(/\r\n/g, '\n');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

// The table has Prisma Migrate's layout, so `prisma migrate status` understands the history.
const CREATE_HISTORY_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

async function appliedMigrations(client: pg.PoolClient | pg.Pool): Promise<AppliedRow[]> {
  const exists = await client.query<{ present: boolean }>(
    `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`,
  );
  if (!exists.rows[0]?.present) return [];
  const result = await client.query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`,
  );
  return result.rows.filter((row) => row.rolled_back_at === null);
}

/**
 * Migrations the database has applied but this version has no folder for: a newer Arkivlos ran on
 * it. Running on would mean running against a schema this code was not written for.
 */
function checkKnown(migrations: readonly Migration[], applied: AppliedRow[]): void {
  const known = new Set(migrations.map((migration) => migration.name));
  const unknown = applied.map((row) => row.migration_name).filter((name) => !known.has(name)).sort();
  if (unknown.length === 0) return;
  const list = unknown.join(', ');
  throw new MigrationError(
    'UNKNOWN_MIGRATIONS',
    `The database has ${unknown.length === 1 ? 'migration' : 'migrations'} ${list} that this version of Arkivlos ` +
      'does not know; run a newer version.',
    unknown,
  );
}

function checkHistory(migrations: Migration[], applied: AppliedRow[]): Migration[] {
  checkKnown(migrations, applied);
  const byName = new Map(applied.map((row) => [row.migration_name, row]));
  const pending: Migration[] = [];
  for (const migration of migrations) {
    const row = byName.get(migration.name);
    if (!row) {
      pending.push(migration);
      continue;
    }
    if (row.finished_at === null) {
      throw new MigrationError(
        'UNFINISHED',
        `Migration ${migration.name} started but never finished; repair the database by hand, then mark it rolled back.`,
      );
    }
    if (row.checksum !== migration.checksum) {
      throw new MigrationError(
        'CHANGED_AFTER_APPLIED',
        `Migration ${migration.name} was changed after it was applied to this database ` +
          `(checksum ${row.checksum.slice(0, 12)}… in the database, ${migration.checksum.slice(0, 12)}… on disk). ` +
          'Restore the original file and put the change in a new migration.',
      );
    }
  }
  return pending;
}

/**
 * Takes the session advisory lock, retrying until the deadline: `pg_advisory_lock` would wait
 * forever behind an instance that hangs mid-migration, and the orchestrator would only see a
 * start-up that never ends.
 */
async function lockMigrations(client: pg.PoolClient, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [
      MIGRATION_LOCK_KEY,
    ]);
    if (result.rows[0]?.locked) return;
    const left = deadline - Date.now();
    if (left <= 0) {
      throw new MigrationError(
        'LOCK_TIMEOUT',
        `Another instance has held the migration lock for ${timeoutMs / 1000} s; it may still be migrating, ` +
          `or it hangs. Check the other instances (pg_locks: locktype 'advisory', objid ${MIGRATION_LOCK_KEY}), ` +
          'then start again.',
      );
    }
    await sleep(Math.min(LOCK_RETRY_MS, left));
  }
}

/**
 * Applies pending migrations, each in its own transaction. A session advisory lock makes
 * instances that start at the same time against one PostgreSQL take turns: the second one
 * finds nothing left to do.
 */
export async function applyMigrations(
  pool: pg.Pool,
  dir = MIGRATIONS_DIR,
  { lockTimeoutMs = DEFAULT_LOCK_TIMEOUT_MS }: MigrateOptions = {},
): Promise<string[]> {
  const migrations = await readMigrations(dir);
  const client = await pool.connect();
  try {
    await lockMigrations(client, lockTimeoutMs);
    try {
      await client.query(CREATE_HISTORY_TABLE);
      const pending = checkHistory(migrations, await appliedMigrations(client));
      for (const migration of pending) {
        await client.query('BEGIN');
        try {
          // Several statements in one file: simple query protocol (no parameters).
          await client.query(migration.sql);
          await client.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count)
             VALUES ($1, $2, $3, now(), 1)`,
            [randomUUID(), migration.checksum, migration.name],
          );
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw new MigrationError('FAILED', `Migration ${migration.name} failed: ${(error as Error).message}`);
        }
      }
      return pending.map((migration) => migration.name);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

/**
 * Names of migrations on disk (or the ones given) that the database has not applied (for /readyz).
 * Throws a MigrationError with code UNKNOWN_MIGRATIONS when the database has migrations this
 * version does not know: such an instance is not ready, and nothing it can apply will make it so.
 */
export async function pendingMigrations(
  pool: pg.Pool,
  dir = MIGRATIONS_DIR,
  migrations?: readonly Migration[],
): Promise<string[]> {
  migrations ??= await readMigrations(dir);
  const applied = await appliedMigrations(pool);
  checkKnown(migrations, applied);
  const names = new Set(applied.map((row) => row.migration_name));
  return migrations.filter((migration) => !names.has(migration.name)).map((m) => m.name);
}

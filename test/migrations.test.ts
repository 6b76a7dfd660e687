import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtemp, cp, appendFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase } from '../infra/database.js';
import {
  applyMigrations,
  MIGRATION_LOCK_KEY,
  MIGRATIONS_DIR,
  MigrationError,
  pendingMigrations,
  readMigrations,
} from '../infra/migrate.js';
import { createServerDatabase, createTestDatabase, testServerUrl } from './support/database.js';

describe('migrations', () => {
  it('a migrated database has no pending migrations and a second run applies nothing', async () => {
    const db = await createTestDatabase();
    try {
      expect(await pendingMigrations(db.pool)).toEqual([]);
      expect(await applyMigrations(db.pool)).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('a migration changed after it was applied is refused with a clear error', async () => {
    const db = await createTestDatabase();
    const dir = await mkdtemp(join(tmpdir(), 'arkivlos-migrations-'));
    try {
      await cp(MIGRATIONS_DIR, dir, { recursive: true });
      const [first] = (await import('node:fs')).readdirSync(dir).filter((name) => !name.endsWith('.toml'));
      await appendFile(join(dir, first!, 'migration.sql'), '\n-- edited later\n');
      await expect(applyMigrations(db.pool, dir)).rejects.toThrow(MigrationError);
      await expect(applyMigrations(db.pool, dir)).rejects.toThrow(/was changed after it was applied/);
    } finally {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a migration on disk that the database has not applied is reported as pending', async () => {
    const db = await createTestDatabase();
    const dir = await mkdtemp(join(tmpdir(), 'arkivlos-migrations-'));
    try {
      await cp(MIGRATIONS_DIR, dir, { recursive: true });
      await mkdir(join(dir, '29990101000000_later'));
      await writeFile(join(dir, '29990101000000_later', 'migration.sql'), 'CREATE TABLE later (id int);');
      expect(await pendingMigrations(db.pool, dir)).toEqual(['29990101000000_later']);
      expect(await applyMigrations(db.pool, dir)).toEqual(['29990101000000_later']);
      expect(await pendingMigrations(db.pool, dir)).toEqual([]);
    } finally {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a CRLF checkout of the migrations is accepted by a database migrated from the LF files', async () => {
    const db = await createTestDatabase();
    const dir = await mkdtemp(join(tmpdir(), 'arkivlos-migrations-'));
    try {
      await cp(MIGRATIONS_DIR, dir, { recursive: true });
      for (const name of await migrationFolders(dir)) {
        const file = join(dir, name, 'migration.sql');
        await writeFile(file, (await readFile(file, 'utf8')).replace(/\r?\n/g, '\r\n'));
      }
      expect(await pendingMigrations(db.pool, dir)).toEqual([]);
      expect(await applyMigrations(db.pool, dir)).toEqual([]);
    } finally {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the checksum of a migration written with LF is the SHA-256 of its bytes, as databases already recorded it', async () => {
    for (const migration of await readMigrations()) {
      const bytes = await readFile(join(MIGRATIONS_DIR, migration.name, 'migration.sql'));
      expect(bytes.includes('\r'), `${migration.name} is checked out with LF`).toBe(false);
      expect(migration.checksum).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });

  it('an instance that cannot get the migration lock gives up after the timeout with a clear error', async () => {
    const db = await createTestDatabase();
    const holder = new pg.Client({ connectionString: connectionStringOf(db.pool) });
    await holder.connect();
    try {

      await holder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      const started = Date.now();
      const attempt = applyMigrations(db.pool, MIGRATIONS_DIR, { lockTimeoutMs: 500 });
      await expect(attempt).rejects.toThrow(MigrationError);
      await expect(attempt).rejects.toThrow(/Another instance has held the migration lock for 0\.5 s/);
      expect(Date.now() - started).toBeLessThan(5_000);

      await holder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
      expect(await applyMigrations(db.pool, MIGRATIONS_DIR, { lockTimeoutMs: 500 })).toEqual([]);
    } finally {
      await holder.end();
      await db.close();
    }
  });

  it('a database with a migration this version does not know refuses to start', async () => {
    const db = await createTestDatabase();
    try {
      await recordMigrationFromNewerVersion(db.pool, '29990101000000_from_a_newer_version');
      const attempt = applyMigrations(db.pool);
      await expect(attempt).rejects.toThrow(MigrationError);
      await expect(attempt).rejects.toMatchObject({ code: 'UNKNOWN_MIGRATIONS' });
      await expect(attempt).rejects.toThrow(
        /The database has migration 29990101000000_from_a_newer_version that this version of Arkivlos does not know; run a newer version/,
      );
    } finally {
      await db.close();
    }
  });

  it('a database with a migration this version does not know is not ready', async () => {
    const db = await createTestDatabase();
    try {
      await recordMigrationFromNewerVersion(db.pool, '29990101000000_from_a_newer_version');
      const check = pendingMigrations(db.pool);
      await expect(check).rejects.toMatchObject({ code: 'UNKNOWN_MIGRATIONS', unknown: ['29990101000000_from_a_newer_version'] });
      await expect(check).rejects.toThrow(/does not know/);
    } finally {
      await db.close();
    }
  });

  it('a migration that was rolled back is not counted as one this version does not know', async () => {
    const db = await createTestDatabase();
    try {
      await recordMigrationFromNewerVersion(db.pool, '29990101000000_rolled_back', { rolledBack: true });
      expect(await pendingMigrations(db.pool)).toEqual([]);
      expect(await applyMigrations(db.pool)).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it(
    'two instances starting at once against one PostgreSQL apply each migration exactly once',
    async () => {
      const { url, drop } = await createServerDatabase(testServerUrl());
      const [a, b] = await Promise.all([openDatabase({ url }), openDatabase({ url })]);
      try {
        const results = await Promise.all([applyMigrations(a!.pool), applyMigrations(b!.pool)]);
        const applied = results.flat();
        const names = (await import('node:fs')).readdirSync(MIGRATIONS_DIR).filter((n) => !n.endsWith('.toml'));
        expect(applied.sort()).toEqual(names.sort());
        const rows = await a!.pool.query('SELECT migration_name FROM "_prisma_migrations"');
        expect(rows.rowCount).toBe(names.length);
      } finally {
        await a!.close();
        await b!.close();
        await drop();
      }
    },
  );
});

async function migrationFolders(dir: string): Promise<string[]> {
  return (await readdir(dir, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
}

function connectionStringOf(pool: pg.Pool): string {
  return (pool.options as { connectionString: string }).connectionString;
}

/** What a newer Arkivlos leaves behind when an older one is started on its database. */
async function recordMigrationFromNewerVersion(pool: pg.Pool, name: string, { rolledBack = false } = {}): Promise<void> {
  await pool.query(
    `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, rolled_back_at, applied_steps_count)
     VALUES (gen_random_uuid()::text, $1, $2, now(), $3, 1)`,
    ['0'.repeat(64), name, rolledBack ? new Date() : null],
  );
}

/** Tables, columns, types, nullability, defaults, constraints, indexes and enums, as text. */
async function describeSchema(pool: import('pg').Pool): Promise<string[]> {
  const queries = [
    `SELECT table_name || '.' || column_name || ' ' || udt_name || ' ' || is_nullable || ' ' || coalesce(column_default, '')
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    `SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
       FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations'`,
    `SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
    `SELECT t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
  ];
  const rows: string[] = [];
  for (const sql of queries) rows.push(...(await pool.query<{ [k: string]: string }>(sql)).rows.map((row) => String(Object.values(row)[0])));
  return rows.sort();
}

describe('migrations and schema.prisma', () => {
  it('the migrations build exactly the schema that schema.prisma describes', async () => {
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const migrated = await createTestDatabase();
    const fromSchema = await createServerDatabase(testServerUrl());
    const direct = await openDatabase({ url: fromSchema.url });
    try {
      // `migrate diff` opens the adapter in prisma.config.ts even though it reads no data.
      const cliDatabaseUrl = (migrated.pool.options as { connectionString: string }).connectionString;
      const { stdout: sql } = await promisify(execFile)(
        'node_modules/.bin/prisma',
        ['migrate', 'diff', '--from-empty', '--to-schema-datamodel', 'prisma/schema.prisma', '--script'],
        { env: { ...process.env, PRISMA_CLI_DATABASE_URL: cliDatabaseUrl } },
      );
      await direct.pool.query(sql);
      // What schema.prisma cannot express (an index over coalesce'd columns, a CHECK) is written by
      // hand in the migrations between these markers, and belongs to the schema all the same.
      for (const migration of await readMigrations()) {
        for (const [, handWritten] of migration.sql.matchAll(/^-- begin hand-written.*\n([\s\S]*?)^-- end hand-written/gm)) {
          await direct.pool.query(handWritten!);
        }
      }
      expect(await describeSchema(migrated.pool)).toEqual(await describeSchema(direct.pool));
    } finally {
      await direct.close();
      await fromSchema.drop();
      await migrated.close();
    }
  }, 60_000);
});

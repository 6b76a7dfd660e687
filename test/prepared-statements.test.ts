import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma, sql } from '../domain/db.js';
import { openDatabase } from '../infra/database.js';
import { createTestDatabase } from './support/database.js';

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

/** The statements prepared on the connection a transaction holds (pg_prepared_statements is per connection). */
async function preparedOnOneConnection(database: TestDatabase, run: (tx: Parameters<Parameters<TestDatabase['prisma']['$transaction']>[0]>[0]) => Promise<void>) {
  return database.prisma.$transaction(async (tx) => {
    await run(tx);
    return (await sql(tx).rows<{ statement: string; generic: number; custom: number }>`
      SELECT statement, generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements WHERE statement LIKE '%prepared_probe%'`).filter(
      (row) => !row.statement.includes('pg_prepared_statements'),
    );
  });
}

describe('sql(db) and prepared statements', () => {
  let prepared: TestDatabase;
  let unnamed: TestDatabase;
  beforeAll(async () => {
    [prepared, unnamed] = await Promise.all([createTestDatabase({ poolSize: 2 }), createTestDatabase({ poolSize: 2, preparedStatements: false })]);
    for (const database of [prepared, unnamed]) await sql(database.prisma).run`CREATE TABLE prepared_probe (id int PRIMARY KEY, name text)`;
  });
  afterAll(async () => {
    await Promise.all([prepared?.close(), unnamed?.close()]);
  });

  it('a statement with parameters is prepared once per connection, and after five runs PostgreSQL keeps its generic plan', async () => {
    const rows = await preparedOnOneConnection(prepared, async (tx) => {
      for (let i = 0; i < 8; i++) await sql(tx).rows`SELECT id FROM prepared_probe WHERE id = ${i}::int`;
    });
    expect(rows).toEqual([expect.objectContaining({ custom: 5, generic: 3 })]);
  });

  it('plannedOnce: the generic plan from the first run, and the connection back to its own mode after it, also when the statement fails', async () => {
    const probe = (i: number) => Prisma.sql`SELECT id FROM prepared_probe WHERE id = ${i}::int AND name IS DISTINCT FROM 'planned once'`;
    const failing = Prisma.sql`SELECT id / ${0}::int FROM prepared_probe WHERE name IS DISTINCT FROM 'planned once' UNION ALL SELECT 1 / ${0}::int`;
    const rows = await preparedOnOneConnection(prepared, async (tx) => {
      for (let i = 0; i < 3; i++) await sql(tx).plannedOnce(probe(i));
    });
    expect(rows.filter((row) => row.statement.includes('planned once'))).toEqual([expect.objectContaining({ custom: 0, generic: 3 })]);
    // On the pool (a pool of two: both connections), also after a statement that failed.
    await expect(sql(prepared.prisma).plannedOnce(failing)).rejects.toThrow(/division by zero/);
    const modes = await Promise.all([1, 2].map(() => prepared.prisma.$transaction((tx) => sql(tx).rows<{ plan_cache_mode: string }>`SELECT pg_sleep(0.05), current_setting('plan_cache_mode') AS plan_cache_mode`)));
    expect(modes.flat().map((row) => row.plan_cache_mode)).toEqual(['auto', 'auto']);
  });

  it('plannedOnce on the pool: on connections of the pool’s own that keep the generic-plan mode (no SET and RESET around it), while the pool’s other statements plan as usual', async () => {
    const mode = (i: number) => Prisma.sql`SELECT current_setting('plan_cache_mode') AS mode WHERE ${i}::int > 0`;
    const modes = await Promise.all([1, 2, 3].map(async (i) => (await sql(prepared.prisma).plannedOnce<{ mode: string }>(mode(i)))[0]!.mode));
    expect(modes).toEqual(['force_generic_plan', 'force_generic_plan', 'force_generic_plan']);
    // Those connections keep the mode between statements; the pool's own never had it.
    const generic = prepared.pool.openedGenericPlans;
    expect(generic).toBeDefined();
    expect((await generic!.query<{ plan_cache_mode: string }>('SHOW plan_cache_mode')).rows[0]!.plan_cache_mode).toBe('force_generic_plan');
    expect((await sql(prepared.prisma).rows<{ mode: string }>(mode(1)))[0]!.mode).toBe('auto');
  });

  it('plannedOnce keeps the server options of a DATABASE_URL that has some, and adds the generic-plan mode to them', async () => {
    const url = new URL(prepared.url);
    url.searchParams.set('options', '-c work_mem=7MB');
    const withOptions = await openDatabase({ url: url.toString(), poolSize: 2 });
    try {
      const [row] = await sql(withOptions.prisma).plannedOnce<{ workMem: string; mode: string }>(
        Prisma.sql`SELECT current_setting('work_mem') AS "workMem", current_setting('plan_cache_mode') AS mode WHERE ${1}::int > 0`,
      );
      expect(row).toEqual({ workMem: '7MB', mode: 'force_generic_plan' });
    } finally {
      await withOptions.close();
    }
  });

  it('with DATABASE_PREPARED_STATEMENTS=off nothing is prepared', async () => {
    const rows = await preparedOnOneConnection(unnamed, async (tx) => {
      for (let i = 0; i < 8; i++) await sql(tx).rows`SELECT id FROM prepared_probe WHERE id = ${i}::int`;
      await sql(tx).plannedOnce(Prisma.sql`SELECT id FROM prepared_probe WHERE id = ${1}::int`);
    });
    expect(rows).toEqual([]);
  });

  it('a prepared statement whose columns changed under it (another instance migrated) still answers, with the new columns', async () => {
    const { prisma } = prepared;
    await sql(prisma).run`INSERT INTO prepared_probe (id, name) VALUES (1, 'Ada'), (2, 'Bo')`;
    const read = () => Promise.all([1, 2].map((id) => sql(prisma).rows<Record<string, unknown>>`SELECT * FROM prepared_probe WHERE id = ${id}::int`));
    expect((await read()).flat()).toEqual([{ id: 1, name: 'Ada' }, { id: 2, name: 'Bo' }]);
    await sql(prisma).run`ALTER TABLE prepared_probe ADD COLUMN unit text DEFAULT 'E1'`;
    expect((await read()).flat()).toEqual([{ id: 1, name: 'Ada', unit: 'E1' }, { id: 2, name: 'Bo', unit: 'E1' }]);
  });
});

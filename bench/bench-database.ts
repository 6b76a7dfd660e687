import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { openDatabase, type Database } from '../infra/database.js';
import { startTemporaryServer } from '../infra/embedded-postgres.js';
import { admin, withDatabase } from '../test/support/postgres-admin.js';

/** An embedded PostgreSQL server in a temporary directory, with one database: what `npm start` runs on. */
export async function openBenchDatabase(poolSize = 10): Promise<Database> {
  const server = await startTemporaryServer(tmpdir());
  const database = await openDatabase({ url: server.url, poolSize });
  return {
    ...database,
    kind: 'embedded',
    async close() {
      await database.close();
      await server.stop();
    },
  };
}

/** The PostgreSQL server a bench runs on when it is not the embedded one: BENCH_DATABASE_URL, else the machine's own. */
export const benchServerUrl = (): string => process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * A new, empty database of its own on a PostgreSQL server (as the tests make theirs on
 * TEST_DATABASE_URL's), dropped again on close: what a deployment with DATABASE_URL runs on.
 */
export async function openServerBenchDatabase(serverUrl = benchServerUrl(), poolSize = 10): Promise<Database> {
  const name = `arkivlos_bench_${randomBytes(6).toString('hex')}`;
  await admin(serverUrl, `CREATE DATABASE "${name}"`);
  const drop = () => admin(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  const database = await openDatabase({ url: withDatabase(serverUrl, name), poolSize }).catch(async (error: unknown) => {
    await drop();
    throw error;
  });
  return {
    ...database,
    async close() {
      await database.close();
      await drop();
    },
  };
}

/**
 * Runs a benchmark on the embedded PostgreSQL and then on a database of its own on a PostgreSQL
 * server (either alone with `--only-embedded` / `--only-postgres`), each closed afterwards.
 */
export async function onBenchDatabases(only: { embedded?: boolean; postgres?: boolean }, run: (database: Database, label: string) => Promise<void>): Promise<void> {
  if (only.embedded && only.postgres) throw new Error('--only-embedded and --only-postgres exclude each other');
  const databases: [string, () => Promise<Database>][] = [];
  if (!only.postgres) databases.push(['embedded PostgreSQL (npm start)', () => openBenchDatabase()]);
  if (!only.embedded) databases.push([`PostgreSQL server (${new URL(benchServerUrl()).host}, a database of its own)`, () => openServerBenchDatabase()]);
  for (const [label, open] of databases) {
    const database = await open();
    try {
      await run(database, `${label}, a pool of ${database.pool.options.max} connections`);
    } finally {
      await database.close();
    }
  }
}

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

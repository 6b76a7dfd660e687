import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../infra/database.js';
import { admin, withDatabase } from './postgres-admin.js';

/** The PostgreSQL server of this test run (embedded, or TEST_DATABASE_URL). */
export const testServerUrl = (): string => inject('testServerUrl');

/**
 * A fresh, migrated database for one test file: a copy of the template database that
 * global-setup migrated, on the run's server. Dropped again on close.
 */
export async function createTestDatabase(options: { poolSize?: number; preparedStatements?: boolean } = {}): Promise<Database & { url: string }> {
  const { url, drop } = await createServerDatabase(testServerUrl(), { template: inject('templateDatabase') });
  // Unused connections close after pg's ten seconds, not the bot's five minutes: a test that forgets its database holds no connections for long.
  const database = await openDatabase({ url, poolSize: options.poolSize ?? 10, idleTimeoutMs: 10_000, ...(options.preparedStatements !== undefined && { preparedStatements: options.preparedStatements }) }).catch(async (error: unknown) => {
    await drop();
    throw error;
  });
  return {
    ...database,
    url,
    async close() {
      await database.close();
      await drop();
    },
  };
}

/** A new database on the PostgreSQL server that `serverUrl` points at: empty, or a copy of `template`. */
export async function createServerDatabase(
  serverUrl: string,
  options: { template?: string } = {},
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `arkivlos_test_${randomBytes(6).toString('hex')}`;
  await admin(serverUrl, `CREATE DATABASE "${name}"${options.template ? ` TEMPLATE "${options.template}"` : ''}`);
  return {
    url: withDatabase(serverUrl, name),
    drop: () => admin(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

/**
 * Records the text of every statement `sql(db)` sends through this pool (Prisma's own go through
 * `connect()`), until `stop()`: for the tests that count a use case's statements.
 */
export function watchStatements(pool: object): { texts: string[]; stop(): void } {
  const target = pool as { query: (...args: unknown[]) => unknown };
  const { query } = target;
  const texts: string[] = [];
  target.query = function (this: unknown, ...args: unknown[]) {
    texts.push(typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string }).text ?? ''));
    return query.apply(this, args);
  };
  return { texts, stop: () => void (target.query = query) };
}

import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../infra/database.js';
import { admin, withDatabase } from './postgres-admin.js';
import { connectionOf, sqlBridge } from '../../domain/sql-bridge.js';

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
 * Records the text of every statement `sql(db)` runs on the database's pool (not in a
 * transaction; Prisma's own are not `sql(db)`'s), until `stop()`: for the tests that count a use
 * case's statements.
 */
export function watchStatements(database: { prisma: object }): { texts: string[]; stop(): void } {
  const original = connectionOf(database.prisma);
  if (!original) throw new Error('watchStatements needs a database made by openDatabase');
  const texts: string[] = [];
  sqlBridge.attach(database.prisma, {
    query: (text, values, plan) => {
      texts.push(text);
      return original.query(text, values, plan);
    },
    // sqlTransaction still works while watched (its statements, on a connection of their own, are not recorded).
    transaction: original.transaction,
  });
  return { texts, stop: () => sqlBridge.attach(database.prisma, original) };
}

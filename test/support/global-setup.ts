import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import type { TestProject } from 'vitest/node';
import { startTemporaryServer } from '../../infra/embedded-postgres.js';
import { openDatabase } from '../../infra/database.js';
import { applyMigrations } from '../../infra/migrate.js';
import { admin, withDatabase } from './postgres-admin.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL server for the whole run: the embedded one started here, or TEST_DATABASE_URL. */
    testServerUrl: string;
    /** A database on that server with every migration applied; each test file copies it. */
    templateDatabase: string;
  }
}

/**
 * One PostgreSQL server for the whole run (an embedded server started here, or the server that
 * TEST_DATABASE_URL names), with the migrations applied once to a template database. Each test
 * file gets `CREATE DATABASE … TEMPLATE …` (test/support/database.ts), a copy made in
 * milliseconds, and drops it afterwards.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.TEST_DATABASE_URL;
  const server = given ? undefined : await startTemporaryServer(tmpdir());
  const serverUrl = given ?? server!.url;
  const template = `arkivlos_template_${randomBytes(4).toString('hex')}`;

  await admin(serverUrl, `CREATE DATABASE "${template}"`);
  const templateDb = await openDatabase({ url: withDatabase(serverUrl, template), poolSize: 1 });
  try {
    await applyMigrations(templateDb.pool);
  } finally {
    await templateDb.close();
  }
  project.provide('testServerUrl', serverUrl);
  project.provide('templateDatabase', template);

  return async () => {
    await admin(serverUrl, `DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`).catch(() => {});
    await server?.stop();
  };
}

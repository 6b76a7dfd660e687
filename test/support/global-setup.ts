import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../infra/database.js';
import { applyMigrations } from '../../infra/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

/**
 * Runs initdb and the migrations once, and hands every test file a dump of that data directory
 * to start its own PGlite from (initdb per file would cost seconds and most of a gigabyte).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = join(tmpdir(), `arkivlos-test-${process.pid}`);
  await mkdir(dir, { recursive: true });
  const templatePath = join(dir, 'template.tar');

  const template = await openDatabase({ dataDir: 'memory://' });
  await applyMigrations(template.pool);
  const dump = await template.dumpDataDir!();
  await template.close();
  await writeFile(templatePath, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', templatePath);
  return () => rm(dir, { recursive: true, force: true });
}

/**
 * Writes a new migration from the change to prisma/schema.prisma since the last migration:
 *
 *   npm run db:migration -- add_tickets
 *
 * `prisma migrate dev` cannot run here (its shadow database bypasses the adapter workaround; see
 * STACK.md), so the SQL is a datamodel diff: from schema.prisma as committed with the newest
 * migration, to schema.prisma as it is now. Commit the migration and the schema together.
 * test/migrations.test.ts checks that the migrations build exactly what schema.prisma describes.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTemporaryServer } from '../infra/embedded-postgres.js';
import { MIGRATIONS_DIR } from '../infra/migrate.js';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('Usage: npm run db:migration -- <name_in_snake_case>');
  process.exit(1);
}

const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();
const lastMigrationCommit = git('log', '-1', '--format=%H', '--', 'prisma/migrations');
if (!lastMigrationCommit) {
  console.error('No committed migration found; the first migration is a diff from empty (see docs/ARCHITECTURE.md).');
  process.exit(1);
}
const scratch = mkdtempSync(join(tmpdir(), 'arkivlos-migration-'));
const previous = join(scratch, 'previous.prisma');
writeFileSync(previous, git('show', `${lastMigrationCommit}:prisma/schema.prisma`));

// `migrate diff` opens the adapter in prisma.config.ts although it reads no data: give it a
// throwaway embedded server so no server of your own is needed.
const server = await startTemporaryServer(tmpdir());
let sql: string;
try {
  const url = server.url;
  const { stdout } = await promisify(execFile)(
    'node_modules/.bin/prisma',
    ['migrate', 'diff', '--from-schema-datamodel', previous, '--to-schema-datamodel', 'prisma/schema.prisma', '--script'],
    { encoding: 'utf8', env: { ...process.env, PRISMA_CLI_DATABASE_URL: url } },
  );
  sql = stdout;
} finally {
  await server.stop();
  rmSync(scratch, { recursive: true, force: true });
}

if (!/^\s*(CREATE|ALTER|DROP|COMMENT)/im.test(sql)) {
  console.error(`prisma/schema.prisma has not changed since the last migration (${lastMigrationCommit.slice(0, 8)}): nothing to write.`);
  process.exit(1);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const folder = `${stamp}_${name}`;
if (readdirSync(MIGRATIONS_DIR).some((existing) => existing.endsWith(`_${name}`))) {
  console.error(`A migration named ${name} exists already.`);
  process.exit(1);
}
mkdirSync(join(MIGRATIONS_DIR, folder));
writeFileSync(join(MIGRATIONS_DIR, folder, 'migration.sql'), sql);
console.log(`Wrote prisma/migrations/${folder}/migration.sql — review it, then commit it with schema.prisma.`);

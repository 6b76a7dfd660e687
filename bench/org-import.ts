/**
 * How long does importing a large organisation take (a university: tens of thousands of people)?
 * Generates an organisation of N people in 200 units, imports it into an embedded database,
 * re-imports it unchanged, then imports it with 5 % of the people changed. The baseline is the
 * same number of rows written by one plain createMany, in the same process.
 *
 *   npx tsx bench/org-import.ts [people]
 */
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { stringify } from 'yaml';
import { importOrganisation } from '../domain/org/import-organisation.js';
import { parseOrganisationFile } from '../domain/org/org-file.js';
import { openBenchDatabase } from './bench-database.js';
import { applyMigrations } from '../infra/migrate.js';

const people = Number(process.argv[2] ?? 10_000);
const unitCount = 200;

function organisation(changed: number) {
  const units = Array.from({ length: unitCount }, (_, u) => ({
    code: `U${u}`,
    name: `Enhet ${u}`,
    ...(u > 0 ? { parent: `U${Math.floor((u - 1) / 10)}` } : {}),
    leader: `person${u}@bench.no`,
    deputies: [`person${u + unitCount}@bench.no`],
  }));
  const persons = Array.from({ length: people }, (_, p) => ({
    aadObjectId: `00000000-0000-4000-8000-${String(p).padStart(12, '0')}`,
    name: p < changed ? `Person ${p} (ny)` : `Person ${p}`,
    email: `person${p}@bench.no`,
    unit: `U${p % unitCount}`,
    roles: p % 50 === 0 ? ['saksbehandler', { role: 'fagspesialist', subjectAreas: ['OKO'] }] : ['saksbehandler'],
  }));
  return stringify({ subjectAreas: [{ code: 'OKO', name: 'Økonomi' }], units, people: persons });
}

async function time<T>(label: string, fn: () => Promise<T>): Promise<number> {
  const started = performance.now();
  await fn();
  const ms = performance.now() - started;
  console.log(`  ${label.padEnd(34)} ${ms.toFixed(0).padStart(7)} ms`);
  return ms;
}

const database = await openBenchDatabase();
await applyMigrations(database.pool);
const { prisma } = database;

console.log(`bench org-import (${people} people, ${unitCount} units, embedded database)`);
const baseline = await time('baseline: createMany of the people', () =>
  prisma.person.createMany({
    data: Array.from({ length: people }, (_, p) => ({ id: randomUUID(), aadObjectId: `x-${p}`, name: `P ${p}`, email: `x${p}@b.no` })),
  }),
);
await prisma.person.deleteMany();

const text = organisation(0);
await time('parse and validate the file', async () => parseOrganisationFile(text, 'bench.yaml'));
const first = await time('first import', () => importOrganisation(prisma, parseOrganisationFile(text, 'bench.yaml'), { actor: 'bench' }));
const again = await time('re-import, nothing changed', () => importOrganisation(prisma, parseOrganisationFile(text, 'bench.yaml'), { actor: 'bench' }));
const changed = await time('re-import, 5 % of people renamed', () =>
  importOrganisation(prisma, parseOrganisationFile(organisation(people / 20), 'bench.yaml'), { actor: 'bench' }),
);
console.log(`  ratio to baseline: first ${(first / baseline).toFixed(1)}×, unchanged ${(again / baseline).toFixed(1)}×, 5 % changed ${(changed / baseline).toFixed(1)}×`);
await database.close();

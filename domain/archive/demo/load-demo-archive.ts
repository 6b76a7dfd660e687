import { writeAudit } from '../../audit.js';
import { sql, type PrismaClient } from '../../db.js';
import { DEMO_ROLE_PERSONAS } from '../../org/demo-people.js';
import { analyzeRegistry } from '../registry/analyze-registry.js';
import { osloDate } from '../registry/change.js';
import { generateArchiveDemo } from './generate-archive-demo.js';
import { lastCaseSequences, readDemoContext, writeArchiveDemo, type DemoWriteSummary } from './write-archive-demo.js';

/** The demo archive that comes with the demo organisation: a few hundred entries. */
export const DEMO_ARCHIVE_ENTRIES = 300;
export const DEMO_ARCHIVE_SEED = 'eksempel-kommune';

export interface GenerateDemoArchiveOptions {
  seed: string | number;
  entries: number;
  now: Date;
  actor?: string;
  batchEntries?: number;
  onBatch?: (written: number) => void;
}

/** Generates demo archive data for the organisation in the database (after the registry's last numbers) and writes it. */
export async function generateDemoArchive(prisma: PrismaClient, options: GenerateDemoArchiveOptions): Promise<DemoWriteSummary> {
  const [context, last] = await Promise.all([readDemoContext(prisma), lastCaseSequences(prisma)]);
  const cases = generateArchiveDemo(context, {
    seed: options.seed,
    entries: options.entries,
    today: osloDate(options.now),
    now: options.now,
    lastSequence: (year) => last.get(year) ?? 0,
  });
  const written = await writeArchiveDemo(prisma, cases, { actor: options.actor ?? 'demo-data', now: options.now, seed: options.seed, batchEntries: options.batchEntries, onBatch: options.onBatch });
  await analyzeRegistry(prisma);
  return written;
}

/** Whether the database holds the demo organisation (its people for every role are there). */
export async function holdsDemoOrganisation(prisma: PrismaClient): Promise<boolean> {
  const ids = [...new Set(Object.values(DEMO_ROLE_PERSONAS))];
  return (await prisma.person.count({ where: { aadObjectId: { in: ids } } })) === ids.length;
}

/**
 * Loads the demo archive when the registry is empty and the database holds the demo
 * organisation (never over a real organisation's people). Returns what it wrote, or null.
 */
export async function loadDemoArchiveIfEmpty(prisma: PrismaClient, { now }: { now: Date }): Promise<DemoWriteSummary | null> {
  // Whether any row exists, not how many: this runs at every start, also over ten million entries.
  if ((await prisma.archiveCase.findFirst({ select: { id: true } })) || (await prisma.archiveEntry.findFirst({ select: { id: true } }))) return null;
  if (!(await holdsDemoOrganisation(prisma))) return null;
  return generateDemoArchive(prisma, { seed: DEMO_ARCHIVE_SEED, entries: DEMO_ARCHIVE_ENTRIES, now });
}

/** A database holds an organisation of its own when it has people but not the demo organisation's. */
export async function holdsOtherOrganisation(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.person.count()) > 0 && !(await holdsDemoOrganisation(prisma));
}

/**
 * Empties the registry (for a new benchmark set), audited as one change with what was removed.
 * Only the demo commands call it, and only on the demo organisation.
 */
export async function clearArchiveRegistry(prisma: PrismaClient, { actor }: { actor: string }): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const [row] = await sql(tx).rows<{ cases: number; entries: number }>`
      SELECT (SELECT count(*) FROM archive_case)::int AS cases, (SELECT count(*) FROM archive_entry)::int AS entries`;
    await sql(tx).run`TRUNCATE archive_decision, archive_approval_step, archive_entry, archive_case`;
    await writeAudit(tx, { actor, action: 'archive.cleared', entity: 'archive', entityId: 'registry', before: { cases: row!.cases, entries: row!.entries }, after: null });
    return row!.entries;
  });
}

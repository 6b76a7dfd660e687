import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseArchiveFile } from '../../domain/archive/import/archive-file.js';
import { importArchive, loadArchiveDirectory } from '../../domain/archive/import/import-archive.js';
import { builtInRegistry } from '../../domain/archive/registry/built-in-registry.js';
import { DEMO_ORGANISATION_PATH } from '../../domain/org/demo-people.js';
import { importOrganisation } from '../../domain/org/import-organisation.js';
import { parseOrganisationFile } from '../../domain/org/org-file.js';
import type { Database } from '../../infra/database.js';
import { createTestDatabase } from '../support/database.js';

const EXAMPLE_PATH = new URL('../../docs/archive-example.yaml', import.meta.url).pathname;
const NOW = new Date('2026-11-26T08:00:00Z');

let db: Database & { url: string };
let example: string;

beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 4 });
  const org = parseOrganisationFile(await readFile(DEMO_ORGANISATION_PATH, 'utf8'), DEMO_ORGANISATION_PATH);
  await importOrganisation(db.prisma, org, { actor: 'test' });
  example = await readFile(EXAMPLE_PATH, 'utf8');
});

afterAll(async () => {
  await db.close();
});

beforeEach(async () => {
  await db.pool.query('TRUNCATE archive_decision, archive_approval_step, archive_entry, archive_case');
  await db.pool.query(`DELETE FROM audit_entry WHERE action LIKE 'archive.%'`);
});

const parse = async (text: string) => parseArchiveFile(text, 'arkiv.yaml', await loadArchiveDirectory(db.prisma));

async function counts() {
  const { rows } = await db.pool.query(`
    SELECT (SELECT count(*) FROM archive_case)::int AS cases, (SELECT count(*) FROM archive_entry)::int AS entries,
           (SELECT count(*) FROM archive_approval_step)::int AS steps, (SELECT count(*) FROM archive_decision)::int AS decisions,
           (SELECT count(*) FROM audit_entry WHERE action LIKE 'archive.%')::int AS audit`);
  return rows[0] as Record<string, number>;
}

async function entryByNumber(number: string) {
  const [kase, sequence] = number.split('-');
  const [year, caseSequence] = kase!.split('/');
  const { rows } = await db.pool.query(
    `SELECT e.id, e.title, e.version, e.caseworker_id, e.write_off_method, e.write_off_reply_id FROM archive_entry e JOIN archive_case c ON c.id = e.case_id
     WHERE c.year = $1 AND c.sequence = $2 AND e.sequence = $3`,
    [Number(year), Number(caseSequence), Number(sequence)],
  );
  return rows[0] as { id: string; title: string; version: number; caseworker_id: string | null; write_off_method: string | null; write_off_reply_id: string | null };
}

describe('importing an archive file', () => {
  it('stores the example file: cases, entries with the BU write-off pointing at its reply, approval steps and decisions, each audited', async () => {
    const summary = await importArchive(db.prisma, await parse(example), { actor: 'archive-import', now: NOW });
    expect(summary).toEqual({ created: { cases: 3, entries: 7, approvalSteps: 2, decisions: 1 }, updated: { cases: 0, entries: 0, approvalSteps: 0, decisions: 0 } });
    expect(await counts()).toEqual({ cases: 3, entries: 7, steps: 2, decisions: 1, audit: 13 });

    const answered = await entryByNumber('2026/101-3');
    const reply = await entryByNumber('2026/101-2');
    expect(answered).toMatchObject({ write_off_method: 'BU', write_off_reply_id: reply.id });

    // What the daily card reads through the port: Astrid's backlog, Nils's approval, Megan's saksframlegg, Ingrid's list to distribute none.
    const archive = builtInRegistry(db.prisma);
    const people = await db.prisma.person.findMany({ where: { email: { in: ['astrid.eide@eksempel.kommune.no', 'nils.haugen@eksempel.kommune.no', 'alex.wilber@eksempel.kommune.no'] } } });
    const id = (email: string) => people.find((person) => person.email === email)!.id;
    const [backlog] = await archive.backlog([id('astrid.eide@eksempel.kommune.no')]);
    expect(backlog!.items.map((entry) => entry.number)).toEqual(['2026/101-1']);
    const [waiting] = await archive.approvalsWaiting([id('nils.haugen@eksempel.kommune.no')]);
    expect(waiting!.items.map((step) => step.entry.number)).toEqual(['2026/101-4']);
    const [decisions] = await archive.decisionsToFollowUp([id('alex.wilber@eksempel.kommune.no')]);
    expect(decisions!.items.map((decision) => decision.title)).toEqual(['Formannskapets innstilling til budsjett 2027']);
  });

  it('leaves the registry it filled with the planner’s statistics, so the first cards are not planned for empty tables', async () => {
    await importArchive(db.prisma, await parse(example), { actor: 'archive-import', now: NOW });
    const rows = await db.prisma.$queryRawUnsafe<{ relname: string; reltuples: number }[]>(
      `SELECT relname::text, reltuples::float8 AS reltuples FROM pg_class WHERE relname IN ('archive_case', 'archive_entry', 'archive_approval_step', 'archive_decision') ORDER BY relname`,
    );
    expect(Object.fromEntries(rows.map((row) => [row.relname, row.reltuples]))).toEqual({ archive_approval_step: 2, archive_case: 3, archive_decision: 1, archive_entry: 7 });
  });

  it('importing the same file twice changes nothing the second time and writes no audit entry', async () => {
    await importArchive(db.prisma, await parse(example), { actor: 'archive-import', now: NOW });
    const before = await counts();
    const version = (await entryByNumber('2026/101-1')).version;
    const again = await importArchive(db.prisma, await parse(example), { actor: 'archive-import', now: NOW });
    expect(again).toEqual({ created: { cases: 0, entries: 0, approvalSteps: 0, decisions: 0 }, updated: { cases: 0, entries: 0, approvalSteps: 0, decisions: 0 } });
    expect(await counts()).toEqual(before);
    expect((await entryByNumber('2026/101-1')).version).toBe(version);
  });

  it('a changed file updates what changed, keyed by saksnummer and journalpostnummer, raises the versions and audits before and after', async () => {
    await importArchive(db.prisma, await parse(example), { actor: 'archive-import', now: NOW });
    const first = await entryByNumber('2026/101-1');
    const changed = example
      .replace('title: Søknad om rammetillatelse – Storgata 12\n        unit: PLB\n        caseworker: astrid.eide', 'title: Søknad om rammetillatelse – Storgata 12 B\n        unit: PLB\n        caseworker: lars.nygaard')
      .replace(
        '        received: 2026-11-24\n        accessCode: XX\n',
        '        received: 2026-11-24\n        accessCode: XX\n      - number: 2026/102-3\n        type: N\n        status: J\n        title: Notat om intervjuene\n        unit: NSK\n        received: 2026-11-25\n',
      );
    const summary = await importArchive(db.prisma, await parse(changed), { actor: 'archive-import', now: NOW });
    expect(summary).toEqual({ created: { cases: 0, entries: 1, approvalSteps: 0, decisions: 0 }, updated: { cases: 0, entries: 1, approvalSteps: 0, decisions: 0 } });

    const after = await entryByNumber('2026/101-1');
    expect(after.id).toBe(first.id);
    expect(after.title).toBe('Søknad om rammetillatelse – Storgata 12 B');
    expect(after.version).toBe(first.version + 1);
    const { rows } = await db.pool.query(`SELECT actor, before, after FROM audit_entry WHERE action = 'archive.entryUpdated' AND entity_id = $1`, [first.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].actor).toBe('archive-import');
    expect(rows[0].before).toMatchObject({ title: 'Søknad om rammetillatelse – Storgata 12', caseworkerId: first.caseworker_id });
    expect(rows[0].after).toMatchObject({ title: 'Søknad om rammetillatelse – Storgata 12 B', caseworkerId: after.caseworker_id });
  });

  it('every entry carries its case’s number and enkeltvedtak, also after a changed file says the case is no enkeltvedtak', async () => {
    const carried = async () =>
      (
        await db.pool.query(`
          SELECT c.year || '/' || c.sequence AS "case", e.case_year || '/' || e.case_sequence AS "carried", c.enkeltvedtak, e.case_enkeltvedtak AS "carriedEnkeltvedtak"
          FROM archive_entry e JOIN archive_case c ON c.id = e.case_id WHERE c.year = 2026 AND c.sequence = 101 ORDER BY e.sequence`)
      ).rows;
    await importArchive(db.prisma, await parse(example), { actor: 'archive-import', now: NOW });
    const before = await carried();
    expect(before.length).toBeGreaterThan(1);
    expect(before).toEqual(before.map(() => ({ case: '2026/101', carried: '2026/101', enkeltvedtak: true, carriedEnkeltvedtak: true })));

    await importArchive(db.prisma, await parse(example.replace('    enkeltvedtak: true\n', '')), { actor: 'archive-import', now: NOW });
    expect(await carried()).toEqual(before.map(() => ({ case: '2026/101', carried: '2026/101', enkeltvedtak: false, carriedEnkeltvedtak: false })));
    // The daily card's backlog line reads them from the entry.
    const { caseworker_id: caseworker } = await entryByNumber('2026/101-1');
    const [mine] = await builtInRegistry(db.prisma).backlog([caseworker!]);
    expect(mine!.items.find((entry) => entry.number === '2026/101-1')).toMatchObject({ caseNumber: '2026/101', enkeltvedtak: false });
  });

  it('a decision carries its case’s number and its entry’s dokumentnummer, also after a changed file names its entry', async () => {
    const decision = async () =>
      (
        await db.pool.query(`
          SELECT c.year || '/' || c.sequence AS "case", d.case_year || '/' || d.case_sequence AS "carried", e.sequence AS "entry", d.entry_sequence AS "carriedEntry"
          FROM archive_decision d JOIN archive_case c ON c.id = d.case_id LEFT JOIN archive_entry e ON e.id = d.entry_id`)
      ).rows;
    await importArchive(db.prisma, await parse(example), { actor: 'archive-import', now: NOW });
    expect(await decision()).toEqual([{ case: '2026/103', carried: '2026/103', entry: null, carriedEntry: null }]);

    const named = example.replace('        decided: 2026-11-12\n', '        decided: 2026-11-12\n        entry: 2026/103-1\n');
    await importArchive(db.prisma, await parse(named), { actor: 'archive-import', now: NOW });
    expect(await decision()).toEqual([{ case: '2026/103', carried: '2026/103', entry: 1, carriedEntry: 1 }]);
    // The daily card's «Vedtak til oppfølging» line reads them from the decision.
    const { rows } = await db.pool.query(`SELECT responsible_id FROM archive_decision`);
    const [theirs] = await builtInRegistry(db.prisma).decisionsToFollowUp([rows[0].responsible_id]);
    expect(theirs!.items).toEqual([expect.objectContaining({ caseNumber: '2026/103', entryNumber: '2026/103-1' })]);
  });

  it('a database failure half-way through rolls back every write of the import', async () => {
    // Decisions are written last: a failure there proves the cases and entries before it roll back.
    await db.pool.query(`
      CREATE FUNCTION refuse_decision() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by test trigger'; END $$;
      CREATE TRIGGER refuse_decision BEFORE INSERT ON archive_decision FOR EACH STATEMENT EXECUTE FUNCTION refuse_decision();`);
    try {
      await expect(importArchive(db.prisma, await parse(example), { actor: 'archive-import', now: NOW })).rejects.toThrow(/refused by test trigger/);
      expect(await counts()).toEqual({ cases: 0, entries: 0, steps: 0, decisions: 0, audit: 0 });
    } finally {
      await db.pool.query('DROP TRIGGER refuse_decision ON archive_decision; DROP FUNCTION refuse_decision();');
    }
  });
});

describe('npm run archive:import', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'arkivlos-archive-import-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  function runCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile('npx', ['tsx', 'scripts/archive-import.ts', ...args], { env: { ...process.env, DATABASE_URL: db.url } }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      });
    });
  }

  it('a bad file: every problem with its line in bokmål (English with --lang en), exit code 1 and nothing written', async () => {
    const file = join(dir, 'bad.yaml');
    await writeFile(
      file,
      example
        .replace('caseworker: marte.kristiansen@eksempel.kommune.no', 'caseworker: marte@eksempel.kommune.no')
        .replace('reply: 2026/101-2', 'reply: 2026/101-1')
        .replace('received: 2026-11-18', 'received: 2026-11-31'),
    );
    const result = await runCli(file);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      `${file} har 3 feil. Ingenting er importert.`,
      expect.stringMatching(/:\d+ cases\[0\] \(2026\/101\)\.entries\[2\] \(2026\/101-3\)\.writeOff\.reply: BU krever at svaret er en utgående journalpost \(U\); 2026\/101-1 er av type I$/),
      expect.stringMatching(/:\d+ cases\[1\] \(2026\/102\)\.entries\[0\] \(2026\/102-1\)\.caseworker: ingen person med e-postadresse eller aadObjectId «marte@eksempel\.kommune\.no»/),
      expect.stringMatching(/:\d+ cases\[2\] \(2026\/103\)\.entries\[0\] \(2026\/103-1\)\.received: «2026-11-31» er ikke en dato/),
    ]);
    expect(await counts()).toMatchObject({ cases: 0, entries: 0 });
    const english = await runCli('--lang', 'en', file);
    expect(english.stderr).toContain('has 3 problems. Nothing was imported.');
    expect(english.stderr).toMatch(/BU needs the reply to be an outgoing entry \(U\); 2026\/101-1 is of type I/);
  }, 60_000);

  it('the example file in docs/: imported with a summary, and the same file again reports no changes', async () => {
    const first = await runCli(EXAMPLE_PATH);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe(
      [`Importert fra ${EXAMPLE_PATH}:`, '  Saker:             3 nye, 0 endret', '  Journalposter:     7 nye, 0 endret', '  Godkjenningssteg:  2 nye, 0 endret', '  Vedtak:            1 ny, 0 endret', ''].join('\n'),
    );
    const again = await runCli(EXAMPLE_PATH);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout.trim()).toBe(`Ingen endringer: arkivet stemmer allerede med ${EXAMPLE_PATH}.`);
  }, 60_000);
});

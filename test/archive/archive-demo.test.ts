import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withGeneratedPeople } from '../../domain/archive/demo/benchmark-organisation.js';
import { DEMO_KINDS, generateArchiveDemo, type DemoContext } from '../../domain/archive/demo/generate-archive-demo.js';
import { DEMO_ARCHIVE_ENTRIES, generateDemoArchive, loadDemoArchiveIfEmpty } from '../../domain/archive/demo/load-demo-archive.js';
import { builtInRegistry } from '../../domain/archive/registry/built-in-registry.js';
import { needsForelopigSvar } from '../../domain/archive/rules.js';
import { DEMO_ORGANISATION_PATH } from '../../domain/org/demo-people.js';
import { importOrganisation } from '../../domain/org/import-organisation.js';
import { parseOrganisationFile, type OrganisationFile } from '../../domain/org/org-file.js';
import type { Database } from '../../infra/database.js';
import { createTestDatabase } from '../support/database.js';

const NOW = new Date('2026-11-26T06:30:00Z');
const TODAY = '2026-11-26';

/** An organisation of two units (one a seksjon under an avdeling) with made-up ids. */
const CONTEXT: DemoContext = {
  units: [
    { id: 'u-plb', code: 'PLB', name: 'Plan og bygg', parentId: null, approverId: 'p-leder', caseworkerIds: ['p-astrid', 'p-lars'] },
    { id: 'u-nsk', code: 'NSK', name: 'Nordby skole', parentId: 'u-oppv', approverId: 'p-rektor', caseworkerIds: ['p-marte'] },
  ],
  topApproverId: 'p-top',
  archivistIds: ['p-arkiv'],
};

const generate = (seed: string | number, entries = DEMO_ARCHIVE_ENTRIES) => [...generateArchiveDemo(CONTEXT, { seed, entries, today: TODAY, now: NOW })];

describe('the demo-data generator', () => {
  it('the same seed gives the same data; another seed other data', () => {
    expect(generate('eksempel')).toEqual(generate('eksempel'));
    expect(generate(7)).toEqual(generate('7'));
    expect(generate('eksempel')).not.toEqual(generate('annet'));
  });

  it('makes exactly the number of entries asked for, numbered case by case', () => {
    for (const entries of [1, 17, 300, 2_000]) {
      const cases = generate('eksempel', entries);
      expect(cases.reduce((sum, kase) => sum + kase.entries.length, 0)).toBe(entries);
      expect(new Set(cases.map((kase) => `${kase.year}/${kase.sequence}`)).size).toBe(cases.length);
      for (const kase of cases) expect(kase.entries.map((entry) => entry.sequence)).toEqual(kase.entries.map((_, index) => index + 1));
    }
  });

  it('its dates make sense: nothing received after today, no deadline before its receipt, no reply before what it answers', () => {
    for (const kase of generate('eksempel', 2_000)) {
      for (const entry of kase.entries) {
        expect(entry.receivedDate <= TODAY).toBe(true);
        if (entry.dueDate) expect(entry.dueDate >= entry.receivedDate).toBe(true);
        if (entry.writeOff) expect(entry.writeOff.date >= entry.receivedDate).toBe(true);
        const reply = entry.writeOff?.replyIndex == null ? null : kase.entries[entry.writeOff.replyIndex]!;
        if (reply) expect([reply.type, reply.receivedDate >= entry.receivedDate]).toEqual(['U', true]);
      }
    }
  });

  it('a few hundred entries hold every kind the daily card sections need, and § 13 parties screened as «*****»', () => {
    const entries = generate('eksempel').flatMap((kase) => kase.entries);
    const byKind = new Map(DEMO_KINDS.map((kind) => [kind, entries.filter((entry) => entry.kind === kind).length]));
    for (const [kind, count] of byKind) expect(count, kind).toBeGreaterThan(0);
    const screened = entries.filter((entry) => entry.legalBasis === '13');
    expect(screened.length).toBeGreaterThan(0);
    for (const entry of screened) {
      expect(entry.publicTitle).toContain('*****');
      expect(entry.title).not.toContain('*****');
      expect(entry.accessCode).toMatch(/^[PBH]$/);
    }
  });
});

describe('demo archive data in the database', () => {
  let db: Database & { url: string };
  let other: Database & { url: string };
  let demoOrg: OrganisationFile;

  beforeAll(async () => {
    [db, other] = await Promise.all([createTestDatabase({ poolSize: 4 }), createTestDatabase({ poolSize: 4 })]);
    demoOrg = parseOrganisationFile(await readFile(DEMO_ORGANISATION_PATH, 'utf8'), DEMO_ORGANISATION_PATH);
    await importOrganisation(db.prisma, demoOrg, { actor: 'test' });
    await importOrganisation(other.prisma, demoOrg, { actor: 'test' });
  });
  afterAll(async () => {
    await Promise.all([db.close(), other.close()]);
  });

  /** The rows as people and numbers, not database ids. */
  async function rows(database: Database) {
    const { rows: entries } = await database.pool.query(`
      SELECT c.year || '/' || c.sequence || '-' || e.sequence AS number, e.title, e.public_title, e.type, e.status, cw.email AS caseworker,
             u.code AS unit, to_char(e.received_date, 'YYYY-MM-DD') AS received, to_char(e.due_date, 'YYYY-MM-DD') AS due, e.access_code,
             e.write_off_method, r.sequence AS reply
      FROM archive_entry e JOIN archive_case c ON c.id = e.case_id LEFT JOIN person cw ON cw.id = e.caseworker_id
      LEFT JOIN unit u ON u.id = e.unit_id LEFT JOIN archive_entry r ON r.id = e.write_off_reply_id
      ORDER BY c.year, c.sequence, e.sequence`);
    const { rows: steps } = await database.pool.query(`
      SELECT e.sequence, s.chain, s."order", a.email AS approver, s.flytstatus FROM archive_approval_step s
      JOIN archive_entry e ON e.id = s.entry_id JOIN person a ON a.id = s.approver_id ORDER BY 1, 2, 3, 4`);
    return { entries, steps };
  }

  it('is loaded into an empty registry of the demo organisation, only once, with one audit entry', async () => {
    const loaded = await loadDemoArchiveIfEmpty(db.prisma, { now: NOW });
    expect(loaded).toMatchObject({ entries: DEMO_ARCHIVE_ENTRIES });
    expect(await loadDemoArchiveIfEmpty(db.prisma, { now: NOW })).toBeNull();
    expect(await db.prisma.archiveEntry.count()).toBe(DEMO_ARCHIVE_ENTRIES);
    const audit = await db.prisma.auditEntry.findMany({ where: { action: 'archive.demoGenerated' } });
    expect(audit).toHaveLength(1);
    // Entries and decisions carry their case's number (and enkeltvedtak, and the decision's entry's dokumentnummer) as the case and entry have them.
    const { rows: differing } = await db.pool.query(`
      SELECT e.id FROM archive_entry e JOIN archive_case c ON c.id = e.case_id
       WHERE (e.case_year, e.case_sequence, e.case_enkeltvedtak) IS DISTINCT FROM (c.year, c.sequence, c.enkeltvedtak)
      UNION ALL
      SELECT d.id FROM archive_decision d JOIN archive_case c ON c.id = d.case_id LEFT JOIN archive_entry e ON e.id = d.entry_id
       WHERE (d.case_year, d.case_sequence, d.entry_sequence) IS DISTINCT FROM (c.year, c.sequence, e.sequence)`);
    expect(differing).toEqual([]);
    expect(await db.prisma.archiveDecision.count({ where: { entrySequence: { not: null } } })).toBeGreaterThan(0);
    expect(await db.prisma.archiveEntry.count({ where: { caseEnkeltvedtak: true } })).toBeGreaterThan(0);
  });

  it('the same seed in another database gives the same rows; another seed other rows', async () => {
    await generateDemoArchive(other.prisma, { seed: 'eksempel-kommune', entries: DEMO_ARCHIVE_ENTRIES, now: NOW });
    expect(await rows(other)).toEqual(await rows(db));
    await other.pool.query('TRUNCATE archive_decision, archive_approval_step, archive_entry, archive_case');
    await generateDemoArchive(other.prisma, { seed: 'en annen kommune', entries: DEMO_ARCHIVE_ENTRIES, now: NOW });
    expect((await rows(other)).entries).not.toEqual((await rows(db)).entries);
  });

  it('every section of every role has something: units, caseworkers, leaders, the top approver and the archive', async () => {
    const archive = builtInRegistry(db.prisma);
    const units = await db.prisma.unit.findMany({ include: { members: { include: { roles: true } } } });
    const caseworkers = units.flatMap((unit) => unit.members.filter((person) => person.roles.some((role) => role.role === 'saksbehandler')));
    const workingUnits = units.filter((unit) => unit.members.some((person) => person.roles.some((role) => role.role === 'saksbehandler')));
    const personIds = caseworkers.map((person) => person.id);
    const total = (groups: { total: number }[]) => groups.reduce((sum, group) => sum + group.total, 0);

    const unassigned = await archive.unassignedEntries(workingUnits.map((unit) => unit.id));
    expect(unassigned.map((group) => group.ownerId).sort()).toEqual(workingUnits.map((unit) => unit.id).sort());
    const backlog = await archive.backlog(personIds, { limit: 1000 });
    expect(total(backlog)).toBeGreaterThan(20);
    expect(total(await archive.inbox(personIds, { since: new Date(NOW.getTime() - 24 * 3_600_000) }))).toBeGreaterThan(0);
    const due = await archive.dueList(personIds, { today: TODAY, withinDays: 14, limit: 1000 });
    expect(due.flatMap((group) => group.items).some((entry) => entry.dueDate! < TODAY)).toBe(true);
    expect(due.flatMap((group) => group.items).some((entry) => entry.dueDate! >= TODAY)).toBe(true);
    expect(total(await archive.drafts(personIds))).toBeGreaterThan(0);
    expect(total(await archive.obsCases(personIds, { today: TODAY, withinDays: 14 }))).toBeGreaterThan(0);
    expect(total(await archive.decisionsToFollowUp(personIds))).toBeGreaterThan(0);
    expect(total(await archive.provisionallyScreened(personIds))).toBeGreaterThan(0);
    // § 11 a: enkeltvedtak entries about three to four weeks old, some still without a foreløpig svar.
    expect(backlog.flatMap((group) => group.items).filter((entry) => needsForelopigSvar({ ...entry, writeOffMethod: entry.writeOff?.method ?? null }, TODAY)).length).toBeGreaterThan(0);
    expect(backlog.flatMap((group) => group.items).some((entry) => entry.writeOff?.method === '***')).toBe(true);

    const leaders = units.map((unit) => unit.leaderId).filter((id): id is string => id !== null);
    const steps = (await archive.approvalsWaiting(leaders, { limit: 1000 })).flatMap((group) => group.items);
    expect(steps.some((step) => step.entry.type === 'S' && step.entry.behandlingsstatus === 'SU')).toBe(true);
    expect(steps.some((step) => step.entry.type === 'U')).toBe(true);
    const top = await db.prisma.person.findFirstOrThrow({ where: { roles: { some: { role: 'toppgodkjenner' } } } });
    const topSteps = (await archive.approvalsWaiting([top.id])).flatMap((group) => group.items);
    expect(topSteps.some((step) => step.entry.behandlingsstatus === 'RE' && step.entry.status === 'G')).toBe(true);
    const { rows: finished } = await db.pool.query(`SELECT count(*)::int AS n FROM archive_entry WHERE type = 'S' AND behandlingsstatus = 'KL' AND status = 'F'`);
    expect(finished[0].n).toBeGreaterThan(0);

    const lists = await archive.archiveControlLists();
    for (const [name, list] of Object.entries(lists)) expect(list.total, name).toBeGreaterThan(0);
  });

  it('--people N grows the demo organisation with generated units of caseworkers, and the entries spread over them', async () => {
    const grown = withGeneratedPeople(demoOrg, 120);
    expect(grown.people).toHaveLength(120);
    expect(withGeneratedPeople(demoOrg, 120)).toEqual(grown);
    await other.pool.query('TRUNCATE archive_decision, archive_approval_step, archive_entry, archive_case');
    await importOrganisation(other.prisma, grown, { actor: 'test' });
    const summary = await generateDemoArchive(other.prisma, { seed: 1, entries: 2_000, now: NOW, batchEntries: 500 });
    expect(summary.entries).toBe(2_000);
    expect(summary.entriesPerSecond).toBeGreaterThan(0);
    const { rows: spread } = await other.pool.query(`
      SELECT count(DISTINCT e.caseworker_id)::int AS caseworkers FROM archive_entry e JOIN person p ON p.id = e.caseworker_id JOIN unit u ON u.id = p.unit_id
      WHERE u.code LIKE 'GEN%'`);
    expect(spread[0].caseworkers).toBeGreaterThan(50);
  });
});

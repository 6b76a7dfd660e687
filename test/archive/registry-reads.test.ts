import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchivePort, ListGroup } from '../../domain/archive/port.js';
import { builtInRegistry } from '../../domain/archive/registry/built-in-registry.js';
import * as reads from '../../domain/archive/registry/reads.js';
import {
  CASE_COLUMNS,
  LISTED_CASE_LINE,
  LISTED_DECISION_COLUMNS,
  LISTED_DECISION_LINE,
  LISTED_ENTRY_COLUMNS,
  LISTED_ENTRY_LINE,
  listedCaseOfLine,
  listedDecisionOfLine,
  listedEntryOfLine,
  toListedCase,
  toListedDecision,
  toListedEntry,
  type CaseRow,
  type ListedDecisionRow,
  type ListedEntryRow,
} from '../../domain/archive/registry/rows.js';
import { idIn, Prisma, sql } from '../../domain/db.js';
import { createApprovalStep } from '../../domain/archive/registry/create-approval-step.js';
import { createDecision } from '../../domain/archive/registry/create-decision.js';
import type { NewEntry } from '../../domain/archive/registry/create-entry.js';
import { isBacklog } from '../../domain/archive/rules.js';
import { AppError, AppErrorCode } from '../../domain/errors.js';
import { ARCHIVE_NOW, ARCHIVE_TODAY, createCaseWith, createTeam, type Team } from '../support/archive.js';
import { createTestDatabase, watchStatements } from '../support/database.js';

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;
const numbersOf = <T extends { number: string }>(groups: ListGroup<T>[], ownerId: string) => groups.find((found) => found.ownerId === ownerId)?.items.map((item) => item.number) ?? [];
const totalOf = (groups: ListGroup<unknown>[], ownerId: string) => groups.find((found) => found.ownerId === ownerId)?.total ?? 0;

describe('the archive port’s reads on the built-in registry', () => {
  let db: TestDatabase;
  let archive: ArchivePort;
  let team: Team;
  let other: Team;

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 4 });
    archive = builtInRegistry(db.prisma);
    team = await createTeam(db.prisma, 'Økonomi');
    other = await createTeam(db.prisma, 'Plan');
  });
  afterAll(async () => {
    await db?.close();
  });

  it('lists a unit’s unassigned incoming entries oldest first, capped, with the full count, and the sub-unit’s for both units', async () => {
    const { entryIds, number } = await createCaseWith(db.prisma, { unitId: team.unit.id }, [
      { unitId: team.unit.id, receivedDate: '2026-11-03', title: 'Tredje' },
      { unitId: team.unit.id, receivedDate: '2026-11-01', title: 'Første' },
      { unitId: team.unit.id, receivedDate: '2026-11-02', type: 'N', title: 'Andre' },
      { unitId: team.unit.id, caseworkerId: team.caseworker.id, title: 'Fordelt' },
      { unitId: team.unit.id, type: 'X', title: 'X-notat' },
      { unitId: team.unit.id, writeOff: { method: 'TO', date: '2026-11-05' }, title: 'Avskrevet' },
      { unitId: team.unit.id, subUnitId: team.subUnit.id, receivedDate: '2026-11-04', title: 'Til seksjonen' },
      { unitId: other.unit.id, title: 'Annen enhet' },
    ]);
    const groups = await archive.unassignedEntries([team.unit.id, team.subUnit.id, other.unit.id], { limit: 3 });
    expect(numbersOf(groups, team.unit.id)).toEqual([`${number}-2`, `${number}-3`, `${number}-1`]);
    expect(totalOf(groups, team.unit.id)).toBe(4);
    expect(numbersOf(groups, team.subUnit.id)).toEqual([`${number}-7`]);
    expect(numbersOf(groups, other.unit.id)).toEqual([`${number}-8`]);
    const entry = groups.find((found) => found.ownerId === team.unit.id)!.items[0]!;
    expect(entry).toMatchObject({ id: entryIds[1], title: 'Første', type: 'I', status: 'J', unitId: team.unit.id, writeOff: null, receivedDate: '2026-11-01', version: 1 });
  });

  it('gives a person’s inbox (assigned since a time), backlog (with *** and without X, U and written-off entries) and drafts', async () => {
    const me = team.colleague.id;
    const entries: Partial<Omit<NewEntry, 'caseId'>>[] = [
      { caseworkerId: me, assignedAt: new Date('2026-11-25T10:00:00Z'), title: 'Ny i går' },
      { caseworkerId: me, assignedAt: new Date('2026-11-01T10:00:00Z'), receivedDate: '2026-10-30', title: 'Gammel restanse' },
      { caseworkerId: me, receivedDate: '2026-11-05', writeOff: { method: '***', date: '2026-11-20' }, title: 'Foreløpig svar sendt' },
      { caseworkerId: me, writeOff: { method: 'TE', date: '2026-11-20' }, title: 'Tatt til etterretning' },
      { caseworkerId: me, type: 'X', title: 'X-notat' },
      { caseworkerId: me, status: 'U', title: 'Utgår' },
      { caseworkerId: me, type: 'U', status: 'R', title: 'Svarbrev under arbeid' },
    ];
    const { number } = await createCaseWith(
      db.prisma,
      { unitId: team.unit.id, saksansvarligId: me },
      entries.map((entry, index) => (index === 0 ? entry : { assignedAt: new Date('2026-11-10T10:00:00Z'), ...entry })),
    );
    const inbox = await archive.inbox([me], { since: new Date('2026-11-25T00:00:00Z') });
    expect(numbersOf(inbox, me)).toEqual([`${number}-1`]);
    const backlog = await archive.backlog([me]);
    expect(numbersOf(backlog, me)).toEqual([`${number}-2`, `${number}-1`, `${number}-3`]);
    expect(backlog[0]!.items.every((entry) => isBacklog({ type: entry.type, status: entry.status, writeOffMethod: entry.writeOff?.method ?? null }))).toBe(true);
    expect(backlog[0]!.items[2]!.writeOff).toMatchObject({ method: '***', date: '2026-11-20' });
    expect(numbersOf(await archive.drafts([me]), me)).toEqual([`${number}-7`]);
  });

  it('lists due dates passed or within the window, and OBS cases the same way, leaving closed cases out', async () => {
    const me = team.subCaseworker.id;
    const { number } = await createCaseWith(db.prisma, { saksansvarligId: me, obsDate: '2026-12-01' }, [
      { caseworkerId: me, dueDate: '2026-11-20', title: 'Forfalt' },
      { caseworkerId: me, dueDate: '2026-12-10', title: 'Innen 14 dager' },
      { caseworkerId: me, dueDate: '2026-12-11', title: 'Senere' },
      { caseworkerId: me, dueDate: '2026-11-01', writeOff: { method: 'TLF', date: '2026-11-02' }, title: 'Besvart på telefon' },
    ]);
    const due = await archive.dueList([me], { today: ARCHIVE_TODAY, withinDays: 14 });
    expect(numbersOf(due, me)).toEqual([`${number}-1`, `${number}-2`]);
    const later = await createCaseWith(db.prisma, { saksansvarligId: me, obsDate: '2026-12-11' }, []);
    const closed = await createCaseWith(db.prisma, { saksansvarligId: me, obsDate: '2026-11-01', status: 'A' }, []);
    const obs = await archive.obsCases([me], { today: ARCHIVE_TODAY, withinDays: 14 });
    expect(numbersOf(obs, me)).toEqual([number]);
    expect(numbersOf(obs, me)).not.toContain(later.number);
    expect(numbersOf(obs, me)).not.toContain(closed.number);
    await expect(archive.dueList([me], { today: '26.11.2026', withinDays: 14 })).rejects.toMatchObject({ code: AppErrorCode.INVALID_INPUT });
  });

  it('lists decisions to follow up until they are receipted', async () => {
    const me = other.caseworker.id;
    const { caseId, entryIds, number } = await createCaseWith(db.prisma, { enkeltvedtak: true, saksansvarligId: me }, [{ type: 'U', status: 'E', title: 'Vedtak om startlån' }]);
    await createDecision(db.prisma, { caseId, entryId: entryIds[0], title: 'Vedtak om startlån', decidedDate: '2026-11-10', responsibleId: me }, { actor: 'test', now: ARCHIVE_NOW });
    await createDecision(db.prisma, { caseId, title: 'Kvittert vedtak', decidedDate: '2026-11-01', responsibleId: me, receiptedAt: ARCHIVE_NOW, receiptedById: me }, { actor: 'test', now: ARCHIVE_NOW });
    const groups = await archive.decisionsToFollowUp([me]);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.items).toEqual([expect.objectContaining({ title: 'Vedtak om startlån', caseNumber: number, entryNumber: `${number}-1`, decidedDate: '2026-11-10' })]);
  });

  it('lists provisionally screened (XX) entries per person and per unit', async () => {
    const me = other.colleague.id;
    const { number } = await createCaseWith(db.prisma, {}, [
      { unitId: other.unit.id, caseworkerId: me, accessCode: 'XX', title: 'Klage fra Kari Hansen', publicTitle: 'Klage fra ****' },
      { unitId: other.unit.id, accessCode: 'U', legalBasis: '13', title: 'Allerede vurdert' },
      { unitId: other.unit.id, subUnitId: other.subUnit.id, accessCode: 'XX', receivedDate: '2026-11-09', title: 'Ufordelt XX' },
    ]);
    const mine = await archive.provisionallyScreened([me]);
    expect(numbersOf(mine, me)).toEqual([`${number}-1`]);
    expect(mine[0]!.items[0]).toMatchObject({ title: 'Klage fra Kari Hansen', publicTitle: 'Klage fra ****', accessCode: 'XX' });
    const units = await archive.provisionallyScreenedInUnits([other.unit.id, other.subUnit.id]);
    expect(numbersOf(units, other.unit.id)).toEqual([`${number}-1`, `${number}-3`]);
    expect(numbersOf(units, other.subUnit.id)).toEqual([`${number}-3`]);
  });

  it('lists the steps waiting for each approver with the sender’s merknad', async () => {
    const { entryIds, number } = await createCaseWith(db.prisma, {}, [{ type: 'U', status: 'R', caseworkerId: team.caseworker.id, title: 'Svar på søknad' }]);
    await createApprovalStep(db.prisma, { entryId: entryIds[0]!, approverId: team.leader.id, senderId: team.caseworker.id, merknad: 'Haster litt' }, { actor: 'test', now: ARCHIVE_NOW });
    const groups = await archive.approvalsWaiting([team.leader.id, other.leader.id]);
    expect(groups.map((found) => found.ownerId)).toEqual([team.leader.id]);
    expect(groups[0]!.items[0]).toMatchObject({
      flytstatus: 'V',
      merknad: 'Haster litt',
      chain: 1,
      order: 1,
      sender: { id: team.caseworker.id, name: team.caseworker.name },
      approver: { id: team.leader.id, name: team.leader.name },
      entry: { number: `${number}-1`, type: 'U', status: 'R' },
    });
  });

  it('gives the archive its control lists', async () => {
    const registrar = await createCaseWith(db.prisma, {}, [
      { status: 'M', title: 'Ny post til fordeling' },
      { unitId: team.unit.id, status: 'F', type: 'X', title: 'Ferdig notat' },
      { unitId: team.unit.id, status: 'E', type: 'U', title: 'Ekspedert brev' },
      { unitId: team.unit.id, needsDueDate: true, title: 'Frist i brevet' },
    ]);
    const reserved = await createCaseWith(db.prisma, { status: 'R', title: 'Reservert sak' }, []);
    const readyToClose = await createCaseWith(db.prisma, { status: 'F', title: 'Klar til avslutning' }, [{ writeOff: { method: 'TO', date: '2026-11-03' } }]);
    const notReady = await createCaseWith(db.prisma, { status: 'F', title: 'Ikke klar' }, [{}]);
    const lists = await archive.archiveControlLists({ limit: 1000 });
    const numbers = (list: { items: { number: string }[] }) => list.items.map((item) => item.number);
    expect(numbers(lists.toDistribute)).toContain(`${registrar.number}-1`);
    expect(numbers(lists.toRegisterFinally)).toContain(`${registrar.number}-2`);
    expect(numbers(lists.accessCodeCheck)).toContain(`${registrar.number}-3`);
    expect(numbers(lists.accessCodeCheck)).not.toContain(`${registrar.number}-2`);
    expect(numbers(lists.dueDatesToEnter)).toContain(`${registrar.number}-4`);
    expect(numbers(lists.reservedCases)).toContain(reserved.number);
    const closing = Object.fromEntries(lists.casesForClosing.items.map((item) => [item.number, item.closable]));
    expect(closing).toMatchObject({ [readyToClose.number]: true, [notReady.number]: false });
    const capped = await archive.archiveControlLists({ limit: 1 });
    expect(capped.toDistribute.items).toHaveLength(1);
    expect(capped.toDistribute.total).toBe(lists.toDistribute.total);
  });

  it('counts each unit’s backlog, the sub-unit’s in its parent too', async () => {
    const team3 = await createTeam(db.prisma, 'Oppvekst');
    await createCaseWith(db.prisma, {}, [
      { unitId: team3.unit.id },
      { unitId: team3.unit.id, caseworkerId: team3.caseworker.id, writeOff: { method: '***', date: '2026-11-20' } },
      { unitId: team3.unit.id, subUnitId: team3.subUnit.id, caseworkerId: team3.subCaseworker.id },
      { unitId: team3.unit.id, writeOff: { method: 'BE', date: '2026-11-20' } },
      { unitId: team3.unit.id, type: 'X' },
    ]);
    expect(await archive.unitBacklogCounts([team3.unit.id, team3.subUnit.id])).toEqual(
      [
        { unitId: team3.unit.id, count: 3 },
        { unitId: team3.subUnit.id, count: 1 },
      ].sort((a, b) => a.unitId.localeCompare(b.unitId)),
    );
  });

  it('reads one person’s lists at once, the same as the reads one by one for the person, their units and their approvers', async () => {
    // The team's leader: unassigned post and XX entries in the units, a step waiting; a caseworker: every own list.
    const window = { today: ARCHIVE_TODAY, withinDays: 14, limit: 2 };
    const since = new Date('2026-01-01T00:00:00Z');
    const { entryIds } = await createCaseWith(db.prisma, { obsDate: '2026-11-20', saksansvarligId: team.caseworker.id }, [
      { type: 'U', status: 'F', caseworkerId: team.caseworker.id, registeredAt: ARCHIVE_NOW, title: 'Svar klart til godkjenning' },
      { type: 'U', status: 'R', caseworkerId: team.caseworker.id, title: 'Utkast til svar' },
      { unitId: team.unit.id, caseworkerId: team.caseworker.id, receivedDate: '2026-11-02' },
      { unitId: team.unit.id, receivedDate: '2026-11-03' },
      { unitId: team.unit.id, receivedDate: '2026-11-04' },
      { unitId: team.unit.id, receivedDate: '2026-11-05' },
      { unitId: team.unit.id, subUnitId: team.subUnit.id, accessCode: 'XX', receivedDate: '2026-11-06' },
    ]);
    await createApprovalStep(db.prisma, { entryId: entryIds[0]!, approverId: team.leader.id, senderId: team.caseworker.id, merknad: 'Se på dette' }, { actor: 'test', now: ARCHIVE_NOW });
    const units = [team.unit.id, team.subUnit.id];
    for (const person of [team.leader.id, team.caseworker.id]) {
      const approvers = [person, other.leader.id];
      const [together, ...oneByOne] = await Promise.all([
        archive.personLists(person, { ...window, since, unitIds: units, approverIds: approvers }),
        archive.inbox([person], { ...window, since }),
        archive.backlog([person], window),
        archive.dueList([person], window),
        archive.drafts([person], window),
        archive.provisionallyScreened([person], window),
        archive.obsCases([person], window),
        archive.decisionsToFollowUp([person], window),
        archive.unassignedEntries(units, window),
        archive.provisionallyScreenedInUnits(units, window),
        archive.unitBacklogCounts(units),
        archive.approvalsWaiting(approvers, window),
      ]);
      const [inbox, backlog, dueList, drafts, provisionallyScreened, obsCases, decisions, unassigned, unitScreening, unitBacklog, approvals] = oneByOne;
      expect(together).toEqual({ inbox, backlog, dueList, drafts, provisionallyScreened, obsCases, decisions, unassigned, unitScreening, unitBacklog, approvals });
    }
    const leaders = await archive.personLists(team.leader.id, { ...window, since, unitIds: units, approverIds: [team.leader.id] });
    expect(leaders.unassigned.some((unit) => unit.total > unit.items.length)).toBe(true);
    // JSON has no dates: a step's timestamps are Dates again.
    expect(leaders.approvals[0]!.items.find((step) => step.merknad === 'Se på dette')).toMatchObject({ decidedAt: null, entry: { registeredAt: ARCHIVE_NOW } });
    expect(leaders.unitScreening.map((unit) => unit.ownerId).sort()).toEqual([...units].sort());
    const caseworkers = await archive.personLists(team.caseworker.id, { ...window, since, unitIds: [], approverIds: [] });
    expect(caseworkers.backlog[0]!.total).toBeGreaterThan(0);
    expect(caseworkers.obsCases[0]!.total).toBeGreaterThan(0);
    expect(caseworkers.drafts[0]!.total).toBeGreaterThan(0);
    expect([caseworkers.unassigned, caseworkers.unitScreening, caseworkers.unitBacklog, caseworkers.approvals]).toEqual([[], [], [], []]);
  });

  it('one person’s lists for a leader of two units: planned once on a connection, its generic plan from the first run (a few ids are scalars, not an array)', async () => {
    const options = { today: ARCHIVE_TODAY, withinDays: 14, limit: 10, since: new Date('2026-01-01T00:00:00Z'), unitIds: [team.unit.id, other.unit.id], approverIds: [team.leader.id] };
    const plans = await db.prisma.$transaction(async (tx) => {
      // On the transaction's connection (pg_prepared_statements is per connection), which may have run it before.
      const now = () => sql(tx).rows<{ statement: string; custom: number; generic: number }>`
        SELECT statement, custom_plans::int AS custom, generic_plans::int AS generic FROM pg_prepared_statements WHERE statement LIKE '%AS "read"%' AND statement NOT LIKE '%pg_prepared_statements%'`;
      const before = await now();
      for (let i = 0; i < 8; i++) await reads.personLists(tx, team.leader.id, options);
      const runs = (row: { statement: string; custom: number; generic: number }) => row.custom + row.generic;
      const [mode] = await sql(tx).rows<{ plan_cache_mode: string }>`SHOW plan_cache_mode`;
      return { mode, ran: (await now()).filter((row) => runs(row) - runs(before.find((earlier) => earlier.statement === row.statement) ?? { statement: '', custom: 0, generic: 0 }) === 8) };
    });
    // Without plannedOnce: custom 5 of 8, each 5–40 ms of planning; with an array of units custom 8 of 8.
    expect(plans.ran).toEqual([expect.objectContaining({ custom: 0 })]);
    expect(plans.ran[0]!.generic).toBeGreaterThanOrEqual(8);
    expect(plans.mode).toEqual({ plan_cache_mode: 'auto' });
  });

  it('asks the database once per read, however many people or units it reads for (twice for the control lists)', async () => {
    // The statements of sql(db), recorded at its bridge (plannedOnce's SET and RESET around personLists are not statements of the read).
    const watched = watchStatements(db);
    const statements = watched.texts;
    const people = [team.caseworker.id, team.colleague.id, team.subCaseworker.id, other.caseworker.id, other.colleague.id];
    const units = [team.unit.id, team.subUnit.id, other.unit.id];
    const window = { today: ARCHIVE_TODAY, withinDays: 14 };
    const reads: [string, () => Promise<unknown>, number][] = [
      ['unassignedEntries', () => archive.unassignedEntries(units), 1],
      ['inbox', () => archive.inbox(people, { since: new Date('2026-01-01T00:00:00Z') }), 1],
      ['backlog', () => archive.backlog(people), 1],
      ['dueList', () => archive.dueList(people, window), 1],
      ['drafts', () => archive.drafts(people), 1],
      ['obsCases', () => archive.obsCases(people, window), 1],
      ['decisionsToFollowUp', () => archive.decisionsToFollowUp(people), 1],
      ['provisionallyScreened', () => archive.provisionallyScreened(people), 1],
      ['provisionallyScreenedInUnits', () => archive.provisionallyScreenedInUnits(units), 1],
      ['approvalsWaiting', () => archive.approvalsWaiting([team.leader.id, other.leader.id]), 1],
      ['unitBacklogCounts', () => archive.unitBacklogCounts(units), 1],
      ['personLists', () => archive.personLists(team.leader.id, { ...window, since: new Date('2026-01-01T00:00:00Z'), unitIds: units, approverIds: [team.leader.id, other.leader.id] }), 1],
      ['archiveControlLists', () => archive.archiveControlLists(), 2],
      ['entriesById', () => archive.entriesById([team.unit.id, other.unit.id]), 1],
      ['casesById', () => archive.casesById([team.unit.id]), 1],
      ['stepsById', () => archive.stepsById([team.unit.id]), 1],
      ['decisionsById', () => archive.decisionsById([team.unit.id]), 1],
    ];
    try {
      for (const [name, read, queries] of reads) {
        statements.length = 0;
        await read();
        expect({ name, statements: statements.length }).toEqual({ name, statements: queries });
      }
    } finally {
      watched.stop();
    }
  });

  // The separators divide a line's fields and a list's lines: in a title (control characters no card shows) each is a space.
  const spaced = (title: string) => title.replaceAll('\u001e', ' ').replaceAll('\u001f', ' ');
  const shown = <R extends { title: string; publicTitle?: string | null }>(row: R): R => ({
    ...row,
    title: spaced(row.title),
    ...(row.publicTitle !== undefined && { publicTitle: row.publicTitle === null ? null : spaced(row.publicTitle) }),
  });
  const odd = 'Søknad «om» \\ "startlån"\n– Ærlige Åse 😀\u2028slutt';

  it('reads a listed entry from its one-line form as from its columns: empty fields, a write-off, and titles with quotes, backslashes, line breaks, æøå, emoji and the separators', async () => {
    const plain = await createCaseWith(db.prisma, {}, [{ title: odd, receivedDate: '2026-10-01' }]);
    const full = await createCaseWith(db.prisma, { unitId: team.unit.id, enkeltvedtak: true }, [
      {
        unitId: team.unit.id,
        subUnitId: team.subUnit.id,
        caseworkerId: team.caseworker.id,
        dueDate: '2026-12-01',
        accessCode: 'XX',
        title: 'Klage – Kari Nordmann',
        publicTitle: `Klage – ${odd}`,
        writeOff: { method: '***', date: '2026-11-20' },
      },
      { unitId: team.unit.id, type: 'N', title: 'Med\u001fskilletegn\u001eog', publicTitle: 'Offentlig\u001fskilletegn\u001e' },
    ]);
    const ids = [...plain.entryIds, ...full.entryIds];
    const rows = await sql(db.prisma).rows<{ line: string } & ListedEntryRow>(
      Prisma.sql`SELECT ${LISTED_ENTRY_LINE} AS "line", ${LISTED_ENTRY_COLUMNS} FROM archive_entry e WHERE ${idIn(Prisma.sql`e.id`, ids)} ORDER BY e.received_date, e.id`,
    );
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(listedEntryOfLine(row.line)).toEqual(toListedEntry(shown(row)));
    expect(listedEntryOfLine(rows[0]!.line)).toMatchObject({ title: odd, publicTitle: odd, unitId: null, subUnitId: null, dueDate: null, accessCode: null, writeOff: null, enkeltvedtak: false });
    expect(rows.map((row) => listedEntryOfLine(row.line).title)).toContain('Med skilletegn og');
    expect(() => listedEntryOfLine('too\u001ffew')).toThrow(/entry's line has 2 fields, not 18/);
    // In a list, where the lines come joined by U+001E: the one with both separators in its titles is one entry.
    const [unit] = await archive.unassignedEntries([team.unit.id], { limit: 1000 });
    expect(unit!.items.filter((entry) => entry.id === full.entryIds[1])).toEqual([expect.objectContaining({ title: 'Med skilletegn og', publicTitle: 'Offentlig skilletegn ' })]);
    expect(unit!.items).toHaveLength(unit!.total);
  });

  it('reads a listed case and a listed decision from their one-line forms as from their columns', async () => {
    const plain = await createCaseWith(db.prisma, { title: odd }, []);
    const full = await createCaseWith(db.prisma, { title: 'Klage\u001e – Kari', publicTitle: `Klage\u001f – ${odd}`, unitId: team.unit.id, obsDate: '2026-12-24', enkeltvedtak: true }, [{}]);
    // Held to the columns a whole case is read by (casesById), which the listed case is a part of.
    const caseRows = await sql(db.prisma).rows<{ line: string } & CaseRow>(
      Prisma.sql`SELECT ${LISTED_CASE_LINE} AS "line", ${CASE_COLUMNS} FROM archive_case c WHERE ${idIn(Prisma.sql`c.id`, [plain.caseId, full.caseId])} ORDER BY c.year, c.sequence`,
    );
    expect(caseRows).toHaveLength(2);
    for (const row of caseRows) expect(listedCaseOfLine(row.line)).toEqual(toListedCase(shown(row)));
    expect(listedCaseOfLine(caseRows[0]!.line)).toMatchObject({ title: odd, publicTitle: odd, unitId: null, obsDate: null, enkeltvedtak: false });
    expect(listedCaseOfLine(caseRows[1]!.line)).toMatchObject({ title: 'Klage  – Kari', obsDate: '2026-12-24', enkeltvedtak: true, unitId: team.unit.id });

    const withEntry = await createDecision(db.prisma, { caseId: full.caseId, entryId: full.entryIds[0]!, title: `Vedtak\u001e${odd}`, decidedDate: '2026-11-20', responsibleId: team.caseworker.id }, { actor: 'test', now: ARCHIVE_NOW });
    const caseOnly = await createDecision(db.prisma, { caseId: plain.caseId, title: 'Vedtak', decidedDate: '2026-11-21', responsibleId: team.caseworker.id }, { actor: 'test', now: ARCHIVE_NOW });
    const decisionRows = await sql(db.prisma).rows<{ line: string } & ListedDecisionRow>(
      Prisma.sql`SELECT ${LISTED_DECISION_LINE} AS "line", ${LISTED_DECISION_COLUMNS} FROM archive_decision d WHERE ${idIn(Prisma.sql`d.id`, [withEntry.id, caseOnly.id])} ORDER BY d.decided_date`,
    );
    expect(decisionRows).toHaveLength(2);
    for (const row of decisionRows) expect(listedDecisionOfLine(row.line)).toEqual(toListedDecision(shown(row)));
    expect(listedDecisionOfLine(decisionRows[0]!.line)).toMatchObject({ title: `Vedtak ${odd}`, entryNumber: `${full.number}-1` });
    expect(listedDecisionOfLine(decisionRows[1]!.line)).toMatchObject({ entryNumber: null, caseNumber: plain.number });
    expect(() => listedCaseOfLine('a\u001fb')).toThrow(/case's line has 2 fields, not 10/);
  });

  it('finds entries, cases, steps and decisions by id, leaving unknown ids out', async () => {
    const { caseId, entryIds, number } = await createCaseWith(db.prisma, { title: 'Byggesak Storgata 1' }, [{ title: 'Søknad' }, { type: 'U', status: 'R', title: 'Svar' }]);
    const step = await createApprovalStep(db.prisma, { entryId: entryIds[1]!, approverId: team.leader.id, senderId: team.caseworker.id }, { actor: 'test', now: ARCHIVE_NOW });
    const decision = await createDecision(db.prisma, { caseId, title: 'Rammetillatelse', decidedDate: '2026-11-20', responsibleId: team.caseworker.id }, { actor: 'test', now: ARCHIVE_NOW });
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await archive.entriesById([entryIds[1]!, unknown, entryIds[0]!])).map((entry) => entry.number).sort()).toEqual([`${number}-1`, `${number}-2`]);
    expect(await archive.casesById([caseId, unknown])).toEqual([expect.objectContaining({ number, title: 'Byggesak Storgata 1', status: 'B', version: 1 })]);
    expect(await archive.stepsById([step.id])).toEqual([expect.objectContaining({ id: step.id, flytstatus: 'V', entry: expect.objectContaining({ number: `${number}-2` }) })]);
    // A waiting list reads its steps as JSON lines: the same steps, their timestamps Dates, as read by their columns.
    const registered = await createCaseWith(db.prisma, {}, [{ type: 'U', status: 'F', registeredAt: ARCHIVE_NOW, title: 'Svar til godkjenning' }]);
    const ofRegistered = await createApprovalStep(db.prisma, { entryId: registered.entryIds[0]!, approverId: team.leader.id, senderId: team.caseworker.id, merknad: 'Sjå «dette»\u001e' }, { actor: 'test', now: ARCHIVE_NOW });
    const [waiting] = await archive.approvalsWaiting([team.leader.id], { limit: 1000 });
    const listed = waiting!.items.filter((found) => found.id === step.id || found.id === ofRegistered.id);
    expect(listed).toHaveLength(2);
    expect(listed.find((found) => found.id === ofRegistered.id)!.entry.registeredAt).toBeInstanceOf(Date);
    for (const found of listed) expect(found).toEqual((await archive.stepsById([found.id]))[0]);
    expect(await archive.decisionsById([decision.id])).toEqual([expect.objectContaining({ title: 'Rammetillatelse', caseNumber: number })]);
  });

  it('reads for an empty list of people without asking the database, and refuses a negative cap', async () => {
    expect(await archive.backlog([])).toEqual([]);
    await expect(archive.backlog([team.caseworker.id], { limit: -1 })).rejects.toBeInstanceOf(AppError);
  });
});

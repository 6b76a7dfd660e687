import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInRegistry } from '../../domain/archive/registry/built-in-registry.js';
import type { ArchivePort } from '../../domain/archive/port.js';
import { composeDailyCards } from '../../domain/daily/compose-daily-cards.js';
import { getsDailyCard, type DailyCardView } from '../../domain/daily/daily-view.js';
import { ARCHIVE_TODAY, createCaseWith, createTeam, type Team } from '../support/archive.js';
import { createTestDatabase, watchStatements } from '../support/database.js';
import { createPersonWithRole, seedDailyWork } from '../support/daily.js';

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;
const SETTINGS = { date: ARCHIVE_TODAY, dailyCardTime: '07:30', timeZone: 'Europe/Oslo' };
const kinds = (view: DailyCardView | undefined) => view?.sections.map((section) => section.kind) ?? [];

describe('composing the daily cards', () => {
  let db: TestDatabase;
  let archive: ArchivePort;
  const teams: Team[] = [];
  let topApprover: { id: string };
  let archivist: { id: string };

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 6 });
    archive = builtInRegistry(db.prisma);
    topApprover = await createPersonWithRole(db.prisma, 'Rådmann', 'toppgodkjenner');
    archivist = await createPersonWithRole(db.prisma, 'Arkivar', 'arkivet');
    // Eight teams of four: 32 people with work in every section.
    for (let index = 0; index < 8; index += 1) {
      const team = await createTeam(db.prisma, `Enhet ${index}`);
      await seedDailyWork(db.prisma, team, { topApproverId: topApprover.id });
      teams.push(team);
    }
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  const compose = (personIds?: readonly string[]) => composeDailyCards(db.prisma, archive, { ...SETTINGS, ...(personIds ? { personIds } : {}) });

  it('asks the database the same number of statements for 3 people as for 30 (one read per section for everyone at once)', async () => {
    // Every statement of sql(db) goes through the pool's query(); the composer uses nothing else.
    const watched = watchStatements(db);
    const everyone = teams.flatMap((team) => [team.leader.id, team.caseworker.id, team.colleague.id, team.subCaseworker.id]);
    const count = async (ids: string[]) => {
      watched.texts.length = 0;
      const views = await compose(ids);
      return { statements: watched.texts.length, cards: views.filter(getsDailyCard).length };
    };
    try {
      const three = await count([teams[0]!.caseworker.id, teams[0]!.leader.id, archivist.id]);
      const thirty = await count([...everyone.slice(0, 28), topApprover.id, archivist.id]);
      expect(three.cards).toBe(3);
      expect(thirty.cards).toBeGreaterThanOrEqual(16);
      expect(thirty.statements).toBe(three.statements);
      // people (and who is away), acting leaders; eleven section reads; the control lists (two).
      expect(three.statements).toBe(15);
    } finally {
      watched.stop();
    }
  });

  it('composes one person’s card (as after an action) the same as in a run over many, with all their lists in one statement', async () => {
    const team = teams[0]!;
    const people = [team.caseworker.id, team.leader.id, team.colleague.id, topApprover.id, archivist.id];
    const together = await compose(people);
    const watched = watchStatements(db);
    try {
      for (const id of people) {
        watched.texts.length = 0;
        const [alone] = await compose([id]);
        expect(alone).toEqual(together.find((view) => view.person.id === id));
        // The lists: one statement of a branch per read.
        expect(watched.texts.filter((text) => text.includes('AS "read"'))).toHaveLength(1);
      }
      // The caseworker and the leader: people, acting leaders, their lists.
      for (const id of [team.caseworker.id, team.leader.id]) {
        watched.texts.length = 0;
        await compose([id]);
        expect(watched.texts).toHaveLength(3);
      }
    } finally {
      watched.stop();
    }
  });

  it('gives a caseworker every caseworker section, a leader the unit’s, the top approver final approval and the archive its control lists', async () => {
    const team = teams[0]!;
    const views = await compose([team.caseworker.id, team.leader.id, topApprover.id, archivist.id]);
    const of = (id: string) => views.find((view) => view.person.id === id);
    expect(kinds(of(team.caseworker.id))).toEqual(['inbox', 'backlog', 'dueList', 'drafts', 'obsCases', 'decisions', 'ownScreening']);
    expect(kinds(of(team.leader.id))).toEqual(['unassigned', 'unitScreening', 'unitBacklog', 'approvals']);
    expect(kinds(of(topApprover.id))).toEqual(['finalApproval']);
    expect(of(topApprover.id)!.sections[0]!.total).toBe(8);
    expect(kinds(of(archivist.id))).toEqual(expect.arrayContaining(['toRegisterFinally']));
  });

  it('caps a section at the ten oldest and counts the rest', async () => {
    const team = teams[1]!;
    await createCaseWith(
      db.prisma,
      { unitId: team.unit.id },
      Array.from({ length: 13 }, (_, day) => ({ unitId: team.unit.id, receivedDate: `2026-10-${String(day + 1).padStart(2, '0')}`, title: `Brev ${day + 1}` })),
    );
    const [leader] = await compose([team.leader.id]);
    const unassigned = leader!.sections.find((section) => section.kind === 'unassigned')!;
    expect(unassigned.items).toHaveLength(10);
    expect(unassigned.total).toBe(14);
    expect(unassigned.items[0]!.title).toBe('Brev 1');
  });

  it('leaves out someone with nothing to do unless they asked for the card when all is done', async () => {
    const idle = await createTeam(db.prisma, 'Stille');
    const [quiet] = await compose([idle.colleague.id]);
    expect(quiet!.sections).toEqual([]);
    expect(getsDailyCard(quiet!)).toBe(false);
    await db.prisma.person.update({ where: { id: idle.colleague.id }, data: { dailyCardWhenEmpty: true } });
    const [asked] = await compose([idle.colleague.id]);
    expect(getsDailyCard(asked!)).toBe(true);
  });

  it('gives the acting deputy an away leader’s sections marked as standing in, and pauses the leader’s card', async () => {
    const team = teams[2]!;
    await db.prisma.unitDeputy.create({ data: { unitId: team.unit.id, personId: team.colleague.id, rank: 1 } });
    await db.prisma.absence.create({ data: { personId: team.leader.id, fromDate: new Date('2026-11-25'), toDate: new Date('2026-11-27') } });
    const views = await compose([team.leader.id, team.colleague.id]);
    const leader = views.find((view) => view.person.id === team.leader.id)!;
    const deputy = views.find((view) => view.person.id === team.colleague.id)!;
    expect(leader).toMatchObject({ away: true, sections: [] });
    expect(getsDailyCard(leader)).toBe(false);
    const standing = deputy.sections.filter((section) => section.standingInFor);
    expect(standing.map((section) => section.kind)).toEqual(['unassigned', 'unitScreening', 'unitBacklog', 'approvals']);
    expect(standing.every((section) => section.standingInFor!.id === team.leader.id)).toBe(true);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInRegistry } from '../../domain/archive/registry/built-in-registry.js';
import { composeDailyCards } from '../../domain/daily/compose-daily-cards.js';
import { dailyContext } from '../../domain/daily/daily-context.js';
import { ARCHIVE_NOW, ARCHIVE_TODAY, createTeam, type Team } from '../support/archive.js';
import { createTestDatabase, watchStatements } from '../support/database.js';
import { createPersonWithRole, seedDailyWork } from '../support/daily.js';

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

describe('a person’s day on the daily card, read in one statement (dailyContext)', () => {
  let db: TestDatabase;
  let team: Team;
  let topApprover: { id: string };
  /** Rank 1 and rank 2 deputies of the team's unit. */
  let first: { id: string };
  let second: { id: string };

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 4 });
    topApprover = await createPersonWithRole(db.prisma, 'Rådmann', 'toppgodkjenner');
    team = await createTeam(db.prisma, 'Plan');
    await seedDailyWork(db.prisma, team, { topApproverId: topApprover.id });
    first = team.colleague;
    second = team.caseworker;
    await db.prisma.unitDeputy.createMany({
      data: [
        { unitId: team.unit.id, personId: first.id, rank: 1 },
        { unitId: team.unit.id, personId: second.id, rank: 2 },
      ],
    });
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  const away = (personId: string) => db.prisma.absence.create({ data: { personId, fromDate: new Date('2026-11-23'), toDate: new Date('2026-11-27') } });
  const rightsOf = async (personId: string, now = ARCHIVE_NOW) => {
    const { rights } = await dailyContext(db.prisma, personId, now);
    return { unit: rights.actsForUnit(team.unit.id), leadersApprovals: rights.decidesFor(team.leader.id), ownApprovals: rights.decidesFor(personId) };
  };

  it('is one statement: the settings, the day, the person, who acts for their units', async () => {
    const watched = watchStatements(db);
    try {
      const context = await dailyContext(db.prisma, team.leader.id, ARCHIVE_NOW);
      expect(watched.texts).toHaveLength(1);
      expect(context.today).toBe(ARCHIVE_TODAY);
      expect(context.settings).toEqual({ name: null, postAddress: null, dailyCardTime: '07:30', timeZone: 'Europe/Oslo' });
      expect(context.person).toMatchObject({ id: team.leader.id, name: team.leader.name, away: false, roles: [] });
      expect([...context.acting.values()]).toEqual([
        { unitId: team.unit.id, unitName: team.unit.name, leader: { id: team.leader.id, name: team.leader.name }, acting: { id: team.leader.id, name: team.leader.name }, asDeputy: false },
      ]);
    } finally {
      watched.stop();
    }
  });

  it('takes the day in the organisation’s time zone: half past eleven at night UTC is already the next day in Oslo', async () => {
    expect((await dailyContext(db.prisma, team.leader.id, new Date('2026-11-26T22:59:00Z'))).today).toBe('2026-11-26');
    expect((await dailyContext(db.prisma, team.leader.id, new Date('2026-11-26T23:30:00Z'))).today).toBe('2026-11-27');
  });

  it('gives the units and the approvals to the first present deputy while the leader is away, keeps the leader’s own, and ends with the absence', async () => {
    expect(await rightsOf(team.leader.id)).toEqual({ unit: true, leadersApprovals: true, ownApprovals: true });
    expect(await rightsOf(first.id)).toEqual({ unit: false, leadersApprovals: false, ownApprovals: true });

    await away(team.leader.id);
    // Back early, a leader still leads their unit; the first deputy stands in, the second does not.
    expect(await rightsOf(team.leader.id)).toEqual({ unit: true, leadersApprovals: true, ownApprovals: true });
    expect(await rightsOf(first.id)).toEqual({ unit: true, leadersApprovals: true, ownApprovals: true });
    expect(await rightsOf(second.id)).toEqual({ unit: false, leadersApprovals: false, ownApprovals: true });

    // The first deputy away too: the second stands in.
    await away(first.id);
    expect(await rightsOf(first.id)).toEqual({ unit: false, leadersApprovals: false, ownApprovals: true });
    expect(await rightsOf(second.id)).toEqual({ unit: true, leadersApprovals: true, ownApprovals: true });

    // Monday after: nobody stands in.
    const monday = new Date('2026-11-30T08:00:00Z');
    expect(await rightsOf(second.id, monday)).toEqual({ unit: false, leadersApprovals: false, ownApprovals: true });
    expect(await rightsOf(team.leader.id, monday)).toEqual({ unit: true, leadersApprovals: true, ownApprovals: true });
  });

  it('composes the same card from what it read as the composer does with its own reads, for the leader away, the deputy standing in and a caseworker', async () => {
    // The absences of the test before: the leader and the first deputy away, the second standing in.
    const archive = builtInRegistry(db.prisma);
    const settings = { date: ARCHIVE_TODAY, dailyCardTime: '07:30', timeZone: 'Europe/Oslo' };
    for (const person of [team.leader, second, team.subCaseworker, topApprover]) {
      const context = await dailyContext(db.prisma, person.id, ARCHIVE_NOW);
      const read = { people: context.person ? [context.person] : [], acting: context.acting };
      const [fromContext] = await composeDailyCards(db.prisma, archive, { ...settings, personIds: [person.id], read });
      const [ownReads] = await composeDailyCards(db.prisma, archive, { ...settings, personIds: [person.id] });
      expect(fromContext).toEqual(ownReads);
      expect(ownReads).toBeDefined();
    }
  });

  it('has no person for someone no longer in the organisation, and no rights for them', async () => {
    const gone = await createTeam(db.prisma, 'Borte');
    await db.prisma.person.update({ where: { id: gone.caseworker.id }, data: { active: false } });
    const context = await dailyContext(db.prisma, gone.caseworker.id, ARCHIVE_NOW);
    expect(context.person).toBeNull();
    expect(context.rights.roles).toEqual([]);
    expect(context.rights.isArchive).toBe(false);
  });
});

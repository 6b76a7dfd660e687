import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInRegistry } from '../../domain/archive/registry/built-in-registry.js';
import type { ArchivePort } from '../../domain/archive/port.js';
import { composeDailyCards, composeDailyCardsInBatches } from '../../domain/daily/compose-daily-cards.js';
import type { DailyCardView } from '../../domain/daily/daily-view.js';
import { ARCHIVE_TODAY, createTeam, type Team } from '../support/archive.js';
import { createTestDatabase, watchStatements } from '../support/database.js';
import { createPersonWithRole, seedDailyWork } from '../support/daily.js';

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;
const SETTINGS = { date: ARCHIVE_TODAY, dailyCardTime: '07:30', timeZone: 'Europe/Oslo' };
const byPerson = (views: DailyCardView[]) => new Map(views.map((view) => [view.person.id, view]));

describe('composing the daily cards in batches of people', () => {
  let db: TestDatabase;
  let archive: ArchivePort;
  const teams: Team[] = [];

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 6 });
    archive = builtInRegistry(db.prisma);
    const topApprover = await createPersonWithRole(db.prisma, 'Rådmann', 'toppgodkjenner');
    await createPersonWithRole(db.prisma, 'Arkivar', 'arkivet');
    for (let index = 0; index < 4; index += 1) {
      const team = await createTeam(db.prisma, `Enhet ${index}`);
      await seedDailyWork(db.prisma, team, { topApproverId: topApprover.id });
      teams.push(team);
    }
    // One leader away: the deputy, maybe in another batch, stands in.
    await db.prisma.absence.create({ data: { personId: teams[1]!.leader.id, fromDate: new Date(`${ARCHIVE_TODAY}T00:00:00Z`), toDate: new Date(`${ARCHIVE_TODAY}T00:00:00Z`) } });
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  it('gives every person the same view as composing everyone at once, in a bounded number of statements a batch', async () => {
    const statements = watchStatements(db);
    try {
      const all = byPerson(await composeDailyCards(db.prisma, archive, SETTINGS));
      const batched: DailyCardView[] = [];
      statements.texts.length = 0;
      const batches = composeDailyCardsInBatches(db.prisma, archive, { ...SETTINGS, batchSize: 3 });
      // The first statement lists the people; each batch then asks its own (the next is read ahead).
      // Each batch asks at least: the people and who acts for each unit, then for one person
      // present all their lists in one read (personLists), for more each list on its own (seven
      // of a person's own and the approvals), for nobody present none.
      let fewest = 1;
      for await (const views of batches) {
        expect(views.length).toBeLessThanOrEqual(3);
        batched.push(...views);
        const present = views.filter((view) => !view.away).length;
        fewest += 2 + (present === 0 ? 0 : present === 1 ? 1 : 8);
      }
      expect(batched.length).toBe(all.size);
      expect(new Set(batched.map((view) => view.person.id)).size).toBe(all.size);
      for (const view of batched) expect(view).toEqual(all.get(view.person.id));
      // One statement lists the people; each batch asks at most composeDailyCards' fifteen (a read
      // for nobody, e.g. the units of a batch without a leader, is not sent), and at least the above.
      const batchCount = Math.ceil(all.size / 3);
      expect(statements.texts.length).toBeLessThanOrEqual(1 + 15 * batchCount);
      expect(statements.texts.length).toBeGreaterThanOrEqual(fewest);
    } finally {
      statements.stop();
    }
  });

  it('composes only the people asked for, once each', async () => {
    const ids = [teams[0]!.caseworker.id, teams[2]!.leader.id, teams[0]!.caseworker.id];
    const views: DailyCardView[] = [];
    for await (const batch of composeDailyCardsInBatches(db.prisma, archive, { ...SETTINGS, personIds: ids, batchSize: 1 })) views.push(...batch);
    expect(views.map((view) => view.person.id).sort()).toEqual([teams[0]!.caseworker.id, teams[2]!.leader.id].sort());
  });
});

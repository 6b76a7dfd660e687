/**
 * The daily run on a real database: one card per person with something to do (or who asked for
 * the all-clear), none for the rest or for someone away, each in the person's language and with
 * the key `digest:<person>:<date>`; a second run the same day adds nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInRegistry } from '../../domain/archive/registry/built-in-registry.js';
import { composeDailyCards } from '../../domain/daily/compose-daily-cards.js';
import { runDailyCards } from '../../domain/daily/daily-cards-job.js';
import { getsDailyCard } from '../../domain/daily/daily-view.js';
import { sendDailyCards } from '../../domain/daily/send-daily-cards.js';
import { ARCHIVE_TODAY, createTeam, type Team } from '../support/archive.js';
import { createTestDatabase, watchStatements } from '../support/database.js';
import { createPersonWithRole, seedDailyWork } from '../support/daily.js';

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;
const SETTINGS = { date: ARCHIVE_TODAY, dailyCardTime: '07:30', timeZone: 'Europe/Oslo', actor: 'test' };
type Card = { speak: string; body: { text?: string }[]; actions?: unknown[] };

describe('sending the daily cards', () => {
  let db: TestDatabase;
  const teams: Team[] = [];
  let idle: { id: string };
  let allClear: { id: string };
  let away: Team['caseworker'];
  let english: Team['caseworker'];

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 6 });
    const topApprover = await createPersonWithRole(db.prisma, 'Rådmann', 'toppgodkjenner');
    for (let index = 0; index < 6; index += 1) {
      const team = await createTeam(db.prisma, `Enhet ${index}`);
      await seedDailyWork(db.prisma, team, { topApproverId: topApprover.id });
      teams.push(team);
    }
    // Nothing to do: no card. Nothing to do but asked for the all-clear: a card.
    idle = await db.prisma.person.create({ data: { aadObjectId: crypto.randomUUID(), name: 'Ledig Person', email: 'ledig@eksempel.kommune.no' } });
    allClear = await db.prisma.person.create({
      data: { aadObjectId: crypto.randomUUID(), name: 'Alt Klart', email: 'altklart@eksempel.kommune.no', dailyCardWhenEmpty: true },
    });
    // Work waiting, but away today: no card.
    away = teams[1]!.caseworker;
    await db.prisma.absence.create({ data: { personId: away.id, fromDate: new Date('2026-11-25'), toDate: new Date('2026-11-27') } });
    english = teams[2]!.caseworker;
    await db.prisma.person.update({ where: { id: english.id }, data: { chosenLocale: 'en' } });
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  const digests = () =>
    db.prisma.outboxMessage.findMany({ where: { idempotencyKey: { startsWith: 'digest:' } }, select: { idempotencyKey: true, personId: true, activity: true, state: true } });
  const cardOf = (activity: unknown) => (activity as { attachments: { content: Card }[] }).attachments[0]!.content;

  it('puts one card in the outbox for each person with something to do, none for the rest, in one INSERT', async () => {
    const archive = builtInRegistry(db.prisma);
    const views = await composeDailyCards(db.prisma, archive, SETTINGS);
    const expected = views.filter(getsDailyCard).map((view) => view.person.id);
    expect(expected).toContain(allClear.id);
    expect(expected).not.toContain(idle.id);
    expect(expected).not.toContain(away.id);

    const statements = watchStatements(db);
    let result;
    try {
      result = await sendDailyCards(db.prisma, archive, SETTINGS);
    } finally {
      statements.stop();
    }
    expect(statements.texts.filter((text) => /INSERT INTO outbox_message/i.test(text))).toHaveLength(1);
    expect(result).toMatchObject({ date: ARCHIVE_TODAY, composed: views.length, queued: expected.length, alreadyQueued: 0, away: 1, tooLarge: 0 });
    expect(result.nothingToDo).toBe(views.length - expected.length - 1);
    expect(result.messageIds).toHaveLength(expected.length);

    const stored = await digests();
    expect(stored.map((message) => message.personId).sort()).toEqual([...expected].sort());
    for (const message of stored) {
      expect(message.idempotencyKey).toBe(`digest:${message.personId}:${ARCHIVE_TODAY}`);
      expect(message.state).toBe('waiting');
    }
    // In the person's language; the entry buttons are on the card (actions: true).
    const cardFor = (personId: string) => cardOf(stored.find((message) => message.personId === personId)!.activity);
    expect(cardFor(english.id).body[0]!.text).toMatch(/^My tasks /);
    expect(cardFor(teams[0]!.caseworker.id).body[0]!.text).toMatch(/^Mine oppgaver /);
    expect(JSON.stringify(cardFor(teams[0]!.leader.id))).toContain('Action.Execute');
    // One audit entry for the run.
    expect(await db.prisma.auditEntry.count({ where: { action: 'daily.send', entityId: ARCHIVE_TODAY } })).toBe(1);
  });

  it('a second run the same day, by hand or by the scheduled job, adds nothing', async () => {
    const before = await digests();
    const again = await sendDailyCards(db.prisma, builtInRegistry(db.prisma), SETTINGS);
    expect(again.queued).toBe(0);
    expect(again.alreadyQueued).toBe(before.length);
    expect(again.messageIds).toHaveLength(before.length);
    const byJob = await runDailyCards({ prisma: db.prisma, runKey: ARCHIVE_TODAY, renewLease: async () => true });
    expect(byJob.queued).toBe(0);
    expect(await digests()).toHaveLength(before.length);
    // No audit entry for a run that queued nothing.
    expect(await db.prisma.auditEntry.count({ where: { action: 'daily.send', entityId: ARCHIVE_TODAY } })).toBe(1);
  });

  it('a run that composes a few people at a time queues the same cards as one that composes everyone at once', async () => {
    const date = '2026-11-30';
    const whole = await sendDailyCards(db.prisma, builtInRegistry(db.prisma), { ...SETTINGS, date });
    const byBatch = await sendDailyCards(db.prisma, builtInRegistry(db.prisma), { ...SETTINGS, date: '2026-12-01', batchSize: 4 });
    expect(byBatch).toMatchObject({ composed: whole.composed, queued: whole.queued, nothingToDo: whole.nothingToDo, away: whole.away });
    const people = async (day: string) =>
      (await db.prisma.outboxMessage.findMany({ where: { idempotencyKey: { endsWith: `:${day}` } }, select: { personId: true } })).map((row) => row.personId).sort();
    expect(await people('2026-12-01')).toEqual(await people(date));
  });

  it('two runs at once queue each card once', async () => {
    const date = '2026-11-27';
    const [a, b] = await Promise.all([sendDailyCards(db.prisma, builtInRegistry(db.prisma), { ...SETTINGS, date }), sendDailyCards(db.prisma, builtInRegistry(db.prisma), { ...SETTINGS, date })]);
    expect(a.queued + b.queued).toBe(a.queued + a.alreadyQueued);
    expect(await db.prisma.outboxMessage.count({ where: { idempotencyKey: { endsWith: `:${date}` } } })).toBe(a.queued + b.queued);
  });
});

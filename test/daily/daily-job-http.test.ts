/**
 * The morning run in the whole app over HTTP (startTestBot with the product's scheduled jobs and a
 * clock of the test's): no card on a Saturday or a public holiday, the cards at 07:30 Oslo on the
 * next working day, delivered through the outbox to the connector, and nothing more that day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEDULED_JOBS } from '../../app.js';
import { createTeam, type Team } from '../support/archive.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { seedDailyWork } from '../support/daily.js';

describe('the daily run in the running app', () => {
  let bot: TestBot;
  let team: Team;
  let clock = new Date('2026-11-28T09:00:00Z'); // Saturday 28 November 2026, 10:00 in Oslo
  const prisma = () => bot.arkivlos.database.prisma;
  const digests = () => prisma().outboxMessage.findMany({ where: { idempotencyKey: { startsWith: 'digest:' } }, select: { idempotencyKey: true, personId: true } });
  const cardsAtConnector = () => bot.connector.sent.filter((activity) => JSON.stringify(activity.body.attachments ?? []).includes('Mine oppgaver'));
  /** Lets the job timer (every 50 ms here) look a few times at the current clock. */
  const letTheTimerLook = () => new Promise((resolve) => setTimeout(resolve, 600));

  beforeAll(async () => {
    bot = await startTestBot({ LOG_LEVEL: 'warn' }, { now: () => clock, scheduledJobs: SCHEDULED_JOBS, jobs: { pollMs: 50 } });
    team = await createTeam(prisma(), 'Enhet');
    await seedDailyWork(prisma(), team);
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it('sends nothing on a Saturday, a Sunday or Christmas Day, and each person with something to do one card at 07:30 on a working day', async () => {
    await letTheTimerLook();
    expect(await digests()).toEqual([]);
    clock = new Date('2026-11-29T07:00:00Z'); // Sunday
    await letTheTimerLook();
    clock = new Date('2026-12-25T08:00:00Z'); // Christmas Day, a Friday
    await letTheTimerLook();
    expect(await digests()).toEqual([]);
    clock = new Date('2026-12-28T06:29:00Z'); // Monday 28 December, 07:29 in Oslo
    await letTheTimerLook();
    expect(await digests()).toEqual([]);
    expect(cardsAtConnector()).toEqual([]);

    clock = new Date('2026-12-28T06:30:00Z'); // 07:30 in Oslo
    await expect.poll(async () => (await digests()).length, { timeout: 10_000, interval: 50 }).toBeGreaterThan(0);
    const queued = await digests();
    for (const person of [team.leader, team.caseworker]) expect(queued.map((message) => message.idempotencyKey)).toContain(`digest:${person.id}:2026-12-28`);
    // Delivered: one card each, in personal chats the outbox created.
    await expect.poll(() => cardsAtConnector().length, { timeout: 15_000, interval: 100 }).toBe(queued.length);
    expect(new Set(cardsAtConnector().map((activity) => activity.conversationId)).size).toBe(queued.length);

    // Later that day, nothing more.
    clock = new Date('2026-12-28T12:00:00Z');
    await letTheTimerLook();
    expect(await digests()).toHaveLength(queued.length);
    expect(await prisma().scheduledJobRun.count({ where: { job: 'daily.cards' } })).toBe(1);
  }, 60_000);
});

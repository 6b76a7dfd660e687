/**
 * When the morning run is due: on a working day from the organisation's card time in its zone,
 * never on a weekend or a Norwegian public holiday, with the job runner's own clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dailyCardsJob } from '../../domain/daily/daily-cards-job.js';
import { startJobRunner, type JobRunner } from '../../domain/jobs/job-runner.js';
import type { ScheduledJob } from '../../domain/jobs/scheduled-job.js';
import { createTestDatabase } from '../support/database.js';

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

describe('the daily run’s schedule', () => {
  let db: TestDatabase;
  let runner: JobRunner;
  let clock = new Date('2026-11-28T09:00:00Z');
  const runs: string[] = [];
  // The real job's schedule, with its work replaced by a note of the run it was given.
  const job: ScheduledJob = { ...dailyCardsJob, run: async (context) => void runs.push(context.runKey) };

  beforeAll(async () => {
    db = await createTestDatabase();
    runner = startJobRunner({ prisma: db.prisma, jobs: [job], now: () => clock }, { pollMs: 3_600_000 });
  });
  afterAll(async () => {
    await runner?.stop();
    await db?.close();
  });

  /** The runs the runner claimed when it looked at `at`. */
  const lookAt = async (at: string) => {
    clock = new Date(at);
    runs.length = 0;
    await runner.tick();
    return [...runs];
  };

  it.each([
    ['a Saturday', '2026-11-28T09:00:00Z'],
    ['a Sunday', '2026-11-29T12:00:00Z'],
    ['17 May (a Monday in 2027, also Whit Monday)', '2027-05-17T06:30:00Z'],
    ['Maundy Thursday', '2026-04-02T07:00:00Z'],
    ['Good Friday', '2026-04-03T07:00:00Z'],
    ['Whit Monday', '2026-05-25T07:00:00Z'],
    ['Christmas Day, a Friday', '2026-12-25T08:00:00Z'],
    ['1 May, a Friday', '2026-05-01T08:00:00Z'],
  ])('is not due on %s, whatever the hour', async (_day, at) => {
    expect(await lookAt(at)).toEqual([]);
    // Not in the evening either.
    expect(await lookAt(at.replace(/T.*/, 'T20:00:00Z'))).toEqual([]);
  });

  it('is due at 07:30 Oslo on a working day (not a minute before), once that day, and again the next working day', async () => {
    // Thursday 26 November 2026: 07:29 Oslo is 06:29 UTC in winter time.
    expect(await lookAt('2026-11-26T06:29:59Z')).toEqual([]);
    expect(await lookAt('2026-11-26T06:30:00Z')).toEqual(['2026-11-26']);
    // The run is the day's: a later look the same day, on this or another instance, claims nothing.
    expect(await lookAt('2026-11-26T10:00:00Z')).toEqual([]);
    // Friday is a working day: its own run.
    expect(await lookAt('2026-11-27T06:31:00Z')).toEqual(['2026-11-27']);
    // In summer time 07:30 Oslo is 05:30 UTC.
    expect(await lookAt('2026-06-10T05:29:00Z')).toEqual([]);
    expect(await lookAt('2026-06-10T05:30:00Z')).toEqual(['2026-06-10']);
  });

  it('follows the organisation’s card time and zone as soon as they change', async () => {
    await db.prisma.organisationSettings.upsert({
      where: { id: 1 },
      create: { id: 1, dailyCardTime: '08:15', timeZone: 'Europe/Oslo' },
      update: { dailyCardTime: '08:15', timeZone: 'Europe/Oslo' },
    });
    // Tuesday 1 December 2026: 07:30 Oslo is no longer the time; 08:15 is.
    expect(await lookAt('2026-12-01T06:30:00Z')).toEqual([]);
    expect(await lookAt('2026-12-01T07:15:00Z')).toEqual(['2026-12-01']);
    await db.prisma.organisationSettings.update({ where: { id: 1 }, data: { dailyCardTime: '07:30', timeZone: 'Atlantic/Reykjavik' } });
    // Wednesday 2 December: 07:30 in Reykjavík (UTC+0) is 07:30 UTC.
    expect(await lookAt('2026-12-02T07:29:00Z')).toEqual([]);
    expect(await lookAt('2026-12-02T07:30:00Z')).toEqual(['2026-12-02']);
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startJobRunner, type JobRunner } from '../../domain/jobs/job-runner.js';
import { loadDemoOrganisationIfEmpty } from '../../domain/org/load-demo-organisation.js';
import { getPersonContext, type PersonContext } from '../../domain/people/get-person-context.js';
import { autoCloseJob, autoCloseRequests } from '../../domain/support/auto-close-requests.js';
import { submitRequest } from '../../domain/support/submit-request.js';
import { resolveRequest } from '../../domain/support/support-status.js';
import { createTestDatabase } from '../support/database.js';

const ALEX = '00000000-0000-0000-0000-0000000000020'; // saksbehandler, the requester
const ADELE = '00000000-0000-0000-0000-0000000000022'; // arkivet, resolves
const NOW = new Date('2026-11-26T09:15:00Z');
const DAY = 24 * 60 * 60 * 1000;
const HOUR_KEY = '2026-11-26T09';
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);

describe('the automatic closing of henvendelser not confirmed within 14 days, a scheduled job on several instances (real database)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let alex: PersonContext;
  let adele: PersonContext & { aadObjectId: string };
  const runners: JobRunner[] = [];

  /** A henvendelse from Alex that Adele resolved at `resolvedAt`. */
  const resolvedAt = async (at: Date) => {
    const submitted = await submitRequest(db.prisma, {
      requester: alex,
      data: { what: 'Flytte journalpost 2026/1234-3', who: 'Arkivet', result: 'Riktig sak', category: 'flytte_kopiere_rette', urgency: 'normal', intakeKey: randomUUID() },
      now: new Date(at.getTime() - DAY),
    });
    if (submitted.outcome === 'invalid') throw new Error(JSON.stringify(submitted.problems));
    await resolveRequest(db.prisma, { requestId: submitted.request.id, expectedVersion: 1, actor: adele, text: 'Flyttet.', now: at });
    return submitted.request.id;
  };
  /** Instances' timers on one database, each looking only when the test says (tick). */
  const instances = (count: number, now = () => NOW) =>
    Array.from({ length: count }, (_, i) => {
      const runner = startJobRunner({ prisma: db.prisma, jobs: [autoCloseJob], now, instance: `instance-${i + 1}` }, { pollMs: 3_600_000 });
      runners.push(runner);
      return runner;
    });
  const statusOf = async (id: string) => (await db.prisma.supportRequest.findUniqueOrThrow({ where: { id } })).status;
  const closedEvents = (id: string) => db.prisma.supportEvent.findMany({ where: { requestId: id, kind: 'closed' } });
  /** The requester's notifications of the closing: one per `closed` event (recordEvent's key). */
  const closingNotices = async (id: string) => {
    const keys = (await closedEvents(id)).map((event) => `support:${id}:event:${event.id}`);
    return db.prisma.outboxMessage.count({ where: { idempotencyKey: { in: keys } } });
  };

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 12 });
    await loadDemoOrganisationIfEmpty(db.prisma);
    alex = (await getPersonContext(db.prisma, ALEX))!;
    adele = { ...(await getPersonContext(db.prisma, ADELE))!, aadObjectId: ADELE };
  });
  afterAll(async () => {
    await Promise.all(runners.map((runner) => runner.stop()));
    await db?.close();
  });
  beforeEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
    await db.prisma.outboxMessage.deleteMany();
    await db.prisma.supportRequest.deleteMany();
    await db.prisma.scheduledJobRun.deleteMany();
  });

  it('three instances on one database close each due henvendelse exactly once: one `closed` event by the system and one notification each; 13 days ago is left alone', async () => {
    const due = await Promise.all([15, 14, 20, 30, 16].map((days) => resolvedAt(daysAgo(days))));
    const recent = await resolvedAt(daysAgo(13));
    const [a, b, c] = instances(3);
    await Promise.all([a!.tick(), b!.tick(), c!.tick()]);

    for (const id of due) {
      expect(await statusOf(id)).toBe('lukket');
      const events = await closedEvents(id);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ actorId: null, data: { by: 'system', reason: 'unconfirmed', status: { from: 'lost', to: 'lukket' } } });
      expect(await closingNotices(id)).toBe(1);
      const notice = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: `support:${id}:event:${events[0]!.id}` } });
      expect(JSON.stringify(notice.activity)).toContain('Henvendelsen er lukket automatisk fordi den ikke ble bekreftet eller åpnet igjen innen 14 dager');
      expect((await db.prisma.supportRequest.findUniqueOrThrow({ where: { id } })).closedAt).toEqual(NOW);
    }
    expect(await statusOf(recent)).toBe('lost');
    expect(await closedEvents(recent)).toHaveLength(0);
    const [run] = await db.prisma.scheduledJobRun.findMany();
    expect(run).toMatchObject({ job: 'support.auto-close', runKey: HOUR_KEY, attempts: 1, finishedAt: expect.any(Date) });
    expect(['instance-1', 'instance-2', 'instance-3']).toContain(run!.claimedBy);
    expect(await db.prisma.auditEntry.count({ where: { action: 'support.request.closed', actor: 'system', entityId: { in: due } } })).toBe(due.length);
  });

  it('three runs of the work at the same moment (a run taken over from a slow instance) still close each henvendelse once', async () => {
    const due = await Promise.all(Array.from({ length: 8 }, (_, i) => resolvedAt(daysAgo(15 + i))));
    const closed = await Promise.all([1, 2, 3].map(() => autoCloseRequests(db.prisma, { now: NOW })));
    expect(closed.reduce((sum, count) => sum + count, 0)).toBe(due.length);
    for (const id of due) {
      expect(await closedEvents(id)).toHaveLength(1);
      expect(await closingNotices(id)).toBe(1);
    }
  });

  it('a run claimed by an instance that died (lease passed, not finished) is taken over; one whose lease holds is not', async () => {
    const first = await resolvedAt(daysAgo(15));
    await db.prisma.scheduledJobRun.create({
      data: { job: 'support.auto-close', runKey: HOUR_KEY, claimedBy: 'alive', claimedAt: NOW, leaseUntil: new Date(NOW.getTime() + 60_000) },
    });
    const [runner] = instances(1);
    await runner!.tick();
    expect(await statusOf(first)).toBe('lost');

    await db.prisma.scheduledJobRun.update({ where: { job_runKey: { job: 'support.auto-close', runKey: HOUR_KEY } }, data: { claimedBy: 'dead', leaseUntil: new Date(NOW.getTime() - 1) } });
    await runner!.tick();
    expect(await statusOf(first)).toBe('lukket');
    expect(await db.prisma.scheduledJobRun.findFirstOrThrow()).toMatchObject({ claimedBy: 'instance-1', attempts: 2, finishedAt: expect.any(Date) });
  });

  it('the run key makes a second run in the same hour do nothing; the next hour’s run closes what became due', async () => {
    let now = NOW;
    const [runner] = instances(1, () => now);
    await runner!.tick();
    const late = await resolvedAt(daysAgo(15));
    await runner!.tick();
    expect(await statusOf(late)).toBe('lost');
    expect(await db.prisma.scheduledJobRun.count()).toBe(1);

    now = new Date(NOW.getTime() + 60 * 60 * 1000);
    await runner!.tick();
    expect(await statusOf(late)).toBe('lukket');
    expect((await db.prisma.scheduledJobRun.findMany({ orderBy: { id: 'asc' } })).map((run) => run.runKey)).toEqual([HOUR_KEY, '2026-11-26T10']);
  });
});

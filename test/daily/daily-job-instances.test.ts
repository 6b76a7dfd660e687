/**
 * The morning run in three instances of Arkivlos (three processes) on one PostgreSQL, against a
 * connector that enforces Teams' limits and answers 429 with Retry-After now and then, with one
 * instance killed with SIGKILL in the middle of sending: everyone with something to do gets
 * exactly one card (at most one more, only for a send in flight at the kill), nobody else gets
 * one, and our own pace causes no 429. The day's run was begun by an instance that died before
 * these started (half its cards queued): the run is taken over and queues only the rest.
 */
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInRegistry } from '../../domain/archive/registry/built-in-registry.js';
import { composeDailyCards } from '../../domain/daily/compose-daily-cards.js';
import { getsDailyCard } from '../../domain/daily/daily-view.js';
import { digestKey } from '../../domain/daily/send-daily-cards.js';
import { enqueueMessage } from '../../domain/delivery/enqueue-message.js';
import { ARCHIVE_NOW, ARCHIVE_TODAY, createCaseWith, createTeam, type Team } from '../support/archive.js';
import { createTestDatabase } from '../support/database.js';
import { createPersonWithRole, seedDailyWork } from '../support/daily.js';
import { startInstance, untilListening, type MainProcess } from '../support/main-process.js';
import { startLimitedConnector, type LimitedConnector } from '../support/limited-connector.js';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

type Instance = MainProcess;

describe('the daily run in three instances on one PostgreSQL', () => {
  let db: TestDatabase;
  let connector: LimitedConnector;
  let instances: Instance[] = [];
  /** Every active person's chat, and whether the run owes them a card. */
  const chatOf = new Map<string, string>();
  let expected: string[] = [];
  let others: string[] = [];
  let earlier: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 6 });
    connector = await startLimitedConnector({ defaultTenantId: TENANT, tolerance: -60 });
    // Twelve teams with work in every section (48 people), 160 caseworkers with one entry in their
    // backlog each, and 60 people with nothing to do.
    const topApprover = await createPersonWithRole(db.prisma, 'Rådmann', 'toppgodkjenner');
    const teams: Team[] = [];
    for (let index = 0; index < 12; index += 1) {
      const team = await createTeam(db.prisma, `Enhet ${index}`);
      await seedDailyWork(db.prisma, team, { topApproverId: topApprover.id });
      teams.push(team);
    }
    for (let n = 0; n < 160; n += 1) {
      const unitId = teams[n % teams.length]!.unit.id;
      const person = await db.prisma.person.create({ data: { aadObjectId: crypto.randomUUID(), name: `Saksbehandler ${n}`, email: `sb${n}@eksempel.kommune.no`, unitId } });
      await createCaseWith(db.prisma, { unitId, saksansvarligId: person.id, title: `Sak ${n}` }, [
        { unitId, caseworkerId: person.id, assignedAt: new Date('2026-11-10T09:00:00Z'), receivedDate: '2026-11-09', title: `Brev ${n}` },
      ]);
    }
    for (let n = 0; n < 60; n += 1) await db.prisma.person.create({ data: { aadObjectId: crypto.randomUUID(), name: `Ledig ${n}`, email: `ledig${n}@eksempel.kommune.no` } });
    const people = await db.prisma.person.findMany({ where: { active: true }, select: { id: true, aadObjectId: true } });
    for (const [n, person] of people.entries()) {
      const conversationId = `a:chat-${n}`;
      chatOf.set(person.id, conversationId);
      await db.prisma.conversationReference.create({
        data: { conversationId, scope: 'personal', aadObjectId: person.aadObjectId, tenantId: TENANT, serviceUrl: connector.url, reference: { bot: { id: '28:arkivlos' } } },
      });
    }
    const views = await composeDailyCards(db.prisma, builtInRegistry(db.prisma), { date: ARCHIVE_TODAY, dailyCardTime: '07:30', timeZone: 'Europe/Oslo' });
    expected = views.filter(getsDailyCard).map((view) => view.person.id);
    others = views.filter((view) => !getsDailyCard(view)).map((view) => view.person.id);

    // An instance began today's run at 07:30 and died after queuing 40 cards: its claim has run out.
    earlier = expected.slice(0, 40);
    for (const personId of earlier) {
      await enqueueMessage(db.prisma, { to: { personId }, activity: { type: 'message', text: 'kort fra en tidligere kjøring' }, idempotencyKey: digestKey(personId, ARCHIVE_TODAY) });
    }
    await db.prisma.scheduledJobRun.create({
      data: { job: 'daily.cards', runKey: ARCHIVE_TODAY, claimedBy: 'gone:1:dead', claimedAt: new Date(ARCHIVE_NOW.getTime() - 3_600_000), leaseUntil: new Date(ARCHIVE_NOW.getTime() - 3_000_000) },
    });
  }, 120_000);
  afterAll(async () => {
    for (const instance of instances) instance.child.kill('SIGKILL');
    await Promise.all(instances.map((instance) => instance.exited));
    await connector?.close();
    await db?.close();
  });

  it('everyone with something to do gets one card (in-flight sends at the kill at most twice), nobody else any, and no 429 from our pace', async () => {
    expect(expected.length).toBeGreaterThanOrEqual(190);
    expect(others.length).toBeGreaterThanOrEqual(60);
    // Teams answers 429 now and then whatever the pace; each answer takes a second, so every
    // instance has sends in flight when the kill lands.
    connector.throttleEvery(40);
    connector.slow(1_000);
    const env = {
      DATABASE_URL: db.url,
      TEAMS_SERVICE_URL: connector.url,
      BOT_TENANT_ID: TENANT,
      // Teams' limit as the connector enforces it is 30 a second (the older docs; 50 now); the
      // organisation's rate here keeps a margin below it, as the default 30 does against today's 50.
      // Pacing exactly at the limit with three instances on two busy cores is the outbox's own
      // open bench goal (bench/delivery.ts, test/delivery/instances.test.ts): once in a CI run a
      // call delayed by the busy machine made 31 in a second.
      TEAMS_TENANT_RPS: '25',
      // A short lease, so the killed instance's claims are taken over soon (60 s by default). Not
      // shorter: a call times out at half the lease and is tried again, and on a busy machine a
      // call answered after a second can take seconds to reach the instance (seen: a third send).
      OUTBOX_LEASE_SECONDS: '10',
      // Thursday 26 November 2026, 09:00 in Oslo: the run is due.
      TEST_CLOCK: ARCHIVE_NOW.toISOString(),
      TEST_JOB_POLL_MS: '200',
      TEST_JOB_LEASE_MS: '5000',
    };
    instances = [startInstance(env, 'test/support/arkivlos-process.ts'), startInstance(env, 'test/support/arkivlos-process.ts'), startInstance(env, 'test/support/arkivlos-process.ts')];
    await Promise.all(instances.map(untilListening));

    const digests = { idempotencyKey: { startsWith: 'digest:' } };
    await expect.poll(() => db.prisma.outboxMessage.count({ where: { ...digests, state: 'sent' } }), { timeout: 30_000, interval: 50 }).toBeGreaterThanOrEqual(60);
    // The victim: an instance whose card the connector is holding right now (its claim names its pid).
    let victim: Instance | undefined;
    for (const started = Date.now(); !victim && Date.now() - started < 20_000; await new Promise((resolve) => setTimeout(resolve, 20))) {
      const held = await db.prisma.outboxMessage.findMany({ where: { ...digests, state: 'sending' }, select: { lockedBy: true, personId: true } });
      const pending = new Set(connector.accepted.filter((call) => call.kind === 'send' && call.answeredAt === undefined && !call.abandoned).map((call) => call.conversationId));
      victim = instances.find((instance) => held.some((message) => message.lockedBy?.includes(`:${instance.child.pid}:`) && pending.has(chatOf.get(message.personId!)!)));
    }
    if (!victim) throw new Error('no instance had a card in flight');
    victim.child.kill('SIGKILL');
    const killedAt = performance.now();
    await victim.exited;
    const heldAtKill = await db.prisma.outboxMessage.findMany({ where: { ...digests, state: 'sending', lockedBy: { contains: `:${victim.child.pid}:` } }, select: { personId: true } });
    const heldChats = new Set(heldAtKill.map((message) => chatOf.get(message.personId!)!));

    await expect.poll(() => db.prisma.outboxMessage.count({ where: { ...digests, state: 'sent' } }), { timeout: 60_000, interval: 250 }).toBe(expected.length);
    connector.throttleEvery(0);
    connector.slow(0);

    // The run: taken over from the dead instance, finished once, and it queued only what was missing.
    const run = await db.prisma.scheduledJobRun.findUniqueOrThrow({ where: { job_runKey: { job: 'daily.cards', runKey: ARCHIVE_TODAY } } });
    expect(run.finishedAt).not.toBeNull();
    expect(run.claimedBy).not.toBe('gone:1:dead');
    const stored = await db.prisma.outboxMessage.findMany({ where: digests, select: { personId: true, idempotencyKey: true, activity: true } });
    expect(stored.map((message) => message.personId).sort()).toEqual([...expected].sort());
    for (const personId of earlier) expect((stored.find((message) => message.personId === personId)!.activity as { text?: string }).text).toBe('kort fra en tidligere kjøring');

    const cards = new Map<string, number>();
    for (const call of connector.accepted) if (call.kind === 'send') cards.set(call.conversationId, (cards.get(call.conversationId) ?? 0) + 1);
    const inFlight = new Set(
      connector.accepted.filter((call) => call.kind === 'send' && heldChats.has(call.conversationId) && (call.abandoned || call.at <= killedAt + 1_000)).map((call) => call.conversationId),
    );
    expect(inFlight.size, 'the kill came while cards were in flight').toBeGreaterThan(0);
    for (const personId of expected) {
      const chat = chatOf.get(personId)!;
      const count = cards.get(chat) ?? 0;
      if (inFlight.has(chat)) expect(count, `${chat} (in flight at the kill)`).toBeGreaterThanOrEqual(1);
      if (inFlight.has(chat)) expect(count, `${chat} (in flight at the kill)`).toBeLessThanOrEqual(2);
      else expect(count, `${chat} got ${count} cards`).toBe(1);
    }
    for (const personId of others) expect(cards.get(chatOf.get(personId)!) ?? 0, 'nobody without anything to do gets a card').toBe(0);

    expect(connector.throttled, 'our pace broke a limit').toEqual([]);
    expect(connector.retryAfterViolations, 'a send came before Retry-After had passed').toBe(0);
    expect(connector.failed.filter((call) => call.status === 429).length, 'the connector throttled now and then').toBeGreaterThan(0);
    expect(connector.maxTenantInWindow(1_000 - 60)).toBeLessThanOrEqual(30);
  }, 120_000);
});

/**
 * The outbox with three instances of Arkivlos (three processes, as `npm start` runs them) on one
 * PostgreSQL, against a connector that enforces Teams' limits and answers 429 now and then.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { enqueueMessage } from '../../domain/delivery/enqueue-message.js';
import { createTestDatabase } from '../support/database.js';
import { startInstance, untilListening, type MainProcess } from '../support/main-process.js';
import { startLimitedConnector, type LimitedConnector } from '../support/limited-connector.js';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

type Instance = MainProcess;

describe('three instances on one PostgreSQL', () => {
  let db: TestDatabase;
  let connector: LimitedConnector;
  let instances: Instance[] = [];
  const people: { id: string; conversationId: string }[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    // The connector times each call when this test process gets to it. With three bots, their
    // PostgreSQL and another test file on two cores, that reading lags by up to several tens of
    // ms now and then, which squeezes a second it measures (seen in CI: 32 calls in 993 ms while
    // the bots had let each go on time): it counts 940 ms as a second (tolerance -60). Our pace
    // keeps 1,025 ms (WINDOW_MARGIN_MS); three instances that did not share it would send three
    // times the tenant's rate and break it at once. bench/delivery.ts measures with no tolerance,
    // with the connector in the bench process and the workers in their own, on a quiet machine.
    connector = await startLimitedConnector({ defaultTenantId: TENANT, tolerance: -60 });
    // 150 people, each with a personal chat the bot knows.
    for (let n = 0; n < 150; n++) {
      const aadObjectId = randomUUID();
      const person = await db.prisma.person.create({ data: { aadObjectId, name: `Person ${n}`, email: `person${n}@eksempel.kommune.no` } });
      const conversationId = `a:chat-${n}`;
      await db.prisma.conversationReference.create({
        data: { conversationId, scope: 'personal', aadObjectId, tenantId: TENANT, serviceUrl: connector.url, reference: { bot: { id: '28:arkivlos' } } },
      });
      people.push({ id: person.id, conversationId });
    }
  });
  afterEach(async () => {
    for (const instance of instances) instance.child.kill('SIGKILL');
    await Promise.all(instances.map((instance) => instance.exited));
    instances = [];
  });
  afterAll(async () => {
    await connector?.close();
    await db?.close();
  });

  const enqueue = async (count: number, label: string) => {
    await db.prisma.$transaction(async (tx) => {
      for (let i = 0; i < count; i++) {
        const person = people[i % people.length]!;
        await enqueueMessage(tx, { to: { personId: person.id }, activity: { type: 'message', text: `${label} ${i}` }, idempotencyKey: `${label}:${i}` });
      }
    });
  };
  const sentTimes = (label: string) => {
    const times = new Map<string, number>();
    for (const call of connector.accepted) {
      const text = String(call.body.text ?? '');
      if (text.startsWith(`${label} `)) times.set(text, (times.get(text) ?? 0) + 1);
    }
    return times;
  };
  /** Which limit a 429 of our own pace broke, and by how much. */
  const explain = (call: { at: number; reason: string; conversationId: string }) => {
    const before = connector.accepted.filter((accepted) => accepted.at > call.at - 1_000 && accepted.at <= call.at).map((accepted) => accepted.at);
    return `${call.reason} ${call.conversationId}: ${before.length} accepted in the second before, the first ${Math.round(call.at - Math.min(...before))} ms before`;
  };
  const env = (extra: Record<string, string> = {}) => ({
    DATABASE_URL: db.url,
    TEAMS_SERVICE_URL: connector.url,
    BOT_TENANT_ID: TENANT,
    TEAMS_TENANT_RPS: '30',
    ...extra,
  });

  it('every message is sent exactly once, no 429 comes from our own pace, and every Retry-After is honoured', async () => {
    connector.clear();
    // Teams answers 429 now and then whatever the pace: every 40th call here.
    connector.throttleEvery(40);
    instances = [startInstance(env()), startInstance(env()), startInstance(env())];
    await Promise.all(instances.map(untilListening));
    await enqueue(300, 'once');

    await expect.poll(() => db.prisma.outboxMessage.count({ where: { idempotencyKey: { startsWith: 'once:' }, state: 'sent' } }), { timeout: 60_000, interval: 250 }).toBe(300);
    connector.throttleEvery(0);
    const times = sentTimes('once');
    expect(times.size).toBe(300);
    expect([...times.values()].filter((count) => count > 1)).toEqual([]);
    expect(connector.throttled.map(explain), 'our pace broke a limit').toEqual([]);
    expect(connector.retryAfterViolations, 'a send came before Retry-After had passed').toBe(0);
    expect(connector.failed.filter((call) => call.status === 429).length, 'the connector throttled now and then').toBeGreaterThan(0);
    // Counted as the connector counts (its clock reads late now and then; see above).
    expect(connector.maxTenantInWindow(1_000 - 60)).toBeLessThanOrEqual(30);
  }, 120_000);

  it('an instance killed with SIGKILL in the middle of sending: every message is sent, and only sends in flight at that instant are repeated', async () => {
    connector.clear();
    // Each answer takes 2 s, so every instance has sends in flight when the kill lands, also on a
    // busy machine where the kill comes a while after the victim was picked.
    connector.slow(2_000);
    // A short lease, so the killed instance's claims are taken over soon (60 s by default).
    const lease = { OUTBOX_LEASE_SECONDS: '8' };
    instances = [startInstance(env(lease)), startInstance(env(lease)), startInstance(env(lease))];
    await Promise.all(instances.map(untilListening));
    await enqueue(240, 'kill');

    await expect.poll(() => db.prisma.outboxMessage.count({ where: { idempotencyKey: { startsWith: 'kill:' }, state: 'sent' } }), { timeout: 30_000, interval: 50 }).toBeGreaterThanOrEqual(40);
    // The victim: an instance whose send the connector is holding right now (its claim names its pid).
    let victim: Instance | undefined;
    for (const started = Date.now(); !victim && Date.now() - started < 20_000; await new Promise((resolve) => setTimeout(resolve, 20))) {
      const pending = connector.accepted.filter((call) => String(call.body.text).startsWith('kill ') && call.answeredAt === undefined && !call.abandoned);
      const senders = await db.prisma.outboxMessage.findMany({
        where: { idempotencyKey: { in: pending.map((call) => String(call.body.text).replace(' ', ':')) }, state: 'sending' },
      });
      victim = instances.find((instance) => senders.some((sender) => sender.lockedBy?.includes(`:${instance.child.pid}:`)));
    }
    if (!victim) throw new Error('no instance had a send in flight');
    victim.child.kill('SIGKILL');
    const killedAt = performance.now();
    await victim.exited;
    // What the killed instance held at that instant (its instance id is host:pid:random).
    const held = await db.prisma.outboxMessage.findMany({
      where: { state: 'sending', lockedBy: { contains: `:${victim.child.pid}:` } },
      select: { idempotencyKey: true },
    });
    const heldTexts = new Set(held.map((message) => message.idempotencyKey!.replace(':', ' ')));

    await expect.poll(() => db.prisma.outboxMessage.count({ where: { idempotencyKey: { startsWith: 'kill:' }, state: 'sent' } }), { timeout: 60_000, interval: 250 }).toBe(240);
    connector.slow(0);
    const times = sentTimes('kill');
    expect(times.size, 'no message is lost').toBe(240);
    const repeated = [...times.entries()].filter(([, count]) => count > 1).map(([text]) => text);
    // In flight at the kill: held by the killed instance and already on its way to Teams (reached
    // the connector before the kill, or within a second after it: in transit; no other instance
    // can take a message over before the lease has run out).
    const inFlight = new Set(
      connector.accepted
        .filter((call) => heldTexts.has(String(call.body.text)) && (call.abandoned || call.at <= killedAt + 1_000))
        .map((call) => String(call.body.text)),
    );
    expect(inFlight.size, 'the kill came while sends were in flight').toBeGreaterThan(0);
    expect(repeated.length).toBeLessThanOrEqual(inFlight.size);
    for (const text of repeated) expect([...inFlight], `${text} was sent twice but was not in flight at the kill`).toContain(text);
    for (const text of repeated) expect(times.get(text)).toBe(2);
  }, 120_000);
});

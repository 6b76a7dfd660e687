import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Prisma } from '../../domain/db.js';
import { DELIVERY_STATUS_LIMITS, getDeliveryStatus } from '../../domain/delivery/delivery-status.js';
import { loadDemoOrganisationIfEmpty } from '../../domain/org/load-demo-organisation.js';
import { createTestDatabase } from '../support/database.js';

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

// 00:30 in Oslo on 26 November is still 25 November in UTC: the day boundary shows which clock counts.
const NOW = new Date('2026-11-25T23:30:00Z');
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

describe('getDeliveryStatus', () => {
  let db: TestDatabase;
  let people: { id: string; name: string; email: string }[];

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadDemoOrganisationIfEmpty(db.prisma);
    people = await db.prisma.person.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true, email: true } });
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    await db.prisma.outboxMessage.deleteMany();
    await db.prisma.deliveryPace.deleteMany();
    await db.prisma.person.updateMany({ data: { unreachableAt: null, unreachableReason: null, active: true } });
  });

  const status = () => getDeliveryStatus(db.prisma, { now: NOW, tenantRps: 30 });
  const message = (data: Partial<Prisma.OutboxMessageUncheckedCreateInput>) =>
    db.prisma.outboxMessage.create({ data: { activity: { type: 'message', text: 'Hei' }, personId: people[0]!.id, ...data } });

  it('counts waiting messages due now and later, those being sent, and what was sent since midnight in Oslo, chats created apart', async () => {
    await message({ state: 'waiting', nextAttemptAt: minutes(-5) });
    await message({ state: 'waiting', nextAttemptAt: minutes(-1) });
    await message({ state: 'waiting', nextAttemptAt: minutes(10) });
    await message({ state: 'sending', nextAttemptAt: minutes(-1), lockedBy: 'host:1:abc', lockedUntil: minutes(1) });
    await message({ state: 'sent', sentAt: minutes(-20) }); // 00:10 in Oslo: today
    await message({ state: 'sent', sentAt: minutes(-25) });
    await message({ state: 'sent', sentAt: minutes(-40) }); // 23:50 in Oslo the day before
    await message({ state: 'sent', kind: 'reach', activity: undefined, sentAt: minutes(-15) });

    expect(await status()).toMatchObject({ waiting: { dueNow: 2, later: 1, sending: 1 }, sentToday: 2, reachedToday: 1 });
  });

  it('groups failures by reason, the most recent reason first, capped with the number of reasons not shown', async () => {
    await message({ state: 'failed', lastError: '503 ServiceUnavailable (gave up after 6 attempts)', updatedAt: minutes(-30) });
    await message({ state: 'failed', lastError: '503 ServiceUnavailable (gave up after 6 attempts)', updatedAt: minutes(-2) });
    await message({ state: 'failed', lastError: 'the person has left the organisation', updatedAt: minutes(-10) });
    for (let i = 0; i < DELIVERY_STATUS_LIMITS.failureReasons + 2; i++) {
      await message({ state: 'failed', lastError: `400 BadArgument ${i}`, updatedAt: minutes(-100 - i) });
    }
    await message({ state: 'unreachable', lastError: 'unreachable: the app is not installed for the person' });

    const { failed } = await status();
    expect(failed.total).toBe(DELIVERY_STATUS_LIMITS.failureReasons + 5);
    expect(failed.reasons).toHaveLength(DELIVERY_STATUS_LIMITS.failureReasons);
    expect(failed.reasons.slice(0, 3)).toEqual([
      { reason: '503 ServiceUnavailable (gave up after 6 attempts)', count: 2, latestAt: minutes(-2) },
      { reason: 'the person has left the organisation', count: 1, latestAt: minutes(-10) },
      { reason: '400 BadArgument 0', count: 1, latestAt: minutes(-100) },
    ]);
    expect(failed.moreReasons).toBe(4);
  });

  it('lists the active people Teams refuses, most recent first with the reason, capped, and counts them all; people who left are not listed', async () => {
    const refused = people.slice(0, DELIVERY_STATUS_LIMITS.unreachablePeople + 2);
    for (const [i, person] of refused.entries()) {
      await db.prisma.person.update({
        where: { id: person.id },
        data: { unreachableAt: minutes(-i), unreachableReason: i === 1 ? 'blocked' : 'not_installed' },
      });
    }
    await db.prisma.person.update({ where: { id: refused.at(-1)!.id }, data: { active: false } });

    const { unreachable } = await status();
    expect(unreachable.total).toBe(DELIVERY_STATUS_LIMITS.unreachablePeople + 1);
    expect(unreachable.people).toHaveLength(DELIVERY_STATUS_LIMITS.unreachablePeople);
    expect(unreachable.people.slice(0, 2)).toEqual([
      { name: refused[0]!.name, email: refused[0]!.email, reason: 'not_installed', since: minutes(0) },
      { name: refused[1]!.name, email: refused[1]!.email, reason: 'blocked', since: minutes(-1) },
    ]);
    expect(unreachable.people.map((person) => person.name)).not.toContain(refused.at(-1)!.name);
  });

  it('the pace is the calls to Teams booked in the last minute across all conversations, with the busiest second, against the tenant’s allowance', async () => {
    const at = (msAgo: number) => BigInt(NOW.getTime() - msAgo);
    await db.prisma.deliveryPace.createMany({
      data: [
        // The tenant's key repeats every call of the others: it must not count them twice.
        { key: 'tenant:t', sends: [at(300), at(200), at(100)] },
        { key: 'conversation:a', sends: [at(3_600_000 - 1), at(61_000), at(30_000), at(300), at(200)] },
        { key: 'person:b', sends: [at(100), at(-500)] }, // the second is booked for half a second from now
      ],
    });

    expect((await status()).pace).toEqual({ callsLastMinute: 4, busiestSecond: 3, allowedPerSecond: 30 });
  });

  it('an empty outbox has nothing waiting, nothing failed, nobody unreachable and no pace', async () => {
    expect(await status()).toEqual({
      waiting: { dueNow: 0, later: 0, sending: 0 },
      sentToday: 0,
      reachedToday: 0,
      failed: { total: 0, reasons: [], moreReasons: 0 },
      unreachable: { total: 0, people: [] },
      pace: { callsLastMinute: 0, busiestSecond: 0, allowedPerSecond: 30 },
    });
  });

  it('reads everything in four queries, however many messages and people there are', async () => {
    for (let i = 0; i < 30; i++) await message({ state: i % 2 ? 'failed' : 'sent', lastError: `reason ${i % 5}`, sentAt: minutes(-1) });
    await db.prisma.person.updateMany({ data: { unreachableAt: minutes(-1), unreachableReason: 'not_installed' } });
    const queries = vi.spyOn(db.pool, 'query');
    try {
      const result = await status();
      expect(result.unreachable.total).toBe(people.length);
      expect(queries).toHaveBeenCalledTimes(4);
    } finally {
      queries.mockRestore();
    }
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enqueueMessage } from '../../domain/delivery/enqueue-message.js';
import { bookSendSlot, conversationKey, lateCall, recordPacedCall, tenantKey } from '../../domain/delivery/pace.js';
import { markSent } from '../../domain/delivery/record-send-result.js';
import { loadDemoOrganisationIfEmpty } from '../../domain/org/load-demo-organisation.js';
import { createTestDatabase } from '../support/database.js';

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

describe('the pace logs after a call', () => {
  let db: TestDatabase;
  const tenant = tenantKey('tenant-a', 30);
  const chat = conversationKey('a:chat-1');
  const logs = async () =>
    Object.fromEntries((await db.prisma.deliveryPace.findMany({ orderBy: { key: 'asc' } })).map((row) => [row.key, row.sends.map(Number)]));

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadDemoOrganisationIfEmpty(db.prisma);
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    await db.prisma.deliveryPace.deleteMany();
    await db.prisma.outboxMessage.deleteMany();
  });

  it('a call moves by how much later than usual its answer came: the first calls of a process against 0, then against the usual time', () => {
    const process = {} as never;
    expect(lateCall(process, [tenant], 1_000, 1_040)).toEqual({ keys: [tenant], booked: 1_000, answered: 1_040 });
    for (let i = 0; i < 100; i++) lateCall(process, [tenant], 1_000, 1_030);
    // Answered 30 ms after its moment, as usual now: stays where it was booked.
    expect(lateCall(process, [tenant], 5_000, 5_035)).toBeNull();
    // 60 ms: about 30 later than usual.
    const late = lateCall(process, [tenant], 9_000, 9_060);
    expect(late?.answered).toBeGreaterThanOrEqual(9_028);
    expect(late?.answered).toBeLessThanOrEqual(9_032);
  });

  it('a call answered after its booked moment stands at its answer in every key’s log, and only one of two calls booked at the same moment moves', async () => {
    await db.prisma.deliveryPace.createMany({
      data: [
        { key: tenant.key, sends: [1_000n, 1_000n, 2_000n] },
        { key: chat.key, sends: [500n, 1_000n] },
      ],
    });
    await recordPacedCall(db.prisma, { keys: [tenant, chat], booked: 1_000, answered: 1_040 });
    expect(await logs()).toEqual({ [chat.key]: [500, 1_040], [tenant.key]: [1_000, 1_040, 2_000] });
  });

  it('an answer read as earlier than the booking (another clock) leaves the booking, and a moment no longer in a log changes nothing there', async () => {
    await db.prisma.deliveryPace.createMany({ data: [{ key: tenant.key, sends: [1_000n] }, { key: chat.key, sends: [3_000n] }] });
    await recordPacedCall(db.prisma, { keys: [tenant, chat], booked: 1_000, answered: 990 });
    expect(await logs()).toEqual({ [chat.key]: [3_000], [tenant.key]: [1_000] });
  });

  it('markSent records the message as sent and moves its call to the answer in the same statement; the next booking counts from the answer', async () => {
    const alex = await db.prisma.person.findFirstOrThrow({ where: { active: true } });
    const { id } = await enqueueMessage(db.prisma, { to: { personId: alex.id }, activity: { type: 'message', text: 'Hei' } });
    await db.prisma.outboxMessage.update({ where: { id }, data: { state: 'sending', lockedBy: 'instance-1', lockedUntil: new Date(Date.now() + 60_000) } });
    // A tenant allowed one call a second: its one call was answered 400 ms after its moment.
    const slow = tenantKey('tenant-slow', 1);
    const now = Date.now();
    await db.prisma.deliveryPace.create({ data: { key: slow.key, sends: [BigInt(now)] } });
    await markSent(db.prisma, { id, instance: 'instance-1', attempts: 1 }, { conversationId: 'a:chat-1', call: { keys: [slow], booked: now, answered: now + 400 } });
    expect((await db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).state).toBe('sent');
    expect((await logs())[slow.key]).toEqual([now + 400]);
    // The next call goes a second after the answer, not a second after the booked moment.
    const booking = await bookSendSlot(db.prisma, [slow], { maxWaitMs: 5_000 });
    if (!('at' in booking)) throw new Error(`not booked: ${JSON.stringify(booking)}`);
    expect(booking.at).toBeGreaterThanOrEqual(now + 400 + 1_000);
  });
});

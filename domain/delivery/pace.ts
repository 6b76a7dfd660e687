import type { DbClient, PrismaClient } from '../db.js';
import { book, CONVERSATION_WINDOWS, earliestSlot, tenantWindows, type Window } from './limits.js';

/** A limit shared by every instance: the tenant's, one conversation's. */
export interface PaceKey {
  key: string;
  windows: readonly Window[];
}

export const tenantKey = (tenantId: string | undefined, requestsPerSecond: number): PaceKey => ({
  key: `tenant:${tenantId ?? 'default'}`,
  windows: tenantWindows(requestsPerSecond),
});

export const conversationKey = (conversationId: string): PaceKey => ({ key: `conversation:${conversationId}`, windows: CONVERSATION_WINDOWS });

/** createConversation counts like a message, in the person's chat that it makes (or finds). */
export const personalChatKey = (aadObjectId: string): PaceKey => ({ key: `person:${aadObjectId}`, windows: CONVERSATION_WINDOWS });

export type Booking = { booked: true; at: number; waitMs: number } | { booked: false; retryAt: Date };

/**
 * Books the earliest moment at which one more call to Teams keeps every key within its limits,
 * in the database, so that all instances together keep them. The row locks (taken in key order,
 * so two bookings cannot deadlock) make bookings one at a time; each books a distinct moment, so
 * instances do not wake together and collide. A moment further away than `maxWaitMs` is not
 * booked: the message goes back to the outbox until then. Times are the database's clock, the
 * one clock all instances share.
 *
 * A worker that wakes late (a busy machine) must not send late in its booked place: two late
 * sends and one on time can crowd a window at Teams. So it confirms (`confirmSlot`) just before
 * the call: its booking moves to the moment it really sends, if that still fits.
 */
export async function bookSendSlot(prisma: PrismaClient, keys: readonly PaceKey[], maxWaitMs: number): Promise<Booking> {
  return withLockedLogs(prisma, keys, (logs, now, from) => settle(logs, keys, now, from, maxWaitMs));
}

/** Moves a booking made at `bookedAt` to now (or the earliest moment that fits now). */
export async function confirmSlot(prisma: PrismaClient, keys: readonly PaceKey[], bookedAt: number, maxWaitMs: number): Promise<Booking> {
  return withLockedLogs(prisma, keys, (logs, now, from) => {
    for (const log of logs.values()) {
      const index = log.indexOf(bookedAt);
      if (index !== -1) log.splice(index, 1);
    }
    return settle(logs, keys, now, from, maxWaitMs);
  });
}

function settle(logs: Map<string, number[]>, keys: readonly PaceKey[], now: number, from: number, maxWaitMs: number): Booking {
  const at = Math.ceil(earliestSlot(keys.map((key) => ({ log: logs.get(key.key) ?? [], windows: key.windows })), from));
  if (at - now > maxWaitMs) return { booked: false, retryAt: new Date(at) };
  for (const key of keys) logs.set(key.key, book(logs.get(key.key) ?? [], at, now, key.windows));
  return { booked: true, at, waitMs: Math.max(0, at - now) };
}

/**
 * One booking at a time per process: bookings wait for the same row lock in PostgreSQL anyway,
 * and while they wait there each holds a pooled connection that the calls due now need for their
 * last check (measured: 35 ms median, 485 ms p99 waiting for a connection, so calls left late).
 */
const bookingQueues = new WeakMap<object, Promise<unknown>>();
function withLockedLogs(
  prisma: PrismaClient,
  keys: readonly PaceKey[],
  decide: (logs: Map<string, number[]>, now: number, from: number) => Booking,
): Promise<Booking> {
  const next = (bookingQueues.get(prisma) ?? Promise.resolve()).then(() => lockedLogs(prisma, keys, decide));
  bookingQueues.set(
    prisma,
    next.catch(() => {}),
  );
  return next;
}

/** Runs `decide` on the keys' logs, locked for the transaction, and writes the logs back. */
async function lockedLogs(
  prisma: PrismaClient,
  keys: readonly PaceKey[],
  decide: (logs: Map<string, number[]>, now: number, from: number) => Booking,
): Promise<Booking> {
  const names = keys.map((key) => key.key).sort();
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`INSERT INTO delivery_pace (key) SELECT unnest(${names}::text[]) ON CONFLICT (key) DO NOTHING`;
    const rows = await tx.$queryRaw<{ key: string; sends: bigint[]; blocked_until: Date | null; now_ms: number }[]>`
      SELECT key, sends, blocked_until, (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS now_ms
        FROM delivery_pace WHERE key = ANY(${names}::text[]) ORDER BY key FOR UPDATE`;
    const now = rows[0]!.now_ms;
    const logs = new Map(rows.map((row) => [row.key, row.sends.map(Number)]));
    const before = new Map([...logs].map(([key, log]) => [key, log.join(',')]));
    const from = Math.max(now, ...rows.map((row) => row.blocked_until?.getTime() ?? 0));
    const booking = decide(logs, now, from);
    for (const [key, log] of logs) {
      if (before.get(key) !== log.join(',')) await tx.$executeRaw`UPDATE delivery_pace SET sends = ${log.map(String)}::bigint[] WHERE key = ${key}`;
    }
    return booking;
  });
}

/** Retry-After: nothing is booked for these keys before `until`. */
export async function blockUntil(db: DbClient, keys: readonly PaceKey[], until: Date): Promise<void> {
  const names = keys.map((key) => key.key);
  await db.$executeRaw`
    INSERT INTO delivery_pace (key, blocked_until) SELECT unnest(${names}::text[]), ${until}
    ON CONFLICT (key) DO UPDATE SET blocked_until = greatest(delivery_pace.blocked_until, EXCLUDED.blocked_until)`;
}

/**
 * Right before a call to Teams, in one round trip: renews the message's claim if this instance
 * still holds it, and reads until when a Retry-After blocks any of the keys.
 */
export async function readyToCall(
  db: DbClient,
  claim: { id: bigint; instance: string },
  keys: readonly PaceKey[],
  leaseMs: number,
): Promise<{ held: boolean; blockedUntil: Date | null }> {
  const names = keys.map((key) => key.key);
  const [row] = await db.$queryRaw<{ held: number; blocked_until: Date | null }[]>`
    WITH renewed AS (
      UPDATE outbox_message SET locked_until = now() + ${leaseMs} * interval '1 millisecond', updated_at = now()
       WHERE id = ${claim.id} AND locked_by = ${claim.instance} AND state = 'sending' AND locked_until > now()
      RETURNING id)
    SELECT (SELECT count(*) FROM renewed)::int AS held,
           (SELECT max(blocked_until) FROM delivery_pace WHERE key = ANY(${names}::text[]) AND blocked_until > clock_timestamp()) AS blocked_until`;
  return { held: row!.held === 1, blockedUntil: row!.blocked_until };
}

/**
 * The database's clock minus ours, from the quickest of a few round trips (its middle is when the
 * database read its clock). Instances on other machines book in the database's time and sleep in
 * their own.
 */
export async function measureClockOffset(db: DbClient, samples = 5): Promise<number> {
  let best = { rtt: Infinity, offset: 0 };
  for (let i = 0; i < samples; i++) {
    const before = Date.now();
    const [row] = await db.$queryRaw<{ now_ms: number }[]>`SELECT (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS now_ms`;
    const after = Date.now();
    if (after - before < best.rtt) best = { rtt: after - before, offset: row!.now_ms - (before + after) / 2 };
  }
  return best.offset;
}

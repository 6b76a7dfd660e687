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

export type Booking = { booked: true; waitMs: number } | { booked: false; retryAt: Date };

/**
 * Books the earliest moment at which one more call to Teams keeps every key within its limits,
 * in the database, so that all instances together keep them. The row locks (taken in key order,
 * so two bookings cannot deadlock) make bookings one at a time; each books a distinct moment, so
 * instances do not wake together and collide. A moment further away than `maxWaitMs` is not
 * booked: the message goes back to the outbox until then. Times are the database's clock, the
 * one clock all instances share.
 */
export async function bookSendSlot(prisma: PrismaClient, keys: readonly PaceKey[], maxWaitMs: number): Promise<Booking> {
  const sorted = [...keys].sort((a, b) => a.key.localeCompare(b.key));
  const names = sorted.map((key) => key.key);
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`INSERT INTO delivery_pace (key) SELECT unnest(${names}::text[]) ON CONFLICT (key) DO NOTHING`;
    const rows = await tx.$queryRaw<{ key: string; sends: bigint[]; blocked_until: Date | null; now_ms: number }[]>`
      SELECT key, sends, blocked_until, (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS now_ms
        FROM delivery_pace WHERE key = ANY(${names}::text[]) ORDER BY key FOR UPDATE`;
    const now = rows[0]!.now_ms;
    const logs = new Map(rows.map((row) => [row.key, row.sends.map(Number)]));
    const from = Math.max(now, ...rows.map((row) => row.blocked_until?.getTime() ?? 0));
    const at = Math.ceil(earliestSlot(sorted.map((key) => ({ log: logs.get(key.key) ?? [], windows: key.windows })), from));
    if (at - now > maxWaitMs) return { booked: false, retryAt: new Date(at) };
    for (const key of sorted) {
      const log = book(logs.get(key.key) ?? [], at, now, key.windows);
      await tx.$executeRaw`UPDATE delivery_pace SET sends = ${log.map(String)}::bigint[] WHERE key = ${key.key}`;
    }
    return { booked: true, waitMs: Math.max(0, at - now) };
  });
}

/** Retry-After: nothing is booked for these keys before `until`. */
export async function blockUntil(db: DbClient, keys: readonly PaceKey[], until: Date): Promise<void> {
  const names = keys.map((key) => key.key);
  await db.$executeRaw`
    INSERT INTO delivery_pace (key, blocked_until) SELECT unnest(${names}::text[]), ${until}
    ON CONFLICT (key) DO UPDATE SET blocked_until = greatest(delivery_pace.blocked_until, EXCLUDED.blocked_until)`;
}

/** Until when a Retry-After blocks any of these keys (null: not blocked now). */
export async function blockedUntil(db: DbClient, keys: readonly PaceKey[]): Promise<Date | null> {
  const names = keys.map((key) => key.key);
  const [row] = await db.$queryRaw<{ until: Date | null }[]>`
    SELECT max(blocked_until) AS until FROM delivery_pace WHERE key = ANY(${names}::text[]) AND blocked_until > clock_timestamp()`;
  return row?.until ?? null;
}

import type { DbClient } from '../db.js';

/** How full and how old the outbox is, for /metrics. */
export async function readQueueGauges(db: DbClient): Promise<{ waiting: number; oldestWaitingSeconds: number }> {
  const [row] = await db.$queryRaw<{ waiting: number; oldest: number }[]>`
    SELECT count(*) FILTER (WHERE state IN ('waiting', 'sending'))::int AS waiting,
           coalesce(extract(epoch FROM now() - min(created_at) FILTER (WHERE state IN ('waiting', 'sending') AND next_attempt_at <= now())), 0)::float8 AS oldest
      FROM outbox_message`;
  return { waiting: row?.waiting ?? 0, oldestWaitingSeconds: row?.oldest ?? 0 };
}

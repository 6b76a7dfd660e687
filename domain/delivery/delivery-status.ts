import { type DbClient, sql } from '../db.js';

/** How full and how old the outbox is, for /metrics. */
export async function readQueueGauges(db: DbClient): Promise<{ waiting: number; oldestWaitingSeconds: number }> {
  const [row] = await sql(db).rows<{ waiting: number; oldest: number }>`
    SELECT count(*) FILTER (WHERE state IN ('waiting', 'sending'))::int AS waiting,
           coalesce(extract(epoch FROM now() - min(created_at) FILTER (WHERE state IN ('waiting', 'sending') AND next_attempt_at <= now())), 0)::float8 AS oldest
      FROM outbox_message`;
  return { waiting: row?.waiting ?? 0, oldestWaitingSeconds: row?.oldest ?? 0 };
}

/** The most failure reasons and unreachable people listed; the rest are counted. A card stays small. */
export const DELIVERY_STATUS_LIMITS = { failureReasons: 8, unreachablePeople: 15 } as const;

export type UnreachableReason = 'not_installed' | 'blocked';

export interface DeliveryStatus {
  waiting: {
    /** Waiting, and due (a worker takes them as soon as it has room and a pace slot). */
    dueNow: number;
    /** Waiting for a later time: a retry, a Retry-After, a pace slot, or a time the sender chose. */
    later: number;
    /** Claimed by a worker of some instance right now. */
    sending: number;
  };
  /** Messages sent since midnight in Europe/Oslo (conversations created by `nå alle` not counted). */
  sentToday: number;
  /** Personal chats created today for people who had none (`nå alle`, `npm run people:reach`). */
  reachedToday: number;
  failed: {
    total: number;
    /** By reason, the reason that happened last first. */
    reasons: { reason: string; count: number; latestAt: Date }[];
    /** Reasons beyond the ones listed. */
    moreReasons: number;
  };
  unreachable: {
    /** Active people Teams will not deliver to. */
    total: number;
    /** The most recently refused first. Names belong in the administrator's own 1:1 chat only. */
    people: { name: string; email: string; reason: UnreachableReason; since: Date }[];
  };
  pace: {
    /** Calls to Teams in the last minute, by every instance together. */
    callsLastMinute: number;
    /** The most calls within one second of that minute. */
    busiestSecond: number;
    /** What the whole tenant may make (TEAMS_TENANT_RPS). */
    allowedPerSecond: number;
  };
}

export interface GetDeliveryStatusOptions {
  now: Date;
  /** TEAMS_TENANT_RPS. */
  tenantRps: number;
}

/**
 * Everything `status utsending` and `npm run outbox:status` show, in four queries whatever the
 * size of the outbox and the organisation.
 */
export async function getDeliveryStatus(db: DbClient, { now, tenantRps }: GetDeliveryStatusOptions): Promise<DeliveryStatus> {
  const [counts, reasons, people, pace] = await Promise.all([
    sql(db).rows<{ due_now: number; later: number; sending: number; sent_today: number; reached_today: number; failed: number }>`
      WITH today AS (SELECT date_trunc('day', ${now}::timestamptz AT TIME ZONE 'Europe/Oslo') AT TIME ZONE 'Europe/Oslo' AS start)
      SELECT count(*) FILTER (WHERE state = 'waiting' AND next_attempt_at <= ${now}::timestamptz)::int AS due_now,
             count(*) FILTER (WHERE state = 'waiting' AND next_attempt_at > ${now}::timestamptz)::int AS later,
             count(*) FILTER (WHERE state = 'sending')::int AS sending,
             count(*) FILTER (WHERE state = 'sent' AND kind <> 'reach' AND sent_at >= today.start)::int AS sent_today,
             count(*) FILTER (WHERE state = 'sent' AND kind = 'reach' AND sent_at >= today.start)::int AS reached_today,
             count(*) FILTER (WHERE state = 'failed')::int AS failed
        FROM outbox_message, today
       WHERE state IN ('waiting', 'sending', 'failed') OR sent_at >= today.start`,
    sql(db).rows<{ reason: string; count: number; latest_at: Date; reasons: number }>`
      SELECT coalesce(last_error, '') AS reason, count(*)::int AS count, max(updated_at) AS latest_at, count(*) OVER ()::int AS reasons
        FROM outbox_message
       WHERE state = 'failed'
       GROUP BY 1
       ORDER BY latest_at DESC, reason
       LIMIT ${DELIVERY_STATUS_LIMITS.failureReasons}`,
    sql(db).rows<{ name: string; email: string; reason: string | null; since: Date; total: number }>`
      SELECT name, email, unreachable_reason AS reason, unreachable_at AS since, count(*) OVER ()::int AS total
        FROM person
       WHERE active AND unreachable_at IS NOT NULL
       ORDER BY unreachable_at DESC, name
       LIMIT ${DELIVERY_STATUS_LIMITS.unreachablePeople}`,
    // Every call to Teams is booked on the tenant's key and on one conversation's (or person's)
    // key; the tenant's keeps only a second, the others an hour, so those count the last minute.
    sql(db).rows<{ calls: number; busiest: number }>`
      WITH calls AS (
        SELECT at FROM delivery_pace, unnest(sends) AS at
         WHERE key NOT LIKE 'tenant:%' AND at > ${now.getTime() - 60_000}::bigint AND at <= ${now.getTime()}::bigint
      ), per_second AS (
        SELECT count(*) OVER (ORDER BY at RANGE BETWEEN 999::bigint PRECEDING AND CURRENT ROW) AS n FROM calls
      )
      SELECT (SELECT count(*) FROM calls)::int AS calls, coalesce(max(n), 0)::int AS busiest FROM per_second`,
  ]);
  const count = counts[0]!;
  return {
    waiting: { dueNow: count.due_now, later: count.later, sending: count.sending },
    sentToday: count.sent_today,
    reachedToday: count.reached_today,
    failed: {
      total: count.failed,
      reasons: reasons.map((row) => ({ reason: row.reason, count: row.count, latestAt: row.latest_at })),
      moreReasons: Math.max(0, (reasons[0]?.reasons ?? 0) - reasons.length),
    },
    unreachable: {
      total: people[0]?.total ?? 0,
      people: people.map((row) => ({
        name: row.name,
        email: row.email,
        reason: row.reason === 'blocked' ? 'blocked' : 'not_installed',
        since: row.since,
      })),
    },
    pace: { callsLastMinute: pace[0]?.calls ?? 0, busiestSecond: pace[0]?.busiest ?? 0, allowedPerSecond: tenantRps },
  };
}

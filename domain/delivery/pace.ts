import { type DbClient, Prisma, type PrismaClient, sql } from '../db.js';
import { CONVERSATION_WINDOWS, earliestSlot, spanOf, tenantWindows, type Window } from './limits.js';

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

export type Booking =
  | { booked: true; at: number; waitMs: number }
  | { booked: false; retryAt: Date }
  /** Confirming only: this instance no longer holds the message (its lease ran out; another instance has it). */
  | { booked: false; lost: true };

/** What a worker last saw of the keys it books (a cache per database client, refreshed by every swap). */
interface KeyState {
  sends: number[];
  blockedUntil: number | null;
}

export interface PaceOptions {
  maxWaitMs: number;
  /** The database's clock minus ours (ms): slots are moments on the database's clock. */
  clockOffsetMs?: number;
}

/**
 * Books the earliest moment at which one more call to Teams keeps every key within its limits,
 * in the database, so that all instances together keep them. The moment is picked from the keys'
 * send logs as this process last saw them; `arkivlos_pace_book` books it in one statement only if
 * it still fits the logs as they are now, and returns them either way (a moment another instance
 * took meanwhile is picked again from what is true). So no row lock is held across a round trip,
 * and most bookings need one round trip. A moment further away than `maxWaitMs` is not booked:
 * the message goes back to the outbox until then. Times are the database's clock.
 */
export async function bookSendSlot(prisma: PrismaClient, keys: readonly PaceKey[], options: PaceOptions): Promise<Booking> {
  return enqueueBooking(prisma, (pace) => bookUntilFits(prisma, pace, keys, options, null, null));
}

/**
 * The last step before a call to Teams: moves the booking made at `bookedAt` to the moment the
 * call will really go (a worker wakes late on a busy machine, and two late sends and one on time
 * can crowd a window at Teams), honours a Retry-After that came in meanwhile, and renews the
 * message's claim, all in one round trip. The moment booked is this round trip's expected end,
 * so the call leaves on time when the answer comes.
 */
export async function confirmSlot(
  prisma: PrismaClient,
  keys: readonly PaceKey[],
  bookedAt: number,
  options: PaceOptions & { claim: { id: bigint; instance: string }; leaseMs: number },
): Promise<Booking> {
  return enqueueBooking(prisma, (pace) => bookUntilFits(prisma, pace, keys, options, bookedAt, { ...options.claim, leaseMs: options.leaseMs }), true);
}

/**
 * How late a call may leave after its booked moment: the windows' margin (WINDOW_MARGIN_MS) covers
 * this and the way to Teams. A worker later than this books a new moment.
 */
export const LATE_SLACK_MS = 8;

/** How long a booking takes to come back (ms, smoothed): a worker starts its confirmation this much before its moment. */
export function bookingRoundTripMs(prisma: PrismaClient): number {
  return paces.get(prisma)?.roundTripMs ?? 2;
}

/** Moments picked and taken by other instances before this one gives the message back to the outbox for a moment. */
const MAX_ATTEMPTS = 30;
/** Keys remembered per process; the oldest seen are forgotten first (a fresh key is one more round trip). */
const MAX_CACHED_KEYS = 5_000;

interface ProcessPace {
  /** The keys as last seen. */
  keys: Map<string, KeyState>;
  /** A booking's round trip (ms), smoothed: moments are booked this far ahead, to be on time when the answer comes. */
  roundTripMs: number;
  /**
   * One booking at a time per process, confirmations first: bookings of one process would only
   * make each other's view of the tenant key stale. (With a row lock held per booking across
   * round trips, as before, bookings waiting for it held the pooled connections that the calls
   * due now needed.)
   */
  pending: (() => Promise<void>)[];
  running: boolean;
}
const paces = new WeakMap<object, ProcessPace>();

function enqueueBooking(prisma: PrismaClient, book: (pace: ProcessPace) => Promise<Booking>, urgent = false): Promise<Booking> {
  let pace = paces.get(prisma);
  if (!pace) paces.set(prisma, (pace = { keys: new Map(), roundTripMs: 2, pending: [], running: false }));
  const state = pace;
  return new Promise<Booking>((resolve, reject) => {
    const run = () => book(state).then(resolve, reject);
    if (urgent) state.pending.unshift(run);
    else state.pending.push(run);
    if (!state.running) void drain(state);
  });
}

async function drain(pace: ProcessPace): Promise<void> {
  pace.running = true;
  for (let next = pace.pending.shift(); next; next = pace.pending.shift()) await next();
  pace.running = false;
}

async function bookUntilFits(
  prisma: PrismaClient,
  pace: ProcessPace,
  keys: readonly PaceKey[],
  options: PaceOptions,
  remove: number | null,
  claim: { id: bigint; instance: string; leaseMs: number } | null,
): Promise<Booking> {
  const names = keys.map((key) => key.key).sort();
  const spans = JSON.stringify(Object.fromEntries(keys.map((key) => [key.key, key.windows.map((window) => [spanOf(window), window.max])])));
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const seen = keys.map((key) => pace.keys.get(key.key) ?? { sends: [], blockedUntil: null });
    const started = Date.now();
    const now = started + (options.clockOffsetMs ?? 0);
    const from = Math.max(now + Math.ceil(pace.roundTripMs), ...seen.map((state) => state.blockedUntil ?? 0));
    const logs = seen.map((state) => {
      const index = remove === null ? -1 : state.sends.indexOf(remove);
      return index === -1 ? state.sends : [...state.sends.slice(0, index), ...state.sends.slice(index + 1)];
    });
    // A confirmation on time keeps its moment (it is in the logs already, so it fits unless a
    // Retry-After came); a late one takes the earliest moment from now on.
    const onTime = remove !== null && remove >= from - LATE_SLACK_MS;
    const at = onTime ? remove : Math.ceil(earliestSlot(keys.map((key, i) => ({ log: logs[i]!, windows: key.windows })), from));
    // Too far away as this process saw it: ask only for the logs, and decide on what is true.
    const tooFar = at - now > options.maxWaitMs;
    const rows = await sql(prisma).rows<{ key: string; sends: bigint[]; blocked_until_ms: bigint | null; booked: boolean; held: boolean }>`
      SELECT key, sends, blocked_until_ms, booked, held
        FROM arkivlos_pace_book(${names}::text[], ${spans}::jsonb, ${tooFar ? null : at}::bigint, ${remove}::bigint,
                                ${claim?.id ?? null}::bigint, ${claim?.instance ?? null}, ${claim?.leaseMs ?? null}::int)`;
    pace.roundTripMs = 0.8 * pace.roundTripMs + 0.2 * (Date.now() - started);
    for (const row of rows) {
      pace.keys.delete(row.key);
      pace.keys.set(row.key, { sends: row.sends.map(Number), blockedUntil: row.blocked_until_ms === null ? null : Number(row.blocked_until_ms) });
    }
    while (pace.keys.size > MAX_CACHED_KEYS) pace.keys.delete(pace.keys.keys().next().value!);
    if (rows[0] && !rows[0].held) return { booked: false, lost: true };
    if (rows[0]?.booked) return { booked: true, at, waitMs: Math.max(0, at - now) };
    if (tooFar && attempt > 0) return { booked: false, retryAt: new Date(at) };
  }
  // Other instances took every moment this one picked: let the message wait a moment in the outbox.
  return { booked: false, retryAt: new Date(Date.now() + (options.clockOffsetMs ?? 0) + 100) };
}

/**
 * A call whose answer came this much later than this process's calls usually take moves in the
 * logs (see PacedCall): calls that are all equally late keep their distances, and the windows'
 * margin (WINDOW_MARGIN_MS, 25 ms) covers what is left.
 */
export const LATE_ANSWER_MS = 10;

/** Answers per process: how long after its moment a call is usually answered (ms, smoothed). */
const answerLatency = new WeakMap<object, number>();

/**
 * The call to put right in the logs after its answer, or null when it was answered as usual.
 * A process's first calls (a cold HTTP connection, the run's first burst) count against a usual
 * time of 0.
 */
export function lateCall(prisma: PrismaClient, keys: readonly PaceKey[], booked: number, answered: number): PacedCall | null {
  const took = answered - booked;
  const usual = answerLatency.get(prisma) ?? 0;
  answerLatency.set(prisma, 0.9 * usual + 0.1 * Math.max(0, took));
  const late = took - usual;
  return late > LATE_ANSWER_MS ? { keys, booked, answered: booked + Math.ceil(late) } : null;
}

/** A call made at a booked moment, and when its answer came (both on the database's clock). */
export interface PacedCall {
  keys: readonly PaceKey[];
  booked: number;
  answered: number;
}

/**
 * Teams counts a call when it arrives, somewhere between the moment it left and its answer: a
 * call that left late (a busy event loop, a cold connection) counts later than booked. So a call
 * answered later than usual (lateCall) stands in the logs that much later; a later call whose
 * booking no longer fits then is moved by its confirmation. One
 * statement to put beside another (markSent's); the rows are locked in key order, as
 * `arkivlos_pace_book` locks them.
 */
export function pacedCallStatement(call: PacedCall): Prisma.Sql {
  const names = call.keys.map((key) => key.key).sort();
  const booked = Math.round(call.booked);
  const answered = Math.max(booked, Math.ceil(call.answered));
  return Prisma.sql`
    UPDATE delivery_pace d
       SET sends = ARRAY(SELECT x FROM unnest(d.sends[:array_position(d.sends, ${booked}::bigint) - 1]
                                               || ${answered}::bigint
                                               || d.sends[array_position(d.sends, ${booked}::bigint) + 1:]) AS x ORDER BY x)
      FROM (SELECT key FROM delivery_pace WHERE key = ANY(${names}::text[]) ORDER BY key FOR UPDATE) AS locked
     WHERE d.key = locked.key AND ${booked}::bigint = ANY(d.sends)`;
}

/** The same on its own, after a call that failed (its result is recorded by another statement). */
export async function recordPacedCall(db: DbClient, call: PacedCall): Promise<void> {
  await sql(db).rows(pacedCallStatement(call));
}

/** Retry-After: nothing is booked for these keys before `until`. */
export async function blockUntil(db: DbClient, keys: readonly PaceKey[], until: Date): Promise<void> {
  const names = keys.map((key) => key.key);
  await sql(db).run`
    INSERT INTO delivery_pace (key, blocked_until) SELECT unnest(${names}::text[]), ${until}
    ON CONFLICT (key) DO UPDATE SET blocked_until = greatest(delivery_pace.blocked_until, EXCLUDED.blocked_until)`;
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
    const [row] = await sql(db).rows<{ now_ms: number }>`SELECT (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS now_ms`;
    const after = Date.now();
    if (after - before < best.rtt) best = { rtt: after - before, offset: row!.now_ms - (before + after) / 2 };
  }
  return best.offset;
}

import { dailyCardJson } from '../../cards/daily-card.js';
import { translator } from '../../i18n/index.js';
import type { ArchivePort } from '../archive/port.js';
import type { IsoDate } from '../archive/vocabulary.js';
import { writeAudit } from '../audit.js';
import { type DbClient, sql } from '../db.js';
import { MAX_ACTIVITY_BYTES } from '../delivery/enqueue-message.js';
import { personLocale } from '../people/person-locale.js';
import { composeDailyCardsInBatches } from './compose-daily-cards.js';
import { getsDailyCard, type DailyCardView } from './daily-view.js';

/** Rows per INSERT: one statement per batch, and a batch's cards (at most ~80 KB each) stay a few MB. */
const BATCH_ROWS = 250;
const BATCH_BYTES = 4_000_000;

export interface SendDailyCardsOptions {
  /** The day of the run (the organisation's calendar day); the key of every card it queues. */
  date: IsoDate;
  /** The organisation's card time and zone (the inbox lists what was assigned since the previous card). */
  dailyCardTime: string;
  timeZone: string;
  /** Who asked, for the audit log: `system` for the scheduled run, the administrator's aadObjectId, `digests-send` for the CLI. */
  actor: string;
  /** Called between batches (the scheduled run renews its claim). */
  renewLease?: () => Promise<boolean>;
  /** People composed at a time (composeDailyCardsInBatches; DAILY_COMPOSE_BATCH by default). */
  batchSize?: number;
}

export interface SendDailyCardsResult {
  date: IsoDate;
  /** Active people whose view was composed. */
  composed: number;
  /** Cards put in the outbox by this run (a card too large for Teams among them, stored as failed at once). */
  queued: number;
  /** Cards of this day that an earlier or concurrent run had queued already (same key). */
  alreadyQueued: number;
  /** People with nothing to do who did not ask for the all-clear card. */
  nothingToDo: number;
  /** People away on the day (their card pauses). */
  away: number;
  /** Of `queued`: cards over Teams' size limit, stored as failed. */
  tooLarge: number;
  /** Every outbox message of this day's cards for these people (queued now or before), to wait for. */
  messageIds: bigint[];
}

export const digestKey = (personId: string, date: IsoDate) => `digest:${personId}:${date}`;

interface Row {
  key: string;
  personId: string;
  activity: string;
  error: string | null;
}

/**
 * The daily run: every person's «Mine oppgaver» for `date`, composed set-based a few thousand
 * people at a time (composeDailyCardsInBatches), for each one who gets a card (`getsDailyCard`) the card with its actions
 * in the person's language (their choice, else the organisation file's, else bokmål), put in the
 * outbox with the key `digest:<person>:<date>`. The inserts go in batches, one statement each
 * (`INSERT … SELECT FROM unnest(…) ON CONFLICT DO NOTHING`), so a second run of the same day, or
 * one running at the same moment on another instance, adds nothing. Each statement commits on its
 * own: a run killed half-way leaves what it queued, and the next run queues the rest.
 */
export async function sendDailyCards(db: DbClient, archive: ArchivePort, options: SendDailyCardsOptions): Promise<SendDailyCardsResult> {
  const { date } = options;
  const result: SendDailyCardsResult = { date, composed: 0, queued: 0, alreadyQueued: 0, nothingToDo: 0, away: 0, tooLarge: 0, messageIds: [] };
  const keys: string[] = [];

  let batch: Row[] = [];
  let bytes = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const inserted = await insertBatch(db, batch);
    result.queued += inserted.queued;
    result.tooLarge += inserted.failed;
    batch = [];
    bytes = 0;
    await options.renewLease?.();
  };
  // A few thousand people at a time: the run's memory does not grow with the organisation.
  const compose = { date, dailyCardTime: options.dailyCardTime, timeZone: options.timeZone, ...(options.batchSize ? { batchSize: options.batchSize } : {}) };
  for await (const views of composeDailyCardsInBatches(db, archive, compose)) {
    result.composed += views.length;
    for (const view of views) {
      if (view.away) result.away += 1;
      else if (!getsDailyCard(view)) result.nothingToDo += 1;
      if (!getsDailyCard(view)) continue;
      const row = render(view, date);
      if (batch.length >= BATCH_ROWS || bytes + row.activity.length > BATCH_BYTES) await flush();
      batch.push(row);
      bytes += row.activity.length;
      keys.push(row.key);
    }
  }
  await flush();
  result.alreadyQueued = keys.length - result.queued;

  const ids = keys.length === 0 ? [] : await sql(db).rows<{ id: bigint }>`SELECT id FROM outbox_message WHERE idempotency_key = ANY(${keys}::text[]) ORDER BY id`;
  result.messageIds = ids.map((row) => row.id);
  if (result.queued > 0) {
    await writeAudit(db, { actor: options.actor, action: 'daily.send', entity: 'outbox', entityId: date, after: { queued: result.queued, alreadyQueued: result.alreadyQueued } });
  }
  return result;
}

function render(view: DailyCardView, date: IsoDate): Row {
  const locale = personLocale({ chosenLocale: view.person.locale, locale: null });
  const card = dailyCardJson(view, { locale, audience: 'personal', actions: true }, translator(locale));
  // The card's JSON as it is, in the activity's (JSON.stringify of the same object, without serialising the card twice).
  const activity = `{"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","content":${card}}]}`;
  const size = Buffer.byteLength(activity);
  // As enqueueMessage stores it: a message Teams would refuse is failed at once, with the reason.
  const error = size > MAX_ACTIVITY_BYTES ? `too large: ${size} bytes (at most ${MAX_ACTIVITY_BYTES})` : null;
  return { key: digestKey(view.person.id, date), personId: view.person.id, activity, error };
}

/**
 * One statement for a batch of cards: only to people still active, nothing for a key that is there
 * already; the rows go in key order, so two runs at once wait on each other's rows in one order
 * (no deadlock). The workers of every instance are woken when something new waits.
 */
async function insertBatch(db: DbClient, rows: Row[]): Promise<{ queued: number; failed: number }> {
  const sorted = [...rows].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const [inserted] = await sql(db).rows<{ queued: number; failed: number }>`
    WITH batch AS (
      SELECT * FROM unnest(${sorted.map((row) => row.key)}::text[], ${sorted.map((row) => row.personId)}::uuid[],
                           ${sorted.map((row) => row.activity)}::text[], ${sorted.map((row) => row.error)}::text[])
             WITH ORDINALITY AS b(key, person_id, activity, error, n)
    ), inserted AS (
      INSERT INTO outbox_message (idempotency_key, kind, person_id, activity, state, last_error, next_attempt_at, updated_at)
      SELECT b.key, 'send', b.person_id, b.activity::jsonb, (CASE WHEN b.error IS NULL THEN 'waiting' ELSE 'failed' END)::"OutboxState",
             b.error, now(), now()
        FROM batch b JOIN person p ON p.id = b.person_id AND p.active
       ORDER BY b.n
      ON CONFLICT (idempotency_key) DO NOTHING
      RETURNING state)
    SELECT count(*)::int AS queued, count(*) FILTER (WHERE state = 'failed')::int AS failed FROM inserted`;
  if (inserted!.queued > inserted!.failed) await sql(db).run`SELECT pg_notify('arkivlos_outbox', '')`;
  return inserted!;
}

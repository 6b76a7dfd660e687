import { type DbClient, Prisma, sql } from '../db.js';
import type { Enqueued } from '../delivery/enqueue-message.js';
import { AppError, AppErrorCode } from '../errors.js';
import type { FileLinks } from './file-links.js';
import { notifyRequester } from './notify-requester.js';
import type { Locale, Translate } from '../../i18n/index.js';
import { refreshChannelCards, type ChannelViews } from './channel-cards.js';
import type { SupportEventKind, SupportLine, SupportStatus } from './vocabulary.js';

/** The fields of a henvendelse that an event may change. */
export interface RequestChanges {
  status?: SupportStatus;
  line?: SupportLine;
  lineUnitId?: string | null;
  lineSubjectAreaId?: string | null;
  assigneeId?: string | null;
  vendorReference?: string | null;
  resolvedAt?: Date | null;
  closedAt?: Date | null;
  rating?: number | null;
  ratingComment?: string | null;
}

export interface RecordEventOptions {
  requestId: string;
  /** The version the actor's card showed; when the henvendelse has moved on, nothing changes (STALE). */
  expectedVersion: number;
  /** Who acted; null for the system (the automatic closing). */
  actor: { personId: string; aadObjectId: string } | null;
  kind: SupportEventKind;
  /** A reply, a note or a reason. */
  text?: string | null;
  /** What else the history should keep (a status change is added as `status: { from, to }`). */
  data?: Record<string, Prisma.InputJsonValue | null>;
  /** Internal notes and hand-over details: never shown to the requester, and never sent to them. */
  internal?: boolean;
  changes?: RequestChanges;
  /** False when the requester acted themselves: the answer to their card already says what happened. */
  notifyRequester?: boolean;
  now: Date;
  /** Links to kept images, for a `file_added` event's line in the channel thread. */
  fileLinks?: FileLinks;
  /**
   * What the requester is told, in their language, instead of `text` (a hand-over's reason is
   * support's own): given, the requester is told even when the status stays.
   */
  requesterNotice?: (t: Translate) => string;
  /** The line in the channel cards' threads, when the event's own words do not say enough. */
  threadLine?: (t: Translate, actor: string) => string;
}

export interface RecordedEvent {
  eventId: bigint;
  /** The henvendelse's version after the change. */
  version: number;
  status: SupportStatus;
  /** The requester's notification, when the status changed (null when it did not, or the requester left). */
  notification: Enqueued | null;
  /** The henvendelse as each channel with a card of it shows it now: the clicker's answer needs no second read. */
  channelViews: ChannelViews;
}

/**
 * The one way a henvendelse changes, for every action now and later: checks the version the actor
 * saw, applies the changes and raises the version, writes the event and the audit entry, and
 * when the status changed, puts the requester's notification in the outbox, in their language;
 * every card of the henvendelse in a queue channel is updated and told the event in its thread,
 * and a move to another line posts the card in that line's channel (channel-cards.ts).
 * Call it inside the caller's transaction, after the caller has checked that the actor may act.
 */
export async function recordEvent(tx: DbClient, options: RecordEventOptions): Promise<RecordedEvent> {
  const { requestId, expectedVersion, now } = options;
  const changes = options.changes ?? {};
  // One statement (a relation select would be two): every action of every line comes through here.
  const rows = await sql(tx).rows<BeforeRow>`
    SELECT r.number, r.what, r.status::text AS status, r.version, r.line::text AS line,
      r.line_unit_id::text AS "lineUnitId", r.line_subject_area_id::text AS "lineSubjectAreaId",
      r.assignee_id::text AS "assigneeId", r.vendor_reference AS "vendorReference",
      r.resolved_at AS "resolvedAt", r.closed_at AS "closedAt", r.rating, r.rating_comment AS "ratingComment",
      json_build_object('id', p.id, 'active', p.active, 'locale', p.locale, 'chosenLocale', p.chosen_locale) AS requester
    FROM support_request r JOIN person p ON p.id = r.requester_id
    WHERE r.id = ${requestId}::uuid`;
  const before = rows[0];
  if (!before) throw new AppError(AppErrorCode.NOT_FOUND, { message: `henvendelse ${requestId} does not exist` });
  const stale = () => new AppError(AppErrorCode.STALE, { message: `henvendelse ${requestId} is no longer at version ${expectedVersion}` });
  if (before.version !== expectedVersion) throw stale();

  const statusChange = changes.status !== undefined && changes.status !== before.status ? { from: before.status, to: changes.status } : undefined;
  const data = { ...options.data, ...(statusChange && { status: statusChange }) };
  const changed = (Object.keys(changes) as (keyof RequestChanges)[]).filter((key) => changes[key] !== undefined);
  const audit = {
    before: { version: before.version, ...Object.fromEntries(changed.map((key) => [key, before[key]])) },
    after: { version: before.version + 1, ...changes },
  };
  // The change, its event and its audit entry in one statement, conditional on the version: of
  // two actions on the same card, the second changes no row and finds no event (STALE).
  const [event] = await sql(tx).rows<{ id: bigint }>`
    WITH changed AS (
      UPDATE support_request SET ${Prisma.join([...changed.map((key) => assignment(key, changes[key])), Prisma.sql`updated_at = ${now}::timestamptz, version = version + 1`])}
      WHERE id = ${requestId}::uuid AND version = ${expectedVersion}
      RETURNING id),
    event AS (
      INSERT INTO support_event (request_id, kind, actor_id, text, data, internal, created_at)
      SELECT id, ${options.kind}::"SupportEventKind", ${options.actor?.personId ?? null}::uuid, ${options.text ?? null}::text,
        ${Object.keys(data).length > 0 ? JSON.stringify(data) : null}::jsonb, ${options.internal ?? false}::boolean, ${now}::timestamptz
      FROM changed
      RETURNING id),
    audit AS (
      INSERT INTO audit_entry (actor, action, entity, entity_id, before, after)
      SELECT ${options.actor?.aadObjectId ?? 'system'}::text, ${`support.request.${options.kind}`}::text, 'support_request', ${requestId}::text,
        ${JSON.stringify(audit.before)}::jsonb, ${JSON.stringify(audit.after)}::jsonb || jsonb_build_object('eventId', event.id::text)
      FROM event)
    SELECT id FROM event`;
  if (!event) throw stale();

  const status = changes.status ?? before.status;
  const notification =
    (statusChange || options.requesterNotice) && !options.internal && before.requester.active && options.notifyRequester !== false
      ? await notifyRequester(tx, {
          request: { id: requestId, number: before.number, what: before.what },
          requester: before.requester,
          eventId: event.id,
          status,
          version: before.version + 1,
          resolvedAt: changes.resolvedAt === undefined ? before.resolvedAt : changes.resolvedAt,
          autoClosed: options.actor === null && options.kind === 'closed' && options.data?.reason === 'unconfirmed',
          text: options.requesterNotice ?? options.text ?? null,
          at: now,
        })
      : null;
  const moved = changes.line !== undefined;
  const channelViews = await refreshChannelCards(tx, {
    request: { id: requestId, number: before.number },
    version: before.version + 1,
    event: {
      id: event.id,
      kind: options.kind,
      actorId: options.actor?.personId ?? null,
      text: options.text ?? null,
      assigneeId: changes.assigneeId ?? null,
      status,
      rating: typeof options.data?.rating === 'number' ? options.data.rating : null,
      data,
    },
    post: moved
      ? { line: changes.line!, lineUnitId: changes.lineUnitId ?? null, lineSubjectAreaId: changes.lineSubjectAreaId ?? null }
      : null,
    threadLine: options.threadLine,
    fileLinks: options.fileLinks,
  });
  return { eventId: event.id, version: before.version + 1, status, notification, channelViews };
}

/** What recordEvent reads of a henvendelse before it changes it. */
interface BeforeRow {
  number: string;
  what: string;
  status: SupportStatus;
  version: number;
  line: SupportLine;
  lineUnitId: string | null;
  lineSubjectAreaId: string | null;
  assigneeId: string | null;
  vendorReference: string | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  rating: number | null;
  ratingComment: string | null;
  requester: { id: string; active: boolean; locale: Locale | null; chosenLocale: Locale | null };
}

/** `column = value` for one field of RequestChanges, with the column's type. */
function assignment(key: keyof RequestChanges, value: RequestChanges[keyof RequestChanges]): Prisma.Sql {
  switch (key) {
    case 'status':
      return Prisma.sql`status = ${value}::"SupportStatus"`;
    case 'line':
      return Prisma.sql`line = ${value}::"SupportLine"`;
    case 'lineUnitId':
      return Prisma.sql`line_unit_id = ${value}::uuid`;
    case 'lineSubjectAreaId':
      return Prisma.sql`line_subject_area_id = ${value}::uuid`;
    case 'assigneeId':
      return Prisma.sql`assignee_id = ${value}::uuid`;
    case 'vendorReference':
      return Prisma.sql`vendor_reference = ${value}::text`;
    case 'resolvedAt':
      return Prisma.sql`resolved_at = ${value}::timestamptz`;
    case 'closedAt':
      return Prisma.sql`closed_at = ${value}::timestamptz`;
    case 'rating':
      return Prisma.sql`rating = ${value}::int`;
    case 'ratingComment':
      return Prisma.sql`rating_comment = ${value}::text`;
  }
}

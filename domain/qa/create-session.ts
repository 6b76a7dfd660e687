import { randomUUID } from 'node:crypto';
import { writeAudit } from '../audit.js';
import { instantAt, type LocalDate } from '../calendar/working-days.js';
import { sql, type PrismaClient } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';
import { asJson } from '../archive/registry/change.js';
import { checkedText, MAX_SESSION_HOURS, QA_LIMITS, type QaActor, type QaPairRole } from './vocabulary.js';

/** A time of day `HH:MM` from … to, Norwegian wall-clock time. */
export interface TimeRange {
  start: string;
  end: string;
}

export type SessionSchedule =
  /** One session. */
  | { once: { startsAt: Date; endsAt: Date } }
  /** An opening and a closing session on each of the dates, with the same content. */
  | { pair: { dates: readonly LocalDate[]; opening: TimeRange; closing: TimeRange } };

export interface CreateSessionInput {
  /** The channel or group chat the session runs in. */
  conversationId: string;
  title: string;
  anonymousAllowed: boolean;
  schedule: SessionSchedule;
  /** The moderator who creates it. */
  actor: QaActor;
  now: Date;
}

export interface CreatedSession {
  id: string;
  startsAt: Date;
  endsAt: Date;
  pairRole: QaPairRole | null;
}

/** At most this many dates in one recurring pair (a rollout lasts days or weeks, not months). */
export const MAX_PAIR_DATES = 31;

interface PlannedSession {
  startsAt: Date;
  endsAt: Date;
  pairRole: QaPairRole | null;
}

/**
 * Creates a spørretime, or the recurring pair (an opening and a closing session each day) over a
 * list of dates, all planned. A conversation runs one session at a time: a session that would
 * overlap another that is not closed in the same conversation is refused (QA_SESSION_OVERLAP),
 * by the database's exclusion constraint, so two moderators creating at once cannot both succeed.
 */
export async function createSession(prisma: PrismaClient, input: CreateSessionInput): Promise<CreatedSession[]> {
  const title = checkedText(input.title, QA_LIMITS.title, 'title');
  const planned = plannedSessions(input.schedule);
  for (const session of planned) checkTimes(session, input.now);
  const pairId = 'pair' in input.schedule ? randomUUID() : null;

  return prisma.$transaction(async (tx) => {
    let rows: CreatedSession[];
    try {
      rows = await sql(tx).rows<CreatedSession>`
        INSERT INTO qa_session (id, conversation_id, title, starts_at, ends_at, anonymous_allowed, pair_id, pair_role, moderator_id, updated_at)
        SELECT gen_random_uuid(), ${input.conversationId}::text, ${title}::text, s.starts_at, s.ends_at, ${input.anonymousAllowed}::boolean,
          ${pairId}::uuid, s.pair_role::"QaPairRole", ${input.actor.personId}::uuid, ${input.now}::timestamptz
        FROM unnest(${planned.map((s) => s.startsAt)}::timestamptz[], ${planned.map((s) => s.endsAt)}::timestamptz[],
          ${planned.map((s) => s.pairRole)}::text[]) AS s(starts_at, ends_at, pair_role)
        RETURNING id::text AS id, starts_at AS "startsAt", ends_at AS "endsAt", pair_role::text AS "pairRole"`;
    } catch (error) {
      if (isExclusionViolation(error)) {
        throw new AppError(AppErrorCode.QA_SESSION_OVERLAP, { message: `conversation ${input.conversationId} has a session at an overlapping time`, cause: error });
      }
      throw error;
    }
    rows.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    for (const row of rows) {
      await writeAudit(tx, {
        actor: input.actor.aadObjectId,
        action: 'qa.session.created',
        entity: 'qa_session',
        entityId: row.id,
        after: asJson({ conversationId: input.conversationId, title, startsAt: row.startsAt, endsAt: row.endsAt, anonymousAllowed: input.anonymousAllowed, pairId, pairRole: row.pairRole }),
      });
    }
    return rows;
  });
}

function plannedSessions(schedule: SessionSchedule): PlannedSession[] {
  if ('once' in schedule) return [{ ...schedule.once, pairRole: null }];
  const { dates, opening, closing } = schedule.pair;
  const unique = [...new Set(dates)];
  if (unique.length === 0 || unique.length > MAX_PAIR_DATES) {
    throw new AppError(AppErrorCode.QA_INVALID_TIMES, { message: `a recurring pair needs 1–${MAX_PAIR_DATES} dates, got ${unique.length}` });
  }
  return unique.flatMap((date) => {
    const at = (time: string) => {
      if (!/^([01][0-9]|2[0-3]):[0-5][0-9]$/.test(time) || !/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
        throw new AppError(AppErrorCode.QA_INVALID_TIMES, { message: `${date} ${time} is not a date and a time of day` });
      }
      return instantAt(date, time);
    };
    const day = [
      { startsAt: at(opening.start), endsAt: at(opening.end), pairRole: 'opening' as const },
      { startsAt: at(closing.start), endsAt: at(closing.end), pairRole: 'closing' as const },
    ];
    if (day[0]!.endsAt.getTime() > day[1]!.startsAt.getTime()) {
      throw new AppError(AppErrorCode.QA_INVALID_TIMES, { message: `on ${date} the opening session ends after the closing one starts` });
    }
    return day;
  });
}

function checkTimes(session: PlannedSession, now: Date): void {
  const length = session.endsAt.getTime() - session.startsAt.getTime();
  if (Number.isNaN(length) || length <= 0 || length > MAX_SESSION_HOURS * 3_600_000 || session.endsAt.getTime() <= now.getTime()) {
    throw new AppError(AppErrorCode.QA_INVALID_TIMES, {
      message: `a session from ${session.startsAt.toISOString()} to ${session.endsAt.toISOString()} cannot be planned at ${now.toISOString()}`,
    });
  }
}

/** PostgreSQL's exclusion_violation (23P01): the one-session-at-a-time constraint refused the row. */
const isExclusionViolation = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && ((error as { code?: string }).code === '23P01' || isExclusionViolation((error as { cause?: unknown }).cause));

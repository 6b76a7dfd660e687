import { addDays, instantAt, isWorkingDay, localDateOf } from '../calendar/working-days.js';
import { sql, type PrismaClient } from '../db.js';
import { isAppError, AppErrorCode } from '../errors.js';
import type { JobContext, ScheduledJob } from '../jobs/scheduled-job.js';
import { getOrganisationSettings } from '../org/organisation-settings.js';
import { closeSession } from './close-session.js';
import { openSession } from './open-session.js';
import type { QaExportLinks } from './post-session-summary.js';
import { postSessionCard } from './session-card.js';

export const QA_SESSIONS_JOB = 'qa.sessions';

export interface CardPostSettings {
  /** Minutes before the start (QA_CARD_LEAD_MINUTES); null: the daily card time on the working day before. */
  cardLeadMinutes: number | null;
  dailyCardTime: string;
  timeZone: string;
}

/** Sessions starting further ahead than this are not looked at yet (their card is not due). */
const LOOK_AHEAD_DAYS = 15;

/**
 * When a session's card is posted in its conversation: `cardLeadMinutes` before the start, or by
 * default at the organisation's daily card time (07:30) on the working day before the session's
 * day, so people can send questions well before (PRODUCT.md §4).
 */
export function cardPostAt(startsAt: Date, settings: CardPostSettings): Date {
  if (settings.cardLeadMinutes !== null) return new Date(startsAt.getTime() - settings.cardLeadMinutes * 60_000);
  let day = addDays(localDateOf(startsAt, settings.timeZone), -1);
  while (!isWorkingDay(day, settings.timeZone)) day = addDays(day, -1);
  return instantAt(day, settings.dailyCardTime, settings.timeZone);
}

interface SessionRow {
  id: string;
  startsAt: Date;
  endsAt: Date;
  state: 'planned' | 'open';
  posted: boolean;
}

interface DueWork {
  post: string[];
  open: string[];
  close: string[];
}

/** What is due at `now`: cards to post, sessions to open, sessions to close, each in start order. */
export async function dueSessionWork(prisma: PrismaClient, now: Date, cardLeadMinutes: number | null): Promise<DueWork> {
  const settings = await getOrganisationSettings(prisma);
  const rows = await sql(prisma).rows<SessionRow>`
    SELECT id::text AS id, starts_at AS "startsAt", ends_at AS "endsAt", state::text AS state, card_message_id IS NOT NULL AS posted
    FROM qa_session
    WHERE state <> 'closed' AND starts_at <= ${new Date(now.getTime() + LOOK_AHEAD_DAYS * 86_400_000)}::timestamptz
    ORDER BY starts_at, id`;
  const post = { cardLeadMinutes, dailyCardTime: settings.dailyCardTime, timeZone: settings.timeZone };
  return {
    post: rows.filter((row) => !row.posted && cardPostAt(row.startsAt, post) <= now).map((row) => row.id),
    open: rows.filter((row) => row.state === 'planned' && row.startsAt <= now && row.endsAt > now).map((row) => row.id),
    close: rows.filter((row) => row.endsAt <= now).map((row) => row.id),
  };
}

/**
 * The spørretimer's schedule (every instance looks; the database gives each minute's run to one):
 * posts the session card when it is due, opens a session at its start and closes it at its end
 * (closeSession carries its unanswered questions to the next session of the conversation). Each
 * step is safe to repeat and to run twice at once: the post is taken under the session's row lock
 * and only while the session has no card (and its outbox key is the session's), opening an open
 * session changes nothing, and closing a closed one is refused and skipped.
 */
export interface QaSessionsJobOptions {
  /** Minutes before the start to post the card (QA_CARD_LEAD_MINUTES); null: the working day before. */
  cardLeadMinutes: number | null;
  /** Signs the download links the moderator gets when a session closes (bot/qa-export-links.ts). */
  exportLinks?: QaExportLinks;
}

export function qaSessionsJob(options: QaSessionsJobOptions = { cardLeadMinutes: null }): ScheduledJob {
  return {
    name: QA_SESSIONS_JOB,
    // A run only for a minute with something to do, so the job's runs are not a row a minute.
    runKey: async (now, prisma) => {
      const due = await dueSessionWork(prisma, now, options.cardLeadMinutes);
      return due.post.length + due.open.length + due.close.length > 0 ? now.toISOString().slice(0, 16) : null;
    },
    run: async (context) => {
      await runQaSessions(context, options.cardLeadMinutes, options.exportLinks);
    },
  };
}

/** The job's work at `context.now`: answers how many cards were posted and sessions opened and closed. */
export async function runQaSessions(
  context: Pick<JobContext, 'prisma' | 'now' | 'onError'>,
  cardLeadMinutes: number | null,
  exportLinks?: QaExportLinks,
): Promise<{ posted: number; opened: number; closed: number }> {
  const { prisma, now } = context;
  const due = await dueSessionWork(prisma, now, cardLeadMinutes);
  const done = { posted: 0, opened: 0, closed: 0 };
  const step = async (id: string, work: () => Promise<boolean>, count: keyof typeof done) => {
    try {
      if (await work()) done[count]++;
    } catch (error) {
      // Another instance (or the moderator) got there first: nothing left to do.
      if (isAppError(error) && error.code === AppErrorCode.QA_SESSION_CLOSED) return;
      context.onError(error, `qa_session ${id}`);
    }
  };
  for (const id of due.post) await step(id, async () => (await prisma.$transaction((tx) => postSessionCard(tx, id))) !== null, 'posted');
  for (const id of due.open) await step(id, async () => (await openSession(prisma, { sessionId: id, actor: 'system', now })).opened, 'opened');
  for (const id of due.close) await step(id, async () => (await closeSession(prisma, { sessionId: id, actor: 'system', now, ...(exportLinks && { exportLinks }) }), true), 'closed');
  return done;
}

import { sql, type DbClient } from '../db.js';

/** A spørretime as the rollout card names it. */
export interface UpcomingSession {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  anonymousAllowed: boolean;
}

/**
 * The spørretime people are pointed to during a rollout: of the sessions not closed whose end is
 * still ahead, the one that starts first (an open one going on now comes before a later one).
 * `sessionId`: that one session, if it is still such a session (a click on an older card).
 */
export async function upcomingSession(db: DbClient, now: Date, sessionId?: string): Promise<UpcomingSession | null> {
  const [session] = await sql(db).rows<UpcomingSession>`
    SELECT id::text AS id, title, starts_at AS "startsAt", ends_at AS "endsAt", anonymous_allowed AS "anonymousAllowed"
    FROM qa_session
    WHERE state <> 'closed' AND ends_at > ${now}::timestamptz
      AND (${sessionId ?? null}::uuid IS NULL OR id = ${sessionId ?? null}::uuid)
    ORDER BY starts_at, id
    LIMIT 1`;
  return session ?? null;
}

import { sql, type DbClient } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';
import type { KnownErrorStatus } from '../known-errors/vocabulary.js';
import type { Locale } from '../../i18n/index.js';
import type { QaQuestionKind, QaQuestionStatus, QaSessionState } from './vocabulary.js';

/**
 * The numbers of a session. Every question and error report asked in it is counted once by kind
 * and once by status, so `questions + errorReports = answered + unanswered + hidden + merged`.
 * Votes are those on the questions still shown (open and answered): a merged duplicate's votes
 * moved to the question it was merged into, a person counted once there.
 */
export interface QaSessionCounts {
  questions: number;
  errorReports: number;
  votes: number;
  /** People who voted at least once. */
  voters: number;
  answered: number;
  /** Still open: when the session closes they carry over to the conversation's next session. */
  unanswered: number;
  hidden: number;
  merged: number;
  /** Of all these, how many were carried over into this session from an earlier one. */
  carriedIn: number;
}

/** One question or error report as the export shows it. */
export interface QaExportRow {
  /** Its place in the list, from 1: most votes first, ties oldest first. */
  number: number;
  kind: QaQuestionKind;
  status: QaQuestionStatus;
  text: string;
  votes: number;
  /** Who asked; null for an anonymous question (the query never reads the name then). */
  askerName: string | null;
  askedAt: Date;
  answer: string | null;
  answeredAt: Date | null;
  answeredByName: string | null;
  /** Why the moderator hid it. */
  hiddenReason: string | null;
  /** The number (in this list) of the question a merged duplicate went into. */
  mergedInto: number | null;
  /** Carried over from an earlier session. */
  carried: boolean;
  knownError: { title: string; status: KnownErrorStatus } | null;
}

export interface QaSessionSummary {
  session: {
    id: string;
    title: string;
    conversationId: string;
    startsAt: Date;
    endsAt: Date;
    state: QaSessionState;
    closedAt: Date | null;
    moderator: { id: string; name: string; active: boolean; locale: Locale | null; chosenLocale: Locale | null };
  };
  counts: QaSessionCounts;
  rows: QaExportRow[];
}

interface SessionRow {
  id: string;
  title: string;
  conversationId: string;
  startsAt: Date;
  endsAt: Date;
  state: QaSessionState;
  closedAt: Date | null;
  moderatorId: string;
  moderatorName: string;
  moderatorActive: boolean;
  moderatorLocale: Locale | null;
  moderatorChosenLocale: Locale | null;
}

interface QuestionRow extends Omit<QaExportRow, 'number' | 'mergedInto'> {
  id: string;
  mergedIntoId: string | null;
}

/**
 * A session's numbers and every question in it, in three statements whatever its size: the session
 * with its moderator, the counts, the rows. The asker of an anonymous question is left out by the
 * query itself, so no file or card made from this can name them.
 */
export async function sessionSummary(db: DbClient, sessionId: string): Promise<QaSessionSummary> {
  const [session] = await sql(db).rows<SessionRow>`
    SELECT s.id::text AS id, s.title, s.conversation_id AS "conversationId", s.starts_at AS "startsAt", s.ends_at AS "endsAt",
      s.state::text AS state, s.closed_at AS "closedAt", m.id::text AS "moderatorId", m.name AS "moderatorName", m.active AS "moderatorActive",
      m.locale::text AS "moderatorLocale", m.chosen_locale::text AS "moderatorChosenLocale"
    FROM qa_session s JOIN person m ON m.id = s.moderator_id
    WHERE s.id = ${sessionId}::uuid`;
  if (!session) throw new AppError(AppErrorCode.NOT_FOUND, { message: `qa_session ${sessionId} does not exist` });
  const [counts] = await sql(db).rows<QaSessionCounts>`
    SELECT count(*) FILTER (WHERE q.kind = 'question')::int AS questions, count(*) FILTER (WHERE q.kind = 'error_report')::int AS "errorReports",
      count(*) FILTER (WHERE q.status = 'answered')::int AS answered, count(*) FILTER (WHERE q.status = 'open')::int AS unanswered,
      count(*) FILTER (WHERE q.status = 'hidden')::int AS hidden, count(*) FILTER (WHERE q.status = 'merged')::int AS merged,
      count(*) FILTER (WHERE q.carried_from_id IS NOT NULL)::int AS "carriedIn",
      (SELECT count(*) FROM qa_vote v JOIN qa_question vq ON vq.id = v.question_id
       WHERE vq.session_id = ${sessionId}::uuid AND vq.status IN ('open', 'answered'))::int AS votes,
      (SELECT count(DISTINCT v.person_id) FROM qa_vote v JOIN qa_question vq ON vq.id = v.question_id
       WHERE vq.session_id = ${sessionId}::uuid AND vq.status IN ('open', 'answered'))::int AS voters
    FROM qa_question q WHERE q.session_id = ${sessionId}::uuid`;
  const rows = await sql(db).rows<QuestionRow>`
    SELECT q.id::text AS id, q.kind::text AS kind, q.status::text AS status, q.text,
      (SELECT count(*) FROM qa_vote v WHERE v.question_id = q.id)::int AS votes,
      CASE WHEN q.anonymous THEN NULL ELSE p.name END AS "askerName", q.created_at AS "askedAt",
      q.answer, q.answered_at AS "answeredAt", a.name AS "answeredByName", q.hidden_reason AS "hiddenReason",
      q.merged_into_id::text AS "mergedIntoId", q.carried_from_id IS NOT NULL AS carried,
      CASE WHEN k.id IS NULL THEN NULL ELSE json_build_object('title', k.title, 'status', k.status) END AS "knownError"
    FROM qa_question q
    JOIN person p ON p.id = q.asker_id
    LEFT JOIN person a ON a.id = q.answered_by_id
    LEFT JOIN known_error_link l ON l.question_id = q.id
    LEFT JOIN known_error k ON k.id = l.known_error_id
    WHERE q.session_id = ${sessionId}::uuid
    ORDER BY votes DESC, q.created_at, q.id`;
  const numbers = new Map(rows.map((row, i) => [row.id, i + 1]));
  const { moderatorId, moderatorName, moderatorActive, moderatorLocale, moderatorChosenLocale, ...rest } = session;
  return {
    session: { ...rest, moderator: { id: moderatorId, name: moderatorName, active: moderatorActive, locale: moderatorLocale, chosenLocale: moderatorChosenLocale } },
    counts: counts!,
    rows: rows.map(({ id, mergedIntoId, ...row }) => ({
      number: numbers.get(id)!,
      ...row,
      mergedInto: mergedIntoId === null ? null : (numbers.get(mergedIntoId) ?? null),
    })),
  };
}

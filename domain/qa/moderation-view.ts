import { sql, type DbClient } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';
import type { KnownErrorStatus } from '../known-errors/vocabulary.js';
import { authoriseModerator, type QaModerator } from './moderators.js';
import type { QaQuestionKind, QaQuestionStatus, QaSessionState } from './vocabulary.js';

/** One question as the moderator sees it: every status, and the asker's name unless it was asked anonymously. */
export interface ModerationQuestion {
  id: string;
  kind: QaQuestionKind;
  text: string;
  status: QaQuestionStatus;
  votes: number;
  anonymous: boolean;
  /** The asker's name; null for an anonymous question (the query never reads it). */
  askerName: string | null;
  answer: string | null;
  hiddenReason: string | null;
  /** The question a merged duplicate went into. */
  mergedInto: { id: string; text: string } | null;
  /** The known error an error report is linked to. */
  knownError: { id: string; title: string; status: KnownErrorStatus } | null;
  carried: boolean;
  version: number;
}

export interface ModerationView {
  session: { id: string; title: string; state: QaSessionState; startsAt: Date; endsAt: Date };
  /** Open ones first (most votes first), then answered, hidden and merged: the first `MODERATION_TOP`. */
  questions: ModerationQuestion[];
  /** Questions beyond those. */
  restCount: number;
  /** Known errors an error report can be linked to (not «rettet» or «avvist»), newest change first. */
  knownErrors: { id: string; title: string; status: KnownErrorStatus }[];
}

/** The moderation card shows at most this many questions (each carries its forms). */
export const MODERATION_TOP = 20;
/** And offers at most this many known errors to link a report to. */
export const LINKABLE_KNOWN_ERRORS = 25;

/**
 * The session as its moderator sees it, in three statements. The asker of an anonymous question
 * is left out by the query itself, so the moderation card can never name them.
 */
export async function moderationView(db: DbClient, sessionId: string): Promise<ModerationView> {
  const [session] = await sql(db).rows<ModerationView['session'] & { total: number }>`
    SELECT s.id::text AS id, s.title, s.state::text AS state, s.starts_at AS "startsAt", s.ends_at AS "endsAt",
      (SELECT count(*) FROM qa_question q WHERE q.session_id = s.id)::int AS total
    FROM qa_session s WHERE s.id = ${sessionId}::uuid`;
  if (!session) throw new AppError(AppErrorCode.NOT_FOUND, { message: `qa_session ${sessionId} does not exist` });
  const questions = await sql(db).rows<ModerationQuestion>`
    SELECT q.id::text AS id, q.kind::text AS kind, q.text, q.status::text AS status,
      (SELECT count(*) FROM qa_vote v WHERE v.question_id = q.id)::int AS votes,
      q.anonymous, CASE WHEN q.anonymous THEN NULL ELSE p.name END AS "askerName",
      q.answer, q.hidden_reason AS "hiddenReason",
      CASE WHEN m.id IS NULL THEN NULL ELSE json_build_object('id', m.id, 'text', m.text) END AS "mergedInto",
      CASE WHEN k.id IS NULL THEN NULL ELSE json_build_object('id', k.id, 'title', k.title, 'status', k.status) END AS "knownError",
      q.carried_from_id IS NOT NULL AS carried, q.version
    FROM qa_question q
    JOIN person p ON p.id = q.asker_id
    LEFT JOIN qa_question m ON m.id = q.merged_into_id
    LEFT JOIN known_error_link l ON l.question_id = q.id
    LEFT JOIN known_error k ON k.id = l.known_error_id
    WHERE q.session_id = ${sessionId}::uuid
    ORDER BY array_position(ARRAY['open', 'answered', 'hidden', 'merged'], q.status::text), votes DESC, q.created_at, q.id
    LIMIT ${MODERATION_TOP}::int`;
  const knownErrors = await sql(db).rows<ModerationView['knownErrors'][number]>`
    SELECT id::text AS id, title, status::text AS status FROM known_error
    WHERE status NOT IN ('rettet', 'avvist') ORDER BY updated_at DESC, id LIMIT ${LINKABLE_KNOWN_ERRORS}::int`;
  const { total, ...head } = session;
  return { session: head, questions, restCount: Math.max(0, total - questions.length), knownErrors };
}

/** The view, for someone who may moderate the session (FORBIDDEN otherwise). */
export async function moderationViewFor(db: DbClient, sessionId: string, person: Pick<QaModerator, 'personId' | 'roles'>): Promise<ModerationView> {
  await authoriseModerator(db, { sessionId, person });
  return moderationView(db, sessionId);
}

import { sql, type DbClient } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';
import type { KnownErrorStatus } from '../known-errors/vocabulary.js';
import type { QaPairRole, QaQuestionKind, QaQuestionStatus, QaSessionState } from './vocabulary.js';

/** One question as the session card shows it. An anonymous question has no asker here at all. */
export interface QaQuestionView {
  id: string;
  kind: QaQuestionKind;
  text: string;
  status: Extract<QaQuestionStatus, 'open' | 'answered'>;
  votes: number;
  /** Who asked, only when the question is not anonymous. */
  asker?: { id: string; name: string };
  answer: string | null;
  answeredAt: Date | null;
  /** Carried over from an earlier session. */
  carried: boolean;
  /** The known error an error report is linked to. */
  knownError: { id: string; title: string; status: KnownErrorStatus } | null;
  createdAt: Date;
  version: number;
}

export interface QaSessionView {
  id: string;
  conversationId: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  state: QaSessionState;
  anonymousAllowed: boolean;
  pairRole: QaPairRole | null;
  version: number;
  /** The open and answered questions, most votes first, ties oldest first: the first `top`. */
  questions: QaQuestionView[];
  /** How many more there are beyond them. */
  restCount: number;
  counts: { open: number; answered: number; hidden: number; merged: number; errorReports: number; votes: number };
}

/** The card shows at most this many questions by default; the rest are counted. */
export const DEFAULT_TOP = 10;

interface QuestionRow extends Omit<QaQuestionView, 'asker'> {
  askerId: string | null;
  askerName: string | null;
}

/**
 * The session as its card shows it. The asker of an anonymous question is left out by the
 * database query itself (the row never carries it), so no card, log or JSON made from this view
 * can name them.
 */
export async function sessionView(db: DbClient, sessionId: string, options: { top?: number } = {}): Promise<QaSessionView> {
  const top = options.top ?? DEFAULT_TOP;
  const [session] = await sql(db).rows<Omit<QaSessionView, 'questions' | 'restCount' | 'counts'>>`
    SELECT id::text AS id, conversation_id AS "conversationId", title, starts_at AS "startsAt", ends_at AS "endsAt", state::text AS state,
      anonymous_allowed AS "anonymousAllowed", pair_role::text AS "pairRole", version
    FROM qa_session WHERE id = ${sessionId}::uuid`;
  if (!session) throw new AppError(AppErrorCode.NOT_FOUND, { message: `qa_session ${sessionId} does not exist` });
  const [counts] = await sql(db).rows<QaSessionView['counts']>`
    SELECT count(*) FILTER (WHERE q.status = 'open')::int AS open, count(*) FILTER (WHERE q.status = 'answered')::int AS answered,
      count(*) FILTER (WHERE q.status = 'hidden')::int AS hidden, count(*) FILTER (WHERE q.status = 'merged')::int AS merged,
      count(*) FILTER (WHERE q.kind = 'error_report' AND q.status IN ('open', 'answered'))::int AS "errorReports",
      (SELECT count(*) FROM qa_vote v JOIN qa_question vq ON vq.id = v.question_id
       WHERE vq.session_id = ${sessionId}::uuid AND vq.status IN ('open', 'answered'))::int AS votes
    FROM qa_question q WHERE q.session_id = ${sessionId}::uuid`;
  const rows = await sql(db).rows<QuestionRow>`
    SELECT q.id::text AS id, q.kind::text AS kind, q.text, q.status::text AS status,
      (SELECT count(*) FROM qa_vote v WHERE v.question_id = q.id)::int AS votes,
      CASE WHEN q.anonymous THEN NULL ELSE q.asker_id::text END AS "askerId",
      CASE WHEN q.anonymous THEN NULL ELSE p.name END AS "askerName",
      q.answer, q.answered_at AS "answeredAt", q.carried_from_id IS NOT NULL AS carried,
      CASE WHEN k.id IS NULL THEN NULL ELSE json_build_object('id', k.id, 'title', k.title, 'status', k.status) END AS "knownError",
      q.created_at AS "createdAt", q.version
    FROM qa_question q
    JOIN person p ON p.id = q.asker_id
    LEFT JOIN known_error_link l ON l.question_id = q.id
    LEFT JOIN known_error k ON k.id = l.known_error_id
    WHERE q.session_id = ${sessionId}::uuid AND q.status IN ('open', 'answered')
    ORDER BY votes DESC, q.created_at, q.id
    LIMIT ${top}::int`;
  const questions = rows.map(({ askerId, askerName, ...question }): QaQuestionView => ({
    ...question,
    ...(askerId !== null && askerName !== null && { asker: { id: askerId, name: askerName } }),
  }));
  return { ...session, questions, restCount: Math.max(0, counts!.open + counts!.answered - questions.length), counts: counts! };
}

import { sql, type DbClient } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';
import type { RoleKey } from '../people/roles.js';
import type { QaSessionState } from './vocabulary.js';

/**
 * Who moderates any session besides its own moderator (PRODUCT.md §4): first line, and anyone
 * the organisation file gives the `moderator` role.
 */
export const MODERATOR_ROLES = ['arkivet', 'moderator'] as const satisfies readonly RoleKey[];

/** Who acts: their person id, Entra object id (for the audit log) and roles. */
export interface QaModerator {
  personId: string;
  aadObjectId: string;
  roles: readonly RoleKey[];
}

export interface ModeratedSession {
  id: string;
  title: string;
  state: QaSessionState;
  moderatorId: string;
}

/** Whether the person may moderate a session whose moderator is `moderatorId`. */
export function mayModerate(moderatorId: string, person: Pick<QaModerator, 'personId' | 'roles'>): boolean {
  return person.personId === moderatorId || MODERATOR_ROLES.some((role) => person.roles.includes(role));
}

/**
 * The session, when the person may moderate it (FORBIDDEN otherwise; NOT_FOUND when there is no
 * such session). With `questionId`, the question must belong to this session: card data naming a
 * question of another session is refused (FORBIDDEN), whoever sends it.
 */
export async function authoriseModerator(
  db: DbClient,
  input: { sessionId: string; questionId?: string; person: Pick<QaModerator, 'personId' | 'roles'> },
): Promise<ModeratedSession> {
  const [session] = await sql(db).rows<ModeratedSession & { questionSessionId: string | null }>`
    SELECT s.id::text AS id, s.title, s.state::text AS state, s.moderator_id::text AS "moderatorId",
      (SELECT q.session_id::text FROM qa_question q WHERE q.id = ${input.questionId ?? null}::uuid) AS "questionSessionId"
    FROM qa_session s WHERE s.id = ${input.sessionId}::uuid`;
  if (!session) throw new AppError(AppErrorCode.NOT_FOUND, { message: `qa_session ${input.sessionId} does not exist` });
  if (!mayModerate(session.moderatorId, input.person)) {
    throw new AppError(AppErrorCode.FORBIDDEN, { message: `person ${input.person.personId} does not moderate qa_session ${input.sessionId}` });
  }
  if (input.questionId !== undefined && session.questionSessionId !== input.sessionId) {
    throw new AppError(AppErrorCode.FORBIDDEN, { message: `qa_question ${input.questionId} is not a question of qa_session ${input.sessionId}` });
  }
  const { questionSessionId: _ignored, ...moderated } = session;
  return moderated;
}

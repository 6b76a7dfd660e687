import { sql, type DbClient } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';
import { lockQuestion, type LockedQuestion } from '../qa/question-rows.js';
import type { KnownErrorStatus } from './vocabulary.js';

export interface LockedKnownError {
  id: string;
  title: string;
  status: KnownErrorStatus;
  vendorReference: string | null;
  version: number;
}

/** Locks a known error's row for the rest of the transaction. */
export async function lockKnownError(tx: DbClient, knownErrorId: string): Promise<LockedKnownError> {
  const [row] = await sql(tx).rows<LockedKnownError>`
    SELECT id::text AS id, title, status::text AS status, vendor_reference AS "vendorReference", version
    FROM known_error WHERE id = ${knownErrorId}::uuid FOR UPDATE`;
  if (!row) throw new AppError(AppErrorCode.NOT_FOUND, { message: `known_error ${knownErrorId} does not exist` });
  return row;
}

/** Locks a session's error report that is to be linked: a question, a hidden or merged one, is refused. */
export async function lockErrorReport(tx: DbClient, questionId: string): Promise<LockedQuestion> {
  const report = await lockQuestion(tx, questionId);
  if (report.kind !== 'error_report') throw new AppError(AppErrorCode.QA_NOT_ERROR_REPORT, { message: `qa_question ${questionId} is a ${report.kind}` });
  if (report.status === 'hidden' || report.status === 'merged') {
    throw new AppError(AppErrorCode.QA_QUESTION_NOT_OPEN, { message: `qa_question ${questionId} is ${report.status}` });
  }
  return report;
}

/**
 * Links the report to the known error; a report belongs to one known error (the link's unique
 * question_id), so linking it again to the same one changes nothing and to another is CONFLICT.
 */
export async function insertLink(tx: DbClient, input: { knownErrorId: string; questionId: string; linkedById: string; now: Date }): Promise<boolean> {
  const [existing] = await sql(tx).rows<{ knownErrorId: string }>`
    SELECT known_error_id::text AS "knownErrorId" FROM known_error_link WHERE question_id = ${input.questionId}::uuid`;
  if (existing) {
    if (existing.knownErrorId === input.knownErrorId) return false;
    throw new AppError(AppErrorCode.CONFLICT, { message: `qa_question ${input.questionId} is linked to known_error ${existing.knownErrorId} already` });
  }
  await sql(tx).run`
    INSERT INTO known_error_link (id, known_error_id, question_id, linked_by_id, created_at)
    VALUES (gen_random_uuid(), ${input.knownErrorId}::uuid, ${input.questionId}::uuid, ${input.linkedById}::uuid, ${input.now}::timestamptz)`;
  return true;
}

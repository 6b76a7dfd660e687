import { writeAudit } from '../audit.js';
import { sql, type PrismaClient } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';
import { notifyPeople } from '../qa/notify-people.js';
import { enqueueSessionCardUpdate } from '../qa/session-card.js';
import { checkedText, QA_LIMITS, type QaActor } from '../qa/vocabulary.js';
import { lockKnownError } from './known-error-rows.js';
import type { KnownErrorStatus } from './vocabulary.js';

export interface ChangeKnownErrorStatusInput {
  knownErrorId: string;
  /** The version the register's card showed. */
  expectedVersion: number;
  status: KnownErrorStatus;
  /** The vendor's reference; required for «meldt til leverandør» unless the error has one. */
  vendorReference?: string | null;
  actor: QaActor;
  now: Date;
}

/**
 * Changes a known error's status (and vendor reference). When it becomes «rettet», everyone who
 * reported or voted for a linked error report is told in their 1:1 chat, in their language, in
 * the same transaction; answers with how many were told.
 */
export async function changeKnownErrorStatus(prisma: PrismaClient, input: ChangeKnownErrorStatusInput): Promise<{ version: number; told: number }> {
  return prisma.$transaction(async (tx) => {
    const error = await lockKnownError(tx, input.knownErrorId);
    if (error.version !== input.expectedVersion) {
      throw new AppError(AppErrorCode.STALE, { message: `known_error ${input.knownErrorId} is no longer at version ${input.expectedVersion}` });
    }
    const given = input.vendorReference?.trim() ? checkedText(input.vendorReference, QA_LIMITS.vendorReference, 'vendor reference') : null;
    const vendorReference = given ?? error.vendorReference;
    if (input.status === 'meldt_til_leverandor' && !vendorReference) {
      throw new AppError(AppErrorCode.KNOWN_ERROR_VENDOR_REFERENCE_REQUIRED, { message: `known_error ${input.knownErrorId} needs the vendor's reference` });
    }
    const version = error.version + 1;
    await sql(tx).run`
      UPDATE known_error SET status = ${input.status}::"KnownErrorStatus", vendor_reference = ${vendorReference}::text,
        version = version + 1, updated_at = ${input.now}::timestamptz
      WHERE id = ${input.knownErrorId}::uuid`;
    await writeAudit(tx, {
      actor: input.actor.aadObjectId,
      action: 'knownError.statusChanged',
      entity: 'known_error',
      entityId: input.knownErrorId,
      before: { version: error.version, status: error.status, vendorReference: error.vendorReference },
      after: { version, status: input.status, vendorReference },
    });
    let told = 0;
    if (input.status === 'rettet' && error.status !== 'rettet') {
      const people = await sql(tx).rows<{ personId: string }>`
        SELECT q.asker_id::text AS "personId" FROM known_error_link l JOIN qa_question q ON q.id = l.question_id WHERE l.known_error_id = ${input.knownErrorId}::uuid
        UNION
        SELECT v.person_id::text FROM known_error_link l JOIN qa_vote v ON v.question_id = l.question_id WHERE l.known_error_id = ${input.knownErrorId}::uuid`;
      told = await notifyPeople(tx, {
        personIds: people.map((person) => person.personId),
        idempotencyKey: (personId) => `known-error:${input.knownErrorId}:v${version}:fixed:${personId}`,
        text: (t) => t('qa.notify.knownErrorFixed', { title: error.title }),
      });
    }
    // The session cards of its reports show its status in words: keep them current.
    const sessions = await sql(tx).rows<{ id: string }>`
      SELECT DISTINCT q.session_id::text AS id FROM known_error_link l JOIN qa_question q ON q.id = l.question_id
      WHERE l.known_error_id = ${input.knownErrorId}::uuid ORDER BY 1`;
    for (const session of sessions) await enqueueSessionCardUpdate(tx, session.id);
    return { version, told };
  });
}

import { writeAudit } from '../audit.js';
import type { PrismaClient } from '../db.js';
import { enqueueSessionCardUpdate } from '../qa/session-card.js';
import { QA_LIMITS, type QaActor } from '../qa/vocabulary.js';
import { insertKnownError } from './create-known-error.js';
import { insertLink, lockErrorReport } from './known-error-rows.js';

export interface ReportKnownErrorInput {
  /** The session's error report. */
  questionId: string;
  /** The known error's title; by default the report's text, shortened. */
  title?: string;
  /** Its description; by default the report's text. */
  description?: string;
  actor: QaActor;
  now: Date;
}

/** Turns an error report from a spørretime into a known error, linked to it. */
export async function reportKnownError(prisma: PrismaClient, input: ReportKnownErrorInput): Promise<{ knownErrorId: string }> {
  return prisma.$transaction(async (tx) => {
    const report = await lockErrorReport(tx, input.questionId);
    const text = report.text.replace(/\s+/g, ' ');
    const title = input.title ?? (text.length > QA_LIMITS.title ? `${text.slice(0, QA_LIMITS.title - 1)}…` : text);
    const { id } = await insertKnownError(tx, { title, description: input.description ?? report.text, actor: input.actor, now: input.now });
    await insertLink(tx, { knownErrorId: id, questionId: report.id, linkedById: input.actor.personId, now: input.now });
    await writeAudit(tx, { actor: input.actor.aadObjectId, action: 'knownError.linked', entity: 'known_error', entityId: id, after: { questionId: report.id } });
    await enqueueSessionCardUpdate(tx, report.sessionId);
    return { knownErrorId: id };
  });
}

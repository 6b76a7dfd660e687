import { writeAudit } from '../audit.js';
import type { PrismaClient } from '../db.js';
import { enqueueSessionCardUpdate } from '../qa/session-card.js';
import type { QaActor } from '../qa/vocabulary.js';
import { insertLink, lockErrorReport, lockKnownError } from './known-error-rows.js';

/**
 * Links an error report from a spørretime to a known error that is registered already (the same
 * error reported again). Linking it twice to the same one changes nothing.
 */
export async function linkKnownError(
  prisma: PrismaClient,
  input: { questionId: string; knownErrorId: string; actor: QaActor; now: Date },
): Promise<{ linked: boolean }> {
  return prisma.$transaction(async (tx) => {
    await lockKnownError(tx, input.knownErrorId);
    const report = await lockErrorReport(tx, input.questionId);
    const linked = await insertLink(tx, { knownErrorId: input.knownErrorId, questionId: report.id, linkedById: input.actor.personId, now: input.now });
    if (linked) {
      await writeAudit(tx, { actor: input.actor.aadObjectId, action: 'knownError.linked', entity: 'known_error', entityId: input.knownErrorId, after: { questionId: report.id } });
      await enqueueSessionCardUpdate(tx, report.sessionId);
    }
    return { linked };
  });
}

import type { PrismaClient } from '../../db.js';
import { writeAudit } from '../../audit.js';
import type { DecisionFollowUp, ReceiptDecisionInput, WriteResult } from '../port.js';
import { lockOrNotFound } from './change.js';
import { readDecision } from './rows.js';

/** «Kvitter»: the responsible person confirms a decision's follow-up. */
export async function receiptDecision(prisma: PrismaClient, input: ReceiptDecisionInput): Promise<WriteResult<DecisionFollowUp>> {
  return prisma.$transaction(async (tx) => {
    await lockOrNotFound(tx, 'archive_decision', input.decisionId);
    const row = await tx.archiveDecision.findUniqueOrThrow({ where: { id: input.decisionId } });
    if (row.version !== input.expectedVersion || row.receiptedAt !== null) {
      const state = (await readDecision(tx, input.decisionId))!;
      const last = state.receiptedAt ? { action: 'decisionReceipted' as const, by: state.receiptedBy, at: state.receiptedAt } : null;
      return { outcome: 'alreadyDone' as const, state, last };
    }
    await tx.archiveDecision.update({
      where: { id: input.decisionId },
      data: { receiptedAt: input.now, receiptedById: input.actor.id, version: { increment: 1 } },
    });
    await writeAudit(tx, {
      actor: input.actor.aadObjectId,
      action: 'archive.decisionReceipted',
      entity: 'archive_decision',
      entityId: input.decisionId,
      before: { receiptedAt: null },
      after: { receiptedAt: input.now.toISOString(), receiptedById: input.actor.id },
    });
    const state = (await readDecision(tx, input.decisionId))!;
    return { outcome: 'done' as const, state, last: { action: 'decisionReceipted' as const, by: state.receiptedBy, at: input.now } };
  });
}

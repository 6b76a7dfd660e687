import { sql, type PrismaClient } from '../../db.js';
import { AppError, AppErrorCode } from '../../errors.js';
import { writeAudit } from '../../audit.js';
import type { DecisionFollowUp, ReceiptDecisionInput, WriteResult } from '../port.js';
import { readDecision } from './rows.js';

/** «Kvitter»: the responsible person confirms a decision's follow-up. */
export async function receiptDecision(prisma: PrismaClient, input: ReceiptDecisionInput): Promise<WriteResult<DecisionFollowUp>> {
  return prisma.$transaction(async (tx) => {
    const [row] = await sql(tx).rows<{ version: number; receiptedAt: Date | null }>`
      SELECT version, receipted_at AS "receiptedAt" FROM archive_decision WHERE id = ${input.decisionId}::uuid FOR UPDATE`;
    if (!row) throw new AppError(AppErrorCode.NOT_FOUND, { message: `archive_decision ${input.decisionId} does not exist` });
    if (row.version !== input.expectedVersion || row.receiptedAt !== null) {
      const state = (await readDecision(tx, input.decisionId))!;
      const last = state.receiptedAt ? { action: 'decisionReceipted' as const, by: state.receiptedBy, at: state.receiptedAt } : null;
      return { outcome: 'alreadyDone' as const, state, last };
    }
    await sql(tx).run`
      UPDATE archive_decision SET receipted_at = ${input.now}, receipted_by_id = ${input.actor.id}::uuid, version = version + 1
      WHERE id = ${input.decisionId}::uuid`;
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

import { sql, type PrismaClient } from '../../db.js';
import { AppError } from '../../errors.js';
import type { ApprovalOutcome, NotApproveInput, WriteResult } from '../port.js';
import { commentProblem } from '../rules.js';
import { changeStep } from './approval.js';
import { activePerson } from './change.js';

/**
 * «Ikke godkjent», with a required comment: back to the previous step (whoever first sent it to
 * this approver: the leader for the top approver, the caseworker for the leader), or to the
 * person chosen instead. Back with the caseworker it is
 * a draft again (R; a saksframlegg SU); with an earlier approver it waits for them again.
 */
export async function notApproveStep(prisma: PrismaClient, input: NotApproveInput): Promise<WriteResult<ApprovalOutcome>> {
  const problem = commentProblem(input.comment);
  if (problem) throw new AppError(problem, { message: `not approving step ${input.stepId} needs a comment` });
  const comment = input.comment.trim();
  return changeStep(prisma, input, async (tx, step, entry) => {
    const stepsOfChain = await sql(tx).rows<{ approverId: string; senderId: string }>`
      SELECT approver_id::text AS "approverId", sender_id::text AS "senderId" FROM archive_approval_step
      WHERE entry_id = ${step.entryId}::uuid AND chain = ${step.chain} ORDER BY "order"`;
    const firstSender = stepsOfChain[0]?.senderId ?? step.senderId;
    // The previous step is whoever first sent it to this approver: a leader returning what came
    // back from the top approver sends it on down to the caseworker, not up again.
    const previous = stepsOfChain.find((earlier) => earlier.approverId === step.approverId)?.senderId ?? step.senderId;
    const returnTo = input.returnToId ?? previous;
    if (input.returnToId) await activePerson(tx, input.returnToId);
    const backToCaseworker = returnTo === entry.caseworkerId || returnTo === firstSender;
    const saksframlegg = entry.type === 'S' ? { behandlingsstatus: 'SU' } : {};
    if (backToCaseworker) return { flytstatus: 'I', comment, entryData: { status: 'R', ...saksframlegg, ...(returnTo !== entry.caseworkerId ? { caseworkerId: returnTo } : {}) } };
    return { flytstatus: 'I', comment, entryData: { ...saksframlegg }, next: { approverId: returnTo, merknad: comment } };
  });
}

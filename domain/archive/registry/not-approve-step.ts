import type { PrismaClient } from '../../db.js';
import { AppError } from '../../errors.js';
import type { ApprovalOutcome, NotApproveInput, WriteResult } from '../port.js';
import { commentProblem } from '../rules.js';
import { changeStep } from './approval.js';
import { activePerson } from './change.js';

/**
 * «Ikke godkjent», with a required comment: back to the previous step (the approver before, or
 * the sender of the first step), or to the person chosen instead. Back with the caseworker it is
 * a draft again (R; a saksframlegg SU); with an earlier approver it waits for them again.
 */
export async function notApproveStep(prisma: PrismaClient, input: NotApproveInput): Promise<WriteResult<ApprovalOutcome>> {
  const problem = commentProblem(input.comment);
  if (problem) throw new AppError(problem, { message: `not approving step ${input.stepId} needs a comment` });
  const comment = input.comment.trim();
  return changeStep(prisma, input, async (tx, step, entry) => {
    const previous =
      step.order > 1 ? await tx.archiveApprovalStep.findFirst({ where: { entryId: step.entryId, chain: step.chain, order: step.order - 1 }, select: { approverId: true } }) : null;
    const firstSender =
      (await tx.archiveApprovalStep.findFirst({ where: { entryId: step.entryId, chain: step.chain, order: 1 }, select: { senderId: true } }))?.senderId ?? step.senderId;
    const returnTo = input.returnToId ?? previous?.approverId ?? firstSender;
    if (input.returnToId) await activePerson(tx, input.returnToId);
    const backToCaseworker = returnTo === entry.caseworkerId || returnTo === firstSender;
    const saksframlegg = entry.type === 'S' ? { behandlingsstatus: 'SU' } : {};
    if (backToCaseworker) return { flytstatus: 'I', comment, entryData: { status: 'R', ...saksframlegg, ...(returnTo !== entry.caseworkerId ? { caseworkerId: returnTo } : {}) } };
    return { flytstatus: 'I', comment, entryData: { ...saksframlegg }, next: { approverId: returnTo, merknad: comment } };
  });
}

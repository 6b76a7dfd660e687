import type { PrismaClient } from '../../db.js';
import { AppError, AppErrorCode } from '../../errors.js';
import type { ApprovalOutcome, StepWrite, WriteResult } from '../port.js';
import { changeStep, findTopApprover, isTopApprover } from './approval.js';

/**
 * «Godkjent». A document goes back to its caseworker approved (journalstatus G) for dispatch. A
 * saksframlegg (S) approved by a leader becomes RE/G and goes on to the top approver; approved by
 * the top approver it becomes KL/F, ready for the political meeting queue.
 */
export async function approveStep(prisma: PrismaClient, input: StepWrite): Promise<WriteResult<ApprovalOutcome>> {
  return changeStep(prisma, input, async (tx, step, entry) => {
    if (entry.type !== 'S') return { flytstatus: 'G', entryData: { status: 'G' } };
    if (await isTopApprover(tx, step.approverId)) return { flytstatus: 'G', entryData: { status: 'F', behandlingsstatus: 'KL' } };
    const topApprover = await findTopApprover(tx);
    if (!topApprover) throw new AppError(AppErrorCode.ARCHIVE_NO_TOP_APPROVER, { message: 'no person holds the toppgodkjenner role' });
    return { flytstatus: 'G', entryData: { status: 'G', behandlingsstatus: 'RE' }, next: { approverId: topApprover, merknad: step.merknad } };
  });
}

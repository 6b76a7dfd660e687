import type { PrismaClient } from '../../db.js';
import { AppError, AppErrorCode } from '../../errors.js';
import type { ApprovalOutcome, ForwardInput, WriteResult } from '../port.js';
import { changeStep } from './approval.js';
import { activePerson } from './change.js';

/** «Send videre til godkjenning»: this step is passed on (S) and the next approver's step waits. */
export async function forwardStep(prisma: PrismaClient, input: ForwardInput): Promise<WriteResult<ApprovalOutcome>> {
  return changeStep(prisma, input, async (tx, step) => {
    await activePerson(tx, input.nextApproverId);
    if (input.nextApproverId === step.approverId) {
      throw new AppError(AppErrorCode.INVALID_INPUT, { message: `step ${step.id} cannot be forwarded to its own approver` });
    }
    return { flytstatus: 'S', next: { approverId: input.nextApproverId, merknad: input.merknad?.trim() || step.merknad } };
  });
}

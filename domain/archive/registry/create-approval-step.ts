import type { DbClient } from '../../db.js';
import { writeAudit } from '../../audit.js';
import { AppError, AppErrorCode } from '../../errors.js';
import { FLYTSTATUSER, isOneOf, type Flytstatus } from '../vocabulary.js';
import { asJson } from './change.js';

/** One step of an approval chain, as the import and the demo generator give it. */
export interface NewApprovalStep {
  entryId: string;
  /** Default 1. */
  chain?: number;
  /** Default: after the last step of the chain. */
  order?: number;
  approverId: string;
  /** The caseworker, or the approver of the step before. */
  senderId: string;
  /** Default V (waiting). */
  flytstatus?: Flytstatus;
  merknad?: string | null;
  comment?: string | null;
  decidedAt?: Date | null;
  decidedById?: string | null;
}

/** Stores an approval step (a chain is its steps in order; the waiting one has flytstatus V). */
export async function createApprovalStep(db: DbClient, input: NewApprovalStep, options: { actor: string; now: Date }): Promise<{ id: string; order: number }> {
  if (input.flytstatus !== undefined && !isOneOf(FLYTSTATUSER, input.flytstatus)) {
    throw new AppError(AppErrorCode.INVALID_INPUT, { message: `${String(input.flytstatus)} is no flytstatus` });
  }
  const chain = input.chain ?? 1;
  const order =
    input.order ?? ((await db.archiveApprovalStep.aggregate({ where: { entryId: input.entryId, chain }, _max: { order: true } }))._max.order ?? 0) + 1;
  const flytstatus = input.flytstatus ?? 'V';
  const data = {
    entryId: input.entryId,
    chain,
    order,
    approverId: input.approverId,
    senderId: input.senderId,
    flytstatus,
    merknad: input.merknad ?? null,
    comment: input.comment ?? null,
    decidedAt: flytstatus === 'V' ? null : (input.decidedAt ?? options.now),
    decidedById: flytstatus === 'V' ? null : (input.decidedById ?? input.approverId),
  };
  const created = await db.archiveApprovalStep.create({ data, select: { id: true } });
  await writeAudit(db, { actor: options.actor, action: 'archive.stepCreated', entity: 'archive_approval_step', entityId: created.id, after: asJson(data) });
  return { id: created.id, order };
}

/**
 * What the three approval decisions share: lock the step and its entry, compare the step's
 * version and flytstatus (only a waiting step, V, can be decided), decide, record the decision on
 * the step, change the entry, start the next step if any, audit, and answer with the outcome.
 */
import type { Prisma, PrismaClient } from '../../db.js';
import { writeAudit } from '../../audit.js';
import type { ApprovalOutcome, ArchiveAction, LastChange, StepWrite, WriteResult } from '../port.js';
import type { Flytstatus } from '../vocabulary.js';
import { asJson, lockOrNotFound } from './change.js';
import { readEntry, readStep } from './rows.js';

type Tx = Prisma.TransactionClient;
export type StepRecord = Awaited<ReturnType<Tx['archiveApprovalStep']['findUniqueOrThrow']>>;
export type EntryRecord = Awaited<ReturnType<Tx['archiveEntry']['findUniqueOrThrow']>>;

export interface StepDecision {
  flytstatus: Exclude<Flytstatus, 'V'>;
  comment?: string | null;
  entryData?: Prisma.ArchiveEntryUncheckedUpdateInput;
  /** The step that waits next: its approver and the merknad they read. */
  next?: { approverId: string; merknad: string | null } | null;
}

const ACTION_OF: Record<Exclude<Flytstatus, 'V'>, ArchiveAction> = { G: 'approved', I: 'notApproved', S: 'forwarded' };

async function outcomeOf(tx: Tx, step: StepRecord, nextId?: string): Promise<ApprovalOutcome> {
  const next = nextId
    ? await readStep(tx, nextId)
    : await tx.archiveApprovalStep
        .findFirst({ where: { entryId: step.entryId, flytstatus: 'V', id: { not: step.id } }, orderBy: [{ chain: 'desc' }, { order: 'desc' }], select: { id: true } })
        .then((found) => (found ? readStep(tx, found.id) : null));
  return { step: (await readStep(tx, step.id))!, entry: (await readEntry(tx, step.entryId))!, next };
}

export async function changeStep(
  prisma: PrismaClient,
  input: StepWrite,
  decide: (tx: Tx, step: StepRecord, entry: EntryRecord) => Promise<StepDecision>,
): Promise<WriteResult<ApprovalOutcome>> {
  return prisma.$transaction(async (tx) => {
    await lockOrNotFound(tx, 'archive_approval_step', input.stepId);
    const step = await tx.archiveApprovalStep.findUniqueOrThrow({ where: { id: input.stepId } });
    await lockOrNotFound(tx, 'archive_entry', step.entryId);
    if (step.version !== input.expectedVersion || step.flytstatus !== 'V') {
      const state = await outcomeOf(tx, step);
      const last: LastChange | null =
        step.flytstatus !== 'V' && state.step.decidedAt
          ? { action: ACTION_OF[step.flytstatus as Exclude<Flytstatus, 'V'>], by: state.step.decidedBy, at: state.step.decidedAt }
          : null;
      return { outcome: 'alreadyDone' as const, state, last };
    }
    const entry = await tx.archiveEntry.findUniqueOrThrow({ where: { id: step.entryId } });
    const decision = await decide(tx, step, entry);
    const action = ACTION_OF[decision.flytstatus];

    await tx.archiveApprovalStep.update({
      where: { id: step.id },
      data: { flytstatus: decision.flytstatus, comment: decision.comment ?? null, decidedAt: input.now, decidedById: input.actor.id, version: { increment: 1 } },
    });
    if (decision.entryData) {
      await tx.archiveEntry.update({
        where: { id: entry.id },
        data: { ...decision.entryData, version: { increment: 1 }, lastAction: action, lastActorId: input.actor.id, lastChangedAt: input.now },
      });
    }
    let nextId: string | undefined;
    if (decision.next) {
      const last = await tx.archiveApprovalStep.aggregate({ where: { entryId: step.entryId, chain: step.chain }, _max: { order: true } });
      nextId = (
        await tx.archiveApprovalStep.create({
          data: {
            entryId: step.entryId,
            chain: step.chain,
            order: (last._max.order ?? step.order) + 1,
            approverId: decision.next.approverId,
            senderId: input.actor.id,
            merknad: decision.next.merknad,
          },
          select: { id: true },
        })
      ).id;
    }
    await writeAudit(tx, {
      actor: input.actor.aadObjectId,
      action: `archive.${action}`,
      entity: 'archive_approval_step',
      entityId: step.id,
      before: { flytstatus: 'V' },
      after: asJson({ flytstatus: decision.flytstatus, comment: decision.comment ?? null, entry: decision.entryData ?? null, nextStepId: nextId ?? null, nextApproverId: decision.next?.approverId ?? null }),
    });
    const state = await outcomeOf(tx, step, nextId);
    return { outcome: 'done' as const, state, last: { action, by: state.step.decidedBy, at: input.now } };
  });
}

/** Holds the toppgodkjenner role (kommunedirektør / rådmann). */
export async function isTopApprover(tx: Tx, personId: string): Promise<boolean> {
  return (await tx.roleAssignment.count({ where: { personId, role: 'toppgodkjenner' } })) > 0;
}

/** The organisation's top approver (the first by name if there are several). */
export async function findTopApprover(tx: Tx): Promise<string | null> {
  const found = await tx.roleAssignment.findFirst({ where: { role: 'toppgodkjenner', person: { active: true } }, orderBy: { person: { name: 'asc' } }, select: { personId: true } });
  return found?.personId ?? null;
}

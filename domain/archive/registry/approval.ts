/**
 * What the three approval decisions share: lock the step and its entry, compare the step's
 * version and flytstatus (only a waiting step, V, can be decided), decide, record the decision on
 * the step, change the entry, start the next step if any, audit, and answer with the outcome.
 */
import { sql, type Prisma, type PrismaClient } from '../../db.js';
import { writeAudit } from '../../audit.js';
import { AppError, AppErrorCode } from '../../errors.js';
import type { ApprovalOutcome, ArchiveAction, LastChange, StepWrite, WriteResult } from '../port.js';
import type { Flytstatus } from '../vocabulary.js';
import { asJson, entryForWrite, updateEntry, type EntryChanges, type EntryForWrite } from './change.js';
import { readEntry, readStep } from './rows.js';

type Tx = Prisma.TransactionClient;

/** A step's row as a decision sees it, read and locked in one statement. */
export interface LockedStep {
  id: string;
  entryId: string;
  chain: number;
  order: number;
  approverId: string;
  senderId: string;
  flytstatus: Flytstatus;
  merknad: string | null;
  version: number;
}

export interface StepDecision {
  flytstatus: Exclude<Flytstatus, 'V'>;
  comment?: string | null;
  entryData?: EntryChanges;
  /** The step that waits next: its approver and the merknad they read. */
  next?: { approverId: string; merknad: string | null } | null;
}

const ACTION_OF: Record<Exclude<Flytstatus, 'V'>, ArchiveAction> = { G: 'approved', I: 'notApproved', S: 'forwarded' };

async function outcomeOf(tx: Tx, step: LockedStep, nextId?: string): Promise<ApprovalOutcome> {
  const waiting =
    nextId ??
    (
      await sql(tx).rows<{ id: string }>`
        SELECT id::text AS "id" FROM archive_approval_step
        WHERE entry_id = ${step.entryId}::uuid AND flytstatus = 'V' AND id <> ${step.id}::uuid
        ORDER BY chain DESC, "order" DESC LIMIT 1`
    )[0]?.id;
  return { step: (await readStep(tx, step.id))!, entry: (await readEntry(tx, step.entryId))!, next: waiting ? await readStep(tx, waiting) : null };
}

export async function changeStep(
  prisma: PrismaClient,
  input: StepWrite,
  decide: (tx: Tx, step: LockedStep, entry: EntryForWrite) => Promise<StepDecision>,
): Promise<WriteResult<ApprovalOutcome>> {
  return prisma.$transaction(async (tx) => {
    const [step] = await sql(tx).rows<LockedStep>`
      SELECT id::text AS "id", entry_id::text AS "entryId", chain, "order", approver_id::text AS "approverId", sender_id::text AS "senderId",
        flytstatus, merknad, version
      FROM archive_approval_step WHERE id = ${input.stepId}::uuid FOR UPDATE`;
    if (!step) throw new AppError(AppErrorCode.NOT_FOUND, { message: `archive_approval_step ${input.stepId} does not exist` });
    const entry = await entryForWrite(tx, step.entryId);
    if (step.version !== input.expectedVersion || step.flytstatus !== 'V') {
      const state = await outcomeOf(tx, step);
      const last: LastChange | null =
        step.flytstatus !== 'V' && state.step.decidedAt ? { action: ACTION_OF[step.flytstatus], by: state.step.decidedBy, at: state.step.decidedAt } : null;
      return { outcome: 'alreadyDone' as const, state, last };
    }
    const decision = await decide(tx, step, entry);
    const action = ACTION_OF[decision.flytstatus];

    await sql(tx).run`
      UPDATE archive_approval_step SET flytstatus = ${decision.flytstatus}, comment = ${decision.comment ?? null}, decided_at = ${input.now},
        decided_by_id = ${input.actor.id}::uuid, version = version + 1
      WHERE id = ${step.id}::uuid`;
    if (decision.entryData) await updateEntry(tx, entry.id, decision.entryData, action, input);
    let nextId: string | undefined;
    if (decision.next) {
      const [created] = await sql(tx).rows<{ id: string }>`
        INSERT INTO archive_approval_step (id, entry_id, chain, "order", approver_id, sender_id, merknad)
        SELECT gen_random_uuid(), ${step.entryId}::uuid, ${step.chain}, coalesce(max("order"), 0) + 1, ${decision.next.approverId}::uuid,
          ${input.actor.id}::uuid, ${decision.next.merknad}
        FROM archive_approval_step WHERE entry_id = ${step.entryId}::uuid AND chain = ${step.chain}
        RETURNING id::text AS "id"`;
      nextId = created!.id;
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
  const found = await sql(tx).rows<{ one: number }>`SELECT 1 AS "one" FROM role_assignment WHERE person_id = ${personId}::uuid AND role = 'toppgodkjenner' LIMIT 1`;
  return found.length > 0;
}

/** The organisation's top approver (the first by name if there are several). */
export async function findTopApprover(tx: Tx): Promise<string | null> {
  const [found] = await sql(tx).rows<{ id: string }>`
    SELECT p.id::text AS "id" FROM role_assignment r JOIN person p ON p.id = r.person_id
    WHERE r.role = 'toppgodkjenner' AND p.active ORDER BY p.name, p.id LIMIT 1`;
  return found?.id ?? null;
}

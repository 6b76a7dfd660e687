import type { AccessDecision, ApprovalStep, ArchiveActor, ArchiveCase, ArchiveEntry, ArchivePort, DecisionFollowUp, LastChange, PersonRef, WriteResult } from '../archive/port.js';
import type { Avskrivningsmate, IsoDate } from '../archive/vocabulary.js';
import { AppError, AppErrorCode } from '../errors.js';
import type { DailyActionKind } from './daily-view.js';
import type { DailyContext, DailyRights } from './daily-context.js';

type Versioned = { version: number };
type OnEntry = Versioned & { entryId: string };

/** One action of the daily card, with what its form asked for (card data, already validated for shape). */
export type DailyActRequest =
  | (OnEntry & { kind: 'fordel' | 'omfordel'; subUnitId: string | null; caseworkerId: string })
  | (OnEntry & { kind: 'feilEnhet' | 'feilSaksbehandler' | 'journalfor' | 'offentlig' })
  | (OnEntry & { kind: 'avskriv'; method: Avskrivningsmate; replyNumber?: string | null })
  | (OnEntry & { kind: 'settForfallsdato'; dueDate: IsoDate })
  | (OnEntry & { kind: 'unnta'; decision: Extract<AccessDecision, { kind: 'unnta' }> })
  | (Versioned & { kind: 'nyObsDato'; caseId: string; obsDate: IsoDate })
  | (Versioned & { kind: 'kvitter'; decisionId: string })
  | (Versioned & { kind: 'godkjent'; stepId: string })
  | (Versioned & { kind: 'ikkeGodkjent'; stepId: string; comment: string; returnToId?: string | null })
  | (Versioned & { kind: 'sendVidere'; stepId: string; nextApproverId: string; merknad?: string | null });

/** What the card acts on, as the archive has it now. */
export type DailyTarget =
  | { type: 'entry'; entry: ArchiveEntry }
  | { type: 'case'; kase: ArchiveCase }
  | { type: 'step'; step: ApprovalStep }
  | { type: 'decision'; decision: DecisionFollowUp };

export type DailyTargetRef = { entryId: string } | { caseId: string } | { stepId: string } | { decisionId: string };

/** What the card says afterwards: done now, or done before (by whom, when), and to whom it went. */
export interface DailyActOutcome {
  kind: DailyActionKind;
  outcome: 'done' | 'alreadyDone';
  /** Journalpostnummer or saksnummer of what was acted on. */
  number: string;
  last: LastChange | null;
  /** Where it went: the caseworker an entry is with now, or the approver a step waits for next. */
  to: PersonRef | null;
}

export interface DailyActContext {
  actor: ArchiveActor;
  now: Date;
  /**
   * The person's day, settings and rights (dailyContext: who stands in for whom is decided for
   * the organisation's day), being read while the action reads what it is about.
   */
  daily: Promise<DailyContext>;
}

/** Reads what a card action is about (unknown: NOT_FOUND) and checks the person may do it (else FORBIDDEN). */
export async function authorisedTarget(
  archive: ArchivePort,
  context: DailyActContext,
  kind: DailyActionKind,
  ref: DailyTargetRef,
): Promise<{ target: DailyTarget; rights: DailyRights }> {
  const [target, { rights }] = await Promise.all([readTarget(archive, ref), context.daily]);
  if (!target) throw new AppError(AppErrorCode.NOT_FOUND, { message: `daily action ${kind}: ${JSON.stringify(ref)} does not exist` });
  if (!mayAct(rights, kind, target)) {
    throw new AppError(AppErrorCode.FORBIDDEN, { message: `person ${context.actor.id} may not ${kind} ${JSON.stringify(ref)}` });
  }
  return { target, rights };
}

async function readTarget(archive: ArchivePort, ref: DailyTargetRef): Promise<DailyTarget | null> {
  if ('entryId' in ref) {
    const [entry] = await archive.entriesById([ref.entryId]);
    return entry ? { type: 'entry', entry } : null;
  }
  if ('caseId' in ref) {
    const [kase] = await archive.casesById([ref.caseId]);
    return kase ? { type: 'case', kase } : null;
  }
  if ('stepId' in ref) {
    const [step] = await archive.stepsById([ref.stepId]);
    return step ? { type: 'step', step } : null;
  }
  const [decision] = await archive.decisionsById([ref.decisionId]);
  return decision ? { type: 'decision', decision } : null;
}

const actsForEntry = (rights: DailyRights, entry: ArchiveEntry) => rights.actsForUnit(entry.unitId) || rights.actsForUnit(entry.subUnitId);
const ownEntry = (rights: DailyRights, entry: ArchiveEntry) => entry.caseworker?.id === rights.personId;

/**
 * Who may do what (PRODUCT.md §3): a leader (or the deputy standing in today) on their units'
 * entries; a caseworker on their own; an approver (or their deputy) on their steps; the archive
 * registers finally and enters due dates.
 */
export function mayAct(rights: DailyRights, kind: DailyActionKind, target: DailyTarget): boolean {
  switch (kind) {
    case 'fordel':
    case 'omfordel':
    case 'feilEnhet':
      return target.type === 'entry' && actsForEntry(rights, target.entry);
    case 'feilSaksbehandler':
      return target.type === 'entry' && ownEntry(rights, target.entry);
    case 'avskriv':
    case 'offentlig':
    case 'unnta':
      return target.type === 'entry' && (ownEntry(rights, target.entry) || actsForEntry(rights, target.entry));
    case 'settForfallsdato':
      return target.type === 'entry' && (ownEntry(rights, target.entry) || actsForEntry(rights, target.entry) || rights.isArchive);
    case 'journalfor':
      return target.type === 'entry' && rights.isArchive;
    case 'nyObsDato':
      return target.type === 'case' && (target.kase.saksansvarlig?.id === rights.personId || rights.actsForUnit(target.kase.unitId));
    case 'kvitter':
      return target.type === 'decision' && target.decision.responsible.id === rights.personId;
    case 'godkjent':
    case 'ikkeGodkjent':
    case 'sendVidere':
      return target.type === 'step' && rights.decidesFor(target.step.approver.id);
  }
}

export const targetRefOf = (request: DailyActRequest): DailyTargetRef =>
  'entryId' in request
    ? { entryId: request.entryId }
    : 'caseId' in request
      ? { caseId: request.caseId }
      : 'stepId' in request
        ? { stepId: request.stepId }
        : { decisionId: request.decisionId };

/** The number a person knows the target by. */
export function targetNumber(target: DailyTarget): string {
  switch (target.type) {
    case 'entry':
      return target.entry.number;
    case 'case':
      return target.kase.number;
    case 'step':
      return target.step.entry.number;
    case 'decision':
      return target.decision.entryNumber ?? target.decision.caseNumber;
  }
}

/**
 * Acts on one item of the daily card: authorised on the server (whatever the card said), then
 * one write through the archive port, which compares the version the card showed: a stale card,
 * a second click, or the leader and the deputy at once change nothing twice, and the one too
 * late learns who did what when. The registry audits every change with the change itself.
 */
export async function actOnDailyCard(archive: ArchivePort, context: DailyActContext, request: DailyActRequest): Promise<DailyActOutcome> {
  const { target } = await authorisedTarget(archive, context, request.kind, targetRefOf(request));
  const base = { actor: context.actor, expectedVersion: request.version, now: context.now };
  const entryOutcome = (result: WriteResult<ArchiveEntry>): DailyActOutcome => ({
    kind: request.kind,
    outcome: result.outcome,
    number: result.state.number,
    last: result.last,
    to: result.state.caseworker,
  });

  switch (request.kind) {
    case 'fordel':
    case 'omfordel': {
      const entry = (target as Extract<DailyTarget, { type: 'entry' }>).entry;
      // A leader distributes within the entry's own unit: «Feil enhet» is the way to another.
      const unitId = entry.unitId;
      if (unitId === null) throw new AppError(AppErrorCode.ARCHIVE_WRONG_STATUS, { message: `entry ${entry.id} has no unit` });
      const input = { ...base, entryId: request.entryId, unitId, subUnitId: request.subUnitId, caseworkerId: request.caseworkerId };
      return entryOutcome(request.kind === 'fordel' ? await archive.distribute(input) : await archive.redistribute(input));
    }
    case 'feilEnhet':
      return entryOutcome(await archive.returnToArchive({ ...base, entryId: request.entryId }));
    case 'feilSaksbehandler':
      return entryOutcome(await archive.returnToLeader({ ...base, entryId: request.entryId }));
    case 'journalfor':
      return entryOutcome(await archive.registerFinally({ ...base, entryId: request.entryId }));
    case 'offentlig':
      return entryOutcome(await archive.decideAccess({ ...base, entryId: request.entryId, decision: { kind: 'offentlig' } }));
    case 'unnta':
      return entryOutcome(await archive.decideAccess({ ...base, entryId: request.entryId, decision: request.decision }));
    case 'avskriv':
      return entryOutcome(await archive.writeOff({ ...base, entryId: request.entryId, method: request.method, replyNumber: request.replyNumber ?? null }));
    case 'settForfallsdato':
      return entryOutcome(await archive.setDueDate({ ...base, entryId: request.entryId, dueDate: request.dueDate }));
    case 'nyObsDato': {
      const result = await archive.setObsDate({ ...base, caseId: request.caseId, obsDate: request.obsDate });
      return { kind: request.kind, outcome: result.outcome, number: result.state.number, last: result.last, to: null };
    }
    case 'kvitter': {
      const result = await archive.receiptDecision({ ...base, decisionId: request.decisionId });
      return { kind: request.kind, outcome: result.outcome, number: targetNumber({ type: 'decision', decision: result.state }), last: result.last, to: null };
    }
    case 'godkjent':
    case 'ikkeGodkjent':
    case 'sendVidere': {
      const step = { ...base, stepId: request.stepId };
      const result =
        request.kind === 'godkjent'
          ? await archive.approve(step)
          : request.kind === 'ikkeGodkjent'
            ? await archive.notApprove({ ...step, comment: request.comment, returnToId: request.returnToId ?? null })
            : await archive.forward({ ...step, nextApproverId: request.nextApproverId, merknad: request.merknad ?? null });
      const { next, entry } = result.state;
      return { kind: request.kind, outcome: result.outcome, number: entry.number, last: result.last, to: next?.approver ?? entry.caseworker };
    }
  }
}

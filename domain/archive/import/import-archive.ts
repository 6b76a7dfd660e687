import { writeAudit } from '../../audit.js';
import { sql, type DbClient, type Prisma, type PrismaClient } from '../../db.js';
import { analyzeRegistry } from '../registry/analyze-registry.js';
import { createApprovalStep } from '../registry/create-approval-step.js';
import { createCase } from '../registry/create-case.js';
import { createDecision, decisionNumbers } from '../registry/create-decision.js';
import { createEntry } from '../registry/create-entry.js';
import { asJson, dateColumn } from '../registry/change.js';
import type { ArchiveDirectory, ArchiveFile, ImportCase, ImportDecision, ImportEntry, ImportStep } from './archive-file.js';

type Tx = Prisma.TransactionClient;

export interface ImportArchiveOptions {
  /** Who the audit log names: `archive-import`, `demo-data`, or a person's aadObjectId. */
  actor: string;
  now: Date;
}

export interface ArchiveCounts {
  cases: number;
  entries: number;
  approvalSteps: number;
  decisions: number;
}

export interface ArchiveImportSummary {
  created: ArchiveCounts;
  updated: ArchiveCounts;
}

const zero = (): ArchiveCounts => ({ cases: 0, entries: 0, approvalSteps: 0, decisions: 0 });

// Any constant; only two imports at once have to agree on it.
const ARCHIVE_IMPORT_LOCK = 727_274_108;

/**
 * The organisation as the archive file refers to it: every person by e-mail and aadObjectId
 * (lower case), every unit by code with its parent.
 */
export async function loadArchiveDirectory(db: DbClient): Promise<ArchiveDirectory> {
  const [people, units] = await Promise.all([
    db.person.findMany({ select: { id: true, email: true, aadObjectId: true } }),
    db.unit.findMany({ select: { id: true, code: true, parentId: true } }),
  ]);
  const byRef = new Map<string, { id: string }>();
  for (const person of people) {
    byRef.set(person.email.toLowerCase(), { id: person.id });
    byRef.set(person.aadObjectId.toLowerCase(), { id: person.id });
  }
  const byCode = new Map(units.map((unit) => [unit.code, { id: unit.id, parentId: unit.parentId }]));
  return { person: (ref) => byRef.get(ref.toLowerCase()), unit: (code) => byCode.get(code) };
}

/**
 * Makes the registry hold what the archive file says, all or nothing, in one transaction. Cases
 * are keyed by saksnummer, entries by journalpostnummer, approval steps by entry, chain and place
 * in the chain, decisions by case and title: what exists is updated where the file differs (its
 * version raised, so an older card sees the change), what is new is created through the
 * registry's create helpers. Nothing the file leaves out is deleted. Every change is audited.
 */
export async function importArchive(prisma: PrismaClient, file: ArchiveFile, options: ImportArchiveOptions): Promise<ArchiveImportSummary> {
  const summary = await prisma.$transaction(
    async (tx) => {
      await sql(tx).run`SELECT pg_advisory_xact_lock(${ARCHIVE_IMPORT_LOCK})`;
      const summary: ArchiveImportSummary = { created: zero(), updated: zero() };
      for (const kase of file.cases) await importCase(tx, kase, options, summary);
      return summary;
    },
    { maxWait: 30_000, timeout: 300_000 },
  );
  // A registry just filled or changed in bulk: the planner's statistics now, not when autovacuum comes by.
  if ([summary.created, summary.updated].some((counts) => Object.values(counts).some((count) => count > 0))) await analyzeRegistry(prisma);
  return summary;
}

type Fields = Record<string, unknown>;

/** The fields of `wanted` that differ from `current` (dates compared as days), or null. */
function changes(current: Fields, wanted: Fields): { before: Fields; after: Fields } | null {
  const before: Fields = {};
  const after: Fields = {};
  for (const [key, value] of Object.entries(wanted)) {
    const norm = (v: unknown) => JSON.stringify(v instanceof Date ? v.toISOString() : (v ?? null));
    if (norm(current[key]) === norm(value)) continue;
    before[key] = current[key] ?? null;
    after[key] = value;
  }
  return Object.keys(after).length > 0 ? { before, after } : null;
}

async function audited(tx: Tx, options: ImportArchiveOptions, action: string, entity: string, entityId: string, diff: { before: Fields; after: Fields }) {
  await writeAudit(tx, { actor: options.actor, action, entity, entityId, before: asJson(diff.before), after: asJson(diff.after) });
}

const day = (date: string | null) => (date === null ? null : dateColumn(date));
/** A receipt given as a day is stored at noon UTC of that day, so it stays on that day in Norway. */
const noon = (date: string | null) => (date === null ? null : new Date(`${date}T12:00:00Z`));

async function importCase(tx: Tx, kase: ImportCase, options: ImportArchiveOptions, summary: ArchiveImportSummary): Promise<void> {
  const wanted = {
    title: kase.title,
    publicTitle: kase.publicTitle,
    status: kase.status,
    unitId: kase.unitId,
    saksansvarligId: kase.saksansvarligId,
    obsDate: day(kase.obsDate),
    enkeltvedtak: kase.enkeltvedtak,
  };
  const existing = await tx.archiveCase.findUnique({ where: { year_sequence: { year: kase.year, sequence: kase.sequence } } });
  let caseId: string;
  if (!existing) {
    caseId = (await createCase(tx, { ...wanted, number: kase.number, obsDate: kase.obsDate }, options)).id;
    summary.created.cases += 1;
  } else {
    caseId = existing.id;
    const diff = changes(existing, wanted);
    if (diff) {
      await tx.archiveCase.update({ where: { id: caseId }, data: { ...diff.after, version: { increment: 1 }, lastChangedAt: options.now } });
      // Its entries carry whether it is about an enkeltvedtak (the daily card's § 11 a warning reads it there).
      if ('enkeltvedtak' in diff.after) await tx.archiveEntry.updateMany({ where: { caseId }, data: { caseEnkeltvedtak: kase.enkeltvedtak } });
      await audited(tx, options, 'archive.caseUpdated', 'archive_case', caseId, diff);
      summary.updated.cases += 1;
    }
  }

  const stored = await tx.archiveEntry.findMany({ where: { caseId } });
  const bySequence = new Map(stored.map((entry) => [entry.sequence, entry]));
  const idByNumber = new Map(stored.map((entry) => [`${kase.number}-${entry.sequence}`, entry.id]));
  for (const entry of kase.entries) {
    const entryId = await importEntry(tx, caseId, entry, bySequence.get(entry.sequence), idByNumber, options, summary);
    idByNumber.set(entry.number, entryId);
    await importSteps(tx, entryId, entry.approvals, options, summary);
  }
  await importDecisions(tx, caseId, kase.decisions, idByNumber, options, summary);
}

async function importEntry(
  tx: Tx,
  caseId: string,
  entry: ImportEntry,
  existing: Awaited<ReturnType<Tx['archiveEntry']['findFirst']>> | undefined,
  idByNumber: Map<string, string>,
  options: ImportArchiveOptions,
  summary: ArchiveImportSummary,
): Promise<string> {
  const replyId = entry.writeOff?.replyNumber ? (idByNumber.get(entry.writeOff.replyNumber) ?? null) : null;
  if (!existing) {
    const created = await createEntry(
      tx,
      {
        caseId,
        sequence: entry.sequence,
        title: entry.title,
        publicTitle: entry.publicTitle,
        type: entry.type,
        status: entry.status,
        unitId: entry.unitId,
        subUnitId: entry.subUnitId,
        caseworkerId: entry.caseworkerId,
        receivedDate: entry.receivedDate,
        dueDate: entry.dueDate,
        needsDueDate: entry.needsDueDate,
        accessCode: entry.accessCode,
        legalBasis: entry.legalBasis,
        screenedFields: entry.screenedFields,
        meirinnsynConsidered: entry.meirinnsynConsidered,
        behandlingsstatus: entry.behandlingsstatus,
        writeOff: entry.writeOff && { method: entry.writeOff.method, date: entry.writeOff.date, byId: entry.writeOff.byId, replyEntryId: replyId },
      },
      options,
    );
    summary.created.entries += 1;
    return created.id;
  }
  const wanted = {
    title: entry.title,
    publicTitle: entry.publicTitle,
    type: entry.type,
    status: entry.status,
    unitId: entry.unitId,
    subUnitId: entry.subUnitId,
    caseworkerId: entry.caseworkerId,
    receivedDate: day(entry.receivedDate),
    dueDate: day(entry.dueDate),
    needsDueDate: entry.needsDueDate,
    accessCode: entry.accessCode,
    legalBasis: entry.legalBasis,
    screenedFields: entry.screenedFields,
    meirinnsynConsidered: entry.meirinnsynConsidered,
    behandlingsstatus: entry.behandlingsstatus,
    writeOffMethod: entry.writeOff?.method ?? null,
    writeOffDate: day(entry.writeOff?.date ?? null),
    writeOffById: entry.writeOff?.byId ?? null,
    writeOffReplyId: replyId,
  };
  const diff = changes(existing, wanted);
  if (diff) {
    const assigned = 'caseworkerId' in diff.after ? { assignedAt: entry.caseworkerId ? options.now : null } : {};
    await tx.archiveEntry.update({ where: { id: existing.id }, data: { ...diff.after, ...assigned, version: { increment: 1 }, lastChangedAt: options.now } });
    await audited(tx, options, 'archive.entryUpdated', 'archive_entry', existing.id, diff);
    summary.updated.entries += 1;
  }
  return existing.id;
}

async function importSteps(tx: Tx, entryId: string, steps: ImportStep[], options: ImportArchiveOptions, summary: ArchiveImportSummary): Promise<void> {
  if (steps.length === 0) return;
  const stored = await tx.archiveApprovalStep.findMany({ where: { entryId } });
  for (const step of steps) {
    const existing = stored.find((row) => row.chain === step.chain && row.order === step.order);
    const wanted = { approverId: step.approverId, senderId: step.senderId, flytstatus: step.flytstatus, merknad: step.merknad, comment: step.comment };
    if (!existing) {
      await createApprovalStep(tx, { entryId, ...step }, options);
      summary.created.approvalSteps += 1;
      continue;
    }
    const diff = changes(existing, wanted);
    if (!diff) continue;
    const decided =
      'flytstatus' in diff.after
        ? step.flytstatus === 'V'
          ? { decidedAt: null, decidedById: null }
          : { decidedAt: options.now, decidedById: step.approverId }
        : {};
    await tx.archiveApprovalStep.update({ where: { id: existing.id }, data: { ...diff.after, ...decided, version: { increment: 1 } } });
    await audited(tx, options, 'archive.stepUpdated', 'archive_approval_step', existing.id, diff);
    summary.updated.approvalSteps += 1;
  }
}

async function importDecisions(
  tx: Tx,
  caseId: string,
  decisions: ImportDecision[],
  idByNumber: Map<string, string>,
  options: ImportArchiveOptions,
  summary: ArchiveImportSummary,
): Promise<void> {
  if (decisions.length === 0) return;
  const stored = await tx.archiveDecision.findMany({ where: { caseId } });
  for (const decision of decisions) {
    const existing = stored.find((row) => row.title === decision.title);
    const wanted = {
      decidedDate: day(decision.decidedDate),
      responsibleId: decision.responsibleId,
      entryId: decision.entryNumber ? (idByNumber.get(decision.entryNumber) ?? null) : null,
      receiptedAt: noon(decision.receiptedDate),
      receiptedById: decision.receiptedById,
    };
    if (!existing) {
      await createDecision(
        tx,
        { caseId, title: decision.title, decidedDate: decision.decidedDate, responsibleId: wanted.responsibleId, entryId: wanted.entryId, receiptedAt: wanted.receiptedAt, receiptedById: wanted.receiptedById },
        options,
      );
      summary.created.decisions += 1;
      continue;
    }
    const diff = changes(existing, wanted);
    if (!diff) continue;
    // It carries its entry's dokumentnummer (the daily card's line reads it there).
    const entrySequence = 'entryId' in diff.after ? { entrySequence: (await decisionNumbers(tx, caseId, wanted.entryId)).entrySequence } : {};
    await tx.archiveDecision.update({ where: { id: existing.id }, data: { ...diff.after, ...entrySequence, version: { increment: 1 } } });
    await audited(tx, options, 'archive.decisionUpdated', 'archive_decision', existing.id, diff);
    summary.updated.decisions += 1;
  }
}

import { randomUUID } from 'node:crypto';
import { writeAudit } from '../../audit.js';
import { sql, type DbClient, type Prisma, type PrismaClient } from '../../db.js';
import type { DemoCase, DemoContext, DemoUnit } from './generate-archive-demo.js';

type Tx = Prisma.TransactionClient;

export interface DemoWriteSummary {
  cases: number;
  entries: number;
  approvalSteps: number;
  decisions: number;
  /** Wall-clock time of the writing, and entries written per second. */
  ms: number;
  entriesPerSecond: number;
}

/**
 * The organisation as the generator needs it, in one read: units with their caseworkers (people
 * holding `saksbehandler` in that unit), who approves each unit's letters, the top approver and
 * the archive's people.
 */
export async function readDemoContext(db: DbClient): Promise<DemoContext> {
  const [units, people] = await Promise.all([
    db.unit.findMany({ where: { active: true }, select: { id: true, code: true, name: true, parentId: true, leaderId: true } }),
    db.person.findMany({ where: { active: true }, select: { id: true, email: true, unitId: true, roles: { select: { role: true } } } }),
  ]);
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  people.sort((a, b) => a.email.localeCompare(b.email));
  const holders = (role: string) => people.filter((person) => person.roles.some((holding) => holding.role === role));
  const demoUnits: DemoUnit[] = units
    .map((unit) => {
      const parent = unit.parentId ? byId.get(unit.parentId) : undefined;
      return {
        id: unit.id,
        code: unit.code,
        name: unit.name,
        parentId: parent?.parentId ? parent.id : null,
        approverId: unit.leaderId ?? parent?.leaderId ?? null,
        caseworkerIds: holders('saksbehandler').filter((person) => person.unitId === unit.id).map((person) => person.id),
      };
    })
    .filter((unit) => unit.caseworkerIds.length > 0)
    .sort((a, b) => a.code.localeCompare(b.code));
  return {
    units: demoUnits,
    topApproverId: holders('toppgodkjenner')[0]?.id ?? null,
    archivistIds: holders('arkivet').map((person) => person.id),
  };
}

/** The last saksnummer of each year in the registry, so generated cases follow them. */
export async function lastCaseSequences(db: DbClient): Promise<Map<number, number>> {
  const rows = await sql(db).rows<{ year: number; last: number }>`SELECT year, max(sequence)::int AS last FROM archive_case GROUP BY year`;
  return new Map(rows.map((row) => [row.year, row.last]));
}

const iso = (date: Date | null) => (date === null ? null : date.toISOString());

/** Rows of one batch, column by column: each table is one INSERT … SELECT FROM unnest(…) a batch. */
class Batch {
  cases = { id: [] as string[], year: [] as number[], sequence: [] as number[], title: [] as string[], publicTitle: [] as (string | null)[], status: [] as string[], unitId: [] as string[], saksansvarligId: [] as (string | null)[], obsDate: [] as (string | null)[], enkeltvedtak: [] as boolean[] };
  entries = {
    id: [] as string[], caseId: [] as string[], caseYear: [] as number[], caseSequence: [] as number[], caseEnkeltvedtak: [] as boolean[], sequence: [] as number[], title: [] as string[], publicTitle: [] as (string | null)[], type: [] as string[], status: [] as string[],
    unitId: [] as (string | null)[], subUnitId: [] as (string | null)[], caseworkerId: [] as (string | null)[], assignedAt: [] as (string | null)[],
    receivedDate: [] as string[], dueDate: [] as (string | null)[], needsDueDate: [] as boolean[], accessCode: [] as (string | null)[], legalBasis: [] as (string | null)[],
    screenedFields: [] as string[], behandlingsstatus: [] as (string | null)[], writeOffMethod: [] as (string | null)[], writeOffDate: [] as (string | null)[],
    writeOffById: [] as (string | null)[], writeOffReplyId: [] as (string | null)[],
  };
  steps = { id: [] as string[], entryId: [] as string[], chain: [] as number[], order: [] as number[], approverId: [] as string[], senderId: [] as string[], flytstatus: [] as string[], merknad: [] as (string | null)[], decidedAt: [] as (string | null)[], decidedById: [] as (string | null)[] };
  decisions = { id: [] as string[], caseId: [] as string[], caseYear: [] as number[], caseSequence: [] as number[], entryId: [] as (string | null)[], entrySequence: [] as (number | null)[], title: [] as string[], decidedDate: [] as string[], responsibleId: [] as string[] };

  get size(): number {
    return this.entries.id.length;
  }

  add(kase: DemoCase): void {
    const caseId = randomUUID();
    const c = this.cases;
    c.id.push(caseId); c.year.push(kase.year); c.sequence.push(kase.sequence); c.title.push(kase.title); c.publicTitle.push(kase.publicTitle);
    c.status.push(kase.status); c.unitId.push(kase.unitId); c.saksansvarligId.push(kase.saksansvarligId); c.obsDate.push(kase.obsDate); c.enkeltvedtak.push(kase.enkeltvedtak);
    const entryIds = kase.entries.map(() => randomUUID());
    const e = this.entries;
    kase.entries.forEach((entry, index) => {
      e.id.push(entryIds[index]!); e.caseId.push(caseId); e.caseYear.push(kase.year); e.caseSequence.push(kase.sequence); e.caseEnkeltvedtak.push(kase.enkeltvedtak);
      e.sequence.push(entry.sequence); e.title.push(entry.title); e.publicTitle.push(entry.publicTitle);
      e.type.push(entry.type); e.status.push(entry.status); e.unitId.push(entry.unitId); e.subUnitId.push(entry.subUnitId); e.caseworkerId.push(entry.caseworkerId);
      e.assignedAt.push(entry.caseworkerId ? iso(entry.assignedAt) : null); e.receivedDate.push(entry.receivedDate); e.dueDate.push(entry.dueDate);
      e.needsDueDate.push(entry.needsDueDate); e.accessCode.push(entry.accessCode); e.legalBasis.push(entry.legalBasis);
      e.screenedFields.push(`{${entry.screenedFields.join(',')}}`); e.behandlingsstatus.push(entry.behandlingsstatus);
      e.writeOffMethod.push(entry.writeOff?.method ?? null); e.writeOffDate.push(entry.writeOff?.date ?? null); e.writeOffById.push(entry.writeOff?.byId ?? null);
      e.writeOffReplyId.push(entry.writeOff?.replyIndex != null ? entryIds[entry.writeOff.replyIndex]! : null);
    });
    const s = this.steps;
    for (const step of kase.steps) {
      s.id.push(randomUUID()); s.entryId.push(entryIds[step.entryIndex]!); s.chain.push(step.chain); s.order.push(step.order); s.approverId.push(step.approverId);
      s.senderId.push(step.senderId); s.flytstatus.push(step.flytstatus); s.merknad.push(step.merknad); s.decidedAt.push(iso(step.decidedAt)); s.decidedById.push(step.decidedById);
    }
    const d = this.decisions;
    for (const decision of kase.decisions) {
      d.id.push(randomUUID()); d.caseId.push(caseId); d.caseYear.push(kase.year); d.caseSequence.push(kase.sequence);
      d.entryId.push(decision.entryIndex === null ? null : entryIds[decision.entryIndex]!); d.entrySequence.push(decision.entryIndex === null ? null : kase.entries[decision.entryIndex]!.sequence);
      d.title.push(decision.title); d.decidedDate.push(decision.decidedDate); d.responsibleId.push(decision.responsibleId);
    }
  }

  async write(tx: Tx, now: Date): Promise<void> {
    const c = this.cases;
    const at = now.toISOString();
    await sql(tx).run`
      INSERT INTO archive_case (id, year, sequence, title, public_title, status, unit_id, saksansvarlig_id, obs_date, enkeltvedtak, last_action, last_changed_at, updated_at)
      SELECT id, year, sequence, title, public_title, status, unit_id, saksansvarlig_id, obs_date, enkeltvedtak, 'registered', ${at}::timestamptz, ${at}::timestamptz
      FROM unnest(${c.id}::uuid[], ${c.year}::int[], ${c.sequence}::int[], ${c.title}::text[], ${c.publicTitle}::text[], ${c.status}::text[],
                  ${c.unitId}::uuid[], ${c.saksansvarligId}::uuid[], ${c.obsDate}::date[], ${c.enkeltvedtak}::boolean[])
        AS t(id, year, sequence, title, public_title, status, unit_id, saksansvarlig_id, obs_date, enkeltvedtak)`;
    const e = this.entries;
    // Replies are in the same case and so in the same statement, whose foreign keys are checked at its end.
    await sql(tx).run`
      INSERT INTO archive_entry (id, case_id, case_year, case_sequence, case_enkeltvedtak, sequence, title, public_title, type, status, unit_id, sub_unit_id, caseworker_id, assigned_at, received_date,
                                 due_date, needs_due_date, access_code, legal_basis, screened_fields, behandlingsstatus, write_off_method, write_off_date,
                                 write_off_by_id, write_off_reply_id, last_action, last_changed_at, updated_at)
      SELECT id, case_id, case_year, case_sequence, case_enkeltvedtak, sequence, title, public_title, type, status, unit_id, sub_unit_id, caseworker_id, assigned_at, received_date,
             due_date, needs_due_date, access_code, legal_basis, screened_fields::text[], behandlingsstatus, write_off_method, write_off_date,
             write_off_by_id, write_off_reply_id, 'registered', ${at}::timestamptz, ${at}::timestamptz
      FROM unnest(${e.id}::uuid[], ${e.caseId}::uuid[], ${e.caseYear}::int[], ${e.caseSequence}::int[], ${e.caseEnkeltvedtak}::boolean[], ${e.sequence}::int[], ${e.title}::text[], ${e.publicTitle}::text[], ${e.type}::text[], ${e.status}::text[],
                  ${e.unitId}::uuid[], ${e.subUnitId}::uuid[], ${e.caseworkerId}::uuid[], ${e.assignedAt}::timestamptz[], ${e.receivedDate}::date[],
                  ${e.dueDate}::date[], ${e.needsDueDate}::boolean[], ${e.accessCode}::text[], ${e.legalBasis}::text[], ${e.screenedFields}::text[],
                  ${e.behandlingsstatus}::text[], ${e.writeOffMethod}::text[], ${e.writeOffDate}::date[], ${e.writeOffById}::uuid[], ${e.writeOffReplyId}::uuid[])
        AS t(id, case_id, case_year, case_sequence, case_enkeltvedtak, sequence, title, public_title, type, status, unit_id, sub_unit_id, caseworker_id, assigned_at, received_date,
             due_date, needs_due_date, access_code, legal_basis, screened_fields, behandlingsstatus, write_off_method, write_off_date,
             write_off_by_id, write_off_reply_id)`;
    const s = this.steps;
    if (s.id.length > 0) {
      await sql(tx).run`
        INSERT INTO archive_approval_step (id, entry_id, chain, "order", approver_id, sender_id, flytstatus, merknad, decided_at, decided_by_id)
        SELECT * FROM unnest(${s.id}::uuid[], ${s.entryId}::uuid[], ${s.chain}::int[], ${s.order}::int[], ${s.approverId}::uuid[], ${s.senderId}::uuid[],
                             ${s.flytstatus}::text[], ${s.merknad}::text[], ${s.decidedAt}::timestamptz[], ${s.decidedById}::uuid[])`;
    }
    const d = this.decisions;
    if (d.id.length > 0) {
      await sql(tx).run`
        INSERT INTO archive_decision (id, case_id, case_year, case_sequence, entry_id, entry_sequence, title, decided_date, responsible_id)
        SELECT * FROM unnest(${d.id}::uuid[], ${d.caseId}::uuid[], ${d.caseYear}::int[], ${d.caseSequence}::int[], ${d.entryId}::uuid[], ${d.entrySequence}::int[],
                             ${d.title}::text[], ${d.decidedDate}::date[], ${d.responsibleId}::uuid[])`;
    }
  }
}

/**
 * Writes generated cases in batches of about `batchEntries` entries, four statements a batch (one
 * per table), all in one transaction with one audit entry for the whole load: a demo set of a
 * million entries is one change, not a million.
 */
export async function writeArchiveDemo(
  prisma: PrismaClient,
  cases: Iterable<DemoCase>,
  options: { actor: string; now: Date; seed: string | number; batchEntries?: number; onBatch?: (written: number) => void },
): Promise<DemoWriteSummary> {
  const started = performance.now();
  const limit = options.batchEntries ?? 20_000;
  const summary = await prisma.$transaction(
    async (tx) => {
      const counts = { cases: 0, entries: 0, approvalSteps: 0, decisions: 0 };
      let batch = new Batch();
      const flush = async () => {
        if (batch.cases.id.length === 0) return;
        await batch.write(tx, options.now);
        counts.cases += batch.cases.id.length;
        counts.entries += batch.entries.id.length;
        counts.approvalSteps += batch.steps.id.length;
        counts.decisions += batch.decisions.id.length;
        options.onBatch?.(counts.entries);
        batch = new Batch();
      };
      for (const kase of cases) {
        batch.add(kase);
        if (batch.size >= limit) await flush();
      }
      await flush();
      await writeAudit(tx, { actor: options.actor, action: 'archive.demoGenerated', entity: 'archive', entityId: String(options.seed), after: { seed: String(options.seed), ...counts } });
      return counts;
    },
    { maxWait: 30_000, timeout: 6 * 3_600_000 },
  );
  const ms = performance.now() - started;
  return { ...summary, ms, entriesPerSecond: summary.entries / Math.max(ms / 1000, 0.001) };
}

/**
 * The registry's SELECTs and what turns their rows into the port's types. Every read and every
 * write's answer goes through these, so an entry looks the same wherever it comes from.
 */
import { Prisma, sql, type DbClient, type SqlDb } from '../../db.js';
import type { ApprovalStep, ArchiveAction, ArchiveCase, ArchiveEntry, DecisionFollowUp, LastChange, ListedCase, ListedDecision, ListedEntry, PersonRef } from '../port.js';
import type {
  Avskrivningsmate,
  Behandlingsstatus,
  Flytstatus,
  Journalposttype,
  Journalstatus,
  OffentleglovaHjemmel,
  Saksstatus,
  SkjermetFelt,
  Tilgangskode,
} from '../vocabulary.js';

/**
 * The name of the person a column names, as a scalar sub-select rather than a join: the planner
 * plans it on its own, where each joined person was one more table in the join search (a step
 * with its entry joined ten tables: 2.4 ms to plan a read that runs in 0.1 ms; bench/daily-actions.ts).
 */
const nameOf = (column: string) => Prisma.raw(`(SELECT name FROM person WHERE id = ${column})`);

/**
 * Columns of a listed entry (alias `e`): what a line on the daily card needs, its case's number
 * and enkeltvedtak included (the entry carries them: no join with its case, which cost each line
 * an index descent into every case of the archive; bench/daily-compose.ts).
 */
export const LISTED_ENTRY_COLUMNS = Prisma.sql`
  e.id::text AS "id", e.sequence AS "sequence", e.case_id::text AS "caseId", e.case_year AS "caseYear", e.case_sequence AS "caseSequence",
  e.case_enkeltvedtak AS "enkeltvedtak", e.title AS "title", e.public_title AS "publicTitle", e.type AS "type", e.status AS "status",
  e.unit_id::text AS "unitId", e.sub_unit_id::text AS "subUnitId", to_char(e.received_date, 'YYYY-MM-DD') AS "receivedDate",
  to_char(e.due_date, 'YYYY-MM-DD') AS "dueDate", e.access_code AS "accessCode", e.write_off_method AS "writeOffMethod",
  to_char(e.write_off_date, 'YYYY-MM-DD') AS "writeOffDate", e.version AS "version"`;

/** Columns of a whole entry (alias `e`): the listed ones, its case's title (`c`) and the people it names. */
export const ENTRY_COLUMNS = Prisma.sql`
  ${LISTED_ENTRY_COLUMNS}, c.title AS "caseTitle",
  e.caseworker_id::text AS "caseworkerId", ${nameOf('e.caseworker_id')} AS "caseworkerName",
  e.needs_due_date AS "needsDueDate", e.legal_basis AS "legalBasis",
  e.screened_fields AS "screenedFields", e.behandlingsstatus AS "behandlingsstatus",
  e.write_off_by_id::text AS "writeOffById", ${nameOf('e.write_off_by_id')} AS "writeOffByName", reply.sequence AS "replySequence",
  e.registered_at AS "registeredAt", e.last_action AS "lastAction",
  e.last_actor_id::text AS "lastActorId", ${nameOf('e.last_actor_id')} AS "lastActorName", e.last_changed_at AS "lastChangedAt"`;

/** What an entry (`e`) is joined with: its case and the reply it names. */
const ENTRY_JOINS = Prisma.sql`
  JOIN archive_case c ON c.id = e.case_id
  LEFT JOIN archive_entry reply ON reply.id = e.write_off_reply_id`;

/** The joins every entry read needs, over `base` (the table, or a subquery with its columns) as `e`. */
export const entryFrom = (base: Prisma.Sql = Prisma.sql`archive_entry`) => Prisma.sql`
  ${base} e${ENTRY_JOINS}`;

export const ENTRY_FROM = entryFrom();

/**
 * A restanse in SQL; the same rule as `isBacklog` in rules.ts (a test holds them together):
 * received (I, N), not «utgår», not written off except with *** (foreløpig svar).
 */
export const BACKLOG = Prisma.sql`(e.type IN ('I', 'N') AND e.status <> 'U' AND (e.write_off_method IS NULL OR e.write_off_method = '***'))`;

export interface EntryRow {
  id: string;
  sequence: number;
  caseId: string;
  caseYear: number;
  caseSequence: number;
  caseTitle: string;
  enkeltvedtak: boolean;
  title: string;
  publicTitle: string | null;
  type: string;
  status: string;
  unitId: string | null;
  subUnitId: string | null;
  caseworkerId: string | null;
  caseworkerName: string | null;
  receivedDate: string;
  dueDate: string | null;
  needsDueDate: boolean;
  accessCode: string | null;
  legalBasis: string | null;
  screenedFields: string[] | null;
  behandlingsstatus: string | null;
  writeOffMethod: string | null;
  writeOffDate: string | null;
  writeOffById: string | null;
  writeOffByName: string | null;
  replySequence: number | null;
  registeredAt: Date | null;
  version: number;
  lastAction: string | null;
  lastActorId: string | null;
  lastActorName: string | null;
  lastChangedAt: Date | null;
}

const personRef = (id: string | null, name: string | null): PersonRef | null => (id !== null && name !== null ? { id, name } : null);

const lastChangeOf = (action: string | null, actorId: string | null, actorName: string | null, at: Date | null): LastChange | null =>
  action !== null && at !== null ? { action: action as ArchiveAction, by: personRef(actorId, actorName), at } : null;

/** The whole entry: the listed one (toListedEntry) with its case's title, its people and the rest. */
export function toEntry(row: EntryRow): ArchiveEntry {
  const listed = toListedEntry(row);
  return {
    ...listed,
    caseTitle: row.caseTitle,
    caseworker: personRef(row.caseworkerId, row.caseworkerName),
    needsDueDate: row.needsDueDate,
    legalBasis: row.legalBasis as OffentleglovaHjemmel | null,
    screenedFields: (row.screenedFields ?? []) as SkjermetFelt[],
    behandlingsstatus: row.behandlingsstatus as Behandlingsstatus | null,
    writeOff: listed.writeOff && {
      ...listed.writeOff,
      by: personRef(row.writeOffById, row.writeOffByName),
      replyNumber: row.replySequence !== null ? `${listed.caseNumber}-${row.replySequence}` : null,
    },
    registeredAt: row.registeredAt,
    lastChange: lastChangeOf(row.lastAction, row.lastActorId, row.lastActorName, row.lastChangedAt),
  };
}

/**
 * The daily lists read each listed row as ONE line of text: its fields divided by U+001F (the unit
 * separator), NULL as an empty field, the titles last. A list's lines come joined by U+001E (the
 * record separator) in one value per owner (reads.ts): the pg driver decodes and parses every
 * column of every row on its own, and a morning run reads millions of listed rows (as eighteen
 * columns a row that was a third of its Node time; bench/daily-compose.ts). A title is free text:
 * any U+001E or U+001F in it (control characters, which a card cannot show) becomes a space.
 */
const FIELD_SEPARATOR = '\x1f';
export const LINE_SEPARATOR = '\x1e';
const titleField = (column: string) => Prisma.raw(`translate(${column}, chr(30) || chr(31), '  ')`);

/** A listed entry (alias `e`) as a line; `listedEntryOfLine` reads it back, and a test holds it to LISTED_ENTRY_COLUMNS for every kind of value. */
export const LISTED_ENTRY_LINE = Prisma.sql`concat(
  e.id, chr(31), e.sequence, chr(31), e.case_id, chr(31), e.case_year, chr(31), e.case_sequence, chr(31),
  CASE WHEN e.case_enkeltvedtak THEN 't' END, chr(31), e.type, chr(31), e.status, chr(31), e.unit_id, chr(31), e.sub_unit_id, chr(31),
  to_char(e.received_date, 'YYYY-MM-DD'), chr(31), to_char(e.due_date, 'YYYY-MM-DD'), chr(31), e.access_code, chr(31),
  e.write_off_method, chr(31), to_char(e.write_off_date, 'YYYY-MM-DD'), chr(31), e.version, chr(31),
  ${titleField('e.public_title')}, chr(31), ${titleField('e.title')})`;

const orNull = (field: string) => (field === '' ? null : field);

/** A line's fields, as many as its kind has. */
function fieldsOf(line: string, kind: string, count: number): string[] {
  const fields = line.split(FIELD_SEPARATOR);
  if (fields.length !== count) throw new Error(`a listed ${kind}'s line has ${fields.length} fields, not ${count}`);
  return fields;
}

/**
 * The listed entry a line (LISTED_ENTRY_LINE) carries: built at once, as `toListedEntry` builds it
 * from columns, without a row object between (millions a morning).
 */
export function listedEntryOfLine(line: string): ListedEntry {
  const [id, sequence, caseId, caseYear, caseSequence, enkeltvedtak, type, status, unitId, subUnitId, receivedDate, dueDate, accessCode, writeOffMethod, writeOffDate, version, publicTitle, title] =
    fieldsOf(line, 'entry', 18) as [string, string, string, string, string, string, string, string, string, string, string, string, string, string, string, string, string, string];
  const caseNumber = `${caseYear}/${caseSequence}`;
  return {
    id,
    number: `${caseNumber}-${sequence}`,
    caseId,
    caseNumber,
    enkeltvedtak: enkeltvedtak === 't',
    title,
    publicTitle: publicTitle === '' ? title : publicTitle,
    type: type as Journalposttype,
    status: status as Journalstatus,
    unitId: orNull(unitId),
    subUnitId: orNull(subUnitId),
    receivedDate,
    dueDate: orNull(dueDate),
    accessCode: orNull(accessCode) as Tilgangskode | null,
    writeOff: writeOffMethod !== '' ? { method: writeOffMethod as Avskrivningsmate, date: writeOffDate === '' ? receivedDate : writeOffDate } : null,
    version: Number(version),
  };
}

/** A listed entry is read from the entry alone (no people: the card's line names none). */
export const LISTED_ENTRY_FROM = Prisma.sql`archive_entry e`;

export type ListedEntryRow = Pick<
  EntryRow,
  | 'id'
  | 'sequence'
  | 'caseId'
  | 'caseYear'
  | 'caseSequence'
  | 'enkeltvedtak'
  | 'title'
  | 'publicTitle'
  | 'type'
  | 'status'
  | 'unitId'
  | 'subUnitId'
  | 'receivedDate'
  | 'dueDate'
  | 'accessCode'
  | 'writeOffMethod'
  | 'writeOffDate'
  | 'version'
>;

export function toListedEntry(row: ListedEntryRow): ListedEntry {
  const caseNumber = `${row.caseYear}/${row.caseSequence}`;
  return {
    id: row.id,
    number: `${caseNumber}-${row.sequence}`,
    caseId: row.caseId,
    caseNumber,
    enkeltvedtak: row.enkeltvedtak,
    title: row.title,
    publicTitle: row.publicTitle ?? row.title,
    type: row.type as Journalposttype,
    status: row.status as Journalstatus,
    unitId: row.unitId,
    subUnitId: row.subUnitId,
    receivedDate: row.receivedDate,
    dueDate: row.dueDate,
    accessCode: row.accessCode as Tilgangskode | null,
    writeOff: row.writeOffMethod !== null ? { method: row.writeOffMethod as Avskrivningsmate, date: row.writeOffDate ?? row.receivedDate } : null,
    version: row.version,
  };
}

export const CASE_COLUMNS = Prisma.sql`
  c.id::text AS "id", c.year AS "year", c.sequence AS "sequence", c.title AS "title", c.public_title AS "publicTitle",
  c.status AS "status", c.unit_id::text AS "unitId", c.saksansvarlig_id::text AS "saksansvarligId", ${nameOf('c.saksansvarlig_id')} AS "saksansvarligName",
  to_char(c.obs_date, 'YYYY-MM-DD') AS "obsDate", c.enkeltvedtak AS "enkeltvedtak", c.version AS "version",
  c.last_action AS "lastAction", c.last_actor_id::text AS "lastActorId", ${nameOf('c.last_actor_id')} AS "lastActorName", c.last_changed_at AS "lastChangedAt"`;

export const CASE_FROM = Prisma.sql`archive_case c`;

export interface CaseRow {
  id: string;
  year: number;
  sequence: number;
  title: string;
  publicTitle: string | null;
  status: string;
  unitId: string | null;
  saksansvarligId: string | null;
  saksansvarligName: string | null;
  obsDate: string | null;
  enkeltvedtak: boolean;
  version: number;
  lastAction: string | null;
  lastActorId: string | null;
  lastActorName: string | null;
  lastChangedAt: Date | null;
}

export function toCase(row: CaseRow): ArchiveCase {
  return {
    ...toListedCase(row),
    saksansvarlig: personRef(row.saksansvarligId, row.saksansvarligName),
    lastChange: lastChangeOf(row.lastAction, row.lastActorId, row.lastActorName, row.lastChangedAt),
  };
}

/** A listed case (alias `c`) as a line (see LISTED_ENTRY_LINE); `listedCaseOfLine` reads it back. */
export const LISTED_CASE_LINE = Prisma.sql`concat(
  c.id, chr(31), c.year, chr(31), c.sequence, chr(31), c.status, chr(31), c.unit_id, chr(31), to_char(c.obs_date, 'YYYY-MM-DD'), chr(31),
  CASE WHEN c.enkeltvedtak THEN 't' END, chr(31), c.version, chr(31), ${titleField('c.public_title')}, chr(31), ${titleField('c.title')})`;

/** The listed case a line (LISTED_CASE_LINE) carries, as `toListedCase` reads it from columns. */
export function listedCaseOfLine(line: string): ListedCase {
  const [id, year, sequence, status, unitId, obsDate, enkeltvedtak, version, publicTitle, title] = fieldsOf(line, 'case', 10) as [
    string, string, string, string, string, string, string, string, string, string,
  ];
  return {
    id,
    number: `${year}/${sequence}`,
    title,
    publicTitle: publicTitle === '' ? title : publicTitle,
    status: status as Saksstatus,
    unitId: orNull(unitId),
    obsDate: orNull(obsDate),
    enkeltvedtak: enkeltvedtak === 't',
    version: Number(version),
  };
}

export type ListedCaseRow = Pick<CaseRow, 'id' | 'year' | 'sequence' | 'title' | 'publicTitle' | 'status' | 'unitId' | 'obsDate' | 'enkeltvedtak' | 'version'>;

export function toListedCase(row: ListedCaseRow): ListedCase {
  return {
    id: row.id,
    number: `${row.year}/${row.sequence}`,
    title: row.title,
    publicTitle: row.publicTitle ?? row.title,
    status: row.status as Saksstatus,
    unitId: row.unitId,
    obsDate: row.obsDate,
    enkeltvedtak: row.enkeltvedtak,
    version: row.version,
  };
}

/** A step (`s`) with its entry's columns. */
export const STEP_COLUMNS = Prisma.sql`${ENTRY_COLUMNS},
  s.id::text AS "stepId", s.chain AS "chain", s."order" AS "order", s.approver_id::text AS "approverId", ${nameOf('s.approver_id')} AS "approverName",
  s.sender_id::text AS "senderId", ${nameOf('s.sender_id')} AS "senderName", s.flytstatus AS "flytstatus", s.merknad AS "merknad", s.comment AS "comment",
  s.decided_at AS "decidedAt", s.decided_by_id::text AS "decidedById", ${nameOf('s.decided_by_id')} AS "decidedByName", s.version AS "stepVersion"`;

/**
 * A step with its entry's joins, flat rather than `JOIN (entry joins) ON …`: PostgreSQL plans a
 * parenthesised group on its own, and joined the whole registry to find one step's entry
 * (bench/daily-compose.ts).
 */
export const STEP_FROM = Prisma.sql`
  archive_approval_step s
  JOIN archive_entry e ON e.id = s.entry_id${ENTRY_JOINS}`;

export interface StepRow extends EntryRow {
  stepId: string;
  chain: number;
  order: number;
  approverId: string;
  approverName: string;
  senderId: string;
  senderName: string;
  flytstatus: string;
  merknad: string | null;
  comment: string | null;
  decidedAt: Date | null;
  decidedById: string | null;
  decidedByName: string | null;
  stepVersion: number;
}

/**
 * A step (`s`, with its entry's joins) as a line: its row as JSON (a step names people and its
 * merknad, and the lists show few of them; JSON escapes every control character, so the lines'
 * separator cannot occur in it). `stepOfLine` reads it back.
 */
export const STEP_LINE = Prisma.sql`(SELECT to_json(step)::text FROM (SELECT ${STEP_COLUMNS}) step)`;

/** The step a line (STEP_LINE) carries: its timestamps come as text and are Dates again, the rest as `sql(db)` gives it. */
export function stepOfLine(line: string): ApprovalStep {
  const row = JSON.parse(line) as StepRow;
  const at = (value: Date | null) => (value === null ? null : new Date(value as unknown as string));
  return toStep({ ...row, registeredAt: at(row.registeredAt), lastChangedAt: at(row.lastChangedAt), decidedAt: at(row.decidedAt) });
}

export function toStep(row: StepRow): ApprovalStep {
  return {
    id: row.stepId,
    entry: toEntry(row),
    chain: row.chain,
    order: row.order,
    approver: { id: row.approverId, name: row.approverName },
    sender: { id: row.senderId, name: row.senderName },
    flytstatus: row.flytstatus as Flytstatus,
    merknad: row.merknad,
    comment: row.comment,
    decidedAt: row.decidedAt,
    decidedBy: personRef(row.decidedById, row.decidedByName),
    version: row.stepVersion,
  };
}

/** Columns of a listed decision (alias `d`) with its case's and its entry's numbers, which it carries. */
export const LISTED_DECISION_COLUMNS = Prisma.sql`
  d.id::text AS "id", d.case_id::text AS "caseId", d.case_year AS "caseYear", d.case_sequence AS "caseSequence", d.entry_sequence AS "entrySequence",
  d.title AS "title", to_char(d.decided_date, 'YYYY-MM-DD') AS "decidedDate", d.version AS "version"`;

/** Columns of a whole decision: the listed ones and the people it names. */
export const DECISION_COLUMNS = Prisma.sql`
  ${LISTED_DECISION_COLUMNS}, d.responsible_id::text AS "responsibleId",
  ${nameOf('d.responsible_id')} AS "responsibleName", d.receipted_at AS "receiptedAt", d.receipted_by_id::text AS "receiptedById",
  ${nameOf('d.receipted_by_id')} AS "receiptedByName"`;

/** A decision is read from itself alone: it carries its case's number and its entry's dokumentnummer. */
export const DECISION_FROM = Prisma.sql`archive_decision d`;

export interface DecisionRow {
  id: string;
  caseId: string;
  caseYear: number;
  caseSequence: number;
  entrySequence: number | null;
  title: string;
  decidedDate: string;
  responsibleId: string;
  responsibleName: string;
  receiptedAt: Date | null;
  receiptedById: string | null;
  receiptedByName: string | null;
  version: number;
}

export function toDecision(row: DecisionRow): DecisionFollowUp {
  return {
    ...toListedDecision(row),
    responsible: { id: row.responsibleId, name: row.responsibleName },
    receiptedAt: row.receiptedAt,
    receiptedBy: personRef(row.receiptedById, row.receiptedByName),
  };
}

/** A listed decision (alias `d`) as a line (see LISTED_ENTRY_LINE); `listedDecisionOfLine` reads it back. */
export const LISTED_DECISION_LINE = Prisma.sql`concat(
  d.id, chr(31), d.case_id, chr(31), d.case_year, chr(31), d.case_sequence, chr(31), d.entry_sequence, chr(31),
  to_char(d.decided_date, 'YYYY-MM-DD'), chr(31), d.version, chr(31), ${titleField('d.title')})`;

/** The listed decision a line (LISTED_DECISION_LINE) carries, as `toListedDecision` reads it from columns. */
export function listedDecisionOfLine(line: string): ListedDecision {
  const [id, caseId, caseYear, caseSequence, entrySequence, decidedDate, version, title] = fieldsOf(line, 'decision', 8) as [
    string, string, string, string, string, string, string, string,
  ];
  const caseNumber = `${caseYear}/${caseSequence}`;
  return { id, caseId, caseNumber, entryNumber: entrySequence !== '' ? `${caseNumber}-${entrySequence}` : null, title, decidedDate, version: Number(version) };
}

export type ListedDecisionRow = Pick<DecisionRow, 'id' | 'caseId' | 'caseYear' | 'caseSequence' | 'entrySequence' | 'title' | 'decidedDate' | 'version'>;

export function toListedDecision(row: ListedDecisionRow): ListedDecision {
  const caseNumber = `${row.caseYear}/${row.caseSequence}`;
  return {
    id: row.id,
    caseId: row.caseId,
    caseNumber,
    entryNumber: row.entrySequence !== null ? `${caseNumber}-${row.entrySequence}` : null,
    title: row.title,
    decidedDate: row.decidedDate,
    version: row.version,
  };
}

export async function readEntry(db: SqlDb, entryId: string): Promise<ArchiveEntry | null> {
  const [row] = await sql(db).rows<EntryRow>`SELECT ${ENTRY_COLUMNS} FROM ${ENTRY_FROM} WHERE e.id = ${entryId}::uuid`;
  return row ? toEntry(row) : null;
}

export async function readCase(db: SqlDb, caseId: string): Promise<ArchiveCase | null> {
  const [row] = await sql(db).rows<CaseRow>`SELECT ${CASE_COLUMNS} FROM ${CASE_FROM} WHERE c.id = ${caseId}::uuid`;
  return row ? toCase(row) : null;
}

export async function readStep(db: DbClient, stepId: string): Promise<ApprovalStep | null> {
  const [row] = await sql(db).rows<StepRow>`SELECT ${STEP_COLUMNS} FROM ${STEP_FROM} WHERE s.id = ${stepId}::uuid`;
  return row ? toStep(row) : null;
}

export async function readDecision(db: DbClient, decisionId: string): Promise<DecisionFollowUp | null> {
  const [row] = await sql(db).rows<DecisionRow>`SELECT ${DECISION_COLUMNS} FROM ${DECISION_FROM} WHERE d.id = ${decisionId}::uuid`;
  return row ? toDecision(row) : null;
}

import { Prisma, sql, type DbClient } from '../../db.js';
import { writeAudit } from '../../audit.js';
import { AppError, AppErrorCode } from '../../errors.js';
import { isIsoDate } from '../rules.js';
import {
  AVSKRIVNINGSMATER,
  BEHANDLINGSSTATUSER,
  JOURNALPOSTTYPER,
  JOURNALSTATUSER,
  OFFENTLEGLOVA_HJEMLER,
  SKJERMEDE_FELT,
  TILGANGSKODER,
  isOneOf,
  type Avskrivningsmate,
  type Behandlingsstatus,
  type IsoDate,
  type Journalposttype,
  type Journalstatus,
  type OffentleglovaHjemmel,
  type SkjermetFelt,
  type Tilgangskode,
} from '../vocabulary.js';
import { asJson, dateColumn } from './change.js';

/** A registry entry, as the import and the demo generator give it (people, units and the reply by id). */
export interface NewEntry {
  caseId: string;
  /** Dokumentnummer in the case; without it the next one is taken. */
  sequence?: number;
  title: string;
  publicTitle?: string | null;
  type: Journalposttype;
  status: Journalstatus;
  unitId?: string | null;
  subUnitId?: string | null;
  caseworkerId?: string | null;
  /** When the caseworker got it (default: `now` when there is a caseworker). */
  assignedAt?: Date | null;
  receivedDate: IsoDate;
  dueDate?: IsoDate | null;
  needsDueDate?: boolean;
  accessCode?: Tilgangskode | null;
  legalBasis?: OffentleglovaHjemmel | null;
  screenedFields?: SkjermetFelt[];
  meirinnsynConsidered?: boolean;
  behandlingsstatus?: Behandlingsstatus | null;
  writeOff?: { method: Avskrivningsmate; date: IsoDate; byId?: string | null; replyEntryId?: string | null } | null;
  registeredAt?: Date | null;
}

export interface CreatedEntry {
  id: string;
  sequence: number;
}

const invalid = (message: string) => new AppError(AppErrorCode.INVALID_INPUT, { message });

/** The codes must be Noark's: a wrong one is refused before anything is stored. */
function check(input: NewEntry): void {
  if (typeof input.title !== 'string' || input.title.trim() === '') throw invalid('an entry needs a title');
  if (!isOneOf(JOURNALPOSTTYPER, input.type)) throw invalid(`${String(input.type)} is no journalposttype`);
  if (!isOneOf(JOURNALSTATUSER, input.status)) throw invalid(`${String(input.status)} is no journalstatus`);
  if (!isIsoDate(input.receivedDate)) throw invalid(`${String(input.receivedDate)} is not a date`);
  if (input.dueDate != null && !isIsoDate(input.dueDate)) throw invalid(`${input.dueDate} is not a date`);
  if (input.accessCode != null && !isOneOf(TILGANGSKODER, input.accessCode)) throw invalid(`${input.accessCode} is no tilgangskode`);
  if (input.legalBasis != null && !isOneOf(OFFENTLEGLOVA_HJEMLER, input.legalBasis)) throw invalid(`${input.legalBasis} is no paragraph of offentleglova`);
  if (input.screenedFields && !input.screenedFields.every((field) => isOneOf(SKJERMEDE_FELT, field))) throw invalid('unknown screened field');
  if (input.behandlingsstatus != null && (input.type !== 'S' || !isOneOf(BEHANDLINGSSTATUSER, input.behandlingsstatus))) {
    throw invalid('behandlingsstatus is SU, RE or KL, and only for a saksframlegg (S)');
  }
  if (input.writeOff) {
    if (!isOneOf(AVSKRIVNINGSMATER, input.writeOff.method)) throw invalid(`${String(input.writeOff.method)} is no avskrivningsmåte`);
    if (!isIsoDate(input.writeOff.date)) throw invalid(`${String(input.writeOff.date)} is not a date`);
  }
}

/**
 * Stores a registry entry in its case. `actor` is who the audit log names. Call it inside a
 * transaction when taking new numbers: the case row is locked while its next number is taken.
 */
export async function createEntry(db: DbClient, input: NewEntry, options: { actor: string; now: Date }): Promise<CreatedEntry> {
  check(input);
  // The case's number and enkeltvedtak, which the entry carries (its line on the daily card
  // reads them from the entry); and, when taking the next number, the case locked while it is taken.
  const takesNumber = input.sequence === undefined;
  const [kase] = await sql(db).rows<{ year: number; sequence: number; enkeltvedtak: boolean; last: number | null }>`
    SELECT c.year, c.sequence, c.enkeltvedtak,
           ${takesNumber ? Prisma.sql`(SELECT coalesce(max(sequence), 0) FROM archive_entry WHERE case_id = c.id)::int` : Prisma.sql`NULL::int`} AS last
    FROM archive_case c WHERE c.id = ${input.caseId}::uuid ${takesNumber ? Prisma.sql`FOR UPDATE` : Prisma.empty}`;
  if (!kase) throw new AppError(AppErrorCode.NOT_FOUND, { message: `case ${input.caseId} does not exist` });
  const sequence = input.sequence ?? kase.last! + 1;
  const caseworkerId = input.caseworkerId ?? null;
  const data = {
    caseId: input.caseId,
    caseYear: kase.year,
    caseSequence: kase.sequence,
    caseEnkeltvedtak: kase.enkeltvedtak,
    sequence,
    title: input.title.trim(),
    publicTitle: input.publicTitle ?? null,
    type: input.type,
    status: input.status,
    unitId: input.unitId ?? null,
    subUnitId: input.subUnitId ?? null,
    caseworkerId,
    assignedAt: caseworkerId ? (input.assignedAt ?? options.now) : null,
    receivedDate: dateColumn(input.receivedDate),
    dueDate: input.dueDate ? dateColumn(input.dueDate) : null,
    needsDueDate: input.needsDueDate ?? false,
    accessCode: input.accessCode ?? null,
    legalBasis: input.legalBasis ?? null,
    screenedFields: input.screenedFields ?? [],
    meirinnsynConsidered: input.meirinnsynConsidered ?? false,
    behandlingsstatus: input.behandlingsstatus ?? (input.type === 'S' ? 'SU' : null),
    writeOffMethod: input.writeOff?.method ?? null,
    writeOffDate: input.writeOff ? dateColumn(input.writeOff.date) : null,
    writeOffById: input.writeOff?.byId ?? null,
    writeOffReplyId: input.writeOff?.replyEntryId ?? null,
    registeredAt: input.registeredAt ?? null,
    lastAction: 'registered',
    lastChangedAt: options.now,
  };
  const created = await db.archiveEntry.create({ data, select: { id: true } });
  await writeAudit(db, { actor: options.actor, action: 'archive.entryCreated', entity: 'archive_entry', entityId: created.id, after: asJson(data) });
  return { id: created.id, sequence };
}

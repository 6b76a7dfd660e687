/**
 * The archive file: cases with their registry entries, approval steps and decisions, for the
 * built-in registry (`npm run archive:import`; docs/archive-example.yaml). YAML or JSON. People
 * are named by e-mail or aadObjectId and units by code, as in the organisation file, and are
 * looked up in the organisation already imported (`ArchiveDirectory`). Every problem is reported
 * in one run, each with its line and where in the file it is.
 */
import { LineCounter, parseDocument, type YAMLError } from 'yaml';
import { checkJsonSyntax, firstLine, formatOf, offsetOf } from '../../org/org-file.js';
import { renderOrgFileMessage } from '../../org/org-file-messages.js';
import { AppErrorCode } from '../../errors.js';
import { parseCaseNumber, parseEntryNumber, replyTypeFor, writeOffProblem } from '../rules.js';
import {
  AVSKRIVNINGSMATER,
  BEHANDLINGSSTATUSER,
  FLYTSTATUSER,
  JOURNALPOSTTYPER,
  JOURNALSTATUSER,
  OFFENTLEGLOVA_HJEMLER,
  SAKSSTATUSER,
  SKJERMEDE_FELT,
  TILGANGSKODER,
  type Avskrivningsmate,
  type Behandlingsstatus,
  type Flytstatus,
  type IsoDate,
  type Journalposttype,
  type Journalstatus,
  type OffentleglovaHjemmel,
  type Saksstatus,
  type SkjermetFelt,
  type Tilgangskode,
} from '../vocabulary.js';
import { ARCHIVE_FILE_MESSAGES, renderArchiveFileMessage, type ArchiveFileLanguage, type ArchiveFileMessage } from './archive-file-messages.js';

/** The organisation the file refers to: people by lower-cased e-mail or aadObjectId, units by code. */
export interface ArchiveDirectory {
  person(ref: string): { id: string } | undefined;
  unit(code: string): { id: string; parentId: string | null } | undefined;
}

export interface ImportStep {
  chain: number;
  order: number;
  approverId: string;
  senderId: string;
  flytstatus: Flytstatus;
  merknad: string | null;
  comment: string | null;
}

export interface ImportEntry {
  number: string;
  sequence: number;
  title: string;
  publicTitle: string | null;
  type: Journalposttype;
  status: Journalstatus;
  unitId: string | null;
  subUnitId: string | null;
  caseworkerId: string | null;
  receivedDate: IsoDate;
  dueDate: IsoDate | null;
  needsDueDate: boolean;
  accessCode: Tilgangskode | null;
  legalBasis: OffentleglovaHjemmel | null;
  screenedFields: SkjermetFelt[];
  meirinnsynConsidered: boolean;
  behandlingsstatus: Behandlingsstatus | null;
  writeOff: { method: Avskrivningsmate; date: IsoDate; byId: string | null; replyNumber: string | null } | null;
  approvals: ImportStep[];
}

export interface ImportDecision {
  title: string;
  decidedDate: IsoDate;
  responsibleId: string;
  entryNumber: string | null;
  receiptedDate: IsoDate | null;
  receiptedById: string | null;
}

export interface ImportCase {
  number: string;
  year: number;
  sequence: number;
  title: string;
  publicTitle: string | null;
  status: Saksstatus;
  unitId: string | null;
  saksansvarligId: string | null;
  obsDate: IsoDate | null;
  enkeltvedtak: boolean;
  /** In an order where every reply comes before the entries it writes off. */
  entries: ImportEntry[];
  decisions: ImportDecision[];
}

export interface ArchiveFile {
  cases: ImportCase[];
}

export class ArchiveFileError extends Error {
  readonly problems: string[];
  constructor(problems: string[], language: ArchiveFileLanguage = 'nb') {
    super(`${ARCHIVE_FILE_MESSAGES[language].problemCount({ count: problems.length })}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ArchiveFileError';
    this.problems = problems;
  }
}

const FIELDS = {
  file: ['cases'],
  case: ['number', 'title', 'publicTitle', 'status', 'unit', 'saksansvarlig', 'obsDate', 'enkeltvedtak', 'entries', 'decisions'],
  entry: [
    'number', 'type', 'status', 'title', 'publicTitle', 'unit', 'subUnit', 'caseworker', 'received', 'due', 'needsDueDate',
    'accessCode', 'legalBasis', 'screenedFields', 'meirinnsynConsidered', 'behandlingsstatus', 'writeOff', 'approvals',
  ],
  writeOff: ['method', 'date', 'by', 'reply'],
  step: ['approver', 'sender', 'status', 'chain', 'merknad', 'comment'],
  decision: ['title', 'decided', 'responsible', 'entry', 'receipted', 'receiptedBy'],
} as const;

type Path = (string | number)[];
interface Problem {
  path: Path;
  message: ArchiveFileMessage;
}

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/** `2026-11-02` or `2.11.2026` → `2026-11-02`, or null when it is no real date. */
export function readDate(value: string): IsoDate | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  const norwegian = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : norwegian ? [norwegian[3], norwegian[2], norwegian[1]] : [];
  if (!year || !month || !day) return null;
  const text = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text ? text : null;
}

/** Reads one mapping of the file, collecting problems under its path instead of stopping at the first. */
class Reader {
  constructor(
    readonly raw: Record<string, unknown>,
    readonly path: Path,
    readonly problems: Problem[],
    allowed: readonly string[],
  ) {
    for (const key of Object.keys(raw)) {
      if (!allowed.includes(key)) this.problem(key, { key: 'unknownField', params: { allowed: allowed.join(', ') } });
    }
  }

  problem(key: string | number | null, message: ArchiveFileMessage): void {
    this.problems.push({ path: key === null ? this.path : [...this.path, key], message });
  }

  /** Text (numbers as written: unit codes, `13`); undefined when absent or wrong. */
  text(key: string, required = false): string | undefined {
    const value = this.raw[key];
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      if (required) this.problem(key, { key: 'required' });
      return undefined;
    }
    if (typeof value === 'number') return String(value);
    if (typeof value !== 'string') {
      this.problem(key, { key: 'text' });
      return undefined;
    }
    return value.trim();
  }

  code<T extends string>(key: string, codes: readonly T[], required = false): T | undefined {
    const value = this.text(key, required);
    if (value === undefined) return undefined;
    const upper = value.toUpperCase();
    if ((codes as readonly string[]).includes(upper)) return upper as T;
    this.problem(key, { key: 'badCode', params: { value, valid: codes.join(', ') } });
    return undefined;
  }

  date(key: string, required = false): IsoDate | undefined {
    const value = this.text(key, required);
    if (value === undefined) return undefined;
    const date = readDate(value);
    if (date) return date;
    this.problem(key, { key: 'badDate', params: { value } });
    return undefined;
  }

  boolean(key: string): boolean | undefined {
    const value = this.raw[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'boolean') return value;
    this.problem(key, { key: 'boolean' });
    return undefined;
  }

  positive(key: string): number | undefined {
    const value = this.raw[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return value;
    this.problem(key, { key: 'positiveNumber' });
    return undefined;
  }

  list(key: string): unknown[] {
    const value = this.raw[key];
    if (value === undefined || value === null) return [];
    if (Array.isArray(value)) return value;
    this.problem(key, { key: 'list' });
    return [];
  }

  /** A mapping inside this one, or in a list of this one. */
  child(key: string | number, value: unknown, allowed: readonly string[], path: Path = [...this.path, key]): Reader | undefined {
    const record = asRecord(value);
    if (record) return new Reader(record, path, this.problems, allowed);
    this.problems.push({ path, message: { key: 'mapping' } });
    return undefined;
  }
}

interface Refs {
  directory: ArchiveDirectory;
  person(reader: Reader, key: string, required?: boolean): string | null;
  unit(reader: Reader, key: string): { id: string; parentId: string | null; code: string } | null;
}

function refs(directory: ArchiveDirectory): Refs {
  return {
    directory,
    person(reader, key, required = false) {
      const ref = reader.text(key, required)?.toLowerCase();
      if (ref === undefined) return null;
      const person = directory.person(ref);
      if (!person) reader.problem(key, { key: 'unknownPerson', params: { ref } });
      return person?.id ?? null;
    },
    unit(reader, key) {
      const code = reader.text(key);
      if (code === undefined) return null;
      const unit = directory.unit(code);
      if (!unit) reader.problem(key, { key: 'unknownUnit', params: { code } });
      return unit ? { ...unit, code } : null;
    },
  };
}

/** An entry as read, with where its write-off reply is in the file. */
interface ReadEntry {
  entry: ImportEntry;
  reader: Reader;
  caseNumber: string;
}

function readCase(reader: Reader, ref: Refs, seenCases: Set<string>, entries: Map<string, ReadEntry>, broken: Set<string>): ImportCase | undefined {
  const numberText = reader.text('number', true);
  const parsed = numberText === undefined ? null : parseCaseNumber(numberText);
  if (numberText !== undefined && !parsed) reader.problem('number', { key: 'caseNumber', params: { value: numberText } });
  const number = parsed ? `${parsed.year}/${parsed.sequence}` : undefined;
  if (number !== undefined) {
    if (seenCases.has(number)) reader.problem('number', { key: 'duplicateCase', params: { value: number } });
    seenCases.add(number);
  }
  const title = reader.text('title', true);
  const publicTitle = reader.text('publicTitle') ?? null;
  const status = reader.code('status', SAKSSTATUSER) ?? 'B';
  const unit = ref.unit(reader, 'unit');
  const saksansvarligId = ref.person(reader, 'saksansvarlig');
  const obsDate = reader.date('obsDate') ?? null;
  const enkeltvedtak = reader.boolean('enkeltvedtak') ?? false;

  const caseEntries: ImportEntry[] = [];
  reader.list('entries').forEach((raw, index) => {
    const entryReader = reader.child('entries', raw, FIELDS.entry, [...reader.path, 'entries', index]);
    if (!entryReader) return;
    const entry = readEntry(entryReader, ref, number);
    if (!entry) {
      // A broken entry is reported once: what refers to it is not reported as well.
      const written = entryReader.text('number');
      const known = written === undefined ? null : normaliseEntryNumber(written);
      if (known) broken.add(known);
      return;
    }
    if (entries.has(entry.number)) entryReader.problem('number', { key: 'duplicateEntry', params: { value: entry.number } });
    else entries.set(entry.number, { entry, reader: entryReader, caseNumber: number ?? '' });
    caseEntries.push(entry);
  });

  const decisions: ImportDecision[] = [];
  const decisionTitles = new Set<string>();
  reader.list('decisions').forEach((raw, index) => {
    const decisionReader = reader.child('decisions', raw, FIELDS.decision, [...reader.path, 'decisions', index]);
    if (!decisionReader) return;
    const decisionTitle = decisionReader.text('title', true);
    const decidedDate = decisionReader.date('decided', true);
    const responsibleId = ref.person(decisionReader, 'responsible', true);
    const entryText = decisionReader.text('entry');
    const entryNumber = entryText === undefined ? null : normaliseEntryNumber(entryText);
    if (entryText !== undefined && !caseEntries.some((entry) => entry.number === entryNumber) && !(entryNumber && broken.has(entryNumber))) {
      decisionReader.problem('entry', { key: 'decisionEntryUnknown', params: { value: entryText } });
    }
    const receiptedDate = decisionReader.date('receipted') ?? null;
    const receiptedById = ref.person(decisionReader, 'receiptedBy');
    if (decisionTitle !== undefined) {
      if (decisionTitles.has(decisionTitle)) decisionReader.problem('title', { key: 'duplicateDecision', params: { value: decisionTitle } });
      decisionTitles.add(decisionTitle);
    }
    if (decisionTitle === undefined || decidedDate === undefined || responsibleId === null) return;
    decisions.push({ title: decisionTitle, decidedDate, responsibleId, entryNumber, receiptedDate, receiptedById: receiptedDate ? (receiptedById ?? responsibleId) : null });
  });

  if (!parsed || title === undefined) return undefined;
  return {
    number: number!,
    year: parsed.year,
    sequence: parsed.sequence,
    title,
    publicTitle,
    status,
    unitId: unit?.id ?? null,
    saksansvarligId,
    obsDate,
    enkeltvedtak,
    entries: caseEntries,
    decisions,
  };
}

const normaliseEntryNumber = (text: string): string | null => {
  const parsed = parseEntryNumber(text);
  return parsed ? `${parsed.year}/${parsed.sequence}-${parsed.entry}` : null;
};

function readEntry(reader: Reader, ref: Refs, caseNumber: string | undefined): ImportEntry | undefined {
  const numberText = reader.text('number', true);
  const parsed = numberText === undefined ? null : parseEntryNumber(numberText);
  if (numberText !== undefined && !parsed) reader.problem('number', { key: 'entryNumber', params: { value: numberText } });
  if (parsed && caseNumber !== undefined && `${parsed.year}/${parsed.sequence}` !== caseNumber) {
    reader.problem('number', { key: 'entryNotInCase', params: { value: numberText!, caseNumber } });
  }
  const type = reader.code('type', JOURNALPOSTTYPER, true);
  const status = reader.code('status', JOURNALSTATUSER, true);
  const title = reader.text('title', true);
  const publicTitle = reader.text('publicTitle') ?? null;
  const unit = ref.unit(reader, 'unit');
  const subUnit = ref.unit(reader, 'subUnit');
  if (subUnit && reader.text('unit') === undefined) reader.problem('subUnit', { key: 'subUnitWithoutUnit' });
  else if (subUnit && unit && subUnit.parentId !== unit.id) reader.problem('subUnit', { key: 'subUnitNotUnder', params: { code: subUnit.code, unit: unit.code } });
  const caseworkerId = ref.person(reader, 'caseworker');
  const receivedDate = reader.date('received', true);
  const dueDate = reader.date('due') ?? null;
  const needsDueDate = reader.boolean('needsDueDate') ?? false;
  const accessCode = reader.code('accessCode', TILGANGSKODER) ?? null;
  const legalBasis = reader.code('legalBasis', OFFENTLEGLOVA_HJEMLER) ?? null;
  const screenedFields: SkjermetFelt[] = [];
  for (const value of reader.list('screenedFields')) {
    const field = typeof value === 'string' ? value.trim().toLowerCase() : String(value);
    if ((SKJERMEDE_FELT as readonly string[]).includes(field)) screenedFields.push(field as SkjermetFelt);
    else reader.problem('screenedFields', { key: 'badCode', params: { value: String(value), valid: SKJERMEDE_FELT.join(', ') } });
  }
  const meirinnsynConsidered = reader.boolean('meirinnsynConsidered') ?? false;
  const behandlingsstatus = reader.code('behandlingsstatus', BEHANDLINGSSTATUSER) ?? null;
  if (behandlingsstatus && type && type !== 'S') reader.problem('behandlingsstatus', { key: 'behandlingsstatusOnlyS' });

  let writeOff: ImportEntry['writeOff'] = null;
  if (reader.raw.writeOff !== undefined && reader.raw.writeOff !== null) {
    const w = reader.child('writeOff', reader.raw.writeOff, FIELDS.writeOff);
    if (w) {
      const method = w.code('method', AVSKRIVNINGSMATER, true);
      const date = w.date('date', true);
      const byId = ref.person(w, 'by');
      const replyText = w.text('reply');
      const replyNumber = replyText === undefined ? null : normaliseEntryNumber(replyText);
      if (replyText !== undefined && replyNumber === null) w.problem('reply', { key: 'entryNumber', params: { value: replyText } });
      if (method && date) writeOff = { method, date, byId, replyNumber: replyText === undefined ? null : (replyNumber ?? replyText) };
    }
  }

  const approvals: ImportStep[] = [];
  const orders = new Map<number, number>();
  reader.list('approvals').forEach((raw, index) => {
    const s = reader.child('approvals', raw, FIELDS.step, [...reader.path, 'approvals', index]);
    if (!s) return;
    const approverId = ref.person(s, 'approver', true);
    const senderId = ref.person(s, 'sender', true);
    const flytstatus = s.code('status', FLYTSTATUSER) ?? 'V';
    const chain = s.positive('chain') ?? 1;
    const order = (orders.get(chain) ?? 0) + 1;
    orders.set(chain, order);
    const merknad = s.text('merknad') ?? null;
    const comment = s.text('comment') ?? null;
    if (approverId && senderId) approvals.push({ chain, order, approverId, senderId, flytstatus, merknad, comment });
  });

  if (!parsed || !type || !status || title === undefined || receivedDate === undefined) return undefined;
  return {
    number: `${parsed.year}/${parsed.sequence}-${parsed.entry}`,
    sequence: parsed.entry,
    title,
    publicTitle,
    type,
    status,
    unitId: unit?.id ?? null,
    subUnitId: subUnit?.id ?? null,
    caseworkerId,
    receivedDate,
    dueDate,
    needsDueDate,
    accessCode,
    legalBasis,
    screenedFields,
    meirinnsynConsidered,
    behandlingsstatus: behandlingsstatus ?? (type === 'S' ? 'SU' : null),
    writeOff,
    approvals,
  };
}

/**
 * The write-offs, checked with the registry's own rule (`writeOffProblem`) against the entries of
 * the file: BU needs an outgoing U of the same case, BN and NN a note N of it.
 */
function checkWriteOffs(entries: Map<string, ReadEntry>, broken: Set<string>): void {
  for (const { entry, reader, caseNumber } of entries.values()) {
    if (!entry.writeOff) continue;
    const { method, replyNumber } = entry.writeOff;
    const wanted = replyTypeFor(method);
    const path = 'writeOff';
    const at = (key: string, message: ArchiveFileMessage) => reader.problems.push({ path: [...reader.path, path, key], message });
    const reply = replyNumber === null ? undefined : entries.get(replyNumber);
    if (replyNumber !== null && !reply && broken.has(replyNumber)) continue;
    if (wanted === null && replyNumber !== null) {
      at('reply', { key: 'replyNotNeeded', params: { method } });
      continue;
    }
    const problem = writeOffProblem(
      { id: entry.number, caseId: caseNumber, type: entry.type, status: entry.status, writeOffMethod: null },
      method,
      replyNumber === null ? undefined : reply ? { id: reply.entry.number, caseId: reply.caseNumber, type: reply.entry.type, status: reply.entry.status } : null,
    );
    if (problem === null) continue;
    if (problem === AppErrorCode.ARCHIVE_NOT_BACKLOG) at('method', { key: 'writeOffNotBacklog', params: { type: entry.type, status: entry.status } });
    else if (problem === AppErrorCode.ARCHIVE_REPLY_REQUIRED) at('method', { key: 'replyRequired', params: { method, wanted: wanted ?? 'U' } });
    else if (!reply) at('reply', { key: 'replyNotFound', params: { reply: replyNumber! } });
    else if (reply.entry.number === entry.number) at('reply', { key: 'replyItself' });
    else if (reply.caseNumber !== caseNumber) at('reply', { key: 'replyOtherCase', params: { reply: reply.entry.number, method } });
    else if (reply.entry.type !== wanted) at('reply', { key: 'replyWrongType', params: { reply: reply.entry.number, method, wanted: wanted ?? 'U', type: reply.entry.type } });
    else at('reply', { key: 'replyCancelled', params: { reply: reply.entry.number } });
  }
}

/** Puts each case's entries in an order where a reply is stored before what it writes off; a circle is a problem. */
function orderByReplies(kase: ImportCase, entries: Map<string, ReadEntry>): void {
  const ordered: ImportEntry[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (entry: ImportEntry): void => {
    if (state.get(entry.number) === 'done') return;
    if (state.get(entry.number) === 'visiting') {
      const read = entries.get(entry.number)!;
      read.reader.problems.push({ path: [...read.reader.path, 'writeOff', 'reply'], message: { key: 'replyCycle', params: { reply: entry.number } } });
      return;
    }
    state.set(entry.number, 'visiting');
    const reply = entry.writeOff?.replyNumber ? kase.entries.find((other) => other.number === entry.writeOff!.replyNumber) : undefined;
    if (reply) visit(reply);
    state.set(entry.number, 'done');
    ordered.push(entry);
  };
  kase.entries.forEach(visit);
  kase.entries = ordered;
}

/**
 * Parses and checks an archive file against the organisation in `directory`. Throws an
 * ArchiveFileError with every problem (file:line where: what) when there is any.
 */
export function parseArchiveFile(text: string, fileName: string, directory: ArchiveDirectory, { language = 'nb' }: { language?: ArchiveFileLanguage } = {}): ArchiveFile {
  const refuse = (problems: string[]) => new ArchiveFileError(problems, language);
  const format = formatOf(fileName);
  if (!format) throw refuse([`${fileName}: ${renderOrgFileMessage({ key: 'fileExtension' }, language)}`]);
  if (format === 'json') {
    const jsonProblem = checkJsonSyntax(text);
    if (jsonProblem) throw refuse([`${fileName}:${jsonProblem.line} ${renderOrgFileMessage(jsonProblem.message, language)}`]);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntax = (error: YAMLError) => {
    const line = error.linePos?.[0].line ?? lineCounter.linePos(error.pos[0]).line;
    const params = { format: format.toUpperCase(), code: error.code, detail: firstLine(error.message) };
    return `${fileName}:${line} ${renderOrgFileMessage({ key: 'syntax', params }, language)}`;
  };
  if (doc.errors.length > 0) throw refuse(doc.errors.map(syntax));
  if (doc.contents === null) throw refuse([`${fileName}:1 ${renderOrgFileMessage({ key: 'emptyFile' }, language)}`]);

  const raw: unknown = doc.toJS();
  const problems: Problem[] = [];
  const root = asRecord(raw);
  const cases: ImportCase[] = [];
  const entries = new Map<string, ReadEntry>();
  if (!root) {
    problems.push({ path: [], message: { key: 'notMapping' } });
  } else {
    const file = new Reader(root, [], problems, FIELDS.file);
    if (root.cases === undefined) file.problem('cases', { key: 'required' });
    const ref = refs(directory);
    const seen = new Set<string>();
    const broken = new Set<string>();
    file.list('cases').forEach((value, index) => {
      const reader = file.child('cases', value, FIELDS.case, ['cases', index]);
      const kase = reader && readCase(reader, ref, seen, entries, broken);
      if (kase) cases.push(kase);
    });
    checkWriteOffs(entries, broken);
    for (const kase of cases) orderByReplies(kase, entries);
  }
  if (problems.length === 0) return { cases };

  const name = (path: Path): string => {
    let text = '';
    let node: unknown = raw;
    for (const segment of path) {
      node = Array.isArray(node) ? node[segment as number] : asRecord(node)?.[segment];
      if (typeof segment === 'number') {
        const label = asRecord(node)?.number ?? asRecord(node)?.title;
        text += `[${segment}]${typeof label === 'string' || typeof label === 'number' ? ` (${label})` : ''}`;
      } else text += `${text ? '.' : ''}${segment}`;
    }
    return text;
  };
  const located = problems.map(({ path, message }) => ({
    line: lineCounter.linePos(offsetOf(doc, path)).line,
    text: `${path.length > 0 ? `${name(path)}:` : ARCHIVE_FILE_MESSAGES[language].theFile()} ${renderArchiveFileMessage(message, language)}`,
  }));
  const texts = located.sort((a, b) => a.line - b.line).map(({ line, text: problem }) => `${fileName}:${line} ${problem}`);
  throw refuse([...new Set(texts)]);
}

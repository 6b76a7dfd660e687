/**
 * The organisation file an administrator writes (PRODUCT.md §1, docs/ORGANISATION.md): subject
 * areas, units with their leader and deputies, and people with their roles. YAML or JSON; see
 * domain/org/demo-organisation.yaml.
 */
import { extname } from 'node:path';
import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node,
  type YAMLError,
} from 'yaml';
import { z } from 'zod';
import { Locale, Role } from '../../prisma/generated/enums.js';
import {
  isOrgFileMessageKey,
  ORG_FILE_MESSAGES,
  renderOrgFileMessage,
  type OrgFileLanguage,
  type OrgFileMessage,
  type OrgFileMessageKey,
  type ValueKind,
} from './org-file-messages.js';

export type { OrgFileLanguage } from './org-file-messages.js';

export class OrgFileError extends Error {
  readonly problems: string[];
  constructor(problems: string[], language: OrgFileLanguage = 'nb') {
    const count = ORG_FILE_MESSAGES[language].problemCount({ count: problems.length });
    super(`${count}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'OrgFileError';
    this.problems = problems;
  }
}

export interface ParseOrganisationFileOptions {
  /** The language of the problems reported; bokmål unless asked otherwise. */
  language?: OrgFileLanguage;
}

/**
 * Schemas carry message keys, not words: the words are chosen when the problems are reported,
 * in the language asked for.
 */
const key = (messageKey: OrgFileMessageKey) => messageKey;

const ROLE_NAMES = Object.values(Role);
/** Roles that mean nothing without a subject area: the adviser or specialist is *for* a subject area. */
const ROLES_NEEDING_SUBJECT_AREA: readonly Role[] = [Role.prosessradgiver, Role.fagspesialist];
/** Leader and deputy follow from the units; people write them as roles anyway. */
const NOT_FILE_ROLES: Record<string, 'leaderAsRole' | 'deputyAsRole'> = {
  leder: 'leaderAsRole',
  leiar: 'leaderAsRole',
  leader: 'leaderAsRole',
  stedfortreder: 'deputyAsRole',
  stadfortredar: 'deputyAsRole',
  deputy: 'deputyAsRole',
};

// Administrators write numeric unit codes (e.g. 1200) without quotes; YAML reads those as numbers.
const numberToString = (value: unknown) => (typeof value === 'number' ? String(value) : value);
const lowerCase = (value: unknown) => (typeof value === 'string' ? value.trim().toLowerCase() : value);
const roleKey = (name: string) =>
  name.trim().toLowerCase().replace(/å/g, 'a').replace(/ø/g, 'o').replace(/æ/g, 'ae');
const roleOf = (name: string): Role | undefined => {
  const candidate = roleKey(name);
  return (ROLE_NAMES as string[]).includes(candidate) ? (candidate as Role) : undefined;
};

const ZText = z.string().trim().min(1, key('notEmpty'));
const ZCode = z.preprocess(numberToString, ZText);

const ZAadObjectId = z
  .string()
  .trim()
  .min(1, key('notEmpty'))
  // Not a strict GUID check: the Agents Playground's mock users have ids like 00000000-…-0000000000020.
  .regex(/^[0-9a-fA-F-]+$/, key('aadObjectId'))
  .transform((value) => value.toLowerCase());

const ZEmail = z
  .string()
  .trim()
  .email(key('email'))
  .transform((value) => value.toLowerCase());

/** A person named by e-mail or aadObjectId. */
const ZPersonRef = z
  .string()
  .trim()
  .min(1, key('personRef'))
  .transform((value) => value.toLowerCase());

const ZRoleName = z.string().transform((value, ctx): Role => {
  const role = roleOf(value);
  if (role) return role;
  ctx.addIssue({
    code: z.ZodIssueCode.custom,
    message: NOT_FILE_ROLES[roleKey(value)] ?? key('unknownRole'),
    params: { value, valid: ROLE_NAMES.join(', ') },
  });
  return z.NEVER;
});

const ZRoleAssignment = z.union([
  ZRoleName.transform((role) => ({ role, unit: undefined, subjectAreas: [] as string[] })),
  z
    .object({
      role: ZRoleName,
      /** Scope the role to a unit, e.g. a process adviser for one department. */
      unit: ZCode.optional(),
      subjectAreas: z.array(ZCode).default([]),
    })
    .strict(key('roleFields')),
]);

/** `07:30`; `7:30` and `07.30` are read as the same time. */
const ZTimeOfDay = z.preprocess(
  numberToString,
  z
    .string()
    .trim()
    .regex(/^([01]?\d|2[0-3])[:.]([0-5]\d)$/, key('timeOfDay'))
    .transform((value) => value.replace('.', ':').padStart(5, '0')),
);

/** When the daily card goes out unless the file says otherwise (Europe/Oslo wall clock). */
export const DEFAULT_DAILY_CARD_TIME = '07:30';

const ZOrganisationShape = z
  .object({
    organisation: ZText.optional(),
    /** The post address (postmottak) people name in their automatic e-mail reply when away. */
    postAddress: ZEmail.optional(),
    /** The time of the daily card, HH:MM, Europe/Oslo, on working days. */
    dailyCardTime: ZTimeOfDay.default(DEFAULT_DAILY_CARD_TIME),
    subjectAreas: z.array(z.object({ code: ZCode, name: ZText }).strict(key('subjectAreaFields'))).default([]),
    units: z.array(
      z
        .object({
          code: ZCode,
          name: ZText,
          parent: ZCode.optional(),
          leader: ZPersonRef.optional(),
          /** In the order they step in for the leader. */
          deputies: z.array(ZPersonRef).default([]),
        })
        .strict(key('unitFields')),
    ),
    people: z.array(
      z
        .object({
          aadObjectId: ZAadObjectId,
          name: ZText,
          email: ZEmail,
          locale: z.preprocess(lowerCase, z.nativeEnum(Locale, { message: key('locale') })).optional(),
          unit: ZCode.optional(),
          roles: z.array(ZRoleAssignment).default([]),
        })
        .strict(key('personFields')),
    ),
  })
  .strict(key('fileFields'));

type Shape = z.output<typeof ZOrganisationShape>;

/**
 * The whole file, checked. A unit's `leader` and `deputies` are aadObjectIds (the file may name
 * them by e-mail).
 */
export type OrganisationFile = Shape;

/** A problem before it is put into words: where, and which message. */
interface Problem {
  path: PropertyKey[];
  message: OrgFileMessage;
}

const VALUE_KINDS: Record<string, ValueKind> = { string: 'text', number: 'number', array: 'list', object: 'mapping' };

function messageOf(issue: z.ZodIssue): OrgFileMessage {
  if (issue.code === z.ZodIssueCode.invalid_type && issue.received === 'undefined') return { key: 'required' };
  if (isOrgFileMessageKey(issue.message)) {
    // Only our own custom issues carry parameters, and they carry the ones their message takes.
    const params: unknown = issue.code === z.ZodIssueCode.custom ? issue.params : undefined;
    return { key: issue.message, params } as OrgFileMessage;
  }
  if (issue.code === z.ZodIssueCode.invalid_type) {
    const kind = VALUE_KINDS[issue.expected];
    if (!kind) return { key: 'wrongType' };
    return { key: issue.received === 'null' ? 'emptyMustBe' : 'mustBe', params: { kind } };
  }
  if (issue.code === z.ZodIssueCode.invalid_union) return { key: 'roleForm' };
  return { key: 'invalidValue' };
}

function fieldProblems(error: z.ZodError): Problem[] {
  return error.issues
    .flatMap(specificIssues)
    .flatMap((issue) =>
      issue.code === z.ZodIssueCode.unrecognized_keys
        ? issue.keys.map((unknownKey) => ({ path: [...issue.path, unknownKey], message: messageOf(issue) }))
        : [{ path: issue.path, message: messageOf(issue) }],
    );
}

// --- Cross-references -------------------------------------------------------------------------
// They are read from the file as written, not from the schema's output, so that one run reports
// them alongside the field errors (a schema stops at the first broken field of an entry).

interface UnitRefs {
  code?: string;
  parent?: string;
  leader?: string;
  deputies: (string | undefined)[];
}
interface RoleRefs {
  role?: Role;
  unit?: string;
  /** Undefined when the field is there but not a list (a field error says so). */
  subjectAreas?: (string | undefined)[];
}
interface PersonRefs {
  aadObjectId?: string;
  email?: string;
  unit?: string;
  roles: (RoleRefs | undefined)[];
}
/** A list is undefined when it cannot be read; references into it are then not checked. */
interface OrgRefs {
  subjectAreas?: ({ code?: string } | undefined)[];
  units?: (UnitRefs | undefined)[];
  people?: (PersonRefs | undefined)[];
}

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
const asList = (value: unknown): unknown[] | undefined => (Array.isArray(value) ? value : undefined);
const textOf = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
const codeOf = (value: unknown) => textOf(numberToString(value));
const personKeyOf = (value: unknown) => textOf(value)?.toLowerCase();
/** An optional list: absent is empty, anything else but a list is unreadable. */
const optionalList = (value: unknown) => (value === undefined ? [] : asList(value));

function readRefs(raw: unknown): OrgRefs | undefined {
  const file = asRecord(raw);
  if (!file) return undefined;
  return {
    subjectAreas: optionalList(file.subjectAreas)?.map((entry) => {
      const area = asRecord(entry);
      return area && { code: codeOf(area.code) };
    }),
    units: asList(file.units)?.map((entry) => {
      const unit = asRecord(entry);
      return (
        unit && {
          code: codeOf(unit.code),
          parent: codeOf(unit.parent),
          leader: personKeyOf(unit.leader),
          deputies: (asList(unit.deputies) ?? []).map(personKeyOf),
        }
      );
    }),
    people: asList(file.people)?.map((entry) => {
      const person = asRecord(entry);
      return (
        person && {
          aadObjectId: personKeyOf(person.aadObjectId),
          email: personKeyOf(person.email),
          unit: codeOf(person.unit),
          roles: (asList(person.roles) ?? []).map(readRoleRefs),
        }
      );
    }),
  };
}

function readRoleRefs(value: unknown): RoleRefs | undefined {
  if (typeof value === 'string') return { role: roleOf(value), subjectAreas: [] };
  const assignment = asRecord(value);
  if (!assignment) return undefined;
  return {
    role: typeof assignment.role === 'string' ? roleOf(assignment.role) : undefined,
    unit: codeOf(assignment.unit),
    subjectAreas: optionalList(assignment.subjectAreas)?.map(codeOf),
  };
}

/** `people[12] (Ola Nordmann)`, `units[3] (OKO)`: the entry as an administrator finds it again. */
type EntryName = (list: string, index: number) => string;

function entryNamer(raw: unknown): EntryName {
  const file = asRecord(raw);
  return (list, index) => {
    const entry = asRecord(asList(file?.[list])?.[index]);
    const label =
      list === 'people'
        ? (textOf(entry?.name) ?? textOf(entry?.email) ?? textOf(entry?.aadObjectId))
        : list === 'units'
          ? codeOf(entry?.code)
          : undefined;
    return label ? `${list}[${index}] (${label})` : `${list}[${index}]`;
  };
}

function firstIndexes<T>(
  items: (T | undefined)[],
  keyOf: (item: T) => string | undefined,
  onDuplicate: (index: number, first: number) => void,
): Map<string, number> {
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const itemKey = item === undefined ? undefined : keyOf(item);
    if (itemKey === undefined) return;
    const first = seen.get(itemKey);
    if (first === undefined) seen.set(itemKey, index);
    else onDuplicate(index, first);
  });
  return seen;
}

/** Cross-references the schema alone cannot see: unknown codes and people, duplicates, cycles. */
function checkReferences(refs: OrgRefs, entry: EntryName): Problem[] {
  const problems: Problem[] = [];
  const problem = (path: PropertyKey[], message: OrgFileMessage) => problems.push({ path, message });
  const firstAt = (list: string, first: number) => ({ first: entry(list, first) });

  const areaCodes =
    refs.subjectAreas &&
    firstIndexes(
      refs.subjectAreas,
      (area) => area.code,
      (i, first) =>
        problem(['subjectAreas', i, 'code'], { key: 'duplicateSubjectArea', params: firstAt('subjectAreas', first) }),
    );
  const unitCodes =
    refs.units &&
    firstIndexes(
      refs.units,
      (unit) => unit.code,
      (i, first) => problem(['units', i, 'code'], { key: 'duplicateUnit', params: firstAt('units', first) }),
    );
  const byId =
    refs.people &&
    firstIndexes(
      refs.people,
      (person) => person.aadObjectId,
      (i, first) =>
        problem(['people', i, 'aadObjectId'], { key: 'duplicateAadObjectId', params: firstAt('people', first) }),
    );
  const byEmail =
    refs.people &&
    firstIndexes(
      refs.people,
      (person) => person.email,
      (i, first) => problem(['people', i, 'email'], { key: 'duplicateEmail', params: firstAt('people', first) }),
    );

  const knownList = (codes: Map<string, number>) => {
    const list = [...codes.keys()];
    return list.length <= 20 ? list.join(', ') : '';
  };
  const checkUnit = (path: PropertyKey[], code: string | undefined) => {
    if (code === undefined || !unitCodes || unitCodes.has(code)) return;
    problem(path, { key: 'unknownUnit', params: { code, list: knownList(unitCodes) } });
  };
  const personIndex = (ref: string) => byId?.get(ref) ?? byEmail?.get(ref);
  const checkPerson = (path: PropertyKey[], ref: string) => {
    if (byId && personIndex(ref) === undefined) problem(path, { key: 'unknownPerson', params: { ref } });
  };

  refs.units?.forEach((unit, i) => {
    if (!unit) return;
    checkUnit(['units', i, 'parent'], unit.parent);
    if (unit.leader !== undefined) checkPerson(['units', i, 'leader'], unit.leader);
    const leaderIndex = unit.leader === undefined ? undefined : personIndex(unit.leader);
    const deputyIndexes = new Set<number>();
    unit.deputies.forEach((deputy, d) => {
      if (deputy === undefined) return;
      const path = ['units', i, 'deputies', d];
      checkPerson(path, deputy);
      const index = personIndex(deputy);
      if (index === undefined) return;
      if (index === leaderIndex) problem(path, { key: 'leaderAsOwnDeputy' });
      else if (deputyIndexes.has(index)) problem(path, { key: 'deputyTwice' });
      deputyIndexes.add(index);
    });
  });
  if (refs.units && unitCodes) checkParentCycles(refs.units, unitCodes, problem);

  refs.people?.forEach((person, p) => {
    if (!person) return;
    checkUnit(['people', p, 'unit'], person.unit);
    person.roles.forEach((assignment, r) => {
      if (!assignment) return;
      const path = ['people', p, 'roles', r];
      checkUnit([...path, 'unit'], assignment.unit);
      assignment.subjectAreas?.forEach((code, s) => {
        if (code === undefined || !areaCodes || areaCodes.has(code)) return;
        problem([...path, 'subjectAreas', s], {
          key: 'unknownSubjectArea',
          params: { code, list: knownList(areaCodes) },
        });
      });
      const { role } = assignment;
      if (role && ROLES_NEEDING_SUBJECT_AREA.includes(role) && assignment.subjectAreas?.length === 0) {
        problem(path, { key: 'roleNeedsSubjectArea', params: { role } });
      }
    });
  });
  return problems;
}

function checkParentCycles(
  units: (UnitRefs | undefined)[],
  unitCodes: Map<string, number>,
  problem: (path: PropertyKey[], message: OrgFileMessage) => void,
): void {
  const reported = new Set<number>();
  units.forEach((_, start) => {
    const chain: number[] = [];
    let current: number | undefined = start;
    while (current !== undefined && !chain.includes(current)) {
      chain.push(current);
      const parent: string | undefined = units[current]?.parent;
      current = parent === undefined ? undefined : unitCodes.get(parent);
    }
    if (current === undefined) return;
    const cycle = chain.slice(chain.indexOf(current));
    if (cycle.some((index) => reported.has(index))) return;
    cycle.forEach((index) => reported.add(index));
    const first = Math.min(...cycle);
    const from = cycle.indexOf(first);
    const codes = [...cycle.slice(from), ...cycle.slice(0, from), first].map((index) => units[index]?.code ?? '?');
    problem(['units', first, 'parent'], { key: 'parentCycle', params: { codes: codes.join(' → ') } });
  });
}

/** Leader and deputies are written as e-mail or aadObjectId; after parsing they are aadObjectIds. */
function resolvePersonRefs(file: Shape): Shape {
  const idOf = new Map<string, string>();
  for (const person of file.people) {
    idOf.set(person.aadObjectId, person.aadObjectId);
    idOf.set(person.email, person.aadObjectId);
  }
  const resolve = (ref: string) => idOf.get(ref) ?? ref;
  return {
    ...file,
    units: file.units.map((unit) => ({
      ...unit,
      leader: unit.leader === undefined ? undefined : resolve(unit.leader),
      deputies: unit.deputies.map(resolve),
    })),
  };
}

type Format = 'yaml' | 'json';

export function formatOf(fileName: string): Format | undefined {
  const extension = extname(fileName).toLowerCase();
  if (extension === '.json') return 'json';
  if (extension === '.yaml' || extension === '.yml') return 'yaml';
  return undefined;
}

/**
 * Parses and checks an organisation file. Every problem in the file is reported at once (field
 * errors, duplicates, unknown references), each with file, line and field, and the person or
 * unit it concerns.
 */
export function parseOrganisationFile(
  text: string,
  fileName: string,
  { language = 'nb' }: ParseOrganisationFileOptions = {},
): OrganisationFile {
  const say = (message: OrgFileMessage) => renderOrgFileMessage(message, language);
  const refuse = (problems: string[]) => new OrgFileError(problems, language);

  const format = formatOf(fileName);
  if (!format) throw refuse([`${fileName}: ${say({ key: 'fileExtension' })}`]);

  if (format === 'json') {
    const jsonProblem = checkJsonSyntax(text);
    if (jsonProblem) throw refuse([`${fileName}:${jsonProblem.line} ${say(jsonProblem.message)}`]);
  }

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const syntaxProblem = (error: YAMLError) => {
    const line = error.linePos?.[0].line ?? lineCounter.linePos(error.pos[0]).line;
    const params = { format: format.toUpperCase(), code: error.code, detail: firstLine(error.message) };
    return { line, text: `${fileName}:${line} ${say({ key: 'syntax', params })}` };
  };
  // After the first syntax error the parser's further complaints mostly follow from it. A key
  // written twice is a problem of its own, and leaves a document that can be checked further.
  const firstSyntaxError = doc.errors.find((error) => error.code !== 'DUPLICATE_KEY');
  const duplicateKeys = doc.errors.filter((error) => error.code === 'DUPLICATE_KEY').map(syntaxProblem);
  if (firstSyntaxError) {
    const reported = [...duplicateKeys, syntaxProblem(firstSyntaxError)].sort((x, y) => x.line - y.line);
    throw refuse(reported.map((problem) => problem.text));
  }

  if (doc.contents === null) throw refuse([`${fileName}:1 ${say({ key: 'emptyFile' })}`]);

  const raw: unknown = doc.toJS();
  const parsed = ZOrganisationShape.safeParse(raw);
  const refs = readRefs(raw);
  const entry = entryNamer(raw);
  const problems = [
    ...(parsed.success ? [] : fieldProblems(parsed.error)),
    ...(refs ? checkReferences(refs, entry) : []),
  ];
  if (parsed.success && problems.length === 0 && duplicateKeys.length === 0) return resolvePersonRefs(parsed.data);

  const located = problems.map(({ path, message }) => {
    const line = lineCounter.linePos(offsetOf(doc, path)).line;
    const where = path.length > 0 ? `${formatPath(path, entry)}:` : say({ key: 'theFile' });
    return { line, text: `${fileName}:${line} ${where} ${say(message)}` };
  });
  const texts = [...duplicateKeys, ...located].sort((a, b) => a.line - b.line).map((problem) => problem.text);
  throw refuse([...new Set(texts)]);
}

/**
 * A role is a name or an object; when both readings fail, report what went wrong in the one the
 * administrator evidently meant (the one that got past the type check).
 */
function specificIssues(issue: z.ZodIssue): z.ZodIssue[] {
  if (issue.code !== z.ZodIssueCode.invalid_union) return [issue];
  const isTypeMismatch = (inner: z.ZodIssue) =>
    inner.code === z.ZodIssueCode.invalid_type && inner.path.length === issue.path.length;
  const meant = issue.unionErrors.find((error) => !error.issues.every(isTypeMismatch));
  return meant ? meant.issues.flatMap(specificIssues) : [issue];
}

export function checkJsonSyntax(text: string): { line: number; message: OrgFileMessage } | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const message = (error as Error).message;
    // Node 20 says "at position N"; newer versions add "(line L column C)".
    const lineMatch = /\(line (\d+) column \d+\)$/.exec(message);
    const positionMatch = / at position (\d+)/.exec(message);
    const position = positionMatch ? Number(positionMatch[1]) : undefined;
    const before = position === undefined ? undefined : text.slice(0, position);
    const line = lineMatch ? Number(lineMatch[1]) : before !== undefined ? before.split('\n').length : 1;
    const params = {
      detail: message.replace(/ in JSON at position \d+.*$/, ''),
      character: position === undefined ? undefined : text[position],
      column: before === undefined ? undefined : before.length - before.lastIndexOf('\n'),
      atEnd: /end of JSON input/.test(message),
    };
    return { line, message: { key: 'jsonSyntax', params } };
  }
}

export function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/** `people[3] (Ola Nordmann).roles[0].role`, as an administrator would point at it. */
function formatPath(path: PropertyKey[], entry: EntryName): string {
  const [list, index, ...rest] = path;
  const named = typeof list === 'string' && typeof index === 'number';
  const head = named ? entry(list, index) : '';
  return (named ? rest : path)
    .map((segment, i) =>
      typeof segment === 'number' ? `[${segment}]` : `${i === 0 && !named ? '' : '.'}${String(segment)}`,
    )
    .reduce((text, segment) => text + segment, head);
}

/** Start offset of the node at `path`, or of the nearest ancestor that exists (a missing field). */
export function offsetOf(doc: Document, path: PropertyKey[]): number {
  let node: Node | null | undefined = doc.contents;
  let offset = node?.range?.[0] ?? 0;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === segment);
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      node = item;
    } else {
      break;
    }
    offset = node?.range?.[0] ?? offset;
  }
  return offset;
}

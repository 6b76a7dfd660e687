/**
 * The organisation file an administrator writes (PRODUCT.md §1): subject areas, units with their
 * leader and deputies, and people with their roles. YAML or JSON; see domain/org/demo-organisation.yaml.
 */
import { extname } from 'node:path';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { z } from 'zod';
import { Locale, Role } from '../../prisma/generated/enums.js';

export class OrgFileError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`The organisation file has ${problems.length} problem(s):\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'OrgFileError';
    this.problems = problems;
  }
}

const ROLE_NAMES = Object.values(Role);
/** Roles that mean nothing without a subject area: the adviser or specialist is *for* a subject area. */
const ROLES_NEEDING_SUBJECT_AREA: readonly Role[] = [Role.prosessradgiver, Role.fagspesialist];
const LEADER_HINT = 'a unit\'s leader is set with "leader:" on the unit, not as a role';
const DEPUTY_HINT = 'deputies are listed with "deputies:" on the unit, not as a role';
/** Leader and deputy follow from the units; people write them as roles anyway. */
const NOT_FILE_ROLES: Record<string, string> = {
  leder: LEADER_HINT,
  leiar: LEADER_HINT,
  leader: LEADER_HINT,
  stedfortreder: DEPUTY_HINT,
  stadfortredar: DEPUTY_HINT,
  deputy: DEPUTY_HINT,
};

// Administrators write numeric unit codes (e.g. 1200) without quotes; YAML reads those as numbers.
const numberToString = (value: unknown) => (typeof value === 'number' ? String(value) : value);
const lowerCase = (value: unknown) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

const ZText = z.string().trim().min(1, 'must not be empty');
const ZCode = z.preprocess(numberToString, ZText);

const ZAadObjectId = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  // Not a strict GUID check: the Agents Playground's mock users have ids like 00000000-…-0000000000020.
  .regex(/^[0-9a-fA-F-]+$/, 'must be an Entra ID object id (hex digits and dashes)')
  .transform((value) => value.toLowerCase());

const ZEmail = z
  .string()
  .trim()
  .email('must be an e-mail address')
  .transform((value) => value.toLowerCase());

/** A person named by e-mail or aadObjectId. */
const ZPersonRef = z
  .string()
  .trim()
  .min(1, 'must name a person by e-mail or aadObjectId')
  .transform((value) => value.toLowerCase());

const ZRoleName = z.string().transform((value, ctx): Role => {
  const key = value.trim().toLowerCase().replace(/å/g, 'a').replace(/ø/g, 'o').replace(/æ/g, 'ae');
  if ((ROLE_NAMES as string[]).includes(key)) return key as Role;
  const hint = NOT_FILE_ROLES[key];
  ctx.addIssue({
    code: z.ZodIssueCode.custom,
    message: hint ? `"${value}": ${hint}` : `unknown role "${value}"; valid roles are ${ROLE_NAMES.join(', ')}`,
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
    .strict('unknown field; a role is written as a name or as { role, unit, subjectAreas }'),
]);

const ZOrganisationShape = z
  .object({
    organisation: ZText.optional(),
    subjectAreas: z
      .array(
        z
          .object({ code: ZCode, name: ZText })
          .strict('unknown field; a subject area has code and name'),
      )
      .default([]),
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
        .strict('unknown field; a unit has code, name, parent, leader and deputies'),
    ),
    people: z.array(
      z
        .object({
          aadObjectId: ZAadObjectId,
          name: ZText,
          email: ZEmail,
          locale: z
            .preprocess(lowerCase, z.nativeEnum(Locale, { errorMap: () => ({ message: 'must be nb, nn or en' }) }))
            .optional(),
          unit: ZCode.optional(),
          roles: z.array(ZRoleAssignment).default([]),
        })
        .strict('unknown field; a person has aadObjectId, name, email, locale, unit and roles'),
    ),
  })
  .strict('unknown field; the file has organisation, subjectAreas, units and people');

type Shape = z.output<typeof ZOrganisationShape>;

/**
 * The whole file, checked. After parsing, a unit's `leader` and `deputies` are aadObjectIds
 * (the file may name them by e-mail).
 */
export const ZOrganisationFile = ZOrganisationShape.superRefine(checkReferences).transform(resolvePersonRefs);

export type OrganisationFile = z.output<typeof ZOrganisationFile>;

function firstIndexes<T>(items: T[], key: (item: T) => string, onDuplicate: (index: number, first: number) => void) {
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const first = seen.get(key(item));
    if (first === undefined) seen.set(key(item), index);
    else onDuplicate(index, first);
  });
  return seen;
}

/** Cross-references the schema alone cannot see: unknown codes and people, duplicates, cycles. */
function checkReferences(file: Shape, ctx: z.RefinementCtx): void {
  const problem = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });

  const areaCodes = firstIndexes(
    file.subjectAreas,
    (area) => area.code,
    (i, first) => problem(['subjectAreas', i, 'code'], `duplicate subject area code (first at subjectAreas[${first}])`),
  );
  const unitCodes = firstIndexes(
    file.units,
    (unit) => unit.code,
    (i, first) => problem(['units', i, 'code'], `duplicate unit code (first at units[${first}])`),
  );
  const byId = firstIndexes(
    file.people,
    (person) => person.aadObjectId,
    (i, first) => problem(['people', i, 'aadObjectId'], `duplicate aadObjectId (first at people[${first}])`),
  );
  const byEmail = firstIndexes(
    file.people,
    (person) => person.email,
    (i, first) => problem(['people', i, 'email'], `duplicate e-mail address (first at people[${first}])`),
  );

  const knownList = (codes: Map<string, number>) => {
    const list = [...codes.keys()];
    return list.length <= 20 ? ` (known: ${list.join(', ') || 'none'})` : '';
  };
  const checkUnit = (path: (string | number)[], code: string | undefined) => {
    if (code !== undefined && !unitCodes.has(code)) problem(path, `unknown unit code "${code}"${knownList(unitCodes)}`);
  };
  const checkPerson = (path: (string | number)[], ref: string) => {
    if (!byId.has(ref) && !byEmail.has(ref)) problem(path, `no person with e-mail or aadObjectId "${ref}" in people`);
  };

  file.units.forEach((unit, i) => {
    checkUnit(['units', i, 'parent'], unit.parent);
    if (unit.leader !== undefined) checkPerson(['units', i, 'leader'], unit.leader);
    const leaderIndex = unit.leader === undefined ? undefined : (byId.get(unit.leader) ?? byEmail.get(unit.leader));
    const deputyIndexes = new Set<number>();
    unit.deputies.forEach((deputy, d) => {
      const path = ['units', i, 'deputies', d];
      checkPerson(path, deputy);
      const index = byId.get(deputy) ?? byEmail.get(deputy);
      if (index === undefined) return;
      if (index === leaderIndex) problem(path, "is the unit's leader and cannot be their own deputy");
      else if (deputyIndexes.has(index)) problem(path, 'is listed twice as deputy');
      deputyIndexes.add(index);
    });
  });
  checkParentCycles(file.units, unitCodes, problem);

  file.people.forEach((person, p) => {
    checkUnit(['people', p, 'unit'], person.unit);
    person.roles.forEach((assignment, r) => {
      const path = ['people', p, 'roles', r];
      checkUnit([...path, 'unit'], assignment.unit);
      assignment.subjectAreas.forEach((code, s) => {
        if (!areaCodes.has(code)) {
          problem([...path, 'subjectAreas', s], `unknown subject area code "${code}"${knownList(areaCodes)}`);
        }
      });
      if (ROLES_NEEDING_SUBJECT_AREA.includes(assignment.role) && assignment.subjectAreas.length === 0) {
        problem(
          path,
          `${assignment.role} needs a subject area: write { role: ${assignment.role}, subjectAreas: [CODE] }`,
        );
      }
    });
  });
}

function checkParentCycles(
  units: { code: string; parent?: string }[],
  unitCodes: Map<string, number>,
  problem: (path: (string | number)[], message: string) => void,
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
    const codes = [...cycle.slice(from), ...cycle.slice(0, from), first].map((index) => units[index]!.code);
    problem(['units', first, 'parent'], `units form a parent cycle: ${codes.join(' → ')}`);
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

function formatOf(fileName: string): Format | undefined {
  const extension = extname(fileName).toLowerCase();
  if (extension === '.json') return 'json';
  if (extension === '.yaml' || extension === '.yml') return 'yaml';
  return undefined;
}

/** Parses and checks an organisation file; every problem names file, line and field. */
export function parseOrganisationFile(text: string, fileName: string): OrganisationFile {
  const format = formatOf(fileName);
  if (!format) throw new OrgFileError([`${fileName}: the file name must end in .yaml, .yml or .json`]);

  if (format === 'json') {
    const jsonProblem = checkJsonSyntax(text, fileName);
    if (jsonProblem) throw new OrgFileError([jsonProblem]);
  }

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const kind = format === 'json' ? 'JSON' : 'YAML';
    // After the first syntax error the parser's further complaints mostly follow from it;
    // a key written twice is a problem of its own.
    const firstSyntaxError = doc.errors.find((error) => error.code !== 'DUPLICATE_KEY');
    const reported = doc.errors.filter((error) => error.code === 'DUPLICATE_KEY' || error === firstSyntaxError);
    throw new OrgFileError(
      reported.map((error) => {
        const line = error.linePos?.[0].line ?? lineCounter.linePos(error.pos[0]).line;
        return `${fileName}:${line} not valid ${kind}: ${firstLine(error.message)}`;
      }),
    );
  }

  if (doc.contents === null) throw new OrgFileError([`${fileName}:1 the file is empty`]);

  const parsed = ZOrganisationFile.safeParse(doc.toJS(), { errorMap: friendlyErrorMap });
  if (parsed.success) return parsed.data;

  const problems = parsed.error.issues
    .flatMap(specificIssues)
    .flatMap((issue) =>
      issue.code === z.ZodIssueCode.unrecognized_keys
        ? issue.keys.map((key) => ({ path: [...issue.path, key], message: issue.message }))
        : [{ path: issue.path, message: issue.message }],
    )
    .map(({ path, message }) => {
      const line = lineCounter.linePos(offsetOf(doc, path)).line;
      const where = path.length > 0 ? `${formatPath(path)}:` : 'the file';
      return { line, text: `${fileName}:${line} ${where} ${message}` };
    })
    .sort((a, b) => a.line - b.line);
  throw new OrgFileError(problems.map((problem) => problem.text));
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

function checkJsonSyntax(text: string, fileName: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const message = (error as Error).message;
    // Node 20 says "at position N"; newer versions add "(line L column C)".
    const lineMatch = /\(line (\d+) column \d+\)$/.exec(message);
    const positionMatch = / at position (\d+)/.exec(message);
    const line = lineMatch
      ? Number(lineMatch[1])
      : positionMatch
        ? text.slice(0, Number(positionMatch[1])).split('\n').length
        : 1;
    return `${fileName}:${line} not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`;
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/** `people[3].roles[0].role`, as an administrator would point at it. */
function formatPath(path: PropertyKey[]): string {
  return path
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`,
    )
    .join('');
}

/** Start offset of the node at `path`, or of the nearest ancestor that exists (a missing field). */
function offsetOf(doc: Document, path: PropertyKey[]): number {
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

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  array: 'a list',
  object: 'a mapping (key: value)',
};

const friendlyErrorMap: z.ZodErrorMap = (issue, ctx) => {
  if (issue.code === z.ZodIssueCode.invalid_type) {
    if (issue.received === 'undefined') return { message: 'is required' };
    const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
    return { message: issue.received === 'null' ? `is empty; must be ${expected}` : `must be ${expected}` };
  }
  if (issue.code === z.ZodIssueCode.invalid_union) {
    return { message: 'must be a role name or { role, unit, subjectAreas }' };
  }
  return { message: ctx.defaultError };
};

/**
 * The registry's reads for the daily cards. Each is ONE statement for the whole list of people
 * or units (each owner's list capped and the rest counted: rankedStatement), so a daily run makes
 * a fixed number of queries however many people it serves. Owners with nothing are left out.
 */
import { idIn, idTable, Prisma, sql, type DbClient } from '../../db.js';
import type {
  ApprovalStep,
  ArchiveCase,
  ArchiveControlLists,
  ArchiveEntry,
  CappedList,
  CaseForClosing,
  DecisionFollowUp,
  ListedCase,
  ListedDecision,
  ListedEntry,
  ListGroup,
  ListOptions,
  PersonLists,
  PersonListsOptions,
  UnitBacklogCount,
  WindowOptions,
} from '../port.js';
import { addDays, isIsoDate } from '../rules.js';
import { AppError, AppErrorCode } from '../../errors.js';
import {
  BACKLOG,
  CASE_COLUMNS,
  CASE_FROM,
  DECISION_COLUMNS,
  DECISION_FROM,
  ENTRY_COLUMNS,
  ENTRY_FROM,
  LINE_SEPARATOR,
  LISTED_CASE_LINE,
  LISTED_DECISION_LINE,
  LISTED_ENTRY_FROM,
  LISTED_ENTRY_LINE,
  listedCaseOfLine,
  listedDecisionOfLine,
  listedEntryOfLine,
  STEP_COLUMNS,
  STEP_FROM,
  STEP_LINE,
  stepOfLine,
  toCase,
  toDecision,
  toEntry,
  toStep,
  type CaseRow,
  type DecisionRow,
  type EntryRow,
  type StepRow,
} from './rows.js';

export const DEFAULT_LIMIT = 10;

/** One owner's list as a ranked read sends it: the count, and the kept rows as lines (LINE_SEPARATOR between them). */
type RankedRow = { ownerId: string; total: number; lines: string };

const limitOf = (options: ListOptions | undefined): number => {
  const limit = options?.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 0) throw new AppError(AppErrorCode.INVALID_INPUT, { message: `list limit ${limit} is not a whole number ≥ 0` });
  return limit;
};

const windowEnd = (options: WindowOptions): string => {
  if (!isIsoDate(options.today) || !Number.isInteger(options.withinDays)) {
    throw new AppError(AppErrorCode.INVALID_INPUT, { message: `window ${options.today} + ${options.withinDays} days is not a date and a number of days` });
  }
  return addDays(options.today, options.withinDays);
};

/** One kind of row: its bare table (alias and all) to rank over, and how a kept row is read and sent. */
interface RowSource<T> {
  /** The table (or a subquery) with the alias the conditions use, e.g. `archive_entry e`. */
  base: Prisma.Sql;
  /** Its key in the base, e.g. `e.id`. */
  key: Prisma.Sql;
  /** A kept row as one line of text over `from` (rows.ts: LISTED_ENTRY_LINE and its kin), and how it is read back. */
  line: Prisma.Sql;
  ofLine: (line: string) => T;
  /** The full row's joins over a base (the table, or a subquery with its columns), with the alias the conditions use. */
  from: (base: Prisma.Sql) => Prisma.Sql;
  fromKey: Prisma.Sql;
  /**
   * `direct`: each owner's first rows are read in the walk over the list's index, which is in the
   * list's order and stops at the last one kept (the heap tuple found from the index, no second
   * descent by key). `keyed`: ranked over the index alone, then looked up by key, for rows whose
   * joins the planner would not keep to a walk (approval steps: ten tables).
   */
  read: 'direct' | 'keyed';
}

/**
 * A table's rows as the lists read them (`table alias`, keyed by `alias.id`), each kept row a line.
 * Rows that need `joins` are ranked first and looked up by key (`keyed`); the rest read `direct`.
 */
function listedRows<T>(table: string, alias: string, line: Prisma.Sql, ofLine: (line: string) => T, joins?: Prisma.Sql): RowSource<T> {
  const bare = Prisma.raw(`${table} ${alias}`);
  const key = Prisma.raw(`${alias}.id`);
  return { base: bare, key, line, ofLine, from: () => joins ?? bare, fromKey: key, read: joins ? 'keyed' : 'direct' };
}

/** Entries, cases and decisions as the lists show them: with their case's number, without the people they name. */
const ENTRIES = listedRows('archive_entry', 'e', LISTED_ENTRY_LINE, listedEntryOfLine);
const LISTED_CASES = listedRows('archive_case', 'c', LISTED_CASE_LINE, listedCaseOfLine);
const LISTED_DECISIONS = listedRows('archive_decision', 'd', LISTED_DECISION_LINE, listedDecisionOfLine);
/** Approval steps with their entries and the people they name. */
const STEPS = listedRows('archive_approval_step', 's', STEP_LINE, stepOfLine, STEP_FROM);

/**
 * For each owner in `ids`, counts the rows of `source.base` WHERE `owner = that owner AND where`
 * (an index-only walk over the list's partial index), and keeps the first `limit` of them by
 * `order` (one when `limit` is 0, for the count) with what they need joined (case numbers;
 * names only for approval steps): the joins cost per row shown, not per row counted. Each owner
 * is a LATERAL top-N over the list's index in its order rather than a window over every row of
 * everyone (three to four times the work at 50,000 people; bench/daily-compose.ts). Read
 * `direct`, the kept rows come from that walk; read `keyed`, they are ranked first and then
 * looked up by key (`LIMIT 1`, so the planner does not flatten the lookup into a hash join of
 * whole tables: it cannot know how few rows are kept). Owners with no rows are left out.
 */
async function ranked<T>(db: DbClient, source: RowSource<T>, query: RankedQuery): Promise<ListGroup<T>[]> {
  if (query.ids.length === 0) return [];
  return groupsOf(await sql(db).rows<RankedRow>(rankedStatement(source, query)), source, query.limit);
}

type RankedQuery = { owner: Prisma.Sql; ids: readonly string[]; where: Prisma.Sql; order: Prisma.Sql; limit: number };

/**
 * The statement `ranked` runs (for `ids` not empty): a row per owner with rows, its count and its
 * kept rows' lines in the list's order joined into one value (RankedRow). One value an owner
 * rather than a row a kept row: the driver parses a tenth of the rows, and PostgreSQL sends a
 * tenth (a batch's backlog for 500 people: Node 9–23 → 5–9 ms, PostgreSQL 32–58 → 28–30 ms).
 * Read `direct`, the aggregate takes the lines in the order the sorted subquery gives them, as
 * PostgreSQL's documentation describes for an aggregate over a sorted subquery with nothing else
 * at its level (no join): ordering them again in the aggregate cost each owner a sort.
 */
function rankedStatement<T>(source: RowSource<T>, query: RankedQuery): Prisma.Sql {
  // A few owners (a card composed again after an action: the person, their units) as scalars,
  // not an array: the planner then knows how many in its generic plan too, and a prepared
  // statement keeps that plan instead of planning anew each time (idTable, infra/pg-pool.ts).
  const owners = idTable(query.ids, 'o', 'owner');
  const mine = Prisma.sql`${query.owner} = o.owner AND ${query.where}`;
  const limit = Prisma.sql`LIMIT greatest(${query.limit}, 1)`;
  const kept =
    source.read === 'direct'
      ? Prisma.sql`
        SELECT string_agg(k.line, chr(30)) AS "lines"
        FROM (SELECT ${source.line} AS line FROM ${source.from(source.base)} WHERE ${mine} ORDER BY ${query.order} ${limit}) k`
      : Prisma.sql`
        SELECT string_agg(full_row.line, chr(30) ORDER BY k."rank") AS "lines"
        FROM (SELECT ${source.key} AS "keptId", row_number() OVER (ORDER BY ${query.order}) AS "rank" FROM ${source.base} WHERE ${mine} ORDER BY ${query.order} ${limit}) k
        CROSS JOIN LATERAL (SELECT ${source.line} AS line FROM ${source.from(source.base)} WHERE ${source.fromKey} = k."keptId" LIMIT 1) full_row`;
  return Prisma.sql`
    SELECT o.owner::text AS "ownerId", counted."total", kept."lines"
    FROM ${owners}
    CROSS JOIN LATERAL (SELECT count(*)::int AS "total" FROM ${source.base} WHERE ${mine}) counted
    CROSS JOIN LATERAL (${kept}) kept
    WHERE kept."lines" IS NOT NULL
    ORDER BY o.owner::text`;
}

/** Each owner's list from its row: with `limit` 0 the query kept one row for the count, which is not an item. */
const groupsOf = <T>(rows: readonly RankedRow[], source: RowSource<T>, limit: number): ListGroup<T>[] =>
  rows.map((row) => ({ ownerId: row.ownerId, total: row.total, items: limit === 0 ? [] : row.lines.split(LINE_SEPARATOR).map(source.ofLine) }));

async function entriesBy(
  db: DbClient,
  owner: Prisma.Sql,
  ids: readonly string[],
  where: Prisma.Sql,
  order: Prisma.Sql,
  options: ListOptions | undefined,
  source: RowSource<ListedEntry> = ENTRIES,
): Promise<ListGroup<ListedEntry>[]> {
  return ranked(db, source, { owner, ids, where, order, limit: limitOf(options) });
}

/**
 * An entry counts for its unit and for its sub-unit: a leader of either sees it. Two branches,
 * each over its own index, give each entry once per unit it belongs to (as `e.owner_unit`).
 */
const byUnit = (unitIds: readonly string[]) => {
  return Prisma.sql`(
    SELECT x.*, x.unit_id AS owner_unit FROM archive_entry x WHERE ${idIn(Prisma.sql`x.unit_id`, unitIds)}
    UNION ALL
    SELECT x.*, x.sub_unit_id AS owner_unit FROM archive_entry x WHERE ${idIn(Prisma.sql`x.sub_unit_id`, unitIds)})`;
};
/**
 * A unit's entries, ranked over its two indexes and then looked up by key: read `direct`, the
 * planner fetched the rows of both branches from the heap before it merged them (five times slower).
 */
const entriesOfUnits = (unitIds: readonly string[]): RowSource<ListedEntry> => ({ ...ENTRIES, base: Prisma.sql`${byUnit(unitIds)} e`, from: () => LISTED_ENTRY_FROM, read: 'keyed' });
const BY_UNIT = Prisma.sql`e.owner_unit`;
const OLDEST = Prisma.sql`e.received_date, e.id`;

const UNASSIGNED = Prisma.sql`e.caseworker_id IS NULL AND ${BACKLOG}`;

export const unassignedEntries = async (db: DbClient, unitIds: readonly string[], options?: ListOptions) =>
  entriesBy(db, BY_UNIT, unitIds, UNASSIGNED, OLDEST, options, entriesOfUnits(unitIds));

/**
 * A person's own entry lists, each its condition and its order (the order of its index), for the
 * options it reads. The range bounds are sub-selects so that a prepared statement's generic plan
 * costs what a custom one does: with a bare parameter the planner guesses a third of the rows and
 * planned anew each time.
 */
type OwnList = { where: Prisma.Sql; order: Prisma.Sql };
const OWN_ENTRY_LISTS = {
  inbox: (options: { since: Date }): OwnList => ({
    where: Prisma.sql`e.assigned_at >= (SELECT ${options.since}::timestamptz) AND ${BACKLOG}`,
    order: Prisma.sql`e.assigned_at, e.id`,
  }),
  backlog: (): OwnList => ({ where: BACKLOG, order: OLDEST }),
  dueList: (options: WindowOptions): OwnList => ({
    where: Prisma.sql`e.due_date <= (SELECT ${windowEnd(options)}::date) AND ${BACKLOG}`,
    order: Prisma.sql`e.due_date, e.id`,
  }),
  drafts: (): OwnList => ({ where: Prisma.sql`e.status = 'R'`, order: Prisma.sql`e.created_at, e.id` }),
  provisionallyScreened: (): OwnList => ({ where: Prisma.sql`e.access_code = 'XX' AND e.status <> 'U'`, order: OLDEST }),
} satisfies Record<'inbox' | 'backlog' | 'dueList' | 'drafts' | 'provisionallyScreened', (options: PersonListsOptions) => OwnList>;

const PROVISIONAL = OWN_ENTRY_LISTS.provisionallyScreened().where;
const CASEWORKER = Prisma.sql`e.caseworker_id`;

const ownList = (db: DbClient, personIds: readonly string[], { where, order }: OwnList, options: ListOptions | undefined) =>
  entriesBy(db, CASEWORKER, personIds, where, order, options);

export const inbox = async (db: DbClient, personIds: readonly string[], options: ListOptions & { since: Date }) =>
  ownList(db, personIds, OWN_ENTRY_LISTS.inbox(options), options);

export const backlog = async (db: DbClient, personIds: readonly string[], options?: ListOptions) => ownList(db, personIds, OWN_ENTRY_LISTS.backlog(), options);

export const dueList = async (db: DbClient, personIds: readonly string[], options: WindowOptions) =>
  ownList(db, personIds, OWN_ENTRY_LISTS.dueList(options), options);

export const drafts = async (db: DbClient, personIds: readonly string[], options?: ListOptions) => ownList(db, personIds, OWN_ENTRY_LISTS.drafts(), options);

export const provisionallyScreened = async (db: DbClient, personIds: readonly string[], options?: ListOptions) =>
  ownList(db, personIds, OWN_ENTRY_LISTS.provisionallyScreened(), options);

export const provisionallyScreenedInUnits = async (db: DbClient, unitIds: readonly string[], options?: ListOptions) =>
  entriesBy(db, BY_UNIT, unitIds, PROVISIONAL, OLDEST, options, entriesOfUnits(unitIds));

/** Open cases: not closed (A) and not «utgår» (U). */
const OPEN_CASE = Prisma.sql`c.status NOT IN ('A', 'U')`;

/** OBS cases up to `end` (a date, or a sub-select of one: see OWN_ENTRY_LISTS). */
const OBS_CASES = (ids: readonly string[], end: Prisma.Sql, limit: number): RankedQuery => ({
  owner: Prisma.sql`c.saksansvarlig_id`,
  ids,
  where: Prisma.sql`c.obs_date <= ${end} AND ${OPEN_CASE}`,
  order: Prisma.sql`c.obs_date, c.id`,
  limit,
});

const DECISIONS = (ids: readonly string[], limit: number): RankedQuery => ({
  owner: Prisma.sql`d.responsible_id`,
  ids,
  where: Prisma.sql`d.receipted_at IS NULL`,
  order: Prisma.sql`d.decided_date, d.id`,
  limit,
});

const APPROVALS = (ids: readonly string[], limit: number): RankedQuery => ({
  owner: Prisma.sql`s.approver_id`,
  ids,
  where: Prisma.sql`s.flytstatus = 'V'`,
  order: Prisma.sql`s.created_at, s.id`,
  limit,
});

export const obsCases = async (db: DbClient, personIds: readonly string[], options: WindowOptions): Promise<ListGroup<ListedCase>[]> =>
  ranked(db, LISTED_CASES, OBS_CASES(personIds, Prisma.sql`${windowEnd(options)}::date`, limitOf(options)));

export const decisionsToFollowUp = async (db: DbClient, personIds: readonly string[], options?: ListOptions): Promise<ListGroup<ListedDecision>[]> =>
  ranked(db, LISTED_DECISIONS, DECISIONS(personIds, limitOf(options)));

export const approvalsWaiting = async (db: DbClient, approverIds: readonly string[], options?: ListOptions): Promise<ListGroup<ApprovalStep>[]> =>
  ranked(db, STEPS, APPROVALS(approverIds, limitOf(options)));

/**
 * One person's lists in one statement: each read above for the person (their units, the
 * approvers whose steps they decide) is a branch of a UNION ALL (every ranked read sends the same
 * columns, RankedRow; the units' backlog counts theirs in the same places). The card composed
 * again after an action reads them so (one statement, where the reads one by one are eleven: each
 * a round trip, an executor start and a pool connection for a few rows; bench/daily-actions.ts);
 * a run over many people reads them one by one, side by side. The range bounds are sub-selects,
 * as in OWN_ENTRY_LISTS, and the units and approvers scalars (idTable): the statement's generic
 * plan is as good as a custom one, and it is the only plan made (sql(db).plannedOnce).
 */
export async function personLists(db: DbClient, personId: string, options: PersonListsOptions): Promise<PersonLists> {
  const limit = limitOf(options);
  const me = [personId];
  const own = (name: keyof typeof OWN_ENTRY_LISTS) => rankedStatement(ENTRIES, { owner: CASEWORKER, ids: me, ...OWN_ENTRY_LISTS[name](options), limit });
  const units = options.unitIds;
  const ofUnits = (where: Prisma.Sql) => (units.length > 0 ? rankedStatement(entriesOfUnits(units), { owner: BY_UNIT, ids: units, where, order: OLDEST, limit }) : null);
  const reads: Record<keyof PersonLists, Prisma.Sql | null> = {
    inbox: own('inbox'),
    backlog: own('backlog'),
    dueList: own('dueList'),
    drafts: own('drafts'),
    provisionallyScreened: own('provisionallyScreened'),
    obsCases: rankedStatement(LISTED_CASES, OBS_CASES(me, Prisma.sql`(SELECT ${windowEnd(options)}::date)`, limit)),
    decisions: rankedStatement(LISTED_DECISIONS, DECISIONS(me, limit)),
    unassigned: ofUnits(UNASSIGNED),
    unitScreening: ofUnits(PROVISIONAL),
    unitBacklog: units.length > 0 ? Prisma.sql`SELECT "unitId" AS "ownerId", "count" AS "total", NULL::text AS "lines" FROM (${unitBacklogStatement(units)}) counts` : null,
    approvals: options.approverIds.length > 0 ? rankedStatement(STEPS, APPROVALS(options.approverIds, limit)) : null,
  };
  const branches = Object.entries(reads).flatMap(([name, statement]) => (statement ? [Prisma.sql`(SELECT ${name}::text AS "read", r.* FROM (${statement}) r)`] : []));
  // Planned once per connection (sql(db).plannedOnce): planning this statement costs 5–40 ms, running it under 1 ms.
  const rows = await sql(db).plannedOnce<RankedRow & { read: keyof PersonLists }>(Prisma.sql`
    ${Prisma.join(branches, ' UNION ALL ')}
    ORDER BY "read", "ownerId"`);
  const of = <T>(name: keyof PersonLists, source: RowSource<T>) => groupsOf(rows.filter((row) => row.read === name), source, limit);
  return {
    inbox: of('inbox', ENTRIES),
    backlog: of('backlog', ENTRIES),
    dueList: of('dueList', ENTRIES),
    drafts: of('drafts', ENTRIES),
    provisionallyScreened: of('provisionallyScreened', ENTRIES),
    obsCases: of('obsCases', LISTED_CASES),
    decisions: of('decisions', LISTED_DECISIONS),
    unassigned: of('unassigned', ENTRIES),
    unitScreening: of('unitScreening', ENTRIES),
    unitBacklog: rows.filter((row) => row.read === 'unitBacklog').map(({ ownerId, total }) => ({ unitId: ownerId, count: total })),
    approvals: of('approvals', STEPS),
  };
}

/** Backlog entries per unit (`unitIds` not empty). */
const unitBacklogStatement = (unitIds: readonly string[]) => Prisma.sql`
    SELECT e.owner_unit::text AS "unitId", count(*)::int AS "count"
    FROM ${byUnit(unitIds)} e
    WHERE ${BACKLOG}
    GROUP BY e.owner_unit
    ORDER BY e.owner_unit`;

export async function unitBacklogCounts(db: DbClient, unitIds: readonly string[]): Promise<UnitBacklogCount[]> {
  return unitIds.length === 0 ? [] : sql(db).rows<UnitBacklogCount>(unitBacklogStatement(unitIds));
}

/**
 * A case may close when no entry stands in the way; the same rule as `caseIsClosable` in
 * rules.ts (a test holds them together).
 */
const CLOSABLE = Prisma.sql`NOT EXISTS (
  SELECT 1 FROM archive_entry x
  WHERE x.case_id = c.id AND x.status <> 'U' AND (
    (x.type IN ('I', 'N') AND (x.write_off_method IS NULL OR x.write_off_method = '***'))
    OR (x.type NOT IN ('I', 'N') AND x.status NOT IN ('F', 'E', 'J', 'A'))))`;

type EntryListName = 'toDistribute' | 'toRegisterFinally' | 'accessCodeCheck' | 'dueDatesToEnter';
type CaseListName = 'reservedCases' | 'casesForClosing';

/**
 * The archive's control lists: one statement for the four entry lists and one for the two case
 * lists (each list a UNION ALL branch over its own index).
 */
export async function archiveControlLists(db: DbClient, options?: ListOptions): Promise<ArchiveControlLists> {
  const limit = limitOf(options);
  // Each list counts its bare rows and keeps the first `limit` over its own index, then joins.
  const kept = <T>(source: RowSource<T>, name: string, where: Prisma.Sql, order: Prisma.Sql) => Prisma.sql`
    (SELECT k."keptId", ${name}::text AS "list", k."rank", t."total"
     FROM (SELECT count(*)::int AS "total" FROM ${source.base} WHERE ${where}) t
     CROSS JOIN (
       SELECT ${source.key} AS "keptId", row_number() OVER (ORDER BY ${order})::int AS "rank"
       FROM ${source.base} WHERE ${where} ORDER BY ${order} LIMIT greatest(${limit}, 1)) k)`;
  const entryList = (name: EntryListName, where: Prisma.Sql) => Prisma.sql`
    (SELECT full_row.*, kept."list", kept."rank", kept."total"
     FROM ${kept(ENTRIES, name, where, OLDEST)} kept
     CROSS JOIN LATERAL (SELECT ${LISTED_ENTRY_LINE} AS "line" FROM ${LISTED_ENTRY_FROM} WHERE e.id = kept."keptId" LIMIT 1) full_row)`;
  const entryRows = await sql(db).rows<{ line: string; list: EntryListName; rank: number; total: number }>`
    ${entryList('toDistribute', Prisma.sql`e.unit_id IS NULL AND ${BACKLOG}`)}
    UNION ALL ${entryList('toRegisterFinally', Prisma.sql`e.status = 'F'`)}
    UNION ALL ${entryList('accessCodeCheck', Prisma.sql`e.status IN ('F', 'E') AND e.type IN ('U', 'N')`)}
    UNION ALL ${entryList('dueDatesToEnter', Prisma.sql`e.needs_due_date AND e.due_date IS NULL AND e.status <> 'U'`)}
    ORDER BY "list", "rank"`;
  const caseList = (name: CaseListName, where: Prisma.Sql) => Prisma.sql`
    (SELECT full_row.*, kept."list", kept."rank", kept."total"
     FROM ${kept(LISTED_CASES, name, where, Prisma.sql`c.year, c.sequence`)} kept
     CROSS JOIN LATERAL (SELECT ${CASE_COLUMNS}, ${CLOSABLE} AS "closable" FROM ${CASE_FROM} WHERE c.id = kept."keptId" LIMIT 1) full_row)`;
  const caseRows = await sql(db).rows<CaseRow & { closable: boolean; list: CaseListName; rank: number; total: number }>`
    ${caseList('reservedCases', Prisma.sql`c.status = 'R'`)}
    UNION ALL ${caseList('casesForClosing', Prisma.sql`c.status = 'F'`)}
    ORDER BY "list", "rank"`;

  const listOf = <R extends { list: string; rank: number; total: number }, T>(rows: R[], name: string, map: (row: R) => T): CappedList<T> => {
    const mine = rows.filter((row) => row.list === name);
    return { total: mine[0]?.total ?? 0, items: mine.filter((row) => row.rank <= limit).map(map) };
  };
  const entryOfRow = (row: { line: string }) => listedEntryOfLine(row.line);
  const forClosing = (row: CaseRow & { closable: boolean }): CaseForClosing => ({ ...toCase(row), closable: row.closable });
  return {
    toDistribute: listOf(entryRows, 'toDistribute', entryOfRow),
    toRegisterFinally: listOf(entryRows, 'toRegisterFinally', entryOfRow),
    accessCodeCheck: listOf(entryRows, 'accessCodeCheck', entryOfRow),
    dueDatesToEnter: listOf(entryRows, 'dueDatesToEnter', entryOfRow),
    reservedCases: listOf(caseRows, 'reservedCases', toCase),
    casesForClosing: listOf(caseRows, 'casesForClosing', forClosing),
  };
}

// By id: what a card action needs to authorise and show before it acts (one query per list).

export async function entriesById(db: DbClient, ids: readonly string[]): Promise<ArchiveEntry[]> {
  if (ids.length === 0) return [];
  return (await sql(db).rows<EntryRow>`SELECT ${ENTRY_COLUMNS} FROM ${ENTRY_FROM} WHERE ${idIn(Prisma.sql`e.id`, ids)} ORDER BY e.received_date, e.id`).map(toEntry);
}

export async function casesById(db: DbClient, ids: readonly string[]): Promise<ArchiveCase[]> {
  if (ids.length === 0) return [];
  return (await sql(db).rows<CaseRow>`SELECT ${CASE_COLUMNS} FROM ${CASE_FROM} WHERE ${idIn(Prisma.sql`c.id`, ids)} ORDER BY c.year, c.sequence`).map(toCase);
}

export async function stepsById(db: DbClient, ids: readonly string[]): Promise<ApprovalStep[]> {
  if (ids.length === 0) return [];
  return (await sql(db).rows<StepRow>`SELECT ${STEP_COLUMNS} FROM ${STEP_FROM} WHERE ${idIn(Prisma.sql`s.id`, ids)} ORDER BY s.created_at, s.id`).map(toStep);
}

export async function decisionsById(db: DbClient, ids: readonly string[]): Promise<DecisionFollowUp[]> {
  if (ids.length === 0) return [];
  return (await sql(db).rows<DecisionRow>`SELECT ${DECISION_COLUMNS} FROM ${DECISION_FROM} WHERE ${idIn(Prisma.sql`d.id`, ids)} ORDER BY d.decided_date, d.id`).map(toDecision);
}

import { actingLeaders, type ActingLeader } from '../absence/acting-leader.js';
import type { ApprovalStep, ArchiveControlLists, ArchivePort, CappedList, CaseForClosing, ListedCase, ListedDecision, ListedEntry, ListGroup, PersonLists } from '../archive/port.js';
import { needsForelopigSvar } from '../archive/rules.js';
import { FORELOPIG_SVAR, type IsoDate } from '../archive/vocabulary.js';
import { addDays, instantAt, isWorkingDay } from '../calendar/working-days.js';
import { type DbClient, idIn, Prisma, sql } from '../db.js';
import { isArchivist, peopleStatement, type DailyPersonRow } from './daily-context.js';
import {
  DAILY_ACTION_VERBS,
  type DailyAction,
  type DailyActionKind,
  type DailyActionTarget,
  type DailyCardView,
  type DailyItem,
  type DailySection,
  type DailySectionKind,
} from './daily-view.js';

/** Items per section: the oldest ten, and «og N til» for the rest (PRODUCT.md §3). */
export const DAILY_SECTION_CAP = 10;
/** Forfallsliste and Oppfølging av saker: passed, or within this many days. */
export const DAILY_WINDOW_DAYS = 14;

export interface ComposeDailyCardsOptions {
  /** The day of the run (the organisation's calendar day). */
  date: IsoDate;
  /** The organisation's card time and zone: the inbox shows what was assigned since the previous working day's card. */
  dailyCardTime: string;
  timeZone: string;
  /** The people to compose for; every active person when left out. */
  personIds?: readonly string[];
  /**
   * The archive's control lists, the same for everyone in the archive: a run over many batches
   * reads them once (composeDailyCardsInBatches) instead of in every batch with someone from the archive.
   */
  controlLists?: () => Promise<ArchiveControlLists>;
  /**
   * The people (`personIds`, as peopleStatement reads them) and who acts for the units they lead
   * or stand in for, when the caller has read them already for the same day: a card composed
   * again after an action (dailyContext) reads them with the person's rights in one statement.
   */
  read?: { people: readonly DailyPersonRow[]; acting: ReadonlyMap<string, ActingLeader> };
}

/**
 * Every person's «Mine oppgaver» for a day, set-based: one statement for the people (with their
 * roles and whether they are away), one for who acts for each unit, and one port read per section
 * for everyone at once (the archive's control lists: two; for one person, the card composed again
 * after an action, all the sections are one read, `personLists`). The number of statements
 * does not grow with the number of people or entries (test/daily/compose-daily-cards.test.ts counts them).
 *
 * While a leader is away the acting deputy gets the leader's sections marked «som stedfortreder
 * for …»; the leader, like anyone away, gets a paused view with no sections.
 */
export async function composeDailyCards(db: DbClient, archive: ArchivePort, options: ComposeDailyCardsOptions): Promise<DailyCardView[]> {
  const { date } = options;
  const personIds = options.personIds ? [...options.personIds] : null;
  if (personIds?.length === 0) return [];

  const [people, acting] = options.read
    ? [options.read.people, options.read.acting]
    : await Promise.all([
        sql(db).rows<DailyPersonRow>(peopleStatement(Prisma.sql`${date}::date`, personIds === null ? Prisma.sql`TRUE` : idIn(Prisma.sql`p.id`, personIds))),
        actingLeaders(db, { on: date, ...(personIds ? { forPeople: personIds } : {}) }),
      ]);
  const away = new Set(people.filter((person) => person.away).map((person) => person.id));

  const present = people.filter((person) => !away.has(person.id));
  const presentIds = present.map((person) => person.id);
  const presentSet = new Set(presentIds);

  // The units each present person acts for, and the away leaders whose approvals a deputy takes.
  const unitsActedFor = [...acting.values()].filter((unit): unit is ActingLeader & { acting: { id: string; name: string } } => unit.acting !== null && presentSet.has(unit.acting.id));
  const unitIds = unitsActedFor.map((unit) => unit.unitId);
  const deputyFor = new Map<string, { deputyId: string; leader: { id: string; name: string } }>();
  for (const unit of unitsActedFor) {
    if (unit.asDeputy && unit.leader && !deputyFor.has(unit.leader.id)) deputyFor.set(unit.leader.id, { deputyId: unit.acting.id, leader: unit.leader });
  }
  const approverIds = [...presentIds, ...deputyFor.keys()];
  const archivists = present.filter((person) => isArchivist(person.roles));

  const list = { limit: DAILY_SECTION_CAP };
  const window = { ...list, today: date, withinDays: DAILY_WINDOW_DAYS };
  const since = previousCardAt(date, options.dailyCardTime, options.timeZone);
  // Everyone's lists, a read per section side by side; for one person (the card composed again
  // after an action) all of them in one read. Both give the same lists (PersonLists).
  const everyone = async (): Promise<PersonLists> => {
    const [inbox, backlog, dueList, drafts, obsCases, decisions, provisionallyScreened, unassigned, unitScreening, unitBacklog, approvals] = await Promise.all([
      archive.inbox(presentIds, { ...list, since }),
      archive.backlog(presentIds, list),
      archive.dueList(presentIds, window),
      archive.drafts(presentIds, list),
      archive.obsCases(presentIds, window),
      archive.decisionsToFollowUp(presentIds, list),
      archive.provisionallyScreened(presentIds, list),
      archive.unassignedEntries(unitIds, list),
      archive.provisionallyScreenedInUnits(unitIds, list),
      archive.unitBacklogCounts(unitIds),
      archive.approvalsWaiting(approverIds, list),
    ]);
    return { inbox, backlog, dueList, drafts, obsCases, decisions, provisionallyScreened, unassigned, unitScreening, unitBacklog, approvals };
  };
  const [read, control] = await Promise.all([
    presentIds.length === 1 ? archive.personLists(presentIds[0]!, { ...window, since, unitIds, approverIds }) : everyone(),
    archivists.length > 0 ? (options.controlLists?.() ?? archive.archiveControlLists(list)) : Promise.resolve(null),
  ]);

  const byOwner = <T>(groups: ListGroup<T>[]) => new Map(groups.map((group) => [group.ownerId, group]));
  const lists = {
    inbox: byOwner(read.inbox),
    backlog: byOwner(read.backlog),
    dueList: byOwner(read.dueList),
    drafts: byOwner(read.drafts),
    obsCases: byOwner(read.obsCases),
    decisions: byOwner(read.decisions),
    ownScreening: byOwner(read.provisionallyScreened),
    unassigned: byOwner(read.unassigned),
    unitScreening: byOwner(read.unitScreening),
    approvals: byOwner(read.approvals),
  };
  const backlogCounts = new Map(read.unitBacklog.map((count) => [count.unitId, count.count]));
  const unitsOf = new Map<string, (ActingLeader & { acting: { id: string; name: string } })[]>();
  for (const unit of unitsActedFor) unitsOf.set(unit.acting.id, [...(unitsOf.get(unit.acting.id) ?? []), unit]);

  return people.map((person): DailyCardView => {
    const view: DailyCardView = {
      person: { id: person.id, aadObjectId: person.aad_object_id, name: person.name, locale: person.chosen_locale ?? person.locale },
      date,
      away: away.has(person.id),
      whenEmpty: person.daily_card_when_empty,
      sections: [],
    };
    if (view.away) return view;
    const ledUnits = unitsOf.get(person.id) ?? [];
    const ledUnitIds = new Set(ledUnits.map((unit) => unit.unitId));
    const sections: DailySection[] = [];
    const add = (section: DailySection) => {
      if (section.total > 0) sections.push(section);
    };
    const entries = (kind: DailySectionKind, group: ListGroup<ListedEntry> | undefined, item: (entry: ListedEntry) => DailyItem) =>
      group && add({ kind, total: group.total, items: group.items.map(item) });

    entries('inbox', lists.inbox.get(person.id), (entry) => entryItem(entry, entry.receivedDate, [entryAct('feilSaksbehandler', entry)]));
    entries('backlog', lists.backlog.get(person.id), (entry) => {
      const actions = [entryAct('avskriv', entry)];
      if (entry.unitId !== null && (ledUnitIds.has(entry.unitId) || (entry.subUnitId !== null && ledUnitIds.has(entry.subUnitId)))) actions.push(entryAct('omfordel', entry));
      const item = entryItem(entry, entry.receivedDate, actions);
      // Only an enkeltvedtak's entry can need one: the facts are put together for those alone.
      item.forelopigSvar =
        entry.enkeltvedtak &&
        needsForelopigSvar({ type: entry.type, status: entry.status, writeOffMethod: entry.writeOff?.method ?? null, enkeltvedtak: entry.enkeltvedtak, receivedDate: entry.receivedDate }, date);
      item.forelopigSvarSent = entry.writeOff?.method === FORELOPIG_SVAR;
      return item;
    });
    entries('dueList', lists.dueList.get(person.id), (entry) => entryItem(entry, entry.dueDate, [entryAct('settForfallsdato', entry)]));
    entries('drafts', lists.drafts.get(person.id), (entry) => entryItem(entry, entry.receivedDate, []));
    const obs = lists.obsCases.get(person.id);
    if (obs) add({ kind: 'obsCases', total: obs.total, items: obs.items.map((kase) => caseItem(kase, kase.obsDate, [act('nyObsDato', { caseId: kase.id }, kase.version)])) });
    const decided = lists.decisions.get(person.id);
    if (decided) add({ kind: 'decisions', total: decided.total, items: decided.items.map(decisionItem) });
    entries('ownScreening', lists.ownScreening.get(person.id), screeningItem);

    for (const unit of ledUnits) {
      const marks = { unit: { id: unit.unitId, name: unit.unitName }, ...(unit.asDeputy && unit.leader ? { standingInFor: unit.leader } : {}) };
      const open = lists.unassigned.get(unit.unitId);
      if (open) {
        add({
          kind: 'unassigned',
          ...marks,
          total: open.total,
          items: open.items.map((entry) => entryItem(entry, entry.receivedDate, [entryAct('fordel', entry), entryAct('feilEnhet', entry)])),
        });
      }
      const screening = lists.unitScreening.get(unit.unitId);
      if (screening) add({ kind: 'unitScreening', ...marks, total: screening.total, items: screening.items.map(screeningItem) });
      add({ kind: 'unitBacklog', ...marks, total: backlogCounts.get(unit.unitId) ?? 0, items: [] });
    }

    const finalApprover = person.roles.includes('toppgodkjenner');
    const own = lists.approvals.get(person.id);
    if (own) {
      const kind = finalApprover ? 'finalApproval' : 'approvals';
      add({ kind, total: own.total, items: own.items.map((step) => stepItem(step, finalApprover)) });
    }
    for (const [leaderId, stand] of deputyFor) {
      const theirs = stand.deputyId === person.id ? lists.approvals.get(leaderId) : undefined;
      if (theirs) add({ kind: 'approvals', standingInFor: stand.leader, total: theirs.total, items: theirs.items.map((step) => stepItem(step, false)) });
    }

    if (control && isArchivist(person.roles)) {
      const controlSection = <T>(kind: DailySectionKind, capped: CappedList<T>, item: (value: T) => DailyItem) =>
        add({ kind, total: capped.total, items: capped.items.map(item) });
      controlSection('toDistribute', control.toDistribute, (entry) => entryItem(entry, entry.receivedDate, []));
      controlSection('toRegisterFinally', control.toRegisterFinally, (entry) => entryItem(entry, entry.receivedDate, [entryAct('journalfor', entry)]));
      controlSection('accessCodeCheck', control.accessCodeCheck, (entry) => entryItem(entry, entry.receivedDate, []));
      controlSection('reservedCases', control.reservedCases, (kase) => caseItem(kase, null, []));
      controlSection('casesForClosing', control.casesForClosing, (kase: CaseForClosing) => ({ ...caseItem(kase, null, []), closable: kase.closable }));
      controlSection('dueDatesToEnter', control.dueDatesToEnter, (entry) => entryItem(entry, entry.receivedDate, [entryAct('settForfallsdato', entry)]));
    }
    view.sections = sections;
    return view;
  });
}

/** The previous working day's card time: the inbox lists what was assigned since that card. */
function previousCardAt(date: IsoDate, time: string, timeZone: string): Date {
  let day = addDays(date, -1);
  while (!isWorkingDay(day, timeZone)) day = addDays(day, -1);
  return instantAt(day, time, timeZone);
}

function act(kind: DailyActionKind, target: DailyActionTarget, version: number): DailyAction {
  return { kind, verb: DAILY_ACTION_VERBS[kind], data: { ...target, version } };
}

/** An action on an entry: the most common kind by far (a morning run makes millions), built without a spread. */
function entryAct(kind: DailyActionKind, entry: ListedEntry): DailyAction {
  return { kind, verb: DAILY_ACTION_VERBS[kind], data: { entryId: entry.id, version: entry.version } };
}

function entryItem(entry: ListedEntry, date: IsoDate | null, actions: DailyAction[]): DailyItem {
  return { number: entry.number, title: entry.title, publicTitle: entry.publicTitle, date, type: entry.type, status: entry.status, actions };
}

function screeningItem(entry: ListedEntry): DailyItem {
  return entryItem(entry, entry.receivedDate, [entryAct('offentlig', entry), entryAct('unnta', entry)]);
}

function caseItem(kase: ListedCase, date: IsoDate | null, actions: DailyAction[]): DailyItem {
  return { number: kase.number, title: kase.title, publicTitle: kase.publicTitle, date, actions };
}

function decisionItem(decision: ListedDecision): DailyItem {
  // A decision's follow-up carries no access code of its own: only the case number goes beyond the 1:1 chat.
  return {
    number: decision.entryNumber ?? decision.caseNumber,
    title: decision.title,
    publicTitle: decision.entryNumber ?? decision.caseNumber,
    date: decision.decidedDate,
    actions: [act('kvitter', { decisionId: decision.id }, decision.version)],
  };
}

function stepItem(step: ApprovalStep, final: boolean): DailyItem {
  const target = { stepId: step.id };
  return {
    ...entryItem(step.entry, step.entry.receivedDate, [
      act('godkjent', target, step.version),
      act('ikkeGodkjent', target, step.version),
      ...(final ? [] : [act('sendVidere', target, step.version)]),
    ]),
    sender: step.sender.name,
    merknad: step.merknad,
  };
}

/**
 * People per batch in `composeDailyCardsInBatches` unless the caller says otherwise: as fast as
 * 2,000 and half the memory (5,000 people: peak RSS 518 MB against 1,082 MB; bench/daily-compose.ts).
 */
export const DAILY_COMPOSE_BATCH = 500;

export interface ComposeDailyCardsInBatchesOptions extends ComposeDailyCardsOptions {
  /** People per batch (DAILY_COMPOSE_BATCH unless given). */
  batchSize?: number;
}

/**
 * Every person's view for a day, `batchSize` people at a time (in id order), for a run over the
 * whole organisation: 50,000 views with every section full would not fit in memory at once, nor
 * would their rows. Each batch is `composeDailyCards` for its people: the same views, and a fixed
 * number of statements a batch whatever its people and entries (at most 15; a read for nobody is
 * not sent, e.g. the unit lists in a batch without a leader, the control lists in one without
 * anyone from the archive, and after the first batch that read them); one more statement lists the
 * active people first. The next batch is
 * read while the caller works on the one it was given, so two batches' rows are in memory at most.
 */
export async function* composeDailyCardsInBatches(db: DbClient, archive: ArchivePort, options: ComposeDailyCardsInBatchesOptions): AsyncGenerator<DailyCardView[]> {
  const { batchSize = DAILY_COMPOSE_BATCH, ...compose } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batchSize ${batchSize} is not a whole number ≥ 1`);
  const ids = compose.personIds
    ? [...new Set(compose.personIds)].sort()
    : (await sql(db).rows<{ id: string }>`SELECT id::text AS id FROM person WHERE active ORDER BY id`).map((row) => row.id);
  let control: Promise<ArchiveControlLists> | undefined;
  const controlLists = () => (control ??= archive.archiveControlLists({ limit: DAILY_SECTION_CAP }));
  const batch = (from: number) => composeDailyCards(db, archive, { controlLists, ...compose, personIds: ids.slice(from, from + batchSize) });
  let next = ids.length > 0 ? batch(0) : null;
  for (let from = 0; next; from += batchSize) {
    const current = next;
    // Read the next batch while this one is handed over; a failed read surfaces when it is awaited.
    next = from + batchSize < ids.length ? batch(from + batchSize) : null;
    next?.catch(() => undefined);
    yield await current;
  }
}

/**
 * The archive port: everything Arkivlos reads from and writes to the case/archive system. The
 * built-in registry (./registry) implements it today; a Noark 5 Tjenestegrensesnitt or Elements
 * client implements the same interface later, so nothing here names Prisma or a table.
 *
 * Reads are set-based: each takes the whole list of people or units of a daily run and is one
 * query, whatever the list's length. Lists are capped per owner (`limit`, oldest first) with the
 * full count beside them, so a card can say «og 12 til».
 *
 * Writes take the version the card showed. Each compares it with what it changes, and then either
 * changes it, atomically at that version (`done`), or changes nothing and tells the current state
 * and who changed it when (`alreadyDone`): a stale card, a second click, or a leader and a
 * deputy at once change nothing twice. Any change since the card counts (the card then shows the
 * current state to act on again). Bad input is an AppError (domain/errors.ts) and changes nothing.
 *
 * The port checks data (a caseworker works in the unit chosen, a reply is in the same case); who
 * may act (a leader for the units they lead, a deputy while the leader is away, a caseworker on
 * their own entries) is the calling use case's check, made before it calls the port.
 */
import type {
  Avskrivningsmate,
  Behandlingsstatus,
  Flytstatus,
  IsoDate,
  Journalposttype,
  Journalstatus,
  OffentleglovaHjemmel,
  RealTilgangskode,
  Saksstatus,
  SkjermetFelt,
  Tilgangskode,
} from './vocabulary.js';

/** The person acting: their id in Arkivlos and their Entra object id (for the audit log). */
export interface ArchiveActor {
  id: string;
  aadObjectId: string;
}

export interface PersonRef {
  id: string;
  name: string;
}

/** The last change of a row: what was done (an `ArchiveAction`), by whom, when. */
export interface LastChange {
  action: ArchiveAction;
  by: PersonRef | null;
  at: Date;
}

export type ArchiveAction =
  | 'registered'
  | 'distributed'
  | 'redistributed'
  | 'returnedToArchive'
  | 'returnedToLeader'
  | 'writtenOff'
  | 'dueDateSet'
  | 'obsDateSet'
  | 'approved'
  | 'notApproved'
  | 'forwarded'
  | 'accessDecided'
  | 'registeredFinally'
  | 'caseClosed'
  | 'decisionReceipted'
  | 'sentForApproval';

export interface WriteOff {
  method: Avskrivningsmate;
  date: IsoDate;
  by: PersonRef | null;
  /** The reply's journalpostnummer (BU, BN, NN). */
  replyNumber: string | null;
}

export interface ArchiveEntry {
  id: string;
  /** Journalpostnummer, `2026/1234-3`. */
  number: string;
  caseId: string;
  /** Saksnummer, `2026/1234`. */
  caseNumber: string;
  caseTitle: string;
  /** The case is about an enkeltvedtak (forvaltningsloven § 11 a applies). */
  enkeltvedtak: boolean;
  /** Shown only in the person's own 1:1 chat when the entry is screened. */
  title: string;
  /** What anyone may see: the title with screened words removed (the title itself when public). */
  publicTitle: string;
  type: Journalposttype;
  status: Journalstatus;
  unitId: string | null;
  subUnitId: string | null;
  caseworker: PersonRef | null;
  receivedDate: IsoDate;
  dueDate: IsoDate | null;
  needsDueDate: boolean;
  accessCode: Tilgangskode | null;
  legalBasis: OffentleglovaHjemmel | null;
  screenedFields: SkjermetFelt[];
  behandlingsstatus: Behandlingsstatus | null;
  writeOff: WriteOff | null;
  registeredAt: Date | null;
  version: number;
  lastChange: LastChange | null;
}

/**
 * An entry as the daily lists show it: its line and its buttons, no more (the lists read tens of
 * thousands of them in a morning run; bench/daily-compose.ts). The whole entry: `entriesById`.
 */
export type ListedEntry = Pick<
  ArchiveEntry,
  'id' | 'number' | 'caseId' | 'caseNumber' | 'enkeltvedtak' | 'title' | 'publicTitle' | 'type' | 'status' | 'unitId' | 'subUnitId' | 'receivedDate' | 'dueDate' | 'accessCode' | 'version'
> & { writeOff: Pick<WriteOff, 'method' | 'date'> | null };

export interface ArchiveCase {
  id: string;
  number: string;
  title: string;
  publicTitle: string;
  status: Saksstatus;
  unitId: string | null;
  saksansvarlig: PersonRef | null;
  obsDate: IsoDate | null;
  enkeltvedtak: boolean;
  version: number;
  lastChange: LastChange | null;
}

/** A case as the daily lists show it (Oppfølging av saker): no people named. */
export type ListedCase = Pick<ArchiveCase, 'id' | 'number' | 'title' | 'publicTitle' | 'status' | 'unitId' | 'obsDate' | 'enkeltvedtak' | 'version'>;

/** A case marked for closing, with whether the closing rule lets it close now. */
export interface CaseForClosing extends ArchiveCase {
  closable: boolean;
}

export interface ApprovalStep {
  id: string;
  entry: ArchiveEntry;
  chain: number;
  order: number;
  approver: PersonRef;
  sender: PersonRef;
  flytstatus: Flytstatus;
  /** The sender's merknad. */
  merknad: string | null;
  comment: string | null;
  decidedAt: Date | null;
  decidedBy: PersonRef | null;
  version: number;
}

export interface DecisionFollowUp {
  id: string;
  caseId: string;
  caseNumber: string;
  entryNumber: string | null;
  title: string;
  decidedDate: IsoDate;
  responsible: PersonRef;
  receiptedAt: Date | null;
  receiptedBy: PersonRef | null;
  version: number;
}

/** A decision as the daily lists show it (Vedtak til oppfølging): no people named. */
export type ListedDecision = Pick<DecisionFollowUp, 'id' | 'caseId' | 'caseNumber' | 'entryNumber' | 'title' | 'decidedDate' | 'version'>;

/** One owner's part of a list (a person's or a unit's): the oldest `limit` items and the full count. */
export interface ListGroup<T> {
  /** The person or unit id the list was asked for. */
  ownerId: string;
  total: number;
  items: T[];
}

/** A list that belongs to no one in particular (the archive's control lists). */
export interface CappedList<T> {
  total: number;
  items: T[];
}

export interface ListOptions {
  /** Items per owner (the oldest first); the count is always the full one. Default 10. */
  limit?: number;
}

/** «Due or within N days»: `today` is the calendar day of the run (Europe/Oslo). */
export interface WindowOptions extends ListOptions {
  today: IsoDate;
  withinDays: number;
}

/** What one person's lists are read for: their own, the units they act for, the approvers whose steps they decide. */
export interface PersonListsOptions extends WindowOptions {
  /** The inbox's start. */
  since: Date;
  /** The units the person leads or stands in for today. */
  unitIds: readonly string[];
  /** The person, and the away leaders whose approvals they take over today. */
  approverIds: readonly string[];
}

/** One person's lists at once: each as its read gives it for the person, their units and their approvers. */
export interface PersonLists {
  inbox: ListGroup<ListedEntry>[];
  backlog: ListGroup<ListedEntry>[];
  dueList: ListGroup<ListedEntry>[];
  drafts: ListGroup<ListedEntry>[];
  provisionallyScreened: ListGroup<ListedEntry>[];
  obsCases: ListGroup<ListedCase>[];
  decisions: ListGroup<ListedDecision>[];
  /** `unassignedEntries` of the units. */
  unassigned: ListGroup<ListedEntry>[];
  /** `provisionallyScreenedInUnits` of the units. */
  unitScreening: ListGroup<ListedEntry>[];
  /** `unitBacklogCounts` of the units (units without backlog left out). */
  unitBacklog: UnitBacklogCount[];
  /** `approvalsWaiting` of the approvers. */
  approvals: ListGroup<ApprovalStep>[];
}

export interface ArchiveControlLists {
  /** Received entries owed an answer that have no unit: new from the registrar or sent back with «Feil enhet». */
  toDistribute: CappedList<ListedEntry>;
  /** Journalstatus F: to be registered finally (J). */
  toRegisterFinally: CappedList<ListedEntry>;
  /** U and N with journalstatus F or E: their access code must be checked. */
  accessCodeCheck: CappedList<ListedEntry>;
  /** Saksstatus R: reserved cases to chase. */
  reservedCases: CappedList<ArchiveCase>;
  /** Saksstatus F: marked for closing. */
  casesForClosing: CappedList<CaseForClosing>;
  /** Registered by the archive with a deadline still to be entered. */
  dueDatesToEnter: CappedList<ListedEntry>;
}

export interface UnitBacklogCount {
  unitId: string;
  count: number;
}

// --- writes ------------------------------------------------------------------------------------

interface WriteBase {
  actor: ArchiveActor;
  /** The version the card showed. */
  expectedVersion: number;
  now: Date;
}

export interface EntryWrite extends WriteBase {
  entryId: string;
}

export interface DistributeInput extends EntryWrite {
  unitId: string;
  /** A sub-unit (avdeling/seksjon) of `unitId`, or null. */
  subUnitId: string | null;
  caseworkerId: string;
}

export interface WriteOffInput extends EntryWrite {
  method: Avskrivningsmate;
  /** The reply's journalpostnummer (`2026/1234-4`): required for BU, BN and NN. */
  replyNumber?: string | null;
}

export interface SetDueDateInput extends EntryWrite {
  dueDate: IsoDate;
}

export interface SetObsDateInput extends WriteBase {
  caseId: string;
  obsDate: IsoDate;
}

export interface StepWrite extends WriteBase {
  stepId: string;
}

export interface NotApproveInput extends StepWrite {
  /** Required: why it is returned. */
  comment: string;
  /** Who gets it back; default the previous step's sender (the caseworker for the first step). */
  returnToId?: string | null;
}

export interface ForwardInput extends StepWrite {
  nextApproverId: string;
  merknad?: string | null;
}

export type AccessDecision =
  | { kind: 'offentlig' }
  | {
      kind: 'unnta';
      accessCode: RealTilgangskode;
      legalBasis: OffentleglovaHjemmel;
      screenedFields: SkjermetFelt[];
      /** Required true for offl. §§ 14–15. */
      meirinnsynConsidered: boolean;
      /** The public title when the title is screened (the title with the screened words removed). */
      publicTitle?: string | null;
    };

export interface DecideAccessInput extends EntryWrite {
  decision: AccessDecision;
}

export interface CloseCaseInput extends WriteBase {
  caseId: string;
}

export interface ReceiptDecisionInput extends WriteBase {
  decisionId: string;
}

/**
 * What a write answers. `done`: it changed, `state` is the new state and `last` this change.
 * `alreadyDone`: someone (or this card, earlier) changed it since the card was shown; nothing was
 * changed now, `state` is the current state and `last` who did what when.
 */
export type WriteResult<S> = { outcome: 'done'; state: S; last: LastChange } | { outcome: 'alreadyDone'; state: S; last: LastChange | null };

/** What an approval decision leads to: the step as decided and the step that waits next, if any. */
export interface ApprovalOutcome {
  step: ApprovalStep;
  entry: ArchiveEntry;
  next: ApprovalStep | null;
}

export interface ArchivePort {
  // Reads: one query each, for every owner in the list.
  /** Incoming posts (I and N) of each unit that have no caseworker. */
  unassignedEntries(unitIds: readonly string[], options?: ListOptions): Promise<ListGroup<ListedEntry>[]>;
  /** Innboks: posts assigned to each person since `since` and not yet written off. */
  inbox(personIds: readonly string[], options: ListOptions & { since: Date }): Promise<ListGroup<ListedEntry>[]>;
  /** Restanser: I and N not written off (or only with ***), not U; X is never backlog. */
  backlog(personIds: readonly string[], options?: ListOptions): Promise<ListGroup<ListedEntry>[]>;
  /** Forfallsliste: backlog entries whose due date has passed or comes within `withinDays`. */
  dueList(personIds: readonly string[], options: WindowOptions): Promise<ListGroup<ListedEntry>[]>;
  /** Konsepter: own entries with journalstatus R. */
  drafts(personIds: readonly string[], options?: ListOptions): Promise<ListGroup<ListedEntry>[]>;
  /** Open cases of each saksansvarlig whose OBS date has passed or comes within `withinDays`. */
  obsCases(personIds: readonly string[], options: WindowOptions): Promise<ListGroup<ListedCase>[]>;
  /** Decisions whose follow-up each person must confirm. */
  decisionsToFollowUp(personIds: readonly string[], options?: ListOptions): Promise<ListGroup<ListedDecision>[]>;
  /** Each person's own entries with the provisional access code XX. */
  provisionallyScreened(personIds: readonly string[], options?: ListOptions): Promise<ListGroup<ListedEntry>[]>;
  /** Each unit's entries with the provisional access code XX (for the leader). */
  provisionallyScreenedInUnits(unitIds: readonly string[], options?: ListOptions): Promise<ListGroup<ListedEntry>[]>;
  /** Steps waiting (flytstatus V) for each approver. */
  approvalsWaiting(approverIds: readonly string[], options?: ListOptions): Promise<ListGroup<ApprovalStep>[]>;
  /** The archive's daily control lists. */
  archiveControlLists(options?: ListOptions): Promise<ArchiveControlLists>;
  /** Backlog entries per unit (the entry's unit or sub-unit). */
  unitBacklogCounts(unitIds: readonly string[]): Promise<UnitBacklogCount[]>;
  /** One person's lists at once (a card composed again for one person, after an action): the same as the reads above one by one. */
  personLists(personId: string, options: PersonListsOptions): Promise<PersonLists>;

  /** Entries, cases, steps and decisions by id (unknown ids are left out): to authorise and show before acting. */
  entriesById(ids: readonly string[]): Promise<ArchiveEntry[]>;
  casesById(ids: readonly string[]): Promise<ArchiveCase[]>;
  stepsById(ids: readonly string[]): Promise<ApprovalStep[]>;
  decisionsById(ids: readonly string[]): Promise<DecisionFollowUp[]>;

  // Writes.
  /** «Fordel»: an unassigned entry to a unit's caseworker; the first entry of a case without a saksansvarlig sets it. */
  distribute(input: DistributeInput): Promise<WriteResult<ArchiveEntry>>;
  /** «Omfordel»: an assigned entry to another caseworker (of the same or another sub-unit). */
  redistribute(input: DistributeInput): Promise<WriteResult<ArchiveEntry>>;
  /** «Feil enhet»: back to the archive for distribution to another unit. */
  returnToArchive(input: EntryWrite): Promise<WriteResult<ArchiveEntry>>;
  /** «Feil saksbehandler»: back to the unit's leader, unassigned. */
  returnToLeader(input: EntryWrite): Promise<WriteResult<ArchiveEntry>>;
  /** «Avskriv». */
  writeOff(input: WriteOffInput): Promise<WriteResult<ArchiveEntry>>;
  setDueDate(input: SetDueDateInput): Promise<WriteResult<ArchiveEntry>>;
  setObsDate(input: SetObsDateInput): Promise<WriteResult<ArchiveCase>>;
  /** «Godkjent»: back to the caseworker, or for a saksframlegg approved by a leader on to the top approver. */
  approve(input: StepWrite): Promise<WriteResult<ApprovalOutcome>>;
  /** «Ikke godkjent»: back with a required comment. */
  notApprove(input: NotApproveInput): Promise<WriteResult<ApprovalOutcome>>;
  /** «Send videre til godkjenning»: on to the next approver. */
  forward(input: ForwardInput): Promise<WriteResult<ApprovalOutcome>>;
  /** «Offentlig» or «Unnta» for an entry with XX. */
  decideAccess(input: DecideAccessInput): Promise<WriteResult<ArchiveEntry>>;
  /** «Journalfør»: F (or E) → J. */
  registerFinally(input: EntryWrite): Promise<WriteResult<ArchiveEntry>>;
  /** Close a case (F or B → A), only when the closing rule allows it. */
  closeCase(input: CloseCaseInput): Promise<WriteResult<ArchiveCase>>;
  /** «Kvitter» a decision's follow-up. */
  receiptDecision(input: ReceiptDecisionInput): Promise<WriteResult<DecisionFollowUp>>;
}

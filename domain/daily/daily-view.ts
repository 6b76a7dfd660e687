import type { IsoDate } from '../archive/vocabulary.js';
import type { Locale } from '../../i18n/index.js';

/**
 * The view model of one person's «Mine oppgaver» card: what cards/daily-card.ts renders, and what
 * the daily run puts in the outbox. Pure data, no Prisma or Teams types.
 */

/** The sections in the order the card shows them (PRODUCT.md §3). */
export const DAILY_SECTION_KINDS = [
  // caseworker
  'inbox',
  'backlog',
  'dueList',
  'drafts',
  'obsCases',
  'decisions',
  'ownScreening',
  // leader, per unit led or stood in for
  'unassigned',
  'unitScreening',
  'unitBacklog',
  // approvers
  'approvals',
  'finalApproval',
  // the archive's control lists
  'toDistribute',
  'toRegisterFinally',
  'accessCodeCheck',
  'reservedCases',
  'casesForClosing',
  'dueDatesToEnter',
] as const;
export type DailySectionKind = (typeof DAILY_SECTION_KINDS)[number];

/**
 * The actions the card offers, each an `Action.Execute` verb whose data names what it acts on and
 * the version the card showed (handled in bot/routes/daily-actions.ts).
 */
export const DAILY_ACTION_VERBS = {
  fordel: 'daily.distribute',
  omfordel: 'daily.redistribute',
  feilEnhet: 'daily.returnToArchive',
  feilSaksbehandler: 'daily.returnToLeader',
  avskriv: 'daily.writeOff',
  settForfallsdato: 'daily.setDueDate',
  nyObsDato: 'daily.setObsDate',
  kvitter: 'daily.receiptDecision',
  godkjent: 'daily.approve',
  ikkeGodkjent: 'daily.notApprove',
  sendVidere: 'daily.forward',
  offentlig: 'daily.public',
  unnta: 'daily.exempt',
  journalfor: 'daily.registerFinally',
} as const;
export type DailyActionKind = keyof typeof DAILY_ACTION_VERBS;

export type DailyActionTarget = { entryId: string } | { stepId: string } | { caseId: string } | { decisionId: string };

export interface DailyAction {
  kind: DailyActionKind;
  verb: (typeof DAILY_ACTION_VERBS)[DailyActionKind];
  data: DailyActionTarget & { version: number };
}

export interface DailyItem {
  /** Journalpostnummer or saksnummer (a decision: the case's). */
  number: string;
  /** The full title: shown only in the person's own 1:1 chat. */
  title: string;
  /** What anyone may see (the title itself when nothing is screened). */
  publicTitle: string;
  /** The date the item is ordered by and shows: received, due, OBS or decided. */
  date: IsoDate | null;
  /** Journalposttype and -status for entries (`I`, `J`). */
  type?: string;
  status?: string;
  /** «Foreløpig svar bør sendes» (forvaltningsloven § 11 a). */
  forelopigSvar?: boolean;
  /** A foreløpig svar (***) was sent: still owed an answer. */
  forelopigSvarSent?: boolean;
  /** Approval steps: who sent it and their merknad. */
  sender?: string;
  merknad?: string | null;
  /** Cases for closing: whether the closing rule lets it close now. */
  closable?: boolean;
  actions: DailyAction[];
}

export interface DailySection {
  kind: DailySectionKind;
  /** Leader sections: the unit they are for. */
  unit?: { id: string; name: string };
  /** Set when the person stands in for an away leader: «som stedfortreder for <name>». */
  standingInFor?: { id: string; name: string };
  /** Everything in the section; `items` are the oldest of them (at most the cap). */
  total: number;
  items: DailyItem[];
}

export interface DailyCardView {
  person: { id: string; aadObjectId: string; name: string; locale: Locale | null };
  date: IsoDate;
  /** Away (a registered absence covers the day): the card pauses, and `sections` is empty. */
  away: boolean;
  /** «Send meg kortet også når alt er gjort». */
  whenEmpty: boolean;
  sections: DailySection[];
}

/** Sections that ask something of the person (a count of the unit's backlog alone does not). */
export const hasTasks = (view: DailyCardView): boolean => view.sections.some((section) => section.items.length > 0);

/** Whether the daily run sends this person a card: something to do, or an «all clear» they asked for. */
export const getsDailyCard = (view: DailyCardView): boolean => !view.away && (hasTasks(view) || view.whenEmpty);

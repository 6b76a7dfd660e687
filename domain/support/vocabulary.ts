import { SupportCategory, SupportEventKind, SupportLine, SupportStatus, SupportUrgency } from '../../prisma/generated/enums.js';

export type { SupportCategory, SupportEventKind, SupportLine, SupportStatus, SupportUrgency };

type NonEmpty<T> = readonly [T, ...T[]];
const valuesOf = <T extends string>(values: Record<string, T>) => Object.values(values) as unknown as NonEmpty<T>;

/** Every category a henvendelse can have. */
export const SUPPORT_CATEGORIES = valuesOf(SupportCategory);
/** Categories only a message action sets («Send til journalføring»): the intake card never offers them. */
export const MESSAGE_ACTION_CATEGORIES: readonly SupportCategory[] = ['journalforing'];
/** PRODUCT.md §2's categories, in the order the intake card (and «Opprett henvendelse») offers them. */
export const INTAKE_CATEGORIES = SUPPORT_CATEGORIES.filter((category) => !MESSAGE_ACTION_CATEGORIES.includes(category)) as unknown as NonEmpty<SupportCategory>;
/** From «Kan vente» to «Kritisk – jeg får ikke arbeidet». */
export const SUPPORT_URGENCIES = valuesOf(SupportUrgency);
export const SUPPORT_STATUSES = valuesOf(SupportStatus);
export const SUPPORT_LINES = valuesOf(SupportLine);
export const SUPPORT_EVENT_KINDS = valuesOf(SupportEventKind);

/** Still being worked on: neither resolved (awaiting the requester's confirmation) nor closed. */
export const OPEN_STATUSES: readonly SupportStatus[] = ['ny', 'under_behandling', 'venter_pa_innmelder', 'hos_leverandor', 'hos_it'];

export function isOpen(status: SupportStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** What every view of a henvendelse shows of it (confirmation, history, queue channel card). */
export interface RequestSummary {
  id: string;
  number: string;
  status: SupportStatus;
  category: SupportCategory;
  urgency: SupportUrgency;
  subjectArea: string | null;
  reference: string | null;
  what: string;
  /** The Teams message a message action made it from; absent or null for one from the intake card. */
  source?: RequestSource | null;
}

/** The Teams message a henvendelse was made from: who wrote it and Teams' link to it. */
export interface RequestSource {
  author: string | null;
  link: string | null;
}

/** The source columns of a henvendelse as one value (null when it came from the intake card). */
export function requestSource(row: { sourceMessageId: string | null; sourceMessageAuthor: string | null; sourceMessageLink: string | null }): RequestSource | null {
  if (row.sourceMessageId === null && row.sourceMessageAuthor === null && row.sourceMessageLink === null) return null;
  return { author: row.sourceMessageAuthor, link: row.sourceMessageLink };
}

import { SupportCategory, SupportEventKind, SupportLine, SupportStatus, SupportUrgency } from '../../prisma/generated/enums.js';

export type { SupportCategory, SupportEventKind, SupportLine, SupportStatus, SupportUrgency };

type NonEmpty<T> = readonly [T, ...T[]];
const valuesOf = <T extends string>(values: Record<string, T>) => Object.values(values) as unknown as NonEmpty<T>;

/** PRODUCT.md §2's categories, in the order the intake card offers them. */
export const SUPPORT_CATEGORIES = valuesOf(SupportCategory);
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
}

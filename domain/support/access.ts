import type { RoleKey } from '../people/roles.js';
import type { SupportLine } from './vocabulary.js';

/** Who looks at a henvendelse: a person and the roles they hold (as getPersonContext gives them). */
export interface SupportViewer {
  id: string;
  roles: readonly { role: RoleKey; unit?: { id: string }; subjectArea?: { id: string } }[];
}

/** What decides who may see a henvendelse: its requester and the line that has it. */
export interface RequestScope {
  requesterId: string;
  line: SupportLine;
  lineUnitId: string | null;
  lineSubjectAreaId: string | null;
}

/** The roles that work in the support lines. */
export const SUPPORT_ROLES = ['arkivet', 'prosessradgiver', 'fagspesialist', 'leverandorkontakt', 'systemadministrator'] as const satisfies readonly RoleKey[];

/**
 * Whether the person works in the line that has the henvendelse now. The first line is the
 * archive together with every process adviser (PRODUCT.md §2); a process adviser's line is the
 * advisers of that unit, a specialist's the specialists of that subject area; IT is reached by
 * e-mail, so the archive follows the henvendelse while it is there.
 */
export function isOnLine(viewer: SupportViewer, scope: Pick<RequestScope, 'line' | 'lineUnitId' | 'lineSubjectAreaId'>): boolean {
  const holds = (role: RoleKey, where: (holding: SupportViewer['roles'][number]) => boolean = () => true) =>
    viewer.roles.some((holding) => holding.role === role && where(holding));
  switch (scope.line) {
    case 'forstelinje':
      return holds('arkivet') || holds('prosessradgiver');
    case 'prosessradgiver':
      return scope.lineUnitId !== null && holds('prosessradgiver', (holding) => holding.unit?.id === scope.lineUnitId);
    case 'fagspesialist':
      return scope.lineSubjectAreaId !== null && holds('fagspesialist', (holding) => holding.subjectArea?.id === scope.lineSubjectAreaId);
    case 'leverandor':
      return holds('leverandorkontakt');
    case 'systemadministrator':
      return holds('systemadministrator');
    case 'it':
      return holds('arkivet');
  }
}

/**
 * How this person sees the henvendelse: as its requester (without internal events), as support
 * in the line that has it (everything), or not at all. Requesters see their own as requesters
 * even when they work in the line.
 */
export function requestViewOf(viewer: SupportViewer, request: RequestScope): 'requester' | 'support' | null {
  if (request.requesterId === viewer.id) return 'requester';
  if (isOnLine(viewer, request)) return 'support';
  return null;
}

/** The one access rule for a henvendelse; every action on one checks it. */
export function maySeeRequest(viewer: SupportViewer, request: RequestScope): boolean {
  return requestViewOf(viewer, request) !== null;
}

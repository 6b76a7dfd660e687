import { type DbClient, sql } from '../db.js';
import type { RoleKey } from '../people/roles.js';
import { isOnLine, SUPPORT_ROLES, type RequestScope } from './access.js';

/** A support role as role_assignment holds it, with its (active) person's name. */
export interface SupportHolding {
  personId: string;
  name: string;
  role: string;
  unitId: string | null;
  subjectAreaId: string | null;
}

/** Every support role held by an active person, in one statement. */
export async function supportHoldings(db: DbClient): Promise<SupportHolding[]> {
  return sql(db).rows<SupportHolding>`
    SELECT r.person_id::text AS "personId", p.name, r.role::text AS role, r.unit_id::text AS "unitId", r.subject_area_id::text AS "subjectAreaId"
    FROM role_assignment r JOIN person p ON p.id = r.person_id
    WHERE p.active AND r.role::text = ANY(${[...SUPPORT_ROLES]}::text[])`;
}

/**
 * Of these holdings, the people who work in the line that has a henvendelse (for the first line:
 * the archive and every process adviser), by name: whom «Tildel» offers, and the only people it accepts.
 */
export function membersFrom(holdings: readonly SupportHolding[], scope: Pick<RequestScope, 'line' | 'lineUnitId' | 'lineSubjectAreaId'>): { id: string; name: string }[] {
  const people = new Map<string, string>();
  for (const holding of holdings) people.set(holding.personId, holding.name);
  return [...people]
    .filter(([id]) =>
      isOnLine(
        {
          id,
          roles: holdings
            .filter((holding) => holding.personId === id)
            .map((holding) => ({
              role: holding.role as RoleKey,
              ...(holding.unitId ? { unit: { id: holding.unitId } } : {}),
              ...(holding.subjectAreaId ? { subjectArea: { id: holding.subjectAreaId } } : {}),
            })),
        },
        scope,
      ),
    )
    .map(([id, name]) => ({ id, name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'nb'));
}

/** The active people who work in the line that has a henvendelse (see membersFrom). */
export async function lineMembers(db: DbClient, scope: Pick<RequestScope, 'line' | 'lineUnitId' | 'lineSubjectAreaId'>): Promise<{ id: string; name: string }[]> {
  return membersFrom(await supportHoldings(db), scope);
}

import type { DbClient } from '../db.js';
import type { RoleKey } from '../people/roles.js';
import { isOnLine, SUPPORT_ROLES, type RequestScope } from './access.js';

/**
 * The active people who work in the line that has a henvendelse (for the first line: the archive
 * and every process adviser), by name: whom «Tildel» offers, and the only people it accepts.
 */
export async function lineMembers(db: DbClient, scope: Pick<RequestScope, 'line' | 'lineUnitId' | 'lineSubjectAreaId'>): Promise<{ id: string; name: string }[]> {
  // Two plain queries: in a transaction, a relation select would send its queries at once.
  const holdings = await db.roleAssignment.findMany({
    where: { role: { in: [...SUPPORT_ROLES] }, person: { active: true } },
    select: { personId: true, role: true, unitId: true, subjectAreaId: true },
  });
  const people = await db.person.findMany({ where: { id: { in: [...new Set(holdings.map((holding) => holding.personId))] } }, select: { id: true, name: true } });
  return people
    .filter((person) =>
      isOnLine(
        {
          id: person.id,
          roles: holdings
            .filter((holding) => holding.personId === person.id)
            .map((holding) => ({
              role: holding.role as RoleKey,
              ...(holding.unitId ? { unit: { id: holding.unitId } } : {}),
              ...(holding.subjectAreaId ? { subjectArea: { id: holding.subjectAreaId } } : {}),
            })),
        },
        scope,
      ),
    )
    .map(({ id, name }) => ({ id, name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'nb'));
}

import type { DbClient } from '../db.js';
import type { RoleKey } from '../people/roles.js';
import { isOnLine, SUPPORT_ROLES, type RequestScope } from './access.js';

/**
 * The active people who work in the line that has a henvendelse (for the first line: the archive
 * and every process adviser), by name: whom «Tildel» offers, and the only people it accepts.
 */
export async function lineMembers(db: DbClient, scope: Pick<RequestScope, 'line' | 'lineUnitId' | 'lineSubjectAreaId'>): Promise<{ id: string; name: string }[]> {
  const people = await db.person.findMany({
    where: { active: true, roles: { some: { role: { in: [...SUPPORT_ROLES] } } } },
    select: { id: true, name: true, roles: { select: { role: true, unitId: true, subjectAreaId: true } } },
  });
  return people
    .filter((person) =>
      isOnLine(
        {
          id: person.id,
          roles: person.roles.map((holding) => ({
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

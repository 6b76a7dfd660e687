import type { DbClient } from '../db.js';
import type { Locale } from '../../prisma/generated/enums.js';
import type { RoleKey } from './roles.js';

export interface RoleHolding {
  role: RoleKey;
  unit?: { id: string; code: string; name: string };
  subjectArea?: { id: string; code: string; name: string };
}

export interface PersonContext {
  id: string;
  aadObjectId: string;
  name: string;
  email: string;
  locale: Locale | null;
  chosenLocale: Locale | null;
  unit: { code: string; name: string } | null;
  roles: RoleHolding[];
}

/** Who is this (by Entra object id), and which roles do they hold? Null for unknown or inactive people. */
export async function getPersonContext(db: DbClient, aadObjectId: string): Promise<PersonContext | null> {
  const person = await db.person.findUnique({
    where: { aadObjectId },
    include: {
      unit: true,
      roles: { include: { unit: true, subjectArea: true } },
      leads: { where: { active: true } },
      deputyFor: { include: { unit: true } },
    },
  });
  if (!person || !person.active) return null;

  const pick = (x: { id: string; code: string; name: string } | null) => (x ? { id: x.id, code: x.code, name: x.name } : undefined);
  const roles: RoleHolding[] = [
    ...person.leads.map((unit) => ({ role: 'leder' as const, unit: pick(unit) })),
    ...person.deputyFor
      .filter((deputy) => deputy.unit.active)
      .map((deputy) => ({ role: 'stedfortreder' as const, unit: pick(deputy.unit) })),
    ...person.roles.map((assignment) => ({
      role: assignment.role,
      unit: pick(assignment.unit),
      subjectArea: pick(assignment.subjectArea),
    })),
  ];
  return {
    id: person.id,
    aadObjectId: person.aadObjectId,
    name: person.name,
    email: person.email,
    locale: person.locale,
    chosenLocale: person.chosenLocale,
    unit: person.unit ? { code: person.unit.code, name: person.unit.name } : null,
    roles,
  };
}

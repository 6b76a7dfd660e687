import { type DbClient, sql } from '../db.js';
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

type Named = { id: string; code: string; name: string };

/**
 * Who is this (by Entra object id), and which roles do they hold? Null for unknown or inactive
 * people. Every turn asks this first, so it is one statement (Prisma's nested include sent eight):
 * the units led (active ones), the deputyships (of active units) and the role assignments, in
 * that order, each as JSON.
 */
export async function getPersonContext(db: DbClient, aadObjectId: string): Promise<PersonContext | null> {
  const rows = await sql(db).rows<
    {
      id: string;
      aad_object_id: string;
      name: string;
      email: string;
      locale: Locale | null;
      chosen_locale: Locale | null;
      active: boolean;
      unit: { code: string; name: string } | null;
      leads: Named[];
      deputy_for: Named[];
      roles: { role: RoleKey; unit: Named | null; subjectArea: Named | null }[];
    }>`
    SELECT p.id::text, p.aad_object_id, p.name, p.email, p.locale::text AS locale, p.chosen_locale::text AS chosen_locale, p.active,
      (SELECT json_build_object('code', u.code, 'name', u.name) FROM unit u WHERE u.id = p.unit_id) AS unit,
      COALESCE((SELECT json_agg(json_build_object('id', u.id, 'code', u.code, 'name', u.name))
                FROM unit u WHERE u.leader_id = p.id AND u.active), '[]'::json) AS leads,
      COALESCE((SELECT json_agg(json_build_object('id', u.id, 'code', u.code, 'name', u.name))
                FROM unit_deputy d JOIN unit u ON u.id = d.unit_id WHERE d.person_id = p.id AND u.active), '[]'::json) AS deputy_for,
      COALESCE((SELECT json_agg(json_build_object(
                  'role', r.role,
                  'unit', CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id, 'code', u.code, 'name', u.name) END,
                  'subjectArea', CASE WHEN s.id IS NULL THEN NULL ELSE json_build_object('id', s.id, 'code', s.code, 'name', s.name) END))
                FROM role_assignment r
                LEFT JOIN unit u ON u.id = r.unit_id
                LEFT JOIN subject_area s ON s.id = r.subject_area_id
                WHERE r.person_id = p.id), '[]'::json) AS roles
    FROM person p
    WHERE p.aad_object_id = ${aadObjectId}`;
  const person = rows[0];
  if (!person || !person.active) return null;

  const pick = (x: Named | null) => (x ? { id: x.id, code: x.code, name: x.name } : undefined);
  const roles: RoleHolding[] = [
    ...person.leads.map((unit) => ({ role: 'leder' as const, unit: pick(unit) })),
    ...person.deputy_for.map((unit) => ({ role: 'stedfortreder' as const, unit: pick(unit) })),
    ...person.roles.map((assignment) => ({
      role: assignment.role,
      unit: pick(assignment.unit),
      subjectArea: pick(assignment.subjectArea),
    })),
  ];
  return {
    id: person.id,
    aadObjectId: person.aad_object_id,
    name: person.name,
    email: person.email,
    locale: person.locale,
    chosenLocale: person.chosen_locale,
    unit: person.unit,
    roles,
  };
}

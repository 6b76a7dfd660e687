import type { Role } from '../../prisma/generated/enums.js';

/**
 * Every role from PRODUCT.md §1. Most are assigned in the organisation file; `leder` and
 * `stedfortreder` follow from the units a person leads or stands in for.
 */
export const ROLE_KEYS = [
  'saksbehandler',
  'leder',
  'stedfortreder',
  'arkivet',
  'prosessradgiver',
  'fagspesialist',
  'leverandorkontakt',
  'systemadministrator',
  'toppgodkjenner',
  'arkivansvarlig',
  'administrator',
  'moderator',
] as const satisfies readonly (Role | 'leder' | 'stedfortreder')[];

export type RoleKey = (typeof ROLE_KEYS)[number];

export function isRoleKey(value: string): value is RoleKey {
  return (ROLE_KEYS as readonly string[]).includes(value);
}

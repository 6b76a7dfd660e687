import type { LocalDate } from '../calendar/working-days.js';
import { type DbClient, sql } from '../db.js';

/** The roles that see the archive's control lists and may register entries finally. */
export const ARCHIVE_ROLES: readonly string[] = ['arkivet', 'arkivansvarlig'];

/**
 * What a person may do on the daily card today, read in one statement: their roles, the units
 * they lead, the units they stand in for (their leader away today, they the first present deputy
 * by rank), and whose approvals they take over while standing in.
 */
export interface DailyRights {
  personId: string;
  roles: readonly string[];
  /** Units led, or stood in for today: their entries may be distributed, redistributed and screened. */
  actsForUnit(unitId: string | null): boolean;
  /** The person decides this approver's steps: their own, or an away leader's they stand in for. */
  decidesFor(approverId: string): boolean;
  isArchive: boolean;
}

interface Row {
  roles: string[];
  unit_ids: string[];
  away_leader_ids: string[];
}

export async function dailyRights(db: DbClient, personId: string, today: LocalDate): Promise<DailyRights> {
  // A unit is acted for by its leader (always: back early, they still lead it) and, while the
  // leader is away, by the first deputy in rank who is present (as acting-leader.ts decides).
  const [row] = await sql(db).rows<Row>`
    WITH away AS (
      SELECT person_id FROM absence WHERE from_date <= ${today}::date AND to_date >= ${today}::date
    ), standing_in AS (
      -- Only the units the person is a deputy of: the rest cannot be theirs to stand in for.
      SELECT u.id AS unit_id, u.leader_id
        FROM unit_deputy mine
        JOIN unit u ON u.id = mine.unit_id
        JOIN person l ON l.id = u.leader_id
       WHERE mine.person_id = ${personId}::uuid
         AND u.active
         AND (NOT l.active OR l.id IN (SELECT person_id FROM away))
         AND ${personId}::uuid = (
               SELECT ud.person_id FROM unit_deputy ud JOIN person d ON d.id = ud.person_id AND d.active
                WHERE ud.unit_id = u.id AND ud.person_id NOT IN (SELECT person_id FROM away)
                ORDER BY ud.rank, ud.person_id LIMIT 1)
    )
    SELECT
      coalesce((SELECT array_agg(DISTINCT role::text) FROM role_assignment WHERE person_id = ${personId}::uuid), '{}') AS roles,
      coalesce((SELECT array_agg(id::text) FROM unit WHERE active AND leader_id = ${personId}::uuid), '{}')
        || coalesce((SELECT array_agg(unit_id::text) FROM standing_in), '{}') AS unit_ids,
      coalesce((SELECT array_agg(DISTINCT leader_id::text) FROM standing_in), '{}') AS away_leader_ids`;
  const units = new Set(row?.unit_ids ?? []);
  const approvers = new Set([personId, ...(row?.away_leader_ids ?? [])]);
  const roles = row?.roles ?? [];
  return {
    personId,
    roles,
    actsForUnit: (unitId) => unitId !== null && units.has(unitId),
    decidesFor: (approverId) => approvers.has(approverId),
    isArchive: roles.some((role) => ARCHIVE_ROLES.includes(role)),
  };
}

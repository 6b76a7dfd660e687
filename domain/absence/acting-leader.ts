import type { LocalDate } from '../calendar/working-days.js';
import { type DbClient, idIn, Prisma, sql } from '../db.js';

/** Who acts for a unit's leader on a day. */
export interface ActingLeader {
  unitId: string;
  unitName: string;
  /** The unit's leader; null for a unit without one (nobody then acts for it). */
  leader: { id: string; name: string } | null;
  /**
   * Who acts: the leader when present; when the leader is away (or no longer active), the first
   * deputy in rank order who is present; null when everyone is away.
   */
  acting: { id: string; name: string } | null;
  /** True when `acting` is a deputy standing in («som stedfortreder for …» `leader.name`). */
  asDeputy: boolean;
}

export interface ActingLeadersOptions {
  /** The day (in the organisation's zone). */
  on: LocalDate;
  /** The units to answer for; every active unit when left out. */
  unitIds?: readonly string[];
  /** Only the active units these people lead or are deputies of (a card composed for them). */
  forPeople?: readonly string[];
}

/** A row of actingLeadersStatement. */
export interface ActingLeaderRow {
  unit_id: string;
  unit_name: string;
  leader_id: string | null;
  leader_name: string | null;
  leader_present: boolean;
  deputy_id: string | null;
  deputy_name: string | null;
}

/**
 * Who acts for each unit's leader on a day, for many units in one query (the daily run asks for
 * every unit at once). Away is a registered absence covering the day; a person no longer in the
 * organisation file (inactive) is away for good.
 */
export async function actingLeaders(db: DbClient, options: ActingLeadersOptions): Promise<Map<string, ActingLeader>> {
  const unitIds = options.unitIds ? [...options.unitIds] : null;
  if (unitIds?.length === 0 || options.forPeople?.length === 0) return new Map();
  const which =
    unitIds !== null
      ? idIn(Prisma.sql`u.id`, unitIds)
      : options.forPeople
        ? forPeopleCondition(options.forPeople)
        : Prisma.sql`u.active`;
  return actingLeadersOf(await sql(db).rows<ActingLeaderRow>(actingLeadersStatement(Prisma.sql`${options.on}::date`, which)));
}

/** The active units the people lead or are deputies of (`people` not empty). */
export const forPeopleCondition = (people: readonly string[]) => Prisma.sql`u.active AND (${idIn(Prisma.sql`u.leader_id`, people)}
            OR EXISTS (SELECT 1 FROM unit_deputy mine WHERE mine.unit_id = u.id AND ${idIn(Prisma.sql`mine.person_id`, people)}))`;

/**
 * The statement `actingLeaders` runs, its rows for `actingLeadersOf`: for the units WHERE `which`
 * (alias `u`) on the day `on` (a date, or a sub-select of one: dailyContext's day is worked out
 * in its own statement).
 */
export const actingLeadersStatement = (on: Prisma.Sql, which: Prisma.Sql) => Prisma.sql`
    SELECT u.id AS unit_id, u.name AS unit_name,
           l.id AS leader_id, l.name AS leader_name,
           coalesce(present.is_present, false) AS leader_present,
           d.id AS deputy_id, d.name AS deputy_name
      FROM unit u
      LEFT JOIN person l ON l.id = u.leader_id
      LEFT JOIN LATERAL (
        SELECT l.active AND NOT EXISTS (
                 SELECT 1 FROM absence a
                  WHERE a.person_id = l.id AND a.from_date <= ${on} AND a.to_date >= ${on}
               ) AS is_present
      ) present ON true
      LEFT JOIN LATERAL (
        SELECT p.id, p.name
          FROM unit_deputy ud
          JOIN person p ON p.id = ud.person_id AND p.active
         WHERE ud.unit_id = u.id
           AND l.id IS NOT NULL
           AND NOT coalesce(present.is_present, false)
           AND NOT EXISTS (
                 SELECT 1 FROM absence a
                  WHERE a.person_id = p.id AND a.from_date <= ${on} AND a.to_date >= ${on}
               )
         ORDER BY ud.rank, p.id
         LIMIT 1
      ) d ON true
     WHERE ${which}`;

export const actingLeadersOf = (rows: readonly ActingLeaderRow[]): Map<string, ActingLeader> => new Map(rows.map((row) => [row.unit_id, actingLeaderOf(row)]));

function actingLeaderOf(row: ActingLeaderRow): ActingLeader {
  const leader = row.leader_id ? { id: row.leader_id, name: row.leader_name ?? '' } : null;
  const deputy = row.deputy_id ? { id: row.deputy_id, name: row.deputy_name ?? '' } : null;
  const acting = leader && row.leader_present ? leader : deputy;
  return { unitId: row.unit_id, unitName: row.unit_name, leader, acting, asDeputy: acting !== null && acting === deputy };
}

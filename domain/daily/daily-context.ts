import { actingLeadersOf, actingLeadersStatement, forPeopleCondition, type ActingLeader, type ActingLeaderRow } from '../absence/acting-leader.js';
import { OSLO, type LocalDate } from '../calendar/working-days.js';
import { Prisma, sql, type DbClient } from '../db.js';
import { SETTINGS_ROW, settingsOf, type OrganisationSettings, type OrganisationSettingsRow } from '../org/organisation-settings.js';
import type { Locale } from '../../i18n/index.js';

/** The roles that see the archive's control lists and may register entries finally. */
export const ARCHIVE_ROLES: readonly string[] = ['arkivet', 'arkivansvarlig'];

export const isArchivist = (roles: readonly string[]) => roles.some((role) => ARCHIVE_ROLES.includes(role));

/**
 * What a person may do on the daily card today: their roles, the units they lead, the units they
 * stand in for (their leader away today, they the first present deputy by rank), and whose
 * approvals they take over while standing in.
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

/**
 * A person's rights from who acts for the units they lead or are a deputy of (actingLeaders for
 * them): a unit they lead is theirs always (back early, they still lead it), one they stand in
 * for while its leader is away; and while standing in they decide that leader's approvals.
 */
export function rightsOf(personId: string, roles: readonly string[], acting: Iterable<ActingLeader>): DailyRights {
  const units = new Set<string>();
  const approvers = new Set([personId]);
  for (const unit of acting) {
    if (unit.leader?.id === personId || unit.acting?.id === personId) units.add(unit.unitId);
    if (unit.asDeputy && unit.acting?.id === personId && unit.leader) approvers.add(unit.leader.id);
  }
  return {
    personId,
    roles,
    actsForUnit: (unitId) => unitId !== null && units.has(unitId),
    decidesFor: (approverId) => approvers.has(approverId),
    isArchive: isArchivist(roles),
  };
}

/** A person as their card is composed: the statement `peopleStatement`'s rows. */
export interface DailyPersonRow {
  id: string;
  aad_object_id: string;
  name: string;
  locale: Locale | null;
  chosen_locale: Locale | null;
  daily_card_when_empty: boolean;
  roles: string[];
  /** A registered absence covers the day. */
  away: boolean;
}

/**
 * The active people WHERE `which` (alias `p`), with their roles and whether they are away on
 * `day` (a date, or a sub-select of one: see dailyContext), by name.
 */
export const peopleStatement = (day: Prisma.Sql, which: Prisma.Sql) => Prisma.sql`
      SELECT p.id, p.aad_object_id, p.name, p.locale, p.chosen_locale, p.daily_card_when_empty,
             -- Each person's roles by its index, not a join and GROUP BY over every role (a fifth of the time for 500 people).
             coalesce((SELECT array_agg(DISTINCT r.role::text) FROM role_assignment r WHERE r.person_id = p.id), '{}') AS roles,
             EXISTS (SELECT 1 FROM absence a WHERE a.person_id = p.id AND a.from_date <= ${day} AND a.to_date >= ${day}) AS away
        FROM person p
       WHERE p.active AND ${which}
       ORDER BY p.name, p.id`;

/** Everything a card action and the card composed after it need to know about the person today. */
export interface DailyContext {
  settings: OrganisationSettings;
  /** The organisation's calendar day at `now`. */
  today: LocalDate;
  /** The person as their card is composed (peopleStatement); null when not an active person. */
  person: DailyPersonRow | null;
  /** The active units the person leads or is a deputy of, and who acts for each today. */
  acting: Map<string, ActingLeader>;
  rights: DailyRights;
}

interface ContextRow {
  settings: OrganisationSettingsRow | null;
  today: string;
  person: DailyPersonRow | null;
  acting: ActingLeaderRow[];
}

/**
 * The organisation's settings, its day at `now`, the person as their card is composed, who acts
 * for their units, and so their rights: one statement, which a card action reads before it acts
 * and the card composed after it uses again (bench/daily-actions.ts: four statements before).
 */
export async function dailyContext(db: DbClient, personId: string, now: Date): Promise<DailyContext> {
  const today = Prisma.sql`(SELECT today FROM day)`;
  const [row] = await sql(db).rows<ContextRow>`
    WITH settings AS (${SETTINGS_ROW}), day AS (
      SELECT (${now}::timestamptz AT TIME ZONE coalesce((SELECT "timeZone" FROM settings), ${OSLO}::text))::date AS today
    )
    SELECT (SELECT row_to_json(s) FROM settings s) AS settings,
           to_char((SELECT today FROM day), 'YYYY-MM-DD') AS today,
           (SELECT row_to_json(p) FROM (${peopleStatement(today, Prisma.sql`p.id = ${personId}::uuid`)}) p) AS person,
           (SELECT coalesce(json_agg(a), '[]') FROM (${actingLeadersStatement(today, forPeopleCondition([personId]))}) a) AS acting`;
  const acting = actingLeadersOf(row!.acting);
  const person = row!.person;
  return {
    settings: settingsOf(row!.settings),
    today: row!.today,
    person,
    acting,
    rights: rightsOf(personId, person?.roles ?? [], acting.values()),
  };
}

import { Prisma, sql, type DbClient } from '../db.js';
import { OSLO } from '../calendar/working-days.js';
import { DEFAULT_DAILY_CARD_TIME } from './org-file.js';

/** The one row of `organisation_settings`. */
export const ORGANISATION_SETTINGS_ID = 1;

export interface OrganisationSettings {
  name: string | null;
  /** Postmottak, named in the reminder to set an automatic e-mail reply; null when the file has none. */
  postAddress: string | null;
  /** HH:MM on the wall clock of `timeZone`. */
  dailyCardTime: string;
  timeZone: string;
}

/** The statement that reads the settings row (dailyContext reads it inside its own). */
export const SETTINGS_ROW = Prisma.sql`
    SELECT name, post_address AS "postAddress", daily_card_time AS "dailyCardTime", time_zone AS "timeZone"
    FROM organisation_settings WHERE id = ${ORGANISATION_SETTINGS_ID}::int`;

/** The settings row as read (`organisation_settings`; none before the first import). */
export interface OrganisationSettingsRow {
  name: string | null;
  postAddress: string | null;
  dailyCardTime: string | null;
  timeZone: string | null;
}

/**
 * The organisation's settings as the last import wrote them; the defaults before any import.
 * Read on every card action, so on pg itself rather than a Prisma model query (domain/db.ts).
 */
export async function getOrganisationSettings(db: DbClient): Promise<OrganisationSettings> {
  const [row] = await sql(db).rows<OrganisationSettingsRow>(SETTINGS_ROW);
  return settingsOf(row ?? null);
}

/** The settings from their row, with the defaults for what it lacks. */
export function settingsOf(row: OrganisationSettingsRow | null): OrganisationSettings {
  return {
    name: row?.name ?? null,
    postAddress: row?.postAddress ?? null,
    dailyCardTime: row?.dailyCardTime ?? DEFAULT_DAILY_CARD_TIME,
    timeZone: row?.timeZone ?? OSLO,
  };
}

import type { DbClient } from '../db.js';
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

/** The organisation's settings as the last import wrote them; the defaults before any import. */
export async function getOrganisationSettings(db: DbClient): Promise<OrganisationSettings> {
  const row = await db.organisationSettings.findUnique({ where: { id: ORGANISATION_SETTINGS_ID } });
  return {
    name: row?.name ?? null,
    postAddress: row?.postAddress ?? null,
    dailyCardTime: row?.dailyCardTime ?? DEFAULT_DAILY_CARD_TIME,
    timeZone: row?.timeZone ?? OSLO,
  };
}

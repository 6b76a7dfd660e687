import { localDateOf, OSLO, type LocalDate } from '../calendar/working-days.js';
import { sql, type DbClient } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';

/** A rollout (innføringsmodus): the days from and to, both included, and the administrator's text. */
export interface Rollout {
  from: LocalDate;
  to: LocalDate;
  text: string | null;
}

/** The rollout as stored (over, going on or planned), the organisation's zone, and today there. */
export interface RolloutSetting {
  rollout: Rollout | null;
  today: LocalDate;
  /** Whether today is one of the rollout's days. */
  current: boolean;
}

const asLocalDate = (date: Date | null): LocalDate | null => (date ? date.toISOString().slice(0, 10) : null);

/** The stored rollout and today in the organisation's zone (Europe/Oslo unless the file says otherwise), in one statement. */
export async function rolloutSetting(db: DbClient, now: Date): Promise<RolloutSetting> {
  const [row] = await sql(db).rows<{ from: Date | null; to: Date | null; text: string | null; timeZone: string }>`
    SELECT rollout_from AS "from", rollout_to AS "to", rollout_text AS "text", time_zone AS "timeZone" FROM organisation_settings WHERE id = 1`;
  const today = localDateOf(now, row?.timeZone ?? OSLO);
  const from = asLocalDate(row?.from ?? null);
  const to = asLocalDate(row?.to ?? null);
  const rollout = from && to ? { from, to, text: row?.text ?? null } : null;
  return { rollout, today, current: rollout !== null && rollout.from <= today && today <= rollout.to };
}

/**
 * The rollout going on now, or null. A date check only: the day after its last day ordinary
 * intake is back by itself, with no job to run.
 */
export async function currentRollout(db: DbClient, now: Date): Promise<Rollout | null> {
  const setting = await rolloutSetting(db, now);
  return setting.current ? setting.rollout : null;
}

/**
 * The domain's own guard for every way a henvendelse is opened (the intake card, a message action):
 * during a rollout support is given in the spørretimer, so a forged or old card changes nothing.
 */
export async function refuseIntakeDuringRollout(db: DbClient, now: Date): Promise<void> {
  const rollout = await currentRollout(db, now);
  if (rollout) {
    throw new AppError(AppErrorCode.ROLLOUT_SUPPORT_IN_QA, { message: `intake is closed during the rollout ${rollout.from}..${rollout.to}` });
  }
}

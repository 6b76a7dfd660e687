import { checkAbsenceRange, type AbsenceParseProblem } from '../absence/parse-absence.js';
import { writeAudit } from '../audit.js';
import type { LocalDate } from '../calendar/working-days.js';
import { sql, type PrismaClient } from '../db.js';
import { rolloutSetting, type Rollout } from './current-rollout.js';

/** The longest text the rollout card shows. */
export const ROLLOUT_TEXT_LIMIT = 1000;

export interface SetRolloutInput {
  from: LocalDate;
  to: LocalDate;
  /** The administrator's words for the rollout card; empty for none. */
  text: string;
  /** aadObjectId of the administrator (the route checked the role). */
  actor: string;
  now: Date;
}

export type SetRolloutResult = { ok: true; rollout: Rollout; before: Rollout | null } | { ok: false; problem: AbsenceParseProblem | { code: 'textTooLong'; max: number } };

/**
 * Sets the rollout period and its text (there is one, on the organisation). The days keep the
 * rules of a typed range (domain/absence/parse-absence.ts): an end on or after the start, today
 * or later, at most a year. A problem changes nothing. Audited as `rollout.set`.
 */
export async function setRollout(prisma: PrismaClient, input: SetRolloutInput): Promise<SetRolloutResult> {
  const text = input.text.trim();
  if (text.length > ROLLOUT_TEXT_LIMIT) return { ok: false, problem: { code: 'textTooLong', max: ROLLOUT_TEXT_LIMIT } };
  for (const day of [input.from, input.to]) if (!isRealDay(day)) return { ok: false, problem: { code: 'noSuchDate', text: day } };
  const { today } = await rolloutSetting(prisma, input.now);
  const checked = checkAbsenceRange(input.from, input.to, today);
  if (!checked.ok) return { ok: false, problem: checked.problem };
  const rollout: Rollout = { from: checked.from, to: checked.to, text: text === '' ? null : text };
  const before = await prisma.$transaction(async (tx) => {
    const { rollout: before } = await rolloutSetting(tx, input.now);
    await sql(tx).run`
      INSERT INTO organisation_settings (id, rollout_from, rollout_to, rollout_text, updated_at)
      VALUES (1, ${rollout.from}::date, ${rollout.to}::date, ${rollout.text}, ${input.now}::timestamptz)
      ON CONFLICT (id) DO UPDATE SET rollout_from = EXCLUDED.rollout_from, rollout_to = EXCLUDED.rollout_to,
        rollout_text = EXCLUDED.rollout_text, updated_at = EXCLUDED.updated_at`;
    await writeAudit(tx, { actor: input.actor, action: 'rollout.set', entity: 'organisation_settings', entityId: '1', before: before ? { ...before } : null, after: { ...rollout } });
    return before;
  });
  return { ok: true, rollout, before };
}

/**
 * «Avslutt innføring»: the rollout (going on or planned) is removed, so ordinary intake is open
 * again at once. `ended: false` when there was none (a second click): nothing changes.
 */
export async function endRollout(prisma: PrismaClient, input: { actor: string; now: Date }): Promise<{ ended: boolean; before: Rollout | null }> {
  return prisma.$transaction(async (tx) => {
    const [locked] = await sql(tx).rows<{ id: number }>`SELECT id FROM organisation_settings WHERE id = 1 FOR UPDATE`;
    const { rollout: before } = await rolloutSetting(tx, input.now);
    if (!locked || !before) return { ended: false, before: null };
    await sql(tx).run`
      UPDATE organisation_settings SET rollout_from = NULL, rollout_to = NULL, rollout_text = NULL, updated_at = ${input.now}::timestamptz WHERE id = 1`;
    await writeAudit(tx, { actor: input.actor, action: 'rollout.ended', entity: 'organisation_settings', entityId: '1', before: { ...before }, after: null });
    return { ended: true, before };
  });
}

/** A real day `YYYY-MM-DD` (not 2026-02-31). */
function isRealDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

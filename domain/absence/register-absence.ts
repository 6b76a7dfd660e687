import { writeAudit } from '../audit.js';
import { addDays, type LocalDate } from '../calendar/working-days.js';
import { type PrismaClient, sql } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';
import { absenceViewOf, toDateColumn, type AbsenceView } from './absence.js';
import { checkAbsenceRange } from './parse-absence.js';

export interface RegisterAbsenceOptions {
  /** The person who is away (and who registers it). */
  aadObjectId: string;
  from: LocalDate;
  to: LocalDate;
  /** Today in the organisation's zone: an absence that is over is refused. */
  today: LocalDate;
}

export interface RegisteredAbsence {
  /** The absence as stored: the days asked for, joined with those it overlaps or adjoins. */
  absence: AbsenceView;
  /** Earlier registrations it was joined with (now part of `absence`). */
  merged: AbsenceView[];
  /** True when an earlier registration already covered every day asked for: nothing changed. */
  unchanged: boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Registers an absence. Overlapping or adjoining absences of the same person become one (away
 * 23.12–28.12 and 27.12–2.1 is away 23.12–2.1), so the list a person sees and the deputies'
 * rights never have two rows for one day. The person's row is locked, so two registrations at
 * once are joined one after the other.
 */
export async function registerAbsence(prisma: PrismaClient, options: RegisterAbsenceOptions): Promise<RegisteredAbsence> {
  const { aadObjectId, from, to, today } = options;
  if (!DATE.test(from) || !DATE.test(to) || !checkAbsenceRange(from, to, today).ok) {
    throw new AppError(AppErrorCode.INVALID_INPUT, { message: `Not an absence to register: ${from}–${to} (today ${today})` });
  }
  return prisma.$transaction(async (tx) => {
    const [person] = await sql(tx).rows<{ id: string; active: boolean }>`
      SELECT id, active FROM person WHERE aad_object_id = ${aadObjectId} FOR UPDATE`;
    if (!person || !person.active) throw new AppError(AppErrorCode.UNKNOWN_PERSON);

    const touching = await tx.absence.findMany({
      where: {
        personId: person.id,
        fromDate: { lte: toDateColumn(addDays(to, 1)) },
        toDate: { gte: toDateColumn(addDays(from, -1)) },
      },
      orderBy: { fromDate: 'asc' },
    });
    const merged = touching.map(absenceViewOf);
    const covering = merged.find((absence) => absence.from <= from && absence.to >= to);
    if (covering) return { absence: covering, merged: [], unchanged: true };

    const union = {
      from: [from, ...merged.map((absence) => absence.from)].sort()[0]!,
      to: [to, ...merged.map((absence) => absence.to)].sort().at(-1)!,
    };
    const [kept, ...absorbed] = merged;
    const row = kept
      ? await tx.absence.update({
          where: { id: kept.id },
          data: { fromDate: toDateColumn(union.from), toDate: toDateColumn(union.to) },
        })
      : await tx.absence.create({
          data: { personId: person.id, fromDate: toDateColumn(union.from), toDate: toDateColumn(union.to) },
        });
    if (absorbed.length > 0) await tx.absence.deleteMany({ where: { id: { in: absorbed.map((absence) => absence.id) } } });
    const absence = absenceViewOf(row);
    await writeAudit(tx, {
      actor: aadObjectId,
      action: 'absence.registered',
      entity: 'absence',
      entityId: absence.id,
      before: merged.length > 0 ? { absences: merged.map((a) => ({ ...a })) } : null,
      after: { personId: person.id, from: absence.from, to: absence.to, asked: { from, to } },
    });
    return { absence, merged, unchanged: false };
  });
}

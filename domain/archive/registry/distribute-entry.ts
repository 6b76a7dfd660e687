import { Prisma, type PrismaClient } from '../../db.js';
import { auditInsert } from '../../audit.js';
import { AppError, AppErrorCode } from '../../errors.js';
import type { ArchiveEntry, DistributeInput, WriteResult } from '../port.js';
import { changeEntry } from './change.js';

/**
 * «Fordel» (`mode: 'distribute'`, an entry without a caseworker) and «Omfordel» (`'redistribute'`,
 * one that has one): to a unit, optionally a sub-unit of it, and a caseworker who works there.
 * The first entry distributed in a case without a saksansvarlig makes that caseworker the
 * saksansvarlig; of two entries of a new case distributed at once, the first one sets it.
 */
export async function distributeEntry(
  prisma: PrismaClient,
  input: DistributeInput,
  mode: 'distribute' | 'redistribute',
): Promise<WriteResult<ArchiveEntry>> {
  // What the rule looks at besides the entry, read with its lock: the unit, the sub-unit, and where the caseworker works.
  const target = Prisma.sql`,
    (SELECT active FROM unit WHERE id = ${input.unitId}::uuid) AS "unitActive",
    (SELECT parent_id::text FROM unit WHERE id = ${input.subUnitId}::uuid AND active) AS "subUnitParent",
    (SELECT active FROM person WHERE id = ${input.caseworkerId}::uuid) AS "personActive",
    (SELECT CASE WHEN ${input.subUnitId}::uuid IS NOT NULL THEN p.unit_id = ${input.subUnitId}::uuid
       ELSE p.unit_id = ${input.unitId}::uuid
         OR EXISTS (SELECT 1 FROM unit u WHERE u.id = p.unit_id AND u.parent_id = ${input.unitId}::uuid)
         OR EXISTS (SELECT 1 FROM unit u WHERE u.id = ${input.unitId}::uuid AND u.leader_id = p.id)
     END FROM person p WHERE p.id = ${input.caseworkerId}::uuid) AS "worksThere"`;
  return changeEntry<Target>(prisma, input, mode === 'distribute' ? 'distributed' : 'redistributed', async (_tx, entry) => {
    if (mode === 'distribute' && entry.caseworkerId !== null) return 'alreadyDone';
    if (mode === 'redistribute' && entry.caseworkerId === null) {
      throw new AppError(AppErrorCode.ARCHIVE_WRONG_STATUS, { message: `entry ${entry.id} has no caseworker to redistribute from` });
    }
    if (entry.unitActive !== true || (input.subUnitId && entry.subUnitParent !== input.unitId)) {
      throw new AppError(AppErrorCode.INVALID_INPUT, { message: `unit ${input.unitId} / sub-unit ${input.subUnitId} is not an active unit and one of its sub-units` });
    }
    if (entry.personActive !== true) throw new AppError(AppErrorCode.INVALID_INPUT, { message: `person ${input.caseworkerId} is not an active person` });
    if (!entry.worksThere) {
      throw new AppError(AppErrorCode.ARCHIVE_CASEWORKER_NOT_IN_UNIT, { message: `person ${input.caseworkerId} does not work in unit ${input.subUnitId ?? input.unitId}` });
    }
    const unit = { id: input.unitId };
    const subUnit = input.subUnitId ? { id: input.subUnitId } : null;
    if (mode === 'redistribute' && entry.caseworkerId === input.caseworkerId && entry.unitId === unit.id && entry.subUnitId === (subUnit?.id ?? null)) {
      return 'alreadyDone';
    }

    // Alongside the entry's change, in its statement: the case's saksansvarlig, if it has none (only
    // when the entry changed). The conditional update is atomic: of two first entries of a new
    // case, one sets it (and audits it).
    const setCase = Prisma.sql`
      set_case AS (
        UPDATE archive_case SET saksansvarlig_id = ${input.caseworkerId}::uuid, version = version + 1, last_action = 'distributed',
          last_actor_id = ${input.actor.id}::uuid, last_changed_at = ${input.now}, updated_at = now()
        WHERE id = (SELECT case_id FROM changed) AND saksansvarlig_id IS NULL
        RETURNING id),
      case_audited AS (${auditInsert(
        {
          actor: input.actor.aadObjectId,
          action: 'archive.saksansvarligSet',
          entity: 'archive_case',
          entityId: entry.caseId,
          before: { saksansvarligId: null },
          after: { saksansvarligId: input.caseworkerId, byEntry: entry.id },
        },
        Prisma.sql`set_case`,
      )})`;
    return { data: { unitId: unit.id, subUnitId: subUnit?.id ?? null, caseworkerId: input.caseworkerId, assignedAt: input.now }, alongside: setCase };
  }, target);
}

/** The distribution's target as read with the entry's lock. */
interface Target {
  unitActive: boolean | null;
  subUnitParent: string | null;
  personActive: boolean | null;
  worksThere: boolean | null;
}

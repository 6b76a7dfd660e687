import type { PrismaClient } from '../../db.js';
import { AppError, AppErrorCode } from '../../errors.js';
import type { ArchiveEntry, DistributeInput, WriteResult } from '../port.js';
import { activePerson, changeEntry } from './change.js';

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
  return changeEntry(prisma, input, mode === 'distribute' ? 'distributed' : 'redistributed', async (tx, entry) => {
    if (mode === 'distribute' && entry.caseworkerId !== null) return 'alreadyDone';
    if (mode === 'redistribute' && entry.caseworkerId === null) {
      throw new AppError(AppErrorCode.ARCHIVE_WRONG_STATUS, { message: `entry ${entry.id} has no caseworker to redistribute from` });
    }
    const units = await tx.unit.findMany({
      where: { id: { in: [input.unitId, ...(input.subUnitId ? [input.subUnitId] : [])] }, active: true },
      select: { id: true, parentId: true },
    });
    const unit = units.find((found) => found.id === input.unitId);
    const subUnit = input.subUnitId ? units.find((found) => found.id === input.subUnitId) : null;
    if (!unit || subUnit === undefined || (subUnit && subUnit.parentId !== unit.id)) {
      throw new AppError(AppErrorCode.INVALID_INPUT, { message: `unit ${input.unitId} / sub-unit ${input.subUnitId} is not an active unit and one of its sub-units` });
    }
    const caseworker = await activePerson(tx, input.caseworkerId);
    const worksThere = subUnit
      ? caseworker.unitId === subUnit.id
      : caseworker.unitId === unit.id ||
        (caseworker.unitId !== null && (await tx.unit.count({ where: { id: caseworker.unitId, parentId: unit.id } })) > 0) ||
        (await tx.unit.count({ where: { id: unit.id, leaderId: caseworker.id } })) > 0;
    if (!worksThere) {
      throw new AppError(AppErrorCode.ARCHIVE_CASEWORKER_NOT_IN_UNIT, { message: `person ${input.caseworkerId} does not work in unit ${input.subUnitId ?? input.unitId}` });
    }
    if (mode === 'redistribute' && entry.caseworkerId === input.caseworkerId && entry.unitId === unit.id && entry.subUnitId === (subUnit?.id ?? null)) {
      return 'alreadyDone';
    }

    // The conditional update is atomic: of two first entries of a new case, one sets it.
    const caseChanged = await tx.archiveCase.updateMany({
      where: { id: entry.caseId, saksansvarligId: null },
      data: { saksansvarligId: input.caseworkerId, version: { increment: 1 }, lastAction: 'distributed', lastActorId: input.actor.id, lastChangedAt: input.now },
    });
    if (caseChanged.count > 0) {
      await tx.auditEntry.create({
        data: {
          actor: input.actor.aadObjectId,
          action: 'archive.saksansvarligSet',
          entity: 'archive_case',
          entityId: entry.caseId,
          before: { saksansvarligId: null },
          after: { saksansvarligId: input.caseworkerId, byEntry: entry.id },
        },
      });
    }
    return { data: { unitId: unit.id, subUnitId: subUnit?.id ?? null, caseworkerId: input.caseworkerId, assignedAt: input.now } };
  });
}

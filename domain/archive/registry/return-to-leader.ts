import type { PrismaClient } from '../../db.js';
import { AppError, AppErrorCode } from '../../errors.js';
import type { ArchiveEntry, EntryWrite, WriteResult } from '../port.js';
import { changeEntry } from './change.js';

/** «Feil saksbehandler»: the entry loses its caseworker and is unassigned in its unit again, for the leader to redistribute. */
export async function returnToLeader(prisma: PrismaClient, input: EntryWrite): Promise<WriteResult<ArchiveEntry>> {
  return changeEntry(prisma, input, 'returnedToLeader', async (_tx, entry) => {
    if (entry.caseworkerId === null) return 'alreadyDone';
    if (entry.unitId === null) throw new AppError(AppErrorCode.ARCHIVE_WRONG_STATUS, { message: `entry ${entry.id} has no unit whose leader could take it` });
    return { data: { caseworkerId: null, assignedAt: null } };
  });
}

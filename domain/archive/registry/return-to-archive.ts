import type { PrismaClient } from '../../db.js';
import type { ArchiveEntry, EntryWrite, WriteResult } from '../port.js';
import { changeEntry } from './change.js';

/** «Feil enhet»: the entry leaves the unit (and its caseworker) and goes back to the archive to be distributed again. */
export async function returnToArchive(prisma: PrismaClient, input: EntryWrite): Promise<WriteResult<ArchiveEntry>> {
  return changeEntry(prisma, input, 'returnedToArchive', async (_tx, entry) =>
    entry.unitId === null ? 'alreadyDone' : { data: { unitId: null, subUnitId: null, caseworkerId: null, assignedAt: null } },
  );
}

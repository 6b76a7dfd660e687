import type { PrismaClient } from '../../db.js';
import { AppError, AppErrorCode } from '../../errors.js';
import type { ArchiveEntry, EntryWrite, WriteResult } from '../port.js';
import { PROVISIONAL_ACCESS_CODE } from '../vocabulary.js';
import { changeEntry } from './change.js';

/** «Journalfør»: an entry finished (F) or dispatched (E) is registered finally (J); not while its access code is XX. */
export async function registerFinally(prisma: PrismaClient, input: EntryWrite): Promise<WriteResult<ArchiveEntry>> {
  return changeEntry(prisma, input, 'registeredFinally', async (_tx, entry) => {
    if (entry.status === 'J') return 'alreadyDone';
    if (entry.status !== 'F' && entry.status !== 'E') {
      throw new AppError(AppErrorCode.ARCHIVE_WRONG_STATUS, { message: `entry ${entry.id} has journalstatus ${entry.status}, not F or E` });
    }
    if (entry.accessCode === PROVISIONAL_ACCESS_CODE) throw new AppError(AppErrorCode.ARCHIVE_ACCESS_UNDECIDED, { message: `entry ${entry.id} still has XX` });
    return { data: { status: 'J', registeredAt: input.now } };
  });
}

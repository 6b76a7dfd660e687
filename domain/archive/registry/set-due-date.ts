import type { PrismaClient } from '../../db.js';
import { AppError, AppErrorCode } from '../../errors.js';
import type { ArchiveEntry, SetDueDateInput, WriteResult } from '../port.js';
import { isIsoDate } from '../rules.js';
import { changeEntry } from './change.js';

/** «Sett forfallsdato»; also takes the entry off the archive's list of due dates to enter. */
export async function setDueDate(prisma: PrismaClient, input: SetDueDateInput): Promise<WriteResult<ArchiveEntry>> {
  if (!isIsoDate(input.dueDate)) throw new AppError(AppErrorCode.INVALID_INPUT, { message: `${String(input.dueDate)} is not a date` });
  return changeEntry(prisma, input, 'dueDateSet', async (_tx, entry) => {
    if (entry.status === 'U') throw new AppError(AppErrorCode.ARCHIVE_WRONG_STATUS, { message: `entry ${entry.id} is «utgår»` });
    return { data: { dueDate: input.dueDate, needsDueDate: false } };
  });
}

import type { PrismaClient } from '../../db.js';
import { AppError, AppErrorCode } from '../../errors.js';
import type { ArchiveCase, SetObsDateInput, WriteResult } from '../port.js';
import { isIsoDate } from '../rules.js';
import { changeCase } from './change.js';

/** «Ny OBS-dato» on an open case. */
export async function setObsDate(prisma: PrismaClient, input: SetObsDateInput): Promise<WriteResult<ArchiveCase>> {
  if (!isIsoDate(input.obsDate)) throw new AppError(AppErrorCode.INVALID_INPUT, { message: `${String(input.obsDate)} is not a date` });
  return changeCase(prisma, input, 'obsDateSet', async (_tx, found) => {
    if (found.status === 'A' || found.status === 'U') throw new AppError(AppErrorCode.ARCHIVE_WRONG_STATUS, { message: `case ${found.id} is closed` });
    return { data: { obsDate: input.obsDate } };
  });
}

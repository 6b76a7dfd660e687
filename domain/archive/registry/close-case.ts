import { sql, type PrismaClient } from '../../db.js';
import { AppError, AppErrorCode } from '../../errors.js';
import type { ArchiveCase, CloseCaseInput, WriteResult } from '../port.js';
import { caseIsClosable } from '../rules.js';
import type { Avskrivningsmate, Journalposttype, Journalstatus } from '../vocabulary.js';
import { changeCase } from './change.js';

/** Closes a case (saksstatus A), only when every received entry is written off and every own entry finished or dispatched. */
export async function closeCase(prisma: PrismaClient, input: CloseCaseInput): Promise<WriteResult<ArchiveCase>> {
  return changeCase(prisma, input, 'caseClosed', async (tx, found) => {
    if (found.status === 'A') return 'alreadyDone';
    if (found.status === 'U') throw new AppError(AppErrorCode.ARCHIVE_WRONG_STATUS, { message: `case ${found.id} is «utgår»` });
    // FOR SHARE: an entry of the case cannot change while the rule is checked.
    const entries = await sql(tx).rows<{ type: string; status: string; writeOffMethod: string | null }>`
      SELECT type, status, write_off_method AS "writeOffMethod" FROM archive_entry WHERE case_id = ${found.id}::uuid FOR SHARE`;
    const closable = caseIsClosable(
      entries.map((entry) => ({ type: entry.type as Journalposttype, status: entry.status as Journalstatus, writeOffMethod: entry.writeOffMethod as Avskrivningsmate | null })),
    );
    if (!closable) throw new AppError(AppErrorCode.ARCHIVE_CASE_NOT_CLOSABLE, { message: `case ${found.id} has entries still open` });
    return { data: { status: 'A' } };
  });
}

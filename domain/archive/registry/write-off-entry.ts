import { sql, type PrismaClient } from '../../db.js';
import { AppError, AppErrorCode } from '../../errors.js';
import type { ArchiveEntry, WriteOffInput, WriteResult } from '../port.js';
import { isWrittenOff, parseEntryNumber, replyTypeFor, writeOffProblem } from '../rules.js';
import { AVSKRIVNINGSMATER, isOneOf, type Avskrivningsmate, type Journalposttype, type Journalstatus } from '../vocabulary.js';
import { changeEntry, osloDate } from './change.js';

/**
 * «Avskriv». *** (foreløpig svar) is recorded but keeps the entry in the backlog; a later real
 * write-off replaces it. BU, BN and NN need the reply's journalpostnummer, in the same case and
 * of the right type (rules.ts).
 */
export async function writeOffEntry(prisma: PrismaClient, input: WriteOffInput): Promise<WriteResult<ArchiveEntry>> {
  if (!isOneOf(AVSKRIVNINGSMATER, input.method)) {
    throw new AppError(AppErrorCode.INVALID_INPUT, { message: `${String(input.method)} is no avskrivningsmåte` });
  }
  return changeEntry(prisma, input, 'writtenOff', async (tx, entry) => {
    const current = entry.writeOffMethod as Avskrivningsmate | null;
    if (isWrittenOff(current) || current === input.method) return 'alreadyDone';
    const wanted = replyTypeFor(input.method);
    const reference = input.replyNumber?.trim() ? input.replyNumber.trim() : undefined;
    let reply: { id: string; caseId: string; type: Journalposttype; status: Journalstatus } | null | undefined;
    if (wanted !== null && reference !== undefined) {
      const parsed = parseEntryNumber(reference);
      const [found] = parsed
        ? await sql(tx).rows<{ id: string; caseId: string; type: string; status: string }>`
            SELECT e.id::text AS "id", e.case_id::text AS "caseId", e.type, e.status
            FROM archive_entry e JOIN archive_case c ON c.id = e.case_id
            WHERE c.year = ${parsed.year} AND c.sequence = ${parsed.sequence} AND e.sequence = ${parsed.entry}`
        : [];
      reply = found ? { ...found, type: found.type as Journalposttype, status: found.status as Journalstatus } : null;
    }
    const problem = writeOffProblem(
      { id: entry.id, caseId: entry.caseId, type: entry.type as Journalposttype, status: entry.status as Journalstatus, writeOffMethod: current },
      input.method,
      reply,
    );
    if (problem) throw new AppError(problem, { message: `entry ${entry.id} cannot be written off with ${input.method} ${reference ?? ''}` });
    return {
      data: {
        writeOffMethod: input.method,
        writeOffDate: osloDate(input.now),
        writeOffById: input.actor.id,
        writeOffReplyId: wanted !== null ? reply!.id : null,
      },
    };
  });
}

import type { PrismaClient } from '../../db.js';
import { AppError } from '../../errors.js';
import type { ArchiveEntry, DecideAccessInput, WriteResult } from '../port.js';
import { accessDecisionProblem } from '../rules.js';
import { PROVISIONAL_ACCESS_CODE } from '../vocabulary.js';
import { changeEntry } from './change.js';

/**
 * Offentlighetsvurdering of an entry with XX. «Offentlig» removes the code. «Unnta» sets the
 * access code, the paragraph of offentleglova and the screened fields (for §§ 14–15 with the
 * meirinnsyn confirmation), and the journalstatus becomes S.
 */
export async function decideAccess(prisma: PrismaClient, input: DecideAccessInput): Promise<WriteResult<ArchiveEntry>> {
  const problem = accessDecisionProblem(input.decision);
  if (problem) throw new AppError(problem, { message: `access decision for entry ${input.entryId} is incomplete` });
  const { decision } = input;
  return changeEntry(prisma, input, 'accessDecided', async (_tx, entry) => {
    if (entry.accessCode !== PROVISIONAL_ACCESS_CODE) return 'alreadyDone';
    if (decision.kind === 'offentlig') {
      return { data: { accessCode: null, legalBasis: null, screenedFields: [], meirinnsynConsidered: false, publicTitle: null } };
    }
    const publicTitle = decision.publicTitle?.trim();
    return {
      data: {
        accessCode: decision.accessCode,
        legalBasis: decision.legalBasis,
        screenedFields: [...new Set(decision.screenedFields)],
        meirinnsynConsidered: decision.meirinnsynConsidered,
        status: 'S',
        ...(publicTitle ? { publicTitle } : {}),
      },
    };
  });
}

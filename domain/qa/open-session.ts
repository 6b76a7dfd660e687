import { writeAudit } from '../audit.js';
import { sql, type PrismaClient } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';
import { enqueueSessionCardUpdate } from './session-card.js';
import type { QaActor } from './vocabulary.js';

/**
 * A planned session opens (its start has come, or the moderator opens it); opening one that is
 * open already changes nothing. A closed session does not open again.
 */
export async function openSession(prisma: PrismaClient, input: { sessionId: string; actor: QaActor | 'system'; now: Date }): Promise<{ opened: boolean }> {
  return prisma.$transaction(async (tx) => {
    const [session] = await sql(tx).rows<{ state: string }>`SELECT state::text AS state FROM qa_session WHERE id = ${input.sessionId}::uuid FOR UPDATE`;
    if (!session) throw new AppError(AppErrorCode.NOT_FOUND, { message: `qa_session ${input.sessionId} does not exist` });
    if (session.state === 'closed') throw new AppError(AppErrorCode.QA_SESSION_CLOSED, { message: `qa_session ${input.sessionId} is closed` });
    if (session.state === 'open') return { opened: false };
    await sql(tx).run`UPDATE qa_session SET state = 'open', version = version + 1, updated_at = ${input.now}::timestamptz WHERE id = ${input.sessionId}::uuid`;
    await writeAudit(tx, {
      actor: input.actor === 'system' ? 'system' : input.actor.aadObjectId,
      action: 'qa.session.opened',
      entity: 'qa_session',
      entityId: input.sessionId,
      before: { state: 'planned' },
      after: { state: 'open' },
    });
    await enqueueSessionCardUpdate(tx, input.sessionId);
    return { opened: true };
  });
}

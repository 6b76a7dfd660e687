import type { PrismaClient } from '../db.js';
import { AppError, AppErrorCode } from '../errors.js';
import { submitQuestion } from '../qa/submit-question.js';
import type { QaActor } from '../qa/vocabulary.js';
import { upcomingSession, type UpcomingSession } from './next-session.js';

export interface AskInSessionInput {
  /** From the rollout card: checked here to be a session still ahead (not closed, not over). */
  sessionId: string;
  text: string;
  /** Only where the session allows it (submitQuestion refuses it otherwise). */
  anonymous: boolean;
  asker: QaActor;
  now: Date;
}

/**
 * «Send til spørretimen» on the rollout card: the person's question goes into the session the
 * card named, as a question (not an error report), through the spørretime's own `submitQuestion`
 * (text limits, anonymity rules, audit). A session that has closed or ended since is refused.
 */
export async function askInSession(prisma: PrismaClient, input: AskInSessionInput): Promise<{ questionId: string; session: UpcomingSession }> {
  const session = await upcomingSession(prisma, input.now, input.sessionId);
  if (!session) throw new AppError(AppErrorCode.QA_SESSION_CLOSED, { message: `qa_session ${input.sessionId} is closed, over or unknown` });
  const question = await submitQuestion(prisma, {
    sessionId: session.id,
    kind: 'question',
    text: input.text,
    anonymous: input.anonymous,
    asker: input.asker,
    now: input.now,
  });
  return { questionId: question.id, session };
}

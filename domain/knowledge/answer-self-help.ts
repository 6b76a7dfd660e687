import { writeAudit } from '../audit.js';
import type { PrismaClient } from '../db.js';
import type { SelfHelpOutcome } from '../../prisma/generated/enums.js';
import { ownSelfHelpQuery } from './own-self-help-query.js';

export interface AnswerSelfHelpOptions {
  queryId: string;
  /** The caller, from the activity. */
  aadObjectId: string;
  outcome: SelfHelpOutcome;
  now: Date;
}

export interface SelfHelpAnswered {
  /** Whether this call recorded the outcome; false when the query was answered before. */
  changed: boolean;
  /** The query's outcome now (this call's, or the earlier one). */
  outcome: SelfHelpOutcome;
  question: string;
}

/**
 * «Dette løste det» (solved: a deflection, and the article last opened with «Les hele» gets the
 * credit; none when the person was helped by the extracts or a linked page) or «Jeg trenger
 * fortsatt hjelp» (needs_help: the question goes on to the intake). Once per query: a second
 * click, or a click on an old card, changes nothing and says what was answered.
 */
export async function answerSelfHelp(prisma: PrismaClient, { queryId, aadObjectId, outcome, now }: AnswerSelfHelpOptions): Promise<SelfHelpAnswered> {
  await ownSelfHelpQuery(prisma, queryId, aadObjectId);
  return prisma.$transaction(async (tx) => {
    // Two clicks at once: the conditional update lets exactly one of them record.
    const recorded = await tx.selfHelpQuery.updateMany({ where: { id: queryId, outcome: null }, data: { outcome, answeredAt: now } });
    const query = await tx.selfHelpQuery.findUniqueOrThrow({ where: { id: queryId } });
    if (recorded.count === 0) return { changed: false, outcome: query.outcome!, question: query.question };

    const credited = outcome === 'solved' ? query.openedArticleId : null;
    if (credited) await tx.knowledgeArticle.update({ where: { id: credited }, data: { helpedCount: { increment: 1 } } });
    await writeAudit(tx, {
      actor: aadObjectId,
      action: `selfHelp.${outcome}`,
      entity: 'self_help_query',
      entityId: queryId,
      before: { outcome: null },
      after: { outcome, answeredAt: now.toISOString(), ...(credited ? { helpedArticleId: credited } : {}) },
    });
    return { changed: true, outcome, question: query.question };
  });
}

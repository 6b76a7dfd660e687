import type { DbClient } from '../db.js';
import type { Locale } from '../../prisma/generated/enums.js';
import { searchKnowledge, type KnowledgeSearchResult } from './search-knowledge.js';

export interface StartSelfHelpOptions {
  /** Who asks, from the activity; without it nothing is stored and the card has no buttons. */
  aadObjectId: string | undefined;
  /** The person, when they are in the organisation. */
  personId: string | null;
  lang: Locale;
  question: string;
  limit?: number;
}

export interface SelfHelpStarted {
  /** The stored query the card's buttons answer; null when nothing was stored. */
  queryId: string | null;
  result: KnowledgeSearchResult;
}

/**
 * Hjelp til selvhjelp: searches the knowledge base for the question and stores what was asked and
 * shown, so that the answer («Dette løste det», «Jeg trenger fortsatt hjelp») can be counted and
 * the question carried on into the intake. A question with nothing to search for is not stored.
 */
export async function startSelfHelp(db: DbClient, { aadObjectId, personId, lang, question, limit = 3 }: StartSelfHelpOptions): Promise<SelfHelpStarted> {
  const result = await searchKnowledge(db, { text: question, lang, limit });
  if (!result.searchable || !aadObjectId) return { queryId: null, result };
  const { id } = await db.selfHelpQuery.create({
    data: { aadObjectId, personId, lang, question, articleIds: result.hits.map((hit) => hit.id) },
    select: { id: true },
  });
  return { queryId: id, result };
}

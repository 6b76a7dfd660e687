import type { DbClient } from '../db.js';
import type { Locale } from '../../prisma/generated/enums.js';
import { ownSelfHelpQuery } from './own-self-help-query.js';
import { analyseQuery, describeArticles, type KnowledgeHit, type SearchConfig } from './search-knowledge.js';

export interface ShownSelfHelp {
  queryId: string;
  question: string;
  lang: Locale;
  answered: boolean;
  hits: KnowledgeHit[];
}

/** «Tilbake til treffene»: the caller's own query with the articles it showed (retired ones left out). */
export async function showSelfHelp(db: DbClient, { queryId, aadObjectId }: { queryId: string; aadObjectId: string }): Promise<ShownSelfHelp> {
  const query = await ownSelfHelpQuery(db, queryId, aadObjectId);
  const configs: SearchConfig[] = ['norwegian', 'english'];
  const analysed = await Promise.all(configs.map((config) => analyseQuery(db, query.question, config)));
  return {
    queryId: query.id,
    question: query.question,
    lang: query.lang,
    answered: query.outcome !== null,
    hits: await describeArticles(db, query.articleIds, analysed),
  };
}

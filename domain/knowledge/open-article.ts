import { AppError, AppErrorCode } from '../errors.js';
import type { PrismaClient } from '../db.js';
import type { Locale } from '../../prisma/generated/enums.js';
import { ownSelfHelpQuery } from './own-self-help-query.js';

export interface OpenArticleOptions {
  queryId: string;
  articleId: string;
  /** The caller, from the activity. */
  aadObjectId: string;
}

export interface OpenedArticle {
  article: { id: string; title: string; body: string; link: string | null; lang: Locale; unit: string | null; subjectArea: string | null };
  query: { id: string; answered: boolean };
}

/**
 * «Les hele»: one of the articles the caller's own query showed, counted as a view. While the
 * query is unanswered it remembers the article, so «Dette løste det» credits it. A retired
 * article is not shown (NOT_FOUND); an article the query did not show is forged data.
 */
export async function openArticle(prisma: PrismaClient, { queryId, articleId, aadObjectId }: OpenArticleOptions): Promise<OpenedArticle> {
  const query = await ownSelfHelpQuery(prisma, queryId, aadObjectId);
  if (!query.articleIds.includes(articleId)) throw new AppError(AppErrorCode.INVALID_INPUT, { message: `article ${articleId} was not shown for query ${queryId}` });
  return prisma.$transaction(async (tx) => {
    const counted = await tx.knowledgeArticle.updateMany({ where: { id: articleId, retiredAt: null }, data: { viewCount: { increment: 1 } } });
    if (counted.count === 0) throw new AppError(AppErrorCode.NOT_FOUND, { message: `article ${articleId} is retired or gone` });
    await tx.selfHelpQuery.updateMany({ where: { id: queryId, outcome: null }, data: { openedArticleId: articleId } });
    const article = await tx.knowledgeArticle.findUniqueOrThrow({
      where: { id: articleId },
      select: { id: true, title: true, body: true, link: true, lang: true, owningUnit: { select: { name: true } }, subjectArea: { select: { name: true } } },
    });
    return {
      article: {
        id: article.id,
        title: article.title,
        body: article.body,
        link: article.link,
        lang: article.lang,
        unit: article.owningUnit?.name ?? null,
        subjectArea: article.subjectArea?.name ?? null,
      },
      query: { id: query.id, answered: query.outcome !== null },
    };
  });
}

import { writeAudit } from '../audit.js';
import type { PrismaClient } from '../db.js';
import { editorUnit, lockKnowledgeBase, lockOwnArticle, type ArticleEditor } from './article-rows.js';
import { refreshKnowledgeWords } from './refresh-knowledge-words.js';

export interface RetireArticleOptions {
  editor: ArticleEditor;
  articleId: string;
  /** The version the card showed. */
  version: number;
  /** true: «Trekk tilbake»; false: «Gjenopprett». */
  retire: boolean;
  now: Date;
}

/**
 * «Trekk tilbake» keeps the article (its counts, the searches that showed it) but self-help never
 * finds it again; «Gjenopprett» makes it found again. Only the owning unit, only at the card's
 * version; audited, the version raised and the vocabulary refreshed. Already so: no write.
 */
export async function retireArticle(prisma: PrismaClient, { editor, articleId, version, retire, now }: RetireArticleOptions): Promise<{ changed: boolean }> {
  return prisma.$transaction(async (tx) => {
    const unit = await editorUnit(tx, editor);
    await lockKnowledgeBase(tx);
    const before = await lockOwnArticle(tx, { articleId, version, unitId: unit.id });
    if (before.retired === retire) return { changed: false };
    await tx.knowledgeArticle.update({ where: { id: articleId }, data: { retiredAt: retire ? now : null, version: { increment: 1 }, updatedAt: now } });
    await writeAudit(tx, {
      actor: editor.aadObjectId,
      action: retire ? 'knowledge.article.retired' : 'knowledge.article.restored',
      entity: 'knowledge_article',
      entityId: articleId,
      before: { id: articleId, version, retired: before.retired },
      after: { id: articleId, version: version + 1, retired: retire },
    });
    await refreshKnowledgeWords(tx);
    return { changed: true };
  });
}

import { writeAudit } from '../audit.js';
import { AppError, AppErrorCode } from '../errors.js';
import type { PrismaClient } from '../db.js';
import type { ArticleDraft } from './article-form.js';
import { checkSubjectArea, editorUnit, lockKnowledgeBase, lockOwnArticle, type ArticleEditor } from './article-rows.js';
import { refreshKnowledgeWords } from './refresh-knowledge-words.js';

export interface EditArticleOptions {
  editor: ArticleEditor;
  articleId: string;
  /** The version the form showed. */
  version: number;
  draft: ArticleDraft;
  now: Date;
}

const EDITABLE = ['title', 'body', 'link', 'lang', 'subjectAreaId', 'tags'] as const satisfies readonly (keyof ArticleDraft)[];

/**
 * «Lagre» on the article form: only the owning unit's people (`KB_OTHER_UNIT`), only at the
 * version the form showed (`STALE`); the changed fields are written with the version raised and
 * audited (before/after of those fields), and the vocabulary refreshed. PostgreSQL regenerates the
 * search column, so self-help finds the new words at once. Nothing changed is no write.
 */
export async function editArticle(prisma: PrismaClient, { editor, articleId, version, draft, now }: EditArticleOptions): Promise<{ changed: string[] }> {
  return prisma.$transaction(async (tx) => {
    const unit = await editorUnit(tx, editor);
    await lockKnowledgeBase(tx);
    const before = await lockOwnArticle(tx, { articleId, version, unitId: unit.id });
    await checkSubjectArea(tx, draft.subjectAreaId);
    const changed = EDITABLE.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(draft[field]));
    if (changed.length === 0) return { changed };
    // (slug, lang) is unique: an imported article's language versions share their slug.
    if (changed.includes('lang') && (await tx.knowledgeArticle.count({ where: { slug: before.slug, lang: draft.lang } })) > 0) {
      throw new AppError(AppErrorCode.KB_LANGUAGE_TAKEN);
    }
    const pick = (from: Pick<ArticleDraft, (typeof EDITABLE)[number]>) => Object.fromEntries(changed.map((field) => [field, from[field]]));
    await tx.knowledgeArticle.update({ where: { id: articleId }, data: { ...pick(draft), version: { increment: 1 }, updatedAt: now } });
    await writeAudit(tx, {
      actor: editor.aadObjectId,
      action: 'knowledge.article.updated',
      entity: 'knowledge_article',
      entityId: articleId,
      before: { id: articleId, version, ...pick(before) },
      after: { id: articleId, version: version + 1, ...pick(draft) },
    });
    await refreshKnowledgeWords(tx);
    return { changed };
  });
}

import { randomUUID } from 'node:crypto';
import { writeAudit } from '../audit.js';
import { AppError, AppErrorCode } from '../errors.js';
import { type DbClient, type PrismaClient, sql } from '../db.js';
import { CHANNEL_LOCALE } from '../support/channel-card.js';
import { articleSlug } from '../support/publish-resolution.js';
import type { ArticleDraft } from './article-form.js';
import { checkSubjectArea, editorUnit, lockKnowledgeBase, type ArticleEditor } from './article-rows.js';
import { refreshKnowledgeWords } from './refresh-knowledge-words.js';

/** A published answer is in the organisation's language unless the publisher chooses another. */
export const PUBLISH_DEFAULT_LANG = CHANNEL_LOCALE;
/** A suggested title is at most this long; the publisher can write a longer one (up to the form's limit). */
export const SUGGESTED_TITLE_LENGTH = 120;

export interface PublishQaAnswerOptions {
  editor: ArticleEditor;
  questionId: string;
  /** The publisher's choices on the form: the body is the written answer. */
  fields: Omit<ArticleDraft, 'body' | 'link'>;
  now: Date;
}

export type PublishQaAnswerResult =
  | { kind: 'published'; articleId: string; title: string }
  /** Published before (by anyone): nothing changed; the article it became. */
  | { kind: 'alreadyPublished'; articleId: string; title: string; own: boolean };

/**
 * «Publiser i kunnskapsbasen» for an answered spørretime question: its written answer becomes an
 * article (source `sporretime`, owned by the publisher's unit, audited) and the question keeps
 * the article's id, in one transaction under the knowledge base's write lock, with the vocabulary
 * refreshed — self-help finds it at once. The question's row is locked first, so of two
 * publishers at once the second is told which article the first made; an unanswered question is
 * refused (`KB_NOT_ANSWERED`).
 */
export async function publishQaAnswer(prisma: PrismaClient, { editor, questionId, fields, now }: PublishQaAnswerOptions): Promise<PublishQaAnswerResult> {
  return prisma.$transaction(async (tx) => {
    const unit = await editorUnit(tx, editor);
    await lockKnowledgeBase(tx);
    const question = await lockQuestion(tx, questionId);
    if (question.article) return { kind: 'alreadyPublished', articleId: question.article.id, title: question.article.title, own: question.article.unitId === unit.id };
    if (question.status !== 'answered' || !question.answer?.trim()) throw new AppError(AppErrorCode.KB_NOT_ANSWERED);
    await checkSubjectArea(tx, fields.subjectAreaId);
    const id = randomUUID();
    const article = {
      ...fields,
      slug: articleSlug(fields.title, `sp-${id.slice(0, 8)}`),
      body: question.answer.trim(),
      link: null,
      owningUnitId: unit.id,
      source: 'sporretime' as const,
      createdById: editor.personId,
    };
    await tx.knowledgeArticle.create({ data: { id, ...article, createdAt: now, updatedAt: now } });
    await tx.qaQuestion.update({ where: { id: questionId }, data: { articleId: id } });
    await writeAudit(tx, {
      actor: editor.aadObjectId,
      action: 'knowledge.article.created',
      entity: 'knowledge_article',
      entityId: id,
      before: null,
      after: { id, ...article, questionId },
    });
    await writeAudit(tx, { actor: editor.aadObjectId, action: 'qa.question.published', entity: 'qa_question', entityId: questionId, before: { articleId: null }, after: { articleId: id } });
    await refreshKnowledgeWords(tx);
    return { kind: 'published', articleId: id, title: article.title };
  });
}

export interface QaQuestionToPublish {
  id: string;
  text: string;
  status: string;
  answer: string | null;
  article: { id: string; title: string; unitId: string | null } | null;
}

/** The question (locked), its answer and the article it became, if any. Unknown: `NOT_FOUND`. */
async function lockQuestion(db: DbClient, questionId: string): Promise<QaQuestionToPublish> {
  const [row] = await sql(db).rows<QaQuestionToPublish>`
    SELECT q.id::text, q.text, q.status::text AS status, q.answer,
           CASE WHEN a.id IS NULL THEN NULL ELSE json_build_object('id', a.id, 'title', a.title, 'unitId', a.owning_unit_id) END AS article
      FROM qa_question q LEFT JOIN knowledge_article a ON a.id = q.article_id
     WHERE q.id = ${questionId}::uuid
     FOR UPDATE OF q`;
  if (!row) throw new AppError(AppErrorCode.NOT_FOUND);
  return row;
}

/** The question for the publishing form, unlocked. */
export async function findQuestionToPublish(db: DbClient, questionId: string): Promise<QaQuestionToPublish> {
  const [row] = await sql(db).rows<QaQuestionToPublish>`
    SELECT q.id::text, q.text, q.status::text AS status, q.answer,
           CASE WHEN a.id IS NULL THEN NULL ELSE json_build_object('id', a.id, 'title', a.title, 'unitId', a.owning_unit_id) END AS article
      FROM qa_question q LEFT JOIN knowledge_article a ON a.id = q.article_id
     WHERE q.id = ${questionId}::uuid`;
  if (!row) throw new AppError(AppErrorCode.NOT_FOUND);
  return row;
}

/**
 * A title made of a question: its first line, spaces collapsed; a long one is its first sentence
 * when that is long enough to say something, else cut at a word with «…».
 */
export function titleFromQuestion(question: string): string {
  const line = question.trim().split(/\r?\n/)[0]!.replace(/\s+/g, ' ').trim();
  if (line.length <= SUGGESTED_TITLE_LENGTH) return line;
  const sentence = /^.{20,}?[.?!](?=\s|$)/u.exec(line)?.[0];
  if (sentence && sentence.length <= SUGGESTED_TITLE_LENGTH) return sentence;
  const cut = line.slice(0, SUGGESTED_TITLE_LENGTH - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > SUGGESTED_TITLE_LENGTH / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/u, '')}…`;
}

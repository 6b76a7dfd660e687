import { AppError, AppErrorCode } from '../errors.js';
import { type DbClient, Prisma, sql } from '../db.js';
import type { KnowledgeSource, Locale } from '../../prisma/generated/enums.js';
import { IMPORT_LOCK_KEY } from './import-articles.js';

/** Who changes the knowledge base: their person id, and the aadObjectId the audit log names. */
export interface ArticleEditor {
  personId: string;
  aadObjectId: string;
}

/** An article as the management card and form show it. */
export interface ManagedArticle {
  id: string;
  slug: string;
  lang: Locale;
  title: string;
  body: string;
  link: string | null;
  subjectAreaId: string | null;
  subjectArea: string | null;
  owningUnitId: string | null;
  unit: string | null;
  tags: string[];
  source: KnowledgeSource;
  viewCount: number;
  helpedCount: number;
  retired: boolean;
  version: number;
}

/**
 * The unit whose articles the editor keeps: their own unit. Someone without a unit keeps none
 * (`KB_NO_UNIT`), so no article is ever owned by nobody.
 */
export async function editorUnit(db: DbClient, editor: ArticleEditor): Promise<{ id: string; name: string }> {
  const [row] = await sql(db).rows<{ id: string | null; name: string | null }>`
    SELECT u.id::text, u.name FROM person p LEFT JOIN unit u ON u.id = p.unit_id WHERE p.id = ${editor.personId}::uuid`;
  if (!row?.id || !row.name) throw new AppError(AppErrorCode.KB_NO_UNIT);
  return { id: row.id, name: row.name };
}

/**
 * Every writer of articles takes the knowledge base's write lock (imports, a published
 * resolution), so the vocabulary refresh of one never runs beside another's.
 */
export async function lockKnowledgeBase(db: DbClient): Promise<void> {
  await sql(db).run`SELECT pg_advisory_xact_lock(${IMPORT_LOCK_KEY})`;
}

/** An active subject area's id, or a refusal: the form offers only those, so another is forged. */
export async function checkSubjectArea(db: DbClient, subjectAreaId: string | null): Promise<void> {
  if (!subjectAreaId) return;
  const [row] = await sql(db).rows<{ id: string }>`SELECT id::text FROM subject_area WHERE id = ${subjectAreaId}::uuid AND active`;
  if (!row) throw new AppError(AppErrorCode.INVALID_INPUT, { message: 'unknown subject area' });
}

/**
 * The article the editor is about to change, locked: unknown is `NOT_FOUND`, another unit's is
 * `KB_OTHER_UNIT` (each unit edits only its own), a version other than the form's is `STALE`.
 */
export async function lockOwnArticle(
  db: DbClient,
  { articleId, version, unitId }: { articleId: string; version: number; unitId: string },
): Promise<ManagedArticle> {
  const [row] = await sql(db).rows<ManagedArticle>`${articleSelect}
     WHERE a.id = ${articleId}::uuid
     FOR UPDATE OF a`;
  if (!row) throw new AppError(AppErrorCode.NOT_FOUND);
  if (row.owningUnitId !== unitId) throw new AppError(AppErrorCode.KB_OTHER_UNIT);
  if (row.version !== version) throw new AppError(AppErrorCode.STALE);
  return row;
}

/** One article with its names, for the form. */
export async function findArticle(db: DbClient, articleId: string): Promise<ManagedArticle | null> {
  const [row] = await sql(db).rows<ManagedArticle>`${articleSelect} WHERE a.id = ${articleId}::uuid`;
  return row ?? null;
}

/** The columns of `ManagedArticle`, from `knowledge_article a` with its unit and subject area. */
export const articleSelect = Prisma.raw(`
    SELECT a.id::text, a.slug, a.lang::text AS lang, a.title, a.body, a.link,
           a.subject_area_id::text AS "subjectAreaId", s.name AS "subjectArea",
           a.owning_unit_id::text AS "owningUnitId", u.name AS unit,
           a.tags, a.source::text AS source, a.view_count AS "viewCount", a.helped_count AS "helpedCount",
           a.retired_at IS NOT NULL AS retired, a.version
      FROM knowledge_article a
      LEFT JOIN subject_area s ON s.id = a.subject_area_id
      LEFT JOIN unit u ON u.id = a.owning_unit_id`);


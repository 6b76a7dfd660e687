import { type DbClient, Prisma, sql } from '../db.js';
import { articleSelect, editorUnit, type ArticleEditor, type ManagedArticle } from './article-rows.js';

/** Rows the management card shows at most (the rest is counted): the card stays well under Teams' size limit. */
export const MANAGED_ARTICLES_SHOWN = 25;
/** The longest search text the card takes. */
export const MANAGED_QUERY_LENGTH = 200;

export interface ListManagedArticlesOptions {
  editor: ArticleEditor;
  /** Words to look for in every unit's articles (live and retired); none: the unit's own articles. */
  query?: string;
}

export interface ManagedArticleList {
  unit: { id: string; name: string };
  query: string | null;
  articles: (ManagedArticle & { own: boolean })[];
  /** How many matched in all (`articles` is the first `MANAGED_ARTICLES_SHOWN`). */
  total: number;
}

/**
 * The list of `artikler`: without words, the editor's unit's articles (live first, then by
 * title); with words, every unit's articles whose text or title has them, so support staff see
 * what exists before writing it again — another unit's marked so the card offers no edit. Two
 * statements: the unit, then the rows with the full count.
 */
export async function listManagedArticles(db: DbClient, { editor, query }: ListManagedArticlesOptions): Promise<ManagedArticleList> {
  const unit = await editorUnit(db, editor);
  const words = query?.trim().slice(0, MANAGED_QUERY_LENGTH) || null;
  const where = words
    ? Prisma.sql`(a.search @@ plainto_tsquery('norwegian', ${words}) OR a.search @@ plainto_tsquery('english', ${words})
                 OR a.title ILIKE '%' || ${escapeLike(words)} || '%')`
    : Prisma.sql`a.owning_unit_id = ${unit.id}::uuid`;
  const rows = await sql(db).rows<ManagedArticle & { total: bigint }>(Prisma.sql`
    SELECT m.*, count(*) OVER () AS total
      FROM (${articleSelect} WHERE ${where}) m
     ORDER BY m.retired, lower(m.title), m.lang
     LIMIT ${MANAGED_ARTICLES_SHOWN}`);
  return {
    unit,
    query: words,
    articles: rows.map(({ total: _total, ...row }) => ({ ...row, own: row.owningUnitId === unit.id })),
    total: rows.length > 0 ? Number(rows[0]!.total) : 0,
  };
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (sign) => `\\${sign}`);

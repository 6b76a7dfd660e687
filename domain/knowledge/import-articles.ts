import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeAuditMany, type AuditRecord } from '../audit.js';
import { type Prisma, type PrismaClient, sql } from '../db.js';
import type { KnowledgeSource } from '../../prisma/generated/enums.js';
import type { ArticleFileLanguage } from './article-file-messages.js';
import { ArticleFileError, parseArticleFile, type ArticleFileContent, type ArticleProblem } from './article-file.js';
import { refreshKnowledgeWords } from './refresh-knowledge-words.js';

export interface ImportArticlesOptions {
  /** Who imports: an aadObjectId, or a system actor such as `knowledge-import` or `demo-data`. */
  actor: string;
  /** The language problems are reported in. */
  language?: ArticleFileLanguage;
}

export interface ImportArticlesSummary {
  created: number;
  updated: number;
  unchanged: number;
}

// Any constant; every writer of articles takes it (imports, a published resolution), so the
// vocabulary refresh of one never runs beside another's.
export const IMPORT_LOCK_KEY = 727_274_201;
const SOURCE: KnowledgeSource = 'import';

/**
 * Reads every `*.md` file of a folder as an article. All problems of all files are reported in
 * one ArticleFileError; nothing is returned then.
 */
export async function readArticleFolder(folder: string, { language = 'nb' }: { language?: ArticleFileLanguage } = {}): Promise<ArticleFileContent[]> {
  const names = (await readdir(folder, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md') && entry.name !== 'README.md')
    .map((entry) => entry.name)
    .sort();
  const articles: ArticleFileContent[] = [];
  const problems: ArticleProblem[] = [];
  for (const name of names) {
    const file = join(folder, name);
    const parsed = parseArticleFile(await readFile(file, 'utf8'), file);
    problems.push(...parsed.problems);
    if (parsed.article) articles.push(parsed.article);
  }
  problems.push(...duplicateProblems(articles));
  if (problems.length > 0) throw new ArticleFileError(problems, language);
  return articles;
}

/** The same (slug, lang) twice: the second file is the problem. */
function duplicateProblems(articles: ArticleFileContent[]): ArticleProblem[] {
  const first = new Map<string, ArticleFileContent>();
  const problems: ArticleProblem[] = [];
  for (const article of articles) {
    const key = `${article.slug}.${article.lang}`;
    const earlier = first.get(key);
    if (earlier) problems.push({ file: article.file, line: article.lines.slug, field: 'slug', message: { key: 'duplicate', params: { first: earlier.file } } });
    else first.set(key, article);
  }
  return problems;
}

/** Reads a folder and imports it: `npm run knowledge:import -- <folder>` and the demo data. */
export async function importArticleFolder(prisma: PrismaClient, folder: string, options: ImportArticlesOptions): Promise<ImportArticlesSummary> {
  return importArticles(prisma, await readArticleFolder(folder, options), options);
}

type Tx = Prisma.TransactionClient;

/** What the import writes for an article, compared field by field with what is stored. */
interface ArticleFields {
  title: string;
  body: string;
  link: string | null;
  subjectAreaId: string | null;
  owningUnitId: string | null;
  tags: string[];
}

/**
 * Creates or updates the articles by (slug, lang), all or nothing, in one transaction: unknown unit
 * or subject area codes are problems (ArticleFileError, nothing written). An article whose fields
 * are unchanged is not written, so importing the same files again writes nothing at all. Articles
 * missing from the files are left as they are, and so is an article's retirement.
 */
export async function importArticles(
  prisma: PrismaClient,
  articles: ArticleFileContent[],
  { actor, language = 'nb' }: ImportArticlesOptions,
): Promise<ImportArticlesSummary> {
  const duplicates = duplicateProblems(articles);
  if (duplicates.length > 0) throw new ArticleFileError(duplicates, language);

  return prisma.$transaction(
    async (tx) => {
      await sql(tx).run`SELECT pg_advisory_xact_lock(${IMPORT_LOCK_KEY})`;
      const ids = await resolveCodes(tx, articles, language);
      const existing = await tx.knowledgeArticle.findMany({
        where: { OR: articles.map(({ slug, lang }) => ({ slug, lang })) },
        select: { id: true, slug: true, lang: true, title: true, body: true, link: true, subjectAreaId: true, owningUnitId: true, tags: true },
      });
      const stored = new Map(existing.map((row) => [`${row.slug}.${row.lang}`, row]));

      const summary: ImportArticlesSummary = { created: 0, updated: 0, unchanged: 0 };
      const audit: AuditRecord[] = [];
      for (const article of articles) {
        const fields: ArticleFields = {
          title: article.title,
          body: article.body,
          link: article.link ?? null,
          subjectAreaId: article.subjectArea ? ids.subjectAreas.get(article.subjectArea)! : null,
          owningUnitId: ids.units.get(article.unit)!,
          tags: article.tags,
        };
        const key = { slug: article.slug, lang: article.lang };
        const before = stored.get(`${article.slug}.${article.lang}`);
        if (!before) {
          const { id } = await tx.knowledgeArticle.create({ data: { ...key, ...fields, source: SOURCE }, select: { id: true } });
          summary.created += 1;
          audit.push({ actor, action: 'knowledge.article.created', entity: 'knowledge_article', entityId: id, before: null, after: { id, ...key, ...fields, source: SOURCE } });
          continue;
        }
        const changed = (Object.keys(fields) as (keyof ArticleFields)[]).filter((field) => JSON.stringify(before[field]) !== JSON.stringify(fields[field]));
        if (changed.length === 0) {
          summary.unchanged += 1;
          continue;
        }
        const pick = (from: ArticleFields) => Object.fromEntries(changed.map((field) => [field, from[field]]));
        // The version tells an article form shown before the import that it is stale.
        await tx.knowledgeArticle.update({ where: { id: before.id }, data: { ...pick(fields), version: { increment: 1 } } });
        summary.updated += 1;
        audit.push({
          actor,
          action: 'knowledge.article.updated',
          entity: 'knowledge_article',
          entityId: before.id,
          before: { id: before.id, ...key, ...pick(before) },
          after: { id: before.id, ...key, ...pick(fields) },
        });
      }
      if (audit.length > 0) {
        await writeAuditMany(tx, audit);
        await refreshKnowledgeWords(tx);
      }
      return summary;
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
}

/** Unit and subject area ids by code; an unknown code is a problem at its line. */
async function resolveCodes(tx: Tx, articles: ArticleFileContent[], language: ArticleFileLanguage) {
  const [units, subjectAreas] = await Promise.all([
    tx.unit.findMany({ where: { active: true }, select: { id: true, code: true } }),
    tx.subjectArea.findMany({ where: { active: true }, select: { id: true, code: true } }),
  ]);
  const ids = {
    units: new Map(units.map((unit) => [unit.code, unit.id])),
    subjectAreas: new Map(subjectAreas.map((area) => [area.code, area.id])),
  };
  const known = (codes: Map<string, string>) => (codes.size <= 20 ? [...codes.keys()].sort().join(', ') : '');
  const problems: ArticleProblem[] = [];
  for (const article of articles) {
    if (!ids.units.has(article.unit)) {
      problems.push({ file: article.file, line: article.lines.unit, field: 'unit', message: { key: 'unknownUnit', params: { code: article.unit, list: known(ids.units) } } });
    }
    if (article.subjectArea && !ids.subjectAreas.has(article.subjectArea)) {
      problems.push({
        file: article.file,
        line: article.lines.subjectArea ?? 1,
        field: 'subjectArea',
        message: { key: 'unknownSubjectArea', params: { code: article.subjectArea, list: known(ids.subjectAreas) } },
      });
    }
  }
  if (problems.length > 0) throw new ArticleFileError(problems, language);
  return ids;
}

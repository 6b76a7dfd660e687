import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { PrismaClient } from '../../domain/db.js';
import type { ArticleFileContent } from '../../domain/knowledge/article-file.js';
import { importArticles } from '../../domain/knowledge/import-articles.js';
import { DEMO_ORGANISATION_PATH } from '../../domain/org/demo-people.js';
import { importOrganisation } from '../../domain/org/import-organisation.js';
import { parseOrganisationFile } from '../../domain/org/org-file.js';

/** The small articles of test/fixtures/knowledge: nb, en and nn, and a link article. */
export const KNOWLEDGE_FIXTURES = fileURLToPath(new URL('../fixtures/knowledge', import.meta.url));

/** The demo organisation without its knowledge base, so a test decides exactly which articles exist. */
export async function loadDemoOrganisationOnly(prisma: PrismaClient): Promise<void> {
  const org = parseOrganisationFile(await readFile(DEMO_ORGANISATION_PATH, 'utf8'), DEMO_ORGANISATION_PATH);
  await importOrganisation(prisma, org, { actor: 'test' });
}

/** An article as the import takes it, owned by the archive (DOKU) unless said otherwise. */
export function article(fields: Partial<ArticleFileContent> & Pick<ArticleFileContent, 'slug' | 'title' | 'body'>): ArticleFileContent {
  const lang = fields.lang ?? 'nb';
  return {
    file: `${fields.slug}.${lang}.md`,
    lang,
    unit: 'DOKU',
    tags: [],
    lines: { slug: 2, unit: 5 },
    ...fields,
  };
}

/** Imports articles as `npm run knowledge:import` does (and so refreshes the word list). */
export async function addArticles(prisma: PrismaClient, articles: ArticleFileContent[]): Promise<void> {
  await importArticles(prisma, articles, { actor: 'test' });
}

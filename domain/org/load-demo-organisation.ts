import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { PrismaClient } from '../db.js';
import { importArticleFolder } from '../knowledge/import-articles.js';
import { DEMO_ORGANISATION_PATH } from './demo-people.js';
import { importOrganisation } from './import-organisation.js';
import { parseOrganisationFile } from './org-file.js';

/** The starter knowledge base that comes with the demo organisation (its units own the articles). */
export const DEMO_ARTICLES_DIR = fileURLToPath(new URL('../knowledge/articles', import.meta.url));

/**
 * Loads "Eksempel kommune" and its knowledge base into a database with no people and no units, so
 * a fresh install can be tried at once. A database that holds any organisation is left alone.
 * Returns whether it loaded.
 */
export async function loadDemoOrganisationIfEmpty(prisma: PrismaClient): Promise<boolean> {
  const [people, units] = await Promise.all([prisma.person.count(), prisma.unit.count()]);
  if (people > 0 || units > 0) return false;
  const org = parseOrganisationFile(await readFile(DEMO_ORGANISATION_PATH, 'utf8'), DEMO_ORGANISATION_PATH);
  await importOrganisation(prisma, org, { actor: 'demo-data' });
  await importArticleFolder(prisma, DEMO_ARTICLES_DIR, { actor: 'demo-data' });
  return true;
}

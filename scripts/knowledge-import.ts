/**
 * Imports a folder of knowledge-base articles (`<slug>.<lang>.md`) into the database the app uses:
 *
 *   npm run knowledge:import -- domain/knowledge/articles
 *   npm run knowledge:import -- --lang en <folder>     (messages in English; bokmål is the default)
 *
 * DATABASE_URL points at PostgreSQL; without it the embedded database in DATA_DIR is used (the
 * running bot's server if there is one). Every file is checked before anything is written, every
 * problem is reported as `file:line field: message`, and the import is all or nothing. Articles
 * are matched on (slug, lang): importing the same files again changes nothing. The file format is
 * in the README ("Hjelp til selvhjelp").
 */
import { stat } from 'node:fs/promises';
import { loadCliConfig, openCliDatabase, readPathArgs, type CliLanguage } from './cli.js';
import { ArticleFileError } from '../domain/knowledge/article-file.js';
import { importArticles, readArticleFolder, type ImportArticlesSummary } from '../domain/knowledge/import-articles.js';
import type { ArticleFileContent } from '../domain/knowledge/article-file.js';

const ACTOR = 'knowledge-import';

const NB_TEXTS = {
  usage: 'Bruk: npm run knowledge:import -- [--lang nb|en] <mappe med artikler>',
  unknownLanguage: (lang: string) => `Ukjent språk «${lang}»; velg nb eller en.`,
  notFound: (folder: string) => `Fant ikke mappen ${folder}.`,
  notAFolder: (folder: string) => `${folder} er ikke en mappe.`,
  problems: (folder: string, count: number) => `${folder} har ${count} feil. Ingenting er importert.`,
  databaseFailed: (reason: string) => `Kunne ikke åpne databasen, og ingenting er endret: ${reason}`,
  importFailed: (reason: string) => `Importen feilet, og ingenting er endret: ${reason}`,
  noChanges: (folder: string, count: number) => `Ingen endringer: databasen stemmer allerede med de ${count} artiklene i ${folder}.`,
  imported: (folder: string, { created, updated, unchanged }: ImportArticlesSummary) =>
    `Importert fra ${folder}: ${created} nye, ${updated} endret, ${unchanged} uendret.`,
};

type Texts = typeof NB_TEXTS;

const TEXTS: Record<CliLanguage, Texts> = {
  nb: NB_TEXTS,
  en: {
    usage: 'Usage: npm run knowledge:import -- [--lang nb|en] <folder of articles>',
    unknownLanguage: (lang: string) => `Unknown language "${lang}"; choose nb or en.`,
    notFound: (folder: string) => `Folder not found: ${folder}.`,
    notAFolder: (folder: string) => `${folder} is not a folder.`,
    problems: (folder: string, count: number) => `${folder} has ${count} ${count === 1 ? 'problem' : 'problems'}. Nothing was imported.`,
    databaseFailed: (reason: string) => `Could not open the database; nothing was changed: ${reason}`,
    importFailed: (reason: string) => `The import failed; nothing was changed: ${reason}`,
    noChanges: (folder: string, count: number) => `No changes: the database already matches the ${count} articles in ${folder}.`,
    imported: (folder: string, { created, updated, unchanged }: ImportArticlesSummary) =>
      `Imported from ${folder}: ${created} new, ${updated} changed, ${unchanged} unchanged.`,
  },
};

async function main(args: string[]): Promise<number> {
  const call = readPathArgs(args, TEXTS);
  if (!call) return 1;
  const { path: folder, language } = call;
  const say = TEXTS[language];

  try {
    if (!(await stat(folder)).isDirectory()) {
      console.error(say.notAFolder(folder));
      return 1;
    }
  } catch {
    console.error(say.notFound(folder));
    return 1;
  }

  let articles: ArticleFileContent[];
  try {
    articles = await readArticleFolder(folder, { language });
  } catch (error) {
    if (!(error instanceof ArticleFileError)) throw error;
    return reportProblems(folder, error, say);
  }

  const config = loadCliConfig();
  if (!config) return 1;
  const db = await openCliDatabase(config, { poolSize: 2, databaseFailed: say.databaseFailed });
  if (!db) return 1;
  try {
    const summary = await importArticles(db.prisma, articles, { actor: ACTOR, language });
    console.log(summary.created + summary.updated === 0 ? say.noChanges(folder, summary.unchanged) : say.imported(folder, summary));
    return 0;
  } catch (error) {
    // Unknown unit or subject area codes are found against the database.
    if (error instanceof ArticleFileError) return reportProblems(folder, error, say);
    console.error(say.importFailed((error as Error).message));
    return 1;
  } finally {
    await db.close();
  }
}

function reportProblems(folder: string, error: ArticleFileError, say: Texts): number {
  console.error(say.problems(folder, error.problems.length));
  for (const problem of error.problems) console.error(`  ${problem}`);
  return 1;
}

process.exitCode = await main(process.argv.slice(2));

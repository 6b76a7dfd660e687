/**
 * Imports an archive file (cases, registry entries, approval steps, decisions; YAML or JSON) into
 * the built-in registry of the database the app uses:
 *
 *   npm run archive:import -- arkiv.yaml
 *   npm run archive:import -- --lang en arkiv.yaml     (messages in English; bokmål is the default)
 *
 * DATABASE_URL points at PostgreSQL; without it the embedded database in DATA_DIR is used (the
 * running bot's server, or one started for the import). The people and units the file names must
 * be imported first (npm run org:import). The file is checked completely before anything is
 * written; the import is one transaction and can be repeated. Example: docs/archive-example.yaml.
 */
import { readFile } from 'node:fs/promises';
import { loadCliConfig, openCliDatabase, readPathArgs } from './cli.js';
import { ArchiveFileError, parseArchiveFile } from '../domain/archive/import/archive-file.js';
import { importArchive, loadArchiveDirectory, type ArchiveCounts, type ArchiveImportSummary } from '../domain/archive/import/import-archive.js';
import type { OrgFileLanguage } from '../domain/org/org-file-messages.js';

const ACTOR = 'archive-import';

const NB_TEXTS = {
  usage: 'Bruk: npm run archive:import -- [--lang nb|en] <arkivfil.yaml|.yml|.json>',
  unknownLanguage: (lang: string) => `Ukjent språk «${lang}»; velg nb eller en.`,
  notFound: (file: string) => `Fant ikke filen ${file}.`,
  unreadable: (file: string, reason: string) => `Kunne ikke lese ${file}: ${reason}`,
  problems: (file: string, count: number) => `${file} har ${count} feil. Ingenting er importert.`,
  databaseFailed: (reason: string) => `Kunne ikke åpne databasen, og ingenting er endret: ${reason}`,
  importFailed: (reason: string) => `Importen feilet, og ingenting er endret: ${reason}`,
  noChanges: (file: string) => `Ingen endringer: arkivet stemmer allerede med ${file}.`,
  imported: (file: string) => `Importert fra ${file}:`,
  kinds: { cases: 'Saker:', entries: 'Journalposter:', approvalSteps: 'Godkjenningssteg:', decisions: 'Vedtak:' },
  counts: (created: number, updated: number) => `${created} ${created === 1 ? 'ny' : 'nye'}, ${updated} endret`,
};

type Texts = typeof NB_TEXTS;

const TEXTS: Record<OrgFileLanguage, Texts> = {
  nb: NB_TEXTS,
  en: {
    usage: 'Usage: npm run archive:import -- [--lang nb|en] <archive-file.yaml|.yml|.json>',
    unknownLanguage: (lang: string) => `Unknown language "${lang}"; choose nb or en.`,
    notFound: (file: string) => `File not found: ${file}.`,
    unreadable: (file: string, reason: string) => `Could not read ${file}: ${reason}`,
    problems: (file: string, count: number) => `${file} has ${count} ${count === 1 ? 'problem' : 'problems'}. Nothing was imported.`,
    databaseFailed: (reason: string) => `Could not open the database; nothing was changed: ${reason}`,
    importFailed: (reason: string) => `The import failed; nothing was changed: ${reason}`,
    noChanges: (file: string) => `No changes: the archive already matches ${file}.`,
    imported: (file: string) => `Imported from ${file}:`,
    kinds: { cases: 'Cases:', entries: 'Registry entries:', approvalSteps: 'Approval steps:', decisions: 'Decisions:' },
    counts: (created: number, updated: number) => `${created} new, ${updated} changed`,
  },
};

function describeSummary(file: string, summary: ArchiveImportSummary, say: Texts): string {
  const kinds = Object.keys(say.kinds) as (keyof ArchiveCounts)[];
  if (kinds.every((kind) => summary.created[kind] === 0 && summary.updated[kind] === 0)) return say.noChanges(file);
  return [say.imported(file), ...kinds.map((kind) => `  ${say.kinds[kind].padEnd(18)} ${say.counts(summary.created[kind], summary.updated[kind])}`)].join('\n');
}

async function main(args: string[]): Promise<number> {
  const call = readPathArgs(args, TEXTS);
  if (!call) return 1;
  const { path: file, language } = call;
  const say = TEXTS[language];

  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(code === 'ENOENT' ? say.notFound(file) : say.unreadable(file, (error as Error).message));
    return 1;
  }

  const config = loadCliConfig();
  if (!config) return 1;
  // The people and units the file names are looked up in the database, so it is opened first.
  const db = await openCliDatabase(config, { poolSize: 2, databaseFailed: say.databaseFailed });
  if (!db) return 1;
  try {
    const archive = parseArchiveFile(text, file, await loadArchiveDirectory(db.prisma), { language });
    const summary = await importArchive(db.prisma, archive, { actor: ACTOR, now: new Date() });
    console.log(describeSummary(file, summary, say));
    return 0;
  } catch (error) {
    if (error instanceof ArchiveFileError) {
      console.error(say.problems(file, error.problems.length));
      for (const problem of error.problems) console.error(`  ${problem}`);
    } else {
      console.error(say.importFailed((error as Error).message));
    }
    return 1;
  } finally {
    await db.close();
  }
}

process.exitCode = await main(process.argv.slice(2));

/**
 * Imports an organisation file (YAML or JSON) into the database the app uses:
 *
 *   npm run org:import -- org.yaml
 *   npm run org:import -- --lang en org.yaml     (messages in English; bokmål is the default)
 *
 * DATABASE_URL points at PostgreSQL; without it the embedded database in DATA_DIR is used: the
 * server of the running bot if there is one (its port and password are in DATA_DIR), else one
 * started for the import and stopped afterwards.
 * The file is checked completely before anything is written, and every problem in it is reported
 * in one run; the import is all or nothing. The file's format: docs/ORGANISATION.md.
 */
import { readFile } from 'node:fs/promises';
import { loadCliConfig, openCliDatabase, readPathArgs } from './cli.js';
import { importOrganisation, type ImportSummary } from '../domain/org/import-organisation.js';
import { OrgFileError, parseOrganisationFile, type OrganisationFile } from '../domain/org/org-file.js';
import type { OrgFileLanguage } from '../domain/org/org-file-messages.js';

const ACTOR = 'org-import';

const NB_TEXTS = {
  usage: 'Bruk: npm run org:import -- [--lang nb|en] <organisasjonsfil.yaml|.yml|.json>',
  unknownLanguage: (lang: string) => `Ukjent språk «${lang}»; velg nb eller en.`,
  notFound: (file: string) => `Fant ikke filen ${file}.`,
  unreadable: (file: string, reason: string) => `Kunne ikke lese ${file}: ${reason}`,
  problems: (file: string, count: number) => `${file} har ${count} feil. Ingenting er importert.`,
  databaseFailed: (reason: string) => `Kunne ikke åpne databasen, og ingenting er endret: ${reason}`,
  importFailed: (reason: string) => `Importen feilet, og ingenting er endret: ${reason}`,
  noChanges: (file: string) => `Ingen endringer: databasen stemmer allerede med ${file}.`,
  imported: (file: string) => `Importert fra ${file}:`,
  units: 'Enheter:',
  people: 'Personer:',
  subjectAreas: 'Fagområder:',
  counts: (created: number, updated: number, deactivated: number) =>
    `${created} nye, ${updated} endret, ${deactivated} deaktivert`,
  roles: (changed: number) => `Rolletildelinger: ${changed} lagt til eller fjernet`,
};

type Texts = typeof NB_TEXTS;

const TEXTS: Record<OrgFileLanguage, Texts> = {
  nb: NB_TEXTS,
  en: {
    usage: 'Usage: npm run org:import -- [--lang nb|en] <organisation-file.yaml|.yml|.json>',
    unknownLanguage: (lang: string) => `Unknown language "${lang}"; choose nb or en.`,
    notFound: (file: string) => `File not found: ${file}.`,
    unreadable: (file: string, reason: string) => `Could not read ${file}: ${reason}`,
    problems: (file: string, count: number) =>
      `${file} has ${count} ${count === 1 ? 'problem' : 'problems'}. Nothing was imported.`,
    databaseFailed: (reason: string) => `Could not open the database; nothing was changed: ${reason}`,
    importFailed: (reason: string) => `The import failed; nothing was changed: ${reason}`,
    noChanges: (file: string) => `No changes: the database already matches ${file}.`,
    imported: (file: string) => `Imported from ${file}:`,
    units: 'Units:',
    people: 'People:',
    subjectAreas: 'Subject areas:',
    counts: (created: number, updated: number, deactivated: number) =>
      `${created} new, ${updated} changed, ${deactivated} deactivated`,
    roles: (changed: number) => `Role assignments: ${changed} added or removed`,
  },
};

async function main(args: string[]): Promise<number> {
  const call = readPathArgs(args, TEXTS);
  if (!call) return 1;
  const { path: file, language } = call;
  const say: Texts = TEXTS[language];

  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(code === 'ENOENT' ? say.notFound(file) : say.unreadable(file, (error as Error).message));
    return 1;
  }

  let org: OrganisationFile;
  try {
    org = parseOrganisationFile(text, file, { language });
  } catch (error) {
    if (!(error instanceof OrgFileError)) throw error;
    console.error(say.problems(file, error.problems.length));
    for (const problem of error.problems) console.error(`  ${problem}`);
    return 1;
  }

  const config = loadCliConfig();
  if (!config) return 1;

  // The import is one transaction on one connection.
  const db = await openCliDatabase(config, { poolSize: 2, databaseFailed: say.databaseFailed });
  if (!db) return 1;
  try {
    const summary = await importOrganisation(db.prisma, org, { actor: ACTOR });
    console.log(describeSummary(file, summary, say));
    return 0;
  } catch (error) {
    console.error(say.importFailed((error as Error).message));
    return 1;
  } finally {
    await db.close();
  }
}

function describeSummary(file: string, summary: ImportSummary, say: Texts): string {
  const { created, updated, deactivated, roleAssignmentsChanged } = summary;
  const total =
    Object.values(created).reduce((sum, n) => sum + n, 0) +
    Object.values(updated).reduce((sum, n) => sum + n, 0) +
    Object.values(deactivated).reduce((sum, n) => sum + n, 0) +
    roleAssignmentsChanged;
  if (total === 0) return say.noChanges(file);

  const line = (label: string, kind: keyof typeof created) =>
    `  ${label.padEnd(14)} ${say.counts(created[kind], updated[kind], deactivated[kind])}`;
  return [
    say.imported(file),
    line(say.units, 'units'),
    line(say.people, 'people'),
    line(say.subjectAreas, 'subjectAreas'),
    `  ${say.roles(roleAssignmentsChanged)}`,
  ].join('\n');
}

process.exitCode = await main(process.argv.slice(2));

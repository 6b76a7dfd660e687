/**
 * Loads the demo: the demo organisation "Eksempel kommune", its knowledge base and the demo
 * archive data, into the database at DATABASE_URL (a PostgreSQL server of your own; without it
 * the embedded database in DATA_DIR, which the bot fills by itself on its first start):
 *
 *   DATABASE_URL=postgres://… npm run demo:load [-- --lang en]
 *
 * It can be run again: the organisation and the articles are imported as the import commands do
 * (nothing changes the second time), the archive data is made only while the registry is empty.
 * A database that holds another organisation is refused.
 */
import { loadCliConfig, openCliDatabase, readLanguage } from './cli.js';
import { holdsOtherOrganisation, loadDemoArchiveIfEmpty } from '../domain/archive/demo/load-demo-archive.js';
import { importArticleFolder } from '../domain/knowledge/import-articles.js';
import { DEMO_ORGANISATION_PATH } from '../domain/org/demo-people.js';
import { DEMO_ARTICLES_DIR } from '../domain/org/load-demo-organisation.js';
import { importOrganisation } from '../domain/org/import-organisation.js';
import { parseOrganisationFile } from '../domain/org/org-file.js';
import { readFile } from 'node:fs/promises';

const ACTOR = 'demo-data';

const NB = {
  usage: 'Bruk: npm run demo:load [-- --lang nb|en]',
  unknownLanguage: (lang: string) => `Ukjent språk «${lang}»; velg nb eller en.`,
  databaseFailed: (reason: string) => `Kunne ikke åpne databasen, og ingenting er endret: ${reason}`,
  otherOrganisation: 'Databasen har en annen organisasjon; demoen lastes bare inn i en tom database eller over seg selv. Ingenting er endret.',
  organisation: 'Demo-organisasjonen Eksempel kommune og kunnskapsbasen er lastet inn.',
  archive: (entries: number, cases: number) => `Arkivdata: ${entries} journalposter i ${cases} saker.`,
  archiveKept: 'Arkivet hadde allerede data og er ikke endret.',
  failed: (reason: string) => `Demoen ble ikke lastet inn helt: ${reason}`,
};
const EN: typeof NB = {
  usage: 'Usage: npm run demo:load [-- --lang nb|en]',
  unknownLanguage: (lang) => `Unknown language "${lang}"; choose nb or en.`,
  databaseFailed: (reason) => `Could not open the database; nothing was changed: ${reason}`,
  otherOrganisation: 'The database holds another organisation; the demo is loaded only into an empty database or over itself. Nothing was changed.',
  organisation: 'The demo organisation Eksempel kommune and its knowledge base are loaded.',
  archive: (entries, cases) => `Archive data: ${entries} registry entries in ${cases} cases.`,
  archiveKept: 'The archive already held data and was left as it was.',
  failed: (reason) => `The demo was not loaded completely: ${reason}`,
};

async function main(args: string[]): Promise<number> {
  const lang = readLanguage(args, NB);
  if (!lang) return 1;
  const say = lang === 'en' ? EN : NB;
  const config = loadCliConfig();
  if (!config) return 1;
  const db = await openCliDatabase(config, { poolSize: 2, databaseFailed: say.databaseFailed });
  if (!db) return 1;
  try {
    if (await holdsOtherOrganisation(db.prisma)) {
      console.error(say.otherOrganisation);
      return 1;
    }
    const org = parseOrganisationFile(await readFile(DEMO_ORGANISATION_PATH, 'utf8'), DEMO_ORGANISATION_PATH);
    await importOrganisation(db.prisma, org, { actor: ACTOR });
    await importArticleFolder(db.prisma, DEMO_ARTICLES_DIR, { actor: ACTOR });
    console.log(say.organisation);
    const archive = await loadDemoArchiveIfEmpty(db.prisma, { now: new Date() });
    console.log(archive ? say.archive(archive.entries, archive.cases) : say.archiveKept);
    return 0;
  } catch (error) {
    console.error(say.failed((error as Error).message));
    return 1;
  } finally {
    await db.close();
  }
}

process.exitCode = await main(process.argv.slice(2));

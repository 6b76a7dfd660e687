/**
 * Imports an organisation file (YAML or JSON) into the database the app uses:
 *
 *   npm run org:import -- org.yaml
 *
 * DATABASE_URL points at PostgreSQL; without it the embedded database in DATA_DIR is used: the
 * server of the running bot if there is one (its port and password are in DATA_DIR), else one
 * started for the import and stopped afterwards.
 * The file is checked completely before anything is written; the import is all or nothing.
 */
import { readFile } from 'node:fs/promises';
import { loadConfig, ConfigError, type Config } from '../infra/config.js';
import { openDatabase, type Database } from '../infra/database.js';
import { applyMigrations } from '../infra/migrate.js';
import { importOrganisation, type ImportSummary } from '../domain/org/import-organisation.js';
import { OrgFileError, parseOrganisationFile, type OrganisationFile } from '../domain/org/org-file.js';

const ACTOR = 'org-import';

async function main(args: string[]): Promise<number> {
  const file = args[0];
  if (!file || args.length > 1) {
    console.error('Bruk: npm run org:import -- <organisasjonsfil.yaml|.yml|.json>');
    return 1;
  }

  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(
      code === 'ENOENT'
        ? `Fant ikke filen ${file}.`
        : `Kunne ikke lese ${file}: ${(error as Error).message}`,
    );
    return 1;
  }

  let org: OrganisationFile;
  try {
    org = parseOrganisationFile(text, file);
  } catch (error) {
    if (!(error instanceof OrgFileError)) throw error;
    console.error(`${file} har ${error.problems.length} feil. Ingenting er importert.`);
    for (const problem of error.problems) console.error(`  ${problem}`);
    return 1;
  }

  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return 1;
  }

  // The import is one transaction on one connection; a small pool leaves the server's to the app.
  let db: Database;
  try {
    // With the embedded database: the running bot's server if there is one, else our own for the import.
    db = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 2, whenRunning: 'connect' });
  } catch (error) {
    console.error(`Kunne ikke åpne databasen, og ingenting er endret: ${(error as Error).message}`);
    return 1;
  }
  try {
    await applyMigrations(db.pool);
    const summary = await importOrganisation(db.prisma, org, { actor: ACTOR });
    console.log(describeSummary(file, summary));
    return 0;
  } catch (error) {
    console.error(`Importen feilet, og ingenting er endret: ${(error as Error).message}`);
    return 1;
  } finally {
    await db.close();
  }
}

function describeSummary(file: string, summary: ImportSummary): string {
  const { created, updated, deactivated, roleAssignmentsChanged } = summary;
  const total =
    Object.values(created).reduce((sum, n) => sum + n, 0) +
    Object.values(updated).reduce((sum, n) => sum + n, 0) +
    Object.values(deactivated).reduce((sum, n) => sum + n, 0) +
    roleAssignmentsChanged;
  if (total === 0) return `Ingen endringer: databasen stemmer allerede med ${file}.`;

  const line = (label: string, kind: keyof typeof created) =>
    `  ${label.padEnd(12)} ${created[kind]} nye, ${updated[kind]} endret, ${deactivated[kind]} deaktivert`;
  return [
    `Importert fra ${file}:`,
    line('Enheter:', 'units'),
    line('Personer:', 'people'),
    line('Fagområder:', 'subjectAreas'),
    `  Rolletildelinger: ${roleAssignmentsChanged} lagt til eller fjernet`,
  ].join('\n');
}

process.exitCode = await main(process.argv.slice(2));

/**
 * Generates demo archive data for the demo organisation, the same for the same seed:
 *
 *   npm run demo:archive -- [--people N] [--entries M] [--seed S] [--replace] [--lang nb|en]
 *
 * --people grows the demo organisation to N people (generated units of twenty with a leader, a
 * deputy and caseworkers) for benchmarks; --entries is the number of registry entries (default
 * 300; 1,000,000 is a benchmark set); --replace empties the registry first (without it, a
 * registry that holds data is left alone). It prints how fast the rows went in. DATABASE_URL or
 * the embedded database in DATA_DIR, with or without the bot running. Refuses a database that
 * holds an organisation other than the demo one.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadCliConfig, openCliDatabase } from './cli.js';
import { withGeneratedPeople } from '../domain/archive/demo/benchmark-organisation.js';
import { clearArchiveRegistry, DEMO_ARCHIVE_ENTRIES, DEMO_ARCHIVE_SEED, generateDemoArchive, holdsOtherOrganisation } from '../domain/archive/demo/load-demo-archive.js';
import { DEMO_ORGANISATION_PATH } from '../domain/org/demo-people.js';
import { importOrganisation } from '../domain/org/import-organisation.js';
import { parseOrganisationFile } from '../domain/org/org-file.js';

const ACTOR = 'demo-data';

const NB = {
  usage: 'Bruk: npm run demo:archive -- [--people N] [--entries M] [--seed S] [--replace] [--lang nb|en]',
  badNumber: (option: string, value: string) => `--${option} må være et helt tall fra 1, ikke «${value}».`,
  databaseFailed: (reason: string) => `Kunne ikke åpne databasen, og ingenting er endret: ${reason}`,
  otherOrganisation: 'Databasen har en annen organisasjon enn demo-organisasjonen; demodata lages bare for Eksempel kommune. Ingenting er endret.',
  notEmpty: (entries: number) => `Arkivet har allerede ${entries} journalposter. Bruk --replace for å tømme det først. Ingenting er endret.`,
  organisation: (people: number) => `Demo-organisasjonen: ${people} personer.`,
  cleared: (entries: number) => `Tømte arkivet (${entries} journalposter).`,
  progress: (entries: number) => `  … ${entries} journalposter`,
  done: (s: { cases: number; entries: number; approvalSteps: number; decisions: number }, seconds: string, rate: string) =>
    `Laget ${s.entries} journalposter i ${s.cases} saker, ${s.approvalSteps} godkjenningssteg og ${s.decisions} vedtak på ${seconds} s (${rate} journalposter/s).`,
  failed: (reason: string) => `Demodataene ble ikke laget, og ingenting er endret: ${reason}`,
};
const EN: typeof NB = {
  usage: 'Usage: npm run demo:archive -- [--people N] [--entries M] [--seed S] [--replace] [--lang nb|en]',
  badNumber: (option, value) => `--${option} must be a whole number from 1, not "${value}".`,
  databaseFailed: (reason) => `Could not open the database; nothing was changed: ${reason}`,
  otherOrganisation: 'The database holds an organisation other than the demo one; demo data is made for Eksempel kommune only. Nothing was changed.',
  notEmpty: (entries) => `The archive already holds ${entries} registry entries. Use --replace to empty it first. Nothing was changed.`,
  organisation: (people) => `Demo organisation: ${people} people.`,
  cleared: (entries) => `Emptied the archive (${entries} registry entries).`,
  progress: (entries) => `  … ${entries} registry entries`,
  done: (s, seconds, rate) =>
    `Made ${s.entries} registry entries in ${s.cases} cases, ${s.approvalSteps} approval steps and ${s.decisions} decisions in ${seconds} s (${rate} entries/s).`,
  failed: (reason) => `The demo data was not made; nothing was changed: ${reason}`,
};

interface Call {
  people: number | undefined;
  entries: number;
  seed: string;
  replace: boolean;
  say: typeof NB;
}

function readArgs(args: string[]): Call | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { people: { type: 'string' }, entries: { type: 'string' }, seed: { type: 'string' }, replace: { type: 'boolean' }, lang: { type: 'string' } },
      allowPositionals: false,
    });
  } catch {
    console.error(NB.usage);
    return undefined;
  }
  const { values } = parsed;
  if (values.lang !== undefined && values.lang !== 'nb' && values.lang !== 'en') {
    console.error(NB.usage);
    return undefined;
  }
  const say = values.lang === 'en' ? EN : NB;
  const count = (option: string, value: string | undefined, fallback: number | undefined) => {
    if (value === undefined) return fallback;
    const number = Number(value.replace(/[_ ]/g, ''));
    return Number.isInteger(number) && number >= 1 ? number : null;
  };
  const people = count('people', values.people, undefined);
  const entries = count('entries', values.entries, DEMO_ARCHIVE_ENTRIES);
  if (people === null || entries === null || entries === undefined) {
    console.error(people === null ? say.badNumber('people', values.people!) : say.badNumber('entries', values.entries!));
    return undefined;
  }
  return { people, entries, seed: values.seed ?? DEMO_ARCHIVE_SEED, replace: values.replace ?? false, say };
}

async function main(args: string[]): Promise<number> {
  const call = readArgs(args);
  if (!call) return 1;
  const { say } = call;
  const config = loadCliConfig();
  if (!config) return 1;
  const db = await openCliDatabase(config, { poolSize: 2, databaseFailed: say.databaseFailed });
  if (!db) return 1;
  try {
    if (await holdsOtherOrganisation(db.prisma)) {
      console.error(say.otherOrganisation);
      return 1;
    }
    const existing = await db.prisma.archiveEntry.count();
    if (existing > 0 && !call.replace) {
      console.error(say.notEmpty(existing));
      return 1;
    }
    const demo = parseOrganisationFile(await readFile(DEMO_ORGANISATION_PATH, 'utf8'), DEMO_ORGANISATION_PATH);
    const org = withGeneratedPeople(demo, call.people ?? demo.people.length);
    await importOrganisation(db.prisma, org, { actor: ACTOR });
    console.log(say.organisation(org.people.length));
    if (existing > 0) console.log(say.cleared(await clearArchiveRegistry(db.prisma, { actor: ACTOR })));
    const large = call.entries >= 100_000;
    const summary = await generateDemoArchive(db.prisma, {
      seed: call.seed,
      entries: call.entries,
      now: new Date(),
      actor: ACTOR,
      onBatch: large ? (written) => console.log(say.progress(written)) : undefined,
    });
    console.log(say.done(summary, (summary.ms / 1000).toFixed(1), Math.round(summary.entriesPerSecond).toLocaleString('en-US')));
    return 0;
  } catch (error) {
    console.error(say.failed((error as Error).message));
    return 1;
  } finally {
    await db.close();
  }
}

process.exitCode = await main(process.argv.slice(2));

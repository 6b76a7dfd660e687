/**
 * Creates a personal chat with the bot for every active person who has none, so that Arkivlos can
 * write to them (the organisation pre-installs the app; Teams needs the chat made once):
 *
 *   npm run people:reach                  (bokmål)
 *   npm run people:reach -- --lang en     (English)
 *
 * Each person gets a `reach` message in the outbox (domain/delivery/reach-people.ts), and this
 * script runs a delivery worker itself until every one of them is settled, paced with the bot's
 * workers through the database, so it works with or without a running bot (and two runs started
 * together create each chat once). Then it reports how many chats were created, how many people
 * had one already, and who cannot be reached, by name and e-mail: the report is for the
 * administrator, not for a log. The database is opened as org:import opens it.
 */
import { performance } from 'node:perf_hooks';
import { reachPeople, type ReachOutcome, type ReachPeopleResult } from '../domain/delivery/reach-people.js';
import { translator } from '../i18n/index.js';
import { loadCliConfig, openCliDatabase, readLanguage, type CliLanguage } from './cli.js';
import { deliverUntilSettled, settledReport } from './deliver-until-settled.js';

const ACTOR = 'people-reach';

const NB_TEXTS = {
  usage: 'Bruk: npm run people:reach -- [--lang nb|en]',
  unknownLanguage: (lang: string) => `Ukjent språk «${lang}»; velg nb eller en.`,
  databaseFailed: (reason: string) => `Kunne ikke åpne databasen, og ingenting er endret: ${reason}`,
  failed: (reason: string) => `Nå alle stoppet: ${reason}`,
  deliveryError: (reason: string) => `Utsendingen fikk en feil (prøver igjen): ${reason}`,
  nobody: (connected: number) => `Alle ${connected} aktive personer har allerede en personlig chat med Arkivlos. Ingenting å gjøre.`,
  working: (count: number) => `Oppretter personlig chat for ${count} ${count === 1 ? 'person' : 'personer'}, i det tempoet Teams tillater …`,
  progress: (pending: number, total: number) => `  ${pending} av ${total} gjenstår …`,
  heading: (count: number) => `Nå alle: ${count} ${count === 1 ? 'person' : 'personer'} uten personlig chat med Arkivlos.`,
  created: 'Chat opprettet',
  existed: 'Hadde chat fra før',
  unreachable: 'Kan ikke nås',
  failedCount: 'Feilet',
  pending: 'Venter fortsatt',
  interrupted: 'Avbrutt. Det som venter, sendes når boten kjører, eller neste gang du kjører npm run people:reach.',
};

type Texts = typeof NB_TEXTS;
type Language = CliLanguage;

const TEXTS: Record<Language, Texts> = {
  nb: NB_TEXTS,
  en: {
    usage: 'Usage: npm run people:reach -- [--lang nb|en]',
    unknownLanguage: (lang) => `Unknown language "${lang}"; choose nb or en.`,
    databaseFailed: (reason) => `Could not open the database; nothing was changed: ${reason}`,
    failed: (reason) => `Reach everyone stopped: ${reason}`,
    deliveryError: (reason) => `Delivery ran into an error (trying again): ${reason}`,
    nobody: (connected) => `All ${connected} active people already have a personal chat with Arkivlos. Nothing to do.`,
    working: (count) => `Creating a personal chat for ${count} ${count === 1 ? 'person' : 'people'}, at the pace Teams allows …`,
    progress: (pending, total) => `  ${pending} of ${total} to go …`,
    heading: (count) => `Reach everyone: ${count} ${count === 1 ? 'person' : 'people'} without a personal chat with Arkivlos.`,
    created: 'Chats created',
    existed: 'Already had a chat',
    unreachable: 'Cannot be reached',
    failedCount: 'Failed',
    pending: 'Still waiting',
    interrupted: 'Interrupted. What is waiting is sent while the bot runs, or the next time you run npm run people:reach.',
  },
};

async function main(args: string[]): Promise<number> {
  const language = readLanguage(args, TEXTS.nb);
  if (!language) return 1;
  const say = TEXTS[language];
  // When this process started: a reach that settled after it is the work of a run started
  // together with this one (loading the modules takes a second or two, so not "now").
  const since = new Date(performance.timeOrigin);

  const config = loadCliConfig();
  if (!config) return 1;

  const db = await openCliDatabase(config, { poolSize: 4, databaseFailed: say.databaseFailed });
  if (!db) return 1;
  try {
    let armed: ReachPeopleResult;
    try {
      armed = await reachPeople(db.prisma, { since, actor: ACTOR });
    } catch (error) {
      console.error(say.databaseFailed((error as Error).message));
      return 1;
    }
    const total = armed.messageIds.length;
    if (total === 0) {
      console.log(say.nobody(armed.alreadyConnected));
      return 0;
    }
    console.error(say.working(total));
    const { outcome, interrupted } = await deliverUntilSettled(db, config, armed.messageIds, say);
    console.log(describeOutcome(total, armed.alreadyConnected, outcome, language));
    if (interrupted) {
      console.error(say.interrupted);
      return 1;
    }
    return 0;
  } catch (error) {
    console.error(say.failed((error as Error).message));
    return 1;
  } finally {
    await db.close();
  }
}

function describeOutcome(total: number, alreadyConnected: number, outcome: ReachOutcome, language: Language): string {
  const say = TEXTS[language];
  const t = translator(language);
  const rows: [string, number][] = [
    [say.created, outcome.created],
    [say.existed, alreadyConnected],
    [say.unreachable, outcome.unreachable.length],
    ...(outcome.failed.length ? [[say.failedCount, outcome.failed.length] as [string, number]] : []),
    ...(outcome.pending ? [[say.pending, outcome.pending] as [string, number]] : []),
  ];
  return settledReport(say.heading(total), rows, outcome, say, t);
}

process.exitCode = await main(process.argv.slice(2));

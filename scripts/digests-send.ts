/**
 * Sends a day's «Mine oppgaver» now, from a shell (the morning run, by hand; any day, also a
 * weekend):
 *
 *   npm run digests:send                              (today in the organisation's zone, bokmål)
 *   npm run digests:send -- --date 2026-11-27 --lang en
 *
 * It composes every person's card and puts each in the outbox with the key
 * `digest:<person>:<date>` (domain/daily/send-daily-cards.ts), so a card the morning run, the bot's
 * `send oppgaver nå` or another run of this script queued already is not queued again. Then it
 * runs a delivery worker itself until every card of the day is settled, paced with the bot's
 * workers through the database, so it works with or without a running bot, and several started
 * at once send each card once. It prints the counts, and who could not be reached, by name and
 * e-mail: the report is for the administrator, not for a log.
 */
import { parseArgs } from 'node:util';
import { builtInRegistry } from '../domain/archive/registry/built-in-registry.js';
import { isWorkingDay, localDateOf } from '../domain/calendar/working-days.js';
import { sendDailyCards, type SendDailyCardsResult } from '../domain/daily/send-daily-cards.js';
import type { ReachOutcome } from '../domain/delivery/reach-people.js';
import { getOrganisationSettings } from '../domain/org/organisation-settings.js';
import { translator } from '../i18n/index.js';
import { CLI_LANGUAGES, loadCliConfig, openCliDatabase, type CliLanguage } from './cli.js';
import { deliverUntilSettled, settledReport } from './deliver-until-settled.js';

const ACTOR = 'digests-send';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const NB_TEXTS = {
  usage: 'Bruk: npm run digests:send -- [--date ÅÅÅÅ-MM-DD] [--lang nb|en]',
  unknownLanguage: (lang: string) => `Ukjent språk «${lang}»; velg nb eller en.`,
  badDate: (date: string) => `«${date}» er ikke en dato på formen ÅÅÅÅ-MM-DD.`,
  databaseFailed: (reason: string) => `Kunne ikke åpne databasen, og ingenting er endret: ${reason}`,
  failed: (reason: string) => `Utsendingen av oppgavekortene stoppet: ${reason}`,
  deliveryError: (reason: string) => `Utsendingen fikk en feil (prøver igjen): ${reason}`,
  notWorkingDay: (date: string) => `${date} er ingen arbeidsdag; kortene sendes likevel, fordi du ba om det.`,
  working: (count: number) => `Sender ${count} ${count === 1 ? 'kort' : 'kort'}, i det tempoet Teams tillater …`,
  progress: (pending: number, total: number) => `  ${pending} av ${total} gjenstår …`,
  heading: (date: string, composed: number) => `Oppgavekort for ${date}: ${composed} aktive personer.`,
  queued: 'Satt i kø nå',
  alreadyQueued: 'Var allerede i kø',
  nothingToDo: 'Ingenting å gjøre',
  away: 'Borte',
  sent: 'Sendt',
  unreachable: 'Kan ikke nås',
  failedCount: 'Feilet',
  pending: 'Venter fortsatt',
  interrupted: 'Avbrutt. Det som venter, sendes når boten kjører, eller neste gang du kjører npm run digests:send.',
};

type Texts = typeof NB_TEXTS;

const TEXTS: Record<CliLanguage, Texts> = {
  nb: NB_TEXTS,
  en: {
    usage: 'Usage: npm run digests:send -- [--date YYYY-MM-DD] [--lang nb|en]',
    unknownLanguage: (lang) => `Unknown language "${lang}"; choose nb or en.`,
    badDate: (date) => `"${date}" is not a date of the form YYYY-MM-DD.`,
    databaseFailed: (reason) => `Could not open the database; nothing was changed: ${reason}`,
    failed: (reason) => `Sending the task cards stopped: ${reason}`,
    deliveryError: (reason) => `Delivery ran into an error (trying again): ${reason}`,
    notWorkingDay: (date) => `${date} is not a working day; the cards are sent anyway, since you asked.`,
    working: (count) => `Sending ${count} ${count === 1 ? 'card' : 'cards'}, at the pace Teams allows …`,
    progress: (pending, total) => `  ${pending} of ${total} to go …`,
    heading: (date, composed) => `Task cards for ${date}: ${composed} active people.`,
    queued: 'Queued now',
    alreadyQueued: 'Already queued',
    nothingToDo: 'Nothing to do',
    away: 'Away',
    sent: 'Sent',
    unreachable: 'Cannot be reached',
    failedCount: 'Failed',
    pending: 'Still waiting',
    interrupted: 'Interrupted. What is waiting is sent while the bot runs, or the next time you run npm run digests:send.',
  },
};

function readArgs(args: string[]): { date?: string; language: CliLanguage } | undefined {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { lang: { type: 'string' }, date: { type: 'string' } }, allowPositionals: false });
  } catch {
    console.error(NB_TEXTS.usage);
    return undefined;
  }
  const lang = parsed.values.lang ?? 'nb';
  if (!(CLI_LANGUAGES as readonly string[]).includes(lang)) {
    console.error(NB_TEXTS.unknownLanguage(lang));
    console.error(NB_TEXTS.usage);
    return undefined;
  }
  const language = lang as CliLanguage;
  const date = parsed.values.date;
  if (date !== undefined && (!DATE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date)) {
    console.error(TEXTS[language].badDate(date));
    console.error(TEXTS[language].usage);
    return undefined;
  }
  return { ...(date ? { date } : {}), language };
}

async function main(args: string[]): Promise<number> {
  const options = readArgs(args);
  if (!options) return 1;
  const { language } = options;
  const say = TEXTS[language];

  const config = loadCliConfig();
  if (!config) return 1;
  const db = await openCliDatabase(config, { poolSize: 4, databaseFailed: say.databaseFailed });
  if (!db) return 1;
  try {
    let result: SendDailyCardsResult;
    try {
      const settings = await getOrganisationSettings(db.prisma);
      const date = options.date ?? localDateOf(new Date(), settings.timeZone);
      if (!isWorkingDay(date)) console.error(say.notWorkingDay(date));
      result = await sendDailyCards(db.prisma, builtInRegistry(db.prisma), {
        date,
        dailyCardTime: settings.dailyCardTime,
        timeZone: settings.timeZone,
        actor: ACTOR,
      });
    } catch (error) {
      console.error(say.failed((error as Error).message));
      return 1;
    }
    const total = result.messageIds.length;
    if (total > 0) console.error(say.working(total));
    const { outcome, interrupted } = await deliverUntilSettled(db, config, result.messageIds, say);
    console.log(describe(result, outcome, language));
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

function describe(result: SendDailyCardsResult, outcome: ReachOutcome, language: CliLanguage): string {
  const say = TEXTS[language];
  const t = translator(language);
  const rows: [string, number][] = [
    [say.queued, result.queued],
    [say.alreadyQueued, result.alreadyQueued],
    [say.nothingToDo, result.nothingToDo],
    [say.away, result.away],
    [say.sent, outcome.created],
    [say.unreachable, outcome.unreachable.length],
    [say.failedCount, outcome.failed.length],
    ...(outcome.pending ? [[say.pending, outcome.pending] as [string, number]] : []),
  ];
  return settledReport(say.heading(result.date, result.composed), rows, outcome, say, t);
}

process.exitCode = await main(process.argv.slice(2));

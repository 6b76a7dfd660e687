/**
 * Prints what `status utsending` shows an administrator in Teams, as text:
 *
 *   npm run outbox:status                 (bokmål)
 *   npm run outbox:status -- --lang en    (English)
 *
 * The database is opened as org:import opens it: DATABASE_URL, or the embedded database in
 * DATA_DIR (the running bot's server if there is one, else one started for this and stopped).
 * It lists the people Teams will not deliver to by name: the output is for the administrator,
 * not for a log.
 */
import { getDeliveryStatus, type DeliveryStatus } from '../domain/delivery/delivery-status.js';
import { LOCALE_TAGS, translator, type Translate } from '../i18n/index.js';
import { loadCliConfig, openCliDatabase, readLanguage, type CliLanguage } from './cli.js';

type Language = CliLanguage;

const TEXTS: Record<Language, { usage: string; unknownLanguage: (lang: string) => string; databaseFailed: (reason: string) => string }> = {
  nb: {
    usage: 'Bruk: npm run outbox:status -- [--lang nb|en]',
    unknownLanguage: (lang) => `Ukjent språk «${lang}»; velg nb eller en.`,
    databaseFailed: (reason) => `Kunne ikke lese databasen: ${reason}`,
  },
  en: {
    usage: 'Usage: npm run outbox:status -- [--lang nb|en]',
    unknownLanguage: (lang) => `Unknown language "${lang}"; choose nb or en.`,
    databaseFailed: (reason) => `Could not read the database: ${reason}`,
  },
};

/** The card's sections as lines of text, with the card's words. */
function describeDeliveryStatus(status: DeliveryStatus, at: Date, language: Language, t: Translate): string {
  const number = new Intl.NumberFormat(LOCALE_TAGS[language]).format;
  const time = new Intl.DateTimeFormat(LOCALE_TAGS[language], { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Oslo' }).format;
  const table = (rows: [string, number][]) => {
    const width = Math.max(...rows.map(([title]) => title.length)) + 1;
    return rows.map(([title, value]) => `  ${`${title}:`.padEnd(width)} ${number(value).padStart(8)}`);
  };
  const lines = [
    t('delivery.status.title'),
    t('delivery.status.at', { time: time(at) }),
    '',
    t('delivery.status.waiting'),
    ...table([
      [t('delivery.status.dueNow'), status.waiting.dueNow],
      [t('delivery.status.later'), status.waiting.later],
      [t('delivery.status.sending'), status.waiting.sending],
    ]),
    t('delivery.status.today'),
    ...table([
      [t('delivery.status.sentToday'), status.sentToday],
      [t('delivery.status.reachedToday'), status.reachedToday],
    ]),
    t('delivery.status.failed', { count: number(status.failed.total) }),
  ];
  if (status.failed.total === 0) lines.push(`  ${t('delivery.status.noFailures')}`);
  for (const failure of status.failed.reasons) {
    lines.push(`  - ${t('delivery.status.failureReason', { count: number(failure.count), reason: failure.reason || '?', time: time(failure.latestAt) })}`);
  }
  if (status.failed.moreReasons > 0) lines.push(`  ${t('delivery.status.moreReasons', { count: number(status.failed.moreReasons) })}`);

  const { unreachable, pace } = status;
  lines.push(t('delivery.status.unreachable', { count: number(unreachable.total) }));
  if (unreachable.total === 0) lines.push(`  ${t('delivery.status.nobodyUnreachable')}`);
  for (const person of unreachable.people) {
    lines.push(`  - ${t('delivery.status.unreachablePerson', { name: person.name, email: person.email, reason: t(`delivery.reason.${person.reason}`) })}`);
  }
  const rest = unreachable.total - unreachable.people.length;
  if (rest > 0) lines.push(`  ${t('delivery.status.moreUnreachable', { count: number(rest) })}`);
  if (unreachable.total > 0) lines.push(`  ${t('delivery.status.reachHint', { command: 'npm run people:reach' })}`);

  lines.push(
    t('delivery.status.pace'),
    `  ${t('delivery.status.paceLine', { calls: number(pace.callsLastMinute), busiest: number(pace.busiestSecond), allowed: number(pace.allowedPerSecond) })}`,
  );
  if (pace.busiestSecond > pace.allowedPerSecond) lines.push(`  ⚠ ${t('delivery.status.overPace')}`);
  return lines.join('\n');
}

async function main(args: string[]): Promise<number> {
  const language = readLanguage(args, TEXTS.nb);
  if (!language) return 1;
  const say = TEXTS[language];

  const config = loadCliConfig();
  if (!config) return 1;

  const db = await openCliDatabase(config, { poolSize: 4, databaseFailed: say.databaseFailed });
  if (!db) return 1;
  try {
    const at = new Date();
    const status = await getDeliveryStatus(db.prisma, { now: at, tenantRps: config.TEAMS_TENANT_RPS });
    console.log(describeDeliveryStatus(status, at, language, translator(language)));
    return 0;
  } catch (error) {
    console.error(say.databaseFailed((error as Error).message));
    return 1;
  } finally {
    await db.close();
  }
}

process.exitCode = await main(process.argv.slice(2));

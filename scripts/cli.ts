/** What the command-line scripts share: the `--lang` option, reading the configuration, and opening the database. */
import { openDatabase, type Database } from '../infra/database.js';
import { applyMigrations } from '../infra/migrate.js';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../infra/config.js';

export const CLI_LANGUAGES = ['nb', 'en'] as const;
export type CliLanguage = (typeof CLI_LANGUAGES)[number];

/**
 * `[--lang nb|en] <one file or folder>`, what the import scripts take: the path and the language,
 * or undefined after telling (in bokmål, or the language asked for) how to call the script.
 */
export function readPathArgs(
  args: string[],
  texts: Record<CliLanguage, { usage: string; unknownLanguage: (lang: string) => string }>,
): { path: string; language: CliLanguage } | undefined {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { lang: { type: 'string' } }, allowPositionals: true });
  } catch {
    console.error(texts.nb.usage);
    return undefined;
  }
  const lang = parsed.values.lang ?? 'nb';
  if (!(CLI_LANGUAGES as readonly string[]).includes(lang)) {
    console.error(texts.nb.unknownLanguage(lang));
    console.error(texts.nb.usage);
    return undefined;
  }
  const language = lang as CliLanguage;
  const [path, ...extra] = parsed.positionals;
  if (!path || extra.length > 0) {
    console.error(texts[language].usage);
    return undefined;
  }
  return { path, language };
}

/** `--lang nb|en` (bokmål without it); anything else prints the usage in bokmål and gives undefined. */
export function readLanguage(args: string[], nb: { usage: string; unknownLanguage: (lang: string) => string }): CliLanguage | undefined {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { lang: { type: 'string' } }, allowPositionals: false });
  } catch {
    console.error(nb.usage);
    return undefined;
  }
  const lang = parsed.values.lang ?? 'nb';
  if (!(CLI_LANGUAGES as readonly string[]).includes(lang)) {
    console.error(nb.unknownLanguage(lang));
    console.error(nb.usage);
    return undefined;
  }
  return lang as CliLanguage;
}

/** The configuration from the environment; a wrong value is printed (naming the variable) and gives undefined. */
export function loadCliConfig(): Config | undefined {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return undefined;
  }
}

/**
 * The database a CLI works on, migrated: the running bot's embedded server if there is one, else
 * its own (or DATABASE_URL's). A small pool leaves the server's connections to the bot. A database
 * that cannot be opened or migrated is printed with `databaseFailed` and gives undefined.
 */
export async function openCliDatabase(
  config: Config,
  options: { poolSize: number; databaseFailed: (reason: string) => string },
): Promise<Database | undefined> {
  let db: Database | undefined;
  try {
    db = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: options.poolSize, whenRunning: 'connect' });
    await applyMigrations(db.pool);
    return db;
  } catch (error) {
    await db?.close().catch(() => {});
    console.error(options.databaseFailed((error as Error).message));
    return undefined;
  }
}

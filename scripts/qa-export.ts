/**
 * A spørretime's questions, answers and numbers as a file, the same file its moderator downloads
 * from the link in their 1:1 chat:
 *
 *   npm run qa:export -- <session id>                          (CSV for Excel on standard output)
 *   npm run qa:export -- <session id> --format md --out x.md   (Markdown, into a file)
 *   npm run qa:export -- <session id> --lang nn                (the file's words in nynorsk; nb, nn or en)
 *
 * The database is opened as outbox:status opens it: DATABASE_URL, or the embedded database in
 * DATA_DIR (the running bot's server if there is one, else one started for this and stopped).
 * The file names askers (never an anonymous one): it is for the moderator, not for a log.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AppError, AppErrorCode } from '../domain/errors.js';
import { exportSession, QA_EXPORT_FORMATS, type QaExportFormat } from '../domain/qa/export-session.js';
import { isLocale, type Locale } from '../i18n/index.js';
import { loadCliConfig, openCliDatabase } from './cli.js';

const USAGE = 'Bruk: npm run qa:export -- <spørretimens id> [--format csv|md] [--out fil] [--lang nb|nn|en]';
const TEXTS = {
  notAnId: (id: string) => `«${id}» er ikke en spørretimes id (en UUID, som 0b6c…-…).`,
  unknownFormat: (format: string) => `Ukjent format «${format}»; velg csv eller md.`,
  unknownLanguage: (lang: string) => `Ukjent språk «${lang}»; velg nb, nn eller en.`,
  unknownSession: (id: string) => `Fant ingen spørretime med id ${id}.`,
  databaseFailed: (reason: string) => `Kunne ikke lese databasen: ${reason}`,
  written: (file: string, bytes: number) => `Skrev ${file} (${bytes} byte).`,
};

interface Request {
  sessionId: string;
  format: QaExportFormat;
  locale: Locale;
  out: string | undefined;
}

/** The arguments, or undefined after telling what is wrong and how to call the script. */
function readArgs(args: string[]): Request | undefined {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { format: { type: 'string' }, out: { type: 'string' }, lang: { type: 'string' } }, allowPositionals: true });
  } catch (error) {
    console.error((error as Error).message);
    console.error(USAGE);
    return undefined;
  }
  const [sessionId, ...extra] = parsed.positionals;
  const format = parsed.values.format ?? 'csv';
  const lang = parsed.values.lang ?? 'nb';
  const problem =
    !sessionId || extra.length > 0
      ? null
      : !z.string().uuid().safeParse(sessionId).success
        ? TEXTS.notAnId(sessionId)
        : !(QA_EXPORT_FORMATS as readonly string[]).includes(format)
          ? TEXTS.unknownFormat(format)
          : !isLocale(lang)
            ? TEXTS.unknownLanguage(lang)
            : undefined;
  if (problem !== undefined || !sessionId) {
    if (problem) console.error(problem);
    console.error(USAGE);
    return undefined;
  }
  return { sessionId, format: format as QaExportFormat, locale: lang as Locale, out: parsed.values.out };
}

async function main(args: string[]): Promise<number> {
  const request = readArgs(args);
  if (!request) return 1;
  const config = loadCliConfig();
  if (!config) return 1;
  const db = await openCliDatabase(config, { poolSize: 2, databaseFailed: TEXTS.databaseFailed });
  if (!db) return 1;
  try {
    const file = await exportSession(db.prisma, request);
    if (request.out === undefined) {
      process.stdout.write(file.body);
    } else {
      await writeFile(request.out, file.body, 'utf8');
      console.error(TEXTS.written(request.out, Buffer.byteLength(file.body)));
    }
    return 0;
  } catch (error) {
    if (error instanceof AppError && error.code === AppErrorCode.NOT_FOUND) console.error(TEXTS.unknownSession(request.sessionId));
    else console.error(TEXTS.databaseFailed((error as Error).message));
    return 1;
  } finally {
    await db.close();
  }
}

process.exitCode = await main(process.argv.slice(2));

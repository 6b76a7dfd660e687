/** The arguments of `npm run qa:export` (scripts/qa-export.ts) and its words, apart so a test can read them without starting a process. */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { QA_EXPORT_FORMATS, type QaExportFormat } from '../domain/qa/export-session.js';
import { isLocale, type Locale } from '../i18n/index.js';

export const QA_EXPORT_USAGE = 'Bruk: npm run qa:export -- <spørretimens id> [--format csv|md] [--out fil] [--lang nb|nn|en]';
export const QA_EXPORT_TEXTS = {
  notAnId: (id: string) => `«${id}» er ikke en spørretimes id (en UUID, som 0b6c…-…).`,
  unknownFormat: (format: string) => `Ukjent format «${format}»; velg csv eller md.`,
  unknownLanguage: (lang: string) => `Ukjent språk «${lang}»; velg nb, nn eller en.`,
  unknownSession: (id: string) => `Fant ingen spørretime med id ${id}.`,
  databaseFailed: (reason: string) => `Kunne ikke lese databasen: ${reason}`,
  written: (file: string, bytes: number) => `Skrev ${file} (${bytes} byte).`,
};

export interface QaExportRequest {
  sessionId: string;
  format: QaExportFormat;
  locale: Locale;
  out: string | undefined;
}

/** The arguments, or undefined after telling what is wrong and how to call the script. */
export function readQaExportArgs(args: string[], say: (line: string) => void = console.error): QaExportRequest | undefined {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { format: { type: 'string' }, out: { type: 'string' }, lang: { type: 'string' } }, allowPositionals: true });
  } catch (error) {
    say((error as Error).message);
    say(QA_EXPORT_USAGE);
    return undefined;
  }
  const [sessionId, ...extra] = parsed.positionals;
  const format = parsed.values.format ?? 'csv';
  const lang = parsed.values.lang ?? 'nb';
  const problem =
    !sessionId || extra.length > 0
      ? null
      : !z.string().uuid().safeParse(sessionId).success
        ? QA_EXPORT_TEXTS.notAnId(sessionId)
        : !(QA_EXPORT_FORMATS as readonly string[]).includes(format)
          ? QA_EXPORT_TEXTS.unknownFormat(format)
          : !isLocale(lang)
            ? QA_EXPORT_TEXTS.unknownLanguage(lang)
            : undefined;
  if (problem !== undefined || !sessionId) {
    if (problem) say(problem);
    say(QA_EXPORT_USAGE);
    return undefined;
  }
  return { sessionId, format: format as QaExportFormat, locale: lang as Locale, out: parsed.values.out };
}


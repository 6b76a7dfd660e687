import { createHmac, timingSafeEqual } from 'node:crypto';
import { isLocale, type Locale } from '../i18n/index.js';
import { QA_EXPORT_FORMATS, type QaExportFormat } from '../domain/qa/export-session.js';
import type { QaExportLinks } from '../domain/qa/post-session-summary.js';

/** The path the bot serves a session's export on (bot/server.ts): `/qa-export/<session id>.<csv|md>`. */
export const QA_EXPORT_ROUTE = '/qa-export/:file';

export interface SignedQaExportLinks extends QaExportLinks {
  /** What a request asks for, when `sig` is this bot's signature of it (constant time); null otherwise. */
  verify(request: { file: string; lang: string; exp: string; sig: string }): { sessionId: string; format: QaExportFormat; locale: Locale; expiresAt: Date } | null;
}

const FILE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(csv|md)$/;

/**
 * Links to a session's export for its moderator: `<base>/qa-export/<id>.csv?lang=nb&exp=<unix
 * seconds>&sig=<HMAC-SHA256 of id, format, language and expiry>`. The browser opens it without a
 * Teams token, so the signature is what stands between the file (it names askers) and anyone who
 * guesses an id; it holds the same secret as the kept images' links (`fileLinkSecret`), under
 * a label of its own, so one kind of link can never be used as the other.
 */
export function createQaExportLinks(options: { baseUrl: string | null; secret: () => Buffer }): SignedQaExportLinks {
  let key: Buffer | undefined;
  const sign = (sessionId: string, format: string, lang: string, exp: string) =>
    createHmac('sha256', (key ??= options.secret())).update(`arkivlos-qa-export:${sessionId}:${format}:${lang}:${exp}`).digest('base64url');
  return {
    exportUrl(sessionId, format, locale, expiresAt) {
      if (options.baseUrl === null) return null;
      const exp = String(Math.floor(expiresAt.getTime() / 1000));
      return `${options.baseUrl}/qa-export/${sessionId}.${format}?lang=${locale}&exp=${exp}&sig=${sign(sessionId, format, locale, exp)}`;
    },
    verify({ file, lang, exp, sig }) {
      const match = FILE.exec(file);
      if (!match || !isLocale(lang) || !/^\d{1,12}$/.test(exp)) return null;
      const [, sessionId, format] = match as unknown as [string, string, QaExportFormat];
      if (!(QA_EXPORT_FORMATS as readonly string[]).includes(format)) return null;
      const expected = Buffer.from(sign(sessionId, format, lang, exp));
      const given = Buffer.from(sig);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      return { sessionId, format, locale: lang, expiresAt: new Date(Number(exp) * 1000) };
    },
  };
}

import type restify from 'restify';
import { AppError, AppErrorCode } from '../domain/errors.js';
import { exportSession } from '../domain/qa/export-session.js';
import type { Database } from '../infra/database.js';
import type { Logger } from '../infra/logger.js';
import { QA_EXPORT_ROUTE, type SignedQaExportLinks } from './qa-export-links.js';

/**
 * `GET /qa-export/<session>.<csv|md>?lang=…&exp=…&sig=…`: a session's export, the file the
 * moderator's 1:1 message links to. Only with this bot's signature and before its expiry (403
 * otherwise, nothing read); 404 for a session that is gone.
 */
export function serveQaExport(server: restify.Server, deps: { database: Database; links: SignedQaExportLinks; logger: Logger; now?: () => Date }): void {
  const now = deps.now ?? (() => new Date());
  server.get(QA_EXPORT_ROUTE, async (req, res) => {
    const query = new URL(req.url ?? '/', 'http://x').searchParams;
    const asked = deps.links.verify({ file: String(req.params.file ?? ''), lang: query.get('lang') ?? '', exp: query.get('exp') ?? '', sig: query.get('sig') ?? '' });
    if (!asked) {
      res.send(403, { error: 'forbidden' });
      return;
    }
    if (asked.expiresAt.getTime() < now().getTime()) {
      res.send(403, { error: 'link expired' });
      return;
    }
    try {
      const file = await exportSession(deps.database.prisma, asked);
      res.setHeader('content-type', file.contentType);
      res.setHeader('content-disposition', `attachment; filename="${file.fileName}"`);
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('cache-control', 'private, no-store');
      res.sendRaw(200, Buffer.from(file.body, 'utf8'));
      deps.logger.info({ qaSessionId: asked.sessionId, format: asked.format }, 'qa export downloaded');
    } catch (error) {
      if (error instanceof AppError && error.code === AppErrorCode.NOT_FOUND) {
        res.send(404, { error: 'not found' });
        return;
      }
      throw error;
    }
  });
}

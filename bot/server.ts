import { ActivityTypes } from 'botbuilder';
import restify from 'restify';
import { pino } from 'pino';
import { z } from 'zod';
import type { TeamsAdapter, Application } from '@microsoft/teams-ai';
import type { Database } from '../infra/database.js';
import type { SignedFileLinks } from './file-links.js';
import type { SignedQaExportLinks } from './qa-export-links.js';
import { serveQaExport } from './qa-export-route.js';
import type { Logger } from '../infra/logger.js';
import type { Metrics } from '../infra/metrics.js';
import { MigrationError, pendingMigrations, readMigrations } from '../infra/migrate.js';
import { setTurnLogger } from './caller.js';

/** The least an activity must have for the bot to handle it (and to answer it). */
const ZIncomingActivity = z.object({
  type: z.string().min(1),
  serviceUrl: z.string().min(1),
  conversation: z.object({ id: z.string().min(1) }),
  from: z.object({ id: z.string().min(1) }),
  recipient: z.object({ id: z.string().min(1) }),
});

/** Metric labels come from an unauthenticated body: only the Bot Framework's own types, so junk cannot add series. */
const ACTIVITY_TYPES: ReadonlySet<string> = new Set(Object.values(ActivityTypes));
const activityTypeLabel = (type: unknown) => (typeof type === 'string' && ACTIVITY_TYPES.has(type) ? type : 'other');

export interface ServerDeps {
  adapter: TeamsAdapter;
  app: Application;
  database: Database;
  logger: Logger;
  metrics: Metrics;
  fileLinks: SignedFileLinks;
  /** A spørretime's export for its moderator (`GET /qa-export/…`); not served without. */
  qaExportLinks?: SignedQaExportLinks;
}

/**
 * restify's own log lines go through our logger (level, redaction), never its default logger. Its
 * warning about an async handler's return value carries that value, typically the whole
 * response with the request and its body: keep only what it was.
 */
export function restifyLogger(logger: Logger): restify.ServerOptions['log'] {
  const child = logger.child(
    { component: 'restify' },
    {
      serializers: {
        value: (value: unknown) => (value === null ? 'null' : typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value),
        req: pino.stdSerializers.req,
        res: pino.stdSerializers.res,
      },
    },
  );
  // @types/restify names bunyan's Logger; restify 11 itself logs through pino.
  return child as unknown as restify.ServerOptions['log'];
}

/** Kept images are served as what they are; anything else (an SVG could carry script) as a download. */
const SERVED_IMAGE_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp']);
const ZFileId = z.string().uuid();

/** HTTP: POST /api/messages (Bot Framework), GET /files/:id (kept images, signed links), GET /qa-export/:file (spørretime exports, signed links), /healthz, /readyz and /metrics. */
export function createHttpServer({ adapter, app, database, logger, metrics, fileLinks, qaExportLinks }: ServerDeps): restify.Server {
  const server = restify.createServer({ name: 'arkivlos', log: restifyLogger(logger), handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 1_000_000, mapParams: false }));

  server.on('after', (req: restify.Request, res: restify.Response) => {
    const route = req.getRoute()?.path?.toString() ?? 'unknown';
    metrics.httpDuration.labels(route, String(res.statusCode)).observe((Date.now() - req.time()) / 1000);
  });

  server.post('/api/messages', async (req, res) => {
    const activity = (req.body ?? {}) as { type?: string; id?: string; conversation?: { id?: string }; from?: { aadObjectId?: string } };
    // Ids only: no names, e-mail addresses or message text in logs.
    const log = logger.child({
      reqId: req.id(),
      activityId: activity.id,
      activityType: activity.type,
      conversationId: activity.conversation?.id,
      aadObjectId: activity.from?.aadObjectId,
    });
    // botbuilder's own checks let some broken activities through to fail later as a 500.
    if (!ZIncomingActivity.safeParse(req.body).success) {
      metrics.activities.labels('malformed', '400').inc();
      log.warn('malformed activity refused');
      res.send(400, { error: 'malformed activity' });
      return;
    }
    try {
      await adapter.process(req, res, async (context) => {
        setTurnLogger(context, log);
        await app.run(context);
      });
      metrics.activities.labels(activityTypeLabel(activity.type), String(res.statusCode)).inc();
      log[res.statusCode >= 500 ? 'error' : 'info']({ status: res.statusCode }, 'activity processed');
    } catch (error) {
      metrics.activities.labels(activityTypeLabel(activity.type), 'error').inc();
      log.error({ err: error }, 'activity failed');
      if (!res.headersSent) res.send(500, { error: 'internal error' });
    }
  });

  // Support's client loads a kept image from the channel thread's card: no Teams token comes with
  // it, so only the bot's signature of the id opens it (bot/file-links.ts). 404 for any refusal.
  server.get('/files/:id', async (req, res) => {
    const id = String(req.params.id ?? '');
    const sig = typeof req.query?.sig === 'string' ? req.query.sig : new URL(req.url ?? '/', 'http://x').searchParams.get('sig') ?? '';
    if (!ZFileId.safeParse(id).success || !fileLinks.verify(id, sig)) {
      res.send(404, { error: 'not found' });
      return;
    }
    const file = await database.prisma.supportAttachment.findUnique({ where: { id }, select: { content: true, contentType: true, name: true } });
    if (!file?.content) {
      res.send(404, { error: 'not found' });
      return;
    }
    const inline = SERVED_IMAGE_TYPES.has(file.contentType);
    res.setHeader('content-type', inline ? file.contentType : 'application/octet-stream');
    res.setHeader('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.name)}`);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('cache-control', 'private, max-age=86400');
    res.sendRaw(200, Buffer.from(file.content));
  });

  if (qaExportLinks) serveQaExport(server, { database, links: qaExportLinks, logger });

  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok' });
  });

  // Probes poll /readyz every few seconds: read the migration files once.
  const migrations = readMigrations();
  server.get('/readyz', async (_req, res) => {
    try {
      const pending = await pendingMigrations(database.pool, undefined, await migrations);
      if (pending.length > 0) res.send(503, { status: 'migrations pending', pending });
      else res.send(200, { status: 'ready', database: database.kind });
    } catch (error) {
      // An older build on a newer database: never ready (start-up refuses it too).
      if (error instanceof MigrationError && error.code === 'UNKNOWN_MIGRATIONS') {
        res.send(503, { status: 'unknown migrations', unknown: error.unknown });
        return;
      }
      logger.warn({ err: error }, 'readiness check failed');
      res.send(503, { status: 'database unreachable' });
    }
  });

  server.get('/metrics', async (_req, res) => {
    res.setHeader('content-type', metrics.registry.contentType);
    res.sendRaw(200, await metrics.registry.metrics());
  });

  return server;
}

/**
 * Composition root: config → port check → database → domain → bot routes → HTTP server.
 * main.ts runs this for the process; the HTTP tests run it in-process.
 */
import type { AddressInfo } from 'node:net';
import { createAdapter } from './bot/adapter.js';
import { createBotApplication, type RegisterRoutes } from './bot/application.js';
import { createFileLinks, fileLinkSecret, publicBaseUrl } from './bot/file-links.js';
import { createQaExportLinks } from './bot/qa-export-links.js';
import { botConnectorToken, createImageDownloader } from './bot/image-download.js';
import { createHttpServer } from './bot/server.js';
import { createTeamsMessenger } from './bot/teams-messenger.js';
import { startDeliveryWorker, type WorkerOptions } from './domain/delivery/delivery-worker.js';
import { readQueueGauges } from './domain/delivery/delivery-status.js';
import { loadDemoOrganisationIfEmpty } from './domain/org/load-demo-organisation.js';
import { loadDemoArchiveIfEmpty } from './domain/archive/demo/load-demo-archive.js';
import { EMAIL_CHANNEL } from './domain/support/enqueue-email.js';
import { startEmailWorker, type EmailWorkerOptions } from './domain/support/email-worker.js';
import { autoCloseJob } from './domain/support/auto-close-requests.js';
import { dailyCardsJob } from './domain/daily/daily-cards-job.js';
import { qaSessionsJob, QA_SESSIONS_JOB } from './domain/qa/sessions-job.js';
import { startJobRunner, type JobRunnerOptions } from './domain/jobs/job-runner.js';
import type { ScheduledJob } from './domain/jobs/scheduled-job.js';
import type { Config } from './infra/config.js';
import { openDatabase, type Database } from './infra/database.js';
import type { Logger } from './infra/logger.js';
import { createMailer } from './infra/mailer.js';
import { createMetrics, registerOutboxGauges } from './infra/metrics.js';
import { applyMigrations } from './infra/migrate.js';
import { assertPortFree, listen } from './infra/port.js';
import { builtInRegistry } from './domain/archive/registry/built-in-registry.js';

export interface Arkivlos {
  url: string;
  port: number;
  database: Database;
  stop(): Promise<void>;
}

export interface StartOptions {
  config: Config;
  logger: Logger;
  /** Use this database instead of opening one from the config (tests). */
  database?: Database;
  now?: () => Date;
  /** Token validation settings for another cloud, or a test's own token issuer. */
  channelAuth?: Parameters<typeof createAdapter>[1];
  /** Routes instead of the product's own `ROUTES` (a test adds one that fails). */
  routes?: readonly RegisterRoutes[];
  /** The outbox worker's timing (tests shorten the lease and the poll). */
  delivery?: Pick<WorkerOptions, 'leaseMs' | 'pollMs' | 'capacity'>;
  /** The e-mail worker's timing (tests shorten the poll and the backoff). */
  email?: Pick<EmailWorkerOptions, 'leaseMs' | 'pollMs' | 'retryDelayMs'>;
  /** The scheduled jobs' timer (tests look often). */
  jobs?: Pick<JobRunnerOptions, 'pollMs' | 'leaseMs'>;
  /** The scheduled jobs (default: SCHEDULED_JOBS; the HTTP tests leave the daily run out unless they ask for it). */
  scheduledJobs?: readonly ScheduledJob[];
}

/** What every instance runs on its timer: the automatic closing of henvendelser, the morning's «Mine oppgaver» and the spørretimer's schedule. */
export const SCHEDULED_JOBS: readonly ScheduledJob[] = [autoCloseJob, dailyCardsJob, qaSessionsJob()];

export async function startArkivlos({
  config,
  logger,
  database: given,
  now = () => new Date(),
  channelAuth,
  routes,
  delivery = {},
  email = {},
  jobs = {},
  scheduledJobs = SCHEDULED_JOBS,
}: StartOptions): Promise<Arkivlos> {
  await assertPortFree(config.PORT, config.HOST);
  const database =
    given ??
    (await openDatabase({
      url: config.DATABASE_URL,
      dataDir: config.DATA_DIR,
      poolSize: config.DATABASE_POOL_SIZE,
      preparedStatements: config.DATABASE_PREPARED_STATEMENTS === 'on',
      onServerLog: (line) => logger.debug({ component: 'postgres' }, line),
      onServerNotice: (message) => logger.warn({ component: 'postgres' }, message),
    }));
  if (database.server) logger.info({ port: database.server.port, cluster: database.server.clusterDir }, 'embedded PostgreSQL is running');
  try {
    const applied = await applyMigrations(database.pool);
    if (applied.length) logger.info({ applied }, 'migrations applied');
    if (config.DEMO_DATA === 'auto' && database.kind === 'embedded') {
      if (await loadDemoOrganisationIfEmpty(database.prisma)) {
        logger.info('empty embedded database: demo organisation "Eksempel kommune" and its knowledge base loaded');
      }
      // Also for a database made before the demo archive existed: only the demo organisation's, only while the registry is empty.
      const archive = await loadDemoArchiveIfEmpty(database.prisma, { now: now() });
      if (archive) logger.info({ entries: archive.entries, cases: archive.cases }, 'empty archive registry: demo archive data loaded');
    }
  } catch (error) {
    if (!given) await database.close();
    throw error;
  }

  // Without an explicit allow-list a bot accepts its own tenant only; with no tenant at all, every
  // tenant (development: infra/config.ts refuses that for a multi-tenant bot in production).
  const allowedTenantIds =
    config.ALLOWED_TENANT_IDS === '*' || config.ALLOWED_TENANT_IDS.length > 0
      ? config.ALLOWED_TENANT_IDS
      : config.BOT_TENANT_ID
        ? [config.BOT_TENANT_ID]
        : '*';
  const adapter = createAdapter(config, channelAuth);
  const metrics = createMetrics();
  const fileLinks = createFileLinks({ baseUrl: publicBaseUrl(config), secret: fileLinkSecret(config) });
  const qaExportLinks = createQaExportLinks({ baseUrl: publicBaseUrl(config), secret: fileLinkSecret(config) });
  const app = createBotApplication(adapter, {
    prisma: database.prisma,
    logger,
    now,
    archiveSystemName: config.ARCHIVE_SYSTEM_NAME,
    tenantRps: config.TEAMS_TENANT_RPS,
    qaCardLeadMinutes: config.QA_CARD_LEAD_MINUTES ?? null,
    allowedTenantIds,
    countSelfHelp: (outcome) => metrics.selfHelp.labels(outcome).inc(),
    chatFiles: {
      downloader: createImageDownloader({ token: botConnectorToken(adapter, config.BOT_ID ?? ''), maxBytes: config.SUPPORT_IMAGE_MAX_BYTES }),
      links: fileLinks,
      maxImageBytes: config.SUPPORT_IMAGE_MAX_BYTES,
    },
    itEmail: itEmailSetup(config),
    archive: builtInRegistry(database.prisma),
    qaExportLinks,
  }, routes);
  registerOutboxGauges(metrics, () => readQueueGauges(database.prisma));
  const worker = startDeliveryWorker(
    {
      prisma: database.prisma,
      // A call still running when its claim runs out could be sent twice: time out well before.
      messenger: createTeamsMessenger(adapter, { botAppId: config.BOT_ID ?? '', timeoutMs: Math.min(15_000, (config.OUTBOX_LEASE_SECONDS * 1000) / 2) }),
      tenantRps: config.TEAMS_TENANT_RPS,
      serviceUrl: config.TEAMS_SERVICE_URL,
      tenantId: config.BOT_TENANT_ID,
      onEvent: (event) => {
        metrics.outbox.labels(event.type).inc();
        // Ids and reasons only: what the message said never reaches the log.
        const level = event.type === 'sent' || event.type === 'created' ? 'debug' : 'warn';
        logger[level]({ outboxMessageId: event.messageId.toString(), outcome: event.type, reason: event.reason }, 'outbox');
      },
    },
    {
      leaseMs: config.OUTBOX_LEASE_SECONDS * 1000,
      ...delivery,
      onError: (error, message) => logger.error({ err: error, outboxMessageId: message?.id.toString() }, 'outbox: delivery went wrong'),
    },
  );
  const stopListening = await database.listen('arkivlos_outbox', () => worker.wake());
  const mail = await startEmail(config, database, logger, email);
  // Every instance looks for due runs; the database gives each run to one (domain/jobs/).
  const scheduled = startJobRunner(
    // The spørretimer's job takes its setting (QA_CARD_LEAD_MINUTES) from the config here.
    { prisma: database.prisma, jobs: scheduledJobs.map((job) => (job.name === QA_SESSIONS_JOB ? qaSessionsJob({ cardLeadMinutes: config.QA_CARD_LEAD_MINUTES ?? null, exportLinks: qaExportLinks }) : job)), now },
    {
      ...jobs,
      onRun: (event) => logger.info(event, 'scheduled job ran'),
      onError: (error, job, item) => logger.error({ err: error, job, item }, 'scheduled job: something went wrong'),
    },
  );
  const server = createHttpServer({ adapter, app, database, logger, metrics, fileLinks, qaExportLinks });
  try {
    await listen(server, config.PORT, config.HOST);
  } catch (error) {
    await scheduled.stop();
    await worker.stop();
    await stopListening();
    await mail.stop();
    if (!given) await database.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  logger.info({ port, database: database.kind, authenticated: Boolean(config.BOT_ID) }, 'Arkivlos is listening');

  let stopping: Promise<void> | undefined;
  return {
    url,
    port,
    database,
    stop() {
      stopping ??= (async () => {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await scheduled.stop();
        await worker.stop();
        await stopListening();
        await mail.stop();
        if (!given) await database.close();
      })();
      return stopping;
    },
  };
}

/** Where the hand-over to IT e-mails, when e-mail is set up (SMTP_URL, SUPPORT_FROM_ADDRESS, IT_SUPPORT_ADDRESS); else null. */
function itEmailSetup(config: Config): { from: string; to: string } | null {
  return config.SMTP_URL && config.SUPPORT_FROM_ADDRESS && config.IT_SUPPORT_ADDRESS ? { from: config.SUPPORT_FROM_ADDRESS, to: config.IT_SUPPORT_ADDRESS } : null;
}

/**
 * The e-mail outbox's worker, when an SMTP server is configured (SMTP_URL); without one nothing is
 * sent and the e-mails' actions say so. Like the delivery worker, every instance runs one.
 */
async function startEmail(config: Config, database: Database, logger: Logger, options: StartOptions['email'] = {}): Promise<{ stop(): Promise<void> }> {
  const leaseMs = options.leaseMs ?? config.OUTBOX_LEASE_SECONDS * 1000;
  // A send still running when its claim runs out could be sent twice: time out well before.
  const mailer = createMailer(config, { timeoutMs: Math.min(30_000, leaseMs / 2) });
  if (!mailer) {
    logger.info('SMTP_URL is not set: Arkivlos sends no e-mail');
    return { stop: async () => {} };
  }
  const worker = startEmailWorker(
    { prisma: database.prisma, mailer },
    {
      ...options,
      leaseMs,
      // Ids and codes only: addresses and text never reach the log.
      onEvent: (event) =>
        logger[event.type === 'sent' ? 'info' : 'warn']({ emailId: event.emailId.toString(), outcome: event.type, code: event.code }, 'e-mail'),
      onError: (error, emailId) => logger.error({ err: error, emailId: emailId?.toString() }, 'e-mail: sending went wrong'),
    },
  );
  const stopListening = await database.listen(EMAIL_CHANNEL, () => worker.wake());
  return {
    async stop() {
      await worker.stop();
      await stopListening();
      await mailer.close();
    },
  };
}

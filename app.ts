/**
 * Composition root: config → port check → database → domain → bot routes → HTTP server.
 * main.ts runs this for the process; the HTTP tests run it in-process.
 */
import type { AddressInfo } from 'node:net';
import { createAdapter } from './bot/adapter.js';
import { createBotApplication, type RegisterRoutes } from './bot/application.js';
import { createHttpServer } from './bot/server.js';
import { createTeamsMessenger } from './bot/teams-messenger.js';
import { startDeliveryWorker, type WorkerOptions } from './domain/delivery/delivery-worker.js';
import { readQueueGauges } from './domain/delivery/delivery-status.js';
import { loadDemoOrganisationIfEmpty } from './domain/org/load-demo-organisation.js';
import type { Config } from './infra/config.js';
import { openDatabase, type Database } from './infra/database.js';
import type { Logger } from './infra/logger.js';
import { createMetrics, registerOutboxGauges } from './infra/metrics.js';
import { applyMigrations } from './infra/migrate.js';
import { assertPortFree, listen } from './infra/port.js';

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
}

export async function startArkivlos({
  config,
  logger,
  database: given,
  now = () => new Date(),
  channelAuth,
  routes,
  delivery = {},
}: StartOptions): Promise<Arkivlos> {
  await assertPortFree(config.PORT, config.HOST);
  const database =
    given ??
    (await openDatabase({
      url: config.DATABASE_URL,
      dataDir: config.DATA_DIR,
      poolSize: config.DATABASE_POOL_SIZE,
      onServerLog: (line) => logger.debug({ component: 'postgres' }, line),
      onServerNotice: (message) => logger.warn({ component: 'postgres' }, message),
    }));
  if (database.server) logger.info({ port: database.server.port, cluster: database.server.clusterDir }, 'embedded PostgreSQL is running');
  try {
    const applied = await applyMigrations(database.pool);
    if (applied.length) logger.info({ applied }, 'migrations applied');
    if (config.DEMO_DATA === 'auto' && database.kind === 'embedded' && (await loadDemoOrganisationIfEmpty(database.prisma))) {
      logger.info('empty embedded database: demo organisation "Eksempel kommune" and its knowledge base loaded');
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
  const app = createBotApplication(adapter, {
    prisma: database.prisma,
    logger,
    now,
    archiveSystemName: config.ARCHIVE_SYSTEM_NAME,
    tenantRps: config.TEAMS_TENANT_RPS,
    allowedTenantIds,
    countSelfHelp: (outcome) => metrics.selfHelp.labels(outcome).inc(),
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
  const server = createHttpServer({ adapter, app, database, logger, metrics });
  try {
    await listen(server, config.PORT, config.HOST);
  } catch (error) {
    await worker.stop();
    await stopListening();
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
        await worker.stop();
        await stopListening();
        if (!given) await database.close();
      })();
      return stopping;
    },
  };
}

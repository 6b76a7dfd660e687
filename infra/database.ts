import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../prisma/generated/client.js';
import { startEmbeddedServer, type EmbeddedServer, type EmbeddedServerOptions } from './embedded-postgres.js';
import { sqlBridge } from '../domain/sql-bridge.js';
import { CatalogSafePool, sqlConnectionOf } from './pg-pool.js';

export type Db = PrismaClient;

export interface Database {
  prisma: PrismaClient;
  pool: CatalogSafePool;
  /** `embedded` is the PostgreSQL server in DATA_DIR; `postgres` is a server of your own (DATABASE_URL). */
  kind: 'embedded' | 'postgres';
  /** The embedded server, when this database is one. */
  server?: EmbeddedServer;
  /** LISTEN on a channel with a connection of its own; resolves to a function that stops listening. */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A PostgreSQL server; without it the embedded server in `dataDir`. */
  url?: string;
  /** Where the embedded server keeps its files (DATA_DIR). */
  dataDir?: string;
  /** Connections in the pool (DATABASE_POOL_SIZE). */
  poolSize?: number;
  /** Named prepared statements for `sql(db)` (DATABASE_PREPARED_STATEMENTS; default on). */
  preparedStatements?: boolean;
  /** How long an unused connection stays open (POOL_IDLE_TIMEOUT_MS unless given). */
  idleTimeoutMs?: number;
  /** The embedded server's log lines, and notices about it (an orphaned server stopped). */
  onServerLog?: EmbeddedServerOptions['onLog'];
  onServerNotice?: EmbeddedServerOptions['onNotice'];
  /**
   * When another live process already runs the embedded server of `dataDir`: the bot refuses to
   * start a second time on it; a CLI (org:import) connects to it.
   */
  whenRunning?: EmbeddedServerOptions['whenRunning'];
}

/**
 * An unused connection stays open five minutes (pg's default is ten seconds): a connection keeps
 * its catalog cache and its prepared statements' plans, and a new one pays for both again — its
 * first «Fordel» cost 80–145 ms of PostgreSQL's CPU, the next ones 4–5 ms (bench/daily-actions.ts,
 * «a new pool»). A bot whose people act a few times a minute would otherwise pay it at most turns.
 */
export const POOL_IDLE_TIMEOUT_MS = 300_000;

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const poolSize = options.poolSize ?? 10;
  const poolOf = (connectionString: string) =>
    Object.assign(new CatalogSafePool({ connectionString, max: poolSize, idleTimeoutMillis: options.idleTimeoutMs ?? POOL_IDLE_TIMEOUT_MS }), {
      preparedStatements: options.preparedStatements ?? true,
    });
  if (options.url) return withPrisma(poolOf(options.url), 'postgres');
  if (!options.dataDir) throw new Error('openDatabase needs a url or a dataDir');

  const server = await startEmbeddedServer({
    dataDir: options.dataDir,
    onLog: options.onServerLog,
    onNotice: options.onServerNotice,
    whenRunning: options.whenRunning ?? 'refuse',
  });
  return withPrisma(poolOf(server.url), 'embedded', server);
}

function withPrisma(pool: CatalogSafePool, kind: Database['kind'], server?: EmbeddedServer): Database {
  // Prisma gives an interactive transaction 2 s to get a connection and 5 s to finish by default.
  // A burst (many leaders acting on their morning cards at once) queues for the pool's connections
  // longer than that on a busy machine: wait, rather than fail the person's action.
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions: { maxWait: 10_000, timeout: 15_000 } });
  // sql(db) (domain/db.ts): the client's raw statements on the pool itself, a transaction's on its connection.
  sqlBridge.attach(prisma, sqlConnectionOf(pool, { prepared: pool.preparedStatements }));
  const transaction = prisma.$transaction.bind(prisma);
  prisma.$transaction = ((...args: Parameters<typeof transaction>) => sqlBridge.inTransactionSlot(() => transaction(...args))) as typeof prisma.$transaction;
  let closing: Promise<void> | undefined;
  return {
    prisma,
    pool,
    kind,
    server,
    async listen(channel, onNotify) {
      const client = new pg.Client({ connectionString: (pool.options as { connectionString: string }).connectionString });
      await client.connect();
      client.on('notification', onNotify);
      // A dropped connection only costs the wake-ups: the workers poll anyway.
      client.on('error', () => {});
      await client.query(`LISTEN "${channel}"`);
      return async () => {
        await client.end().catch(() => {});
      };
    },
    close() {
      closing ??= (async () => {
        await prisma.$disconnect();
        const generic = pool.openedGenericPlans;
        if (generic && !generic.ending && !generic.ended) await endPool(generic);
        if (!pool.ending && !pool.ended) await endPool(pool);
        await server?.stop();
      })();
      return closing;
    },
  };
}

/**
 * pg-pool's `end()` resolves once it has let go of its clients, before their connections have
 * closed. Wait for every client's own end too, so that whatever follows (stopping the embedded
 * server, a test dropping its database) does not meet a connection still closing, whose error
 * nobody would hear.
 */
async function endPool(pool: pg.Pool): Promise<void> {
  let open = pool.totalCount;
  const closed = new Promise<void>((resolve) => {
    if (open === 0) resolve();
    pool.on('remove', () => {
      if (--open === 0) resolve();
    });
  });
  await pool.end();
  await closed;
}

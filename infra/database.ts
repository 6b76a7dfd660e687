import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../prisma/generated/client.js';
import { lockDataDir } from './data-dir-lock.js';
import { CatalogSafePool } from './pg-pool.js';

export type Db = PrismaClient;

export interface Database {
  prisma: PrismaClient;
  pool: CatalogSafePool;
  /** `embedded` is PGlite served in-process; `postgres` is a PostgreSQL server. */
  kind: 'embedded' | 'postgres';
  /** Embedded only: a dump of the PGlite data directory (tests copy a migrated template). */
  dumpDataDir?: () => Promise<Blob>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A PostgreSQL server; without it an embedded PGlite is used. */
  url?: string;
  /** Where PGlite keeps its files; `memory://` keeps them in memory. */
  dataDir?: string;
  /** A PGlite data directory dump to start from (tests start from a migrated template). */
  loadDataDir?: Blob | File;
  /** Connections to a PostgreSQL server (the embedded database always uses EMBEDDED_POOL_SIZE). */
  poolSize?: number;
}

/** The embedded database's pool size; see openDatabase. `poolSize` applies to a server only. */
export const EMBEDDED_POOL_SIZE = 1;

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    const pool = new CatalogSafePool({ connectionString: options.url, max: options.poolSize ?? 10 });
    return withPrisma(pool, 'postgres', async () => {});
  }

  const dataDir = options.dataDir ?? 'memory://';
  let unlock = async () => {};
  if (!dataDir.startsWith('memory://')) {
    await mkdir(dataDir, { recursive: true });
    unlock = await lockDataDir(dataDir);
  }
  const pglite = await PGlite.create(dataDir, options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}).catch(
    async (error: unknown) => {
      await unlock();
      throw error;
    },
  );
  // PGlite is one PostgreSQL session. pglite-socket 0.2.17 queues each protocol message on its
  // own and keeps a connection's messages together only inside a transaction, so the
  // Parse/Bind/Execute/Sync of two pooled connections can interleave and bind to each other's
  // statement (electric-sql/pglite#1046). The pool therefore holds one connection: queries
  // queue in the pool, as they would have queued inside PGlite anyway. The spare places let a
  // broken connection be replaced while the old socket closes.
  const server = new PGLiteSocketServer({
    db: pglite,
    host: '127.0.0.1',
    port: 0,
    maxConnections: EMBEDDED_POOL_SIZE + 2,
  });
  await server.start();
  const pool = new CatalogSafePool({
    connectionString: `postgres://postgres@${server.getServerConn()}/postgres`,
    max: EMBEDDED_POOL_SIZE,
  });
  const database = withPrisma(pool, 'embedded', async () => {
    await server.stop();
    await pglite.close();
    await unlock();
  });
  database.dumpDataDir = () => pglite.dumpDataDir('none');
  return database;
}

function withPrisma(
  pool: CatalogSafePool,
  kind: Database['kind'],
  closeServer: () => Promise<void>,
): Database {
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  let closing: Promise<void> | undefined;
  return {
    prisma,
    pool,
    kind,
    close() {
      closing ??= (async () => {
        await prisma.$disconnect();
        if (!pool.ending && !pool.ended) await endPool(pool);
        await closeServer();
      })();
      return closing;
    },
  };
}

/**
 * pg-pool's `end()` resolves once it has let go of its clients, before their connections have
 * closed. Wait for every client's own end too, so that whatever follows (stopping PGlite, a test
 * dropping its database) does not meet a connection still closing, whose error nobody would hear.
 */
async function endPool(pool: CatalogSafePool): Promise<void> {
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

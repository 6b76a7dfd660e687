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
  poolSize?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const poolSize = options.poolSize ?? 10;
  if (options.url) {
    const pool = new CatalogSafePool({ connectionString: options.url, max: poolSize });
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
  // The socket server multiplexes connections onto PGlite's single session; it must accept the
  // whole pool (a maxConnections of 1 refuses the pool's second connection).
  const server = new PGLiteSocketServer({
    db: pglite,
    host: '127.0.0.1',
    port: 0,
    maxConnections: poolSize + 2,
  });
  await server.start();
  const pool = new CatalogSafePool({
    connectionString: `postgres://postgres@${server.getServerConn()}/postgres`,
    max: poolSize,
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
        if (!pool.ending && !pool.ended) await pool.end();
        await closeServer();
      })();
      return closing;
    },
  };
}

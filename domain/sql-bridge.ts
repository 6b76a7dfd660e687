import { AsyncLocalStorage } from 'node:async_hooks';

// Kept apart from db.ts, which imports Prisma's generated client: infra/pg-pool.ts needs this
// while `prisma generate` (prisma.config.ts) runs, before that client exists.

/** One statement on pg: a pool, or the connection one transaction holds (infra/database.ts makes them). */
export interface SqlConnection {
  /** With `plan: 'generic'` PostgreSQL plans the (prepared) statement once per connection: its generic plan from the first run. */
  query(text: string, values: unknown[], plan?: 'generic'): Promise<{ rows: unknown[]; rowCount: number | null }>;
  /** A pool's: `work` on a connection of its own between BEGIN and COMMIT (ROLLBACK when it throws). */
  transaction?<T>(work: (connection: SqlConnection) => Promise<T>): Promise<T>;
}

const pools = new WeakMap<object, SqlConnection>();
const transactionSlot = new AsyncLocalStorage<{ connection?: SqlConnection }>();

/**
 * How `sql(db)` finds the connection of `db`, set up by infra/database.ts: a client's own
 * statements go to its pool; a transaction's go to the connection Prisma took for it. Prisma's
 * driver adapter takes that connection with the pool's `connect()` inside `$transaction`, so
 * `$transaction` runs in a slot of its own and the pool puts the connection there
 * (test/sql.test.ts proves it is the transaction's own, also with many at once).
 */
export const sqlBridge = {
  attach(prisma: object, pool: SqlConnection): void {
    pools.set(prisma, pool);
  },
  /** After a transaction on pg itself (sqlTransaction) ended: its handle runs nothing more. */
  detach(db: object): void {
    pools.delete(db);
  },
  inTransactionSlot<T>(run: () => T): T {
    return transactionSlot.run({}, run);
  },
  connectionTaken(connection: SqlConnection): void {
    const slot = transactionSlot.getStore();
    if (slot && !slot.connection) slot.connection = connection;
  },
};

/** The connection `sql(db)` runs on: the client's pool, or the transaction's own connection. */
export function connectionOf(db: object): SqlConnection | undefined {
  return pools.get(db) ?? transactionSlot.getStore()?.connection;
}

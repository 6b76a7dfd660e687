import { AsyncLocalStorage } from 'node:async_hooks';
import { Prisma, type PrismaClient } from '../prisma/generated/client.js';

/** Domain functions take a client or a transaction, so callers decide the transaction scope. */
export type DbClient = PrismaClient | Prisma.TransactionClient;
export type { PrismaClient };
export { Prisma } from '../prisma/generated/client.js';

/** One statement on pg: a pool, or the connection one transaction holds (infra/database.ts makes them). */
export interface SqlConnection {
  query(text: string, values: unknown[]): Promise<{ rows: unknown[]; rowCount: number | null }>;
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
  attach(prisma: PrismaClient, pool: SqlConnection): void {
    pools.set(prisma, pool);
  },
  inTransactionSlot<T>(run: () => T): T {
    return transactionSlot.run({}, run);
  },
  connectionTaken(connection: SqlConnection): void {
    const slot = transactionSlot.getStore();
    if (slot && !slot.connection) slot.connection = connection;
  },
};

export interface Sql {
  /** The rows of one statement; every `${value}` is a parameter (a `Prisma.sql` fragment is spliced in). */
  rows<T>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T[]>;
  /** The rows of a statement put together with `Prisma.sql`. */
  rows<T>(statement: Prisma.Sql): Promise<T[]>;
  /** The number of rows one statement changed. */
  run(strings: TemplateStringsArray, ...values: unknown[]): Promise<number>;
}

/**
 * Raw SQL on pg itself, for the statements a busy turn or the outbox runs: Prisma's `$queryRaw`
 * costs about 0.6 ms of CPU a statement on this stack and its model queries about 1 ms, pg about
 * 0.1 ms (bench/support.ts measured the turn bound by that CPU). The same results as `$queryRaw`:
 * bigint for int8, Date for timestamps and dates, parsed JSON. In a transaction it runs on the
 * transaction's connection, so it sees and commits with the rest.
 */
export function sql(db: DbClient): Sql {
  const connection = pools.get(db) ?? transactionSlot.getStore()?.connection;
  if (!connection) throw new Error('sql(db) needs a client made by openDatabase, or a transaction it started');
  const statement = (strings: TemplateStringsArray | Prisma.Sql, values: unknown[]) => {
    const compiled = strings instanceof Prisma.Sql ? strings : Prisma.sql(strings, ...(values as Prisma.Sql[]));
    return connection.query(compiled.text, compiled.values);
  };
  return {
    rows: async <T>(strings: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) => (await statement(strings, values)).rows as T[],
    run: async (strings: TemplateStringsArray, ...values: unknown[]) => (await statement(strings, values)).rowCount ?? 0,
  };
}

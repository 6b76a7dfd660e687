import { Prisma, type PrismaClient } from '../prisma/generated/client.js';

/** Domain functions take a client or a transaction, so callers decide the transaction scope. */
export type DbClient = PrismaClient | Prisma.TransactionClient;
/** A transaction on pg itself (`sqlTransaction`): only `sql(tx)` runs in it, no Prisma query. */
export interface SqlTransaction {
  readonly kind: 'sqlTransaction';
}
/** What `sql(db)` runs on: a client, a Prisma transaction, or a transaction on pg itself. */
export type SqlDb = DbClient | SqlTransaction;
export type { PrismaClient };
export { Prisma } from '../prisma/generated/client.js';
import { connectionOf, sqlBridge } from './sql-bridge.js';
export { sqlBridge, type SqlConnection } from './sql-bridge.js';

export interface Sql {
  /** The rows of one statement; every `${value}` is a parameter (a `Prisma.sql` fragment is spliced in). */
  rows<T>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T[]>;
  /** The rows of a statement put together with `Prisma.sql`. */
  rows<T>(statement: Prisma.Sql): Promise<T[]>;
  /** The number of rows one statement changed. */
  run(strings: TemplateStringsArray, ...values: unknown[]): Promise<number>;
  /**
   * The rows of a large statement read for one person or a few ids, planned once per connection:
   * PostgreSQL's generic plan from its first run, where it otherwise makes a custom plan for each
   * of the first five runs on each connection. For a statement whose planning costs more than
   * its run (personLists: 5–40 ms to plan, under 1 ms to run), each of those five was a turn
   * that waited; a pool's connections change as turns overlap, so they came back all day. On a
   * pool it runs on connections of its own that keep that mode (infra/pg-pool.ts `genericPlans`).
   */
  plannedOnce<T>(statement: Prisma.Sql): Promise<T[]>;
}

/**
 * Raw SQL on pg itself, for the statements a busy turn or the outbox runs: Prisma's `$queryRaw`
 * costs about 0.6 ms of CPU a statement on this stack and its model queries about 1 ms, pg about
 * 0.1 ms (bench/support.ts measured the turn bound by that CPU). The same results as `$queryRaw`:
 * bigint for int8, Date for timestamps and dates, parsed JSON. In a transaction it runs on the
 * transaction's connection, so it sees and commits with the rest.
 */
export function sql(db: SqlDb): Sql {
  const connection = connectionOf(db);
  if (!connection) throw new Error('sql(db) needs a client made by openDatabase, or a transaction it started');
  const statement = (strings: TemplateStringsArray | Prisma.Sql, values: unknown[]) => {
    const compiled = strings instanceof Prisma.Sql ? strings : Prisma.sql(strings, ...(values as Prisma.Sql[]));
    return connection.query(compiled.text, compiled.values);
  };
  return {
    rows: async <T>(strings: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) => (await statement(strings, values)).rows as T[],
    run: async (strings: TemplateStringsArray, ...values: unknown[]) => (await statement(strings, values)).rowCount ?? 0,
    plannedOnce: async <T>(compiled: Prisma.Sql) => (await connection.query(compiled.text, compiled.values, 'generic')).rows as T[],
  };
}

/**
 * `work` in a transaction on pg itself: BEGIN, its `sql(tx)` statements on the transaction's own
 * connection, COMMIT (ROLLBACK when it throws). For the writes of a busy turn (the archive's
 * changes from the daily card): Prisma's interactive `$transaction` around the same statements
 * cost about 0.45 ms more CPU a turn (four times the statements' own). Like `$transaction`, it
 * waits for a free connection rather than fail.
 */
export async function sqlTransaction<T>(db: PrismaClient, work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
  const pool = connectionOf(db);
  if (!pool?.transaction) throw new Error('sqlTransaction(db) needs a client made by openDatabase');
  return pool.transaction(async (connection) => {
    const tx: SqlTransaction = { kind: 'sqlTransaction' };
    sqlBridge.attach(tx, connection);
    try {
      return await work(tx);
    } finally {
      // Its connection goes back to the pool: a handle kept past the end must not run on it.
      sqlBridge.detach(tx);
    }
  });
}

/**
 * Up to this many ids go as scalar parameters (`IN ($1, $2)`), more as one array. The planner
 * knows how many scalars there are also in a prepared statement's generic plan (infra/pg-pool.ts),
 * so a statement for one person, one entry or a leader's few units keeps its plan; for an array
 * it cannot know the length and plans anew at each execution.
 */
export const FEW_IDS = 16;

const isFew = (distinct: readonly string[]) => distinct.length > 0 && distinct.length <= FEW_IDS;

/** `column = $1` for one id, `column IN ($1, $2 …)` for a few, `column = ANY($1::uuid[])` for more (FEW_IDS). */
export function idIn(column: Prisma.Sql, ids: readonly string[]): Prisma.Sql {
  const distinct = [...new Set(ids)];
  if (distinct.length === 1) return Prisma.sql`${column} = ${distinct[0]}::uuid`;
  // None (then nothing matches) or more than FEW_IDS: one array.
  if (!isFew(distinct)) return Prisma.sql`${column} = ANY(${distinct}::uuid[])`;
  return Prisma.sql`${column} IN (${Prisma.join(distinct.map((id) => Prisma.sql`${id}::uuid`))})`;
}

/** The ids as a table `alias(column)`: a VALUES list of scalars for a few (FEW_IDS, as `idIn`), else the array unnested. */
export function idTable(ids: readonly string[], alias: string, column: string): Prisma.Sql {
  const distinct = [...new Set(ids)];
  if (isFew(distinct)) return Prisma.sql`(VALUES ${Prisma.join(distinct.map((id) => Prisma.sql`(${id}::uuid)`))}) ${Prisma.raw(`${alias}(${column})`)}`;
  return Prisma.sql`(SELECT DISTINCT unnest(${distinct}::uuid[]) AS ${Prisma.raw(column)}) ${Prisma.raw(alias)}`;
}

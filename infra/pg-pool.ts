import { createHash } from 'node:crypto';
import pg from 'pg';
import { sqlBridge, type SqlConnection } from '../domain/sql-bridge.js';

/** What `$queryRaw` returns for int8 (and int8[]): bigint; for a date: its midnight UTC, whatever the process's time zone. */
const PRISMA_LIKE_PARSERS: Record<number, (text: string) => unknown> = {
  20: (text) => BigInt(text),
  1082: (text) => new Date(`${text}T00:00:00Z`),
  1016: (text) => (pg.types.getTypeParser(1016 as Parameters<typeof pg.types.getTypeParser>[0])(text) as (string | null)[]).map((value) => (value === null ? null : BigInt(value))),
};
const prismaLikeTypes = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') => PRISMA_LIKE_PARSERS[oid] ?? pg.types.getTypeParser(oid, format),
};

/**
 * A pool or one of its connections as domain/db.ts's `sql(db)` runs statements on it.
 *
 * A statement with parameters is a named prepared statement (its name is a hash of its text), so
 * each connection parses it once and PostgreSQL may keep its plan: after five executions it
 * compares the generic plan with the custom ones and keeps the generic one when that is no
 * costlier. Planning cost more than executing for the daily card's reads (bench/daily-actions.ts
 * measures CPU per turn). The texts come from the code, so their number is bounded. A prepared
 * statement whose result columns changed under it (another instance migrated the schema) is run
 * once more unnamed. Needs session pooling: a PgBouncer in transaction mode before 1.21 does
 * not keep prepared statements (`DATABASE_PREPARED_STATEMENTS=off`).
 */
export function sqlConnectionOf(queryable: pg.Pool | pg.PoolClient, options: { prepared?: boolean } = {}): SqlConnection {
  const prepared = options.prepared ?? true;
  const run = async (on: pg.Pool | pg.PoolClient, text: string, values: unknown[]) => {
    if (!prepared || values.length === 0) return on.query({ text, values, types: prismaLikeTypes } as pg.QueryConfig);
    try {
      return await on.query({ name: statementName(text), text, values, types: prismaLikeTypes } as pg.QueryConfig);
    } catch (error) {
      if (!isChangedResultType(error)) throw error;
      return on.query({ text, values, types: prismaLikeTypes } as pg.QueryConfig);
    }
  };
  return {
    // An unnamed statement is planned at each run whatever the mode: only a prepared one keeps its plan.
    query: (text, values, plan) => {
      if (plan !== 'generic' || !prepared || values.length === 0) return run(queryable, text, values);
      // On the pool: its connections that plan generically (one statement); in a transaction: its own connection, the mode set around it.
      return queryable instanceof CatalogSafePool ? run(queryable.genericPlans(), text, values) : withGenericPlan(queryable, (on) => run(on, text, values));
    },
    ...(queryable instanceof pg.Pool ? { transaction: (work) => inTransaction(queryable, (client) => work(sqlConnectionOf(client, options))) } : {}),
  };
}

/** pg.Pool's own connect(): CatalogSafePool's would take the connection for a Prisma transaction being begun. */
const ownConnection = (pool: pg.Pool) => (pg.Pool.prototype.connect as () => Promise<pg.PoolClient>).call(pool);

/**
 * `work` between BEGIN and COMMIT on a connection of the pool's own, rolled back when it throws.
 * A connection whose ROLLBACK failed (it broke meanwhile) is closed rather than given back.
 */
async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await ownConnection(pool);
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackFailed: Error) => (broken = rollbackFailed));
    throw error;
  } finally {
    client.release(broken);
  }
}

/**
 * Runs one statement with `plan_cache_mode = force_generic_plan`, set on its connection before it
 * and reset after it (two short round trips): for a transaction's connection, or a pool that is
 * not a CatalogSafePool (which has connections that keep the mode: `genericPlans`). On a
 * transaction's connection a failed statement aborts the transaction, whose rollback undoes the
 * SET as well; a connection of the pool's own whose RESET failed is closed rather than given back
 * with the mode still set. Not for a
 * PgBouncer in transaction mode, which may run the SET and the statement on different server
 * connections: that is DATABASE_PREPARED_STATEMENTS=off, where nothing is prepared anyway.
 */
async function withGenericPlan<T>(queryable: pg.Pool | pg.PoolClient, work: (on: pg.PoolClient) => Promise<T>): Promise<T> {
  const own = queryable instanceof pg.Pool;
  const client = own ? await ownConnection(queryable) : queryable;
  let resetFailed: Error | undefined;
  try {
    await client.query('SET plan_cache_mode = force_generic_plan');
    return await work(client);
  } finally {
    await client.query('RESET plan_cache_mode').catch((error: Error) => (resetFailed = error));
    if (own) client.release(resetFailed);
  }
}

/**
 * The pool's URL with `-c plan_cache_mode=force_generic_plan` added to the server options it may
 * carry already (`?options=…`, which pg takes over a config's own `options`).
 */
function withGenericPlans(connectionString: string): string {
  const url = new URL(connectionString);
  url.searchParams.set('options', [url.searchParams.get('options'), '-c plan_cache_mode=force_generic_plan'].filter(Boolean).join(' '));
  return url.toString();
}

const names = new Map<string, string>();

/** `a` + 24 hex digits of the text's SHA-1: the same on every connection and in every instance. */
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `a${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    if (names.size < 10_000) names.set(text, name);
  }
  return name;
}

/** PostgreSQL's «cached plan must not change result type» (feature_not_supported, 0A000). */
function isChangedResultType(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === '0A000' && /cached plan must not change result type/.test(String((error as Error).message));
}

/**
 * A pg Pool that reports PostgreSQL's `name` type (oid 19) as `text` (oid 25).
 * Prisma's driver adapter cannot deserialize `name` columns, which the catalog queries of
 * `prisma migrate` return (prisma/orm#27403); this is the checked workaround.
 */
export class CatalogSafePool extends pg.Pool {
  /** Whether `sql(db)` names its statements on this pool's connections (DATABASE_PREPARED_STATEMENTS). */
  preparedStatements = true;

  #genericPlans: pg.Pool | undefined;

  /**
   * Connections of the pool's own, to the same database, on which PostgreSQL plans every statement
   * generically (`plan_cache_mode = force_generic_plan`, an option of their URL): `sql(db).plannedOnce`
   * runs on them, one statement where SET, the statement and RESET on a connection of the pool were
   * three round trips (bench/daily-actions.ts: the card composed again after each «Fordel»). Half as
   * many as the pool (at least two), opened when first needed and closed with it (database.ts).
   */
  genericPlans(): pg.Pool {
    if (!this.#genericPlans) {
      const { max, idleTimeoutMillis, connectionString } = this.options as pg.PoolConfig;
      this.#genericPlans = new pg.Pool({ connectionString: withGenericPlans(connectionString!), idleTimeoutMillis, max: Math.max(2, Math.ceil((max ?? 10) / 2)) });
      // An idle connection that broke (the server restarted) is dropped and opened again when needed,
      // as Prisma's adapter does for the pool's own; the statement that meets a broken one fails.
      this.#genericPlans.on('error', () => {});
    }
    return this.#genericPlans;
  }

  /** The generic-plan connections, if any were opened (database.ts closes them with the pool). */
  get openedGenericPlans(): pg.Pool | undefined {
    return this.#genericPlans;
  }

  // pg's overloads make a typed override impractical; the behaviour is a plain pass-through.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const result = (super.query as any)(...args);
    if (result && typeof result.then === 'function') {
      return result.then((res: pg.QueryResult) => {
        for (const field of res?.fields ?? []) if (field.dataTypeID === 19) field.dataTypeID = 25;
        return res;
      });
    }
    return result;
  }

  /** A connection taken inside `prisma.$transaction` is that transaction's: `sql(tx)` runs on it (domain/db.ts). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override connect(...args: any[]): any {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    if (args.length > 0) return (super.connect as any)(...args);
    return super.connect().then((client) => {
      sqlBridge.connectionTaken(sqlConnectionOf(client, { prepared: this.preparedStatements }));
      return client;
    });
  }
}

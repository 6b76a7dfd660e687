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

/** A pool or one of its connections as domain/db.ts's `sql(db)` runs statements on it. */
export function sqlConnectionOf(queryable: pg.Pool | pg.PoolClient): SqlConnection {
  return { query: (text, values) => queryable.query({ text, values, types: prismaLikeTypes } as pg.QueryConfig) };
}

/**
 * A pg Pool that reports PostgreSQL's `name` type (oid 19) as `text` (oid 25).
 * Prisma's driver adapter cannot deserialize `name` columns, which the catalog queries of
 * `prisma migrate` return (prisma/orm#27403); this is the checked workaround.
 */
export class CatalogSafePool extends pg.Pool {
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
      sqlBridge.connectionTaken(sqlConnectionOf(client));
      return client;
    });
  }
}

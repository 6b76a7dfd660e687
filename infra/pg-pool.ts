import pg from 'pg';

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
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma, sql, sqlTransaction, type SqlTransaction } from '../domain/db.js';
import { createTestDatabase } from './support/database.js';

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

describe('sql(db): raw statements on pg itself', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('returns what $queryRaw returns: bigint for int8 and int8[], Date for timestamps, parsed JSON, and splices Prisma.sql fragments', async () => {
    const { prisma } = database;
    const at = new Date('2026-11-26T07:30:00.000Z');
    const where = Prisma.sql`WHERE ${2}::int > 1`;
    const viaSql = await sql(prisma).rows<Record<string, unknown>>`
      SELECT 9007199254740993::int8 AS big, ARRAY[1, NULL]::int8[] AS bigs, ${at}::timestamptz AS at,
        json_build_object('a', 1) AS doc, 3::int AS small, 'x' AS text, '2026-12-23'::date AS day ${where}`;
    const viaPrisma = await prisma.$queryRaw<Record<string, unknown>[]>`
      SELECT 9007199254740993::int8 AS big, ARRAY[1, NULL]::int8[] AS bigs, ${at}::timestamptz AS at,
        json_build_object('a', 1) AS doc, 3::int AS small, 'x' AS text, '2026-12-23'::date AS day ${where}`;
    expect(viaSql).toEqual(viaPrisma);
    expect(viaSql).toEqual([{ big: 9007199254740993n, bigs: [1n, null], at, doc: { a: 1 }, small: 3, text: 'x', day: new Date('2026-12-23T00:00:00Z') }]);
  });

  it('runs on the transaction’s own connection, also with 30 transactions at once: it sees their uncommitted rows and is rolled back with them', async () => {
    const { prisma } = database;
    const problems: string[] = [];
    await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const code = `SQLTX-${i}`;
        await prisma
          .$transaction(async (tx) => {
            const [viaPrisma] = await tx.$queryRaw<{ xid: bigint }[]>`SELECT txid_current() AS xid`;
            const [viaSql] = await sql(tx).rows<{ xid: bigint }>`SELECT txid_current() AS xid`;
            if (viaPrisma!.xid !== viaSql!.xid) problems.push(`${code}: transaction ${viaPrisma!.xid} but sql ran in ${viaSql!.xid}`);
            await tx.unit.create({ data: { code, name: 'Prøveeining' } });
            const changed = await sql(tx).run`UPDATE unit SET name = 'Endra' WHERE code = ${code}`;
            if (changed !== 1) problems.push(`${code}: sql(tx) changed ${changed} rows`);
            // (Looking from outside here would wait for a connection the 30 transactions hold.)
            if (i === 0) {
              const outside = await sql(prisma).rows`SELECT 1 FROM unit WHERE code = ${code}`;
              if (outside.length !== 0) problems.push(`${code}: seen outside the transaction before the commit`);
            }
            if (i % 2 === 1) throw new Error('roll back');
          })
          .catch((error: unknown) => {
            if (!(error instanceof Error && error.message === 'roll back')) throw error;
          });
      }),
    );
    expect(problems).toEqual([]);
    const kept = await prisma.unit.findMany({ where: { code: { startsWith: 'SQLTX-' } }, select: { code: true, name: true } });
    expect(kept).toHaveLength(15);
    expect(kept.every((unit) => unit.name === 'Endra' && Number(unit.code.slice(6)) % 2 === 0)).toBe(true);
  });

  it('refuses a client it does not know rather than run outside the transaction', async () => {
    let escaped: Prisma.TransactionClient | undefined;
    await database.prisma.$transaction(async (tx) => {
      escaped = tx;
    });
    const elsewhere = () => new Promise((resolve) => setImmediate(resolve)).then(() => sql(escaped!));
    expect(() => sql({} as never)).toThrow(/needs a client made by openDatabase/);
    // A transaction's client used after it ended, outside its slot: no connection to run on.
    await expect(elsewhere()).rejects.toThrow(/needs a client made by openDatabase/);
  });

  it('sqlTransaction: its statements on one connection of their own, committed together, rolled back together when the work throws, also with 30 at once', async () => {
    const { prisma } = database;
    const problems: string[] = [];
    await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const code = `PGTX-${i}`;
        await sqlTransaction(prisma, async (tx) => {
          const [first] = await sql(tx).rows<{ xid: bigint }>`SELECT txid_current() AS xid`;
          await sql(tx).run`INSERT INTO unit (id, code, name, updated_at) VALUES (gen_random_uuid(), ${code}, 'Prøveeining', now())`;
          const [second] = await sql(tx).rows<{ xid: bigint; seen: bigint }>`SELECT txid_current() AS xid, count(*) AS seen FROM unit WHERE code = ${code}`;
          if (first!.xid !== second!.xid) problems.push(`${code}: two transactions (${first!.xid}, ${second!.xid})`);
          if (second!.seen !== 1n) problems.push(`${code}: its own row not seen`);
          if (i % 2 === 1) throw new Error('roll back');
        }).catch((error: unknown) => {
          if (!(error instanceof Error && error.message === 'roll back')) throw error;
        });
      }),
    );
    expect(problems).toEqual([]);
    const kept = await sql(prisma).rows<{ code: string }>`SELECT code FROM unit WHERE code LIKE 'PGTX-%' ORDER BY code`;
    expect(kept.map((row) => Number(row.code.slice(5))).sort((a, b) => a - b)).toEqual(Array.from({ length: 15 }, (_, i) => i * 2));
    // The pool's connections are back, none left inside a transaction.
    const [open] = await sql(prisma).rows<{ open: bigint }>`
      SELECT count(*) AS open FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`;
    expect(open!.open).toBe(0n);
  });

  it('sqlTransaction: a statement that fails rolls back what came before it and leaves the connection usable; a handle kept past its end runs nothing', async () => {
    const { prisma } = database;
    await expect(
      sqlTransaction(prisma, async (tx) => {
        await sql(tx).run`INSERT INTO unit (id, code, name, updated_at) VALUES (gen_random_uuid(), 'PGTX-FAIL', 'Før feilen', now())`;
        await sql(tx).rows`SELECT 1 / ${0}::int`;
      }),
    ).rejects.toThrow(/division by zero/);
    expect(await sql(prisma).rows`SELECT 1 FROM unit WHERE code = 'PGTX-FAIL'`).toEqual([]);
    // A handle kept past its transaction runs nothing (its connection went back to the pool).
    let escaped: SqlTransaction | undefined;
    await sqlTransaction(prisma, async (tx) => {
      escaped = tx;
    });
    expect(() => sql(escaped!)).toThrow(/needs a client made by openDatabase/);
    // Every connection of the pool still answers (none was given back inside the failed transaction).
    const answers = await Promise.all(Array.from({ length: 12 }, () => sqlTransaction(prisma, (tx) => sql(tx).rows<{ one: number }>`SELECT ${1}::int AS one`)));
    expect(answers.flat()).toEqual(Array.from({ length: 12 }, () => ({ one: 1 })));
  });
});

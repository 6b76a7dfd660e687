import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from './support/database.js';

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

describe('the database', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  it(
    'concurrent transactions and parameterised queries of different shapes each get their own answer',
    { timeout: 30_000 },
    async () => {
      // Interactive transactions next to statements with two and three parameters, all started
      // together. Through pglite-socket with more than one connection this fails with "unnamed
      // prepared statement does not exist", wrong rows, or a queue that never moves again
      // (electric-sql/pglite#1046); the embedded pool therefore holds one connection.
      const { prisma } = database;
      const problems: string[] = [];
      for (let round = 0; round < 6; round++) {
        await Promise.all(
          Array.from({ length: 60 }, async (_, i) => {
            const code = `R${round}-${i}`;
            try {
              if (i % 3 === 0) {
                await prisma.$transaction(async (tx) => {
                  await tx.unit.upsert({ where: { code }, create: { code, name: 'Prøveeining' }, update: { name: 'Prøveeining 2' } });
                  const found = await tx.unit.findMany({ where: { code: { in: ['x', 'y', code] } } });
                  if (found.length !== 1) problems.push(`${code}: found ${found.length} units`);
                });
              } else if (i % 3 === 1) {
                const [row] = await prisma.$queryRaw<{ sum: number }[]>`SELECT ${i}::int + ${1}::int AS sum`;
                if (row?.sum !== i + 1) problems.push(`${code}: sum ${row?.sum}`);
              } else {
                const [row] = await prisma.$queryRaw<{ text: string }[]>`SELECT ${'n'}::text || ${String(i)}::text || ${'!'}::text AS text`;
                if (row?.text !== `n${i}!`) problems.push(`${code}: text ${row?.text}`);
              }
            } catch (error) {
              problems.push(`${code}: ${(error as Error).message.trim().split('\n').at(-1)}`);
            }
          }),
        );
      }
      expect(problems).toEqual([]);
      expect(await prisma.unit.count({ where: { code: { startsWith: 'R' } } })).toBe(6 * 20);
    },
  );

  it('close() resolves only when every pooled connection has closed', async () => {
    // A test that drops its database right after close() (or PGlite stopping on shutdown) must
    // not meet a connection still closing: its "terminating connection" error would go unheard.
    const other = await createTestDatabase();
    const clients: import('pg').PoolClient[] = [];
    other.pool.on('connect', (client) => clients.push(client));
    await Promise.all(Array.from({ length: 8 }, () => other.pool.query('SELECT pg_sleep(0.05)')));
    expect(clients.length).toBeGreaterThan(0);
    await other.close();
    const sockets = clients.map((client) => (client as unknown as { connection: { stream: { destroyed: boolean } } }).connection.stream);
    expect(sockets.map((socket) => socket.destroyed)).toEqual(clients.map(() => true));
  });
});

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
    '50 concurrent clients doing interactive transactions and queries of different shapes all succeed with the right answers',
    { timeout: 60_000 },
    async () => {
      // The app's own pool size (DATABASE_POOL_SIZE, 10): 50 clients queue for its connections, as
      // card actions from many leaders at 07:30 do. Each client runs read-modify-write
      // transactions on one shared row (they serialise on its row lock), upserts, and
      // statements with two and three parameters, interleaved.
      const { prisma } = database;
      await prisma.unit.create({ data: { code: 'COUNTER', name: '0' } });
      const problems: string[] = [];
      const rounds = 8;
      await Promise.all(
        Array.from({ length: 50 }, async (_, client) => {
          for (let round = 0; round < rounds; round++) {
            const code = `C${client}-R${round}`;
            try {
              await prisma.$transaction(async (tx) => {
                const [counter] = await tx.$queryRaw<{ name: string }[]>`SELECT name FROM unit WHERE code = 'COUNTER' FOR UPDATE`;
                await tx.unit.update({ where: { code: 'COUNTER' }, data: { name: String(Number(counter!.name) + 1) } });
                await tx.unit.upsert({ where: { code }, create: { code, name: 'Prøveeining' }, update: { name: 'Prøveeining 2' } });
                const found = await tx.unit.findMany({ where: { code: { in: ['x', 'y', code] } } });
                if (found.length !== 1) problems.push(`${code}: found ${found.length} units`);
              });
              const [sum] = await prisma.$queryRaw<{ sum: number }[]>`SELECT ${client}::int + ${round}::int AS sum`;
              if (sum?.sum !== client + round) problems.push(`${code}: sum ${sum?.sum}`);
              const [text] = await prisma.$queryRaw<{ text: string }[]>`SELECT ${'n'}::text || ${code}::text || ${'!'}::text AS text`;
              if (text?.text !== `n${code}!`) problems.push(`${code}: text ${text?.text}`);
            } catch (error) {
              problems.push(`${code}: ${(error as Error).message.trim().split('\n').at(-1)}`);
            }
          }
        }),
      );
      expect(problems).toEqual([]);
      expect(await prisma.unit.count({ where: { code: { startsWith: 'C' }, NOT: { code: 'COUNTER' } } })).toBe(50 * rounds);
      expect((await prisma.unit.findUnique({ where: { code: 'COUNTER' } }))?.name).toBe(String(50 * rounds));
    },
  );

  it('close() resolves only when every pooled connection has closed', async () => {
    // A test that drops its database right after close() (or the embedded server stopping) must
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

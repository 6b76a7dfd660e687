import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMBEDDED_POOL_SIZE } from '../infra/database.js';
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

  it('many concurrent parameterised queries of different shapes each get their own answer', async () => {
    // Two statements with different parameter counts, started together many times: on a
    // connection shared badly one would bind to the other's statement (pglite#1046).
    const rounds = Array.from({ length: 150 }, (_, i) => i);
    let mostConnections = 0;
    const watch = setInterval(() => (mostConnections = Math.max(mostConnections, database.pool.totalCount)), 1);
    const results = await Promise.all(
      rounds.map(async (i) => {
        if (i % 2 === 0) {
          const rows = await database.prisma.$queryRaw<{ sum: number }[]>`SELECT ${i}::int + ${1}::int AS sum`;
          return rows[0]!.sum;
        }
        const rows = await database.prisma.$queryRaw<{ text: string }[]>`SELECT ${'n'}::text || ${i}::text || ${'!'}::text AS text`;
        return rows[0]!.text;
      }),
    );
    clearInterval(watch);
    expect(results).toEqual(rounds.map((i) => (i % 2 === 0 ? i + 1 : `n${i}!`)));
    // Embedded, the app holds one connection to PGlite's one session: pglite-socket would
    // otherwise interleave two connections' Parse/Bind/Execute messages.
    if (database.kind === 'embedded') expect(mostConnections).toBeLessThanOrEqual(EMBEDDED_POOL_SIZE);
    expect(EMBEDDED_POOL_SIZE).toBe(1);
  });
});

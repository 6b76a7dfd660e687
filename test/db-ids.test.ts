import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEW_IDS, idIn, idTable, Prisma, sql } from '../domain/db.js';
import { createTestDatabase } from './support/database.js';

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

describe('ids in a statement (idIn, idTable)', () => {
  let db: TestDatabase;
  const ids = Array.from({ length: FEW_IDS + 4 }, () => randomUUID());
  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 2 });
    await sql(db.prisma).run`CREATE TABLE id_probe (id uuid PRIMARY KEY)`;
    await sql(db.prisma).rows(Prisma.sql`INSERT INTO id_probe (id) SELECT unnest(${ids}::uuid[])`);
  });
  afterAll(async () => {
    await db?.close();
  });

  const cases: [string, string[], RegExp][] = [
    ['none matches nothing', [], /= ANY\(/],
    ['one is one scalar', [ids[0]!], /= \$1::uuid$/],
    ['a few are scalars, each once', [ids[1]!, ids[2]!, ids[1]!], /IN \(\$1::uuid,\$2::uuid\)/],
    ['more than FEW_IDS are one array', ids, /= ANY\(\$1::uuid\[\]\)/],
  ];
  for (const [name, wanted, shape] of cases) {
    it(`${name}: idIn and idTable find exactly those rows`, async () => {
      const condition = idIn(Prisma.sql`id`, wanted);
      expect(condition.text).toMatch(shape);
      const byCondition = await sql(db.prisma).rows<{ id: string }>(Prisma.sql`SELECT id::text AS id FROM id_probe WHERE ${condition} ORDER BY id`);
      const byTable = await sql(db.prisma).rows<{ id: string }>(Prisma.sql`SELECT p.id::text AS id FROM ${idTable(wanted, 't', 'wanted')} JOIN id_probe p ON p.id = t.wanted ORDER BY p.id`);
      const expected = [...new Set(wanted)].sort().map((id) => ({ id }));
      expect(byCondition).toEqual(expected);
      expect(byTable).toEqual(expected);
    });
  }
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInRegistry } from '../../domain/archive/registry/built-in-registry.js';
import { caseIsClosable, isBacklog, type EntryFacts } from '../../domain/archive/rules.js';
import { JOURNALPOSTTYPER, JOURNALSTATUSER } from '../../domain/archive/vocabulary.js';
import { createCaseWith, createTeam } from '../support/archive.js';
import { createTestDatabase } from '../support/database.js';

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

/** Every type × status × (not written off, ***, written off): the SQL must say what rules.ts says. */
const COMBINATIONS: EntryFacts[] = JOURNALPOSTTYPER.flatMap((type) =>
  JOURNALSTATUSER.flatMap((status) => ([null, '***', 'TE'] as const).map((writeOffMethod) => ({ type, status, writeOffMethod }))),
);
const key = (facts: EntryFacts) => `${facts.type}/${facts.status}/${facts.writeOffMethod ?? '-'}`;

describe('the registry’s SQL and the rules agree', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 2 });
  });
  afterAll(async () => {
    await db?.close();
  });

  it('the backlog read holds exactly the entries isBacklog holds', async () => {
    const team = await createTeam(db.prisma);
    const created = await createCaseWith(
      db.prisma,
      {},
      COMBINATIONS.map((facts) => ({
        type: facts.type,
        status: facts.status,
        caseworkerId: team.caseworker.id,
        title: key(facts),
        writeOff: facts.writeOffMethod ? { method: facts.writeOffMethod, date: '2026-11-20' } : null,
      })),
    );
    expect(created.entryIds).toHaveLength(COMBINATIONS.length);
    const [group] = await builtInRegistry(db.prisma).backlog([team.caseworker.id], { limit: 1000 });
    expect(group!.items.map((entry) => entry.title).sort()).toEqual(COMBINATIONS.filter(isBacklog).map(key).sort());
    expect(group!.total).toBe(COMBINATIONS.filter(isBacklog).length);
  });

  it('the database itself refuses codes Noark 5 does not have', async () => {
    const { entryIds } = await createCaseWith(db.prisma, {}, [{}]);
    const id = entryIds[0]!;
    for (const [column, value] of [
      ['type', 'Q'],
      ['status', 'Z'],
      ['write_off_method', 'XY'],
      ['access_code', 'ZZ'],
      ['legal_basis', '99'],
      ['behandlingsstatus', 'SU'], // only a saksframlegg (S) has one
    ] as const) {
      await expect(db.pool.query(`UPDATE archive_entry SET ${column} = $1 WHERE id = $2::uuid`, [value, id])).rejects.toThrow(/check constraint/);
    }
    await expect(db.pool.query(`UPDATE archive_entry SET screened_fields = ARRAY['avsender'] WHERE id = $1::uuid`, [id])).rejects.toThrow(/check constraint/);
  });

  it('the archive’s «closable» says what caseIsClosable says, case by case', async () => {
    const expected = new Map<string, boolean>();
    for (const facts of COMBINATIONS) {
      const { number } = await createCaseWith(db.prisma, { status: 'F', title: key(facts) }, [
        { type: facts.type, status: facts.status, writeOff: facts.writeOffMethod ? { method: facts.writeOffMethod, date: '2026-11-20' } : null },
      ]);
      expected.set(number, caseIsClosable([facts]));
    }
    const lists = await builtInRegistry(db.prisma).archiveControlLists({ limit: 1000 });
    expect(new Map(lists.casesForClosing.items.map((item) => [item.number, item.closable]))).toEqual(expected);
  });
});

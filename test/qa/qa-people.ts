/**
 * People and helpers for the spørretime tests: an organisation of a moderator, askers in bokmål,
 * nynorsk and English, and 60 more people to vote, imported into a test database.
 */
import type { PrismaClient } from '../../domain/db.js';
import { importOrganisation } from '../../domain/org/import-organisation.js';
import { parseOrganisationFile } from '../../domain/org/org-file.js';
import type { QaActor } from '../../domain/qa/vocabulary.js';
import type { Database } from '../../infra/database.js';
import { createTestDatabase } from '../support/database.js';

const aad = (n: number) => `00000000-0000-0000-0000-00000009${String(n).padStart(4, '0')}`;

export const MODERATOR = { n: 1, name: 'Mona Moderator', locale: 'nb' };
export const ASKER_NB = { n: 2, name: 'Berit Bokmål', locale: 'nb' };
export const ASKER_NN = { n: 3, name: 'Nils Nynorsk', locale: 'nn' };
export const ASKER_EN = { n: 4, name: 'Emma English', locale: 'en' };
export const VOTER_COUNT = 60;
/** Voter i (0-based) of the 60. */
export const voter = (i: number) => ({ n: 100 + i, name: `Velger ${i + 1}`, locale: 'nb' });

const everyone = [MODERATOR, ASKER_NB, ASKER_NN, ASKER_EN, ...Array.from({ length: VOTER_COUNT }, (_, i) => voter(i))];

const ORG = `
organisation: Testkommune
units:
  - code: IKT
    name: Digitalisering
people:
${everyone.map((p) => `  - { aadObjectId: ${aad(p.n)}, name: ${p.name}, email: p${p.n}@test.kommune.no, unit: IKT, locale: ${p.locale} }`).join('\n')}
`;

export type TestPerson = (typeof everyone)[number];

export async function importQaPeople(prisma: PrismaClient): Promise<(person: TestPerson) => Promise<QaActor>> {
  await importOrganisation(prisma, parseOrganisationFile(ORG, 'org.yaml'), { actor: 'test' });
  const people = await prisma.person.findMany({ select: { id: true, aadObjectId: true } });
  const byAad = new Map(people.map((p) => [p.aadObjectId, p.id]));
  return async (person) => ({ personId: byAad.get(aad(person.n))!, aadObjectId: aad(person.n) });
}

/** A fixed «now» and times relative to it. */
export const NOW = new Date('2026-10-28T12:00:00Z');
export const hoursFromNow = (hours: number) => new Date(NOW.getTime() + hours * 3_600_000);

/** The texts the outbox holds for a person (what they are told in their 1:1 chat). */
export async function messagesTo(prisma: PrismaClient, personId: string): Promise<string[]> {
  const rows = await prisma.outboxMessage.findMany({ where: { personId }, orderBy: { id: 'asc' }, select: { activity: true } });
  return rows.map((row) => (row.activity as { text: string }).text);
}

/** A test database of its own with the people imported, and the moderator as an actor (a test file's beforeAll). */
export async function openQaTestDatabase(): Promise<{ db: Database; actor: (person: TestPerson) => Promise<QaActor>; moderator: QaActor }> {
  const db = await createTestDatabase();
  const actor = await importQaPeople(db.prisma);
  return { db, actor, moderator: await actor(MODERATOR) };
}

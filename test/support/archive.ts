import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../domain/db.js';
import type { ArchiveActor } from '../../domain/archive/port.js';
import { createCase, type NewCase } from '../../domain/archive/registry/create-case.js';
import { createEntry, type NewEntry } from '../../domain/archive/registry/create-entry.js';

export const ARCHIVE_NOW = new Date('2026-11-26T08:00:00Z');
export const ARCHIVE_TODAY = '2026-11-26';

/**
 * A unit of its own for one test (so lists and counts are the test's alone): a unit with a
 * leader and a caseworker, and a sub-unit with a caseworker of its own.
 */
export async function createTeam(prisma: PrismaClient, name = 'Team') {
  const tag = randomUUID().slice(0, 8);
  const person = (label: string, unitId: string | null) =>
    prisma.person.create({
      data: { aadObjectId: randomUUID(), name: `${label} ${tag}`, email: `${label.toLowerCase().replace(/\W/g, '')}.${tag}@eksempel.kommune.no`, unitId },
      select: { id: true, aadObjectId: true, name: true },
    });
  const unit = await prisma.unit.create({ data: { code: `T${tag}`, name: `${name} ${tag}` } });
  const subUnit = await prisma.unit.create({ data: { code: `S${tag}`, name: `${name} seksjon ${tag}`, parentId: unit.id } });
  const leader = await person('Leder', unit.id);
  await prisma.unit.update({ where: { id: unit.id }, data: { leaderId: leader.id } });
  const caseworker = await person('Saksbehandler', unit.id);
  const colleague = await person('Kollega', unit.id);
  const subCaseworker = await person('Seksjon', subUnit.id);
  return { unit, subUnit, leader, caseworker, colleague, subCaseworker };
}
export type Team = Awaited<ReturnType<typeof createTeam>>;

export const actorOf = (person: { id: string; aadObjectId: string }): ArchiveActor => ({ id: person.id, aadObjectId: person.aadObjectId });

/** A case and its entries, stored as the import would store them. */
export async function createCaseWith(
  prisma: PrismaClient,
  kase: Partial<NewCase>,
  entries: Partial<Omit<NewEntry, 'caseId'>>[],
): Promise<{ caseId: string; number: string; entryIds: string[] }> {
  return prisma.$transaction(async (tx) => {
    const created = await createCase(tx, { title: 'Søknad om startlån', year: 2026, ...kase }, { actor: 'test', now: ARCHIVE_NOW });
    const entryIds: string[] = [];
    for (const entry of entries) {
      const stored = await createEntry(
        tx,
        { caseId: created.id, title: 'Søknad om startlån – Ola Nordmann', type: 'I', status: 'J', receivedDate: '2026-11-02', ...entry },
        { actor: 'test', now: ARCHIVE_NOW },
      );
      entryIds.push(stored.id);
    }
    return { caseId: created.id, number: created.number, entryIds };
  });
}

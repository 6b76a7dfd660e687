import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchivePort } from '../../domain/archive/port.js';
import { builtInRegistry } from '../../domain/archive/registry/built-in-registry.js';
import { createApprovalStep } from '../../domain/archive/registry/create-approval-step.js';
import { openDatabase, type Database } from '../../infra/database.js';
import { ARCHIVE_NOW, actorOf, createCaseWith, createTeam, type Team } from '../support/archive.js';
import { createTestDatabase } from '../support/database.js';

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;
const ROUNDS = 5;

/**
 * Two instances of Arkivlos, each with a pool of its own on one PostgreSQL database, act on the
 * same thing at the same moment (a leader and the deputy, or a card clicked twice).
 */
describe('the registry when two act at once (two connections, PostgreSQL)', () => {
  let db: TestDatabase;
  let second: Database;
  let leaderSide: ArchivePort;
  let deputySide: ArchivePort;
  let team: Team;

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 4 });
    second = await openDatabase({ url: db.url, poolSize: 4 });
    leaderSide = builtInRegistry(db.prisma);
    deputySide = builtInRegistry(second.prisma);
    team = await createTeam(db.prisma);
  });
  afterAll(async () => {
    await second?.close();
    await db?.close();
  });

  const auditCount = (entityId: string, action: string) => db.prisma.auditEntry.count({ where: { entityId, action } });

  it('a leader and the deputy distributing one entry at once: one distributes, the other is told who did', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const { entryIds } = await createCaseWith(db.prisma, {}, [{ unitId: team.unit.id }]);
      const entryId = entryIds[0]!;
      const base = { entryId, expectedVersion: 1, unitId: team.unit.id, subUnitId: null, now: ARCHIVE_NOW };
      const results = await Promise.all([
        leaderSide.distribute({ ...base, caseworkerId: team.caseworker.id, actor: actorOf(team.leader) }),
        deputySide.distribute({ ...base, caseworkerId: team.colleague.id, actor: actorOf(team.colleague) }),
      ]);
      const won = results.find((result) => result.outcome === 'done');
      const lost = results.find((result) => result.outcome === 'alreadyDone');
      expect(won && lost).toBeTruthy();
      expect(lost!.state.caseworker).toEqual(won!.state.caseworker);
      expect(lost!.last).toEqual(won!.last);
      const row = await db.prisma.archiveEntry.findUniqueOrThrow({ where: { id: entryId } });
      expect(row).toMatchObject({ version: 2, caseworkerId: won!.state.caseworker!.id });
      expect(await auditCount(entryId, 'archive.distributed')).toBe(1);
    }
  });

  it('two entries of a new case distributed at once to two caseworkers: the case gets one saksansvarlig', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const { caseId, entryIds } = await createCaseWith(db.prisma, {}, [{ unitId: team.unit.id }, { unitId: team.unit.id }]);
      const results = await Promise.all([
        leaderSide.distribute({ entryId: entryIds[0]!, expectedVersion: 1, unitId: team.unit.id, subUnitId: null, caseworkerId: team.caseworker.id, actor: actorOf(team.leader), now: ARCHIVE_NOW }),
        deputySide.distribute({ entryId: entryIds[1]!, expectedVersion: 1, unitId: team.unit.id, subUnitId: null, caseworkerId: team.colleague.id, actor: actorOf(team.colleague), now: ARCHIVE_NOW }),
      ]);
      expect(results.map((result) => result.outcome)).toEqual(['done', 'done']);
      const kase = await db.prisma.archiveCase.findUniqueOrThrow({ where: { id: caseId } });
      expect([team.caseworker.id, team.colleague.id]).toContain(kase.saksansvarligId);
      expect(kase.version).toBe(2);
      expect(await auditCount(caseId, 'archive.saksansvarligSet')).toBe(1);
    }
  });

  it('«Avskriv» clicked twice at once writes off once', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const { entryIds } = await createCaseWith(db.prisma, {}, [{ caseworkerId: team.caseworker.id }]);
      const entryId = entryIds[0]!;
      const input = { entryId, expectedVersion: 1, method: 'TE' as const, actor: actorOf(team.caseworker), now: ARCHIVE_NOW };
      const results = await Promise.all([leaderSide.writeOff(input), deputySide.writeOff({ ...input, method: 'TO' })]);
      expect(results.map((result) => result.outcome).sort()).toEqual(['alreadyDone', 'done']);
      expect(await auditCount(entryId, 'archive.writtenOff')).toBe(1);
    }
  });

  it('a saksframlegg approved by the leader and the deputy at once goes to the top approver once', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const { entryIds } = await createCaseWith(db.prisma, {}, [{ type: 'S', status: 'F', caseworkerId: team.caseworker.id }]);
      const entryId = entryIds[0]!;
      await db.prisma.roleAssignment.deleteMany({ where: { role: 'toppgodkjenner' } });
      await db.prisma.roleAssignment.create({ data: { personId: team.subCaseworker.id, role: 'toppgodkjenner' } });
      const step = await createApprovalStep(db.prisma, { entryId, approverId: team.leader.id, senderId: team.caseworker.id }, { actor: 'test', now: ARCHIVE_NOW });
      const input = { stepId: step.id, expectedVersion: 1, now: ARCHIVE_NOW };
      const results = await Promise.all([leaderSide.approve({ ...input, actor: actorOf(team.leader) }), deputySide.approve({ ...input, actor: actorOf(team.colleague) })]);
      expect(results.map((result) => result.outcome).sort()).toEqual(['alreadyDone', 'done']);
      expect(await db.prisma.archiveApprovalStep.count({ where: { entryId } })).toBe(2);
      expect(await db.prisma.archiveEntry.findUniqueOrThrow({ where: { id: entryId } })).toMatchObject({ behandlingsstatus: 'RE', version: 2 });
      const lost = results.find((result) => result.outcome === 'alreadyDone')!;
      expect(lost.state.next?.approver.id).toBe(team.subCaseworker.id);
    }
  });
});

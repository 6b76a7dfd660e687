import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchivePort, WriteResult } from '../../domain/archive/port.js';
import { builtInRegistry } from '../../domain/archive/registry/built-in-registry.js';
import { createApprovalStep } from '../../domain/archive/registry/create-approval-step.js';
import { createDecision } from '../../domain/archive/registry/create-decision.js';
import { AppError, AppErrorCode } from '../../domain/errors.js';
import { loadDemoOrganisationIfEmpty } from '../../domain/org/load-demo-organisation.js';
import { ARCHIVE_NOW, actorOf, createCaseWith, createTeam, type Team } from '../support/archive.js';
import { createTestDatabase } from '../support/database.js';

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;
const LATER = new Date('2026-11-26T09:30:00Z');

describe('the archive port’s writes on the built-in registry', () => {
  let db: TestDatabase;
  let archive: ArchivePort;
  let team: Team;
  let lynne: { id: string; aadObjectId: string; name: string }; // toppgodkjenner in the demo organisation

  const refusal = async (promise: Promise<unknown>) => {
    const error = await promise.then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).code;
  };
  const entryRow = (id: string) => db.prisma.archiveEntry.findUniqueOrThrow({ where: { id } });
  const auditOf = (entityId: string) => db.prisma.auditEntry.findMany({ where: { entityId }, orderBy: { id: 'asc' } });
  const done = <S>(result: WriteResult<S>) => {
    expect(result.outcome).toBe('done');
    return result.state;
  };
  const one = async (entry: Parameters<typeof createCaseWith>[2][number] = {}, kase: Parameters<typeof createCaseWith>[1] = {}) => {
    const created = await createCaseWith(db.prisma, kase, [entry]);
    return { ...created, entryId: created.entryIds[0]! };
  };

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 4 });
    await loadDemoOrganisationIfEmpty(db.prisma);
    archive = builtInRegistry(db.prisma);
    team = await createTeam(db.prisma);
    lynne = await db.prisma.person.findUniqueOrThrow({ where: { email: 'lynne.robbins@eksempel.kommune.no' }, select: { id: true, aadObjectId: true, name: true } });
  });
  afterAll(async () => {
    await db?.close();
  });

  describe('Fordel, Omfordel, Feil enhet and Feil saksbehandler', () => {
    it('«Fordel» gives the entry its caseworker, makes them saksansvarlig of a new case, and is audited', async () => {
      const { entryIds, caseId } = await createCaseWith(db.prisma, {}, [{ unitId: team.unit.id }, { unitId: team.unit.id }]);
      const result = await archive.distribute({
        entryId: entryIds[0]!,
        expectedVersion: 1,
        unitId: team.unit.id,
        subUnitId: null,
        caseworkerId: team.caseworker.id,
        actor: actorOf(team.leader),
        now: ARCHIVE_NOW,
      });
      expect(result).toMatchObject({
        outcome: 'done',
        state: { caseworker: { id: team.caseworker.id, name: team.caseworker.name }, unitId: team.unit.id, version: 2 },
        last: { action: 'distributed', by: { id: team.leader.id }, at: ARCHIVE_NOW },
      });
      expect((await db.prisma.archiveCase.findUniqueOrThrow({ where: { id: caseId } })).saksansvarligId).toBe(team.caseworker.id);
      expect((await auditOf(entryIds[0]!)).map((row) => row.action)).toContain('archive.distributed');

      // The second entry of the case goes to a colleague; the saksansvarlig stays.
      done(
        await archive.distribute({ entryId: entryIds[1]!, expectedVersion: 1, unitId: team.unit.id, subUnitId: null, caseworkerId: team.colleague.id, actor: actorOf(team.leader), now: ARCHIVE_NOW }),
      );
      expect((await db.prisma.archiveCase.findUniqueOrThrow({ where: { id: caseId } })).saksansvarligId).toBe(team.caseworker.id);
    });

    it('«Fordel» from a stale card changes nothing and tells who distributed it when', async () => {
      const { entryId } = await one({ unitId: team.unit.id });
      const first = { entryId, expectedVersion: 1, unitId: team.unit.id, subUnitId: null, caseworkerId: team.caseworker.id, actor: actorOf(team.leader), now: ARCHIVE_NOW };
      done(await archive.distribute(first));
      const second = await archive.distribute({ ...first, caseworkerId: team.colleague.id, now: LATER });
      expect(second).toMatchObject({ outcome: 'alreadyDone', state: { caseworker: { id: team.caseworker.id } }, last: { action: 'distributed', by: { id: team.leader.id }, at: ARCHIVE_NOW } });
      expect((await entryRow(entryId)).caseworkerId).toBe(team.caseworker.id);
    });

    it('«Fordel» to a sub-unit takes its caseworkers and refuses someone of another unit, changing nothing', async () => {
      const { entryId } = await one({ unitId: team.unit.id });
      const other = await createTeam(db.prisma, 'Annen');
      const base = { entryId, expectedVersion: 1, unitId: team.unit.id, actor: actorOf(team.leader), now: ARCHIVE_NOW };
      expect(await refusal(archive.distribute({ ...base, subUnitId: null, caseworkerId: other.caseworker.id }))).toBe(AppErrorCode.ARCHIVE_CASEWORKER_NOT_IN_UNIT);
      expect(await refusal(archive.distribute({ ...base, subUnitId: team.subUnit.id, caseworkerId: team.caseworker.id }))).toBe(AppErrorCode.ARCHIVE_CASEWORKER_NOT_IN_UNIT);
      expect(await refusal(archive.distribute({ ...base, subUnitId: other.subUnit.id, caseworkerId: other.subCaseworker.id }))).toBe(AppErrorCode.INVALID_INPUT);
      expect(await entryRow(entryId)).toMatchObject({ caseworkerId: null, version: 1 });
      const state = done(await archive.distribute({ ...base, subUnitId: team.subUnit.id, caseworkerId: team.subCaseworker.id }));
      expect(state).toMatchObject({ subUnitId: team.subUnit.id, caseworker: { id: team.subCaseworker.id } });
    });

    it('«Omfordel» moves an assigned entry to another caseworker and refuses an unassigned one', async () => {
      const { entryId } = await one({ unitId: team.unit.id, caseworkerId: team.caseworker.id });
      const state = done(
        await archive.redistribute({ entryId, expectedVersion: 1, unitId: team.unit.id, subUnitId: null, caseworkerId: team.colleague.id, actor: actorOf(team.leader), now: ARCHIVE_NOW }),
      );
      expect(state).toMatchObject({ caseworker: { id: team.colleague.id }, lastChange: { action: 'redistributed' } });
      const unassigned = await one({ unitId: team.unit.id });
      expect(
        await refusal(
          archive.redistribute({ entryId: unassigned.entryId, expectedVersion: 1, unitId: team.unit.id, subUnitId: null, caseworkerId: team.colleague.id, actor: actorOf(team.leader), now: ARCHIVE_NOW }),
        ),
      ).toBe(AppErrorCode.ARCHIVE_WRONG_STATUS);
    });

    it('«Feil enhet» sends the entry back to the archive’s list to distribute', async () => {
      const { entryId, number } = await one({ unitId: team.unit.id, caseworkerId: team.caseworker.id });
      const state = done(await archive.returnToArchive({ entryId, expectedVersion: 1, actor: actorOf(team.leader), now: ARCHIVE_NOW }));
      expect(state).toMatchObject({ unitId: null, caseworker: null });
      const lists = await archive.archiveControlLists({ limit: 1000 });
      expect(lists.toDistribute.items.map((item) => item.number)).toContain(`${number}-1`);
      expect((await archive.returnToArchive({ entryId, expectedVersion: 2, actor: actorOf(team.leader), now: LATER })).outcome).toBe('alreadyDone');
    });

    it('«Feil saksbehandler» puts the entry back among the unit’s unassigned entries', async () => {
      const { entryId } = await one({ unitId: team.unit.id, caseworkerId: team.colleague.id });
      done(await archive.returnToLeader({ entryId, expectedVersion: 1, actor: actorOf(team.colleague), now: ARCHIVE_NOW }));
      const unassigned = await archive.unassignedEntries([team.unit.id], { limit: 1000 });
      expect(unassigned[0]!.items.map((item) => item.id)).toContain(entryId);
    });
  });

  describe('Avskriv', () => {
    const writeOff = (entryId: string, method: string, replyNumber?: string, expectedVersion = 1) =>
      archive.writeOff({ entryId, expectedVersion, method: method as never, replyNumber, actor: actorOf(team.caseworker), now: ARCHIVE_NOW });

    it('writes off with TE, TO, TLF, BE and SA without a reply, with the date and who did it', async () => {
      for (const method of ['TE', 'TO', 'TLF', 'BE', 'SA']) {
        const { entryId } = await one({ caseworkerId: team.caseworker.id });
        const state = done(await writeOff(entryId, method));
        expect(state.writeOff).toEqual({ method, date: '2026-11-26', by: { id: team.caseworker.id, name: team.caseworker.name }, replyNumber: null });
        expect(await archive.backlog([team.caseworker.id], { limit: 1000 }).then((groups) => groups[0]?.items.map((item) => item.id) ?? [])).not.toContain(entryId);
      }
    });

    it('*** keeps the entry in the backlog, and a later BU with the outgoing reply writes it off', async () => {
      const { entryIds, number } = await createCaseWith(db.prisma, {}, [{ caseworkerId: team.caseworker.id }, { type: 'U', status: 'E', title: 'Svar på søknad' }]);
      const entryId = entryIds[0]!;
      expect(done(await writeOff(entryId, '***')).writeOff?.method).toBe('***');
      const backlogIds = async () => (await archive.backlog([team.caseworker.id], { limit: 1000 }))[0]?.items.map((item) => item.id) ?? [];
      expect(await backlogIds()).toContain(entryId);
      const state = done(await writeOff(entryId, 'BU', `${number}-2`, 2));
      expect(state.writeOff).toMatchObject({ method: 'BU', replyNumber: `${number}-2` });
      expect(await backlogIds()).not.toContain(entryId);
    });

    it('BU without a reference, with a note, or with a letter of another case is refused and changes nothing', async () => {
      const { entryIds, number } = await createCaseWith(db.prisma, {}, [{ caseworkerId: team.caseworker.id }, { type: 'N', status: 'F' }]);
      const elsewhere = await one({ type: 'U', status: 'E' });
      const entryId = entryIds[0]!;
      expect(await refusal(writeOff(entryId, 'BU'))).toBe(AppErrorCode.ARCHIVE_REPLY_REQUIRED);
      expect(await refusal(writeOff(entryId, 'BU', `${number}-2`))).toBe(AppErrorCode.ARCHIVE_REPLY_INVALID);
      expect(await refusal(writeOff(entryId, 'BU', `${elsewhere.number}-1`))).toBe(AppErrorCode.ARCHIVE_REPLY_INVALID);
      expect(await refusal(writeOff(entryId, 'BU', `${number}-9`))).toBe(AppErrorCode.ARCHIVE_REPLY_INVALID);
      expect(await refusal(writeOff(entryId, 'BU', 'svar sendt'))).toBe(AppErrorCode.ARCHIVE_REPLY_INVALID);
      expect(await refusal(writeOff(entryId, 'XY'))).toBe(AppErrorCode.INVALID_INPUT);
      expect(await entryRow(entryId)).toMatchObject({ writeOffMethod: null, version: 1 });
      expect((await auditOf(entryId)).map((row) => row.action)).toEqual(['archive.entryCreated']);
    });

    it('BN and NN take a note of the same case as the reply', async () => {
      const { entryIds, number } = await createCaseWith(db.prisma, {}, [
        { caseworkerId: team.caseworker.id },
        { caseworkerId: team.caseworker.id, type: 'N' },
        { type: 'N', status: 'F', title: 'Svarnotat' },
      ]);
      expect(done(await writeOff(entryIds[0]!, 'BN', `${number}-3`)).writeOff).toMatchObject({ method: 'BN', replyNumber: `${number}-3` });
      expect(done(await writeOff(entryIds[1]!, 'NN', `${number}-3`)).writeOff).toMatchObject({ method: 'NN', replyNumber: `${number}-3` });
    });

    it('an X note cannot be written off, and a second click on «Avskriv» changes nothing', async () => {
      const x = await one({ type: 'X', caseworkerId: team.caseworker.id });
      expect(await refusal(writeOff(x.entryId, 'TE'))).toBe(AppErrorCode.ARCHIVE_NOT_BACKLOG);
      const { entryId } = await one({ caseworkerId: team.caseworker.id });
      done(await writeOff(entryId, 'TO'));
      const again = await writeOff(entryId, 'TE');
      expect(again).toMatchObject({ outcome: 'alreadyDone', state: { writeOff: { method: 'TO' } }, last: { action: 'writtenOff', by: { id: team.caseworker.id } } });
    });
  });

  describe('dates', () => {
    it('«Sett forfallsdato» sets the due date and takes it off the archive’s list; a date that is none is refused', async () => {
      const { entryId } = await one({ caseworkerId: team.caseworker.id, needsDueDate: true });
      expect(await refusal(archive.setDueDate({ entryId, expectedVersion: 1, dueDate: '2026-02-30', actor: actorOf(team.caseworker), now: ARCHIVE_NOW }))).toBe(AppErrorCode.INVALID_INPUT);
      const state = done(await archive.setDueDate({ entryId, expectedVersion: 1, dueDate: '2026-12-15', actor: actorOf(team.caseworker), now: ARCHIVE_NOW }));
      expect(state).toMatchObject({ dueDate: '2026-12-15', needsDueDate: false });
    });

    it('«Ny OBS-dato» moves a case’s OBS date, and not on a closed case', async () => {
      const { caseId } = await one({}, { saksansvarligId: team.caseworker.id, obsDate: '2026-11-20' });
      const state = done(await archive.setObsDate({ caseId, expectedVersion: 1, obsDate: '2027-01-15', actor: actorOf(team.caseworker), now: ARCHIVE_NOW }));
      expect(state).toMatchObject({ obsDate: '2027-01-15', version: 2, lastChange: { action: 'obsDateSet' } });
      const closed = await one({}, { status: 'A' });
      expect(await refusal(archive.setObsDate({ caseId: closed.caseId, expectedVersion: 1, obsDate: '2027-01-15', actor: actorOf(team.caseworker), now: ARCHIVE_NOW }))).toBe(
        AppErrorCode.ARCHIVE_WRONG_STATUS,
      );
    });
  });

  describe('approval', () => {
    const sendFor = async (type: 'U' | 'S', approverId: string) => {
      const { entryId, number } = await one({ type, status: 'R', caseworkerId: team.caseworker.id, unitId: team.unit.id, title: type === 'S' ? 'Saksframlegg: ny barnehage' : 'Svar på klage' });
      const step = await createApprovalStep(db.prisma, { entryId, approverId, senderId: team.caseworker.id, merknad: 'Til godkjenning' }, { actor: 'test', now: ARCHIVE_NOW });
      return { entryId, number, stepId: step.id };
    };

    it('«Godkjent» sends a letter back to the caseworker approved (G)', async () => {
      const { stepId } = await sendFor('U', team.leader.id);
      const result = await archive.approve({ stepId, expectedVersion: 1, actor: actorOf(team.leader), now: ARCHIVE_NOW });
      expect(result).toMatchObject({ outcome: 'done', state: { step: { flytstatus: 'G', decidedBy: { id: team.leader.id } }, entry: { status: 'G' }, next: null } });
      expect((await archive.approvalsWaiting([team.leader.id]))[0]?.items.map((step) => step.id) ?? []).not.toContain(stepId);
    });

    it('a saksframlegg goes SU/F → RE/G → KL/F through the leader to the top approver', async () => {
      const { stepId, entryId } = await sendFor('S', team.leader.id);
      const byLeader = await archive.approve({ stepId, expectedVersion: 1, actor: actorOf(team.leader), now: ARCHIVE_NOW });
      expect(byLeader).toMatchObject({ outcome: 'done', state: { entry: { behandlingsstatus: 'RE', status: 'G' }, next: { approver: { id: lynne.id }, flytstatus: 'V', order: 2 } } });
      const waiting = await archive.approvalsWaiting([lynne.id], { limit: 1000 });
      const next = waiting[0]!.items.find((step) => step.entry.id === entryId)!;
      const byTop = await archive.approve({ stepId: next.id, expectedVersion: next.version, actor: actorOf(lynne), now: LATER });
      expect(byTop).toMatchObject({ outcome: 'done', state: { entry: { behandlingsstatus: 'KL', status: 'F' }, next: null } });
    });

    it('«Ikke godkjent» needs a comment; from the top approver it goes back to the leader, from the leader back to the caseworker as a draft', async () => {
      const { stepId } = await sendFor('S', team.leader.id);
      const byLeader = await archive.approve({ stepId, expectedVersion: 1, actor: actorOf(team.leader), now: ARCHIVE_NOW });
      const topStep = byLeader.state.next!;
      expect(await refusal(archive.notApprove({ stepId: topStep.id, expectedVersion: 1, comment: '  ', actor: actorOf(lynne), now: LATER }))).toBe(AppErrorCode.ARCHIVE_COMMENT_REQUIRED);
      const back = await archive.notApprove({ stepId: topStep.id, expectedVersion: 1, comment: 'Økonomiske konsekvenser mangler', actor: actorOf(lynne), now: LATER });
      expect(back).toMatchObject({
        outcome: 'done',
        state: { step: { flytstatus: 'I', comment: 'Økonomiske konsekvenser mangler' }, entry: { behandlingsstatus: 'SU' }, next: { approver: { id: team.leader.id }, merknad: 'Økonomiske konsekvenser mangler' } },
      });
      const toCaseworker = await archive.notApprove({ stepId: back.state.next!.id, expectedVersion: 1, comment: 'Rett opp og send på nytt', actor: actorOf(team.leader), now: LATER });
      expect(toCaseworker).toMatchObject({ outcome: 'done', state: { entry: { status: 'R', caseworker: { id: team.caseworker.id } }, next: null } });
      expect((await archive.drafts([team.caseworker.id], { limit: 1000 }))[0]!.items.map((entry) => entry.id)).toContain(toCaseworker.state.entry.id);
    });

    it('«Ikke godkjent» can go to another recipient than the previous step', async () => {
      const { stepId } = await sendFor('U', team.leader.id);
      const result = await archive.notApprove({ stepId, expectedVersion: 1, comment: 'Ta dette med kollegaen', returnToId: team.colleague.id, actor: actorOf(team.leader), now: ARCHIVE_NOW });
      expect(result.state.next).toMatchObject({ approver: { id: team.colleague.id }, flytstatus: 'V' });
    });

    it('«Send videre» passes the step on to the next approver, and a second click changes nothing', async () => {
      const { stepId } = await sendFor('U', team.leader.id);
      const forwarded = await archive.forward({ stepId, expectedVersion: 1, nextApproverId: lynne.id, merknad: 'Prinsipiell sak', actor: actorOf(team.leader), now: ARCHIVE_NOW });
      expect(forwarded).toMatchObject({ outcome: 'done', state: { step: { flytstatus: 'S' }, next: { approver: { id: lynne.id }, merknad: 'Prinsipiell sak', order: 2 } } });
      const again = await archive.forward({ stepId, expectedVersion: 1, nextApproverId: team.colleague.id, actor: actorOf(team.leader), now: LATER });
      expect(again).toMatchObject({ outcome: 'alreadyDone', state: { step: { flytstatus: 'S' }, next: { approver: { id: lynne.id } } }, last: { action: 'forwarded', by: { id: team.leader.id }, at: ARCHIVE_NOW } });
      expect(await db.prisma.archiveApprovalStep.count({ where: { entryId: forwarded.state.entry.id } })).toBe(2);
    });
  });

  describe('offentlighetsvurdering', () => {
    const decide = (entryId: string, decision: Parameters<ArchivePort['decideAccess']>[0]['decision']) =>
      archive.decideAccess({ entryId, expectedVersion: 1, decision, actor: actorOf(team.leader), now: ARCHIVE_NOW });

    it('«Offentlig» removes XX', async () => {
      const { entryId } = await one({ accessCode: 'XX' });
      expect(done(await decide(entryId, { kind: 'offentlig' }))).toMatchObject({ accessCode: null, legalBasis: null, screenedFields: [] });
    });

    it('«Unnta» under § 13 sets the code, the basis, the screened fields and journalstatus S', async () => {
      const { entryId } = await one({ accessCode: 'XX', title: 'Søknad om sosialhjelp – Per Olsen' });
      const state = done(
        await decide(entryId, { kind: 'unnta', accessCode: 'U', legalBasis: '13', screenedFields: ['tittel', 'korrespondansepart'], meirinnsynConsidered: false, publicTitle: 'Søknad om sosialhjelp – ****' }),
      );
      expect(state).toMatchObject({ accessCode: 'U', legalBasis: '13', screenedFields: ['tittel', 'korrespondansepart'], status: 'S', publicTitle: 'Søknad om sosialhjelp – ****' });
    });

    it('«Unnta» under § 14 needs the meirinnsyn confirmation, and then takes it', async () => {
      const { entryId } = await one({ accessCode: 'XX', type: 'N' });
      const decision = { kind: 'unnta' as const, accessCode: 'U' as const, legalBasis: '14' as const, screenedFields: ['dokument' as const], meirinnsynConsidered: false };
      expect(await refusal(decide(entryId, decision))).toBe(AppErrorCode.ARCHIVE_MEIRINNSYN_REQUIRED);
      expect(await refusal(decide(entryId, { ...decision, screenedFields: [] }))).toBe(AppErrorCode.ARCHIVE_SCREENING_INCOMPLETE);
      expect(await entryRow(entryId)).toMatchObject({ accessCode: 'XX', version: 1 });
      expect(done(await decide(entryId, { ...decision, meirinnsynConsidered: true }))).toMatchObject({ legalBasis: '14', status: 'S' });
    });

    it('an entry already assessed is not assessed again', async () => {
      const { entryId } = await one({ accessCode: 'U', legalBasis: '13' });
      expect((await decide(entryId, { kind: 'offentlig' })).outcome).toBe('alreadyDone');
      expect((await entryRow(entryId)).accessCode).toBe('U');
    });
  });

  describe('the archive’s own actions', () => {
    it('«Journalfør» registers a finished entry (F → J) once', async () => {
      const { entryId } = await one({ type: 'U', status: 'F' });
      const state = done(await archive.registerFinally({ entryId, expectedVersion: 1, actor: actorOf(team.leader), now: ARCHIVE_NOW }));
      expect(state).toMatchObject({ status: 'J', registeredAt: ARCHIVE_NOW });
      expect((await archive.registerFinally({ entryId, expectedVersion: 1, actor: actorOf(team.leader), now: LATER })).outcome).toBe('alreadyDone');
    });

    it('«Journalfør» refuses a draft and an entry still marked XX', async () => {
      const draft = await one({ type: 'U', status: 'R' });
      expect(await refusal(archive.registerFinally({ entryId: draft.entryId, expectedVersion: 1, actor: actorOf(team.leader), now: ARCHIVE_NOW }))).toBe(AppErrorCode.ARCHIVE_WRONG_STATUS);
      const screened = await one({ type: 'U', status: 'F', accessCode: 'XX' });
      expect(await refusal(archive.registerFinally({ entryId: screened.entryId, expectedVersion: 1, actor: actorOf(team.leader), now: ARCHIVE_NOW }))).toBe(AppErrorCode.ARCHIVE_ACCESS_UNDECIDED);
    });

    it('a case closes only when its received entries are written off and its own entries finished', async () => {
      const { caseId, entryIds } = await createCaseWith(db.prisma, { status: 'F' }, [{ caseworkerId: team.caseworker.id }, { type: 'U', status: 'E' }]);
      expect(await refusal(archive.closeCase({ caseId, expectedVersion: 1, actor: actorOf(team.leader), now: ARCHIVE_NOW }))).toBe(AppErrorCode.ARCHIVE_CASE_NOT_CLOSABLE);
      done(await archive.writeOff({ entryId: entryIds[0]!, expectedVersion: 1, method: 'TE', actor: actorOf(team.caseworker), now: ARCHIVE_NOW }));
      expect(done(await archive.closeCase({ caseId, expectedVersion: 1, actor: actorOf(team.leader), now: ARCHIVE_NOW }))).toMatchObject({ status: 'A' });
    });

    it('«Kvitter» confirms a decision’s follow-up once and tells who did it', async () => {
      const { caseId } = await one();
      const decision = await createDecision(db.prisma, { caseId, title: 'Vedtak om tilskudd', decidedDate: '2026-11-20', responsibleId: team.caseworker.id }, { actor: 'test', now: ARCHIVE_NOW });
      const first = await archive.receiptDecision({ decisionId: decision.id, expectedVersion: 1, actor: actorOf(team.caseworker), now: ARCHIVE_NOW });
      expect(first).toMatchObject({ outcome: 'done', state: { receiptedAt: ARCHIVE_NOW, receiptedBy: { id: team.caseworker.id } } });
      const second = await archive.receiptDecision({ decisionId: decision.id, expectedVersion: 1, actor: actorOf(team.colleague), now: LATER });
      expect(second).toMatchObject({ outcome: 'alreadyDone', last: { action: 'decisionReceipted', by: { id: team.caseworker.id }, at: ARCHIVE_NOW } });
    });

    it('a write on an entry that does not exist is refused as not found', async () => {
      expect(await refusal(archive.registerFinally({ entryId: '00000000-0000-4000-8000-000000000000', expectedVersion: 1, actor: actorOf(team.leader), now: ARCHIVE_NOW }))).toBe(AppErrorCode.NOT_FOUND);
    });
  });
});

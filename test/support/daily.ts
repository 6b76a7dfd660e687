import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../domain/db.js';
import { createApprovalStep } from '../../domain/archive/registry/create-approval-step.js';
import { createDecision } from '../../domain/archive/registry/create-decision.js';
import { ARCHIVE_NOW, createCaseWith, type Team } from './archive.js';

/** A person of the test's own with a role from the organisation file (toppgodkjenner, arkivet). */
export async function createPersonWithRole(prisma: PrismaClient, label: string, role: 'toppgodkjenner' | 'arkivet') {
  const tag = randomUUID().slice(0, 8);
  return prisma.person.create({
    data: { aadObjectId: randomUUID(), name: `${label} ${tag}`, email: `${role}.${tag}@eksempel.kommune.no`, roles: { create: { role } } },
    select: { id: true, aadObjectId: true, name: true },
  });
}

/**
 * Something in every section for a team on Thursday 26 November 2026 (ARCHIVE_TODAY): the
 * caseworker's seven lists, the leader's unit lists and an approval, and (when given) a step
 * for the top approver and an entry for the archive to register finally.
 */
export async function seedDailyWork(prisma: PrismaClient, team: Team, extra: { topApproverId?: string } = {}) {
  const me = team.caseworker.id;
  const unitId = team.unit.id;
  const enkeltvedtak = await createCaseWith(prisma, { unitId, saksansvarligId: me, enkeltvedtak: true, title: 'Søknad om bostøtte' }, [
    // Received 27 days ago, no answer: «Foreløpig svar bør sendes».
    { unitId, caseworkerId: me, assignedAt: new Date('2026-11-02T09:00:00Z'), receivedDate: '2026-10-30', title: 'Søknad om bostøtte – Per Hansen' },
  ]);
  const mine = await createCaseWith(prisma, { unitId, saksansvarligId: me, obsDate: '2026-12-01', title: 'Reguleringsplan Nordre jorde' }, [
    // Inbox: assigned yesterday after the card.
    { unitId, caseworkerId: me, assignedAt: new Date('2026-11-25T12:00:00Z'), receivedDate: '2026-11-24', title: 'Merknad til planforslaget' },
    { unitId, caseworkerId: me, assignedAt: new Date('2026-11-10T09:00:00Z'), receivedDate: '2026-11-09', dueDate: '2026-11-30', title: 'Innsigelse fra fylket' },
    { unitId, caseworkerId: me, type: 'U', status: 'R', receivedDate: '2026-11-20', title: 'Svar på innsigelse' },
    {
      unitId,
      caseworkerId: me,
      assignedAt: new Date('2026-11-10T09:00:00Z'),
      receivedDate: '2026-11-12',
      accessCode: 'XX',
      title: 'Søknad om sosialhjelp – Kari Nordmann',
      publicTitle: 'Søknad om sosialhjelp',
    },
  ]);
  const unit = await createCaseWith(prisma, { unitId, title: 'Henvendelser til enheten' }, [
    { unitId, receivedDate: '2026-11-23', title: 'Ufordelt brev fra innbygger' },
    { unitId, caseworkerId: team.colleague.id, assignedAt: new Date('2026-11-10T09:00:00Z'), receivedDate: '2026-11-16', accessCode: 'XX', title: 'Klage fra Ola Nordmann', publicTitle: 'Klage' },
    { unitId, caseworkerId: me, type: 'S', status: 'F', receivedDate: '2026-11-19', behandlingsstatus: 'SU', title: 'Saksframlegg: budsjett 2027' },
    { unitId, caseworkerId: me, type: 'S', status: 'F', receivedDate: '2026-11-18', behandlingsstatus: 'RE', title: 'Saksframlegg: skolestruktur' },
  ]);
  const now = { actor: 'test', now: ARCHIVE_NOW };
  await createDecision(prisma, { caseId: mine.caseId, title: 'Vedtak om dispensasjon', decidedDate: '2026-11-20', responsibleId: me }, now);
  await createApprovalStep(prisma, { entryId: unit.entryIds[2]!, approverId: team.leader.id, senderId: me, merknad: 'Se særlig punkt 3' }, now);
  if (extra.topApproverId) {
    await createApprovalStep(prisma, { entryId: unit.entryIds[3]!, chain: 1, order: 1, approverId: team.leader.id, senderId: me, flytstatus: 'G', decidedAt: ARCHIVE_NOW, decidedById: team.leader.id }, now);
    await createApprovalStep(prisma, { entryId: unit.entryIds[3]!, chain: 1, order: 2, approverId: extra.topApproverId, senderId: team.leader.id, merknad: 'Anbefales' }, now);
  }
  return { enkeltvedtak, mine, unit };
}

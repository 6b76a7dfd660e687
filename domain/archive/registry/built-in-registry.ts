import type { PrismaClient } from '../../db.js';
import type { ArchivePort } from '../port.js';
import { approveStep } from './approve-step.js';
import { closeCase } from './close-case.js';
import { decideAccess } from './decide-access.js';
import { distributeEntry } from './distribute-entry.js';
import { forwardStep } from './forward-step.js';
import { notApproveStep } from './not-approve-step.js';
import * as reads from './reads.js';
import { receiptDecision } from './receipt-decision.js';
import { registerFinally } from './register-finally.js';
import { returnToArchive } from './return-to-archive.js';
import { returnToLeader } from './return-to-leader.js';
import { setDueDate } from './set-due-date.js';
import { setObsDate } from './set-obs-date.js';
import { writeOffEntry } from './write-off-entry.js';

/**
 * The built-in registry behind the archive port: its tables live in Arkivlos's own database
 * (archive_case, archive_entry, archive_approval_step, archive_decision). Cases, entries, steps
 * and decisions are stored with create-case.ts, create-entry.ts, create-approval-step.ts and
 * create-decision.ts (the import and the demo data); everything else goes through the port.
 */
export function builtInRegistry(prisma: PrismaClient): ArchivePort {
  return {
    unassignedEntries: (unitIds, options) => reads.unassignedEntries(prisma, unitIds, options),
    inbox: (personIds, options) => reads.inbox(prisma, personIds, options),
    backlog: (personIds, options) => reads.backlog(prisma, personIds, options),
    dueList: (personIds, options) => reads.dueList(prisma, personIds, options),
    drafts: (personIds, options) => reads.drafts(prisma, personIds, options),
    obsCases: (personIds, options) => reads.obsCases(prisma, personIds, options),
    decisionsToFollowUp: (personIds, options) => reads.decisionsToFollowUp(prisma, personIds, options),
    provisionallyScreened: (personIds, options) => reads.provisionallyScreened(prisma, personIds, options),
    provisionallyScreenedInUnits: (unitIds, options) => reads.provisionallyScreenedInUnits(prisma, unitIds, options),
    approvalsWaiting: (approverIds, options) => reads.approvalsWaiting(prisma, approverIds, options),
    archiveControlLists: (options) => reads.archiveControlLists(prisma, options),
    unitBacklogCounts: (unitIds) => reads.unitBacklogCounts(prisma, unitIds),
    personLists: (personId, options) => reads.personLists(prisma, personId, options),
    entriesById: (ids) => reads.entriesById(prisma, ids),
    casesById: (ids) => reads.casesById(prisma, ids),
    stepsById: (ids) => reads.stepsById(prisma, ids),
    decisionsById: (ids) => reads.decisionsById(prisma, ids),

    distribute: (input) => distributeEntry(prisma, input, 'distribute'),
    redistribute: (input) => distributeEntry(prisma, input, 'redistribute'),
    returnToArchive: (input) => returnToArchive(prisma, input),
    returnToLeader: (input) => returnToLeader(prisma, input),
    writeOff: (input) => writeOffEntry(prisma, input),
    setDueDate: (input) => setDueDate(prisma, input),
    setObsDate: (input) => setObsDate(prisma, input),
    approve: (input) => approveStep(prisma, input),
    notApprove: (input) => notApproveStep(prisma, input),
    forward: (input) => forwardStep(prisma, input),
    decideAccess: (input) => decideAccess(prisma, input),
    registerFinally: (input) => registerFinally(prisma, input),
    closeCase: (input) => closeCase(prisma, input),
    receiptDecision: (input) => receiptDecision(prisma, input),
  };
}

import type { ApprovalStep, LastChange, PersonRef } from '../archive/port.js';
import type { ArchivePort } from '../archive/port.js';
import { FORELOPIG_SVAR } from '../archive/vocabulary.js';
import { type DbClient, sql } from '../db.js';
import { authorisedTarget, targetNumber, type DailyActContext, type DailyActOutcome, type DailyTarget, type DailyTargetRef } from './act-on-daily-card.js';
import type { DailyActionKind } from './daily-view.js';

/** The card actions that ask for something first (a caseworker, a method, a date, a comment …). */
export const FORM_ACTIONS = ['fordel', 'omfordel', 'avskriv', 'settForfallsdato', 'nyObsDato', 'ikkeGodkjent', 'sendVidere', 'unnta'] as const satisfies readonly DailyActionKind[];
export type FormActionKind = (typeof FORM_ACTIONS)[number];
export const isFormAction = (kind: DailyActionKind): kind is FormActionKind => (FORM_ACTIONS as readonly string[]).includes(kind);

/** A person to choose, with the sub-unit they work in (for «Fordel»: sub-unit and caseworker in one choice). */
export interface PersonChoice {
  id: string;
  name: string;
  subUnit: { id: string; name: string } | null;
}

/** What a form shows: the item as it is now, the version to send back, and the people to choose from. */
export interface DailyActionForm {
  kind: FormActionKind;
  ref: DailyTargetRef;
  version: number;
  number: string;
  title: string;
  publicTitle: string;
  /** The date the form starts from (the current due or OBS date). */
  currentDate: string | null;
  people: PersonChoice[];
  /** The person chosen at first (Ikke godkjent: who gets it back by default). */
  preselected: string | null;
}

export type OpenedDailyAction = { form: DailyActionForm } | { stale: DailyActOutcome };

/**
 * A form action's first click: checks the person may act on the item (as the action itself will
 * again), and either gives the form with the choices it needs, or, when the item changed since the
 * card was shown, what happened to it (the card then shows the current state instead of a form).
 */
export async function openDailyAction(
  db: DbClient,
  archive: ArchivePort,
  context: DailyActContext,
  kind: FormActionKind,
  ref: DailyTargetRef,
  version: number,
): Promise<OpenedDailyAction> {
  const { target } = await authorisedTarget(archive, context, kind, ref);
  const current = versionOf(target);
  if (current !== version || settled(kind, target)) {
    return { stale: { kind, outcome: 'alreadyDone', number: targetNumber(target), last: lastChangeOf(target), to: holderOf(target) } };
  }
  const item = describe(target);
  const form = { kind, ref, version: current, number: targetNumber(target), ...item, people: [] as PersonChoice[], preselected: null as string | null };
  if ((kind === 'fordel' || kind === 'omfordel') && target.type === 'entry' && target.entry.unitId) {
    form.people = (await caseworkersOf(db, target.entry.unitId)).filter((person) => person.id !== target.entry.caseworker?.id);
  } else if (kind === 'ikkeGodkjent' && target.type === 'step') {
    form.people = await chainPeople(db, target.step, context.actor.id);
    form.preselected = target.step.sender.id;
  } else if (kind === 'sendVidere' && target.type === 'step') {
    form.people = await approversBesides(db, [target.step.approver.id, context.actor.id]);
  }
  return { form };
}

const versionOf = (target: DailyTarget): number =>
  target.type === 'entry' ? target.entry.version : target.type === 'case' ? target.kase.version : target.type === 'step' ? target.step.version : target.decision.version;

/** Already done although the version is the card's: a step no longer waiting, an entry already with a caseworker. */
function settled(kind: FormActionKind, target: DailyTarget): boolean {
  if (target.type === 'step') return target.step.flytstatus !== 'V';
  if (kind === 'fordel' && target.type === 'entry') return target.entry.caseworker !== null;
  if (kind === 'unnta' && target.type === 'entry') return target.entry.accessCode !== 'XX';
  if (kind === 'avskriv' && target.type === 'entry') return target.entry.writeOff !== null && target.entry.writeOff.method !== FORELOPIG_SVAR;
  return false;
}

export function lastChangeOf(target: DailyTarget): LastChange | null {
  switch (target.type) {
    case 'entry':
      return target.entry.lastChange;
    case 'case':
      return target.kase.lastChange;
    case 'step': {
      const { step } = target;
      if (!step.decidedAt) return null;
      return { action: step.flytstatus === 'G' ? 'approved' : step.flytstatus === 'I' ? 'notApproved' : 'forwarded', by: step.decidedBy, at: step.decidedAt };
    }
    case 'decision':
      return target.decision.receiptedAt ? { action: 'decisionReceipted', by: target.decision.receiptedBy, at: target.decision.receiptedAt } : null;
  }
}

const holderOf = (target: DailyTarget): PersonRef | null => (target.type === 'entry' ? target.entry.caseworker : target.type === 'step' ? target.step.entry.caseworker : null);

function describe(target: DailyTarget): { title: string; publicTitle: string; currentDate: string | null } {
  switch (target.type) {
    case 'entry':
      return { title: target.entry.title, publicTitle: target.entry.publicTitle, currentDate: target.entry.dueDate };
    case 'case':
      return { title: target.kase.title, publicTitle: target.kase.publicTitle, currentDate: target.kase.obsDate };
    case 'step':
      return { title: target.step.entry.title, publicTitle: target.step.entry.publicTitle, currentDate: null };
    case 'decision':
      return { title: target.decision.title, publicTitle: target.decision.caseNumber, currentDate: null };
  }
}

interface ChoiceRow {
  id: string;
  name: string;
  sub_unit_id: string | null;
  sub_unit_name: string | null;
}

const choices = (rows: ChoiceRow[]): PersonChoice[] =>
  rows.map((row) => ({ id: row.id, name: row.name, subUnit: row.sub_unit_id ? { id: row.sub_unit_id, name: row.sub_unit_name ?? '' } : null }));

/** The people a leader distributes to: who works in the unit or one of its sub-units, and the leader. */
export async function caseworkersOf(db: DbClient, unitId: string): Promise<PersonChoice[]> {
  return choices(
    await sql(db).rows<ChoiceRow>`
      SELECT p.id::text AS id, p.name, sub.id::text AS sub_unit_id, sub.name AS sub_unit_name
        FROM person p
        LEFT JOIN unit sub ON sub.id = p.unit_id AND sub.parent_id = ${unitId}::uuid AND sub.active
       WHERE p.active
         AND (p.unit_id = ${unitId}::uuid OR sub.id IS NOT NULL OR p.id = (SELECT leader_id FROM unit WHERE id = ${unitId}::uuid))
       ORDER BY sub.name NULLS FIRST, p.name, p.id`,
  );
}

/** Who an «Ikke godkjent» can go back to: the entry's caseworker and everyone who sent it on in its chain. */
async function chainPeople(db: DbClient, step: ApprovalStep, actorId: string): Promise<PersonChoice[]> {
  return choices(
    await sql(db).rows<ChoiceRow>`
      SELECT p.id::text AS id, p.name, NULL AS sub_unit_id, NULL AS sub_unit_name
        FROM person p
       WHERE p.active AND p.id <> ${actorId}::uuid
         AND (p.id = (SELECT caseworker_id FROM archive_entry WHERE id = ${step.entry.id}::uuid)
              OR p.id IN (SELECT sender_id FROM archive_approval_step WHERE entry_id = ${step.entry.id}::uuid AND chain = ${step.chain}))
       ORDER BY p.name, p.id`,
  );
}

/** Who a step can be sent on to: the organisation's leaders and top approvers. */
async function approversBesides(db: DbClient, excluded: string[]): Promise<PersonChoice[]> {
  return choices(
    await sql(db).rows<ChoiceRow>`
      SELECT p.id::text AS id, p.name, NULL AS sub_unit_id, NULL AS sub_unit_name
        FROM person p
       WHERE p.active AND NOT p.id = ANY(${excluded}::uuid[])
         AND (EXISTS (SELECT 1 FROM unit u WHERE u.leader_id = p.id AND u.active)
              OR EXISTS (SELECT 1 FROM role_assignment r WHERE r.person_id = p.id AND r.role = 'toppgodkjenner'))
       ORDER BY p.name, p.id`,
  );
}

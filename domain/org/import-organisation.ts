import { randomUUID } from 'node:crypto';
import { writeAuditMany, type AuditRecord } from '../audit.js';
import { AppError, AppErrorCode } from '../errors.js';
import { type Prisma, type PrismaClient, sql } from '../db.js';
import type { Locale, Role } from '../../prisma/generated/enums.js';
import type { OrganisationFile } from './org-file.js';
import { ORGANISATION_SETTINGS_ID } from './organisation-settings.js';

export interface ImportOrganisationOptions {
  /** Who imports: an aadObjectId, or a system actor such as `org-import` or `demo-data`. */
  actor: string;
}

export interface EntityCounts {
  units: number;
  people: number;
  subjectAreas: number;
}

export interface ImportSummary {
  created: EntityCounts;
  updated: EntityCounts;
  deactivated: EntityCounts;
  /** Role assignment rows added plus rows removed. */
  roleAssignmentsChanged: number;
}

type Tx = Prisma.TransactionClient;

// Any constant; only concurrent imports have to agree on it.
const IMPORT_LOCK_KEY = 727_274_101;

/**
 * Makes the database match the organisation file, all or nothing. Units, subject areas and people
 * are keyed on code / aadObjectId; those missing from the file are deactivated, never deleted.
 * Role assignments and deputies are replaced to match the file. `Person.chosenLocale` is the
 * person's own choice and is never touched.
 */
export async function importOrganisation(
  prisma: PrismaClient,
  org: OrganisationFile,
  { actor }: ImportOrganisationOptions,
): Promise<ImportSummary> {
  return prisma.$transaction(
    async (tx) => {
      // Two imports at once would both create the same new codes; the second waits instead.
      await sql(tx).run`SELECT pg_advisory_xact_lock(${IMPORT_LOCK_KEY})`;
      const log = new ChangeLog(actor);
      const areaIds = await syncSubjectAreas(tx, org, log);
      const units = await createBareUnits(tx, org);
      const personIds = await syncPeople(tx, org, units.ids, log);
      await syncUnits(tx, org, units, personIds, log);
      await syncRoles(tx, org, { unitIds: units.ids, areaIds, personIds }, log);
      await syncSettings(tx, org, log);
      await writeAuditMany(tx, log.audit);
      return log.summary;
    },
    // A large organisation (thousands of people) takes longer than Prisma's 5 s default.
    { maxWait: 30_000, timeout: 300_000 },
  );
}

type Json = Prisma.InputJsonValue | null;
type Kind = keyof EntityCounts;

/** Counts every change for the summary and collects its audit entry. */
class ChangeLog {
  readonly summary: ImportSummary = {
    created: { units: 0, people: 0, subjectAreas: 0 },
    updated: { units: 0, people: 0, subjectAreas: 0 },
    deactivated: { units: 0, people: 0, subjectAreas: 0 },
    roleAssignmentsChanged: 0,
  };
  readonly audit: AuditRecord[] = [];

  constructor(readonly actor: string) {}

  created(kind: Kind, entity: string, id: string, after: Record<string, Json>): void {
    this.summary.created[kind] += 1;
    const action = `org.${entity}.created`;
    this.audit.push({ actor: this.actor, action, entity, entityId: id, before: null, after: { id, ...after } });
  }

  /** Records an existing entity's change, if any; returns the changed fields to write. */
  changed<T extends Record<string, Json> & { active: boolean }>(
    kind: Kind,
    entity: string,
    id: string,
    key: Record<string, string>,
    before: T,
    after: T,
  ): Partial<T> | null {
    const changes = diff(before, after);
    if (!changes) return null;
    const action = before.active && !after.active ? 'deactivated' : 'updated';
    this.summary[action][kind] += 1;
    this.audit.push({
      actor: this.actor,
      action: `org.${entity}.${action}`,
      entity,
      entityId: id,
      before: { id, ...key, ...changes.before },
      after: { id, ...key, ...changes.after },
    });
    return changes.after;
  }

  rolesReplaced(personId: string, aadObjectId: string, before: Json[], after: Json[], rowsChanged: number): void {
    this.summary.roleAssignmentsChanged += rowsChanged;
    this.audit.push({
      actor: this.actor,
      action: 'org.person.roles_replaced',
      entity: 'person',
      entityId: personId,
      before: { id: personId, aadObjectId, roles: before },
      after: { id: personId, aadObjectId, roles: after },
    });
  }
}

/** The fields that differ, as before/after objects for the audit log. */
function diff<T extends Record<string, Json>>(before: T, after: T): { before: Partial<T>; after: Partial<T> } | null {
  const changedBefore: Partial<T> = {};
  const changedAfter: Partial<T> = {};
  let changed = false;
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    changedBefore[key] = before[key];
    changedAfter[key] = after[key];
    changed = true;
  }
  return changed ? { before: changedBefore, after: changedAfter } : null;
}

/** The id for a code or aadObjectId the file refers to; a file from parseOrganisationFile always has one. */
function idFor(ids: Map<string, string>, key: string, what: string): string {
  const id = ids.get(key);
  if (id !== undefined) return id;
  throw new AppError(AppErrorCode.INVALID_INPUT, {
    message: `The organisation refers to an unknown ${what} "${key}"; check it with parseOrganisationFile first.`,
  });
}

/** The organisation's own settings: one row, rewritten only when the file changed them. */
async function syncSettings(tx: Tx, org: OrganisationFile, log: ChangeLog): Promise<void> {
  const wanted = { name: org.organisation ?? null, postAddress: org.postAddress ?? null, dailyCardTime: org.dailyCardTime };
  const existing = await tx.organisationSettings.findUnique({
    where: { id: ORGANISATION_SETTINGS_ID },
    select: { name: true, postAddress: true, dailyCardTime: true },
  });
  const changes = existing ? diff(existing, wanted) : { before: {}, after: wanted };
  if (!changes) return;
  await tx.organisationSettings.upsert({
    where: { id: ORGANISATION_SETTINGS_ID },
    create: { id: ORGANISATION_SETTINGS_ID, ...wanted },
    update: changes.after,
  });
  log.audit.push({
    actor: log.actor,
    action: 'org.settings.updated',
    entity: 'organisation_settings',
    entityId: String(ORGANISATION_SETTINGS_ID),
    before: existing ? changes.before : null,
    after: changes.after,
  });
}

async function syncSubjectAreas(tx: Tx, org: OrganisationFile, log: ChangeLog): Promise<Map<string, string>> {
  const existing = await tx.subjectArea.findMany();
  const ids = new Map(existing.map((area) => [area.code, area.id]));
  const wantedByCode = new Map(org.subjectAreas.map((area) => [area.code, area]));

  const created = org.subjectAreas
    .filter((area) => !ids.has(area.code))
    .map((area) => ({ id: randomUUID(), code: area.code, name: area.name, active: true }));
  await tx.subjectArea.createMany({ data: created });
  for (const area of created) {
    ids.set(area.code, area.id);
    log.created('subjectAreas', 'subject_area', area.id, area);
  }

  for (const area of existing) {
    const wanted = wantedByCode.get(area.code);
    const before = { name: area.name, active: area.active };
    const after = wanted ? { name: wanted.name, active: true } : { ...before, active: false };
    const changes = log.changed('subjectAreas', 'subject_area', area.id, { code: area.code }, before, after);
    if (changes) await tx.subjectArea.update({ where: { id: area.id }, data: changes });
  }
  return ids;
}

interface BareUnits {
  ids: Map<string, string>;
  /** Ids of the units this import created. */
  created: Set<string>;
}

/** New units are created bare: people need their unit to exist, and a unit's leader is a person. */
async function createBareUnits(tx: Tx, org: OrganisationFile): Promise<BareUnits> {
  const existing = await tx.unit.findMany({ select: { id: true, code: true } });
  const ids = new Map(existing.map((unit) => [unit.code, unit.id]));
  const created = org.units
    .filter((unit) => !ids.has(unit.code))
    .map((unit) => ({ id: randomUUID(), code: unit.code, name: unit.name }));
  await tx.unit.createMany({ data: created });
  for (const unit of created) ids.set(unit.code, unit.id);
  return { ids, created: new Set(created.map((unit) => unit.id)) };
}

interface PersonState extends Record<string, Json> {
  name: string;
  email: string;
  locale: Locale | null;
  unitId: string | null;
  active: boolean;
}

async function syncPeople(
  tx: Tx,
  org: OrganisationFile,
  unitIds: Map<string, string>,
  log: ChangeLog,
): Promise<Map<string, string>> {
  const existing = await tx.person.findMany({
    select: { id: true, aadObjectId: true, name: true, email: true, locale: true, unitId: true, active: true },
  });
  const ids = new Map(existing.map((person) => [person.aadObjectId, person.id]));
  const wantedByAadId = new Map(org.people.map((person) => [person.aadObjectId, person]));
  const emailOwner = new Map(org.people.map((person) => [person.email, person.aadObjectId]));
  const unitId = (code: string | undefined) => (code === undefined ? null : idFor(unitIds, code, 'unit'));

  // E-mail is unique: an address that moves to someone else (two people swap, or a new hire gets
  // the address of someone who left) must be freed before it is given out again.
  const released = new Set<string>();
  for (const person of existing) {
    const owner = emailOwner.get(person.email);
    if (owner === undefined || owner === person.aadObjectId) continue;
    await tx.person.update({ where: { id: person.id }, data: { email: releasedEmail(person.id) } });
    released.add(person.id);
  }

  const created = org.people
    .filter((person) => !ids.has(person.aadObjectId))
    .map((person) => ({
      id: randomUUID(),
      aadObjectId: person.aadObjectId,
      name: person.name,
      email: person.email,
      locale: person.locale ?? null,
      unitId: unitId(person.unit),
      active: true,
    }));
  await tx.person.createMany({ data: created });
  for (const person of created) {
    ids.set(person.aadObjectId, person.id);
    log.created('people', 'person', person.id, person);
  }

  for (const person of existing) {
    const wanted = wantedByAadId.get(person.aadObjectId);
    const before: PersonState = {
      name: person.name,
      email: person.email,
      locale: person.locale,
      unitId: person.unitId,
      active: person.active,
    };
    const after: PersonState = wanted
      ? {
          name: wanted.name,
          email: wanted.email,
          locale: wanted.locale ?? null,
          unitId: unitId(wanted.unit),
          active: true,
        }
      : { ...before, email: released.has(person.id) ? releasedEmail(person.id) : person.email, active: false };
    const changes = log.changed('people', 'person', person.id, { aadObjectId: person.aadObjectId }, before, after);
    if (changes) await tx.person.update({ where: { id: person.id }, data: changes });
  }
  return ids;
}

function releasedEmail(personId: string): string {
  return `${personId}@released.invalid`;
}

interface UnitState extends Record<string, Json> {
  name: string;
  parentId: string | null;
  leaderId: string | null;
  deputyIds: string[];
  active: boolean;
}

async function syncUnits(
  tx: Tx,
  org: OrganisationFile,
  units: BareUnits,
  personIds: Map<string, string>,
  log: ChangeLog,
): Promise<void> {
  const existing = await tx.unit.findMany({ include: { deputies: { orderBy: { rank: 'asc' } } } });
  const wantedByCode = new Map(org.units.map((unit) => [unit.code, unit]));

  for (const unit of existing) {
    const wanted = wantedByCode.get(unit.code);
    const before: UnitState = {
      name: unit.name,
      parentId: unit.parentId,
      leaderId: unit.leaderId,
      deputyIds: unit.deputies.map((deputy) => deputy.personId),
      active: unit.active,
    };
    const after: UnitState = wanted
      ? {
          name: wanted.name,
          parentId: wanted.parent === undefined ? null : idFor(units.ids, wanted.parent, 'unit'),
          leaderId: wanted.leader === undefined ? null : idFor(personIds, wanted.leader, 'person'),
          deputyIds: wanted.deputies.map((deputy) => idFor(personIds, deputy, 'person')),
          active: true,
        }
      : // A unit that left the file keeps its place in the tree for history, but nobody stands in for it.
        { ...before, deputyIds: [], active: false };

    let changes: Partial<UnitState> | null;
    if (units.created.has(unit.id)) {
      log.created('units', 'unit', unit.id, { code: unit.code, ...after });
      changes = diff(before, after)?.after ?? null;
    } else {
      changes = log.changed('units', 'unit', unit.id, { code: unit.code }, before, after);
    }
    if (!changes) continue;

    const { deputyIds, ...fields } = changes;
    if (Object.keys(fields).length > 0) await tx.unit.update({ where: { id: unit.id }, data: fields });
    if (deputyIds) {
      await tx.unitDeputy.deleteMany({ where: { unitId: unit.id } });
      await tx.unitDeputy.createMany({
        data: deputyIds.map((personId, index) => ({ unitId: unit.id, personId, rank: index + 1 })),
      });
    }
  }
}

interface RoleRow {
  role: Role;
  unitId: string | null;
  subjectAreaId: string | null;
}

const roleKey = (row: RoleRow) => `${row.role}|${row.unitId ?? ''}|${row.subjectAreaId ?? ''}`;
const describeRoles = (rows: RoleRow[]) =>
  rows.map(({ role, unitId, subjectAreaId }) => ({ role, unitId, subjectAreaId }));

async function syncRoles(
  tx: Tx,
  org: OrganisationFile,
  ids: { unitIds: Map<string, string>; areaIds: Map<string, string>; personIds: Map<string, string> },
  log: ChangeLog,
): Promise<void> {
  const wantedByPerson = new Map<string, Map<string, RoleRow>>();
  for (const person of org.people) {
    const rows = new Map<string, RoleRow>();
    for (const assignment of person.roles) {
      const unitId = assignment.unit === undefined ? null : idFor(ids.unitIds, assignment.unit, 'unit');
      // One row per subject area: "prosessrådgiver for PLAN and OKO" is two assignments.
      const areas = assignment.subjectAreas.length > 0 ? assignment.subjectAreas : [undefined];
      for (const area of areas) {
        const subjectAreaId = area === undefined ? null : idFor(ids.areaIds, area, 'subject area');
        const row = { role: assignment.role, unitId, subjectAreaId };
        rows.set(roleKey(row), row);
      }
    }
    wantedByPerson.set(idFor(ids.personIds, person.aadObjectId, 'person'), rows);
  }

  const existingByPerson = new Map<string, (RoleRow & { id: string })[]>();
  for (const row of await tx.roleAssignment.findMany({ orderBy: { id: 'asc' } })) {
    existingByPerson.set(row.personId, [...(existingByPerson.get(row.personId) ?? []), row]);
  }

  const aadIdOf = new Map([...ids.personIds].map(([aadObjectId, id]) => [id, aadObjectId]));
  const toDelete: string[] = [];
  const toCreate: (RoleRow & { personId: string })[] = [];
  for (const personId of new Set([...wantedByPerson.keys(), ...existingByPerson.keys()])) {
    const wanted = wantedByPerson.get(personId) ?? new Map<string, RoleRow>();
    const current = existingByPerson.get(personId) ?? [];
    const kept = new Set<string>();
    const removed = current.filter((row) => {
      const key = roleKey(row);
      if (!wanted.has(key) || kept.has(key)) return true;
      kept.add(key);
      return false;
    });
    const added = [...wanted].filter(([key]) => !kept.has(key)).map(([, row]) => ({ ...row, personId }));
    if (removed.length === 0 && added.length === 0) continue;

    toDelete.push(...removed.map((row) => row.id));
    toCreate.push(...added);
    const before = describeRoles(current);
    const after = describeRoles([...wanted.values()]);
    log.rolesReplaced(personId, aadIdOf.get(personId)!, before, after, removed.length + added.length);
  }

  if (toDelete.length > 0) await tx.roleAssignment.deleteMany({ where: { id: { in: toDelete } } });
  await tx.roleAssignment.createMany({ data: toCreate });
}

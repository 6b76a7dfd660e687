import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ROLE_PERSONAS } from '../domain/org/demo-people.js';
import { importOrganisation, type ImportSummary } from '../domain/org/import-organisation.js';
import { loadDemoOrganisationIfEmpty } from '../domain/org/load-demo-organisation.js';
import { OrgFileError, parseOrganisationFile } from '../domain/org/org-file.js';
import { getPersonContext, type RoleHolding } from '../domain/people/get-person-context.js';
import type { Database } from '../infra/database.js';
import { createTestDatabase } from './support/database.js';
import { documentedExample } from './support/documented-example.js';

const ALEX = '00000000-0000-0000-0000-0000000000020';
const MEGAN = '00000000-0000-0000-0000-0000000000021';
const ADELE = '00000000-0000-0000-0000-0000000000022';
const ISAIAH = '00000000-0000-0000-0000-0000000000023';
const PATTI = '00000000-0000-0000-0000-0000000000024';
const LYNNE = '00000000-0000-0000-0000-0000000000025';

const FIRST = `
organisation: Eksempel kommune
subjectAreas:
  - { code: OKONOMI, name: Økonomi }
  - { code: PLAN, name: Plan og bygg }
units:
  - code: KOMM
    name: Kommunedirektøren
    leader: lynne@eksempel.kommune.no
  - code: OKO
    name: Økonomiavdelingen
    parent: KOMM
    leader: megan@eksempel.kommune.no
    deputies: [isaiah@eksempel.kommune.no, patti@eksempel.kommune.no]
  - code: PLB
    name: Plan og bygg
    parent: KOMM
people:
  - aadObjectId: ${ALEX}
    name: Alex Wilber
    email: alex@eksempel.kommune.no
    locale: nb
    unit: OKO
    roles: [saksbehandler]
  - aadObjectId: ${MEGAN}
    name: Megan Bowen
    email: megan@eksempel.kommune.no
    unit: OKO
  - aadObjectId: ${ISAIAH}
    name: Isaiah Langer
    email: isaiah@eksempel.kommune.no
    unit: OKO
    roles: [saksbehandler]
  - aadObjectId: ${PATTI}
    name: Patti Fernandez
    email: patti@eksempel.kommune.no
    unit: OKO
    roles:
      - { role: fagspesialist, subjectAreas: [OKONOMI] }
      - { role: prosessradgiver, unit: OKO, subjectAreas: [OKONOMI, PLAN] }
  - aadObjectId: ${LYNNE}
    name: Lynne Robbins
    email: lynne@eksempel.kommune.no
    unit: KOMM
    roles: [toppgodkjenner]
`;

/**
 * FIRST after a reorganisation: PLB and the PLAN subject area are gone, Økonomi is renamed, Alex
 * moves to KOMM with a new address and language, Isaiah has left, Patti is now the only deputy
 * and no longer a process adviser, and Adele is new.
 */
const SECOND = `
subjectAreas:
  - { code: OKONOMI, name: Økonomi og innkjøp }
units:
  - code: KOMM
    name: Kommunedirektøren
    leader: lynne@eksempel.kommune.no
  - code: OKO
    name: Økonomi og innkjøp
    parent: KOMM
    leader: megan@eksempel.kommune.no
    deputies: [patti@eksempel.kommune.no]
people:
  - aadObjectId: ${ALEX}
    name: Alex Wilber
    email: alex.wilber@eksempel.kommune.no
    locale: nn
    unit: KOMM
    roles: [saksbehandler]
  - aadObjectId: ${MEGAN}
    name: Megan Bowen
    email: megan@eksempel.kommune.no
    unit: OKO
  - aadObjectId: ${PATTI}
    name: Patti Fernandez
    email: patti@eksempel.kommune.no
    unit: OKO
    roles:
      - { role: fagspesialist, subjectAreas: [OKONOMI] }
      - saksbehandler
  - aadObjectId: ${LYNNE}
    name: Lynne Robbins
    email: lynne@eksempel.kommune.no
    unit: KOMM
    roles: [toppgodkjenner]
  - aadObjectId: ${ADELE}
    name: Adele Vance
    email: adele@eksempel.kommune.no
    unit: KOMM
    roles: [arkivet]
`;

const parse = (text: string) => parseOrganisationFile(text, 'org.yaml');
const none = { units: 0, people: 0, subjectAreas: 0 };
const NO_CHANGES: ImportSummary = { created: none, updated: none, deactivated: none, roleAssignmentsChanged: 0 };

/** Roles as short strings, `role@UNIT/SUBJECTAREA` (either scope left out when absent), sorted. */
function roleNames(roles: RoleHolding[] | undefined): string[] {
  return (roles ?? [])
    .map(({ role, unit, subjectArea }) => `${role}${unit ? `@${unit.code}` : ''}${subjectArea ? `/${subjectArea.code}` : ''}`)
    .sort();
}

async function rolesOf(aadObjectId: string): Promise<string[]> {
  return roleNames((await getPersonContext(db.prisma, aadObjectId))?.roles);
}

let db: Database & { url: string };

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db?.close();
});

beforeEach(async () => {
  await db.pool.query(
    'TRUNCATE audit_entry, role_assignment, unit_deputy, person, unit, subject_area RESTART IDENTITY CASCADE',
  );
});

async function counts() {
  const [units, people, subjectAreas, roles, deputies, audit] = await Promise.all([
    db.prisma.unit.count(),
    db.prisma.person.count(),
    db.prisma.subjectArea.count(),
    db.prisma.roleAssignment.count(),
    db.prisma.unitDeputy.count(),
    db.prisma.auditEntry.count(),
  ]);
  return { units, people, subjectAreas, roles, deputies, audit };
}

/** Everything the import writes, without timestamps, for before/after comparisons. */
async function snapshot() {
  const [units, people, subjectAreas, roles, deputies, audit] = await Promise.all([
    db.prisma.unit.findMany({ orderBy: { code: 'asc' }, omit: { createdAt: true, updatedAt: true } }),
    db.prisma.person.findMany({ orderBy: { aadObjectId: 'asc' }, omit: { createdAt: true, updatedAt: true } }),
    db.prisma.subjectArea.findMany({ orderBy: { code: 'asc' }, omit: { createdAt: true, updatedAt: true } }),
    db.prisma.roleAssignment.findMany({ orderBy: { id: 'asc' } }),
    db.prisma.unitDeputy.findMany({ orderBy: [{ unitId: 'asc' }, { rank: 'asc' }] }),
    db.prisma.auditEntry.count(),
  ]);
  return { units, people, subjectAreas, roles, deputies, audit };
}

describe('importing an organisation file', () => {
  it('creates units, subject areas and people, and each person gets their roles including leder and stedfortreder', async () => {
    const summary = await importOrganisation(db.prisma, parse(FIRST), { actor: 'org-import' });

    expect(summary).toEqual({
      created: { units: 3, people: 5, subjectAreas: 2 },
      updated: none,
      deactivated: none,
      roleAssignmentsChanged: 6,
    });
    expect(await rolesOf(ALEX)).toEqual(['saksbehandler']);
    expect(await rolesOf(MEGAN)).toEqual(['leder@OKO']);
    expect(await rolesOf(ISAIAH)).toEqual(['saksbehandler', 'stedfortreder@OKO']);
    expect(await rolesOf(PATTI)).toEqual([
      'fagspesialist/OKONOMI',
      'prosessradgiver@OKO/OKONOMI',
      'prosessradgiver@OKO/PLAN',
      'stedfortreder@OKO',
    ]);
    expect(await rolesOf(LYNNE)).toEqual(['leder@KOMM', 'toppgodkjenner']);

    const alex = await getPersonContext(db.prisma, ALEX);
    expect(alex).toMatchObject({
      name: 'Alex Wilber',
      email: 'alex@eksempel.kommune.no',
      locale: 'nb',
      chosenLocale: null,
      unit: { code: 'OKO', name: 'Økonomiavdelingen' },
    });
    const oko = await db.prisma.unit.findUniqueOrThrow({
      where: { code: 'OKO' },
      include: { parent: true, deputies: { orderBy: { rank: 'asc' }, include: { person: true } } },
    });
    expect(oko.parent?.code).toBe('KOMM');
    expect(oko.deputies.map((deputy) => deputy.person.name)).toEqual(['Isaiah Langer', 'Patti Fernandez']);
  });

  it('audits every created entity with its state, and every person whose roles were set', async () => {
    await importOrganisation(db.prisma, parse(FIRST), { actor: 'org-import' });

    const audit = await db.prisma.auditEntry.findMany({ orderBy: { id: 'asc' } });
    const actions = audit.map((entry) => entry.action);
    expect(actions.filter((a) => a === 'org.subject_area.created')).toHaveLength(2);
    expect(actions.filter((a) => a === 'org.unit.created')).toHaveLength(3);
    expect(actions.filter((a) => a === 'org.person.created')).toHaveLength(5);
    expect(actions.filter((a) => a === 'org.person.roles_replaced')).toHaveLength(4);
    expect(audit.every((entry) => entry.actor === 'org-import')).toBe(true);

    const oko = await db.prisma.unit.findUniqueOrThrow({ where: { code: 'OKO' } });
    const okoCreated = audit.find((entry) => entry.action === 'org.unit.created' && entry.entityId === oko.id);
    expect(okoCreated).toMatchObject({ entity: 'unit', before: null });
    expect(okoCreated?.after).toMatchObject({ id: oko.id, code: 'OKO', leaderId: oko.leaderId, active: true });
  });

  it('re-importing the same file changes nothing and writes no audit entries', async () => {
    await importOrganisation(db.prisma, parse(FIRST), { actor: 'org-import' });
    const before = await snapshot();

    const summary = await importOrganisation(db.prisma, parse(FIRST), { actor: 'org-import' });

    expect(summary).toEqual(NO_CHANGES);
    expect(await snapshot()).toEqual(before);
  });

  it('a changed file updates what changed, deactivates what is missing and replaces roles and deputies to match', async () => {
    await importOrganisation(db.prisma, parse(FIRST), { actor: 'org-import' });
    const auditBefore = await db.prisma.auditEntry.count();

    const summary = await importOrganisation(db.prisma, parse(SECOND), { actor: 'org-import' });

    expect(summary).toEqual({
      created: { units: 0, people: 1, subjectAreas: 0 },
      updated: { units: 1, people: 1, subjectAreas: 1 },
      deactivated: { units: 1, people: 1, subjectAreas: 1 },
      // Isaiah: −saksbehandler; Patti: −2 prosessradgiver, +saksbehandler; Adele: +arkivet
      roleAssignmentsChanged: 5,
    });

    expect(await getPersonContext(db.prisma, ISAIAH)).toBeNull();
    const isaiah = await db.prisma.person.findUniqueOrThrow({ where: { aadObjectId: ISAIAH } });
    expect(isaiah.active).toBe(false);
    expect(await db.prisma.unit.findUniqueOrThrow({ where: { code: 'PLB' } })).toMatchObject({ active: false });
    expect(await db.prisma.subjectArea.findUniqueOrThrow({ where: { code: 'PLAN' } })).toMatchObject({ active: false });

    expect(await getPersonContext(db.prisma, ALEX)).toMatchObject({
      email: 'alex.wilber@eksempel.kommune.no',
      locale: 'nn',
      unit: { code: 'KOMM' },
    });
    expect(await rolesOf(PATTI)).toEqual([
      'fagspesialist/OKONOMI',
      'saksbehandler',
      'stedfortreder@OKO',
    ]);
    expect(await rolesOf(ADELE)).toEqual(['arkivet']);
    const oko = await db.prisma.unit.findUniqueOrThrow({
      where: { code: 'OKO' },
      include: { deputies: { include: { person: true } } },
    });
    expect(oko.name).toBe('Økonomi og innkjøp');
    expect(oko.deputies.map((deputy) => [deputy.person.name, deputy.rank])).toEqual([['Patti Fernandez', 1]]);
    expect(await db.prisma.roleAssignment.count({ where: { personId: isaiah.id } })).toBe(0);

    const audit = await db.prisma.auditEntry.findMany({ where: { id: { gt: BigInt(auditBefore) } } });
    const alexId = (await db.prisma.person.findUniqueOrThrow({ where: { aadObjectId: ALEX } })).id;
    const alexUpdated = audit.find((entry) => entry.action === 'org.person.updated' && entry.entityId === alexId);
    const kommId = (await db.prisma.unit.findUniqueOrThrow({ where: { code: 'KOMM' } })).id;
    // Only the fields that changed, with the ids that identify the person.
    expect(alexUpdated?.before).toEqual({
      id: alexId,
      aadObjectId: ALEX,
      email: 'alex@eksempel.kommune.no',
      locale: 'nb',
      unitId: oko.id,
    });
    expect(alexUpdated?.after).toEqual({
      id: alexId,
      aadObjectId: ALEX,
      email: 'alex.wilber@eksempel.kommune.no',
      locale: 'nn',
      unitId: kommId,
    });
    expect(audit.filter((entry) => entry.action.endsWith('.deactivated')).map((entry) => entry.entity).sort()).toEqual(
      ['person', 'subject_area', 'unit'],
    );

    // And the new state is itself stable.
    expect(await importOrganisation(db.prisma, parse(SECOND), { actor: 'org-import' })).toEqual(NO_CHANGES);
  });

  it('someone who comes back in a later file is active again with the roles the file gives', async () => {
    await importOrganisation(db.prisma, parse(FIRST), { actor: 'org-import' });
    await importOrganisation(db.prisma, parse(SECOND), { actor: 'org-import' });

    const summary = await importOrganisation(db.prisma, parse(FIRST), { actor: 'org-import' });

    expect(summary.updated).toMatchObject({ units: 2, people: 2, subjectAreas: 2 });
    expect(summary.deactivated).toMatchObject({ people: 1 });
    expect(await rolesOf(ISAIAH)).toEqual(['saksbehandler', 'stedfortreder@OKO']);
    expect(await db.prisma.unit.findUniqueOrThrow({ where: { code: 'PLB' } })).toMatchObject({ active: true });
  });

  it("never touches the language a person chose for themselves", async () => {
    await importOrganisation(db.prisma, parse(FIRST), { actor: 'org-import' });
    await db.prisma.person.update({ where: { aadObjectId: ALEX }, data: { chosenLocale: 'en' } });

    await importOrganisation(db.prisma, parse(SECOND), { actor: 'org-import' });

    expect(await getPersonContext(db.prisma, ALEX)).toMatchObject({ locale: 'nn', chosenLocale: 'en' });
  });

  it('two people can swap e-mail addresses, and a newcomer can take the address of someone who left', async () => {
    await importOrganisation(db.prisma, parse(FIRST), { actor: 'org-import' });
    const swapped = FIRST.replace('leader: megan@eksempel.kommune.no', `leader: ${MEGAN}`)
      .replace('email: alex@', 'email: swap@')
      .replace('email: megan@', 'email: alex@')
      .replace('email: swap@', 'email: megan@');
    const summary = await importOrganisation(db.prisma, parse(swapped), { actor: 'org-import' });
    expect(summary).toEqual({ ...NO_CHANGES, updated: { units: 0, people: 2, subjectAreas: 0 } });
    expect((await getPersonContext(db.prisma, ALEX))?.email).toBe('megan@eksempel.kommune.no');
    expect((await getPersonContext(db.prisma, MEGAN))?.email).toBe('alex@eksempel.kommune.no');

    const newcomer = '3f0e8a52-4c4b-4a51-9d43-5a7f3c2e9b10';
    const replaced = swapped.replace(ISAIAH, newcomer).replace('name: Isaiah Langer', 'name: Ida Lunde');
    await importOrganisation(db.prisma, parse(replaced), { actor: 'org-import' });
    expect(await getPersonContext(db.prisma, newcomer)).toMatchObject({
      name: 'Ida Lunde',
      email: 'isaiah@eksempel.kommune.no',
    });
    const isaiah = await db.prisma.person.findUniqueOrThrow({ where: { aadObjectId: ISAIAH } });
    expect(isaiah).toMatchObject({ active: false, email: `${isaiah.id}@released.invalid` });
  });
});

describe('an import that cannot complete writes nothing', () => {
  it('a file with an error is refused before the database is touched', async () => {
    expect(() => parse(FIRST.replace('email: alex@eksempel.kommune.no', 'email: alex'))).toThrow(OrgFileError);
    expect(await counts()).toEqual({ units: 0, people: 0, subjectAreas: 0, roles: 0, deputies: 0, audit: 0 });
  });

  it('an organisation that skipped the file checks and names an unknown unit is refused without writing', async () => {
    const org = parse(FIRST);
    const unchecked = { ...org, people: org.people.map((person) => ({ ...person, unit: 'NOPE' })) };
    await expect(importOrganisation(db.prisma, unchecked, { actor: 'org-import' })).rejects.toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(await counts()).toEqual({ units: 0, people: 0, subjectAreas: 0, roles: 0, deputies: 0, audit: 0 });
  });

  it('a database failure half-way through rolls back every write of the import', async () => {
    await importOrganisation(db.prisma, parse(FIRST), { actor: 'org-import' });
    const before = await snapshot();
    // Role assignments are written after units, people and deputies: a failure there proves the rest rolls back.
    await db.pool.query(`
      CREATE FUNCTION refuse_role_assignment() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused by test trigger'; END $$;
      CREATE TRIGGER refuse_role_assignment BEFORE INSERT ON role_assignment
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_role_assignment();
    `);
    try {
      await expect(importOrganisation(db.prisma, parse(SECOND), { actor: 'org-import' })).rejects.toThrow(
        /refused by test trigger/,
      );
      expect(await snapshot()).toEqual(before);

      await db.pool.query('TRUNCATE audit_entry, role_assignment, unit_deputy, person, unit, subject_area CASCADE');
      await expect(importOrganisation(db.prisma, parse(FIRST), { actor: 'org-import' })).rejects.toThrow(
        /refused by test trigger/,
      );
      expect(await counts()).toEqual({ units: 0, people: 0, subjectAreas: 0, roles: 0, deputies: 0, audit: 0 });
    } finally {
      await db.pool.query(
        'DROP TRIGGER refuse_role_assignment ON role_assignment; DROP FUNCTION refuse_role_assignment();',
      );
    }
  });
});

describe('the demo organisation', () => {
  it('loads into an empty database, and only there', async () => {
    expect(await loadDemoOrganisationIfEmpty(db.prisma)).toBe(true);
    const loaded = await counts();
    expect(loaded.units).toBeGreaterThanOrEqual(4);
    expect(loaded.units).toBeLessThanOrEqual(6);

    expect(await loadDemoOrganisationIfEmpty(db.prisma)).toBe(false);
    expect(await counts()).toEqual(loaded);
    const demoAudit = await db.prisma.auditEntry.findMany({ distinct: ['actor'], select: { actor: true } });
    expect(demoAudit).toEqual([{ actor: 'demo-data' }]);
  });

  it('is not loaded over an organisation that has only units', async () => {
    await db.prisma.unit.create({ data: { code: 'X', name: 'Egen enhet' } });
    expect(await loadDemoOrganisationIfEmpty(db.prisma)).toBe(false);
    expect(await db.prisma.person.count()).toBe(0);
  });

  it('has every Agents Playground mock user with the role they demonstrate', async () => {
    await loadDemoOrganisationIfEmpty(db.prisma);
    const context = (aadObjectId: string) => getPersonContext(db.prisma, aadObjectId);

    expect(await context(ALEX)).toMatchObject({ name: 'Alex Wilber', unit: { code: 'OKO' } });
    expect(await rolesOf(ALEX)).toEqual(['saksbehandler']);
    expect(await context(MEGAN)).toMatchObject({ name: 'Megan Bowen' });
    expect(await rolesOf(MEGAN)).toEqual(['leder@OKO']);
    expect(await context(ADELE)).toMatchObject({ name: 'Adele Vance', unit: { code: 'DOKU', name: 'Dokumentsenteret' } });
    expect(await rolesOf(ADELE)).toEqual(['arkivet']);
    expect(await context(ISAIAH)).toMatchObject({ name: 'Isaiah Langer' });
    expect(await rolesOf(ISAIAH)).toEqual(['saksbehandler', 'stedfortreder@OKO']);
    expect(await context(PATTI)).toMatchObject({ name: 'Patti Fernandez' });
    expect(await rolesOf(PATTI)).toEqual(['fagspesialist/OKONOMI', 'prosessradgiver@OKO/OKONOMI']);
    expect(await context(LYNNE)).toMatchObject({ name: 'Lynne Robbins' });
    expect(await rolesOf(LYNNE)).toContain('toppgodkjenner');
  });

  it('has a persona for every role, and each persona holds that role', async () => {
    await loadDemoOrganisationIfEmpty(db.prisma);
    for (const [role, aadObjectId] of Object.entries(DEMO_ROLE_PERSONAS)) {
      const person = await getPersonContext(db.prisma, aadObjectId);
      expect(person?.roles.map((holding) => holding.role), `${role} persona`).toContain(role);
    }
    expect(Object.keys(DEMO_ROLE_PERSONAS).sort()).toEqual(
      [
        'saksbehandler',
        'leder',
        'arkivet',
        'stedfortreder',
        'fagspesialist',
        'prosessradgiver',
        'toppgodkjenner',
        'leverandorkontakt',
        'systemadministrator',
        'arkivansvarlig',
        'administrator',
        'moderator',
      ].sort(),
    );
  });

  it('has people who read nynorsk and English, all with addresses at eksempel.kommune.no', async () => {
    await loadDemoOrganisationIfEmpty(db.prisma);
    const people = await db.prisma.person.findMany();
    expect(people.map((person) => person.locale)).toEqual(expect.arrayContaining(['nn', 'en']));
    expect(people.every((person) => person.email.endsWith('@eksempel.kommune.no'))).toBe(true);
  });
});

describe('npm run org:import', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'arkivlos-org-import-'));
    await writeFile(join(dir, 'org.yaml'), FIRST);
    // A field error, a duplicate and an unknown reference: all reported in one run.
    const bad = FIRST.replace('email: alex@eksempel.kommune.no', 'email: alex')
      .replace('roles: [saksbehandler]', 'roles: [leder]')
      .replace(`aadObjectId: ${ISAIAH}`, `aadObjectId: ${MEGAN}`)
      .replace('    unit: KOMM\n    roles: [toppgodkjenner]', '    unit: KOMMUNE\n    roles: [toppgodkjenner]');
    await writeFile(join(dir, 'bad.yaml'), bad);
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** The CLI works on this file's test database (DATABASE_URL); test/embedded-database.test.ts runs it on DATA_DIR. */
  function cliEnv(): NodeJS.ProcessEnv {
    return { ...process.env, DATABASE_URL: db.url };
  }

  function runCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile('npx', ['tsx', 'scripts/org-import.ts', ...args], { env: cliEnv() }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      });
    });
  }

  /** What the CLI wrote, read from the database it used. */
  const cliDatabaseCounts = () => counts();

  it('a bad file: field errors, duplicates and unknown references all in one run, each person named, in bokmål; exit code 1 and nothing written', async () => {
    const result = await runCli(join(dir, 'bad.yaml'));
    expect(result.code).toBe(1);
    const file = join(dir, 'bad.yaml');
    expect(result.stderr.trim().split('\n')).toEqual([
      `${file} har 4 feil. Ingenting er importert.`,
      expect.stringMatching(/^ {2}.+bad\.yaml:\d+ people\[0\] \(Alex Wilber\)\.email: må være en e-postadresse$/),
      expect.stringMatching(/^ {2}.+bad\.yaml:\d+ people\[0\] \(Alex Wilber\)\.roles\[0\]: «leder»: lederen for en enhet /),
      expect.stringMatching(
        /^ {2}.+bad\.yaml:\d+ people\[2\] \(Isaiah Langer\)\.aadObjectId: samme aadObjectId som people\[1\] \(Megan Bowen\)$/,
      ),
      expect.stringMatching(/^ {2}.+bad\.yaml:\d+ people\[4\] \(Lynne Robbins\)\.unit: ukjent enhetskode «KOMMUNE» \(kjente: KOMM, OKO, PLB\)$/),
    ]);
    expect(result.stderr.replaceAll(dir, '')).not.toMatch(/\b(must|is|required|unknown|duplicate|same|first|not|the|with|known|address|problem|nothing)\b/i);
    expect(result.stdout).toBe('');
    expect(await cliDatabaseCounts()).toMatchObject({ units: 0, people: 0 });
  }, 60_000);

  it('--lang en reports the same problems in English', async () => {
    const result = await runCli('--lang', 'en', join(dir, 'bad.yaml'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('has 4 problems. Nothing was imported.');
    expect(result.stderr).toMatch(/bad\.yaml:\d+ people\[0\] \(Alex Wilber\)\.email: must be an e-mail address/);
    expect(result.stderr).toMatch(/people\[2\] \(Isaiah Langer\)\.aadObjectId: same aadObjectId as people\[1\] \(Megan Bowen\)/);
    expect(result.stderr).toMatch(/people\[4\] \(Lynne Robbins\)\.unit: unknown unit code "KOMMUNE"/);
    expect(result.stderr).not.toMatch(/\b(feil|ukjent|samme|ingenting|må)\b/i);
  }, 60_000);

  it('an unknown language is refused with how to call the script', async () => {
    const result = await runCli('--lang', 'de', join(dir, 'org.yaml'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Ukjent språk «de»; velg nb eller en.');
    expect(result.stderr).toContain('Bruk: npm run org:import -- [--lang nb|en]');
  }, 60_000);

  it('a file that does not exist: a clear message and exit code 1', async () => {
    const result = await runCli(join(dir, 'missing.yaml'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Fant ikke filen ${join(dir, 'missing.yaml')}.`);
  }, 60_000);

  it('a good file (the example in docs/ORGANISATION.md): imported with the summary shown there and exit code 0; the same file again reports no changes', async () => {
    const example = (name: string) => documentedExample('ORGANISATION.md', name);
    const file = join(dir, 'organisasjon.yaml');
    await writeFile(file, await example('organisation'));

    const first = await runCli(file);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout.replaceAll(file, 'organisasjon.yaml')).toBe(await example('summary'));
    expect(await cliDatabaseCounts()).toMatchObject({ units: 3, people: 5 });

    const second = await runCli(file);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('Ingen endringer');
  }, 90_000);
});

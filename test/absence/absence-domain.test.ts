import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { actingLeaders } from '../../domain/absence/acting-leader.js';
import { listAbsences } from '../../domain/absence/list-absences.js';
import { peopleAwayOn } from '../../domain/absence/people-away.js';
import { registerAbsence } from '../../domain/absence/register-absence.js';
import { removeAbsence } from '../../domain/absence/remove-absence.js';
import { AppErrorCode } from '../../domain/errors.js';
import { importOrganisation } from '../../domain/org/import-organisation.js';
import { OrgFileError, parseOrganisationFile } from '../../domain/org/org-file.js';
import { getOrganisationSettings } from '../../domain/org/organisation-settings.js';
import type { Database } from '../../infra/database.js';
import { createTestDatabase } from '../support/database.js';

const id = (n: number) => `00000000-0000-0000-0000-0000000001${String(n).padStart(2, '0')}`;
const LEADER = id(1);
const FIRST_DEPUTY = id(2);
const SECOND_DEPUTY = id(3);
const OTHER_LEADER = id(4);
const CASEWORKER = id(5);
const TODAY = '2026-11-26';

const ORG = (extra = '') => `
organisation: Testkommune
${extra}
units:
  - code: OKO
    name: Økonomi
    leader: leder@test.kommune.no
    deputies: [forste@test.kommune.no, andre@test.kommune.no]
  - code: PLB
    name: Plan og bygg
    leader: plan@test.kommune.no
  - code: TOM
    name: Uten leder
people:
  - { aadObjectId: ${LEADER}, name: Lise Leder, email: leder@test.kommune.no, unit: OKO }
  - { aadObjectId: ${FIRST_DEPUTY}, name: Frida Første, email: forste@test.kommune.no, unit: OKO }
  - { aadObjectId: ${SECOND_DEPUTY}, name: Atle Andre, email: andre@test.kommune.no, unit: OKO }
  - { aadObjectId: ${OTHER_LEADER}, name: Per Plan, email: plan@test.kommune.no, unit: PLB }
  - { aadObjectId: ${CASEWORKER}, name: Siri Saksbehandler, email: siri@test.kommune.no, unit: OKO, roles: [saksbehandler] }
`;

let db: Database;
const importOrg = (text: string) => importOrganisation(db.prisma, parseOrganisationFile(text, 'org.yaml'), { actor: 'test' });
const register = (aadObjectId: string, from: string, to: string) =>
  registerAbsence(db.prisma, { aadObjectId, from, to, today: TODAY });
const personId = async (aadObjectId: string) =>
  (await db.prisma.person.findUniqueOrThrow({ where: { aadObjectId } })).id;
const unitId = async (code: string) => (await db.prisma.unit.findUniqueOrThrow({ where: { code } })).id;

beforeAll(async () => {
  db = await createTestDatabase();
  await importOrg(ORG('postAddress: postmottak@test.kommune.no'));
});
afterAll(async () => db?.close());
beforeEach(async () => {
  await db.prisma.absence.deleteMany();
});

describe('the organisation’s settings from the organisation file', () => {
  it('stores the post address and the daily card time, 07:30 unless the file says otherwise', async () => {
    expect(await getOrganisationSettings(db.prisma)).toEqual({
      name: 'Testkommune',
      postAddress: 'postmottak@test.kommune.no',
      dailyCardTime: '07:30',
      timeZone: 'Europe/Oslo',
    });
  });

  it('a new time is stored and audited; the same file again changes nothing', async () => {
    await importOrg(ORG('postAddress: postmottak@test.kommune.no\ndailyCardTime: 7.15'));
    expect((await getOrganisationSettings(db.prisma)).dailyCardTime).toBe('07:15');
    const audits = () => db.prisma.auditEntry.count({ where: { action: 'org.settings.updated' } });
    const before = await audits();
    await importOrg(ORG('postAddress: postmottak@test.kommune.no\ndailyCardTime: "07:15"'));
    expect(await audits()).toBe(before);
    await importOrg(ORG('postAddress: postmottak@test.kommune.no'));
    expect((await getOrganisationSettings(db.prisma)).dailyCardTime).toBe('07:30');
  });

  it('a time that is no time of day and a post address that is no e-mail address are named', () => {
    const problems = (() => {
      try {
        parseOrganisationFile(ORG('postAddress: postmottak\ndailyCardTime: "25:00"'), 'org.yaml');
      } catch (error) {
        return (error as OrgFileError).problems;
      }
      return [];
    })();
    expect(problems).toEqual([
      expect.stringMatching(/^org\.yaml:3 postAddress: må være en e-postadresse$/),
      expect.stringMatching(/^org\.yaml:4 dailyCardTime: må være et klokkeslett som 07:30/),
    ]);
  });
});

describe('registering an absence', () => {
  it('stores the days and audits it', async () => {
    const result = await register(CASEWORKER, '2026-12-23', '2027-01-02');
    expect(result).toMatchObject({ absence: { from: '2026-12-23', to: '2027-01-02' }, merged: [], unchanged: false });
    const audit = await db.prisma.auditEntry.findFirstOrThrow({ where: { action: 'absence.registered', entityId: result.absence.id } });
    expect(audit.actor).toBe(CASEWORKER);
    expect(await listAbsences(db.prisma, { aadObjectId: CASEWORKER, today: TODAY })).toEqual([result.absence]);
  });

  it('joins overlapping and adjoining absences into one', async () => {
    await register(CASEWORKER, '2026-12-23', '2026-12-28');
    await register(CASEWORKER, '2026-12-30', '2027-01-02');
    const joined = await register(CASEWORKER, '2026-12-27', '2026-12-29');
    expect(joined.absence).toMatchObject({ from: '2026-12-23', to: '2027-01-02' });
    expect(joined.merged).toHaveLength(2);
    const list = await listAbsences(db.prisma, { aadObjectId: CASEWORKER, today: TODAY });
    expect(list).toEqual([joined.absence]);
  });

  it('days already registered change nothing', async () => {
    const first = await register(CASEWORKER, '2026-12-23', '2027-01-02');
    const again = await register(CASEWORKER, '2026-12-24', '2026-12-26');
    expect(again).toEqual({ absence: first.absence, merged: [], unchanged: true });
    expect(await db.prisma.absence.count()).toBe(1);
  });

  it('two registrations at once that overlap end as one absence', async () => {
    await Promise.all([register(CASEWORKER, '2026-12-01', '2026-12-10'), register(CASEWORKER, '2026-12-05', '2026-12-20')]);
    expect(await listAbsences(db.prisma, { aadObjectId: CASEWORKER, today: TODAY })).toEqual([
      expect.objectContaining({ from: '2026-12-01', to: '2026-12-20' }),
    ]);
  });

  it('refuses an absence that is over, or ends before it starts, or someone not in the organisation', async () => {
    await expect(register(CASEWORKER, '2026-11-01', '2026-11-20')).rejects.toMatchObject({ code: AppErrorCode.INVALID_INPUT });
    await expect(register(CASEWORKER, '2026-12-10', '2026-12-01')).rejects.toMatchObject({ code: AppErrorCode.INVALID_INPUT });
    await expect(register('00000000-0000-0000-0000-00000000dead', '2026-12-01', '2026-12-02')).rejects.toMatchObject({
      code: AppErrorCode.UNKNOWN_PERSON,
    });
    expect(await db.prisma.absence.count()).toBe(0);
  });

  it('the list leaves out absences that are over', async () => {
    await db.prisma.absence.create({
      data: { personId: await personId(CASEWORKER), fromDate: new Date('2026-10-01'), toDate: new Date('2026-10-05') },
    });
    const coming = await register(CASEWORKER, '2026-12-01', '2026-12-02');
    expect(await listAbsences(db.prisma, { aadObjectId: CASEWORKER, today: TODAY })).toEqual([coming.absence]);
  });
});

describe('removing an absence', () => {
  it('removes one’s own by id, audited; a second removal finds nothing', async () => {
    const { absence } = await register(CASEWORKER, '2026-12-23', '2027-01-02');
    expect(await removeAbsence(db.prisma, { aadObjectId: CASEWORKER, absenceId: absence.id })).toEqual([absence]);
    expect(await db.prisma.auditEntry.count({ where: { action: 'absence.removed', entityId: absence.id } })).toBe(1);
    await expect(removeAbsence(db.prisma, { aadObjectId: CASEWORKER, absenceId: absence.id })).rejects.toMatchObject({
      code: AppErrorCode.NOT_FOUND,
    });
  });

  it('someone else’s absence id removes nothing', async () => {
    const { absence } = await register(LEADER, '2026-12-23', '2027-01-02');
    await expect(removeAbsence(db.prisma, { aadObjectId: CASEWORKER, absenceId: absence.id })).rejects.toMatchObject({
      code: AppErrorCode.NOT_FOUND,
    });
    await expect(removeAbsence(db.prisma, { aadObjectId: CASEWORKER, absenceId: 'not-an-id' })).rejects.toMatchObject({
      code: AppErrorCode.NOT_FOUND,
    });
    expect(await db.prisma.absence.count()).toBe(1);
  });

  it('by a day: the absences that have that day', async () => {
    const christmas = await register(CASEWORKER, '2026-12-23', '2027-01-02');
    const winter = await register(CASEWORKER, '2027-02-22', '2027-02-26');
    expect(await removeAbsence(db.prisma, { aadObjectId: CASEWORKER, from: '2026-12-24', to: '2026-12-24' })).toEqual([
      christmas.absence,
    ]);
    expect(await listAbsences(db.prisma, { aadObjectId: CASEWORKER, today: TODAY })).toEqual([winter.absence]);
  });
});

describe('who acts for a unit’s leader', () => {
  const actingOn = async (on: string) => {
    const [oko, plb, tom] = await Promise.all([unitId('OKO'), unitId('PLB'), unitId('TOM')]);
    const acting = await actingLeaders(db.prisma, { on, unitIds: [oko, plb, tom] });
    const name = (unit: string) => acting.get(unit)?.acting?.name ?? null;
    return { oko: name(oko), plb: name(plb), tom: name(tom), okoAsDeputy: acting.get(oko)?.asDeputy, size: acting.size };
  };

  it('the leader when present', async () => {
    expect(await actingOn('2026-12-23')).toEqual({ oko: 'Lise Leder', plb: 'Per Plan', tom: null, okoAsDeputy: false, size: 3 });
  });

  it('the first deputy in rank order while the leader is away, and the leader again after', async () => {
    await register(LEADER, '2026-12-23', '2027-01-02');
    expect(await actingOn('2026-12-23')).toMatchObject({ oko: 'Frida Første', okoAsDeputy: true, plb: 'Per Plan' });
    expect(await actingOn('2027-01-02')).toMatchObject({ oko: 'Frida Første' });
    expect(await actingOn('2027-01-03')).toMatchObject({ oko: 'Lise Leder', okoAsDeputy: false });
    expect(await actingOn('2026-12-22')).toMatchObject({ oko: 'Lise Leder' });
  });

  it('skips a deputy who is away too', async () => {
    await register(LEADER, '2026-12-23', '2027-01-02');
    await register(FIRST_DEPUTY, '2026-12-28', '2026-12-31');
    expect(await actingOn('2026-12-27')).toMatchObject({ oko: 'Frida Første' });
    expect(await actingOn('2026-12-28')).toMatchObject({ oko: 'Atle Andre', okoAsDeputy: true });
  });

  it('nobody when the leader and every deputy are away', async () => {
    await register(LEADER, '2026-12-23', '2027-01-02');
    await register(FIRST_DEPUTY, '2026-12-23', '2026-12-31');
    await register(SECOND_DEPUTY, '2026-12-24', '2026-12-24');
    expect(await actingOn('2026-12-24')).toMatchObject({ oko: null, okoAsDeputy: false });
    expect(await actingOn('2026-12-23')).toMatchObject({ oko: 'Atle Andre' });
  });

  it('a leader or deputy no longer in the organisation file is passed over as if away', async () => {
    const deactivate = (aadObjectId: string, active: boolean) => db.prisma.person.update({ where: { aadObjectId }, data: { active } });
    try {
      await deactivate(LEADER, false);
      expect(await actingOn(TODAY)).toMatchObject({ oko: 'Frida Første', okoAsDeputy: true });
      await deactivate(FIRST_DEPUTY, false);
      expect(await actingOn(TODAY)).toMatchObject({ oko: 'Atle Andre', okoAsDeputy: true });
    } finally {
      await deactivate(LEADER, true);
      await deactivate(FIRST_DEPUTY, true);
    }
  });

  it('a removed absence gives the rights back to the leader at once', async () => {
    const { absence } = await register(LEADER, '2026-11-26', '2026-12-02');
    expect(await actingOn(TODAY)).toMatchObject({ oko: 'Frida Første' });
    await removeAbsence(db.prisma, { aadObjectId: LEADER, absenceId: absence.id });
    expect(await actingOn(TODAY)).toMatchObject({ oko: 'Lise Leder' });
  });

  it('every active unit when no units are named; none for an empty list', async () => {
    const acting = await actingLeaders(db.prisma, { on: TODAY });
    expect([...acting.values()].map((unit) => unit.unitName).sort()).toEqual(['Plan og bygg', 'Uten leder', 'Økonomi']);
    expect(await actingLeaders(db.prisma, { on: TODAY, unitIds: [] })).toEqual(new Map());
  });

  it('tells who is away on a day', async () => {
    await register(LEADER, '2026-12-23', '2027-01-02');
    await register(CASEWORKER, '2026-12-24', '2026-12-24');
    const ids = await Promise.all([LEADER, CASEWORKER, FIRST_DEPUTY].map(personId));
    expect(await peopleAwayOn(db.prisma, { on: '2026-12-24', personIds: ids })).toEqual(new Set(ids.slice(0, 2)));
    expect(await peopleAwayOn(db.prisma, { on: '2026-12-23' })).toEqual(new Set([ids[0]]));
  });
});

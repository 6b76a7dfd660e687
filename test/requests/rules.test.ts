import { describe, expect, it } from 'vitest';
import { isOnLine, maySeeRequest, requestViewOf, type RequestScope, type SupportViewer } from '../../domain/support/access.js';
import { parseIntake } from '../../domain/support/intake.js';
import { isValidReference } from '../../domain/support/reference.js';
import { formatRequestNumber, osloYear } from '../../domain/support/request-number.js';
import type { RoleKey } from '../../domain/people/roles.js';

const INTAKE_KEY = '3f1c0a52-6a8e-4c5d-9b1e-2f3a4b5c6d7e';

describe('the case/registry reference on a henvendelse', () => {
  it.each(['2026/1234', '2026/1234-3', '2026/1', '1999/1234567-12345', '2026/0042-001'])('%s is a case or registry entry reference', (text) => {
    expect(isValidReference(text)).toBe(true);
  });

  it.each([
    ['2026-1234', 'a dash where the slash belongs'],
    ['26/1234', 'a two-digit year'],
    ['2026/', 'no sequence number'],
    ['2026/12345678', 'a case number of eight digits'],
    ['2026/1234-123456', 'a document number of six digits'],
    ['2026/1234-', 'a dash without a number'],
    [' 2026/1234', 'a leading space (the intake trims it before checking)'],
    ['2026/1234-3 og 2026/1235', 'two references'],
    ['sak 2026/1234', 'words around it'],
    ['', 'nothing'],
  ])('%s is refused: %s', (text) => {
    expect(isValidReference(text)).toBe(false);
  });
});

describe('the henvendelse number', () => {
  it.each([
    [2026, 1, 'BS-2026-00001'],
    [2026, 42, 'BS-2026-00042'],
    [2026, 99_999, 'BS-2026-99999'],
    [2027, 100_000, 'BS-2027-100000'],
  ])('year %i, sequence %i is %s', (year, sequence, number) => {
    expect(formatRequestNumber(year, sequence)).toBe(number);
  });

  it('the year is Norway’s: half past midnight on New Year’s Day in Oslo is already the new year, though still the old one in UTC', () => {
    expect(osloYear(new Date('2026-12-31T23:30:00Z'))).toBe(2027);
    expect(osloYear(new Date('2026-12-31T22:59:59Z'))).toBe(2026);
    expect(osloYear(new Date('2026-06-30T23:30:00Z'))).toBe(2026);
  });
});

describe('what the intake card sends', () => {
  const valid = { what: 'Flytte journalpost 2026/1234-3 til riktig sak', category: 'flytte_kopiere_rette', urgency: 'hoy', intakeKey: INTAKE_KEY };

  it('a complete card is read with trimmed texts, and the optional fields left empty are not given', () => {
    const parsed = parseIntake({ ...valid, what: '  Flytte journalpost  ', who: '', result: ' ', reference: ' 2026/1234-3 ', subjectAreaId: '' });
    expect(parsed).toEqual({ ok: true, value: { what: 'Flytte journalpost', category: 'flytte_kopiere_rette', urgency: 'hoy', reference: '2026/1234-3', intakeKey: INTAKE_KEY } });
  });

  it('urgency left out is normal', () => {
    const parsed = parseIntake({ ...valid, urgency: undefined });
    expect(parsed.ok && parsed.value.urgency).toBe('normal');
  });

  it('every problem is named by its field, in the card’s order, and the card itself is not broken', () => {
    const parsed = parseIntake({ ...valid, what: ' ', who: 'x'.repeat(501), category: 'kaffe', reference: '2026-1234', subjectAreaId: 'ikke-en-id', urgency: 'straks' });
    expect(parsed).toEqual({
      ok: false,
      brokenCard: false,
      problems: [
        { field: 'what', problem: 'required' },
        { field: 'who', problem: 'tooLong', max: 500 },
        { field: 'category', problem: 'unknown' },
        { field: 'subjectAreaId', problem: 'unknown' },
        { field: 'reference', problem: 'format' },
        { field: 'urgency', problem: 'unknown' },
      ],
    });
  });

  it('a category not chosen is required', () => {
    expect(parseIntake({ ...valid, category: undefined })).toEqual({ ok: false, brokenCard: false, problems: [{ field: 'category', problem: 'required' }] });
  });

  it('a card without a valid intake key is broken: not something the person can correct', () => {
    expect(parseIntake({ ...valid, intakeKey: 'x' })).toMatchObject({ ok: false, brokenCard: true, problems: [] });
    expect(parseIntake({ ...valid, intakeKey: undefined })).toMatchObject({ ok: false, brokenCard: true });
    expect(parseIntake('not an object')).toMatchObject({ ok: false });
  });
});

describe('who may see a henvendelse', () => {
  const OKO = 'a0000000-0000-4000-8000-00000000000a';
  const PLB = 'a0000000-0000-4000-8000-00000000000b';
  const ECONOMY = 'b0000000-0000-4000-8000-00000000000a';
  const PLANNING = 'b0000000-0000-4000-8000-00000000000b';
  const REQUESTER = 'c0000000-0000-4000-8000-000000000001';

  const person = (id: string, ...roles: { role: RoleKey; unit?: string; subjectArea?: string }[]): SupportViewer => ({
    id,
    roles: roles.map((holding) => ({
      role: holding.role,
      ...(holding.unit ? { unit: { id: holding.unit } } : {}),
      ...(holding.subjectArea ? { subjectArea: { id: holding.subjectArea } } : {}),
    })),
  });
  const PEOPLE = {
    requester: person(REQUESTER, { role: 'saksbehandler' }),
    colleague: person('c0000000-0000-4000-8000-000000000002', { role: 'saksbehandler' }),
    leader: person('c0000000-0000-4000-8000-000000000003', { role: 'leder', unit: OKO }),
    archive: person('c0000000-0000-4000-8000-000000000004', { role: 'arkivet' }),
    adviserOko: person('c0000000-0000-4000-8000-000000000005', { role: 'prosessradgiver', unit: OKO, subjectArea: ECONOMY }),
    adviserPlb: person('c0000000-0000-4000-8000-000000000006', { role: 'prosessradgiver', unit: PLB, subjectArea: PLANNING }),
    specialistEconomy: person('c0000000-0000-4000-8000-000000000007', { role: 'fagspesialist', subjectArea: ECONOMY }),
    specialistPlanning: person('c0000000-0000-4000-8000-000000000008', { role: 'fagspesialist', subjectArea: PLANNING }),
    vendorLiaison: person('c0000000-0000-4000-8000-000000000009', { role: 'leverandorkontakt' }),
    sysadmin: person('c0000000-0000-4000-8000-00000000000a', { role: 'systemadministrator' }),
    administrator: person('c0000000-0000-4000-8000-00000000000b', { role: 'administrator' }, { role: 'arkivansvarlig' }),
  };
  type Who = keyof typeof PEOPLE;
  const request = (line: RequestScope['line'], where: { unit?: string; subjectArea?: string } = {}): RequestScope => ({
    requesterId: REQUESTER,
    line,
    lineUnitId: where.unit ?? null,
    lineSubjectAreaId: where.subjectArea ?? null,
  });

  // Besides these, the requester always sees their own (as requester) and nobody else does.
  const SUPPORT: [string, RequestScope, Who[]][] = [
    ['the first line', request('forstelinje'), ['archive', 'adviserOko', 'adviserPlb']],
    ['the process advisers of Økonomi', request('prosessradgiver', { unit: OKO }), ['adviserOko']],
    ['the process advisers of Plan og bygg', request('prosessradgiver', { unit: PLB }), ['adviserPlb']],
    ['the specialists in økonomi', request('fagspesialist', { subjectArea: ECONOMY }), ['specialistEconomy']],
    ['the specialists in plan', request('fagspesialist', { subjectArea: PLANNING }), ['specialistPlanning']],
    ['the vendor', request('leverandor'), ['vendorLiaison']],
    ['the system administrator', request('systemadministrator'), ['sysadmin']],
    ['IT (followed by the archive)', request('it'), ['archive']],
    ['a process adviser line without a unit', request('prosessradgiver'), []],
    ['a specialist line without a subject area', request('fagspesialist'), []],
  ];

  it.each(SUPPORT)('a henvendelse with %s is seen by its requester and by exactly those support people', (_line, scope, support) => {
    for (const [who, viewer] of Object.entries(PEOPLE) as [Who, SupportViewer][]) {
      const expected = who === 'requester' ? 'requester' : support.includes(who) ? 'support' : null;
      expect(requestViewOf(viewer, scope), who).toBe(expected);
      expect(maySeeRequest(viewer, scope), who).toBe(expected !== null);
    }
  });

  it('a requester who works in the line sees their own henvendelse as its requester (without internal events)', () => {
    const archivist = PEOPLE.archive;
    expect(requestViewOf(archivist, { ...request('forstelinje'), requesterId: archivist.id })).toBe('requester');
    expect(isOnLine(archivist, request('forstelinje'))).toBe(true);
  });
});

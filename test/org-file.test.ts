import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DEMO_ORGANISATION_PATH } from '../domain/org/demo-people.js';
import { OrgFileError, parseOrganisationFile } from '../domain/org/org-file.js';

const lines = (...rows: string[]) => rows.join('\n') + '\n';

function problemsOf(text: string, fileName = 'org.yaml'): string[] {
  try {
    parseOrganisationFile(text, fileName);
  } catch (error) {
    if (error instanceof OrgFileError) return error.problems;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

/** A valid file; tests change one line to break it. Line numbers are those in this listing. */
const VALID = [
  'organisation: Eksempel kommune', // 1
  'subjectAreas:', // 2
  '  - { code: PLAN, name: Plan og bygg }', // 3
  '  - { code: OKONOMI, name: Økonomi }', // 4
  'units:', // 5
  '  - code: KOMM', // 6
  '    name: Kommunedirektøren', // 7
  '  - code: OKO', // 8
  '    name: Økonomiavdelingen', // 9
  '    parent: KOMM', // 10
  '    leader: megan@eksempel.kommune.no', // 11
  '    deputies: [00000000-0000-0000-0000-0000000000023]', // 12
  'people:', // 13
  '  - aadObjectId: 00000000-0000-0000-0000-0000000000020', // 14
  '    name: Alex Wilber', // 15
  '    email: alex@eksempel.kommune.no', // 16
  '    locale: nb', // 17
  '    unit: OKO', // 18
  '    roles:', // 19
  '      - saksbehandler', // 20
  '      - { role: prosessradgiver, unit: OKO, subjectAreas: [PLAN, OKONOMI] }', // 21
  '  - aadObjectId: 00000000-0000-0000-0000-0000000000021', // 22
  '    name: Megan Bowen', // 23
  '    email: megan@eksempel.kommune.no', // 24
  '    unit: OKO', // 25
  '  - aadObjectId: 00000000-0000-0000-0000-0000000000023', // 26
  '    name: Isaiah Langer', // 27
  '    email: isaiah@eksempel.kommune.no', // 28
  '    unit: OKO', // 29
];

/** VALID with line `n` (1-based) replaced by `row` (or several rows). */
function withLine(n: number, ...rows: string[]): string {
  return lines(...VALID.slice(0, n - 1), ...rows, ...VALID.slice(n));
}

describe('organisation file: what it accepts', () => {
  it('a valid YAML file parses into subject areas, units with leader and deputies as aadObjectIds, and people with their roles', () => {
    const org = parseOrganisationFile(lines(...VALID), 'org.yaml');
    expect(org.organisation).toBe('Eksempel kommune');
    expect(org.subjectAreas).toEqual([
      { code: 'PLAN', name: 'Plan og bygg' },
      { code: 'OKONOMI', name: 'Økonomi' },
    ]);
    expect(org.units[1]).toEqual({
      code: 'OKO',
      name: 'Økonomiavdelingen',
      parent: 'KOMM',
      leader: '00000000-0000-0000-0000-0000000000021',
      deputies: ['00000000-0000-0000-0000-0000000000023'],
    });
    expect(org.people[0]).toEqual({
      aadObjectId: '00000000-0000-0000-0000-0000000000020',
      name: 'Alex Wilber',
      email: 'alex@eksempel.kommune.no',
      locale: 'nb',
      unit: 'OKO',
      roles: [
        { role: 'saksbehandler', unit: undefined, subjectAreas: [] },
        { role: 'prosessradgiver', unit: 'OKO', subjectAreas: ['PLAN', 'OKONOMI'] },
      ],
    });
    expect(org.people[1]!.roles).toEqual([]);
  });

  it('a JSON file with the same content parses to the same organisation', () => {
    const fromYaml = parseOrganisationFile(lines(...VALID), 'org.yaml');
    const json = JSON.stringify(
      {
        ...fromYaml,
        people: fromYaml.people.map((person) => ({
          ...person,
          roles: person.roles.map((role) => (role.unit ? role : role.role)),
        })),
      },
      null,
      2,
    );
    expect(parseOrganisationFile(json, 'org.json')).toEqual(fromYaml);
  });

  it('aadObjectIds, e-mail addresses and locales are lower-cased and leaders can be named by either, in any case', () => {
    const org = parseOrganisationFile(
      withLine(14, '  - aadObjectId: 6F340E15-A1ED-41E8-B285-0184F773C253')
        .replace('email: alex@eksempel.kommune.no', 'email: Alex@Eksempel.Kommune.NO')
        .replace('locale: nb', 'locale: NN')
        .replace(
          'deputies: [00000000-0000-0000-0000-0000000000023]',
          'deputies: [6f340e15-a1ed-41e8-b285-0184f773c253, ISAIAH@Eksempel.Kommune.no]',
        ),
      'org.yml',
    );
    expect(org.people[0]!.aadObjectId).toBe('6f340e15-a1ed-41e8-b285-0184f773c253');
    expect(org.people[0]!.email).toBe('alex@eksempel.kommune.no');
    expect(org.people[0]!.locale).toBe('nn');
    expect(org.units[1]!.deputies).toEqual([
      '6f340e15-a1ed-41e8-b285-0184f773c253',
      '00000000-0000-0000-0000-0000000000023',
    ]);
  });

  it("the Agents Playground's mock ids, which are not valid GUIDs, are accepted", () => {
    const org = parseOrganisationFile(lines(...VALID), 'org.yaml');
    expect(org.people.map((person) => person.aadObjectId)).toContain('00000000-0000-0000-0000-0000000000020');
  });

  it('numeric unit codes written without quotes are read as codes', () => {
    const org = parseOrganisationFile(
      withLine(8, '  - code: 1200').replace(/unit: OKO/g, 'unit: 1200'),
      'org.yaml',
    );
    expect(org.units[1]!.code).toBe('1200');
    expect(org.people[0]!.unit).toBe('1200');
    expect(org.people[0]!.roles[1]!.unit).toBe('1200');
  });

  it('role names written with Norwegian letters are understood', () => {
    const org = parseOrganisationFile(withLine(20, '      - leverandørkontakt'), 'org.yaml');
    expect(org.people[0]!.roles[0]!.role).toBe('leverandorkontakt');
  });

  it('the demo organisation is a valid file', async () => {
    const org = parseOrganisationFile(await readFile(DEMO_ORGANISATION_PATH, 'utf8'), DEMO_ORGANISATION_PATH);
    expect(org.units.length).toBeGreaterThanOrEqual(4);
    expect(org.people.length).toBeGreaterThanOrEqual(14);
  });
});

describe('organisation file: every problem names file, line and field', () => {
  it('an invalid e-mail address', () => {
    expect(problemsOf(withLine(24, '    email: megan-at-eksempel'))).toEqual([
      'org.yaml:24 people[1].email: must be an e-mail address',
    ]);
  });

  it('a missing required field points at the entry that lacks it', () => {
    expect(problemsOf(withLine(23))).toEqual(['org.yaml:22 people[1].name: is required']);
  });

  it('an empty name', () => {
    expect(problemsOf(withLine(23, '    name: ""'))).toEqual(['org.yaml:23 people[1].name: must not be empty']);
  });

  it('a value of the wrong type', () => {
    expect(problemsOf(withLine(12, '    deputies: megan@eksempel.kommune.no'))).toEqual([
      'org.yaml:12 units[1].deputies: must be a list',
    ]);
  });

  it('an aadObjectId that is not hex digits and dashes', () => {
    expect(problemsOf(withLine(14, '  - aadObjectId: alex-wilber'))).toEqual([
      'org.yaml:14 people[0].aadObjectId: must be an Entra ID object id (hex digits and dashes)',
    ]);
  });

  it('a locale other than nb, nn or en', () => {
    expect(problemsOf(withLine(17, '    locale: de'))).toEqual(['org.yaml:17 people[0].locale: must be nb, nn or en']);
  });

  it('an unknown field, with the fields that are allowed', () => {
    expect(problemsOf(withLine(11, '    leder: megan@eksempel.kommune.no'))).toEqual([
      'org.yaml:11 units[1].leder: unknown field; a unit has code, name, parent, leader and deputies',
    ]);
  });

  it('an unknown role lists the valid ones', () => {
    expect(problemsOf(withLine(20, '      - saksbehandlar'))).toEqual([
      'org.yaml:20 people[0].roles[0]: unknown role "saksbehandlar"; valid roles are saksbehandler, arkivet, ' +
        'prosessradgiver, fagspesialist, leverandorkontakt, systemadministrator, toppgodkjenner, arkivansvarlig',
    ]);
  });

  it('leder and stedfortreder written as roles explain that they come from the units', () => {
    expect(problemsOf(withLine(20, '      - leder', '      - { role: stedfortreder, unit: OKO }'))).toEqual([
      'org.yaml:20 people[0].roles[0]: "leder": a unit\'s leader is set with "leader:" on the unit, not as a role',
      'org.yaml:21 people[0].roles[1].role: "stedfortreder": deputies are listed with "deputies:" on the unit, not as a role',
    ]);
  });

  it('a role object without a role name', () => {
    expect(problemsOf(withLine(21, '      - { unit: OKO }'))).toEqual(['org.yaml:21 people[0].roles[1].role: is required']);
  });

  it('process advisers and specialists without a subject area', () => {
    expect(
      problemsOf(withLine(20, '      - fagspesialist', '      - { role: prosessradgiver, unit: OKO }')),
    ).toEqual([
      'org.yaml:20 people[0].roles[0]: fagspesialist needs a subject area: write { role: fagspesialist, subjectAreas: [CODE] }',
      'org.yaml:21 people[0].roles[1]: prosessradgiver needs a subject area: write { role: prosessradgiver, subjectAreas: [CODE] }',
    ]);
  });

  it('unknown unit codes referenced by a person, a role and a unit parent', () => {
    expect(problemsOf(withLine(18, '    unit: OKONOMI'))).toEqual([
      'org.yaml:18 people[0].unit: unknown unit code "OKONOMI" (known: KOMM, OKO)',
    ]);
    expect(problemsOf(withLine(21, '      - { role: prosessradgiver, unit: PLB, subjectAreas: [PLAN] }'))).toEqual([
      'org.yaml:21 people[0].roles[1].unit: unknown unit code "PLB" (known: KOMM, OKO)',
    ]);
    expect(problemsOf(withLine(10, '    parent: KD'))).toEqual([
      'org.yaml:10 units[1].parent: unknown unit code "KD" (known: KOMM, OKO)',
    ]);
  });

  it('an unknown subject area code', () => {
    expect(problemsOf(withLine(21, '      - { role: prosessradgiver, unit: OKO, subjectAreas: [PLAN, SKOLE] }'))).toEqual([
      'org.yaml:21 people[0].roles[1].subjectAreas[1]: unknown subject area code "SKOLE" (known: PLAN, OKONOMI)',
    ]);
  });

  it('a leader or deputy who is not among the people', () => {
    expect(problemsOf(withLine(11, '    leader: nobody@eksempel.kommune.no'))).toEqual([
      'org.yaml:11 units[1].leader: no person with e-mail or aadObjectId "nobody@eksempel.kommune.no" in people',
    ]);
    expect(problemsOf(withLine(12, '    deputies: [', '      alex@eksempel.kommune.no,', '      ghost@eksempel.kommune.no ]'))).toEqual(
      ['org.yaml:14 units[1].deputies[1]: no person with e-mail or aadObjectId "ghost@eksempel.kommune.no" in people'],
    );
  });

  it('a deputy listed twice, and a leader as their own deputy', () => {
    expect(
      problemsOf(withLine(12, '    deputies: [isaiah@eksempel.kommune.no, 00000000-0000-0000-0000-0000000000023]')),
    ).toEqual(['org.yaml:12 units[1].deputies[1]: is listed twice as deputy']);
    expect(problemsOf(withLine(12, '    deputies: [megan@eksempel.kommune.no]'))).toEqual([
      "org.yaml:12 units[1].deputies[0]: is the unit's leader and cannot be their own deputy",
    ]);
  });

  it('duplicate unit codes and subject area codes', () => {
    expect(problemsOf(withLine(8, '  - code: KOMM'))).toEqual(
      expect.arrayContaining(['org.yaml:8 units[1].code: duplicate unit code (first at units[0])']),
    );
    expect(problemsOf(withLine(4, '  - { code: OKONOMI, name: Økonomi }', '  - { code: PLAN, name: Plan }'))).toEqual([
      'org.yaml:5 subjectAreas[2].code: duplicate subject area code (first at subjectAreas[0])',
    ]);
  });

  it('duplicate aadObjectIds and e-mail addresses, regardless of case', () => {
    expect(problemsOf(withLine(22, '  - aadObjectId: 00000000-0000-0000-0000-0000000000020'))).toEqual([
      'org.yaml:22 people[1].aadObjectId: duplicate aadObjectId (first at people[0])',
    ]);
    expect(problemsOf(withLine(28, '    email: Megan@Eksempel.Kommune.no'))).toEqual([
      'org.yaml:28 people[2].email: duplicate e-mail address (first at people[1])',
    ]);
  });

  it('a cycle of unit parents, reported once', () => {
    expect(problemsOf(withLine(7, '    name: Kommunedirektøren', '    parent: OKO'))).toEqual([
      'org.yaml:8 units[0].parent: units form a parent cycle: KOMM → OKO → KOMM',
    ]);
    expect(problemsOf(withLine(10, '    parent: OKO'))).toEqual([
      'org.yaml:10 units[1].parent: units form a parent cycle: OKO → OKO',
    ]);
  });

  it('several problems are all reported, in line order', () => {
    const problems = problemsOf(
      withLine(24, '    email: megan').replace('    locale: nb', '    locale: se').replace('      - saksbehandler', '      - leder'),
    );
    expect(problems).toEqual([
      'org.yaml:17 people[0].locale: must be nb, nn or en',
      'org.yaml:20 people[0].roles[0]: "leder": a unit\'s leader is set with "leader:" on the unit, not as a role',
      'org.yaml:24 people[1].email: must be an e-mail address',
    ]);
  });
});

describe('organisation file: syntax and file type', () => {
  it('a YAML syntax error names the line, without the errors that follow from it', () => {
    expect(problemsOf(withLine(21, '      - { role: prosessradgiver, unit: OKO'))).toEqual([
      'org.yaml:22 not valid YAML: Flow map in block collection must be sufficiently indented and end with a }',
    ]);
  });

  it('a key written twice in YAML names the line of the second', () => {
    expect(problemsOf(withLine(16, '    email: alex@eksempel.kommune.no', '    email: alex2@eksempel.kommune.no'))).toEqual([
      'org.yaml:17 not valid YAML: Map keys must be unique',
    ]);
  });

  it('a JSON syntax error names the line and says JSON', () => {
    const problems = problemsOf('{\n  "units": [],\n  "people": [],\n}\n', 'org.json');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^org\.json:4 not valid JSON: /);
  });

  it('a JSON validation error names the line of the field', () => {
    const json = [
      '{',
      '  "units": [{ "code": "OKO", "name": "Økonomi" }],',
      '  "people": [',
      '    {',
      '      "aadObjectId": "00000000-0000-0000-0000-0000000000020",',
      '      "name": "Alex Wilber",',
      '      "email": "not an address",',
      '      "unit": "OKO"',
      '    }',
      '  ]',
      '}',
    ].join('\n');
    expect(problemsOf(json, 'org.json')).toEqual(['org.json:7 people[0].email: must be an e-mail address']);
  });

  it('a file that is not a mapping, an empty file, and an empty list', () => {
    expect(problemsOf('- a\n- b\n')).toEqual(['org.yaml:1 the file must be a mapping (key: value)']);
    expect(problemsOf('')).toEqual(['org.yaml:1 the file is empty']);
    expect(problemsOf('units: []\npeople:\n')).toEqual(['org.yaml:2 people: is empty; must be a list']);
  });

  it('a file without units or people is refused rather than read as an empty organisation', () => {
    expect(problemsOf('organisation: Eksempel kommune\n')).toEqual([
      'org.yaml:1 units: is required',
      'org.yaml:1 people: is required',
    ]);
  });

  it('a file name that is neither .yaml, .yml nor .json is refused', () => {
    expect(problemsOf(lines(...VALID), 'org.txt')).toEqual(['org.txt: the file name must end in .yaml, .yml or .json']);
  });
});

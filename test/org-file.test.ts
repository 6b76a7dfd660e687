import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DEMO_ORGANISATION_PATH } from '../domain/org/demo-people.js';
import { OrgFileError, parseOrganisationFile, type OrgFileLanguage } from '../domain/org/org-file.js';
import { documentedExample } from './support/documented-example.js';

const lines = (...rows: string[]) => rows.join('\n') + '\n';

/** Words of the English messages that have no place in a bokmål report (file keys such as `email` aside). */
const ENGLISH_WORDS =
  /\b(must|is|are|be|required|unknown|duplicate|same|first|valid|invalid|not|the|with|cannot|needs|listed|twice|field|known|address|empty|problem|and|or|of|as|has|none|written|set|file|list|text|number|unit code|subject area)\b/;

function problemsOf(text: string, fileName = 'org.yaml', language?: OrgFileLanguage): string[] {
  try {
    parseOrganisationFile(text, fileName, language && { language });
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
      // Megan leads OKO by her address: until it is put right, nobody in the file has it.
      'org.yaml:11 units[1] (OKO).leader: ingen i people har e-postadresse eller aadObjectId «megan@eksempel.kommune.no»',
      'org.yaml:24 people[1] (Megan Bowen).email: må være en e-postadresse',
    ]);
  });

  it('a missing required field points at the entry that lacks it, named by e-mail when the name is missing', () => {
    expect(problemsOf(withLine(23))).toEqual(['org.yaml:22 people[1] (megan@eksempel.kommune.no).name: mangler']);
  });

  it('an empty name', () => {
    expect(problemsOf(withLine(23, '    name: ""'))).toEqual(['org.yaml:23 people[1] (megan@eksempel.kommune.no).name: kan ikke være tom']);
  });

  it('a value of the wrong type', () => {
    expect(problemsOf(withLine(12, '    deputies: megan@eksempel.kommune.no'))).toEqual([
      'org.yaml:12 units[1] (OKO).deputies: må være en liste',
    ]);
  });

  it('an aadObjectId that is not hex digits and dashes', () => {
    expect(problemsOf(withLine(14, '  - aadObjectId: alex-wilber'))).toEqual([
      'org.yaml:14 people[0] (Alex Wilber).aadObjectId: må være en objekt-ID fra Entra ID (heksadesimale sifre og bindestreker)',
    ]);
  });

  it('a locale other than nb, nn or en', () => {
    expect(problemsOf(withLine(17, '    locale: de'))).toEqual(['org.yaml:17 people[0] (Alex Wilber).locale: må være nb, nn eller en']);
  });

  it('an unknown field, with the fields that are allowed', () => {
    expect(problemsOf(withLine(11, '    leder: megan@eksempel.kommune.no'))).toEqual([
      'org.yaml:11 units[1] (OKO).leder: ukjent felt; en enhet har code, name, parent, leader og deputies',
    ]);
  });

  it('an unknown role lists the valid ones', () => {
    expect(problemsOf(withLine(20, '      - saksbehandlar'))).toEqual([
      'org.yaml:20 people[0] (Alex Wilber).roles[0]: ukjent rolle «saksbehandlar»; gyldige roller er saksbehandler, arkivet, ' +
        'prosessradgiver, fagspesialist, leverandorkontakt, systemadministrator, toppgodkjenner, arkivansvarlig, administrator, moderator',
    ]);
  });

  it('leder and stedfortreder written as roles explain that they come from the units', () => {
    expect(problemsOf(withLine(20, '      - leder', '      - { role: stedfortreder, unit: OKO }'))).toEqual([
      'org.yaml:20 people[0] (Alex Wilber).roles[0]: «leder»: lederen for en enhet angis med «leader:» på enheten, ikke som rolle',
      'org.yaml:21 people[0] (Alex Wilber).roles[1].role: «stedfortreder»: stedfortredere føres opp med «deputies:» på enheten, ikke som rolle',
    ]);
  });

  it('a role object without a role name', () => {
    expect(problemsOf(withLine(21, '      - { unit: OKO }'))).toEqual(['org.yaml:21 people[0] (Alex Wilber).roles[1].role: mangler']);
  });

  it('process advisers and specialists without a subject area', () => {
    expect(
      problemsOf(withLine(20, '      - fagspesialist', '      - { role: prosessradgiver, unit: OKO }')),
    ).toEqual([
      'org.yaml:20 people[0] (Alex Wilber).roles[0]: fagspesialist trenger et fagområde: skriv { role: fagspesialist, subjectAreas: [KODE] }',
      'org.yaml:21 people[0] (Alex Wilber).roles[1]: prosessradgiver trenger et fagområde: skriv { role: prosessradgiver, subjectAreas: [KODE] }',
    ]);
  });

  it('unknown unit codes referenced by a person, a role and a unit parent', () => {
    expect(problemsOf(withLine(18, '    unit: OKONOMI'))).toEqual([
      'org.yaml:18 people[0] (Alex Wilber).unit: ukjent enhetskode «OKONOMI» (kjente: KOMM, OKO)',
    ]);
    expect(problemsOf(withLine(21, '      - { role: prosessradgiver, unit: PLB, subjectAreas: [PLAN] }'))).toEqual([
      'org.yaml:21 people[0] (Alex Wilber).roles[1].unit: ukjent enhetskode «PLB» (kjente: KOMM, OKO)',
    ]);
    expect(problemsOf(withLine(10, '    parent: KD'))).toEqual([
      'org.yaml:10 units[1] (OKO).parent: ukjent enhetskode «KD» (kjente: KOMM, OKO)',
    ]);
  });

  it('an unknown subject area code', () => {
    expect(problemsOf(withLine(21, '      - { role: prosessradgiver, unit: OKO, subjectAreas: [PLAN, SKOLE] }'))).toEqual([
      'org.yaml:21 people[0] (Alex Wilber).roles[1].subjectAreas[1]: ukjent fagområdekode «SKOLE» (kjente: PLAN, OKONOMI)',
    ]);
  });

  it('a leader or deputy who is not among the people', () => {
    expect(problemsOf(withLine(11, '    leader: nobody@eksempel.kommune.no'))).toEqual([
      'org.yaml:11 units[1] (OKO).leader: ingen i people har e-postadresse eller aadObjectId «nobody@eksempel.kommune.no»',
    ]);
    expect(problemsOf(withLine(12, '    deputies: [', '      alex@eksempel.kommune.no,', '      ghost@eksempel.kommune.no ]'))).toEqual(
      ['org.yaml:14 units[1] (OKO).deputies[1]: ingen i people har e-postadresse eller aadObjectId «ghost@eksempel.kommune.no»'],
    );
  });

  it('a deputy listed twice, and a leader as their own deputy', () => {
    expect(
      problemsOf(withLine(12, '    deputies: [isaiah@eksempel.kommune.no, 00000000-0000-0000-0000-0000000000023]')),
    ).toEqual(['org.yaml:12 units[1] (OKO).deputies[1]: står to ganger blant stedfortrederne']);
    expect(problemsOf(withLine(12, '    deputies: [megan@eksempel.kommune.no]'))).toEqual([
      'org.yaml:12 units[1] (OKO).deputies[0]: er leder for enheten og kan ikke være sin egen stedfortreder',
    ]);
  });

  it('duplicate unit codes and subject area codes', () => {
    expect(problemsOf(withLine(8, '  - code: KOMM'))).toEqual(
      expect.arrayContaining(['org.yaml:8 units[1] (KOMM).code: samme enhetskode som units[0] (KOMM)']),
    );
    expect(problemsOf(withLine(4, '  - { code: OKONOMI, name: Økonomi }', '  - { code: PLAN, name: Plan }'))).toEqual([
      'org.yaml:5 subjectAreas[2].code: samme fagområdekode som subjectAreas[0]',
    ]);
  });

  it('duplicate aadObjectIds and e-mail addresses, regardless of case', () => {
    expect(problemsOf(withLine(22, '  - aadObjectId: 00000000-0000-0000-0000-0000000000020'))).toEqual([
      'org.yaml:22 people[1] (Megan Bowen).aadObjectId: samme aadObjectId som people[0] (Alex Wilber)',
    ]);
    expect(problemsOf(withLine(28, '    email: Megan@Eksempel.Kommune.no'))).toEqual([
      'org.yaml:28 people[2] (Isaiah Langer).email: samme e-postadresse som people[1] (Megan Bowen)',
    ]);
  });

  it('a cycle of unit parents, reported once', () => {
    expect(problemsOf(withLine(7, '    name: Kommunedirektøren', '    parent: OKO'))).toEqual([
      'org.yaml:8 units[0] (KOMM).parent: overordnede enheter går i ring: KOMM → OKO → KOMM',
    ]);
    expect(problemsOf(withLine(10, '    parent: OKO'))).toEqual([
      'org.yaml:10 units[1] (OKO).parent: overordnede enheter går i ring: OKO → OKO',
    ]);
  });

  it('several problems are all reported, in line order', () => {
    const problems = problemsOf(
      withLine(24, '    email: megan').replace('    locale: nb', '    locale: se').replace('      - saksbehandler', '      - leder'),
    );
    expect(problems).toEqual([
      'org.yaml:11 units[1] (OKO).leader: ingen i people har e-postadresse eller aadObjectId «megan@eksempel.kommune.no»',
      'org.yaml:17 people[0] (Alex Wilber).locale: må være nb, nn eller en',
      'org.yaml:20 people[0] (Alex Wilber).roles[0]: «leder»: lederen for en enhet angis med «leader:» på enheten, ikke som rolle',
      'org.yaml:24 people[1] (Megan Bowen).email: må være en e-postadresse',
    ]);
  });
});

describe('organisation file: every problem in one run', () => {
  /** A field error, a duplicate and an unknown reference, each on a different person. */
  const THREE_PROBLEMS = withLine(22, '  - aadObjectId: megan-bowen')
    .replace('    email: isaiah@eksempel.kommune.no', '    email: alex@eksempel.kommune.no')
    .replace('    unit: OKO\n    roles:', '    unit: PLB\n    roles:');

  it('a field error, a duplicate and an unknown reference are reported together, each person named, in bokmål', () => {
    const problems = problemsOf(THREE_PROBLEMS);
    expect(problems).toEqual([
      'org.yaml:18 people[0] (Alex Wilber).unit: ukjent enhetskode «PLB» (kjente: KOMM, OKO)',
      'org.yaml:22 people[1] (Megan Bowen).aadObjectId: må være en objekt-ID fra Entra ID (heksadesimale sifre og bindestreker)',
      'org.yaml:28 people[2] (Isaiah Langer).email: samme e-postadresse som people[0] (Alex Wilber)',
    ]);
    expect(problems.join('\n')).not.toMatch(ENGLISH_WORDS);
  });

  it('an entry with a field error still has its references checked', () => {
    expect(problemsOf(withLine(17, '    locale: de').replace('    unit: OKO\n    roles:', '    unit: PLB\n    roles:'))).toEqual([
      'org.yaml:17 people[0] (Alex Wilber).locale: må være nb, nn eller en',
      'org.yaml:18 people[0] (Alex Wilber).unit: ukjent enhetskode «PLB» (kjente: KOMM, OKO)',
    ]);
  });

  it('a key written twice does not stop the other checks', () => {
    expect(problemsOf(withLine(18, '    unit: PLB', '    unit: PLB'))).toEqual([
      'org.yaml:18 people[0] (Alex Wilber).unit: ukjent enhetskode «PLB» (kjente: KOMM, OKO)',
      'org.yaml:19 ugyldig YAML: samme nøkkel står to ganger',
    ]);
  });

  it('no bokmål problem has English words in it, whatever is wrong', () => {
    const broken = [
      withLine(1, 'organisation: ""', 'owner: Ola'),
      withLine(3, '  - { code: PLAN, name: Plan og bygg, owner: x }', '  - { code: PLAN, name: Plan }'),
      withLine(7, '    name: Kommunedirektøren', '    parent: OKO'),
      withLine(11, '    leader: nobody@eksempel.kommune.no'),
      withLine(12, '    deputies: [megan@eksempel.kommune.no, ghost@eksempel.kommune.no, ghost@eksempel.kommune.no]'),
      withLine(14, '  - aadObjectId: 00000000-0000-0000-0000-0000000000021'),
      withLine(15, '    name: 12'),
      withLine(17, '    locale: de'),
      withLine(20, '      - leder', '      - stedfortreder', '      - sjef', '      - { role: fagspesialist }', '      - 7'),
      withLine(21, '      - { role: prosessradgiver, unit: PLB, subjectAreas: [SKOLE], extra: 1 }'),
      withLine(21, '      - { role: prosessradgiver, unit: OKO'),
      withLine(16, '    email: alex@eksempel.kommune.no', '    email: x'),
      'units: {}\npeople:\n',
      '- a\n',
      '',
    ];
    const problems = broken.flatMap((text) => problemsOf(text));
    expect(problems.length).toBeGreaterThan(20);
    for (const problem of problems) expect(problem).not.toMatch(ENGLISH_WORDS);
    const json = problemsOf('{\n  "units": [],\n  "people": [],\n}\n', 'org.json');
    expect([...json, ...problemsOf('{"units": [', 'org.json'), ...problemsOf('', 'org.txt')].join('\n')).not.toMatch(
      ENGLISH_WORDS,
    );
  });

  it('the same problems in English when asked for', () => {
    expect(problemsOf(THREE_PROBLEMS, 'org.yaml', 'en')).toEqual([
      'org.yaml:18 people[0] (Alex Wilber).unit: unknown unit code "PLB" (known: KOMM, OKO)',
      'org.yaml:22 people[1] (Megan Bowen).aadObjectId: must be an Entra ID object id (hex digits and dashes)',
      'org.yaml:28 people[2] (Isaiah Langer).email: same e-mail address as people[0] (Alex Wilber)',
    ]);
  });
});

describe('docs/ORGANISATION.md', () => {
  it('its examples are valid files, and its problem report is what the check reports', async () => {
    const org = parseOrganisationFile(await documentedExample('ORGANISATION.md', 'organisation'), 'organisasjon.yaml');
    expect(org.units.map((unit) => unit.code)).toEqual(['KOMM', 'OKO', '1200']);
    expect(org.units[1]!.deputies).toEqual(['00000000-0000-0000-0000-0000000000023', '00000000-0000-0000-0000-0000000000024']);
    expect(org.people[3]!.roles[1]).toEqual({ role: 'prosessradgiver', unit: '1200', subjectAreas: ['PLAN', 'OKONOMI'] });
    expect(parseOrganisationFile(await documentedExample('ORGANISATION.md', 'json'), 'organisasjon.json').people).toHaveLength(1);

    const [header, ...report] = (await documentedExample('ORGANISATION.md', 'problems-report')).trimEnd().split('\n');
    const problems = problemsOf(await documentedExample('ORGANISATION.md', 'problems'), 'organisasjon.yaml');
    expect(report.map((line) => line.trim())).toEqual(problems);
    expect(header).toBe(`organisasjon.yaml har ${problems.length} feil. Ingenting er importert.`);
  });
});

describe('organisation file: syntax and file type', () => {
  it('a YAML syntax error names the line, without the errors that follow from it', () => {
    expect(problemsOf(withLine(21, '      - { role: prosessradgiver, unit: OKO'))).toEqual([
      'org.yaml:22 ugyldig YAML: feil innrykk, eller en { eller [ som ikke er lukket',
    ]);
    expect(problemsOf(withLine(21, '      - { role: prosessradgiver, unit: OKO'), 'org.yaml', 'en')).toEqual([
      'org.yaml:22 not valid YAML: Flow map in block collection must be sufficiently indented and end with a }',
    ]);
  });

  it('a key written twice in YAML names the line of the second', () => {
    expect(problemsOf(withLine(16, '    email: alex@eksempel.kommune.no', '    email: alex2@eksempel.kommune.no'))).toEqual([
      'org.yaml:17 ugyldig YAML: samme nøkkel står to ganger',
    ]);
  });

  it('a JSON syntax error names the line and says JSON', () => {
    const problems = problemsOf('{\n  "units": [],\n  "people": [],\n}\n', 'org.json');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toBe('org.json:4 ugyldig JSON: uventet «}» i kolonne 1');
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
    expect(problemsOf(json, 'org.json')).toEqual(['org.json:7 people[0] (Alex Wilber).email: må være en e-postadresse']);
  });

  it('a file that is not a mapping, an empty file, and an empty list', () => {
    expect(problemsOf('- a\n- b\n')).toEqual(['org.yaml:1 filen må være en samling av nøkkel: verdi']);
    expect(problemsOf('')).toEqual(['org.yaml:1 filen er tom']);
    expect(problemsOf('units: []\npeople:\n')).toEqual(['org.yaml:2 people: er tom; må være en liste']);
  });

  it('a file without units or people is refused rather than read as an empty organisation', () => {
    expect(problemsOf('organisation: Eksempel kommune\n')).toEqual([
      'org.yaml:1 units: mangler',
      'org.yaml:1 people: mangler',
    ]);
  });

  it('a file name that is neither .yaml, .yml nor .json is refused', () => {
    expect(problemsOf(lines(...VALID), 'org.txt')).toEqual(['org.txt: filnavnet må slutte på .yaml, .yml eller .json']);
  });
});

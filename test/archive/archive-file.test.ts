import { describe, expect, it } from 'vitest';
import { ArchiveFileError, parseArchiveFile, type ArchiveDirectory } from '../../domain/archive/import/archive-file.js';

/** The organisation the files refer to: two people, a unit with a sub-unit, and another unit. */
const DIRECTORY: ArchiveDirectory = {
  person: (ref) =>
    ({
      'astrid@eksempel.kommune.no': { id: 'p-astrid' },
      'nils@eksempel.kommune.no': { id: 'p-nils' },
      '0a3c1682-3dff-46d0-b19c-e1ae04dbe086': { id: 'p-astrid' },
    })[ref],
  unit: (code) =>
    ({
      PLB: { id: 'u-plb', parentId: null },
      BYGG: { id: 'u-bygg', parentId: 'u-plb' },
      OKO: { id: 'u-oko', parentId: null },
    })[code],
};

const lines = (...rows: string[]) => rows.join('\n') + '\n';

/** A valid file; tests replace one line. Line numbers are those in this listing. */
const VALID = [
  'cases:', // 1
  '  - number: 2026/101', // 2
  '    title: Søknad om rammetillatelse – Storgata 12', // 3
  '    unit: PLB', // 4
  '    saksansvarlig: astrid@eksempel.kommune.no', // 5
  '    enkeltvedtak: true', // 6
  '    entries:', // 7
  '      - number: 2026/101-1', // 8
  '        type: I', // 9
  '        status: J', // 10
  '        title: Søknad om rammetillatelse', // 11
  '        unit: PLB', // 12
  '        subUnit: BYGG', // 13
  '        caseworker: astrid@eksempel.kommune.no', // 14
  '        received: 2026-10-30', // 15
  '        writeOff: { method: BU, date: 5.11.2026, reply: 2026/101-2 }', // 16
  '      - number: 2026/101-2', // 17
  '        type: U', // 18
  '        status: E', // 19
  '        title: Svar på søknad', // 20
  '        received: 2026-11-05', // 21
  '        approvals:', // 22
  '          - { approver: nils@eksempel.kommune.no, sender: 0A3C1682-3DFF-46D0-B19C-E1AE04DBE086, status: G }', // 23
  '    decisions:', // 24
  '      - { title: Rammetillatelse, decided: 2026-11-05, responsible: astrid@eksempel.kommune.no, entry: 2026/101-2 }', // 25
  '  - number: 2026/102', // 26
  '    title: Innkjøp av skolemøbler', // 27
  '    entries:', // 28
  '      - number: 2026/102-1', // 29
  '        type: N', // 30
  '        status: J', // 31
  '        title: Notat om behov', // 32
  '        received: 2026-11-01', // 33
];

function withLine(n: number, ...rows: string[]): string {
  return lines(...VALID.slice(0, n - 1), ...rows, ...VALID.slice(n));
}

function problemsOf(text: string, fileName = 'arkiv.yaml', language?: 'nb' | 'en'): string[] {
  try {
    parseArchiveFile(text, fileName, DIRECTORY, language && { language });
  } catch (error) {
    if (error instanceof ArchiveFileError) return error.problems;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('archive file: what it accepts', () => {
  it('a valid YAML file gives the cases with their entries (replies first), steps and decisions, people and units as ids and dates as days', () => {
    const file = parseArchiveFile(lines(...VALID), 'arkiv.yaml', DIRECTORY);
    expect(file.cases.map((kase) => kase.number)).toEqual(['2026/101', '2026/102']);
    const [first] = file.cases;
    expect(first).toMatchObject({ year: 2026, sequence: 101, status: 'B', unitId: 'u-plb', saksansvarligId: 'p-astrid', enkeltvedtak: true });
    // The reply 2026/101-2 is stored before the entry it writes off.
    expect(first!.entries.map((entry) => entry.number)).toEqual(['2026/101-2', '2026/101-1']);
    expect(first!.entries[1]).toMatchObject({
      sequence: 1,
      type: 'I',
      unitId: 'u-plb',
      subUnitId: 'u-bygg',
      caseworkerId: 'p-astrid',
      receivedDate: '2026-10-30',
      writeOff: { method: 'BU', date: '2026-11-05', byId: null, replyNumber: '2026/101-2' },
    });
    expect(first!.entries[0]!.approvals).toEqual([{ chain: 1, order: 1, approverId: 'p-nils', senderId: 'p-astrid', flytstatus: 'G', merknad: null, comment: null }]);
    expect(first!.decisions).toEqual([
      { title: 'Rammetillatelse', decidedDate: '2026-11-05', responsibleId: 'p-astrid', entryNumber: '2026/101-2', receiptedDate: null, receiptedById: null },
    ]);
  });

  it('the same file as JSON gives the same result', () => {
    const yaml = parseArchiveFile(lines(...VALID), 'arkiv.yaml', DIRECTORY);
    const json = parseArchiveFile(JSON.stringify({ cases: [{ number: '2026/102', title: 'Innkjøp av skolemøbler', entries: [{ number: '2026/102-1', type: 'N', status: 'J', title: 'Notat om behov', received: '2026-11-01' }] }] }), 'arkiv.json', DIRECTORY);
    expect(json.cases[0]).toEqual(yaml.cases[1]);
  });
});

describe('archive file: every problem with its line', () => {
  it('unknown people and units, bad codes and dates that do not parse, all in one run and in line order', () => {
    const text = lines(
      ...VALID.slice(0, 3),
      '    unit: PLANOGBYGG', // 4
      '    saksansvarlig: ukjent@eksempel.kommune.no', // 5
      ...VALID.slice(5, 8),
      '        type: Q', // 9
      '        status: J', // 10
      ...VALID.slice(10, 14),
      '        received: 31.11.2026', // 15
      ...VALID.slice(15),
    );
    expect(problemsOf(text)).toEqual([
      'arkiv.yaml:4 cases[0] (2026/101).unit: ukjent enhetskode «PLANOGBYGG» (importer organisasjonen først)',
      'arkiv.yaml:5 cases[0] (2026/101).saksansvarlig: ingen person med e-postadresse eller aadObjectId «ukjent@eksempel.kommune.no» (importer organisasjonen først)',
      'arkiv.yaml:9 cases[0] (2026/101).entries[0] (2026/101-1).type: ukjent kode «Q»; gyldige koder er I, U, N, X, S',
      'arkiv.yaml:15 cases[0] (2026/101).entries[0] (2026/101-1).received: «31.11.2026» er ikke en dato; skriv 2026-11-02 eller 2.11.2026',
    ]);
  });

  it('a BU write-off whose reply is not an outgoing U of the same case is refused in words', () => {
    const note = problemsOf(withLine(18, '        type: N'));
    expect(note).toEqual(['arkiv.yaml:16 cases[0] (2026/101).entries[0] (2026/101-1).writeOff.reply: BU krever at svaret er en utgående journalpost (U); 2026/101-2 er av type N']);
    expect(problemsOf(withLine(16, '        writeOff: { method: BU, date: 2026-11-05, reply: 2026/102-1 }'))).toEqual([
      'arkiv.yaml:16 cases[0] (2026/101).entries[0] (2026/101-1).writeOff.reply: svaret 2026/102-1 hører til en annen sak; BU krever et svar i samme sak',
    ]);
    expect(problemsOf(withLine(16, '        writeOff: { method: BU, date: 2026-11-05, reply: 2026/101-9 }'))).toEqual([
      'arkiv.yaml:16 cases[0] (2026/101).entries[0] (2026/101-1).writeOff.reply: svaret 2026/101-9 finnes ikke i filen',
    ]);
    expect(problemsOf(withLine(16, '        writeOff: { method: BU, date: 2026-11-05 }'))).toEqual([
      'arkiv.yaml:16 cases[0] (2026/101).entries[0] (2026/101-1).writeOff.method: avskrivningsmåte BU krever svaret (reply): journalpostnummeret til det utgående brevet (U) i samme sak',
    ]);
  });

  it('an outgoing letter cannot be written off, and a method without a reply takes none', () => {
    expect(problemsOf(withLine(21, '        received: 2026-11-05', '        writeOff: { method: TE, date: 2026-11-06 }'))).toEqual([
      'arkiv.yaml:22 cases[0] (2026/101).entries[1] (2026/101-2).writeOff.method: en journalpost av type U med status E kan ikke avskrives; bare inngående dokumenter (I) og notater (N) som ikke utgår',
    ]);
    expect(problemsOf(withLine(16, '        writeOff: { method: TE, date: 2026-11-05, reply: 2026/101-2 }'))).toEqual([
      'arkiv.yaml:16 cases[0] (2026/101).entries[0] (2026/101-1).writeOff.reply: avskrivningsmåte TE har ikke noe svar; fjern reply',
    ]);
  });

  it('duplicate saksnummer and journalpostnummer, an entry of another case and numbers that are no numbers', () => {
    expect(problemsOf(withLine(26, '  - number: 2026/101'))).toEqual([
      'arkiv.yaml:26 cases[1] (2026/101).number: saksnummer 2026/101 står to ganger i filen',
      'arkiv.yaml:29 cases[1] (2026/101).entries[0] (2026/102-1).number: journalpost 2026/102-1 hører ikke til sak 2026/101',
    ]);
    expect(problemsOf(withLine(17, '      - number: 2026/101-1'))).toContainEqual(
      'arkiv.yaml:17 cases[0] (2026/101).entries[1] (2026/101-1).number: journalpostnummer 2026/101-1 står to ganger i filen',
    );
    expect(problemsOf(withLine(2, '  - number: 101'))).toEqual(['arkiv.yaml:2 cases[0] (101).number: «101» er ikke et saksnummer; skriv år/løpenummer, for eksempel 2026/123']);
  });

  it('unknown fields, a missing title, a sub-unit of another unit, an unknown approver and behandlingsstatus on a letter', () => {
    expect(
      problemsOf(
        lines(
          ...VALID.slice(0, 2),
          '    tittel: Søknad', // 3
          ...VALID.slice(3, 11),
          '        unit: OKO', // 12
          ...VALID.slice(12, 20),
          '        behandlingsstatus: SU', // 21
          ...VALID.slice(20, 22),
          '          - { approver: ola@eksempel.kommune.no, sender: nils@eksempel.kommune.no }', // 24
          ...VALID.slice(23),
        ),
      ),
    ).toEqual([
      'arkiv.yaml:2 cases[0] (2026/101).title: mangler',
      'arkiv.yaml:3 cases[0] (2026/101).tittel: ukjent felt; her kan stå number, title, publicTitle, status, unit, saksansvarlig, obsDate, enkeltvedtak, entries, decisions',
      'arkiv.yaml:13 cases[0] (2026/101).entries[0] (2026/101-1).subUnit: «BYGG» er ikke en underenhet av «OKO»',
      'arkiv.yaml:21 cases[0] (2026/101).entries[1] (2026/101-2).behandlingsstatus: behandlingsstatus (SU, RE, KL) gjelder bare saksframlegg (type S)',
      'arkiv.yaml:24 cases[0] (2026/101).entries[1] (2026/101-2).approvals[0].approver: ingen person med e-postadresse eller aadObjectId «ola@eksempel.kommune.no» (importer organisasjonen først)',
    ]);
  });

  it('a decision naming an entry outside its case, and the same problems in English with --lang en', () => {
    const text = withLine(25, '      - { title: Rammetillatelse, decided: 2026-13-01, responsible: astrid@eksempel.kommune.no, entry: 2026/102-1 }');
    expect(problemsOf(text)).toEqual([
      'arkiv.yaml:25 cases[0] (2026/101).decisions[0] (Rammetillatelse).decided: «2026-13-01» er ikke en dato; skriv 2026-11-02 eller 2.11.2026',
      'arkiv.yaml:25 cases[0] (2026/101).decisions[0] (Rammetillatelse).entry: journalpost 2026/102-1 står ikke blant sakens journalposter',
    ]);
    expect(problemsOf(text, 'arkiv.yaml', 'en')).toEqual([
      'arkiv.yaml:25 cases[0] (2026/101).decisions[0] (Rammetillatelse).decided: "2026-13-01" is not a date; write 2026-11-02 or 2.11.2026',
      "arkiv.yaml:25 cases[0] (2026/101).decisions[0] (Rammetillatelse).entry: registry entry 2026/102-1 is not among the case's entries",
    ]);
  });

  it('YAML and JSON syntax errors name their line; a file without cases says so', () => {
    expect(problemsOf(withLine(3, '\ttitle: Søknad'))[0]).toMatch(/^arkiv\.yaml:3 ugyldig YAML/);
    expect(problemsOf('{\n  "cases": [\n}\n', 'arkiv.json')[0]).toMatch(/^arkiv\.json:\d+ ugyldig JSON/);
    expect(problemsOf('organisation: Eksempel kommune\n')).toEqual([
      'arkiv.yaml:1 organisation: ukjent felt; her kan stå cases',
      'arkiv.yaml:1 cases: mangler',
    ]);
  });
});

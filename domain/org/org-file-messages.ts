/**
 * What the organisation file check says, in bokmål (the default) and English. The administrator
 * reads these on a command line, not in Teams, so they live beside the parser rather than in the
 * bot's catalogue. File keys (`email`, `leader:`) and role names stay as they are written in the file.
 */

export const ORG_FILE_LANGUAGES = ['nb', 'en'] as const;
export type OrgFileLanguage = (typeof ORG_FILE_LANGUAGES)[number];

export function isOrgFileLanguage(value: unknown): value is OrgFileLanguage {
  return typeof value === 'string' && (ORG_FILE_LANGUAGES as readonly string[]).includes(value);
}

/** What a value should have been, for "must be …". */
export type ValueKind = 'text' | 'number' | 'list' | 'mapping';

const NB_KINDS: Record<ValueKind, string> = {
  text: 'tekst',
  number: 'et tall',
  list: 'en liste',
  mapping: 'en samling av nøkkel: verdi',
};

const EN_KINDS: Record<ValueKind, string> = {
  text: 'text',
  number: 'a number',
  list: 'a list',
  mapping: 'a mapping (key: value)',
};

/** The usual YAML mistakes in words, by the `yaml` package's error code (its own messages are English). */
const NB_YAML_ERRORS: Record<string, string> = {
  BAD_INDENT: 'feil innrykk, eller en { eller [ som ikke er lukket',
  TAB_AS_INDENT: 'tabulator brukt som innrykk; bruk mellomrom',
  MISSING_CHAR: 'et anførselstegn eller en parentes er ikke lukket',
  BLOCK_AS_IMPLICIT_KEY: 'to kolon på samme linje; en verdi med «: » i seg må stå i anførselstegn',
  BAD_SCALAR_START: 'en verdi som begynner med @ eller ` må stå i anførselstegn',
  MULTILINE_IMPLICIT_KEY: 'en nøkkel kan ikke gå over flere linjer',
  MULTIPLE_DOCS: 'filen kan bare ha ett YAML-dokument (ett «---»)',
  UNEXPECTED_TOKEN: 'uventet innhold her; sjekk innrykk og kolon',
  DUPLICATE_KEY: 'samme nøkkel står to ganger',
};

const known = (list: string) => (list ? ` (kjente: ${list})` : ' (ingen er oppført)');
const knownEn = (list: string) => (list ? ` (known: ${list})` : ' (none are listed)');

const nb = {
  problemCount: ({ count }: { count: number }) => `Organisasjonsfilen har ${count} feil`,
  theFile: () => 'filen',
  fileExtension: () => 'filnavnet må slutte på .yaml, .yml eller .json',
  emptyFile: () => 'filen er tom',
  syntax: ({ format, code }: { format: string; code: string; detail: string }) =>
    NB_YAML_ERRORS[code] ? `ugyldig ${format}: ${NB_YAML_ERRORS[code]}` : `ugyldig ${format}`,
  jsonSyntax: ({ character, column, atEnd }: { detail: string; character?: string; column?: number; atEnd: boolean }) =>
    atEnd
      ? 'ugyldig JSON: filen slutter før alt er lukket'
      : character !== undefined
        ? `ugyldig JSON: uventet «${character}» i kolonne ${column}`
        : 'ugyldig JSON',

  required: () => 'mangler',
  mustBe: ({ kind }: { kind: ValueKind }) => `må være ${NB_KINDS[kind]}`,
  emptyMustBe: ({ kind }: { kind: ValueKind }) => `er tom; må være ${NB_KINDS[kind]}`,
  wrongType: () => 'har feil type',
  invalidValue: () => 'har en ugyldig verdi',
  notEmpty: () => 'kan ikke være tom',
  email: () => 'må være en e-postadresse',
  aadObjectId: () => 'må være en objekt-ID fra Entra ID (heksadesimale sifre og bindestreker)',
  personRef: () => 'må angi en person med e-postadresse eller aadObjectId',
  locale: () => 'må være nb, nn eller en',
  unknownRole: ({ value, valid }: { value: string; valid: string }) =>
    `ukjent rolle «${value}»; gyldige roller er ${valid}`,
  leaderAsRole: ({ value }: { value: string }) =>
    `«${value}»: lederen for en enhet angis med «leader:» på enheten, ikke som rolle`,
  deputyAsRole: ({ value }: { value: string }) =>
    `«${value}»: stedfortredere føres opp med «deputies:» på enheten, ikke som rolle`,
  roleForm: () => 'må være et rollenavn eller { role, unit, subjectAreas }',
  roleFields: () => 'ukjent felt; en rolle skrives som et navn eller som { role, unit, subjectAreas }',
  subjectAreaFields: () => 'ukjent felt; et fagområde har code og name',
  unitFields: () => 'ukjent felt; en enhet har code, name, parent, leader og deputies',
  personFields: () => 'ukjent felt; en person har aadObjectId, name, email, locale, unit og roles',
  fileFields: () =>
    'ukjent felt; filen har organisation, postAddress, dailyCardTime, subjectAreas, units og people',
  timeOfDay: () => 'må være et klokkeslett som 07:30 (timer og minutter, 24-timersklokke)',

  duplicateSubjectArea: ({ first }: { first: string }) => `samme fagområdekode som ${first}`,
  duplicateUnit: ({ first }: { first: string }) => `samme enhetskode som ${first}`,
  duplicateAadObjectId: ({ first }: { first: string }) => `samme aadObjectId som ${first}`,
  duplicateEmail: ({ first }: { first: string }) => `samme e-postadresse som ${first}`,
  unknownUnit: ({ code, list }: { code: string; list: string }) => `ukjent enhetskode «${code}»${known(list)}`,
  unknownSubjectArea: ({ code, list }: { code: string; list: string }) =>
    `ukjent fagområdekode «${code}»${known(list)}`,
  unknownPerson: ({ ref }: { ref: string }) => `ingen i people har e-postadresse eller aadObjectId «${ref}»`,
  leaderAsOwnDeputy: () => 'er leder for enheten og kan ikke være sin egen stedfortreder',
  deputyTwice: () => 'står to ganger blant stedfortrederne',
  roleNeedsSubjectArea: ({ role }: { role: string }) =>
    `${role} trenger et fagområde: skriv { role: ${role}, subjectAreas: [KODE] }`,
  parentCycle: ({ codes }: { codes: string }) => `overordnede enheter går i ring: ${codes}`,
};

export type OrgFileMessages = typeof nb;
export type OrgFileMessageKey = keyof OrgFileMessages;

const en: OrgFileMessages = {
  problemCount: ({ count }) => `The organisation file has ${count} ${count === 1 ? 'problem' : 'problems'}`,
  theFile: () => 'the file',
  fileExtension: () => 'the file name must end in .yaml, .yml or .json',
  emptyFile: () => 'the file is empty',
  syntax: ({ format, detail }) => `not valid ${format}: ${detail}`,
  jsonSyntax: ({ detail }) => `not valid JSON: ${detail}`,

  required: () => 'is required',
  mustBe: ({ kind }) => `must be ${EN_KINDS[kind]}`,
  emptyMustBe: ({ kind }) => `is empty; must be ${EN_KINDS[kind]}`,
  wrongType: () => 'has the wrong type',
  invalidValue: () => 'has an invalid value',
  notEmpty: () => 'must not be empty',
  email: () => 'must be an e-mail address',
  aadObjectId: () => 'must be an Entra ID object id (hex digits and dashes)',
  personRef: () => 'must name a person by e-mail or aadObjectId',
  locale: () => 'must be nb, nn or en',
  unknownRole: ({ value, valid }) => `unknown role "${value}"; valid roles are ${valid}`,
  leaderAsRole: ({ value }) => `"${value}": a unit's leader is set with "leader:" on the unit, not as a role`,
  deputyAsRole: ({ value }) => `"${value}": deputies are listed with "deputies:" on the unit, not as a role`,
  roleForm: () => 'must be a role name or { role, unit, subjectAreas }',
  roleFields: () => 'unknown field; a role is written as a name or as { role, unit, subjectAreas }',
  subjectAreaFields: () => 'unknown field; a subject area has code and name',
  unitFields: () => 'unknown field; a unit has code, name, parent, leader and deputies',
  personFields: () => 'unknown field; a person has aadObjectId, name, email, locale, unit and roles',
  fileFields: () => 'unknown field; the file has organisation, postAddress, dailyCardTime, subjectAreas, units and people',
  timeOfDay: () => 'must be a time of day such as 07:30 (hours and minutes, 24-hour clock)',

  duplicateSubjectArea: ({ first }) => `same subject area code as ${first}`,
  duplicateUnit: ({ first }) => `same unit code as ${first}`,
  duplicateAadObjectId: ({ first }) => `same aadObjectId as ${first}`,
  duplicateEmail: ({ first }) => `same e-mail address as ${first}`,
  unknownUnit: ({ code, list }) => `unknown unit code "${code}"${knownEn(list)}`,
  unknownSubjectArea: ({ code, list }) => `unknown subject area code "${code}"${knownEn(list)}`,
  unknownPerson: ({ ref }) => `no person with e-mail or aadObjectId "${ref}" in people`,
  leaderAsOwnDeputy: () => "is the unit's leader and cannot be their own deputy",
  deputyTwice: () => 'is listed twice as deputy',
  roleNeedsSubjectArea: ({ role }) => `${role} needs a subject area: write { role: ${role}, subjectAreas: [CODE] }`,
  parentCycle: ({ codes }) => `units form a parent cycle: ${codes}`,
};

export const ORG_FILE_MESSAGES: Record<OrgFileLanguage, OrgFileMessages> = { nb, en };

/** The parameters a message takes (`undefined` for those that take none). */
export type OrgFileMessageParams<K extends OrgFileMessageKey> =
  Parameters<OrgFileMessages[K]> extends [infer P] ? P : undefined;

/** A message not yet put into words: the key and its parameters. */
export type OrgFileMessage = {
  [K in OrgFileMessageKey]: OrgFileMessageParams<K> extends undefined
    ? { key: K; params?: undefined }
    : { key: K; params: OrgFileMessageParams<K> };
}[OrgFileMessageKey];

export function renderOrgFileMessage(message: OrgFileMessage, language: OrgFileLanguage): string {
  const render = ORG_FILE_MESSAGES[language][message.key] as (params?: object) => string;
  return render(message.params);
}

export function isOrgFileMessageKey(value: unknown): value is OrgFileMessageKey {
  return typeof value === 'string' && Object.hasOwn(nb, value);
}

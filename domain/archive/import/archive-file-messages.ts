/**
 * What the archive file check says, in bokmål (the default) and English. Like the organisation
 * file's messages (domain/org/org-file-messages.ts) they are read on a command line, so they live
 * beside the parser. File keys (`caseworker`, `writeOff`) and Noark codes stay as written.
 */
import type { OrgFileLanguage } from '../../org/org-file-messages.js';

export type ArchiveFileLanguage = OrgFileLanguage;

const nb = {
  problemCount: ({ count }: { count: number }) => `Arkivfilen har ${count} feil`,
  theFile: () => 'filen',
  notMapping: () => 'filen må være en samling med «cases:»',
  required: () => 'mangler',
  text: () => 'må være tekst',
  list: () => 'må være en liste',
  mapping: () => 'må være en samling av nøkkel: verdi',
  boolean: () => 'må være true eller false',
  positiveNumber: () => 'må være et helt tall fra 1',
  unknownField: ({ allowed }: { allowed: string }) => `ukjent felt; her kan stå ${allowed}`,
  badCode: ({ value, valid }: { value: string; valid: string }) => `ukjent kode «${value}»; gyldige koder er ${valid}`,
  badDate: ({ value }: { value: string }) => `«${value}» er ikke en dato; skriv 2026-11-02 eller 2.11.2026`,
  caseNumber: ({ value }: { value: string }) => `«${value}» er ikke et saksnummer; skriv år/løpenummer, for eksempel 2026/123`,
  entryNumber: ({ value }: { value: string }) =>
    `«${value}» er ikke et journalpostnummer; skriv år/løpenummer-dokumentnummer, for eksempel 2026/123-1`,
  entryNotInCase: ({ value, caseNumber }: { value: string; caseNumber: string }) => `journalpost ${value} hører ikke til sak ${caseNumber}`,
  duplicateCase: ({ value }: { value: string }) => `saksnummer ${value} står to ganger i filen`,
  duplicateEntry: ({ value }: { value: string }) => `journalpostnummer ${value} står to ganger i filen`,
  duplicateDecision: ({ value }: { value: string }) => `vedtaket «${value}» står to ganger i saken`,
  duplicateStep: ({ chain, order }: { chain: number; order: number }) => `godkjenningsrunde ${chain} har to steg nummer ${order}`,
  unknownPerson: ({ ref }: { ref: string }) => `ingen person med e-postadresse eller aadObjectId «${ref}» (importer organisasjonen først)`,
  unknownUnit: ({ code }: { code: string }) => `ukjent enhetskode «${code}» (importer organisasjonen først)`,
  subUnitWithoutUnit: () => 'en underenhet krever at enheten (unit) er oppgitt',
  subUnitNotUnder: ({ code, unit }: { code: string; unit: string }) => `«${code}» er ikke en underenhet av «${unit}»`,
  behandlingsstatusOnlyS: () => 'behandlingsstatus (SU, RE, KL) gjelder bare saksframlegg (type S)',
  writeOffNotBacklog: ({ type, status }: { type: string; status: string }) =>
    `en journalpost av type ${type} med status ${status} kan ikke avskrives; bare inngående dokumenter (I) og notater (N) som ikke utgår`,
  replyRequired: ({ method, wanted }: { method: string; wanted: string }) =>
    `avskrivningsmåte ${method} krever svaret (reply): journalpostnummeret til ${wanted === 'U' ? 'det utgående brevet (U)' : 'notatet (N)'} i samme sak`,
  replyNotFound: ({ reply }: { reply: string }) => `svaret ${reply} finnes ikke i filen`,
  replyOtherCase: ({ reply, method }: { reply: string; method: string }) => `svaret ${reply} hører til en annen sak; ${method} krever et svar i samme sak`,
  replyWrongType: ({ reply, method, wanted, type }: { reply: string; method: string; wanted: string; type: string }) =>
    `${method} krever at svaret er ${wanted === 'U' ? 'en utgående journalpost (U)' : 'et notat (N)'}; ${reply} er av type ${type}`,
  replyItself: () => 'en journalpost kan ikke være sitt eget svar',
  replyCancelled: ({ reply }: { reply: string }) => `svaret ${reply} har status U (utgår)`,
  replyNotNeeded: ({ method }: { method: string }) => `avskrivningsmåte ${method} har ikke noe svar; fjern reply`,
  replyCycle: ({ reply }: { reply: string }) => `avskrivningene går i ring gjennom ${reply}`,
  decisionEntryUnknown: ({ value }: { value: string }) => `journalpost ${value} står ikke blant sakens journalposter`,
};

export type ArchiveFileMessages = typeof nb;
export type ArchiveFileMessageKey = keyof ArchiveFileMessages;

const en: ArchiveFileMessages = {
  problemCount: ({ count }) => `The archive file has ${count} ${count === 1 ? 'problem' : 'problems'}`,
  theFile: () => 'the file',
  notMapping: () => 'the file must be a mapping with "cases:"',
  required: () => 'is required',
  text: () => 'must be text',
  list: () => 'must be a list',
  mapping: () => 'must be a mapping (key: value)',
  boolean: () => 'must be true or false',
  positiveNumber: () => 'must be a whole number from 1',
  unknownField: ({ allowed }) => `unknown field; allowed here: ${allowed}`,
  badCode: ({ value, valid }) => `unknown code "${value}"; valid codes are ${valid}`,
  badDate: ({ value }) => `"${value}" is not a date; write 2026-11-02 or 2.11.2026`,
  caseNumber: ({ value }) => `"${value}" is not a case number (saksnummer); write year/sequence, e.g. 2026/123`,
  entryNumber: ({ value }) => `"${value}" is not a registry entry number (journalpostnummer); write year/sequence-document, e.g. 2026/123-1`,
  entryNotInCase: ({ value, caseNumber }) => `registry entry ${value} does not belong to case ${caseNumber}`,
  duplicateCase: ({ value }) => `case number ${value} appears twice in the file`,
  duplicateEntry: ({ value }) => `registry entry number ${value} appears twice in the file`,
  duplicateDecision: ({ value }) => `the decision "${value}" appears twice in the case`,
  duplicateStep: ({ chain, order }) => `approval chain ${chain} has two steps numbered ${order}`,
  unknownPerson: ({ ref }) => `no person with e-mail or aadObjectId "${ref}" (import the organisation first)`,
  unknownUnit: ({ code }) => `unknown unit code "${code}" (import the organisation first)`,
  subUnitWithoutUnit: () => 'a sub-unit needs the unit (unit) as well',
  subUnitNotUnder: ({ code, unit }) => `"${code}" is not a sub-unit of "${unit}"`,
  behandlingsstatusOnlyS: () => 'behandlingsstatus (SU, RE, KL) is for a saksframlegg (type S) only',
  writeOffNotBacklog: ({ type, status }) =>
    `a registry entry of type ${type} with status ${status} cannot be written off; only incoming documents (I) and notes (N) that are not cancelled`,
  replyRequired: ({ method, wanted }) =>
    `write-off method ${method} needs the reply (reply): the number of the ${wanted === 'U' ? 'outgoing letter (U)' : 'note (N)'} in the same case`,
  replyNotFound: ({ reply }) => `the reply ${reply} is not in the file`,
  replyOtherCase: ({ reply, method }) => `the reply ${reply} belongs to another case; ${method} needs a reply in the same case`,
  replyWrongType: ({ reply, method, wanted, type }) =>
    `${method} needs the reply to be ${wanted === 'U' ? 'an outgoing entry (U)' : 'a note (N)'}; ${reply} is of type ${type}`,
  replyItself: () => 'a registry entry cannot be its own reply',
  replyCancelled: ({ reply }) => `the reply ${reply} has status U (cancelled)`,
  replyNotNeeded: ({ method }) => `write-off method ${method} takes no reply; remove reply`,
  replyCycle: ({ reply }) => `the write-offs go round in a circle through ${reply}`,
  decisionEntryUnknown: ({ value }) => `registry entry ${value} is not among the case's entries`,
};

export const ARCHIVE_FILE_MESSAGES: Record<ArchiveFileLanguage, ArchiveFileMessages> = { nb, en };

export type ArchiveFileMessageParams<K extends ArchiveFileMessageKey> = Parameters<ArchiveFileMessages[K]> extends [infer P] ? P : undefined;

/** A message not yet put into words: the key and its parameters. */
export type ArchiveFileMessage = {
  [K in ArchiveFileMessageKey]: ArchiveFileMessageParams<K> extends undefined ? { key: K; params?: undefined } : { key: K; params: ArchiveFileMessageParams<K> };
}[ArchiveFileMessageKey];

export function renderArchiveFileMessage(message: ArchiveFileMessage, language: ArchiveFileLanguage): string {
  const render = ARCHIVE_FILE_MESSAGES[language][message.key] as (params?: object) => string;
  return render(message.params);
}

/**
 * Noark 5 codes as the archive port speaks them (metadatakatalogen; the local additions are
 * marked). Stored as text by the built-in registry; a Tjenestegrensesnitt client maps its own.
 */

/** Journalposttype: inngående, utgående, organinternt notat med/uten oppfølging, saksframlegg. */
export const JOURNALPOSTTYPER = ['I', 'U', 'N', 'X', 'S'] as const;
export type Journalposttype = (typeof JOURNALPOSTTYPER)[number];

/**
 * Journalstatus: J journalført, F ferdigstilt fra saksbehandler, G godkjent av leder, E ekspedert,
 * A arkivert, U utgår, M midlertidig registrering av innkommet dokument, S registrert av
 * saksbehandler, R reservert dokument (konsept).
 */
export const JOURNALSTATUSER = ['J', 'F', 'G', 'E', 'A', 'U', 'M', 'S', 'R'] as const;
export type Journalstatus = (typeof JOURNALSTATUSER)[number];

/**
 * Avskrivningsmåte: BU besvart med utgående brev, BE besvart med e-post, TLF besvart på telefon,
 * TE tatt til etterretning, TO tatt til orientering, BN besvart med notat, SA sak avsluttet;
 * local: NN notat besvart med nytt notat, and `***` foreløpig svar sendt (the entry stays in the
 * backlog until it is written off for real).
 */
export const AVSKRIVNINGSMATER = ['BU', 'BE', 'TLF', 'TE', 'TO', 'BN', 'SA', 'NN', '***'] as const;
export type Avskrivningsmate = (typeof AVSKRIVNINGSMATER)[number];

/** The foreløpig svar (forvaltningsloven § 11 a): written down, but the entry is still owed an answer. */
export const FORELOPIG_SVAR = '***' satisfies Avskrivningsmate;

/**
 * Tilgangskode: XX is the provisional code a registrar sets when an entry must be assessed
 * (offentlighetsvurdering). The real codes follow the usual municipal set: U unntatt offentlighet,
 * P personalsak, B barnevern, H helse, K kontroll og tilsyn.
 */
export const TILGANGSKODER = ['XX', 'U', 'P', 'B', 'H', 'K'] as const;
export type Tilgangskode = (typeof TILGANGSKODER)[number];
export const PROVISIONAL_ACCESS_CODE = 'XX' satisfies Tilgangskode;
export type RealTilgangskode = Exclude<Tilgangskode, 'XX'>;

/**
 * Skjermingshjemmel: the paragraph of offentleglova an entry is screened under (`13` is
 * offl. § 13, teieplikt). §§ 14 and 15 are «kan unnta»: meirinnsyn (§ 11) must be considered.
 */
export const OFFENTLEGLOVA_HJEMLER = ['13', '14', '15', '18', '20', '21', '22', '23', '24', '25', '26'] as const;
export type OffentleglovaHjemmel = (typeof OFFENTLEGLOVA_HJEMLER)[number];
export const MEIRINNSYN_HJEMLER: readonly OffentleglovaHjemmel[] = ['14', '15'];

/** The fields of an entry that can be screened (skjerming av metadata and the document). */
export const SKJERMEDE_FELT = ['tittel', 'korrespondansepart', 'dokument'] as const;
export type SkjermetFelt = (typeof SKJERMEDE_FELT)[number];

/**
 * Flytstatus of one approval step: V venter (waiting for this approver; local), G godkjent,
 * I ikke godkjent (returned with a comment), S sendt videre (on to the next approver).
 */
export const FLYTSTATUSER = ['V', 'G', 'I', 'S'] as const;
export type Flytstatus = (typeof FLYTSTATUSER)[number];

/**
 * Behandlingsstatus of a saksframlegg (journalposttype S), with its journalstatus:
 * SU/F utarbeidet by the caseworker → RE/G approved by the leader, with the top approver →
 * KL/F approved finally, ready for the political meeting queue.
 */
export const BEHANDLINGSSTATUSER = ['SU', 'RE', 'KL'] as const;
export type Behandlingsstatus = (typeof BEHANDLINGSSTATUSER)[number];

/**
 * Saksstatus: B under behandling, R reservert (opened by a caseworker, not yet in use),
 * F merket for avslutning (avsluttet av saksbehandler), A avsluttet, U utgår.
 */
export const SAKSSTATUSER = ['B', 'R', 'F', 'A', 'U'] as const;
export type Saksstatus = (typeof SAKSSTATUSER)[number];

/** `2026/1234`. */
export type Saksnummer = `${number}/${number}`;
/** `2026/1234-3`. */
export type Journalpostnummer = `${number}/${number}-${number}`;

/** A calendar date as `YYYY-MM-DD` (dates in the archive have no time of day). */
export type IsoDate = string;

export const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (values as readonly string[]).includes(value);

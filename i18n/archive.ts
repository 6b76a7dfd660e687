/**
 * The archive registry's refusals (domain/archive/rules.ts): what a caseworker, leader or the
 * archive reads when an action on a registry entry breaks a rule. Noark 5 vocabulary.
 */
export const archiveNb = {
  'archive.error.notBacklog':
    'Bare inngående dokumenter (I) og notater med oppfølging (N) kan avskrives, og ikke når journalposten er satt til «utgår». Ingenting er endret.',
  'archive.error.replyRequired':
    'Avskrivning med BU, BN eller NN krever journalpostnummeret til svaret (for eksempel 2026/1234-4). Ingenting er endret.',
  'archive.error.replyInvalid':
    'Svaret må være en journalpost i samme sak: et utgående brev (U) for BU, et notat (N) for BN og NN. Ingenting er endret.',
  'archive.error.commentRequired': '«Ikke godkjent» krever en kommentar om hva som må rettes. Ingenting er endret.',
  'archive.error.screeningIncomplete':
    'For å unnta fra offentlighet må du velge tilgangskode, hjemmel i offentleglova og hvilke felt som skal skjermes. Ingenting er endret.',
  'archive.error.meirinnsynRequired':
    'Ved unntak etter offentleglova §§ 14 og 15 må du bekrefte at meirinnsyn etter § 11 er vurdert. Ingenting er endret.',
  'archive.error.caseworkerNotInUnit': 'Saksbehandleren du valgte, hører ikke til enheten eller underenheten. Ingenting er endret.',
  'archive.error.caseNotClosable':
    'Saken kan ikke avsluttes ennå: alle inngående dokumenter må være avskrevet og alle egne dokumenter ferdigstilt eller ekspedert. Ingenting er endret.',
  'archive.error.wrongStatus': 'Journalposten eller saken har en status som ikke tillater dette. Ingenting er endret.',
  'archive.error.accessUndecided':
    'Journalposten har foreløpig tilgangskode XX og må offentlighetsvurderes før den kan journalføres. Ingenting er endret.',
  'archive.error.noTopApprover':
    'Saksframlegget kan ikke sendes til endelig godkjenning fordi ingen er registrert som endelig godkjenner. Ingenting er endret; kontakt arkivet.',
} as const;

export const archiveNn: Record<keyof typeof archiveNb, string> = {
  'archive.error.notBacklog':
    'Berre inngåande dokument (I) og notat med oppfølging (N) kan avskrivast, og ikkje når journalposten er sett til «utgår». Ingenting er endra.',
  'archive.error.replyRequired':
    'Avskriving med BU, BN eller NN krev journalpostnummeret til svaret (til dømes 2026/1234-4). Ingenting er endra.',
  'archive.error.replyInvalid':
    'Svaret må vere ein journalpost i same sak: eit utgåande brev (U) for BU, eit notat (N) for BN og NN. Ingenting er endra.',
  'archive.error.commentRequired': '«Ikkje godkjent» krev ein kommentar om kva som må rettast. Ingenting er endra.',
  'archive.error.screeningIncomplete':
    'For å unnta frå innsyn må du velje tilgangskode, heimel i offentleglova og kva felt som skal skjermast. Ingenting er endra.',
  'archive.error.meirinnsynRequired':
    'Ved unntak etter offentleglova §§ 14 og 15 må du stadfeste at meirinnsyn etter § 11 er vurdert. Ingenting er endra.',
  'archive.error.caseworkerNotInUnit': 'Sakshandsamaren du valde, høyrer ikkje til eininga eller undereininga. Ingenting er endra.',
  'archive.error.caseNotClosable':
    'Saka kan ikkje avsluttast enno: alle inngåande dokument må vere avskrivne og alle eigne dokument ferdigstilte eller ekspederte. Ingenting er endra.',
  'archive.error.wrongStatus': 'Journalposten eller saka har ein status som ikkje tillèt dette. Ingenting er endra.',
  'archive.error.accessUndecided':
    'Journalposten har mellombels tilgangskode XX og må vurderast for innsyn før han kan journalførast. Ingenting er endra.',
  'archive.error.noTopApprover':
    'Saksframlegget kan ikkje sendast til endeleg godkjenning fordi ingen er registrert som endeleg godkjennar. Ingenting er endra; kontakt arkivet.',
};

export const archiveEn: Record<keyof typeof archiveNb, string> = {
  'archive.error.notBacklog':
    'Only incoming documents (I) and notes for follow-up (N) can be written off, and not when the entry is marked «utgår» (void). Nothing was changed.',
  'archive.error.replyRequired':
    'Writing off with BU, BN or NN needs the registry number of the reply (for example 2026/1234-4). Nothing was changed.',
  'archive.error.replyInvalid':
    'The reply must be a registry entry in the same case: an outgoing letter (U) for BU, a note (N) for BN and NN. Nothing was changed.',
  'archive.error.commentRequired': '«Not approved» needs a comment on what must be corrected. Nothing was changed.',
  'archive.error.screeningIncomplete':
    'To exempt an entry from public access, choose an access code, a legal basis in the Freedom of Information Act (offentleglova) and the fields to screen. Nothing was changed.',
  'archive.error.meirinnsynRequired':
    'Exempting under offentleglova sections 14 and 15 needs your confirmation that greater access (meirinnsyn, section 11) was considered. Nothing was changed.',
  'archive.error.caseworkerNotInUnit': 'The caseworker you chose does not belong to the unit or sub-unit. Nothing was changed.',
  'archive.error.caseNotClosable':
    'The case cannot be closed yet: every incoming document must be written off and every own document finished or dispatched. Nothing was changed.',
  'archive.error.wrongStatus': 'The registry entry or case has a status that does not allow this. Nothing was changed.',
  'archive.error.accessUndecided':
    'The registry entry has the provisional access code XX and must be assessed for public access before it can be registered finally. Nothing was changed.',
  'archive.error.noTopApprover':
    'The case presentation cannot go to final approval because no one is registered as the final approver. Nothing was changed; contact the archive.',
};

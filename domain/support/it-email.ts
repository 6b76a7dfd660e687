/** What the e-mail to IT is made of: the henvendelse, who asked, whom it concerns, and why IT. */
export interface ItEmailInput {
  /** The henvendelse's number, `BS-2026-00042`. */
  number: string;
  /** Who asked for help: in copy of the e-mail. */
  requester: { name: string; email: string };
  /** Whose problem it is (often the requester): named in full, so IT knows whom to help. */
  affectedPerson: { name: string; email?: string | null };
  /** The routine's three questions: what is to be done, who is to do it, what the result should be. */
  what: string;
  who?: string | null;
  result?: string | null;
  /** A case or registry entry reference (`2026/1234-3`). */
  reference?: string | null;
  /** Why the henvendelse goes to IT, as first line wrote it when handing it over. */
  reason: string;
  /** Who sends it: the archive's name (`Dokumentsenteret, Eksempel kommune`). */
  archiveName: string;
}

export interface ItEmail {
  subject: string;
  /** Plain text, bokmål. */
  text: string;
  /** The requester, in copy. */
  cc: string[];
}

/** One line for a header: a line break there would start a new header. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * The e-mail from the archive to IT for a henvendelse handed over to IT (pure: the hand-over
 * enqueues it with enqueueEmail, from SUPPORT_FROM_ADDRESS to IT_SUPPORT_ADDRESS). The number
 * leads the subject in brackets so that IT's answer, which keeps the subject, can be matched to
 * the henvendelse. In bokmål: IT departments are addressed in the organisation's own language.
 */
export function composeItEmail(input: ItEmailInput): ItEmail {
  const number = oneLine(input.number);
  const person = (who: { name: string; email?: string | null }) => (who.email ? `${oneLine(who.name)} (${oneLine(who.email)})` : oneLine(who.name));
  const section = (question: string, answer?: string | null) => (answer?.trim() ? [question, answer.trim(), ''] : []);
  const lines = [
    'Hei,',
    '',
    `${oneLine(input.archiveName)} sender denne henvendelsen videre til IT.`,
    '',
    `Henvendelse: ${number}`,
    `Gjelder: ${person(input.affectedPerson)}`,
    `Meldt av: ${person(input.requester)}, som har fått kopi av denne e-posten.`,
    ...(input.reference?.trim() ? [`Referanse i sak-/arkivsystemet: ${oneLine(input.reference)}`] : []),
    '',
    'Hvorfor den sendes til IT:',
    input.reason.trim(),
    '',
    ...section('Hva skal utføres?', input.what),
    ...section('Hvem skal utføre det?', input.who),
    ...section('Hva skal sluttresultatet være?', input.result),
    `Svar til denne adressen, og behold ${number} i emnefeltet.`,
    '',
    'Med vennlig hilsen',
    oneLine(input.archiveName),
  ];
  return {
    subject: `[${number}] Henvendelse til IT fra arkivet`,
    text: `${lines.join('\n')}\n`,
    cc: [input.requester.email],
  };
}

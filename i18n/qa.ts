/**
 * Spørretimer (PRODUCT.md §4) and the known-error register: the sentences of their domain errors
 * (`qa.error.*`, mapped in bot/errors.ts) and what askers, voters and reporters are told in their
 * 1:1 chat (`qa.notify.*`). {session} is a session's title; {question} a question's text;
 * {answer} the written answer; {reason} why a question was hidden; {title} a known error's title.
 */
export const qaNb = {
  'qa.error.sessionOverlap': 'Samtalen har allerede en spørretime på dette tidspunktet. Én spørretime om gangen i hver samtale – velg et annet tidspunkt.',
  'qa.error.invalidTimes': 'Sjekk tidene: slutten må komme etter starten, spørretimen må slutte fram i tid og vare høyst 12 timer, og i et par må åpningen slutte før avslutningen begynner.',
  'qa.error.sessionClosed': 'Spørretimen er avsluttet og tar ikke imot flere spørsmål eller stemmer.',
  'qa.error.anonymousNotAllowed': 'Denne spørretimen tar ikke imot anonyme spørsmål. Send spørsmålet med navnet ditt, eller spør moderatoren.',
  'qa.error.ownQuestion': 'Du kan ikke stemme på ditt eget spørsmål.',
  'qa.error.questionNotOpen': 'Spørsmålet er ikke i en tilstand som tillater dette (det kan være skjult, slått sammen med et annet eller allerede besvart).',
  'qa.error.answerRequired': 'Skriv et svar før du merker spørsmålet som besvart.',
  'qa.error.textLength': 'Teksten er tom eller for lang. Et spørsmål kan ha høyst 1000 tegn, et svar eller en beskrivelse høyst 4000 og en tittel høyst 200.',
  'qa.error.notErrorReport': 'Bare feilmeldinger kan gjøres til eller knyttes til en kjent feil.',
  'qa.error.vendorReferenceRequired': 'Skriv leverandørens referanse når feilen meldes til leverandøren.',
  'qa.notify.answered': 'Spørsmålet ditt i «{session}» er besvart.\n\n«{question}»\n\n{answer}',
  'qa.notify.answeredVoted': 'Et spørsmål du stemte på i «{session}» er besvart.\n\n«{question}»\n\n{answer}',
  'qa.notify.hidden': 'Spørsmålet ditt i «{session}» er skjult av moderatoren. Begrunnelse: {reason}\n\n«{question}»',
  'qa.notify.knownErrorFixed': 'Feilen du meldte eller stemte på, er rettet: «{title}».',
} as const;

export const qaNn: Record<keyof typeof qaNb, string> = {
  'qa.error.sessionOverlap': 'Samtalen har alt ein spørjetime på dette tidspunktet. Éin spørjetime om gongen i kvar samtale – vel eit anna tidspunkt.',
  'qa.error.invalidTimes': 'Sjekk tidene: slutten må kome etter starten, spørjetimen må slutte fram i tid og vare høgst 12 timar, og i eit par må opninga slutte før avslutninga byrjar.',
  'qa.error.sessionClosed': 'Spørjetimen er avslutta og tek ikkje imot fleire spørsmål eller røyster.',
  'qa.error.anonymousNotAllowed': 'Denne spørjetimen tek ikkje imot anonyme spørsmål. Send spørsmålet med namnet ditt, eller spør moderatoren.',
  'qa.error.ownQuestion': 'Du kan ikkje røyste på ditt eige spørsmål.',
  'qa.error.questionNotOpen': 'Spørsmålet er ikkje i ein tilstand som tillèt dette (det kan vere gøymt, slått saman med eit anna eller alt svart på).',
  'qa.error.answerRequired': 'Skriv eit svar før du merkjer spørsmålet som svart på.',
  'qa.error.textLength': 'Teksten er tom eller for lang. Eit spørsmål kan ha høgst 1000 teikn, eit svar eller ei skildring høgst 4000 og ein tittel høgst 200.',
  'qa.error.notErrorReport': 'Berre feilmeldingar kan gjerast til eller knytast til ein kjend feil.',
  'qa.error.vendorReferenceRequired': 'Skriv referansen til leverandøren når feilen blir meld til leverandøren.',
  'qa.notify.answered': 'Spørsmålet ditt i «{session}» er svart på.\n\n«{question}»\n\n{answer}',
  'qa.notify.answeredVoted': 'Eit spørsmål du røysta på i «{session}», er svart på.\n\n«{question}»\n\n{answer}',
  'qa.notify.hidden': 'Spørsmålet ditt i «{session}» er gøymt av moderatoren. Grunngiving: {reason}\n\n«{question}»',
  'qa.notify.knownErrorFixed': 'Feilen du melde eller røysta på, er retta: «{title}».',
};

export const qaEn: Record<keyof typeof qaNb, string> = {
  'qa.error.sessionOverlap': 'This conversation already has a Q&A session at that time. One session at a time in each conversation – choose another time.',
  'qa.error.invalidTimes': 'Check the times: the end must come after the start, the session must end in the future and last at most 12 hours, and in a pair the opening must end before the closing begins.',
  'qa.error.sessionClosed': 'The Q&A session has ended and takes no more questions or votes.',
  'qa.error.anonymousNotAllowed': 'This Q&A session does not take anonymous questions. Send the question with your name, or ask the moderator.',
  'qa.error.ownQuestion': 'You cannot vote for your own question.',
  'qa.error.questionNotOpen': 'The question is not in a state that allows this (it may be hidden, merged with another or already answered).',
  'qa.error.answerRequired': 'Write an answer before you mark the question as answered.',
  'qa.error.textLength': 'The text is empty or too long. A question can have at most 1000 characters, an answer or a description at most 4000 and a title at most 200.',
  'qa.error.notErrorReport': 'Only error reports can be made into or linked to a known error.',
  'qa.error.vendorReferenceRequired': 'Enter the vendor’s reference when the error is reported to the vendor.',
  'qa.notify.answered': 'Your question in “{session}” has been answered.\n\n“{question}”\n\n{answer}',
  'qa.notify.answeredVoted': 'A question you voted for in “{session}” has been answered.\n\n“{question}”\n\n{answer}',
  'qa.notify.hidden': 'Your question in “{session}” was hidden by the moderator. Reason: {reason}\n\n“{question}”',
  'qa.notify.knownErrorFixed': 'The error you reported or voted for has been fixed: “{title}”.',
};

/**
 * The message actions on a Teams message: «Opprett henvendelse» and «Send til journalføring»
 * (domain/support/submit-from-message.ts, bot/routes/message-actions.ts). Spread into nb.ts,
 * nn.ts and en.ts; keys are prefixed `messageAction.` (and `feature.`, `support.` where the
 * support cards show what a message action made).
 */
export const messageActionsNb = {
  'feature.messageActions':
    'Velg «Opprett henvendelse» under «Flere handlinger» (…) på en melding i Teams, så blir meldingen en henvendelse med tekst, avsender og lenke. «Send til journalføring» sender et dokument du har fått i Teams, til arkivet med filene.',

  'support.category.journalforing': 'Send til journalføring',
  'support.field.source': 'Fra melding i Teams av',
  'support.source.open': 'Åpne meldingen i Teams',
  'support.source.unknownAuthor': 'ukjent avsender',

  'messageAction.createRequest.title': 'Opprett henvendelse',
  'messageAction.createRequest.description': 'Lag en henvendelse til brukerstøtten av denne meldingen, med tekst, avsender og lenke',
  'messageAction.sendToArchive.title': 'Send til journalføring',
  'messageAction.sendToArchive.description': 'Send dokumentet i denne meldingen til arkivet for journalføring, med filene',

  'messageAction.createRequest.speak': 'Opprett henvendelse av meldingen: velg hva det gjelder og hvor mye det haster, og send.',
  'messageAction.sendToArchive.speak': 'Send meldingen og filene til arkivet for journalføring: skriv gjerne hva det gjelder, og send.',
  'messageAction.speakProblems': 'Ingenting er sendt. Rett feltene som er nevnt øverst, og send igjen.',
  'messageAction.createRequest.intro': 'Meldingen blir en henvendelse til brukerstøtten, med teksten, avsenderen og en lenke til meldingen.',
  'messageAction.sendToArchive.intro': 'Arkivet får meldingen, filene og en lenke til meldingen, og journalfører dokumentet.',
  'messageAction.message': 'Meldingen',
  'messageAction.author': 'Skrevet av {author}',
  'messageAction.noText': 'Meldingen har ingen tekst.',
  'messageAction.files': 'Filer som følger med',
  'messageAction.noFiles': 'Meldingen har ingen filer. Arkivet får teksten og lenken til meldingen.',
  'messageAction.createRequest.note': 'Hva trenger du hjelp med? (valgfritt)',
  'messageAction.sendToArchive.note': 'Hva gjelder dokumentet, og hvor hører det hjemme? (valgfritt)',
  'messageAction.notePlaceholder': 'Teksten kommer foran meldingen i henvendelsen',
  'messageAction.createRequest.submit': 'Opprett henvendelsen',
  'messageAction.sendToArchive.submit': 'Send til journalføring',
  'messageAction.problems': 'Ingenting er sendt. Rett dette, og send igjen:',
  'messageAction.noteRequired': 'Meldingen har ingen tekst: skriv hva det gjelder.',
  'messageAction.createRequest.done': 'Henvendelse {number} er registrert med meldingen. Du får beskjed i chatten med Arkivlos når statusen endrer seg.',
  'messageAction.sendToArchive.done': 'Henvendelse {number} er sendt til arkivet for journalføring. Du får beskjed i chatten med Arkivlos når statusen endrer seg.',
} as const;

export const messageActionsNn: Record<keyof typeof messageActionsNb, string> = {
  'feature.messageActions':
    'Vel «Opprett førespurnad» under «Fleire handlingar» (…) på ei melding i Teams, så blir meldinga ein førespurnad med tekst, avsendar og lenkje. «Send til journalføring» sender eit dokument du har fått i Teams, til arkivet med filene.',

  'support.category.journalforing': 'Send til journalføring',
  'support.field.source': 'Frå melding i Teams av',
  'support.source.open': 'Opne meldinga i Teams',
  'support.source.unknownAuthor': 'ukjend avsendar',

  'messageAction.createRequest.title': 'Opprett førespurnad',
  'messageAction.createRequest.description': 'Lag ein førespurnad til brukarstøtta av denne meldinga, med tekst, avsendar og lenkje',
  'messageAction.sendToArchive.title': 'Send til journalføring',
  'messageAction.sendToArchive.description': 'Send dokumentet i denne meldinga til arkivet for journalføring, med filene',

  'messageAction.createRequest.speak': 'Opprett førespurnad av meldinga: vel kva det gjeld og kor mykje det hastar, og send.',
  'messageAction.sendToArchive.speak': 'Send meldinga og filene til arkivet for journalføring: skriv gjerne kva det gjeld, og send.',
  'messageAction.speakProblems': 'Ingenting er sendt. Rett felta som er nemnde øvst, og send igjen.',
  'messageAction.createRequest.intro': 'Meldinga blir ein førespurnad til brukarstøtta, med teksten, avsendaren og ei lenkje til meldinga.',
  'messageAction.sendToArchive.intro': 'Arkivet får meldinga, filene og ei lenkje til meldinga, og journalfører dokumentet.',
  'messageAction.message': 'Meldinga',
  'messageAction.author': 'Skriven av {author}',
  'messageAction.noText': 'Meldinga har ingen tekst.',
  'messageAction.files': 'Filer som følgjer med',
  'messageAction.noFiles': 'Meldinga har ingen filer. Arkivet får teksten og lenkja til meldinga.',
  'messageAction.createRequest.note': 'Kva treng du hjelp med? (valfritt)',
  'messageAction.sendToArchive.note': 'Kva gjeld dokumentet, og kvar høyrer det heime? (valfritt)',
  'messageAction.notePlaceholder': 'Teksten kjem framfor meldinga i førespurnaden',
  'messageAction.createRequest.submit': 'Opprett førespurnaden',
  'messageAction.sendToArchive.submit': 'Send til journalføring',
  'messageAction.problems': 'Ingenting er sendt. Rett dette, og send igjen:',
  'messageAction.noteRequired': 'Meldinga har ingen tekst: skriv kva det gjeld.',
  'messageAction.createRequest.done': 'Førespurnad {number} er registrert med meldinga. Du får melding i chatten med Arkivlos når statusen endrar seg.',
  'messageAction.sendToArchive.done': 'Førespurnad {number} er sendt til arkivet for journalføring. Du får melding i chatten med Arkivlos når statusen endrar seg.',
};

export const messageActionsEn: Record<keyof typeof messageActionsNb, string> = {
  'feature.messageActions':
    'Choose “Create request” under “More actions” (…) on a message in Teams, and the message becomes a request with its text, author and link. “Send for registration” sends a document you received in Teams to the archive, with its files.',

  'support.category.journalforing': 'Send for registration',
  'support.field.source': 'From a Teams message by',
  'support.source.open': 'Open the message in Teams',
  'support.source.unknownAuthor': 'unknown author',

  'messageAction.createRequest.title': 'Create request',
  'messageAction.createRequest.description': 'Make a request to user support from this message, with its text, author and link',
  'messageAction.sendToArchive.title': 'Send for registration',
  'messageAction.sendToArchive.description': 'Send the document in this message to the archive to be registered, with its files',

  'messageAction.createRequest.speak': 'Create a request from the message: choose what it is about and how urgent it is, and send.',
  'messageAction.sendToArchive.speak': 'Send the message and its files to the archive to be registered: say what it concerns if you like, and send.',
  'messageAction.speakProblems': 'Nothing was sent. Correct the fields named at the top, and send again.',
  'messageAction.createRequest.intro': 'The message becomes a request to user support, with its text, its author and a link to it.',
  'messageAction.sendToArchive.intro': 'The archive gets the message, its files and a link to it, and registers the document.',
  'messageAction.message': 'The message',
  'messageAction.author': 'Written by {author}',
  'messageAction.noText': 'The message has no text.',
  'messageAction.files': 'Files included',
  'messageAction.noFiles': 'The message has no files. The archive gets its text and the link to it.',
  'messageAction.createRequest.note': 'What do you need help with? (optional)',
  'messageAction.sendToArchive.note': 'What does the document concern, and where does it belong? (optional)',
  'messageAction.notePlaceholder': 'This text comes before the message in the request',
  'messageAction.createRequest.submit': 'Create the request',
  'messageAction.sendToArchive.submit': 'Send for registration',
  'messageAction.problems': 'Nothing was sent. Correct this, and send again:',
  'messageAction.noteRequired': 'The message has no text: say what it is about.',
  'messageAction.createRequest.done': 'Request {number} is registered with the message. You will hear in your chat with Arkivlos when its status changes.',
  'messageAction.sendToArchive.done': 'Request {number} was sent to the archive to be registered. You will hear in your chat with Arkivlos when its status changes.',
};

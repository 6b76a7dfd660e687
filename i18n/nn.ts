import type { Messages } from './nb.js';

export const nn: Messages = {
  'app.name': 'Arkivlos',
  'app.archiveSystem': 'sak-/arkivsystemet',

  'language.nb': 'Bokmål',
  'language.nn': 'Nynorsk',
  'language.en': 'English',

  'role.saksbehandler': 'Sakshandsamar',
  'role.leder': 'Leiar',
  'role.stedfortreder': 'Stadfortredar',
  'role.arkivet': 'Arkivet (førstelina)',
  'role.prosessradgiver': 'Prosessrådgivar',
  'role.fagspesialist': 'Fagspesialist (andrelina)',
  'role.leverandorkontakt': 'Leverandørkontakt',
  'role.systemadministrator': 'Systemadministrator',
  'role.toppgodkjenner': 'Endeleg godkjennar (kommunedirektør)',
  'role.arkivansvarlig': 'Arkivansvarleg',
  'role.administrator': 'Administrator for Arkivlos',

  // One line per feature that works (domain/help/features.ts); the welcome card and the Teams
  // app's description are made of them. {command} is the command's word.
  'feature.help': 'Skriv {command} for å sjå kva Arkivlos kan gjere for deg, og kva roller du har i organisasjonen.',
  'feature.language': 'Skriv {command} for å velje om Arkivlos skal svare deg på bokmål, nynorsk eller English.',

  'welcome.title': 'Velkomen til Arkivlos',
  'welcome.intro': 'Arkivlos er ein Teams-app for deg som arbeider i {system}. Dette kan du gjere her:',
  'welcome.speak': 'Velkomen til Arkivlos. Skriv {command} for å sjå kva Arkivlos kan gjere for deg.',
  'welcome.greeting': 'Hei, {name}!',
  'welcome.unknownPerson': 'Du er ikkje registrert i organisasjonen til Arkivlos enno. Ta kontakt med arkivet, så legg dei deg inn.',
  'welcome.showHelp': 'Vis kva eg kan gjere',
  'welcome.chooseLanguage': 'Vel språk',

  'help.title': 'Arkivlos – hjelp',
  'help.greeting': 'Hei, {name}! Dette kan Arkivlos gjere for deg.',
  'help.greetingUnknown': 'Hei! Dette kan Arkivlos gjere for deg.',
  'help.yourRoles': 'Rollene dine',
  'help.noRoles': 'Du har ingen roller i Arkivlos enno.',
  'help.general': 'Dette kan Arkivlos gjere i denne samtalen.',
  'help.generalRoles': 'Alle her ser dette kortet. Rollene dine ser du berre i den personlege chatten din med Arkivlos: skriv {command} der.',
  'help.rolesSource': 'Rollene kjem frå organisasjonsoppsettet i Arkivlos. Er noko feil, ta kontakt med arkivet.',
  'help.speak': 'Hjelp frå Arkivlos. Kommandoar: {commands}.',
  'help.commands': 'Kommandoar',
  'help.command.hjelp': 'Vis kva Arkivlos kan gjere for deg',
  'help.command.innstillinger': 'Vel språk: bokmål, nynorsk eller English',
  'help.openSettings': 'Innstillingar',

  'settings.title': 'Innstillingar',
  'settings.speak': 'Innstillingar: vel språket Arkivlos svarar deg på.',
  'settings.language': 'Språk',
  'settings.languageHint': 'Arkivlos svarar deg på dette språket i Teams.',
  'settings.save': 'Lagre',
  'settings.languageRequired': 'Vel eit språk.',
  'settings.saved': 'Språket er sett til {language}.',
  'settings.savedBy': 'Lagra {time}.',
  'settings.unknownPerson': 'Du må vere registrert i organisasjonen for å lagre innstillingar. Ta kontakt med arkivet.',

  'fallback.text': 'Det forstod eg ikkje. Skriv **{command}** for å sjå kva eg kan gjere for deg.',
  'error.generic': 'Noko gjekk gale hos Arkivlos. Prøv igjen om litt, eller kontakt arkivet dersom feilen held fram.',
  'error.invalidInput': 'Dette kunne eg ikkje bruke: {detail}. Ingenting er endra.',
  'error.unknownAction': 'Denne handlinga kjenner eg ikkje. Ingenting er endra.',
  'error.invalidLanguage': 'ukjent språkval',
  'error.tooLong': 'Meldinga er for lang (maks {max} teikn). Ingenting er endra.',
  'error.notFound': 'Det du bad om, finst ikkje lenger. Ingenting er endra.',
  'error.invalidData': 'Dette kunne eg ikkje bruke. Ingenting er endra.',
  'error.forbidden': 'Du har ikkje tilgang til å gjere dette. Ingenting er endra.',
  'error.unknownPerson': 'Du er ikkje registrert som aktiv i organisasjonen til Arkivlos. Ingenting er endra. Ta kontakt med arkivet dersom dette er feil.',
  'error.conflict': 'Nokon andre endra dette samstundes. Ingenting er endra; prøv igjen.',

  // The Teams app's description (npm run package): manifest.short, then manifest.intro and the feature lines.
  'manifest.short': 'Teams-app for deg som arbeider i {system} (Noark 5)',
  'manifest.intro': 'Arkivlos er ein Teams-app for sakshandsamarar, leiarar og arkivet som arbeider i {system} (Noark 5).',
  'manifest.commandQuote': '«{command}»',
};

import type { Messages } from './nb.js';
import { selfHelpNn } from './self-help.js';
import { supportNn } from './support.js';
import { queuesNn } from './queues.js';
import { channelNn } from './channel.js';
import { handoverNn } from './handover.js';
import { replyNn } from './reply.js';
import { resolutionNn } from './resolution.js';
import { messageActionsNn } from './message-actions.js';
import { chatNn } from './chat.js';
import { visitNn } from './visit.js';
import { archiveNn } from './archive.js';
import { absenceNn } from './absence.js';
import { dailyNn } from './daily.js';
import { dailyActionsNn } from './daily-actions.js';
import { qaNn } from './qa.js';
import { qaExportNn } from './qa-export.js';
import { qaModerationNn } from './qa-moderation.js';
import { kbAdminNn } from './kb-admin.js';
import { rolloutNn } from './rollout.js';
import { qaSessionNn } from './qa-session.js';

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
  'feature.deliveryStatus': 'Som administrator skriv du {command} for å sjå korleis utsendinga går: kva som ventar, er sendt eller feila, og kven Arkivlos ikkje når.',
  'feature.reachEveryone': 'Som administrator skriv du {command} for å opprette personleg chat med alle som ikkje har ein med Arkivlos enno.',
  'feature.tasks': 'Kvar arbeidsdag kl. 07.30 får du kortet «Mine oppgåver» med ny post, restansar, fristar, godkjenningar og offentlegheitsvurderingar, og du fordeler, avskriv og godkjenner rett frå kortet. Skriv {command} for å sjå det no.',
  'feature.absence': 'Skriv {command} 23.12–2.1 når du skal vere borte: kortet ditt tek pause, og er du leiar, får stadfortredaren leiarsakene dine så lenge.',
  'feature.sendDigests': 'Som administrator skriv du {command} for å sende dagens oppgåvekort til alle med noko å gjere med ein gong.',

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
  'help.command.statusUtsending': 'Administratorar: sjå meldingar som ventar, er sendt eller feila, kven Arkivlos ikkje når, og tempoet mot Teams',
  'help.command.naAlle': 'Administratorar: opprett personleg chat med alle som ikkje har ein med Arkivlos enno',
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

  'delivery.onlyAdministrators': 'Berre administratorar for Arkivlos kan bruke «{command}». Ingenting er endra.',
  'delivery.personalOnly': '«{command}» verkar berre i den personlege chatten din med Arkivlos, fordi svaret kan vise namn. Ingenting er endra.',
  'delivery.status.title': 'Status for utsending',
  'delivery.status.speak': 'Status for utsending: {waiting} ventar, {sent} sendt i dag, {failed} feila, {unreachable} kan ikkje nåast.',
  'delivery.status.at': 'Per {time}. Tala gjeld alle instansar av Arkivlos.',
  'delivery.status.waiting': 'Ventar',
  'delivery.status.dueNow': 'Skal sendast no',
  'delivery.status.later': 'Ventar til seinare',
  'delivery.status.sending': 'Blir sendt akkurat no',
  'delivery.status.today': 'Sendt i dag',
  'delivery.status.sentToday': 'Meldingar',
  'delivery.status.reachedToday': 'Personlege chattar oppretta',
  'delivery.status.failed': 'Feila: {count}',
  'delivery.status.noFailures': 'Ingen meldingar har feila.',
  'delivery.status.failureReason': '{count} × {reason} (sist {time})',
  'delivery.status.moreReasons': 'og {count} andre årsaker',
  'delivery.status.unreachable': 'Kan ikkje nåast: {count}',
  'delivery.status.nobodyUnreachable': 'Teams har ikkje avvist nokon.',
  'delivery.status.unreachablePerson': '{name} ({email}): {reason}',
  'delivery.status.moreUnreachable': 'og {count} til',
  'delivery.status.reachHint': 'Skriv {command} for å opprette personleg chat med dei som ikkje har ein enno.',
  'delivery.status.pace': 'Tempo mot Teams',
  'delivery.status.paceLine': '{calls} kall til Teams siste minutt, høgst {busiest} i løpet av eitt sekund. Tillate: {allowed} per sekund for heile organisasjonen.',
  'delivery.status.overPace': 'Over grensa Teams tillèt: Teams kan avvise kall med 429.',
  'delivery.status.refresh': 'Oppdater',
  'delivery.reason.not_installed': 'appen er ikkje installert for personen',
  'delivery.reason.blocked': 'personen har blokkert eller fjerna appen',
  'delivery.reach.title': 'Nå alle',
  'delivery.reach.speak': 'Nå alle: {queued} sett i kø for personleg chat, {connected} har chat frå før.',
  'delivery.reach.queuedNow': 'Sett i kø no',
  'delivery.reach.alreadyQueued': 'Var allereie i kø',
  'delivery.reach.connected': 'Har personleg chat frå før',
  'delivery.reach.explain': 'Arkivlos opprettar ein personleg chat med kvar av dei, i det tempoet Teams tillèt. Skriv {command} for å sjå kven Arkivlos ikkje når.',
  'delivery.reach.nobody': 'Alle aktive personar har allereie ein personleg chat med Arkivlos.',
  'delivery.reach.showStatus': 'Vis status for utsending',
  'daily.send.command': 'Administratorar: send dagens oppgåvekort no til alle som har noko å gjere (også på helgedagar og heilagdagar)',
  'daily.send.title': 'Oppgåvekort for {date}',
  'daily.send.speak': 'Oppgåvekort: {queued} sett i kø no, {alreadyQueued} var allereie i kø.',
  'daily.send.queuedNow': 'Sett i kø no',
  'daily.send.alreadyQueued': 'Var allereie i kø',
  'daily.send.nothingToDo': 'Har ingenting å gjere',
  'daily.send.away': 'Er borte',
  'daily.send.nobody': 'Ingen av dei {count} aktive personane skal ha kort i dag.',
  'daily.send.tooLarge': '{count} kort var for store for Teams og er lagra som feila.',
  'daily.send.follow': 'Arkivlos sender korta i det tempoet Teams tillèt. Skriv {command} for å følgje utsendinga.',

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

  ...selfHelpNn,
  ...supportNn,
  ...queuesNn,
  ...channelNn,
  ...handoverNn,
  ...replyNn,
  ...resolutionNn,
  ...messageActionsNn,
  ...chatNn,
  ...visitNn,
  ...archiveNn,
  ...absenceNn,
  ...dailyNn,
  ...dailyActionsNn,
  ...qaNn,
  ...qaExportNn,
  ...qaModerationNn,
  ...kbAdminNn,
  ...rolloutNn,
  ...qaSessionNn,
};

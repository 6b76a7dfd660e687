import { selfHelpNb } from './self-help.js';
import { supportNb } from './support.js';

import { queuesNb } from './queues.js';
import { channelNb } from './channel.js';
import { handoverNb } from './handover.js';
import { replyNb } from './reply.js';
import { resolutionNb } from './resolution.js';
import { messageActionsNb } from './message-actions.js';
import { chatNb } from './chat.js';
import { visitNb } from './visit.js';
import { archiveNb } from './archive.js';
import { absenceNb } from './absence.js';
import { dailyNb } from './daily.js';
import { dailyActionsNb } from './daily-actions.js';
import { qaNb } from './qa.js';
import { qaExportNb } from './qa-export.js';
import { qaModerationNb } from './qa-moderation.js';
import { kbAdminNb } from './kb-admin.js';
import { rolloutNb } from './rollout.js';
import { qaSessionNb } from './qa-session.js';
/** Bokmål: the default language and the source of every message key. */
export const nb = {
  'app.name': 'Arkivlos',
  'app.archiveSystem': 'sak-/arkivsystemet',

  'language.nb': 'Bokmål',
  'language.nn': 'Nynorsk',
  'language.en': 'English',

  'role.saksbehandler': 'Saksbehandler',
  'role.leder': 'Leder',
  'role.stedfortreder': 'Stedfortreder',
  'role.arkivet': 'Arkivet (førstelinjen)',
  'role.prosessradgiver': 'Prosessrådgiver',
  'role.fagspesialist': 'Fagspesialist (andrelinjen)',
  'role.leverandorkontakt': 'Leverandørkontakt',
  'role.systemadministrator': 'Systemadministrator',
  'role.toppgodkjenner': 'Endelig godkjenner (kommunedirektør)',
  'role.arkivansvarlig': 'Arkivansvarlig',
  'role.administrator': 'Administrator for Arkivlos',

  // One line per feature that works (domain/help/features.ts); the welcome card and the Teams
  // app's description are made of them. {command} is the command's word.
  'feature.help': 'Skriv {command} for å se hva Arkivlos kan gjøre for deg, og hvilke roller du har i organisasjonen.',
  'feature.language': 'Skriv {command} for å velge om Arkivlos skal svare deg på bokmål, nynorsk eller English.',
  'feature.deliveryStatus': 'Som administrator skriver du {command} for å se hvordan utsendingen går: hva som venter, er sendt eller feilet, og hvem Arkivlos ikke når.',
  'feature.reachEveryone': 'Som administrator skriver du {command} for å opprette personlig chat med alle som ikke har en med Arkivlos ennå.',
  'feature.tasks': 'Hver arbeidsdag kl. 07.30 får du kortet «Mine oppgaver» med ny post, restanser, frister, godkjenninger og offentlighetsvurderinger, og du fordeler, avskriver og godkjenner rett fra kortet. Skriv {command} for å se det nå.',
  'feature.absence': 'Skriv {command} 23.12–2.1 når du skal være borte: kortet ditt tar pause, og er du leder, får stedfortrederen ledersakene dine så lenge.',
  'feature.sendDigests': 'Som administrator skriver du {command} for å sende dagens oppgavekort til alle med noe å gjøre med én gang.',

  'welcome.title': 'Velkommen til Arkivlos',
  'welcome.intro': 'Arkivlos er en Teams-app for deg som arbeider i {system}. Dette kan du gjøre her:',
  'welcome.speak': 'Velkommen til Arkivlos. Skriv {command} for å se hva Arkivlos kan gjøre for deg.',
  'welcome.greeting': 'Hei, {name}!',
  'welcome.unknownPerson': 'Du er ikke registrert i organisasjonen til Arkivlos ennå. Ta kontakt med arkivet, så legger de deg inn.',
  'welcome.showHelp': 'Vis hva jeg kan gjøre',
  'welcome.chooseLanguage': 'Velg språk',

  'help.title': 'Arkivlos – hjelp',
  'help.greeting': 'Hei, {name}! Dette kan Arkivlos gjøre for deg.',
  'help.greetingUnknown': 'Hei! Dette kan Arkivlos gjøre for deg.',
  'help.yourRoles': 'Dine roller',
  'help.noRoles': 'Du har ingen roller i Arkivlos ennå.',
  'help.general': 'Dette kan Arkivlos gjøre i denne samtalen.',
  'help.generalRoles': 'Alle her ser dette kortet. Rollene dine ser du bare i din personlige chat med Arkivlos: skriv {command} der.',
  'help.rolesSource': 'Rollene kommer fra organisasjonsoppsettet i Arkivlos. Er noe feil, ta kontakt med arkivet.',
  'help.speak': 'Hjelp fra Arkivlos. Kommandoer: {commands}.',
  'help.commands': 'Kommandoer',
  'help.command.hjelp': 'Vis hva Arkivlos kan gjøre for deg',
  'help.command.innstillinger': 'Velg språk: bokmål, nynorsk eller English',
  'help.command.statusUtsending': 'Administratorer: se meldinger som venter, er sendt eller feilet, hvem Arkivlos ikke når, og tempoet mot Teams',
  'help.command.naAlle': 'Administratorer: opprett personlig chat med alle som ikke har en med Arkivlos ennå',
  'help.openSettings': 'Innstillinger',

  'settings.title': 'Innstillinger',
  'settings.speak': 'Innstillinger: velg språket Arkivlos svarer deg på.',
  'settings.language': 'Språk',
  'settings.languageHint': 'Arkivlos svarer deg på dette språket i Teams.',
  'settings.save': 'Lagre',
  'settings.languageRequired': 'Velg et språk.',
  'settings.saved': 'Språket er satt til {language}.',
  'settings.savedBy': 'Lagret {time}.',
  'settings.unknownPerson': 'Du må være registrert i organisasjonen for å lagre innstillinger. Ta kontakt med arkivet.',

  // Delivery (the outbox), for Arkivlos administrators: `status utsending`, `nå alle`, and the
  // same words in npm run outbox:status. Plain text (no markdown): the CLI prints them too.
  'delivery.onlyAdministrators': 'Bare administratorer for Arkivlos kan bruke «{command}». Ingenting er endret.',
  'delivery.personalOnly': '«{command}» virker bare i din personlige chat med Arkivlos, fordi svaret kan vise navn. Ingenting er endret.',
  'delivery.status.title': 'Status for utsending',
  'delivery.status.speak': 'Status for utsending: {waiting} venter, {sent} sendt i dag, {failed} feilet, {unreachable} kan ikke nås.',
  'delivery.status.at': 'Per {time}. Tallene gjelder alle instanser av Arkivlos.',
  'delivery.status.waiting': 'Venter',
  'delivery.status.dueNow': 'Skal sendes nå',
  'delivery.status.later': 'Venter til senere',
  'delivery.status.sending': 'Sendes akkurat nå',
  'delivery.status.today': 'Sendt i dag',
  'delivery.status.sentToday': 'Meldinger',
  'delivery.status.reachedToday': 'Personlige chatter opprettet',
  'delivery.status.failed': 'Feilet: {count}',
  'delivery.status.noFailures': 'Ingen meldinger har feilet.',
  'delivery.status.failureReason': '{count} × {reason} (sist {time})',
  'delivery.status.moreReasons': 'og {count} andre årsaker',
  'delivery.status.unreachable': 'Kan ikke nås: {count}',
  'delivery.status.nobodyUnreachable': 'Teams har ikke avvist noen.',
  'delivery.status.unreachablePerson': '{name} ({email}): {reason}',
  'delivery.status.moreUnreachable': 'og {count} til',
  'delivery.status.reachHint': 'Skriv {command} for å opprette personlig chat med dem som ikke har en ennå.',
  'delivery.status.pace': 'Tempo mot Teams',
  'delivery.status.paceLine': '{calls} kall til Teams siste minutt, høyst {busiest} i løpet av ett sekund. Tillatt: {allowed} per sekund for hele organisasjonen.',
  'delivery.status.overPace': 'Over grensen Teams tillater: Teams kan avvise kall med 429.',
  'delivery.status.refresh': 'Oppdater',
  'delivery.reason.not_installed': 'appen er ikke installert for personen',
  'delivery.reason.blocked': 'personen har blokkert eller fjernet appen',
  'delivery.reach.title': 'Nå alle',
  'delivery.reach.speak': 'Nå alle: {queued} satt i kø for personlig chat, {connected} har chat fra før.',
  'delivery.reach.queuedNow': 'Satt i kø nå',
  'delivery.reach.alreadyQueued': 'Var allerede i kø',
  'delivery.reach.connected': 'Har personlig chat fra før',
  'delivery.reach.explain': 'Arkivlos oppretter en personlig chat med hver av dem, i det tempoet Teams tillater. Skriv {command} for å se hvem Arkivlos ikke når.',
  'delivery.reach.nobody': 'Alle aktive personer har allerede en personlig chat med Arkivlos.',
  'delivery.reach.showStatus': 'Vis status for utsending',
  'daily.send.command': 'Administratorer: send dagens oppgavekort nå til alle som har noe å gjøre (også på helgedager og helligdager)',
  'daily.send.title': 'Oppgavekort for {date}',
  'daily.send.speak': 'Oppgavekort: {queued} satt i kø nå, {alreadyQueued} var allerede i kø.',
  'daily.send.queuedNow': 'Satt i kø nå',
  'daily.send.alreadyQueued': 'Var allerede i kø',
  'daily.send.nothingToDo': 'Har ingenting å gjøre',
  'daily.send.away': 'Er borte',
  'daily.send.nobody': 'Ingen av de {count} aktive personene skal ha kort i dag.',
  'daily.send.tooLarge': '{count} kort var for store for Teams og er lagret som feilet.',
  'daily.send.follow': 'Arkivlos sender kortene i det tempoet Teams tillater. Skriv {command} for å følge utsendingen.',

  'fallback.text': 'Det forstod jeg ikke. Skriv **{command}** for å se hva jeg kan gjøre for deg.',
  'error.generic': 'Noe gikk galt hos Arkivlos. Prøv igjen om litt, eller kontakt arkivet hvis feilen vedvarer.',
  'error.invalidInput': 'Dette kunne jeg ikke bruke: {detail}. Ingenting er endret.',
  'error.unknownAction': 'Denne handlingen kjenner jeg ikke. Ingenting er endret.',
  'error.invalidLanguage': 'ukjent språkvalg',
  'error.tooLong': 'Meldingen er for lang (maks {max} tegn). Ingenting er endret.',
  'error.notFound': 'Det du ba om, finnes ikke lenger. Ingenting er endret.',
  'error.invalidData': 'Dette kunne jeg ikke bruke. Ingenting er endret.',
  'error.forbidden': 'Du har ikke tilgang til å gjøre dette. Ingenting er endret.',
  'error.unknownPerson': 'Du er ikke registrert som aktiv i organisasjonen til Arkivlos. Ingenting er endret. Ta kontakt med arkivet hvis dette er feil.',
  'error.conflict': 'Noen andre endret dette samtidig. Ingenting er endret; prøv igjen.',

  // The Teams app's description (npm run package): manifest.short, then manifest.intro and the feature lines.
  'manifest.short': 'Teams-app for deg som arbeider i {system} (Noark 5)',
  'manifest.intro': 'Arkivlos er en Teams-app for saksbehandlere, ledere og arkivet som arbeider i {system} (Noark 5).',
  'manifest.commandQuote': '«{command}»',

  ...selfHelpNb,
  ...supportNb,
  ...queuesNb,
  ...channelNb,
  ...handoverNb,
  ...replyNb,
  ...resolutionNb,
  ...messageActionsNb,
  ...chatNb,
  ...visitNb,
  ...archiveNb,
  ...absenceNb,
  ...dailyNb,
  ...dailyActionsNb,
  ...qaNb,
  ...qaExportNb,
  ...qaModerationNb,
  ...kbAdminNb,
  ...rolloutNb,
  ...qaSessionNb,
} as const;

export type MessageKey = keyof typeof nb;
export type Messages = Record<MessageKey, string>;

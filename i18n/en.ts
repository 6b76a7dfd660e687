import type { Messages } from './nb.js';
import { selfHelpEn } from './self-help.js';
import { supportEn } from './support.js';
import { queuesEn } from './queues.js';
import { channelEn } from './channel.js';
import { handoverEn } from './handover.js';
import { replyEn } from './reply.js';
import { resolutionEn } from './resolution.js';
import { messageActionsEn } from './message-actions.js';
import { chatEn } from './chat.js';
import { visitEn } from './visit.js';
import { archiveEn } from './archive.js';
import { absenceEn } from './absence.js';
import { dailyEn } from './daily.js';
import { dailyActionsEn } from './daily-actions.js';
import { qaEn } from './qa.js';
import { qaExportEn } from './qa-export.js';
import { qaModerationEn } from './qa-moderation.js';
import { kbAdminEn } from './kb-admin.js';
import { rolloutEn } from './rollout.js';
import { qaSessionEn } from './qa-session.js';

export const en: Messages = {
  'app.name': 'Arkivlos',
  'app.archiveSystem': 'the case/archive system',

  'language.nb': 'Bokmål',
  'language.nn': 'Nynorsk',
  'language.en': 'English',

  'role.saksbehandler': 'Caseworker',
  'role.leder': 'Leader',
  'role.stedfortreder': 'Deputy',
  'role.arkivet': 'Archive (first line)',
  'role.prosessradgiver': 'Process adviser',
  'role.fagspesialist': 'Subject specialist (second line)',
  'role.leverandorkontakt': 'Vendor liaison',
  'role.systemadministrator': 'System administrator',
  'role.toppgodkjenner': 'Final approver (chief executive)',
  'role.arkivansvarlig': 'Archive manager',
  'role.administrator': 'Arkivlos administrator',

  // One line per feature that works (domain/help/features.ts); the welcome card and the Teams
  // app's description are made of them. {command} is the command's word.
  'feature.help': 'Type {command} to see what Arkivlos can do for you and which roles you hold in the organisation.',
  'feature.language': 'Type {command} to choose whether Arkivlos answers you in Bokmål, Nynorsk or English.',
  'feature.deliveryStatus': 'As an administrator, type {command} to see how delivery is going: what is waiting, sent or failed, and whom Arkivlos cannot reach.',
  'feature.reachEveryone': 'As an administrator, type {command} to create a personal chat with everyone who does not have one with Arkivlos yet.',
  'feature.tasks': 'Every working day at 07:30 you get the «My tasks» card with new post, backlog, deadlines, approvals and public-access assessments, and you distribute, write off and approve right from the card. Type {command} to see it now.',
  'feature.absence': 'Type {command} 23.12–2.1 when you will be away: your card pauses, and if you are a leader, your deputy gets your leader tasks meanwhile.',
  'feature.sendDigests': 'As an administrator, type {command} to send today’s task cards to everyone with something to do at once.',

  'welcome.title': 'Welcome to Arkivlos',
  'welcome.intro': 'Arkivlos is a Teams app for people who work in {system}. Here is what you can do:',
  'welcome.speak': 'Welcome to Arkivlos. Type {command} to see what Arkivlos can do for you.',
  'welcome.greeting': 'Hi, {name}!',
  'welcome.unknownPerson': 'You are not registered in Arkivlos’ organisation yet. Contact the archive and they will add you.',
  'welcome.showHelp': 'Show what I can do',
  'welcome.chooseLanguage': 'Choose language',

  'help.title': 'Arkivlos – help',
  'help.greeting': 'Hi, {name}! This is what Arkivlos can do for you.',
  'help.greetingUnknown': 'Hi! This is what Arkivlos can do for you.',
  'help.yourRoles': 'Your roles',
  'help.noRoles': 'You have no roles in Arkivlos yet.',
  'help.general': 'This is what Arkivlos can do in this conversation.',
  'help.generalRoles': 'Everyone here sees this card. You see your roles only in your personal chat with Arkivlos: type {command} there.',
  'help.rolesSource': 'Your roles come from the organisation set up in Arkivlos. If something is wrong, contact the archive.',
  'help.speak': 'Help from Arkivlos. Commands: {commands}.',
  'help.commands': 'Commands',
  'help.command.hjelp': 'Show what Arkivlos can do for you',
  'help.command.innstillinger': 'Choose language: Bokmål, Nynorsk or English',
  'help.command.statusUtsending': 'Administrators: see messages waiting, sent or failed, whom Arkivlos cannot reach, and the pace towards Teams',
  'help.command.naAlle': 'Administrators: create a personal chat with everyone who does not have one with Arkivlos yet',
  'help.openSettings': 'Settings',

  'settings.title': 'Settings',
  'settings.speak': 'Settings: choose the language Arkivlos answers you in.',
  'settings.language': 'Language',
  'settings.languageHint': 'Arkivlos answers you in this language in Teams.',
  'settings.save': 'Save',
  'settings.languageRequired': 'Choose a language.',
  'settings.saved': 'Language set to {language}.',
  'settings.savedBy': 'Saved {time}.',
  'settings.unknownPerson': 'You must be registered in the organisation to save settings. Contact the archive.',

  'delivery.onlyAdministrators': 'Only Arkivlos administrators can use “{command}”. Nothing was changed.',
  'delivery.personalOnly': '“{command}” works only in your personal chat with Arkivlos, because the answer can show names. Nothing was changed.',
  'delivery.status.title': 'Delivery status',
  'delivery.status.speak': 'Delivery status: {waiting} waiting, {sent} sent today, {failed} failed, {unreachable} cannot be reached.',
  'delivery.status.at': 'As of {time}. The figures cover every instance of Arkivlos.',
  'delivery.status.waiting': 'Waiting',
  'delivery.status.dueNow': 'Due now',
  'delivery.status.later': 'Waiting until later',
  'delivery.status.sending': 'Being sent right now',
  'delivery.status.today': 'Sent today',
  'delivery.status.sentToday': 'Messages',
  'delivery.status.reachedToday': 'Personal chats created',
  'delivery.status.failed': 'Failed: {count}',
  'delivery.status.noFailures': 'No message has failed.',
  'delivery.status.failureReason': '{count} × {reason} (last {time})',
  'delivery.status.moreReasons': 'and {count} other reasons',
  'delivery.status.unreachable': 'Cannot be reached: {count}',
  'delivery.status.nobodyUnreachable': 'Teams has refused no one.',
  'delivery.status.unreachablePerson': '{name} ({email}): {reason}',
  'delivery.status.moreUnreachable': 'and {count} more',
  'delivery.status.reachHint': 'Type {command} to create a personal chat with those who do not have one yet.',
  'delivery.status.pace': 'Pace towards Teams',
  'delivery.status.paceLine': '{calls} calls to Teams in the last minute, at most {busiest} within one second. Allowed: {allowed} per second for the whole organisation.',
  'delivery.status.overPace': 'Over the limit Teams allows: Teams may refuse calls with 429.',
  'delivery.status.refresh': 'Refresh',
  'delivery.reason.not_installed': 'the app is not installed for the person',
  'delivery.reason.blocked': 'the person blocked or removed the app',
  'delivery.reach.title': 'Reach everyone',
  'delivery.reach.speak': 'Reach everyone: {queued} queued for a personal chat, {connected} already have one.',
  'delivery.reach.queuedNow': 'Queued now',
  'delivery.reach.alreadyQueued': 'Already queued',
  'delivery.reach.connected': 'Already have a personal chat',
  'delivery.reach.explain': 'Arkivlos creates a personal chat with each of them, at the pace Teams allows. Type {command} to see whom Arkivlos cannot reach.',
  'delivery.reach.nobody': 'Every active person already has a personal chat with Arkivlos.',
  'delivery.reach.showStatus': 'Show delivery status',
  'daily.send.command': 'Administrators: send today’s task cards now to everyone who has something to do (also on weekends and public holidays)',
  'daily.send.title': 'Task cards for {date}',
  'daily.send.speak': 'Task cards: {queued} queued now, {alreadyQueued} already queued.',
  'daily.send.queuedNow': 'Queued now',
  'daily.send.alreadyQueued': 'Already queued',
  'daily.send.nothingToDo': 'Have nothing to do',
  'daily.send.away': 'Are away',
  'daily.send.nobody': 'None of the {count} active people is due a card today.',
  'daily.send.tooLarge': '{count} cards were too large for Teams and are stored as failed.',
  'daily.send.follow': 'Arkivlos sends the cards at the pace Teams allows. Type {command} to follow the delivery.',

  'fallback.text': 'I did not understand that. Type **{command}** to see what I can do for you.',
  'error.generic': 'Something went wrong in Arkivlos. Try again shortly, or contact the archive if it keeps happening.',
  'error.invalidInput': 'I could not use this: {detail}. Nothing was changed.',
  'error.unknownAction': 'I do not know this action. Nothing was changed.',
  'error.invalidLanguage': 'unknown language choice',
  'error.tooLong': 'The message is too long (at most {max} characters). Nothing was changed.',
  'error.notFound': 'What you asked for no longer exists. Nothing was changed.',
  'error.invalidData': 'I could not use this. Nothing was changed.',
  'error.forbidden': 'You are not allowed to do this. Nothing was changed.',
  'error.unknownPerson': 'You are not registered as active in the Arkivlos organisation. Nothing was changed. Contact the archive if this is wrong.',
  'error.conflict': 'Someone else changed this at the same time. Nothing was changed; please try again.',

  // The Teams app's description (npm run package): manifest.short, then manifest.intro and the feature lines.
  'manifest.short': 'A Teams app for people who work in {system} (Noark 5)',
  'manifest.intro': 'Arkivlos is a Teams app for caseworkers, leaders and archive staff who work in {system} (Noark 5).',
  'manifest.commandQuote': '“{command}”',

  ...selfHelpEn,
  ...supportEn,
  ...queuesEn,
  ...channelEn,
  ...handoverEn,
  ...replyEn,
  ...resolutionEn,
  ...messageActionsEn,
  ...chatEn,
  ...visitEn,
  ...archiveEn,
  ...absenceEn,
  ...dailyEn,
  ...dailyActionsEn,
  ...qaEn,
  ...qaExportEn,
  ...qaModerationEn,
  ...kbAdminEn,
  ...rolloutEn,
  ...qaSessionEn,
};

import type { Messages } from './nb.js';

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
};

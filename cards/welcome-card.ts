import type { MessageKey, Translate } from '../i18n/index.js';
import { bullets, card, execute, heading, text, warning, type AdaptiveCard } from './card-kit.js';

export interface WelcomeView {
  /** Null when the person is not (yet) in the organisation file. */
  name: string | null;
  systemName: string;
  /** What Arkivlos does for this person today (domain/help/features.ts), in table order. */
  features: { line: MessageKey; command?: string }[];
  /** The word of the help command in the reader's language, for the screen-reader summary. */
  helpCommand: string;
}

/** Sent once on a personal install. It says only what works: the lines of the features that exist. */
export function welcomeCard(view: WelcomeView, t: Translate): AdaptiveCard {
  return card(
    t('welcome.speak', { command: view.helpCommand }),
    [
      heading(t('welcome.title')),
      ...(view.name ? [text(t('welcome.greeting', { name: view.name }))] : []),
      text(t('welcome.intro', { system: view.systemName })),
      bullets(view.features.map((feature) => t(feature.line, feature.command ? { command: `**${feature.command}**` } : {}))),
      ...(view.name ? [] : [warning(t('welcome.unknownPerson'))]),
    ],
    [execute(t('welcome.showHelp'), 'help.show'), execute(t('welcome.chooseLanguage'), 'settings.show')],
  );
}

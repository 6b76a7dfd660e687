import type { Translate } from '../i18n/index.js';
import { card, execute, heading, text, type AdaptiveCard } from './card-kit.js';

export interface WelcomeView {
  /** Null when the person is not (yet) in the organisation file. */
  name: string | null;
  systemName: string;
}

export function welcomeCard(view: WelcomeView, t: Translate): AdaptiveCard {
  return card(
    [
      heading(t('welcome.title')),
      ...(view.name ? [text(t('welcome.greeting', { name: view.name }))] : []),
      text(t('welcome.intro', { system: view.systemName })),
      ...(view.name ? [] : [text(t('welcome.unknownPerson'), { color: 'Attention' })]),
    ],
    [execute(t('welcome.showHelp'), 'help.show'), execute(t('welcome.chooseLanguage'), 'settings.show')],
  );
}

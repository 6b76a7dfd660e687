import { LOCALES, type Locale, type Translate } from '../i18n/index.js';
import { card, choiceSet, done, execute, heading, text, warning, type AdaptiveCard, type CardElement } from './card-kit.js';

export interface SettingsView {
  locale: Locale;
  /** Set right after a save: what was stored and when (already formatted for the reader). */
  saved?: { language: Locale; at: string };
  canSave: boolean;
}

export function settingsCard(view: SettingsView, t: Translate): AdaptiveCard {
  const body: CardElement[] = [heading(t('settings.title'))];
  const { saved } = view;
  const savedText = saved ? t('settings.saved', { language: t(`language.${saved.language}`) }) : undefined;
  if (saved && savedText) {
    body.push(
      done(savedText, { weight: 'Bolder' }),
      text(t('settings.savedBy', { time: saved.at }), { isSubtle: true, spacing: 'None', size: 'Small' }),
    );
  }
  if (!view.canSave) {
    body.push(warning(t('settings.unknownPerson')));
    return card(t('settings.unknownPerson'), body);
  }
  body.push(
    choiceSet(
      'locale',
      t('settings.language'),
      LOCALES.map((locale) => ({ title: t(`language.${locale}`), value: locale })),
      t('settings.languageRequired'),
      view.locale,
    ),
    text(t('settings.languageHint'), { isSubtle: true, size: 'Small' }),
  );
  return card(savedText ?? t('settings.speak'), body, [execute(t('settings.save'), 'settings.save', {}, { style: 'positive' })]);
}

import { LOCALES, type Locale, type Translate } from '../i18n/index.js';
import { card, choiceSet, execute, heading, text, type AdaptiveCard, type CardElement } from './card-kit.js';

export interface SettingsView {
  locale: Locale;
  /** Set right after a save: what was stored and when (already formatted for the reader). */
  saved?: { language: Locale; at: string };
  canSave: boolean;
}

export function settingsCard(view: SettingsView, t: Translate): AdaptiveCard {
  const body: CardElement[] = [heading(t('settings.title'))];
  if (view.saved) {
    body.push(
      text(`✔ ${t('settings.saved', { language: t(`language.${view.saved.language}`) })}`, { color: 'Good', weight: 'Bolder' }),
      text(t('settings.savedBy', { time: view.saved.at }), { isSubtle: true, spacing: 'None', size: 'Small' }),
    );
  }
  if (!view.canSave) {
    body.push(text(t('settings.unknownPerson'), { color: 'Attention' }));
    return card(body);
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
  return card(body, [execute(t('settings.save'), 'settings.save', {}, { style: 'positive' })]);
}

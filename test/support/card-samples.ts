import { LOCALES, translator } from '../../i18n/index.js';
import type { AdaptiveCard } from '../../cards/card-kit.js';
import { helpCard } from '../../cards/help-card.js';
import { settingsCard } from '../../cards/settings-card.js';
import { welcomeCard } from '../../cards/welcome-card.js';
import { availableCommands, commandWord } from '../../domain/help/commands.js';
import { featureLines } from '../../domain/help/features.js';
import { ROLE_KEYS } from '../../domain/people/roles.js';

/**
 * Every card the project can produce, keyed by the file in cards/ that makes it, in every
 * language and in its largest realistic shape. test/cards.test.ts fails when a card file has
 * no samples here.
 */
export function cardSamples(): Record<string, { name: string; card: AdaptiveCard }[]> {
  const samples: Record<string, { name: string; card: AdaptiveCard }[]> = {};
  const add = (file: string, name: string, card: AdaptiveCard) => (samples[file] ??= []).push({ name, card });

  for (const locale of LOCALES) {
    const t = translator(locale);
    const helpCommand = commandWord('hjelp', locale);
    add(
      'welcome-card.ts',
      `${locale} known`,
      welcomeCard({ name: 'Kari Nordmann', systemName: 'Elements', features: featureLines({ roles: ROLE_KEYS, locale }), helpCommand }, t),
    );
    add(
      'welcome-card.ts',
      `${locale} unknown`,
      welcomeCard({ name: null, systemName: t('app.archiveSystem'), features: featureLines({ roles: [], locale }), helpCommand }, t),
    );
    add(
      'help-card.ts',
      `${locale} every role`,
      helpCard(
        {
          person: { name: 'Kari Nordmann', roles: ROLE_KEYS.map((role) => ({ role, unit: 'Økonomiavdelingen', subjectArea: 'Økonomi' })) },
          commands: availableCommands({ roles: ROLE_KEYS, scope: 'personal', locale }),
          helpCommand,
        },
        t,
      ),
    );
    add(
      'help-card.ts',
      `${locale} unknown person`,
      helpCard({ person: { name: null, roles: [] }, commands: availableCommands({ roles: [], scope: 'personal', locale }), helpCommand }, t),
    );
    add(
      'help-card.ts',
      `${locale} channel or group chat`,
      helpCard({ person: null, commands: availableCommands({ roles: null, scope: 'groupChat', locale }), helpCommand }, t),
    );
    add('settings-card.ts', `${locale} choose`, settingsCard({ locale, canSave: true }, t));
    add('settings-card.ts', `${locale} saved`, settingsCard({ locale, canSave: true, saved: { language: locale, at: '22.11.2026, 07:30' } }, t));
    add('settings-card.ts', `${locale} unknown person`, settingsCard({ locale, canSave: false }, t));
  }
  return samples;
}

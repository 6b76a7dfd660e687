import type { Translate } from '../i18n/index.js';
import type { RoleKey } from '../domain/people/roles.js';
import { card, execute, facts, heading, subheading, text, type AdaptiveCard, type CardElement } from './card-kit.js';

export interface HelpView {
  name: string | null;
  systemName: string;
  roles: { role: RoleKey; unit?: string; subjectArea?: string }[];
  /** The commands this person can use now, in the order to show them. */
  commands: ('hjelp' | 'innstillinger')[];
}

export function helpCard(view: HelpView, t: Translate): AdaptiveCard {
  const body: CardElement[] = [
    heading(t('help.title')),
    text(view.name ? t('help.greeting', { name: view.name }) : t('help.greetingUnknown')),
  ];

  body.push(subheading(t('help.yourRoles')));
  if (view.roles.length === 0) {
    body.push(text(view.name ? t('help.noRoles') : t('welcome.unknownPerson'), { isSubtle: true }));
  }
  // One line per distinct role, listing where it applies, then what Arkivlos does for that role.
  const distinct = [...new Set(view.roles.map((holding) => holding.role))];
  for (const role of distinct) {
    const scopes = view.roles
      .filter((holding) => holding.role === role)
      .map((holding) => [holding.unit, holding.subjectArea].filter(Boolean).join(', '))
      .filter(Boolean);
    const title = scopes.length ? `${t(`role.${role}`)} – ${scopes.join('; ')}` : t(`role.${role}`);
    body.push(text(`**${title}**`, { spacing: 'Small' }));
    body.push(text(t(`roleInfo.${role}`, { system: view.systemName }), { isSubtle: true, spacing: 'None' }));
  }

  body.push(subheading(t('help.commands')));
  body.push(
    facts(
      view.commands.map((command) => ({
        title: t(`help.commandWord.${command}`),
        value: t(`help.command.${command}`),
      })),
    ),
  );

  return card(body, [execute(t('help.openSettings'), 'settings.show')]);
}

import type { MessageKey, Translate } from '../i18n/index.js';
import type { RoleKey } from '../domain/people/roles.js';
import { card, execute, facts, heading, subheading, text, warning, type AdaptiveCard, type CardElement } from './card-kit.js';

export interface HelpView {
  /**
   * Who asked, in their own 1:1 chat (name null when they are not in the organisation). Null in a
   * channel or group chat: everyone there sees the card, so it shows no one's name or roles.
   */
  person: { name: string | null; roles: { role: RoleKey; unit?: string; subjectArea?: string }[] } | null;
  /** The commands this person may use here (domain/help/commands.ts), in the order to show them. */
  commands: { word: string; help: MessageKey; button?: { verb: string; title: MessageKey }; argument?: MessageKey }[];
  /** In the 1:1 chat: the commands this person may use in a channel only (typed with @Arkivlos). */
  channelCommands?: { word: string; help: MessageKey }[];
  /** The word of the help command in the reader's language. */
  helpCommand: string;
}

export function helpCard(view: HelpView, t: Translate): AdaptiveCard {
  const body: CardElement[] = [heading(t('help.title'))];
  const { person } = view;
  if (!person) {
    body.push(text(t('help.general')), text(t('help.generalRoles', { command: `**${view.helpCommand}**` }), { isSubtle: true }));
  } else {
    body.push(text(person.name ? t('help.greeting', { name: person.name }) : t('help.greetingUnknown')));
    body.push(subheading(t('help.yourRoles')));
    if (!person.name) body.push(warning(t('welcome.unknownPerson')));
    else if (person.roles.length === 0) body.push(text(t('help.noRoles'), { isSubtle: true }));
    // One line per distinct role, listing where it applies. What a role may do shows in the
    // commands below (they are filtered by role); no role text promises more than those.
    const distinct = [...new Set(person.roles.map((holding) => holding.role))];
    for (const role of distinct) {
      const scopes = person.roles
        .filter((holding) => holding.role === role)
        .map((holding) => [holding.unit, holding.subjectArea].filter(Boolean).join(', '))
        .filter(Boolean);
      const title = scopes.length ? `${t(`role.${role}`)} – ${scopes.join('; ')}` : t(`role.${role}`);
      body.push(text(`**${title}**`, { spacing: 'Small' }));
    }
    if (distinct.length > 0) body.push(text(t('help.rolesSource'), { isSubtle: true, size: 'Small' }));
  }

  body.push(subheading(t('help.commands')));
  body.push(
    facts(view.commands.map((command) => ({ title: command.argument ? `${command.word} ${t(command.argument)}` : command.word, value: t(command.help) }))),
  );
  if (view.channelCommands?.length) {
    body.push(subheading(t('help.channelCommands')));
    body.push(facts(view.channelCommands.map((command) => ({ title: command.word, value: t(command.help) }))));
  }

  const buttons = view.commands.flatMap((command) => (command.button ? [execute(t(command.button.title), command.button.verb)] : []));
  return card(t('help.speak', { commands: view.commands.map((command) => command.word).join(', ') }), body, buttons);
}

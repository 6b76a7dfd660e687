import type { TurnContext } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import type { Application } from '@microsoft/teams-ai';
import { helpCard } from '../../cards/help-card.js';
import { availableCommands, commandPattern, commandWord, COMMANDS, type CommandScope } from '../../domain/help/commands.js';
import { loadCaller, type Caller } from '../caller.js';
import type { BotDeps } from '../deps.js';
import type { RoleKey } from '../../domain/people/roles.js';
import type { Locale } from '../../i18n/index.js';

/** Teams' conversation type as a manifest scope: a channel belongs to a team; no type is a 1:1 chat. */
export function commandScopeOf(context: TurnContext): CommandScope {
  const type = context.activity.conversation?.conversationType;
  if (type === 'channel') return 'team';
  if (type === 'groupChat') return 'groupChat';
  return 'personal';
}

/**
 * In the person's 1:1 chat: their name, roles and the commands they may use. In a channel or group
 * chat everyone sees the card, so it shows the general help: the commands anyone may use there.
 */
export function buildHelpCard(caller: Caller, scope: CommandScope) {
  const roles = caller.person?.roles ?? [];
  const personal = scope === 'personal';
  return helpCard(
    {
      person: personal
        ? {
            name: caller.person?.name ?? null,
            roles: roles.map((holding) => ({ role: holding.role, unit: holding.unit?.name, subjectArea: holding.subjectArea?.name })),
          }
        : null,
      commands: availableCommands({
        roles: personal ? roles.map((holding) => holding.role) : null,
        member: caller.person !== null,
        scope,
        locale: caller.locale,
      }),
      // Commands that work only in a channel (queue channels), for the roles that may use them.
      channelCommands: personal ? channelOnlyCommands(roles.map((holding) => holding.role), caller.locale) : [],
      helpCommand: commandWord('hjelp', caller.locale),
    },
    caller.t,
  );
}

/** The commands this person may use in a channel that the 1:1 chat does not offer. */
export function channelOnlyCommands(roles: readonly RoleKey[], locale: Locale) {
  const personal = new Set(availableCommands({ roles, scope: 'personal', locale }).map((command) => command.id));
  return availableCommands({ roles, scope: 'team', locale }).filter((command) => !personal.has(command.id));
}

/** `hjelp` / `help`: what Arkivlos can do for this person (or, in a shared conversation, for anyone). */
export function registerHelp(app: Application, deps: BotDeps): void {
  app.message(commandPattern(COMMANDS.hjelp), async (context: TurnContext) => {
    const caller = await loadCaller(context, deps.prisma);
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(buildHelpCard(caller, commandScopeOf(context)))] });
  });
  app.adaptiveCards.actionExecute('help.show', async (context) => {
    const caller = await loadCaller(context, deps.prisma);
    return buildHelpCard(caller, commandScopeOf(context));
  });
}

import type { TurnContext } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import type { Application } from '@microsoft/teams-ai';
import { helpCard } from '../../cards/help-card.js';
import { availableCommands } from '../../domain/help/available-commands.js';
import { loadCaller, type Caller } from '../caller.js';
import type { BotDeps } from '../deps.js';
import { systemName } from './system-name.js';

export function buildHelpCard(caller: Caller, deps: BotDeps) {
  const roles = caller.person?.roles ?? [];
  return helpCard(
    {
      name: caller.person?.name ?? null,
      systemName: systemName(caller, deps),
      roles: roles.map((holding) => ({
        role: holding.role,
        unit: holding.unit?.name,
        subjectArea: holding.subjectArea?.name,
      })),
      commands: availableCommands(roles.map((holding) => holding.role)),
    },
    caller.t,
  );
}

/** `hjelp` / `help`: what Arkivlos can do for this person's roles. */
export function registerHelp(app: Application, deps: BotDeps): void {
  app.message(/^\s*(hjelp|help)\s*[.!?]*\s*$/i, async (context: TurnContext) => {
    const caller = await loadCaller(context, deps.prisma);
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(buildHelpCard(caller, deps))] });
  });
  app.adaptiveCards.actionExecute('help.show', async (context) => {
    const caller = await loadCaller(context, deps.prisma);
    return buildHelpCard(caller, deps);
  });
}

import type { TurnContext } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import type { Application } from '@microsoft/teams-ai';
import { welcomeCard } from '../../cards/welcome-card.js';
import { commandWord } from '../../domain/help/commands.js';
import { featureLines } from '../../domain/help/features.js';
import { claimWelcome, markConversationUnreachable, releaseWelcome } from '../../domain/conversations/save-conversation-reference.js';
import { loadCaller } from '../caller.js';
import type { BotDeps } from '../deps.js';
import { systemName } from './system-name.js';

/**
 * A new personal install gets one welcome card. Teams announces an install both as
 * installationUpdate and as conversationUpdate (the bot among membersAdded); the first one wins.
 * A welcome that could not be delivered is released, so a later announcement sends it.
 */
export function registerInstall(app: Application, deps: BotDeps): void {
  const welcome = async (context: TurnContext) => {
    if (context.activity.conversation?.conversationType !== 'personal') return;
    const conversationId = context.activity.conversation.id;
    const claimedAt = deps.now();
    if (!(await claimWelcome(deps.prisma, conversationId, claimedAt))) return;
    try {
      const caller = await loadCaller(context, deps.prisma);
      const card = welcomeCard(
        {
          name: caller.person?.name ?? null,
          systemName: systemName(caller, deps),
          features: featureLines({ roles: caller.person?.roles.map((holding) => holding.role) ?? [], locale: caller.locale }),
          helpCommand: commandWord('hjelp', caller.locale),
        },
        caller.t,
      );
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
    } catch (error) {
      await releaseWelcome(deps.prisma, conversationId, claimedAt);
      throw error;
    }
  };

  app.activity('installationUpdate', async (context) => {
    const action = (context.activity as { action?: string }).action ?? '';
    if (action.startsWith('remove')) {
      await markConversationUnreachable(deps.prisma, context.activity.conversation.id, deps.now());
      return;
    }
    await welcome(context);
  });

  app.conversationUpdate('membersAdded', async (context) => {
    const botId = context.activity.recipient?.id;
    if (context.activity.membersAdded?.some((member) => member.id === botId)) await welcome(context);
  });
}

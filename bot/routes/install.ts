import type { TurnContext } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import type { Application } from '@microsoft/teams-ai';
import { welcomeCard } from '../../cards/welcome-card.js';
import { claimWelcome, markConversationUnreachable } from '../../domain/conversations/save-conversation-reference.js';
import { loadCaller } from '../caller.js';
import type { BotDeps } from '../deps.js';
import { systemName } from './system-name.js';

/**
 * A new personal install gets one welcome card. Teams announces an install both as
 * installationUpdate and as conversationUpdate (the bot among membersAdded); the first one wins.
 */
export function registerInstall(app: Application, deps: BotDeps): void {
  const welcome = async (context: TurnContext) => {
    if (context.activity.conversation?.conversationType !== 'personal') return;
    if (!(await claimWelcome(deps.prisma, context.activity.conversation.id, deps.now()))) return;
    const caller = await loadCaller(context, deps.prisma);
    const card = welcomeCard({ name: caller.person?.name ?? null, systemName: systemName(caller, deps) }, caller.t);
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
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

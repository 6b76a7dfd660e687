import type { TurnContext } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import type { Application } from '@microsoft/teams-ai';
import { welcomeCard } from '../../cards/welcome-card.js';
import { commandWord } from '../../domain/help/commands.js';
import { featureLines } from '../../domain/help/features.js';
import { markConversationUnreachable } from '../../domain/conversations/save-conversation-reference.js';
import { enqueueMessage } from '../../domain/delivery/enqueue-message.js';
import { loadCaller } from '../caller.js';
import type { BotDeps } from '../deps.js';
import { systemName } from './system-name.js';

/**
 * A new personal install gets one welcome card, through the outbox like everything the bot sends
 * on its own. Teams announces an install both as installationUpdate and as conversationUpdate
 * (the bot among membersAdded): the idempotency key `welcome:<conversation>` stores it once,
 * and the outbox retries it until Teams takes it.
 */
export function registerInstall(app: Application, deps: BotDeps): void {
  const welcome = async (context: TurnContext) => {
    if (context.activity.conversation?.conversationType !== 'personal') return;
    const caller = await loadCaller(context, deps.prisma);
    const card = welcomeCard(
      {
        name: caller.person?.name ?? null,
        systemName: systemName(caller, deps),
        features: featureLines({ roles: caller.person?.roles.map((holding) => holding.role) ?? [], member: caller.person !== null, locale: caller.locale }),
        helpCommand: commandWord('hjelp', caller.locale),
      },
      caller.t,
    );
    const conversationId = context.activity.conversation.id;
    await enqueueMessage(deps.prisma, {
      to: { conversationId },
      activity: { type: 'message', attachments: [CardFactory.adaptiveCard(card)] },
      idempotencyKey: `welcome:${conversationId}`,
    });
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

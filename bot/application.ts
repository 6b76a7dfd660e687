import type { TurnContext } from 'botbuilder';
import { Application, type TeamsAdapter } from '@microsoft/teams-ai';
import { channelConversationId } from '../domain/conversations/channel-conversation-id.js';
import { saveConversationReference } from '../domain/conversations/save-conversation-reference.js';
import { loadCaller, turnLogger } from './caller.js';
import type { BotDeps } from './deps.js';
import { answerFailedTurn } from './errors.js';
import { registerDaily } from './routes/daily.js';
import { registerDailyActions } from './routes/daily-actions.js';
import { registerAbsenceRoutes } from './routes/absence.js';
import { registerChat } from './routes/chat.js';
import { registerDailySend } from './routes/daily-send.js';
import { registerDelivery } from './routes/delivery.js';
import { registerFallback } from './routes/fallback.js';
import { registerHelp } from './routes/help.js';
import { registerInstall } from './routes/install.js';
import { registerKbAdmin } from './routes/kb-admin.js';
import { registerMessageActions } from './routes/message-actions.js';
import { registerSelfHelp } from './routes/self-help.js';
import { registerQueues } from './routes/queues.js';
import { registerQaModeration } from './routes/qa-moderation.js';
import { registerKnownErrors } from './routes/known-errors.js';
import { registerQaSessions } from './routes/qa-sessions.js';
import { registerResolution } from './routes/resolution.js';
import { registerRollout } from './routes/rollout.js';
import { registerSettings } from './routes/settings.js';
import { registerSupport } from './routes/support.js';
import { registerSupportActions } from './routes/support-actions.js';

/** Longest message text Arkivlos reads; Teams itself allows about 28 KB. */
export const MAX_TEXT_LENGTH = 4000;

export function tenantOf(context: TurnContext): string | undefined {
  const channelData = context.activity.channelData as { tenant?: { id?: string } } | undefined;
  return context.activity.conversation?.tenantId ?? channelData?.tenant?.id;
}

export type RegisterRoutes = (app: Application, deps: BotDeps) => void;

/** Every route group, in order: the first matching route runs, so the fallback comes last. */
export const ROUTES: readonly RegisterRoutes[] = [
  registerInstall,
  registerHelp,
  registerSettings,
  registerSupport,
  registerSupportActions,
  registerResolution,
  registerMessageActions,
  registerDelivery,
  registerDailySend,
  registerQueues,
  registerQaSessions,
  registerAbsenceRoutes,
  registerRollout,
  registerDaily,
  registerDailyActions,
  registerQaModeration,
  registerKnownErrors,
  registerKbAdmin,
  registerSelfHelp,
  registerChat,
  registerFallback,
];

/** The teams-ai Application with its routes (the product's own unless given). */
export function createBotApplication(adapter: TeamsAdapter, deps: BotDeps, routes: readonly RegisterRoutes[] = ROUTES): Application {
  const app = new Application({
    adapter,
    botAppId: adapter.botFrameworkAuthConfig?.MicrosoftAppId || undefined,
    removeRecipientMention: true,
    startTypingTimer: false,
  });

  app.turn('beforeTurn', async (context) => {
    const log = turnLogger(context, deps.logger);
    const tenantId = tenantOf(context);
    if (deps.allowedTenantIds !== '*' && (!tenantId || !deps.allowedTenantIds.includes(tenantId))) {
      log.warn({ tenantId, activityType: context.activity.type }, 'activity from a tenant that is not allowed: refused');
      return false;
    }
    await rememberConversation(context, deps);
    if (context.activity.type === 'message' && (context.activity.text?.length ?? 0) > MAX_TEXT_LENGTH) {
      const caller = await loadCaller(context, deps.prisma);
      await context.sendActivity(caller.t('error.tooLong', { max: MAX_TEXT_LENGTH }));
      return false;
    }
    return true;
  });

  for (const register of routes) register(app, deps);

  app.error(answerFailedTurn(deps));
  return app;
}

async function rememberConversation(context: TurnContext, deps: BotDeps): Promise<void> {
  const { activity } = context;
  if (!activity.conversation?.id || !activity.serviceUrl) return;
  if (!['message', 'installationUpdate', 'conversationUpdate', 'invoke'].includes(activity.type)) return;
  const scope = activity.conversation.conversationType ?? 'personal';
  const tenantId = tenantOf(context);
  // In a channel, the channel itself (a message's thread is in its conversation id): a queue
  // channel's cards are new posts there.
  const conversationId = scope === 'channel' ? channelConversationId(activity.conversation.id) : activity.conversation.id;
  // Only what a proactive send needs: an activity id would make it a reply to an old message, and
  // anything that changes per message would rewrite the row on every turn. In a channel the
  // user is just whoever wrote last.
  const reference = {
    channelId: activity.channelId,
    serviceUrl: activity.serviceUrl,
    conversation: { id: conversationId, conversationType: scope, tenantId },
    bot: { id: activity.recipient.id },
    ...(scope === 'personal' && { user: { id: activity.from.id, aadObjectId: activity.from.aadObjectId } }),
  };
  await saveConversationReference(deps.prisma, {
    conversationId,
    scope,
    aadObjectId: scope === 'personal' ? activity.from?.aadObjectId?.toLowerCase() : undefined,
    tenantId,
    serviceUrl: activity.serviceUrl,
    reference,
  });
}

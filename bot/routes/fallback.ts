import type { Application } from '@microsoft/teams-ai';
import { commandWord } from '../../domain/help/commands.js';
import { loadCaller } from '../caller.js';
import type { BotDeps } from '../deps.js';
import { commandScopeOf } from './help.js';
import { answerWaitingRequest } from './chat.js';
import { answerDuringRollout } from './rollout.js';
import { answerQuestion } from './self-help.js';

/**
 * Registered last: teams-ai runs only the first matching route. In the 1:1 chat a message that is
 * no command is the requester's answer when a henvendelse waits for them (bot/routes/chat.ts),
 * else, during a rollout, a question for the next spørretime (bot/routes/rollout.ts), else a
 * question for the self-help search; in a channel or group chat, and when there is
 * nothing to search for, the answer points to `hjelp`.
 */
export function registerFallback(app: Application, deps: BotDeps): void {
  app.activity('message', async (context) => {
    const text = context.activity.text?.trim();
    if (text && commandScopeOf(context) === 'personal' && ((await answerWaitingRequest(context, deps, text)) || (await answerDuringRollout(context, deps, text)) || (await answerQuestion(context, deps, text)))) return;
    const caller = await loadCaller(context, deps.prisma);
    await context.sendActivity(caller.t('fallback.text', { command: commandWord('hjelp', caller.locale) }));
  });
  app.adaptiveCards.actionExecute(/.*/, async (context) => {
    const caller = await loadCaller(context, deps.prisma);
    return caller.t('error.unknownAction');
  });
}

import type { Application } from '@microsoft/teams-ai';
import { commandWord } from '../../domain/help/commands.js';
import { loadCaller } from '../caller.js';
import type { BotDeps } from '../deps.js';

/** Registered last: teams-ai runs only the first matching route. */
export function registerFallback(app: Application, deps: BotDeps): void {
  app.activity('message', async (context) => {
    const caller = await loadCaller(context, deps.prisma);
    await context.sendActivity(caller.t('fallback.text', { command: commandWord('hjelp', caller.locale) }));
  });
  app.adaptiveCards.actionExecute(/.*/, async (context) => {
    const caller = await loadCaller(context, deps.prisma);
    return caller.t('error.unknownAction');
  });
}

import type { Application } from '@microsoft/teams-ai';
import { CardFactory } from 'botbuilder';
import { dailySendCard } from '../../cards/daily-send-card.js';
import { builtInRegistry } from '../../domain/archive/registry/built-in-registry.js';
import { localDateOf } from '../../domain/calendar/working-days.js';
import { sendDailyCards } from '../../domain/daily/send-daily-cards.js';
import { commandPattern, commandWord, COMMANDS } from '../../domain/help/commands.js';
import { getOrganisationSettings } from '../../domain/org/organisation-settings.js';
import { loadCaller } from '../caller.js';
import type { BotDeps } from '../deps.js';
import { refusal } from './delivery.js';

/**
 * `send oppgaver nå` (nn `send oppgåver no`, en `send digests now`): today's «Mine oppgaver»
 * for everyone, at once and on any day (also a weekend), for Arkivlos administrators in their
 * own 1:1 chat. The same run as the morning's (keys `digest:<person>:<date>`), so nobody gets a
 * second card the same day; the answer counts the people and points to `status utsending`.
 */
export function registerDailySend(app: Application, deps: BotDeps): void {
  app.message(commandPattern(COMMANDS.sendOppgaverNa), async (context) => {
    const caller = await loadCaller(context, deps.prisma);
    const refused = refusal(context, caller, 'sendOppgaverNa');
    if (refused) {
      await context.sendActivity(refused);
      return;
    }
    const settings = await getOrganisationSettings(deps.prisma);
    const result = await sendDailyCards(deps.prisma, deps.archive ?? builtInRegistry(deps.prisma), {
      date: localDateOf(deps.now(), settings.timeZone),
      dailyCardTime: settings.dailyCardTime,
      timeZone: settings.timeZone,
      actor: caller.person!.aadObjectId,
    });
    const card = dailySendCard({ ...result, locale: caller.locale, statusCommand: commandWord('statusUtsending', caller.locale) }, caller.t);
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  });
}

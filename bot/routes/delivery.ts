import type { TurnContext } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import type { Application } from '@microsoft/teams-ai';
import { deliveryStatusCard } from '../../cards/delivery-status-card.js';
import { reachEveryoneCard } from '../../cards/reach-everyone-card.js';
import { getDeliveryStatus } from '../../domain/delivery/delivery-status.js';
import { reachPeople } from '../../domain/delivery/reach-people.js';
import { commandPattern, commandWord, COMMANDS, mayUseCommand, type CommandId } from '../../domain/help/commands.js';
import { loadCaller, type Caller } from '../caller.js';
import type { BotDeps } from '../deps.js';
import { commandScopeOf } from './help.js';

/**
 * Why this caller may not use an administrator's command here, in their language; undefined when
 * they may. The answers name people, so they are given only in the administrator's own 1:1 chat.
 */
export function refusal(context: TurnContext, caller: Caller, id: CommandId): string | undefined {
  const command = commandWord(id, caller.locale);
  if (commandScopeOf(context) !== 'personal') return caller.t('delivery.personalOnly', { command });
  const roles = caller.person?.roles.map((holding) => holding.role) ?? [];
  if (!mayUseCommand(COMMANDS[id], roles)) return caller.t('delivery.onlyAdministrators', { command });
  return undefined;
}

/** `status utsending` / `delivery status` and `nå alle` / `reach everyone`: the outbox, for Arkivlos administrators. */
export function registerDelivery(app: Application, deps: BotDeps): void {
  const statusCard = async (context: TurnContext) => {
    const caller = await loadCaller(context, deps.prisma);
    const refused = refusal(context, caller, 'statusUtsending');
    if (refused) return refused;
    const now = deps.now();
    const status = await getDeliveryStatus(deps.prisma, { now, tenantRps: deps.tenantRps });
    return deliveryStatusCard({ status, at: now, locale: caller.locale, reachCommand: commandWord('naAlle', caller.locale) }, caller.t);
  };

  app.message(commandPattern(COMMANDS.statusUtsending), async (context) => {
    const answer = await statusCard(context);
    await context.sendActivity(typeof answer === 'string' ? answer : { attachments: [CardFactory.adaptiveCard(answer)] });
  });
  // The card's Oppdater button, and the button on the help card and the `nå alle` card.
  app.adaptiveCards.actionExecute('delivery.status', statusCard);

  app.message(commandPattern(COMMANDS.naAlle), async (context) => {
    const caller = await loadCaller(context, deps.prisma);
    const refused = refusal(context, caller, 'naAlle');
    if (refused) {
      await context.sendActivity(refused);
      return;
    }
    const { queued, alreadyQueued, alreadyConnected } = await reachPeople(deps.prisma, { since: deps.now(), actor: caller.person!.aadObjectId });
    const card = reachEveryoneCard(
      { queued, alreadyQueued, alreadyConnected, locale: caller.locale, statusCommand: commandWord('statusUtsending', caller.locale) },
      caller.t,
    );
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  });
}

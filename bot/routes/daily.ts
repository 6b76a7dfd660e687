import type { TurnContext } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import type { Application } from '@microsoft/teams-ai';
import { z } from 'zod';
import { dailyCard, DAILY_CARD_VERBS } from '../../cards/daily-card.js';
import { builtInRegistry } from '../../domain/archive/registry/built-in-registry.js';
import type { DailyActOutcome } from '../../domain/daily/act-on-daily-card.js';
import { chooseCardWhenEmpty } from '../../domain/daily/choose-card-when-empty.js';
import { composeDailyCards } from '../../domain/daily/compose-daily-cards.js';
import { dailyContext, type DailyContext } from '../../domain/daily/daily-context.js';
import { commandPattern, COMMANDS } from '../../domain/help/commands.js';
import { loadCaller, type Caller } from '../caller.js';
import type { BotDeps } from '../deps.js';
import { commandScopeOf } from './help.js';

/** Card data is untrusted: only the one boolean. */
const ZWhenEmpty = z.object({ whenEmpty: z.boolean() });

/**
 * `oppgaver` (nn `oppgåver`, en `tasks`): the caller's «Mine oppgaver» now, composed by the same
 * set-based composer as the daily run. In the 1:1 chat with full titles; anywhere else everyone
 * sees it, so screened entries show their public title and no one's name, and it has no buttons:
 * the card's actions (bot/routes/daily-actions.ts) are offered in the 1:1 chat only.
 */
export function registerDaily(app: Application, deps: BotDeps): void {
  app.message(commandPattern(COMMANDS.oppgaver), async (context) => {
    const caller = await loadCaller(context, deps.prisma);
    const answer = await showDailyCard(context, caller, deps);
    await context.sendActivity(typeof answer === 'string' ? answer : { attachments: [CardFactory.adaptiveCard(answer)] });
  });

  app.adaptiveCards.actionExecute(DAILY_CARD_VERBS.whenEmpty, async (context, _state, data) => {
    const caller = await loadCaller(context, deps.prisma);
    if (!caller.person || !caller.aadObjectId) return caller.t('error.unknownPerson');
    // The choice is the person's own: only from their 1:1 chat, where the card offers it.
    if (commandScopeOf(context) !== 'personal') return showDailyCard(context, caller, deps);
    const parsed = ZWhenEmpty.safeParse(data);
    if (!parsed.success) return caller.t('error.invalidData');
    await chooseCardWhenEmpty(deps.prisma, { aadObjectId: caller.aadObjectId, whenEmpty: parsed.data.whenEmpty });
    return showDailyCard(context, caller, deps, { saved: parsed.data.whenEmpty });
  });
}

/**
 * The caller's «Mine oppgaver» as of today (also when they act on yesterday's card), after an
 * action with what it did (and the person's day as the action read it: dailyContext).
 */
export async function showDailyCard(
  context: TurnContext,
  caller: Caller,
  deps: BotDeps,
  after: { saved?: boolean; notice?: DailyActOutcome; daily?: DailyContext } = {},
) {
  if (!caller.person) return caller.t('error.unknownPerson');
  const { daily = await dailyContext(deps.prisma, caller.person.id, deps.now()), ...shown } = after;
  const [view] = await composeDailyCards(deps.prisma, deps.archive ?? builtInRegistry(deps.prisma), {
    date: daily.today,
    dailyCardTime: daily.settings.dailyCardTime,
    timeZone: daily.settings.timeZone,
    personIds: [caller.person.id],
    read: { people: daily.person ? [daily.person] : [], acting: daily.acting },
  });
  if (!view) return caller.t('error.unknownPerson');
  const audience = commandScopeOf(context) === 'personal' ? 'personal' : 'shared';
  return dailyCard(view, { locale: caller.locale, audience, actions: audience === 'personal', ...shown }, caller.t);
}

import type { TurnContext } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import type { Application } from '@microsoft/teams-ai';
import { z } from 'zod';
import { formatDay } from '../../cards/absence-card.js';
import type { AdaptiveCard } from '../../cards/card-kit.js';
import { rolloutAdminCard, rolloutCard, rolloutSentCard, ROLLOUT_VERBS, type RolloutAdminNotice } from '../../cards/rollout-card.js';
import type { AbsenceParseProblem } from '../../domain/absence/parse-absence.js';
import { commandWithArgumentsPattern, commandWord, COMMANDS, mayUseCommand } from '../../domain/help/commands.js';
import { QA_LIMITS } from '../../domain/qa/vocabulary.js';
import { askInSession } from '../../domain/rollout/ask-in-session.js';
import { currentRollout, rolloutSetting } from '../../domain/rollout/current-rollout.js';
import { upcomingSession } from '../../domain/rollout/next-session.js';
import { parseRollout } from '../../domain/rollout/parse-rollout.js';
import { endRollout, setRollout, ROLLOUT_TEXT_LIMIT, type SetRolloutResult } from '../../domain/rollout/set-rollout.js';
import { loadCaller, turnLogger, type Caller } from '../caller.js';
import type { BotDeps } from '../deps.js';
import { commandScopeOf } from './help.js';

/** Card data is untrusted: two days and a text of the right form; the domain checks the rest. */
const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const ZSet = z.object({ from: ZDay, to: ZDay, text: z.string().max(ROLLOUT_TEXT_LIMIT * 2).optional() });
/** The session's id, the question as text, and the toggle's own values; who asks is the caller. */
const ZAsk = z.object({
  sessionId: z.string().uuid(),
  question: z.string().max(QA_LIMITS.question * 2),
  anonymous: z.enum(['true', 'false']).optional(),
});

const EXAMPLE = '29.10–6.11';
/** The command's word in any language at the start of the message (`innføring`, `rollout`). */
const COMMAND_WORD = new RegExp(`^(?:${Object.values(COMMANDS.innforing.words).flat().join('|')})`, 'i');

/**
 * The rollout card for this caller if a rollout is going on now, else null: what `ny henvendelse`,
 * the intake card's buttons, a question in the chat and a message action answer with instead of
 * the intake while support is given only in the spørretimer.
 */
export async function rolloutAnswer(caller: Caller, deps: BotDeps, options: { question?: string; mode?: 'chat' | 'dialog' } = {}): Promise<AdaptiveCard | null> {
  const now = deps.now();
  const rollout = await currentRollout(deps.prisma, now);
  if (!rollout) return null;
  const session = await upcomingSession(deps.prisma, now);
  return rolloutCard(
    { rollout, session, question: options.question, locale: caller.locale, searchExample: `${commandWord('sok', caller.locale)} ${caller.t('selfHelp.exampleQuery')}`, mode: options.mode },
    caller.t,
  );
}

/**
 * A question written in the 1:1 chat during a rollout: the rollout card with the question ready
 * for the next spørretime, in place of self-help's offer to open a henvendelse. False, having sent
 * nothing, when no rollout is going on or the organisation does not know the person.
 */
export async function answerDuringRollout(context: TurnContext, deps: BotDeps, question: string): Promise<boolean> {
  const caller = await loadCaller(context, deps.prisma);
  if (!caller.person) return false;
  const card = await rolloutAnswer(caller, deps, { question });
  if (!card) return false;
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  return true;
}

/** The answer to «Send til spørretimen» (the card's and the dialog's): the question stored in the named session. */
export async function askFromRolloutCard(caller: Caller, deps: BotDeps, data: unknown): Promise<AdaptiveCard | string> {
  if (!caller.person || !caller.aadObjectId) return caller.t('error.unknownPerson');
  const parsed = ZAsk.safeParse(data);
  if (!parsed.success) return caller.t('error.invalidData');
  const { sessionId, question, anonymous } = parsed.data;
  const asked = await askInSession(deps.prisma, {
    sessionId,
    text: question,
    anonymous: anonymous === 'true',
    asker: { personId: caller.person.id, aadObjectId: caller.aadObjectId },
    now: deps.now(),
  });
  return rolloutSentCard({ session: asked.session, question: question.trim(), locale: caller.locale }, caller.t);
}

/**
 * `innføring` (nn `innføring`, en `rollout`), administrators in their 1:1 chat: with days and a
 * text it sets the rollout, alone it shows the card with the form and «Avslutt innføring».
 * «Send til spørretimen» on the rollout card is here too.
 */
export function registerRollout(app: Application, deps: BotDeps): void {
  const pattern = commandWithArgumentsPattern(COMMANDS.innforing);

  app.message(pattern, async (context) => {
    const caller = await loadCaller(context, deps.prisma);
    const refused = refusal(context, caller);
    if (refused) return void (await context.sendActivity(refused));
    // The text after the days is kept as written, its final full stop too (the pattern drops it).
    const argument = (context.activity.text ?? '').trim().replace(COMMAND_WORD, '').trim();
    const answer = await answerTyped(caller, deps, argument);
    await context.sendActivity(typeof answer === 'string' ? answer : { attachments: [CardFactory.adaptiveCard(answer)] });
  });

  app.adaptiveCards.actionExecute(ROLLOUT_VERBS.show, async (context) => {
    const caller = await loadCaller(context, deps.prisma);
    return refusal(context, caller) ?? adminCard(caller, deps);
  });

  app.adaptiveCards.actionExecute(ROLLOUT_VERBS.set, async (context, _state, data) => {
    const caller = await loadCaller(context, deps.prisma);
    const refused = refusal(context, caller);
    if (refused) return refused;
    const parsed = ZSet.safeParse(data);
    if (!parsed.success) return caller.t('error.invalidData');
    const result = await setRollout(deps.prisma, { ...parsed.data, text: parsed.data.text ?? '', actor: caller.aadObjectId!, now: deps.now() });
    return afterSet(context, caller, deps, result);
  });

  app.adaptiveCards.actionExecute(ROLLOUT_VERBS.end, async (context) => {
    const caller = await loadCaller(context, deps.prisma);
    const refused = refusal(context, caller);
    if (refused) return refused;
    const result = await endRollout(deps.prisma, { actor: caller.aadObjectId!, now: deps.now() });
    turnLogger(context, deps.logger).info({ ended: result.ended }, 'rollout ended');
    return adminCard(caller, deps, { kind: result.ended ? 'ended' : 'nothingToEnd' });
  });

  app.adaptiveCards.actionExecute(ROLLOUT_VERBS.ask, async (context, _state, data) => {
    const caller = await loadCaller(context, deps.prisma);
    const answer = await askFromRolloutCard(caller, deps, data);
    if (typeof answer !== 'string') turnLogger(context, deps.logger).info({}, 'question sent to a spørretime from the rollout card');
    return answer;
  });
}

/** Administrators only, in their own chat; anyone else gets the reason and nothing changes. */
function refusal(context: TurnContext, caller: Caller): string | undefined {
  const command = commandWord('innforing', caller.locale);
  if (commandScopeOf(context) !== 'personal') return caller.t('rollout.personalOnly', { command });
  const roles = caller.person?.roles.map((holding) => holding.role) ?? [];
  if (!caller.aadObjectId || !mayUseCommand(COMMANDS.innforing, roles)) return caller.t('rollout.notAllowed');
  return undefined;
}

async function answerTyped(caller: Caller, deps: BotDeps, argument: string): Promise<AdaptiveCard | string> {
  if (argument === '') return adminCard(caller, deps);
  const { today } = await rolloutSetting(deps.prisma, deps.now());
  const parsed = parseRollout(argument, today);
  if (!parsed.ok) return problemText(parsed.problem, caller);
  const result = await setRollout(deps.prisma, { from: parsed.from, to: parsed.to, text: parsed.text, actor: caller.aadObjectId!, now: deps.now() });
  if (!result.ok) return problemText(result.problem, caller);
  return adminCard(caller, deps, { kind: 'set' });
}

async function afterSet(context: TurnContext, caller: Caller, deps: BotDeps, result: SetRolloutResult) {
  if (!result.ok) return adminCard(caller, deps, { kind: 'problem', text: problemText(result.problem, caller) });
  turnLogger(context, deps.logger).info({ from: result.rollout.from, to: result.rollout.to }, 'rollout set');
  return adminCard(caller, deps, { kind: 'set' });
}

async function adminCard(caller: Caller, deps: BotDeps, notice?: RolloutAdminNotice) {
  const setting = await rolloutSetting(deps.prisma, deps.now());
  const example = `${commandWord('innforing', caller.locale)} ${EXAMPLE} ${caller.t('rollout.admin.exampleText')}`;
  return rolloutAdminCard({ rollout: setting.rollout, current: setting.current, today: setting.today, locale: caller.locale, example, notice }, caller.t);
}

function problemText(problem: AbsenceParseProblem | { code: 'textTooLong'; max: number }, caller: Caller): string {
  const { t, locale } = caller;
  const example = `${commandWord('innforing', locale)} ${EXAMPLE} …`;
  switch (problem.code) {
    case 'empty':
    case 'notADate':
      return t('rollout.problem.notADate', { text: problem.code === 'empty' ? '' : problem.text, example });
    case 'noSuchDate':
      return t('rollout.problem.noSuchDate', { text: problem.text });
    case 'endBeforeStart':
      return t('rollout.problem.endBeforeStart', { from: formatDay(problem.from, locale), to: formatDay(problem.to, locale) });
    case 'past':
      return t('rollout.problem.past', { to: formatDay(problem.to, locale) });
    case 'tooLong':
      return t('rollout.problem.tooLong', { days: problem.days });
    case 'textTooLong':
      return t('rollout.problem.textTooLong', { max: problem.max });
  }
}

import type { TurnContext } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import type { Application } from '@microsoft/teams-ai';
import { z } from 'zod';
import { articleCard } from '../../cards/article-card.js';
import { selfHelpAnsweredCard, selfHelpCard, SELF_HELP_VERBS } from '../../cards/self-help-card.js';
import { commandPattern, commandWithArgumentPattern, commandWord, COMMANDS } from '../../domain/help/commands.js';
import { answerSelfHelp } from '../../domain/knowledge/answer-self-help.js';
import { openArticle } from '../../domain/knowledge/open-article.js';
import { showSelfHelp } from '../../domain/knowledge/show-self-help.js';
import { startSelfHelp } from '../../domain/knowledge/start-self-help.js';
import { loadCaller, turnLogger, type Caller } from '../caller.js';
import type { BotDeps } from '../deps.js';
import { intakeAnswer } from './support.js';
import { buildHelpCard, commandScopeOf } from './help.js';

/** Card data is untrusted: ids of the right form only; the domain checks they are the caller's. */
const ZQueryAction = z.object({ queryId: z.string().uuid() });
const ZReadAction = z.object({ queryId: z.string().uuid(), articleId: z.string().uuid() });

/**
 * Hjelp til selvhjelp in the 1:1 chat: `søk <tekst>` (`search`), `hjelp <tekst>` (`help`), and
 * any question written in the chat (the fallback hands it here), then the card's answers.
 */
export function registerSelfHelp(app: Application, deps: BotDeps): void {
  const search = commandWithArgumentPattern(COMMANDS.sok);
  const sayWhatToSearch = async (context: TurnContext) => {
    const caller = await loadCaller(context, deps.prisma);
    const example = `${commandWord('sok', caller.locale)} ${caller.t('selfHelp.exampleQuery')}`;
    await context.sendActivity(caller.t('selfHelp.whatToSearch', { example }));
  };
  app.message(search, async (context) => {
    if (await refuseOutsidePersonalChat(context, deps)) return;
    if (!(await answerQuestion(context, deps, argumentOf(context, search)))) await sayWhatToSearch(context);
  });
  app.message(commandPattern(COMMANDS.sok), async (context) => {
    if (!(await refuseOutsidePersonalChat(context, deps))) await sayWhatToSearch(context);
  });
  // Plain `hjelp` is the help card (bot/routes/help.ts, registered before this); `hjelp` with
  // words after it is a question, and words with nothing to search for get the help card.
  const helpWith = commandWithArgumentPattern(COMMANDS.hjelp);
  app.message(helpWith, async (context) => {
    if (await refuseOutsidePersonalChat(context, deps)) return;
    if (await answerQuestion(context, deps, argumentOf(context, helpWith))) return;
    const caller = await loadCaller(context, deps.prisma);
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(buildHelpCard(caller, 'personal'))] });
  });

  app.adaptiveCards.actionExecute(SELF_HELP_VERBS.read, async (context, _state, data) => {
    const caller = await loadCaller(context, deps.prisma);
    const parsed = ZReadAction.safeParse(data);
    if (!parsed.success || !caller.aadObjectId) return caller.t('error.invalidData');
    const { article, query } = await openArticle(deps.prisma, { ...parsed.data, aadObjectId: caller.aadObjectId });
    return articleCard({ ...article, locale: caller.locale, query }, caller.t);
  });

  app.adaptiveCards.actionExecute(SELF_HELP_VERBS.show, async (context, _state, data) => {
    const caller = await loadCaller(context, deps.prisma);
    const parsed = ZQueryAction.safeParse(data);
    if (!parsed.success || !caller.aadObjectId) return caller.t('error.invalidData');
    const shown = await showSelfHelp(deps.prisma, { queryId: parsed.data.queryId, aadObjectId: caller.aadObjectId });
    return selfHelpCard(
      {
        question: shown.question,
        queryId: shown.queryId,
        answered: shown.answered,
        hits: shown.hits,
        corrections: [],
        locale: caller.locale,
        helpCommand: commandWord('hjelp', caller.locale),
      },
      caller.t,
    );
  });

  app.adaptiveCards.actionExecute(SELF_HELP_VERBS.solved, async (context, _state, data) => {
    const caller = await loadCaller(context, deps.prisma);
    const parsed = ZQueryAction.safeParse(data);
    if (!parsed.success || !caller.aadObjectId) return caller.t('error.invalidData');
    const answered = await answerSelfHelp(deps.prisma, { queryId: parsed.data.queryId, aadObjectId: caller.aadObjectId, outcome: 'solved', now: deps.now() });
    if (answered.changed) deps.countSelfHelp?.('solved');
    turnLogger(context, deps.logger).info({ selfHelpQueryId: parsed.data.queryId, outcome: answered.outcome, changed: answered.changed }, 'self-help answered');
    return selfHelpAnsweredCard({ question: answered.question, outcome: answered.outcome, already: !answered.changed }, caller.t);
  });

  app.adaptiveCards.actionExecute(SELF_HELP_VERBS.needsHelp, async (context, _state, data) => {
    const caller = await loadCaller(context, deps.prisma);
    const parsed = ZQueryAction.safeParse(data);
    if (!parsed.success || !caller.aadObjectId) return caller.t('error.invalidData');
    const { queryId } = parsed.data;
    const answered = await answerSelfHelp(deps.prisma, { queryId, aadObjectId: caller.aadObjectId, outcome: 'needs_help', now: deps.now() });
    turnLogger(context, deps.logger).info({ selfHelpQueryId: queryId, outcome: answered.outcome, changed: answered.changed }, 'self-help answered');
    if (!answered.changed) return selfHelpAnsweredCard({ question: answered.question, outcome: answered.outcome, already: true }, caller.t);
    deps.countSelfHelp?.('needs_help');
    return continueToIntake(context, caller, deps, { question: answered.question, selfHelpQueryId: queryId });
  });
}

/**
 * Where «Jeg trenger fortsatt hjelp» goes once the outcome is recorded: the intake card (`ny
 * henvendelse`) in place of the self-help card, with the question filled in and the self-help
 * query carried on to the henvendelse.
 */
export async function continueToIntake(
  context: TurnContext,
  caller: Caller,
  deps: BotDeps,
  { question, selfHelpQueryId }: { question: string; selfHelpQueryId: string },
) {
  return intakeAnswer(context, caller, deps, { what: question, selfHelpQueryId });
}

/**
 * Searches the knowledge base for the question and answers with the self-help card. Returns false,
 * having sent nothing, when the question has no word to search for (only stop words or signs).
 */
export async function answerQuestion(context: TurnContext, deps: BotDeps, question: string): Promise<boolean> {
  const caller = await loadCaller(context, deps.prisma);
  const { queryId, result } = await startSelfHelp(deps.prisma, {
    aadObjectId: caller.aadObjectId,
    personId: caller.person?.id ?? null,
    lang: caller.locale,
    question,
  });
  if (!result.searchable) return false;
  deps.countSelfHelp?.(result.hits.length > 0 ? 'shown' : 'no_result');
  // Ids and counts only: the question is the person's own text.
  turnLogger(context, deps.logger).info({ selfHelpQueryId: queryId, articleIds: result.hits.map((hit) => hit.id) }, 'self-help search');
  const card = selfHelpCard(
    { question, queryId, hits: result.hits, corrections: result.corrections, locale: caller.locale, helpCommand: commandWord('hjelp', caller.locale) },
    caller.t,
  );
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  return true;
}

function argumentOf(context: TurnContext, pattern: RegExp): string {
  return pattern.exec(context.activity.text ?? '')?.[1]?.trim() ?? '';
}

/** Self-help belongs to the person's own chat; elsewhere a sentence says where to ask. */
async function refuseOutsidePersonalChat(context: TurnContext, deps: BotDeps): Promise<boolean> {
  if (commandScopeOf(context) === 'personal') return false;
  const caller = await loadCaller(context, deps.prisma);
  await context.sendActivity(caller.t('selfHelp.personalOnly', { command: commandWord('sok', caller.locale) }));
  return true;
}

import type { TurnContext } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import type { Application } from '@microsoft/teams-ai';
import { z } from 'zod';
import { qaCreateCard, qaCreatedCard, QA_CREATE_VERBS, type QaCreateValues } from '../../cards/qa-create-card.js';
import { QA_ASK_INPUT, QA_SESSION_VERBS } from '../../cards/qa-session-card.js';
import { localDateOf } from '../../domain/calendar/working-days.js';
import { channelConversationId } from '../../domain/conversations/channel-conversation-id.js';
import { isAppError } from '../../domain/errors.js';
import { commandWithArgumentPattern, commandWithArgumentsPattern, commandWord, COMMANDS, mayUseCommand } from '../../domain/help/commands.js';
import { getOrganisationSettings } from '../../domain/org/organisation-settings.js';
import { announce } from '../../domain/qa/announce.js';
import { createSession } from '../../domain/qa/create-session.js';
import { allQuestionsCardNow, sessionCardNow, sessionInConversation } from '../../domain/qa/session-card.js';
import { readSessionForm, type SessionFormProblem } from '../../domain/qa/session-form.js';
import { cardPostAt } from '../../domain/qa/sessions-job.js';
import { submitQuestion } from '../../domain/qa/submit-question.js';
import type { QaActor } from '../../domain/qa/vocabulary.js';
import { voteQuestion } from '../../domain/qa/vote-question.js';
import { withdrawVote } from '../../domain/qa/withdraw-vote.js';
import { translator } from '../../i18n/index.js';
import { loadCaller, type Caller } from '../caller.js';
import type { BotDeps } from '../deps.js';
import { errorMessageKey } from '../errors.js';
import { commandScopeOf } from './help.js';

/** Card data is untrusted: ids of the right form and the form's own strings; the domain checks the rest. */
const ZSessionId = z.object({ sessionId: z.string().uuid() });
const ZQuestionId = z.object({ questionId: z.string().uuid() });
const ZAsk = z.object({
  sessionId: z.string().uuid(),
  [QA_ASK_INPUT.text]: z.string().max(4000).default(''),
  [QA_ASK_INPUT.kind]: z.enum(['question', 'error_report']).default('question'),
  [QA_ASK_INPUT.anonymous]: z.enum(['true', 'false']).default('false'),
});
const ZField = z.string().max(400).optional();
const ZCreate = z.object({
  title: z.string().max(1000).default(''),
  mode: z.enum(['once', 'pair']).default('once'),
  date: ZField,
  start: ZField,
  end: ZField,
  dates: ZField,
  openingStart: ZField,
  openingEnd: ZField,
  closingStart: ZField,
  closingEnd: ZField,
  anonymous: z.enum(['true', 'false']).default('false'),
});

/** `spørretime kunngjøring <tekst>` (nn `kunngjering`, en `announce`). */
const ANNOUNCE = /^(?:kunngjøring|kunngjering|announce)(?:\s+([\s\S]*))?$/i;

/** The conversation a session runs in: a channel's own id (the card is a post of its own there), else the chat's. */
const conversationOf = (context: TurnContext) => channelConversationId(context.activity.conversation.id);

const actorOf = (caller: Caller): QaActor => ({ personId: caller.person!.id, aadObjectId: caller.person!.aadObjectId });

/** Why the caller may not moderate here: sessions are made in a channel or group chat, by the first line or a moderator. */
function moderatorRefusal(context: TurnContext, caller: Caller): string | undefined {
  const command = commandWord('sporretime', caller.locale);
  if (commandScopeOf(context) === 'personal') return caller.t('qaSession.onlyInConversation', { command });
  const roles = caller.person?.roles.map((holding) => holding.role) ?? [];
  if (!caller.person || !mayUseCommand(COMMANDS.sporretime, roles)) return caller.t('qaSession.onlyModerators', { command });
  return undefined;
}

/**
 * Spørretimer in a channel or group chat: `spørretime` (nn `spørjetime`, en `qa`) shows the
 * moderator's create form, `spørretime kunngjøring <tekst>` posts an announcement; the session
 * card's «Send», «Stem», «Trekk stemme», «Vis alle» and «Tilbake» answer the clicker with the card
 * as it is now (the outbox updates the posted card for everyone). The card's «Moderer» is
 * moderation's (`qa.moderate.open`), not registered here.
 */
export function registerQaSessions(app: Application, deps: BotDeps): void {
  const pattern = commandWithArgumentsPattern(COMMANDS.sporretime);

  app.message(pattern, async (context) => {
    const caller = await loadCaller(context, deps.prisma);
    const refused = moderatorRefusal(context, caller);
    if (refused) return void (await context.sendActivity(refused));
    // What follows the word as written (an announcement keeps its full stop).
    const argument = commandWithArgumentPattern(COMMANDS.sporretime).exec(context.activity.text ?? '')?.[1]?.trim() ?? '';
    if (argument === '') return void (await context.sendActivity({ attachments: [CardFactory.adaptiveCard(await createForm(deps, caller, {}))] }));
    const announcement = ANNOUNCE.exec(argument);
    const command = commandWord('sporretime', caller.locale);
    if (!announcement) return void (await context.sendActivity(caller.t('qaSession.unknownArgument', { command })));
    const text = announcement[1]?.trim() ?? '';
    if (!text) return void (await context.sendActivity(caller.t('qaSession.announceEmpty', { command })));
    await announce(deps.prisma, { conversationId: conversationOf(context), text, actor: actorOf(caller), key: context.activity.id ?? `${deps.now().getTime()}` });
    await context.sendActivity(caller.t('qaSession.announced'));
  });

  app.adaptiveCards.actionExecute(QA_CREATE_VERBS.form, async (context) => {
    const caller = await loadCaller(context, deps.prisma);
    return moderatorRefusal(context, caller) ?? createForm(deps, caller, {});
  });

  app.adaptiveCards.actionExecute(QA_CREATE_VERBS.create, async (context, _state, data) => {
    const caller = await loadCaller(context, deps.prisma);
    const refused = moderatorRefusal(context, caller);
    if (refused) return refused;
    const parsed = ZCreate.safeParse(data);
    if (!parsed.success) return caller.t('error.invalidData');
    const values = parsed.data;
    const settings = await getOrganisationSettings(deps.prisma);
    const today = localDateOf(deps.now(), settings.timeZone);
    const form = readSessionForm(values, today);
    if (!form.ok) return createForm(deps, caller, { values, problem: problemText(form.problem, caller) });
    try {
      const created = await createSession(deps.prisma, {
        conversationId: conversationOf(context),
        title: values.title,
        anonymousAllowed: values.anonymous === 'true',
        schedule: form.schedule,
        actor: actorOf(caller),
        now: deps.now(),
      });
      const postAt = cardPostAt(created[0]!.startsAt, { cardLeadMinutes: deps.qaCardLeadMinutes ?? null, ...settings });
      const when = postAt <= deps.now() ? caller.t('qaCreate.postedNow') : caller.t('qaCreate.postedAt', { when: formatWhen(postAt, caller) });
      return qaCreatedCard({ title: values.title.trim(), sessions: created, postedWhen: when }, caller.t, caller.locale);
    } catch (error) {
      // Overlap, times, text length: the form again with the sentence, nothing created.
      if (isAppError(error)) return createForm(deps, caller, { values, problem: caller.t(errorMessageKey(error)) });
      throw error;
    }
  });

  app.adaptiveCards.actionExecute(QA_SESSION_VERBS.ask, async (context, _state, data) => {
    const caller = await loadCaller(context, deps.prisma);
    if (!caller.person) return caller.t('error.unknownPerson');
    const parsed = ZAsk.safeParse(data);
    if (!parsed.success) return caller.t('error.invalidData');
    const input = parsed.data;
    const sessionId = await sessionInConversation(deps.prisma, { sessionId: input.sessionId, conversationId: conversationOf(context) });
    return answerWithCard(deps, sessionId, async () => {
      await submitQuestion(deps.prisma, {
        sessionId,
        kind: input[QA_ASK_INPUT.kind],
        text: input[QA_ASK_INPUT.text],
        anonymous: input[QA_ASK_INPUT.anonymous] === 'true',
        asker: actorOf(caller),
        now: deps.now(),
      });
      return input[QA_ASK_INPUT.kind] === 'error_report' ? 'qaCard.reported' : 'qaCard.asked';
    });
  });

  const vote = (verb: string, change: typeof voteQuestion, done: 'qaCard.voted' | 'qaCard.withdrawn') =>
    app.adaptiveCards.actionExecute(verb, async (context, _state, data) => {
      const caller = await loadCaller(context, deps.prisma);
      if (!caller.person) return caller.t('error.unknownPerson');
      const parsed = ZQuestionId.safeParse(data);
      if (!parsed.success) return caller.t('error.invalidData');
      const sessionId = await sessionInConversation(deps.prisma, { questionId: parsed.data.questionId, conversationId: conversationOf(context) });
      return answerWithCard(deps, sessionId, async () => {
        // A second click changes nothing and says so in the same words.
        await change(deps.prisma, { questionId: parsed.data.questionId, voter: actorOf(caller), now: deps.now() });
        return done;
      });
    });
  vote(QA_SESSION_VERBS.vote, voteQuestion, 'qaCard.voted');
  vote(QA_SESSION_VERBS.withdraw, withdrawVote, 'qaCard.withdrawn');

  app.adaptiveCards.actionExecute(QA_SESSION_VERBS.showAll, async (context, _state, data) => {
    const parsed = ZSessionId.safeParse(data);
    if (!parsed.success) return (await loadCaller(context, deps.prisma)).t('error.invalidData');
    const sessionId = await sessionInConversation(deps.prisma, { sessionId: parsed.data.sessionId, conversationId: conversationOf(context) });
    return allQuestionsCardNow(deps.prisma, sessionId);
  });

  app.adaptiveCards.actionExecute(QA_SESSION_VERBS.show, async (context, _state, data) => {
    const parsed = ZSessionId.safeParse(data);
    if (!parsed.success) return (await loadCaller(context, deps.prisma)).t('error.invalidData');
    const sessionId = await sessionInConversation(deps.prisma, { sessionId: parsed.data.sessionId, conversationId: conversationOf(context) });
    return sessionCardNow(deps.prisma, sessionId);
  });
}

/**
 * The clicker's answer: the session card as it is now, with what happened on top — or, when the
 * domain refused (own question, closed session, too long), that sentence. The card is the
 * conversation's (bokmål), so its notice is too.
 */
async function answerWithCard(deps: BotDeps, sessionId: string, act: () => Promise<'qaCard.asked' | 'qaCard.reported' | 'qaCard.voted' | 'qaCard.withdrawn'>) {
  const t = translator('nb');
  try {
    const done = await act();
    return await sessionCardNow(deps.prisma, sessionId, { kind: 'done', text: t(done) });
  } catch (error) {
    if (!isAppError(error)) throw error;
    return sessionCardNow(deps.prisma, sessionId, { kind: 'problem', text: t(errorMessageKey(error)) });
  }
}

async function createForm(deps: BotDeps, caller: Caller, extra: { values?: QaCreateValues; problem?: string }) {
  const { timeZone } = await getOrganisationSettings(deps.prisma);
  return qaCreateCard({ today: localDateOf(deps.now(), timeZone), ...extra }, caller.t);
}

function problemText(problem: SessionFormProblem, caller: Caller): string {
  switch (problem.code) {
    case 'titleMissing':
      return caller.t('qaCreate.problem.titleMissing');
    case 'onceIncomplete':
      return caller.t('qaCreate.problem.onceIncomplete');
    case 'pairIncomplete':
      return caller.t('qaCreate.problem.pairIncomplete');
    case 'badDate':
      return caller.t('qaCreate.problem.badDate', { text: problem.text });
    case 'tooManyDates':
      return caller.t('qaCreate.problem.tooManyDates');
  }
}

function formatWhen(at: Date, caller: Caller): string {
  const tag = caller.locale === 'en' ? 'en-GB' : caller.locale === 'nn' ? 'nn-NO' : 'nb-NO';
  return new Intl.DateTimeFormat(tag, { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/Oslo' }).format(at);
}

import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import type { Application } from '@microsoft/teams-ai';
import { z } from 'zod';
import { moderationInput, qaModerationCard, QA_MODERATION_VERBS, type ModerationNotice } from '../../cards/qa-moderation-card.js';
import { AppErrorCode, isAppError } from '../../domain/errors.js';
import { moderateQuestion, type ModerationAction } from '../../domain/qa/moderate-question.js';
import { moderationViewFor } from '../../domain/qa/moderation-view.js';
import type { QaModerator } from '../../domain/qa/moderators.js';
import { sendModerationCard } from '../../domain/qa/send-moderation-card.js';
import { loadCaller, turnLogger, type Caller } from '../caller.js';
import type { BotDeps } from '../deps.js';
import { errorMessageKey } from '../errors.js';
import { commandScopeOf } from './help.js';

/** Card data is untrusted: ids of the right form and the version the card showed; the domain authorises. */
const ZSession = z.object({ sessionId: z.string().uuid() });
const ZQuestion = z.object({ sessionId: z.string().uuid(), questionId: z.string().uuid(), version: z.number().int().nonnegative() });
/** A form field as Teams sends it (a string; left out when empty). */
const ZField = z.string().max(10_000).optional();
const ZId = z.string().uuid();

type ActionKind = Exclude<keyof typeof QA_MODERATION_VERBS, 'open' | 'show'>;
const ACTION_KINDS: readonly ActionKind[] = ['answer', 'editAnswer', 'reopen', 'hide', 'merge', 'reportKnownError', 'linkKnownError'];

/**
 * Moderating a spørretime (PRODUCT.md §4) from the moderator's 1:1 chat. «Moderer» on the shared
 * session card (`qa.moderate.open`) sends the moderation card there through the outbox and answers
 * the click with a sentence, so the shared card stays as it is. On the moderation card, every
 * action answers with the card as it is now and a ✔ line; a question changed meanwhile, or a
 * rule's refusal, shows the card with a ⚠ line. Only the session's moderator and first line.
 */
export function registerQaModeration(app: Application, deps: BotDeps): void {
  app.adaptiveCards.actionExecute(QA_MODERATION_VERBS.open, async (context, _state, raw) => {
    const caller = await loadCaller(context, deps.prisma);
    const moderator = moderatorOf(caller);
    if (!moderator) return caller.t('error.unknownPerson');
    const parsed = ZSession.safeParse(raw);
    if (!parsed.success) return caller.t('error.invalidData');
    return refusedIfForbidden(caller, async () => {
      const requestKey = context.activity.id ?? randomUUID();
      await sendModerationCard(deps.prisma, { sessionId: parsed.data.sessionId, moderator, locale: caller.locale, requestKey });
      return caller.t('qa.moderation.sent');
    });
  });

  app.adaptiveCards.actionExecute(QA_MODERATION_VERBS.show, async (context, _state, raw) => {
    const caller = await loadCaller(context, deps.prisma);
    const moderator = personalModerator(context, caller);
    if (typeof moderator === 'string') return moderator;
    const parsed = ZSession.safeParse(raw);
    if (!parsed.success) return caller.t('error.invalidData');
    return refusedIfForbidden(caller, () => showCard(caller, deps, parsed.data.sessionId, moderator));
  });

  for (const kind of ACTION_KINDS) {
    app.adaptiveCards.actionExecute(QA_MODERATION_VERBS[kind], async (context, _state, raw) => {
      const caller = await loadCaller(context, deps.prisma);
      const moderator = personalModerator(context, caller);
      if (typeof moderator === 'string') return moderator;
      const parsed = ZQuestion.safeParse(raw);
      const action = parsed.success ? actionOf(kind, parsed.data.questionId, raw as Record<string, unknown>) : null;
      if (!parsed.success || !action) return caller.t('error.invalidData');
      const { sessionId, questionId, version } = parsed.data;
      const log = turnLogger(context, deps.logger);
      return refusedIfForbidden(caller, async () => {
        try {
          const outcome = await moderateQuestion(deps.prisma, { sessionId, questionId, expectedVersion: version, moderator, action, now: deps.now() });
          log.info({ verb: QA_MODERATION_VERBS[kind], questionId }, 'question moderated');
          return await showCard(caller, deps, sessionId, moderator, { kind: 'done', outcome });
        } catch (error) {
          if (!isAppError(error) || error.code === AppErrorCode.FORBIDDEN || error.code === AppErrorCode.NOT_FOUND) throw error;
          log.warn({ verb: QA_MODERATION_VERBS[kind], questionId, code: error.code }, 'moderation refused by a rule');
          const notice: ModerationNotice = error.code === AppErrorCode.STALE ? { kind: 'stale' } : { kind: 'problem', text: caller.t(errorMessageKey(error)) };
          return showCard(caller, deps, sessionId, moderator, notice);
        }
      });
    });
  }
}

function moderatorOf(caller: Caller): QaModerator | null {
  if (!caller.person || !caller.aadObjectId) return null;
  return { personId: caller.person.id, aadObjectId: caller.aadObjectId, roles: caller.person.roles.map((holding) => holding.role) };
}

/** The moderation card names askers: it is used only in the 1:1 chat, by someone the organisation knows; else the sentence why not. */
function personalModerator(context: TurnContext, caller: Caller): QaModerator | string {
  const moderator = moderatorOf(caller);
  if (!moderator) return caller.t('error.unknownPerson');
  if (commandScopeOf(context) !== 'personal') return caller.t('qa.moderation.personalOnly');
  return moderator;
}

/** Someone who may not moderate the session gets one sentence; nothing was changed. */
async function refusedIfForbidden<T>(caller: Caller, act: () => Promise<T>): Promise<T | string> {
  try {
    return await act();
  } catch (error) {
    if (isAppError(error) && error.code === AppErrorCode.FORBIDDEN) return caller.t('qa.moderation.forbidden');
    throw error;
  }
}

async function showCard(caller: Caller, deps: BotDeps, sessionId: string, moderator: QaModerator, notice?: ModerationNotice) {
  const view = await moderationViewFor(deps.prisma, sessionId, moderator);
  return qaModerationCard({ ...view, ...(notice && { notice }) }, caller.t);
}

/** The action with its form's fields (`<field>-<questionId>`); null when a choice is missing or not an id. Empty texts go to the rule, which refuses them. */
function actionOf(kind: ActionKind, questionId: string, raw: Record<string, unknown>): ModerationAction | null {
  const field = (name: Parameters<typeof moderationInput>[0]) => {
    const parsed = ZField.safeParse(raw[moderationInput(name, questionId)]);
    return parsed.success ? (parsed.data ?? '') : null;
  };
  const id = (name: 'into' | 'knownError') => {
    const parsed = ZId.safeParse(raw[moderationInput(name, questionId)]);
    return parsed.success ? parsed.data : null;
  };
  switch (kind) {
    case 'answer':
    case 'editAnswer': {
      const answer = field('answer');
      return answer === null ? null : { kind, answer };
    }
    case 'reopen':
      return { kind };
    case 'hide': {
      const reason = field('reason');
      return reason === null ? null : { kind, reason };
    }
    case 'merge': {
      const intoQuestionId = id('into');
      return intoQuestionId === null ? null : { kind, intoQuestionId };
    }
    case 'reportKnownError': {
      const title = field('title');
      const description = field('description');
      return title === null || description === null ? null : { kind, title, description };
    }
    case 'linkKnownError': {
      const knownErrorId = id('knownError');
      return knownErrorId === null ? null : { kind, knownErrorId };
    }
  }
}

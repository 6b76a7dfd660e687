import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { CardFactory, type TaskModuleTaskInfo } from 'botbuilder';
import type { Application } from '@microsoft/teams-ai';
import { z } from 'zod';
import type { AdaptiveCard } from '../../cards/card-kit.js';
import { messageActionCard } from '../../cards/message-action-card.js';
import { ROLLOUT_DIALOG_KEY } from '../../cards/rollout-card.js';
import { AppErrorCode, isAppError } from '../../domain/errors.js';
import { listSubjectAreas } from '../../domain/support/list-subject-areas.js';
import {
  MESSAGE_ACTIONS,
  MESSAGE_FORM_FIELDS,
  submitFromMessage,
  type MessageAction,
  type MessageFormProblem,
  type MessageFormValues,
} from '../../domain/support/submit-from-message.js';
import { readTeamsMessage } from '../../domain/support/teams-message.js';
import { loadCaller, turnLogger, type Caller } from '../caller.js';
import type { BotDeps } from '../deps.js';
import { askFromRolloutCard, rolloutAnswer } from './rollout.js';
import { systemName } from './system-name.js';

/** The form's own key: a submit without a valid one was not made by Arkivlos (submitRequest refuses it). */
const ZFormKey = z.object({ intakeKey: z.string().uuid() });

/** What the person typed and chose, to put back on the form: strings only, nothing else from the data. */
function keptValues(data: unknown): MessageFormValues {
  const record = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  return Object.fromEntries(MESSAGE_FORM_FIELDS.flatMap((field) => (typeof record[field] === 'string' ? [[field, record[field]]] : [])));
}

/** The message the action was used on: Teams sends it with the fetchTask and the submitAction invoke. */
const messageOf = (context: TurnContext) => readTeamsMessage((context.activity.value as { messagePayload?: unknown } | undefined)?.messagePayload);

/**
 * «Opprett henvendelse» and «Send til journalføring» in the «…» menu of any Teams message
 * (manifest `composeExtensions`, made from domain/help/message-actions.ts). fetchTask opens the
 * form in Teams' dialog; submitAction makes the henvendelse through the intake's path and answers
 * with its number. Both do database work only; what else is sent goes through the outbox, so the
 * answer is within Teams' 5 seconds. People the organisation does not know get the reason.
 */
export function registerMessageActions(app: Application, deps: BotDeps): void {
  const form = async (
    caller: Caller,
    action: MessageAction,
    context: TurnContext,
    options: { intakeKey?: string; values?: MessageFormValues; problems?: MessageFormProblem[] } = {},
  ): Promise<TaskModuleTaskInfo> => {
    const message = messageOf(context);
    const content = messageActionCard(
      {
        action,
        intakeKey: options.intakeKey ?? randomUUID(),
        message: { text: message.text, author: message.author, fileNames: message.files.map((file) => file.name) },
        subjectAreas: action === 'createRequest' ? await listSubjectAreas(deps.prisma) : [],
        systemName: systemName(caller, deps),
        values: options.values,
        problems: options.problems,
      },
      caller.t,
    );
    return { title: caller.t(`messageAction.${action}.title`), width: 'medium', height: 'large', card: CardFactory.adaptiveCard(content) };
  };

  const dialog = (caller: Caller, content: AdaptiveCard): TaskModuleTaskInfo => ({
    title: caller.t('rollout.card.title'),
    width: 'medium',
    height: 'large',
    card: CardFactory.adaptiveCard(content),
  });
  /** During a rollout: the rollout card in the dialog, with the message's text as the question. */
  const rolloutDialog = async (caller: Caller, context: TurnContext) => {
    const content = await rolloutAnswer(caller, deps, { question: messageOf(context).text, mode: 'dialog' });
    return content ? dialog(caller, content) : undefined;
  };

  for (const action of MESSAGE_ACTIONS) {
    app.messageExtensions.fetchTask(action, async (context) => {
      const caller = await loadCaller(context, deps.prisma);
      // A henvendelse is made for someone the organisation file names (like `ny henvendelse`).
      if (!caller.person) return caller.t('error.unknownPerson');
      return (await rolloutDialog(caller, context)) ?? form(caller, action, context);
    });

    app.messageExtensions.submitAction(action, async (context, _state, data: Record<string, unknown>) => {
      const caller = await loadCaller(context, deps.prisma);
      if (!caller.person) return caller.t('error.unknownPerson');
      if (data && typeof data === 'object' && ROLLOUT_DIALOG_KEY in data) {
        // «Send til spørretimen» on the rollout card in the dialog.
        const answer = await askFromRolloutCard(caller, deps, { sessionId: data[ROLLOUT_DIALOG_KEY], question: data.question, anonymous: data.anonymous });
        return typeof answer === 'string' ? answer : dialog(caller, answer);
      }
      const result = await submitFromMessage(deps.prisma, { requester: caller.person, action, data, message: messageOf(context), now: deps.now() }).catch(
        async (error: unknown) => {
          // A rollout began after the form was opened (or the form is forged): nothing was stored.
          if (isAppError(error) && error.code === AppErrorCode.ROLLOUT_SUPPORT_IN_QA) return (await rolloutDialog(caller, context)) ?? caller.t('rollout.card.intakeClosed');
          throw error;
        },
      );
      if (typeof result === 'string' || !('outcome' in result)) return result;
      if (result.outcome === 'invalid') {
        // The same key again: a corrected form is still the one henvendelse.
        return form(caller, action, context, { intakeKey: ZFormKey.parse(data).intakeKey, values: keptValues(data), problems: result.problems });
      }
      turnLogger(context, deps.logger).info({ requestId: result.request.id, number: result.request.number, outcome: result.outcome, action }, 'henvendelse made from a Teams message');
      return caller.t(`messageAction.${action}.done`, { number: result.request.number });
    });
  }
}

import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import type { Application } from '@microsoft/teams-ai';
import { z } from 'zod';
import type { AdaptiveCard } from '../../cards/card-kit.js';
import { intakeCard, type IntakeValues } from '../../cards/intake-card.js';
import { myRequestsCard } from '../../cards/my-requests-card.js';
import { CLOSE_REASON_LIMIT, requestCard } from '../../cards/request-card.js';
import { requestConfirmationCard } from '../../cards/request-confirmation-card.js';
import { AppErrorCode, isAppError } from '../../domain/errors.js';
import { commandPattern, commandWord, COMMANDS } from '../../domain/help/commands.js';
import { closeOwnRequest } from '../../domain/support/close-own-request.js';
import { getRequestHistory } from '../../domain/support/get-request-history.js';
import { INTAKE_FIELDS, type IntakeProblem } from '../../domain/support/intake.js';
import { listMyRequests } from '../../domain/support/list-my-requests.js';
import { listSubjectAreas } from '../../domain/support/list-subject-areas.js';
import { submitRequest } from '../../domain/support/submit-request.js';
import type { PersonContext } from '../../domain/people/get-person-context.js';
import { loadCaller, turnLogger, type Caller } from '../caller.js';
import type { BotDeps } from '../deps.js';
import { commandScopeOf } from './help.js';
import { rolloutAnswer } from './rollout.js';
import { systemName } from './system-name.js';

/** Card data is untrusted: ids only, each checked against the caller by the domain. */
const ZShowRequest = z.object({ requestId: z.string().uuid() });
const ZCloseRequest = z.object({
  requestId: z.string().uuid(),
  version: z.number().int().positive(),
  reason: z.string().max(CLOSE_REASON_LIMIT).optional(),
});
const ZIntakeCardIds = z.object({ intakeKey: z.string().uuid(), selfHelpQueryId: z.string().uuid().optional() });

type Answer = AdaptiveCard | string;

/**
 * Henvendelser are personal: asked for and followed in the requester's 1:1 chat, by someone the
 * organisation knows. Anyone else gets the reason in words, and nothing changes.
 */
function refusal(context: TurnContext, caller: Caller, command: 'nyHenvendelse' | 'mineHenvendelser'): string | undefined {
  if (commandScopeOf(context) !== 'personal') return caller.t('support.personalOnly', { command: commandWord(command, caller.locale) });
  // The commands' rows say `members`: anyone the organisation file names, whatever their roles.
  if (!caller.person) return caller.t('error.unknownPerson');
  return undefined;
}

export interface IntakePrefill {
  /** The question the person searched for in self-help. */
  what?: string;
  selfHelpQueryId?: string;
}

async function buildIntakeCard(caller: Caller, deps: BotDeps, options: { prefill?: IntakePrefill; values?: IntakeValues; problems?: IntakeProblem[]; intakeKey?: string } = {}) {
  return intakeCard(
    {
      intakeKey: options.intakeKey ?? randomUUID(),
      selfHelpQueryId: options.prefill?.selfHelpQueryId,
      subjectAreas: await listSubjectAreas(deps.prisma),
      systemName: systemName(caller, deps),
      values: options.values ?? (options.prefill?.what ? { what: options.prefill.what } : undefined),
      problems: options.problems,
    },
    caller.t,
  );
}

/**
 * Sends the intake card as the answer in this turn, prefilled with a question the person already
 * asked (self-help's «Jeg trenger fortsatt hjelp» calls this). People the organisation does not
 * know, and conversations other than the 1:1 chat, get the reason instead.
 */
async function showIntakeCard(context: TurnContext, caller: Caller, deps: BotDeps, prefill?: IntakePrefill): Promise<void> {
  const answer = await intakeAnswer(context, caller, deps, prefill);
  await context.sendActivity(typeof answer === 'string' ? answer : { attachments: [CardFactory.adaptiveCard(answer)] });
}

/**
 * The intake card for this caller, or the sentence saying why not (e.g. in place of the self-help
 * card); during a rollout the rollout card, with what they asked ready for the spørretime.
 */
export async function intakeAnswer(context: TurnContext, caller: Caller, deps: BotDeps, prefill?: IntakePrefill): Promise<Answer> {
  return refusal(context, caller, 'nyHenvendelse') ?? (await rolloutAnswer(caller, deps, { question: prefill?.what })) ?? buildIntakeCard(caller, deps, { prefill });
}

/** What the person typed and chose, to put back on the card: strings only, nothing else from the data. */
function keptValues(data: unknown): IntakeValues {
  const record = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  return Object.fromEntries(INTAKE_FIELDS.flatMap((field) => (typeof record[field] === 'string' ? [[field, record[field]]] : [])));
}

/** `ny henvendelse` and `mine henvendelser`: asking for help, and following one's own henvendelser. */
export function registerSupport(app: Application, deps: BotDeps): void {
  const send = async (context: TurnContext, answer: Answer) =>
    context.sendActivity(typeof answer === 'string' ? answer : { attachments: [CardFactory.adaptiveCard(answer)] });

  const mine = async (context: TurnContext): Promise<Answer> => {
    const caller = await loadCaller(context, deps.prisma);
    const refused = refusal(context, caller, 'mineHenvendelser');
    if (refused) return refused;
    const list = await listMyRequests(deps.prisma, { requesterId: caller.person!.id });
    return myRequestsCard({ list, locale: caller.locale }, caller.t);
  };

  const showRequest = async (caller: Caller, person: PersonContext, requestId: string, notice?: 'closed' | 'stale') => {
    const history = await getRequestHistory(deps.prisma, { requestId, viewer: person, now: deps.now() });
    return requestCard({ history, viewerId: person.id, locale: caller.locale, systemName: systemName(caller, deps), notice }, caller.t);
  };

  app.message(commandPattern(COMMANDS.nyHenvendelse), async (context) => {
    await showIntakeCard(context, await loadCaller(context, deps.prisma), deps);
  });
  app.adaptiveCards.actionExecute('support.intake.show', async (context) => {
    return intakeAnswer(context, await loadCaller(context, deps.prisma), deps);
  });

  app.adaptiveCards.actionExecute('support.intake.submit', async (context, _state, data) => {
    const caller = await loadCaller(context, deps.prisma);
    const refused = refusal(context, caller, 'nyHenvendelse');
    if (refused) return refused;
    // A card without its own ids was not made by Arkivlos: submitRequest refuses it (INVALID_INPUT).
    const result = await submitRequest(deps.prisma, { requester: caller.person!, data, now: deps.now() }).catch(async (error: unknown) => {
      // A rollout began after the card was shown (or the card is forged): nothing was stored.
      if (isAppError(error) && error.code === AppErrorCode.ROLLOUT_SUPPORT_IN_QA) return (await rolloutAnswer(caller, deps, { question: keptValues(data).what })) ?? caller.t('rollout.card.intakeClosed');
      throw error;
    });
    if (typeof result === 'string' || !('outcome' in result)) return result;
    if (result.outcome === 'invalid') {
      const ids = ZIntakeCardIds.parse(data);
      return buildIntakeCard(caller, deps, { intakeKey: ids.intakeKey, prefill: { selfHelpQueryId: ids.selfHelpQueryId }, values: keptValues(data), problems: result.problems });
    }
    turnLogger(context, deps.logger).info({ requestId: result.request.id, number: result.request.number, outcome: result.outcome }, 'henvendelse submitted');
    return requestConfirmationCard(
      { request: result.request, locale: caller.locale, systemName: systemName(caller, deps), mineCommand: commandWord('mineHenvendelser', caller.locale) },
      caller.t,
    );
  });

  app.message(commandPattern(COMMANDS.mineHenvendelser), async (context) => {
    await send(context, await mine(context));
  });
  app.adaptiveCards.actionExecute('support.mine', mine);

  app.adaptiveCards.actionExecute('support.request.show', async (context, _state, data) => {
    const caller = await loadCaller(context, deps.prisma);
    const refused = refusal(context, caller, 'mineHenvendelser');
    if (refused) return refused;
    const parsed = ZShowRequest.safeParse(data);
    if (!parsed.success) return caller.t('error.invalidData');
    // Someone else's henvendelse, outside the lines the caller works in: FORBIDDEN, in words.
    return showRequest(caller, caller.person!, parsed.data.requestId);
  });

  app.adaptiveCards.actionExecute('support.request.close', async (context, _state, data) => {
    const caller = await loadCaller(context, deps.prisma);
    const refused = refusal(context, caller, 'mineHenvendelser');
    if (refused) return refused;
    const parsed = ZCloseRequest.safeParse(data);
    if (!parsed.success) return caller.t('error.invalidData');
    const person = caller.person!;
    const { requestId, version, reason } = parsed.data;
    try {
      await closeOwnRequest(deps.prisma, { requestId, expectedVersion: version, requester: person, reason, now: deps.now() });
    } catch (error) {
      // A second click, or a card older than the henvendelse: show it as it is now.
      if (isAppError(error) && error.code === 'STALE') return showRequest(caller, person, requestId, 'stale');
      throw error;
    }
    turnLogger(context, deps.logger).info({ requestId }, 'henvendelse closed by its requester');
    return showRequest(caller, person, requestId, 'closed');
  });
}

import type { TurnContext } from 'botbuilder';
import type { Application } from '@microsoft/teams-ai';
import { z } from 'zod';
import type { AdaptiveCard } from '../../cards/card-kit.js';
import { requestReplyCard } from '../../cards/request-reply-card.js';
import { addInternalNote } from '../../domain/support/add-internal-note.js';
import { answerAsRequester, latestReply } from '../../domain/support/answer-as-requester.js';
import { replyToRequester } from '../../domain/support/reply-to-requester.js';
import { closeRequest, resolveRequest, setWaitingForRequester } from '../../domain/support/support-status.js';
import { assignRequest } from '../../domain/support/assign-request.js';
import { takeRequest } from '../../domain/support/take-request.js';
import { loadCaller, turnLogger } from '../caller.js';
import { supportAction, ZCardData } from './support-action.js';
import { registerHandoverActions } from './support-handover.js';
import type { BotDeps } from '../deps.js';

/** Card data is untrusted: the henvendelse's id and the version the card showed (ZCardData), and what was typed or chosen. */
const ZAssign = ZCardData.extend({ assigneeId: z.string().uuid() });
const ZNote = ZCardData.extend({ note: z.unknown().optional() });
const ZReply = ZCardData.extend({ reply: z.unknown().optional() });
const ZResolve = ZCardData.extend({ resolution: z.unknown().optional() });
const ZAnswer = z.object({ requestId: z.string().uuid(), answer: z.unknown().optional() });

/**
 * The actions on a henvendelse's card in its queue channel: «Ta henvendelsen», «Tildel»,
 * «Svar til innmelder», «Løs», «Venter på innmelder», «Lukk» and «Internt notat». The answer is the card as it is now (in the channel's language), with what
 * happened; the outbox updates the posted card and tells the event in its thread.
 */
export function registerSupportActions(app: Application, deps: BotDeps): void {
  const act = supportAction(app, deps);
  act('support.take', ZCardData, async (actor, { requestId, version }) => {
    const result = await takeRequest(deps.prisma, { requestId, expectedVersion: version, actor, now: deps.now() });
    return result.outcome === 'taken' ? { kind: 'taken' } : { kind: 'alreadyTaken', name: result.assignee.name };
  });
  act('support.assign', ZAssign, async (actor, { requestId, version, assigneeId }) => {
    const result = await assignRequest(deps.prisma, { requestId, expectedVersion: version, actor, assigneeId, now: deps.now() });
    return result.outcome === 'assigned' ? { kind: 'assigned', name: result.assignee.name } : { kind: 'notMember' };
  });
  act('support.note', ZNote, async (actor, { requestId, version, note }) => {
    const result = await addInternalNote(deps.prisma, { requestId, expectedVersion: version, actor, text: note, now: deps.now() });
    return { kind: result.outcome === 'noted' ? 'noted' : 'noteEmpty' };
  });
  act('support.reply', ZReply, async (actor, { requestId, version, reply }) => {
    const result = await replyToRequester(deps.prisma, { requestId, expectedVersion: version, actor, text: reply, now: deps.now() });
    return { kind: result.outcome === 'replied' ? 'replied' : 'replyEmpty' };
  });
  act('support.waiting', ZCardData, async (actor, { requestId, version }) => {
    await setWaitingForRequester(deps.prisma, { requestId, expectedVersion: version, actor, now: deps.now() });
    return { kind: 'waiting' };
  });
  act('support.resolve', ZResolve, async (actor, { requestId, version, resolution }) => {
    const result = await resolveRequest(deps.prisma, { requestId, expectedVersion: version, actor, text: resolution, now: deps.now() });
    return { kind: result.outcome === 'resolved' ? 'resolved' : 'resolutionEmpty' };
  });
  act('support.close', ZCardData, async (actor, { requestId, version }) => {
    await closeRequest(deps.prisma, { requestId, expectedVersion: version, actor, now: deps.now() });
    return { kind: 'closed' };
  });
  registerHandoverActions(app, deps);
  registerRequesterAnswer(app, deps);
}

/**
 * «Send svar» on support's reply card in the requester's chat: only the henvendelse's requester
 * may answer (anyone else is refused in words); the answer is the reply card saying «Sendt».
 */
function registerRequesterAnswer(app: Application, deps: BotDeps): void {
  app.adaptiveCards.actionExecute('support.requester.answer', async (context: TurnContext, _state, raw): Promise<AdaptiveCard | string> => {
    const caller = await loadCaller(context, deps.prisma);
    if (!caller.person) return caller.t('error.unknownPerson');
    const parsed = ZAnswer.safeParse(raw);
    if (!parsed.success) return caller.t('error.invalidData');
    const { requestId, answer } = parsed.data;
    // FORBIDDEN (someone else's henvendelse) and NOT_FOUND reach bot/errors.ts: a sentence, nothing changed.
    const result = await answerAsRequester(deps.prisma, { requestId, requester: caller.person, text: answer, now: deps.now() });
    turnLogger(context, deps.logger).info({ requestId, outcome: result.outcome }, 'requester answered on a henvendelse');
    const { number, reply } = await latestReply(deps.prisma, requestId);
    const view = result.outcome === 'sent' ? { kind: 'sent' as const, text: result.text } : { kind: result.outcome };
    return requestReplyCard({ requestId, number, reply, locale: caller.locale, answer: view }, caller.t);
  });
}

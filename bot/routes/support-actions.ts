import type { TurnContext } from 'botbuilder';
import type { Application } from '@microsoft/teams-ai';
import { z } from 'zod';
import type { AdaptiveCard } from '../../cards/card-kit.js';
import { requestReplyCard } from '../../cards/request-reply-card.js';
import { addInternalNote } from '../../domain/support/add-internal-note.js';
import { answerAsRequester, latestReply } from '../../domain/support/answer-as-requester.js';
import { replyToRequester } from '../../domain/support/reply-to-requester.js';
import { visitOfferCard } from '../../cards/visit-offer-card.js';
import { answerVisit, visitOffer } from '../../domain/support/answer-visit.js';
import { offerVisit } from '../../domain/support/offer-visit.js';
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
const ZResolve = ZCardData.extend({ resolution: z.unknown().optional(), publish: z.enum(['true', 'false']).optional() });
const ZAnswer = z.object({ requestId: z.string().uuid(), answer: z.unknown().optional() });

/** One channel-card action: its verb, what its data must be, and what it does. */
type SupportAct = ReturnType<typeof supportAction>;

/**
 * The actions on a henvendelse's card in its queue channel: «Ta henvendelsen», «Tildel»,
 * «Svar til innmelder», «Løs» (optionally published), «Venter på innmelder», «Lukk», «Internt notat»
 * and «Tilby besøk». The answer is the card as it is now (in the channel's language), with what
 * happened; the outbox updates the posted card and tells the event in its thread.
 */
export function registerSupportActions(app: Application, deps: BotDeps): void {
  const act = supportAction(app, deps);
  act('support.take', ZCardData, async (actor, { requestId, version }) => {
    const result = await takeRequest(deps.prisma, { requestId, expectedVersion: version, actor, now: deps.now() });
    return result.outcome === 'taken' ? { notice: { kind: 'taken' }, channelViews: result.channelViews } : { kind: 'alreadyTaken', name: result.assignee.name };
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
  act('support.resolve', ZResolve, async (actor, { requestId, version, resolution, publish }) => {
    const published = publish === 'true';
    const result = await resolveRequest(deps.prisma, { requestId, expectedVersion: version, actor, text: resolution, publish: published, systemName: deps.archiveSystemName, now: deps.now() });
    if (result.outcome === 'empty') return { kind: 'resolutionEmpty' };
    return { kind: result.articleId ? 'published' : 'resolved' };
  });
  act('support.close', ZCardData, async (actor, { requestId, version }) => {
    await closeRequest(deps.prisma, { requestId, expectedVersion: version, actor, now: deps.now() });
    return { kind: 'closed' };
  });
  registerHandoverActions(app, deps);
  registerRequesterAnswer(app, deps);
  registerVisit(app, deps, act);
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

const ZVisitOffer = ZCardData.extend({ visitNote: z.unknown().optional() });
const ZVisitAnswer = z.object({ requestId: z.string().uuid(), offerId: z.string().regex(/^[1-9]\d{0,17}$/), accepted: z.boolean(), comment: z.unknown().optional() });

/**
 * «Tilby besøk» on the channel card, and the requester's «Ja, kom innom» / «Nei takk» on the
 * offer card in their chat: only the requester may answer, once, and only the newest offer; the
 * answer is the offer card saying what was answered (or why nothing was, in words).
 */
function registerVisit(app: Application, deps: BotDeps, act: SupportAct): void {
  act('support.visit.offer', ZVisitOffer, async (actor, { requestId, version, visitNote }) => {
    await offerVisit(deps.prisma, { requestId, expectedVersion: version, actor, text: visitNote, now: deps.now() });
    return { kind: 'visitOffered' };
  });
  app.adaptiveCards.actionExecute('support.visit.answer', async (context: TurnContext, _state, raw): Promise<AdaptiveCard | string> => {
    const caller = await loadCaller(context, deps.prisma);
    if (!caller.person) return caller.t('error.unknownPerson');
    const parsed = ZVisitAnswer.safeParse(raw);
    if (!parsed.success) return caller.t('error.invalidData');
    const { requestId, accepted, comment } = parsed.data;
    const offerId = BigInt(parsed.data.offerId);
    // FORBIDDEN (not the requester) and NOT_FOUND (no such offer on it) reach bot/errors.ts: a sentence, nothing changed.
    const result = await answerVisit(deps.prisma, { requestId, offerId, accepted, requester: caller.person, comment, now: deps.now() });
    turnLogger(context, deps.logger).info({ requestId, outcome: result.outcome }, 'requester answered an offer of a visit');
    const offer = await visitOffer(deps.prisma, requestId, offerId);
    const answer = result.outcome === 'answered' ? { kind: result.accepted ? ('accepted' as const) : ('declined' as const), comment: result.comment } : { kind: result.outcome };
    return visitOfferCard({ ...offer, answer }, caller.t);
  });
}

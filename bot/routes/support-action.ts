import type { TurnContext } from 'botbuilder';
import type { Application } from '@microsoft/teams-ai';
import { z } from 'zod';
import type { AdaptiveCard } from '../../cards/card-kit.js';
import type { QueueCardNotice } from '../../cards/queue-request-card.js';
import { channelConversationId } from '../../domain/conversations/channel-conversation-id.js';
import { isAppError } from '../../domain/errors.js';
import { channelCard } from '../../domain/support/channel-card.js';
import type { ChannelViews } from '../../domain/support/channel-cards.js';
import type { SupportActor } from '../../domain/support/take-request.js';
import { loadCaller, turnLogger } from '../caller.js';
import type { BotDeps } from '../deps.js';

/** What an action did, and (from recordEvent) the henvendelse as the channels show it now, so the answer needs no second read. */
export type SupportActOutcome = QueueCardNotice | undefined | { notice: QueueCardNotice; channelViews: ChannelViews };

/** Card data is untrusted: the henvendelse's id and the version the card showed. */
export const ZCardData = z.object({ requestId: z.string().uuid(), version: z.number().int().positive() });

/**
 * Registers one action of a henvendelse's channel card: the caller's identity, the card data
 * parsed (untrusted), the action run, and the answer: the card as the channel the click came from
 * shows it now, with what happened (a stale card: as it is now, nothing changed).
 */
export function supportAction(app: Application, deps: BotDeps) {
  return <T extends z.ZodTypeAny>(verb: string, schema: T, run: (actor: SupportActor, data: z.infer<T>) => Promise<SupportActOutcome>) =>
    app.adaptiveCards.actionExecute(verb, async (context: TurnContext, _state, raw): Promise<AdaptiveCard | string> => {
      const caller = await loadCaller(context, deps.prisma);
      if (!caller.person) return caller.t('error.unknownPerson');
      const parsed = schema.safeParse(raw);
      if (!parsed.success) return caller.t('error.invalidData');
      const data = parsed.data as z.infer<typeof ZCardData>;
      let notice: QueueCardNotice | undefined;
      let channelViews: ChannelViews | undefined;
      try {
        // FORBIDDEN (not in the line) and NOT_FOUND reach bot/errors.ts: a sentence, nothing changed.
        const outcome = await run(caller.person, parsed.data);
        if (outcome && 'channelViews' in outcome) ({ notice, channelViews } = outcome);
        else notice = outcome;
      } catch (error) {
        // A card older than the henvendelse: show it as it is now.
        if (isAppError(error) && error.code === 'STALE') notice = { kind: 'stale' };
        else throw error;
      }
      turnLogger(context, deps.logger).info({ requestId: data.requestId, verb, outcome: notice?.kind }, 'henvendelse action in a queue channel');
      const conversationId = channelConversationId(context.activity.conversation.id);
      return channelCard(deps.prisma, data.requestId, { notice, conversationId, view: channelViews?.get(conversationId) });
    });
}

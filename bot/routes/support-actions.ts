import type { TurnContext } from 'botbuilder';
import type { Application } from '@microsoft/teams-ai';
import { z } from 'zod';
import type { AdaptiveCard } from '../../cards/card-kit.js';
import type { QueueCardNotice } from '../../cards/queue-request-card.js';
import { isAppError } from '../../domain/errors.js';
import { addInternalNote } from '../../domain/support/add-internal-note.js';
import { assignRequest } from '../../domain/support/assign-request.js';
import { channelCard } from '../../domain/support/channel-card.js';
import { takeRequest, type SupportActor } from '../../domain/support/take-request.js';
import { loadCaller, turnLogger } from '../caller.js';
import type { BotDeps } from '../deps.js';

/** Card data is untrusted: the henvendelse's id and the version the card showed, and what was typed or chosen. */
const ZCardData = z.object({ requestId: z.string().uuid(), version: z.number().int().positive() });
const ZAssign = ZCardData.extend({ assigneeId: z.string().uuid() });
const ZNote = ZCardData.extend({ note: z.unknown().optional() });

/**
 * The actions on a henvendelse's card in its queue channel: «Ta henvendelsen», «Tildel» and
 * «Internt notat». The answer is the card as it is now (in the channel's language), with what
 * happened; the outbox updates the posted card and tells the event in its thread.
 */
export function registerSupportActions(app: Application, deps: BotDeps): void {
  const act = <T extends z.ZodTypeAny>(verb: string, schema: T, run: (actor: SupportActor, data: z.infer<T>) => Promise<QueueCardNotice | undefined>) =>
    app.adaptiveCards.actionExecute(verb, async (context: TurnContext, _state, raw): Promise<AdaptiveCard | string> => {
      const caller = await loadCaller(context, deps.prisma);
      if (!caller.person) return caller.t('error.unknownPerson');
      const parsed = schema.safeParse(raw);
      if (!parsed.success) return caller.t('error.invalidData');
      const data = parsed.data as z.infer<typeof ZCardData>;
      let notice: QueueCardNotice | undefined;
      try {
        // FORBIDDEN (not in the line) and NOT_FOUND reach bot/errors.ts: a sentence, nothing changed.
        notice = await run(caller.person, parsed.data);
      } catch (error) {
        // A card older than the henvendelse: show it as it is now.
        if (isAppError(error) && error.code === 'STALE') notice = { kind: 'stale' };
        else throw error;
      }
      turnLogger(context, deps.logger).info({ requestId: data.requestId, verb, outcome: notice?.kind }, 'henvendelse action in a queue channel');
      return channelCard(deps.prisma, data.requestId, { notice });
    });

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
}

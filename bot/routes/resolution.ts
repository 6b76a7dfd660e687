import type { TurnContext } from 'botbuilder';
import type { Application } from '@microsoft/teams-ai';
import { z } from 'zod';
import type { AdaptiveCard } from '../../cards/card-kit.js';
import { requestCard, type RequestCardNotice } from '../../cards/request-card.js';
import { isAppError } from '../../domain/errors.js';
import { commandWord } from '../../domain/help/commands.js';
import { getRequestHistory } from '../../domain/support/get-request-history.js';
import { confirmResolution, reopenRequest, type ResolutionOutcome } from '../../domain/support/respond-to-resolution.js';
import { loadCaller, turnLogger, type Caller } from '../caller.js';
import type { BotDeps } from '../deps.js';
import { systemName } from './system-name.js';

/** Card data is untrusted: the ids, and what was chosen and typed (checked by the domain). */
const ZCardData = z.object({ requestId: z.string().uuid(), version: z.number().int().positive() });
const ZConfirm = ZCardData.extend({ rating: z.unknown().optional(), comment: z.unknown().optional() });
const ZReopen = ZCardData.extend({ reason: z.unknown().optional() });

/**
 * «Løst» and «Åpne igjen» on a resolved henvendelse, from the requester's status card or the
 * henvendelse's own card. The answer replaces the card: the henvendelse as it is now, with what
 * happened or why nothing did. FORBIDDEN (someone else's) and NOT_FOUND reach bot/errors.ts.
 */
export function registerResolution(app: Application, deps: BotDeps): void {
  const answer = <T extends typeof ZCardData>(verb: string, schema: T, run: (person: NonNullable<Caller['person']>, data: z.infer<T>) => Promise<ResolutionOutcome>) =>
    app.adaptiveCards.actionExecute(verb, async (context: TurnContext, _state, raw): Promise<AdaptiveCard | string> => {
      const caller = await loadCaller(context, deps.prisma);
      if (!caller.person) return caller.t('error.unknownPerson');
      const parsed = schema.safeParse(raw);
      if (!parsed.success) return caller.t('error.invalidData');
      const { requestId } = parsed.data;
      let notice: RequestCardNotice;
      try {
        notice = await run(caller.person, parsed.data);
      } catch (error) {
        // A second click, or a card older than the henvendelse: show it as it is now.
        if (isAppError(error) && error.code === 'STALE') notice = 'stale';
        else throw error;
      }
      turnLogger(context, deps.logger).info({ requestId, verb, outcome: notice }, 'requester answered a resolution');
      const history = await getRequestHistory(deps.prisma, { requestId, viewer: caller.person, now: deps.now() });
      return requestCard(
        { history, viewerId: caller.person.id, locale: caller.locale, systemName: systemName(caller, deps), notice, newRequestCommand: commandWord('nyHenvendelse', caller.locale) },
        caller.t,
      );
    });

  answer('support.request.confirm', ZConfirm, (person, { requestId, version, rating, comment }) =>
    confirmResolution(deps.prisma, { requestId, expectedVersion: version, requester: person, rating, comment, now: deps.now() }),
  );
  answer('support.request.reopen', ZReopen, (person, { requestId, version, reason }) =>
    reopenRequest(deps.prisma, { requestId, expectedVersion: version, requester: person, reason, now: deps.now() }),
  );
}

import type { Application } from '@microsoft/teams-ai';
import { z } from 'zod';
import type { HandoverNotice } from '../../cards/queue-request-handover.js';
import { handOverRequest, recordItAnswer, recordVendorReference, type HandOverResult } from '../../domain/support/hand-over.js';
import type { BotDeps } from '../deps.js';
import { supportAction, ZCardData } from './support-action.js';

const ZHandover = ZCardData.extend({ target: z.string().max(40), subjectAreaId: z.unknown().optional(), reason: z.unknown().optional() });
const ZVendorReference = ZCardData.extend({ reference: z.unknown().optional() });
const ZItAnswer = ZCardData.extend({ answer: z.unknown().optional() });

/**
 * The hand-over actions on a henvendelse's channel card: «Send videre eller tilbake» (with a
 * required reason), «Meldt til leverandør» and «Registrer svar fra IT». Checked on the server
 * like every card action (domain/support/hand-over.ts); a refusal is said on the card.
 */
export function registerHandoverActions(app: Application, deps: BotDeps): void {
  const act = supportAction(app, deps);
  act('support.handover', ZHandover, async (actor, { requestId, version, target, subjectAreaId, reason }) => {
    const result = await handOverRequest(deps.prisma, { requestId, expectedVersion: version, actor, target, subjectAreaId, reason, itEmail: deps.itEmail ?? null, now: deps.now() });
    return handoverNotice(result);
  });
  act('support.vendorReference', ZVendorReference, async (actor, { requestId, version, reference }) => {
    const result = await recordVendorReference(deps.prisma, { requestId, expectedVersion: version, actor, reference, now: deps.now() });
    return result.outcome === 'tooLong' ? { kind: 'vendorTooLong', max: result.max } : { kind: result.outcome === 'recorded' ? 'vendorRecorded' : 'vendorEmpty' };
  });
  act('support.itAnswer', ZItAnswer, async (actor, { requestId, version, answer }) => {
    const result = await recordItAnswer(deps.prisma, { requestId, expectedVersion: version, actor, answer, now: deps.now() });
    return { kind: result.outcome === 'recorded' ? 'itRecorded' : 'itEmpty' };
  });
}

function handoverNotice(result: HandOverResult): HandoverNotice {
  switch (result.outcome) {
    case 'handedOver':
    case 'samePlace':
      return { kind: result.outcome, place: result.place };
    case 'reasonTooLong':
      return { kind: 'reasonTooLong', max: result.max };
    case 'noSpecialist':
      return { kind: 'noSpecialist', area: result.area };
    default:
      return { kind: result.outcome };
  }
}

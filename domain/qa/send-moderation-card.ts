import { qaModerationCard } from '../../cards/qa-moderation-card.js';
import { translator, type Locale } from '../../i18n/index.js';
import type { PrismaClient } from '../db.js';
import { enqueueMessage } from '../delivery/enqueue-message.js';
import { moderationView } from './moderation-view.js';
import { authoriseModerator, type QaModerator } from './moderators.js';

export interface SendModerationCardInput {
  sessionId: string;
  moderator: QaModerator;
  /** The moderator's language. */
  locale: Locale;
  /** One card per click: a repeated invoke (Teams repeats late ones) sends nothing twice. */
  requestKey: string;
}

/**
 * «Moderer» on the shared session card: the moderation card goes to the moderator's own 1:1 chat
 * through the outbox (it names askers, so it is never shown in the channel). Only someone who may
 * moderate the session (FORBIDDEN otherwise); nothing is changed.
 */
export async function sendModerationCard(prisma: PrismaClient, input: SendModerationCardInput): Promise<{ queued: boolean }> {
  return prisma.$transaction(async (tx) => {
    await authoriseModerator(tx, { sessionId: input.sessionId, person: input.moderator });
    const view = await moderationView(tx, input.sessionId);
    const card = qaModerationCard(view, translator(input.locale));
    const { created } = await enqueueMessage(tx, {
      to: { personId: input.moderator.personId },
      activity: { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] },
      idempotencyKey: `qa:moderate:${input.sessionId}:${input.moderator.personId}:${input.requestKey}`,
    });
    return { queued: created };
  });
}

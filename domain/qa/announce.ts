import { qaAnnouncementCard } from '../../cards/qa-create-card.js';
import { writeAudit } from '../audit.js';
import type { PrismaClient } from '../db.js';
import { enqueueMessage } from '../delivery/enqueue-message.js';
import { channelTranslator } from '../support/channel-card.js';
import { sessionCardActivity } from './session-card.js';
import { checkedText, QA_LIMITS, type QaActor } from './vocabulary.js';

export interface AnnounceInput {
  /** The channel or group chat; in a channel a post of its own, not a reply in the command's thread. */
  conversationId: string;
  text: string;
  actor: QaActor;
  /** The command message's id: Teams delivering it twice posts it once. */
  key: string;
}

/**
 * The first line or a moderator posts an announcement in the conversation (PRODUCT.md §4),
 * through the outbox in the same transaction as its audit entry; in bokmål, the conversation's
 * language. Text as for an answer: 1–4000 characters (QA_TEXT_LENGTH).
 */
export async function announce(prisma: PrismaClient, input: AnnounceInput): Promise<{ messageId: bigint }> {
  const text = checkedText(input.text, QA_LIMITS.answer, 'announcement');
  return prisma.$transaction(async (tx) => {
    const posted = await enqueueMessage(tx, {
      to: { conversationId: input.conversationId },
      activity: sessionCardActivity(qaAnnouncementCard({ text }, channelTranslator())),
      idempotencyKey: `qa:announcement:${input.conversationId}:${input.key}`,
    });
    await writeAudit(tx, {
      actor: input.actor.aadObjectId,
      action: 'qa.announcement.posted',
      entity: 'outbox_message',
      entityId: posted.id.toString(),
      after: { conversationId: input.conversationId, length: text.length },
    });
    return { messageId: posted.id };
  });
}

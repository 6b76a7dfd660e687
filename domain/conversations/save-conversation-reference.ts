import type { DbClient, Prisma } from '../db.js';

export interface ConversationReferenceInput {
  conversationId: string;
  /** Teams conversation type: `personal`, `channel` or `groupChat`. */
  scope: string;
  aadObjectId?: string;
  tenantId?: string;
  serviceUrl: string;
  /** The botbuilder ConversationReference, stored as it is for proactive sending. */
  reference: Prisma.InputJsonValue;
}

/**
 * Remembers where a conversation can be reached, on install and on every message. Writes only
 * when something changed, so a busy chat does not rewrite the row on every turn; a person who
 * writes again is reachable again.
 */
export async function saveConversationReference(db: DbClient, input: ConversationReferenceInput): Promise<void> {
  const existing = await db.conversationReference.findUnique({ where: { conversationId: input.conversationId } });
  const data = {
    scope: input.scope,
    aadObjectId: input.aadObjectId ?? null,
    tenantId: input.tenantId ?? null,
    serviceUrl: input.serviceUrl,
    reference: input.reference,
  };
  if (!existing) {
    await db.conversationReference.create({ data: { conversationId: input.conversationId, ...data } });
    return;
  }
  const unchanged =
    existing.unreachableAt === null &&
    existing.scope === data.scope &&
    existing.aadObjectId === data.aadObjectId &&
    existing.tenantId === data.tenantId &&
    existing.serviceUrl === data.serviceUrl &&
    JSON.stringify(existing.reference) === JSON.stringify(data.reference);
  if (unchanged) return;
  await db.conversationReference.update({
    where: { conversationId: input.conversationId },
    data: { ...data, unreachableAt: null },
  });
}

/** The app was removed from this conversation: stop sending until the person writes again. */
export async function markConversationUnreachable(db: DbClient, conversationId: string, at: Date): Promise<void> {
  await db.conversationReference.updateMany({ where: { conversationId, unreachableAt: null }, data: { unreachableAt: at } });
}

/**
 * Claims the one welcome a personal conversation gets. Teams announces a new install twice
 * (installationUpdate and conversationUpdate); only the first claim returns true.
 */
export async function claimWelcome(db: DbClient, conversationId: string, at: Date): Promise<boolean> {
  const { count } = await db.conversationReference.updateMany({
    where: { conversationId, welcomedAt: null },
    data: { welcomedAt: at },
  });
  return count === 1;
}

/** The welcome claimed `at` could not be delivered: let the next announcement of the install try again. */
export async function releaseWelcome(db: DbClient, conversationId: string, at: Date): Promise<void> {
  await db.conversationReference.updateMany({ where: { conversationId, welcomedAt: at }, data: { welcomedAt: null } });
}

import { type DbClient, type Prisma, sql } from '../db.js';

export interface ConversationReferenceInput {
  conversationId: string;
  /** Teams conversation type: `personal`, `channel` or `groupChat`. */
  scope: string;
  aadObjectId?: string;
  tenantId?: string;
  serviceUrl: string;
  /** What a proactive send needs (conversation, service URL, channel, bot, user), nothing that changes per message. */
  reference: Prisma.InputJsonValue;
}

/**
 * Remembers where a conversation can be reached, on install and on every message; a person who
 * writes again is reachable again. One statement, because Teams announces a new install twice at
 * the same moment and a read-then-insert would let both insert. The row is rewritten only when
 * something changed, so a busy chat does not write on every turn.
 */
export async function saveConversationReference(db: DbClient, input: ConversationReferenceInput): Promise<void> {
  await sql(db).run`
    INSERT INTO conversation_reference (conversation_id, scope, aad_object_id, tenant_id, service_url, reference, updated_at)
    VALUES (${input.conversationId}, ${input.scope}, ${input.aadObjectId ?? null}, ${input.tenantId ?? null},
            ${input.serviceUrl}, ${JSON.stringify(input.reference)}::jsonb, now())
    ON CONFLICT (conversation_id) DO UPDATE SET
      scope = EXCLUDED.scope,
      aad_object_id = EXCLUDED.aad_object_id,
      tenant_id = EXCLUDED.tenant_id,
      service_url = EXCLUDED.service_url,
      reference = EXCLUDED.reference,
      unreachable_at = NULL,
      updated_at = now()
    WHERE conversation_reference.unreachable_at IS NOT NULL
       OR (conversation_reference.scope, conversation_reference.aad_object_id, conversation_reference.tenant_id,
           conversation_reference.service_url, conversation_reference.reference)
          IS DISTINCT FROM (EXCLUDED.scope, EXCLUDED.aad_object_id, EXCLUDED.tenant_id, EXCLUDED.service_url, EXCLUDED.reference)`;
}

/** The app was removed from this conversation: stop sending until the person writes again. */
export async function markConversationUnreachable(db: DbClient, conversationId: string, at: Date): Promise<void> {
  await db.conversationReference.updateMany({ where: { conversationId, unreachableAt: null }, data: { unreachableAt: at } });
}

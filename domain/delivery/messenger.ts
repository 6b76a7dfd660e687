/**
 * The port through which the outbox reaches Teams. The implementation (bot/teams-messenger.ts)
 * speaks the Bot Connector protocol; the domain sees addresses, activities and failures only.
 */

/** Where a conversation is: enough to send into it without a turn. */
export interface ConversationAddress {
  conversationId: string;
  serviceUrl: string;
  tenantId?: string;
  /** The bot's id in that conversation (`28:<app id>`), as Teams gave it. */
  botId?: string;
}

/** A Bot Framework activity as the outbox stores it (a message with text and/or cards). */
export type OutboxActivity = Record<string, unknown> & { type: string };

export interface Messenger {
  send(to: ConversationAddress, activity: OutboxActivity): Promise<{ activityId?: string }>;
  reply(to: ConversationAddress, replyToActivityId: string, activity: OutboxActivity): Promise<{ activityId?: string }>;
  update(to: ConversationAddress, activityId: string, activity: OutboxActivity): Promise<{ activityId?: string }>;
  /** The person's 1:1 chat with the bot (Teams returns the existing one if there is one). */
  createPersonalConversation(person: { aadObjectId: string; tenantId?: string; serviceUrl: string }): Promise<ConversationAddress>;
}

/** What Teams answered instead of success, as far as the outbox needs to know. */
export class SendFailure extends Error {
  readonly status?: number;
  /** Teams' error code, e.g. `MessageWritesBlocked`, `ForbiddenOperationException`, `ConversationNotFound`. */
  readonly code?: string;
  readonly retryAfterMs?: number;
  /** A 429 for the whole app in the tenant rather than for one conversation. */
  readonly tenantWide: boolean;
  readonly timedOut: boolean;

  constructor(
    message: string,
    details: { status?: number; code?: string; retryAfterMs?: number; tenantWide?: boolean; timedOut?: boolean; cause?: unknown } = {},
  ) {
    super(message, { cause: details.cause });
    this.name = 'SendFailure';
    this.status = details.status;
    this.code = details.code;
    this.retryAfterMs = details.retryAfterMs;
    this.tenantWide = details.tenantWide ?? false;
    this.timedOut = details.timedOut ?? false;
  }
}

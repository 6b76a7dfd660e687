import type { PrismaClient } from '../db.js';
import { saveConversationReference } from '../conversations/save-conversation-reference.js';
import type { ClaimedMessage, RecipientSnapshot } from './claim-due-messages.js';
import { decide, type Decision } from './decide.js';
import { SendFailure, type ConversationAddress, type Messenger } from './messenger.js';
import { blockUntil, bookingRoundTripMs, bookSendSlot, confirmSlot, conversationKey, LATE_SLACK_MS, lateCall, personalChatKey, recordPacedCall, tenantKey, type PacedCall, type PaceKey } from './pace.js';
import {
  markConversationRefused,
  markFailed,
  markPersonUnreachable,
  markSent,
  releaseUntil,
  type Claim,
} from './record-send-result.js';

export type DeliveryEvent = {
  type: 'sent' | 'retried' | 'throttled' | 'failed' | 'unreachable' | 'created';
  messageId: bigint;
  reason?: string;
};

export interface DeliveryDeps {
  prisma: PrismaClient;
  messenger: Messenger;
  /** This instance, as it claims messages. */
  instance: string;
  /** Calls per second to Teams for the whole tenant, all instances together (TEAMS_TENANT_RPS). */
  tenantRps: number;
  /** Where conversations are created for people who never opened the bot (TEAMS_SERVICE_URL). */
  serviceUrl: string;
  /** The organisation's tenant (BOT_TENANT_ID), for those conversations. */
  tenantId?: string;
  /** The longest a worker waits for a pace slot before it hands the message back (default 2 s). */
  maxPaceWaitMs?: number;
  onEvent?: (event: DeliveryEvent) => void;
  random?: () => number;
  /** The first retry's delay after a passing failure (default 2 s; tests shorten it). */
  firstRetryMs?: number;
  /** How long a claim holds (renewed before each call). */
  leaseMs?: number;
  /** The database's clock minus ours (ms): pace slots are booked in the database's time. */
  clockOffsetMs?: () => number;
}

interface Recipient {
  address: ConversationAddress;
  /** A personal chat can be created again after the person deleted it. */
  person?: { id: string; aadObjectId: string };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * What became of a claimed message. 'waiting': it went back to the outbox for later (a pace slot
 * too far away, a Retry-After), so the messages after it to the same recipient must wait too, to
 * keep order. 'recipient-changed': settled, but the recipient is not what the claim read any more
 * (a chat was created, the person or conversation became unreachable), so the messages after it
 * must be claimed again to see that.
 */
export type DeliveryOutcome = 'settled' | 'waiting' | 'recipient-changed';

/** Sends one claimed message (or creates the chat for a `reach`), and records what became of it. */
export async function deliverMessage(deps: DeliveryDeps, message: ClaimedMessage): Promise<DeliveryOutcome> {
  let changed = false;
  const outcome = await deliverClaimed(deps, message, (type, reason) => {
    if (type === 'created' || type === 'unreachable') changed = true;
    deps.onEvent?.({ type, messageId: message.id, reason });
  });
  return outcome === 'settled' && changed ? 'recipient-changed' : outcome;
}

async function deliverClaimed(
  deps: DeliveryDeps,
  message: ClaimedMessage,
  event: (type: DeliveryEvent['type'], reason?: string) => void,
): Promise<'settled' | 'waiting'> {
  const claim: Claim = { id: message.id, instance: deps.instance, attempts: message.attempts };

  const recipient = await findRecipient(deps, message, claim, event);
  if (recipient === 'waiting') return 'waiting';
  if (!recipient) return 'settled';
  if (message.kind === 'reach') {
    await markSent(deps.prisma, claim, { conversationId: recipient.address.conversationId });
    event('sent');
    return 'settled';
  }

  const targetActivityId = await findTargetActivity(deps, message, claim, event);
  if (targetActivityId === 'waiting') return 'waiting';
  if (targetActivityId === null) return 'settled';

  let current = recipient;
  for (let recreated = false; ; recreated = true) {
    const keys = [tenantKey(current.address.tenantId ?? deps.tenantId, deps.tenantRps), conversationKey(current.address.conversationId)];
    const outcome = await callTeams(deps, claim, keys, () => {
      const activity = message.activity!;
      if (message.kind === 'reply') return deps.messenger.reply(current.address, targetActivityId!, activity);
      if (message.kind === 'update') return deps.messenger.update(current.address, targetActivityId!, activity);
      return deps.messenger.send(current.address, activity);
    });
    if (outcome.kind === 'waiting') return 'waiting';
    if (outcome.kind === 'done') {
      await markSent(deps.prisma, claim, { conversationId: current.address.conversationId, activityId: outcome.result.activityId, call: outcome.call ?? undefined });
      event('sent');
      return 'settled';
    }
    const decision = decide(outcome.failure, {
      operation: message.kind,
      attempts: outcome.attempts,
      canRecreate: !recreated && message.kind === 'send' && current.person !== undefined,
      random: deps.random,
      firstRetryMs: deps.firstRetryMs,
    });
    if (decision.action !== 'recreate') {
      await settle(deps, claim, keys, decision, current.person, event);
      return decision.action === 'throttled' || decision.action === 'retry' ? 'waiting' : 'settled';
    }
    // The person deleted the chat: create it again, once, and send there.
    await deps.prisma.conversationReference.updateMany({
      where: { conversationId: current.address.conversationId },
      data: { unreachableAt: new Date() },
    });
    const again = await createPersonalChat(deps, claim, current.person!, event);
    if (again === 'waiting') return 'waiting';
    if (!again) return 'settled';
    current = again;
  }
}

/** Where the message goes (read with the claim); null when it has been settled already (unknown, gone, unreachable), 'waiting' when it went back. */
async function findRecipient(
  deps: DeliveryDeps,
  message: ClaimedMessage,
  claim: Claim,
  event: (type: DeliveryEvent['type'], reason?: string) => void,
): Promise<Recipient | null | 'waiting'> {
  const { chat, person } = message.to;
  if (message.conversationId) {
    if (!chat) {
      await markFailed(deps.prisma, claim, 'unknown recipient: the bot is not in this conversation');
      event('failed', 'unknown recipient');
      return null;
    }
    if (chat.unreachable) {
      await markConversationRefused(deps.prisma, claim, 'unreachable: the app was removed from this conversation');
      event('unreachable');
      return null;
    }
    return { address: addressOf(chat), person: person ?? undefined };
  }

  if (!person?.active) {
    await markFailed(deps.prisma, claim, 'the person has left the organisation');
    event('failed', 'left the organisation');
    return null;
  }
  if (person.unreachable) {
    await markPersonUnreachable(deps.prisma, claim, person, person.unreachableReason === 'blocked' ? 'blocked' : 'not_installed');
    event('unreachable');
    return null;
  }
  if (chat) return { address: addressOf(chat), person };
  return createPersonalChat(deps, claim, person, event);
}

/**
 * The Teams activity a reply or an update is for: given, or sent by an earlier outbox message
 * (`targetMessageId`). That message goes to the same recipient with a smaller id, so it is sent
 * first; should it still be on its way, this one waits a moment. Null when it was settled here
 * (the earlier message was never sent, so there is nothing to reply to or update).
 */
async function findTargetActivity(
  deps: DeliveryDeps,
  message: ClaimedMessage,
  claim: Claim,
  event: (type: DeliveryEvent['type'], reason?: string) => void,
): Promise<string | undefined | null | 'waiting'> {
  if (message.kind !== 'reply' && message.kind !== 'update') return undefined;
  if (message.targetActivityId) return message.targetActivityId;
  const target = await deps.prisma.outboxMessage.findUnique({ where: { id: message.targetMessageId! }, select: { state: true, activityId: true } });
  if (target?.activityId) return target.activityId;
  if (target?.state === 'waiting' || target?.state === 'sending') {
    await releaseUntil(deps.prisma, claim, new Date(Date.now() + TARGET_WAIT_MS));
    return 'waiting';
  }
  const reason = target?.state === 'sent' ? 'Teams gave no activity id for the message it refers to' : 'the message it refers to was not sent';
  await markFailed(deps.prisma, claim, reason);
  event('failed', reason);
  return null;
}

/** How long a reply or update waits when the message it refers to is still on its way. */
const TARGET_WAIT_MS = 1_000;

/** A person who never opened the bot (or deleted the chat) gets a chat created with their Entra object id. */
async function createPersonalChat(
  deps: DeliveryDeps,
  claim: Claim,
  person: { id: string; aadObjectId: string },
  event: (type: DeliveryEvent['type'], reason?: string) => void,
): Promise<Recipient | null | 'waiting'> {
  const keys = [tenantKey(deps.tenantId, deps.tenantRps), personalChatKey(person.aadObjectId)];
  const outcome = await callTeams(deps, claim, keys, () =>
    deps.messenger.createPersonalConversation({ aadObjectId: person.aadObjectId, tenantId: deps.tenantId, serviceUrl: deps.serviceUrl }),
  );
  if (outcome.kind === 'waiting') return 'waiting';
  if (outcome.kind === 'failed') {
    const decision = decide(outcome.failure, {
      operation: 'create',
      attempts: outcome.attempts,
      canRecreate: false,
      random: deps.random,
      firstRetryMs: deps.firstRetryMs,
    });
    await settle(deps, claim, keys, decision.action === 'recreate' ? { action: 'fail', reason: '404 on createConversation' } : decision, person, event);
    return decision.action === 'throttled' || decision.action === 'retry' ? 'waiting' : null;
  }
  const address = outcome.result;
  await saveConversationReference(deps.prisma, {
    conversationId: address.conversationId,
    scope: 'personal',
    aadObjectId: person.aadObjectId,
    tenantId: address.tenantId,
    serviceUrl: address.serviceUrl,
    reference: {
      channelId: 'msteams',
      serviceUrl: address.serviceUrl,
      conversation: { id: address.conversationId, conversationType: 'personal', ...(address.tenantId ? { tenantId: address.tenantId } : {}) },
      ...(address.botId ? { bot: { id: address.botId } } : {}),
      user: { aadObjectId: person.aadObjectId },
    },
  });
  event('created');
  return { address, person };
}

type Outcome<T> =
  /** `call`: the moment it was booked for and the moment its answer came, for the pace logs (markSent). */
  | { kind: 'done'; result: T; call: PacedCall | null }
  | { kind: 'failed'; failure: SendFailure; attempts: number }
  /** Handed back to the outbox until a pace slot or a Retry-After allows it. */
  | { kind: 'waiting' };

/**
 * After this many confirmations that all came back too late, the call goes anyway: on a machine
 * too busy to keep time every round trip is late, and waiting for a punctual one would starve the
 * outbox (the late call is still only one answer's way late, not a whole sleep's).
 */
const MAX_CONFIRMATIONS = 3;

/**
 * One paced call to Teams: book a moment shared with every instance; a round trip before it,
 * confirm it (the claim still held, no Retry-After meanwhile; a worker that woke late gets the
 * earliest moment from now instead); call at the confirmed moment. A call leaves at most
 * LATE_SLACK_MS after its moment, but for a machine too busy to keep time (MAX_CONFIRMATIONS).
 */
async function callTeams<T>(deps: DeliveryDeps, claim: Claim, keys: PaceKey[], call: () => Promise<T>): Promise<Outcome<T>> {
  const pace = () => ({ maxWaitMs: deps.maxPaceWaitMs ?? 2_000, clockOffsetMs: deps.clockOffsetMs?.() ?? 0 });
  // Moments are on the database's clock.
  const untilMoment = (booking: { at: number }) => booking.at - (deps.clockOffsetMs?.() ?? 0) - Date.now();
  let booking = await bookSendSlot(deps.prisma, keys, pace());
  for (let confirmations = 1; ; confirmations++) {
    if ('lost' in booking) return { kind: 'waiting' };
    if (!booking.booked) {
      await releaseUntil(deps.prisma, claim, booking.retryAt);
      return { kind: 'waiting' };
    }
    const early = untilMoment(booking) - bookingRoundTripMs(deps.prisma);
    if (early > 0) await sleep(early);
    booking = await confirmSlot(deps.prisma, keys, booking.at, { ...pace(), claim, leaseMs: deps.leaseMs ?? 60_000 });
    if (!booking.booked) continue;
    const left = untilMoment(booking);
    // Moved later (it woke late and the next moments were taken): wait for it, confirm again.
    if (left > LATE_SLACK_MS) continue;
    if (left < -LATE_SLACK_MS && confirmations < MAX_CONFIRMATIONS) continue;
    if (left > 0) await sleep(left);
    break;
  }
  claim.attempts += 1;
  // Answered later than usual, the call moves that much in the pace logs (pace.ts, lateCall).
  const paced = () => lateCall(deps.prisma, keys, booking.at, Date.now() + (deps.clockOffsetMs?.() ?? 0));
  try {
    const result = await call();
    return { kind: 'done', result, call: paced() };
  } catch (error) {
    if (!(error instanceof SendFailure)) throw error;
    // Refused or not, Teams may have counted it.
    const late = paced();
    if (late) await recordPacedCall(deps.prisma, late);
    return { kind: 'failed', failure: error, attempts: claim.attempts };
  }
}

async function settle(
  deps: DeliveryDeps,
  claim: Claim,
  keys: PaceKey[],
  decision: Exclude<Decision, { action: 'recreate' }>,
  person: { id: string; aadObjectId: string } | undefined,
  event: (type: DeliveryEvent['type'], reason?: string) => void,
): Promise<void> {
  switch (decision.action) {
    case 'throttled': {
      const until = new Date(Date.now() + decision.waitMs);
      // A tenant-wide 429 holds every conversation; otherwise only this one (or this person's chat).
      await blockUntil(deps.prisma, decision.tenantWide ? keys.filter((key) => key.key.startsWith('tenant:')) : keys.filter((key) => !key.key.startsWith('tenant:')), until);
      await releaseUntil(deps.prisma, claim, until, `429 (waiting ${decision.waitMs} ms as Teams asked)`);
      event('throttled');
      return;
    }
    case 'retry':
      await releaseUntil(deps.prisma, claim, new Date(Date.now() + decision.waitMs), decision.reason);
      event('retried', decision.reason);
      return;
    case 'fail':
      await markFailed(deps.prisma, claim, decision.reason);
      event('failed', decision.reason);
      return;
    case 'unreachable':
      if (person) await markPersonUnreachable(deps.prisma, claim, person, decision.reason);
      else await markConversationRefused(deps.prisma, claim, 'unreachable: the conversation refuses the bot');
      event('unreachable', decision.reason);
      return;
  }
}

function addressOf(chat: NonNullable<RecipientSnapshot['chat']>): ConversationAddress {
  return { conversationId: chat.conversationId, serviceUrl: chat.serviceUrl, tenantId: chat.tenantId ?? undefined, botId: chat.botId ?? undefined };
}

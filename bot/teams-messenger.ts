import type { Activity, ConversationParameters } from 'botbuilder';
import { SendFailure, type ConversationAddress, type Messenger, type OutboxActivity } from '../domain/delivery/messenger.js';
import type { ArkivlosAdapter } from './adapter.js';

export interface TeamsMessengerOptions {
  /** The bot's Microsoft app id (BOT_ID); empty for the Agents Playground and tests. */
  botAppId: string;
  /** A call that has not answered by then counts as a timeout (and is retried). */
  timeoutMs?: number;
}

/**
 * The outbox's way to Teams: the Bot Connector REST API through botbuilder's ConnectorClient
 * (authenticated as the adapter is), without its hidden retries, each call bounded by a timeout.
 * Every refusal becomes a SendFailure with the status, Teams' code and Retry-After.
 */
export function createTeamsMessenger(adapter: ArkivlosAdapter, options: TeamsMessengerOptions): Messenger {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const botId = (address: ConversationAddress) => address.botId ?? (options.botAppId ? `28:${options.botAppId}` : undefined);

  // One client per service URL, made once: a send leaves right after its pace slot is confirmed.
  const clients = new Map<string, ReturnType<ArkivlosAdapter['proactiveConnector']>>();
  const clientFor = (serviceUrl: string) => {
    let client = clients.get(serviceUrl);
    if (!client) {
      client = adapter.proactiveConnector(serviceUrl);
      clients.set(serviceUrl, client);
      client.catch(() => clients.delete(serviceUrl));
    }
    return client;
  };

  async function call<T>(serviceUrl: string, work: (client: Awaited<ReturnType<ArkivlosAdapter['proactiveConnector']>>) => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new SendFailure('timeout', { timedOut: true })), timeoutMs);
    });
    try {
      const client = await clientFor(serviceUrl);
      return await Promise.race([work(client), timeout]);
    } catch (error) {
      throw toSendFailure(error);
    } finally {
      clearTimeout(timer);
    }
  }

  const outgoing = (address: ConversationAddress, activity: OutboxActivity): Partial<Activity> => {
    const bot = botId(address);
    return {
      ...activity,
      channelId: 'msteams',
      serviceUrl: address.serviceUrl,
      conversation: { id: address.conversationId, ...(address.tenantId ? { tenantId: address.tenantId } : {}) } as Activity['conversation'],
      ...(bot ? { from: { id: bot, name: '' } } : {}),
    };
  };

  return {
    async send(to, activity) {
      const response = await call(to.serviceUrl, (client) => client.conversations.sendToConversation(to.conversationId, outgoing(to, activity)));
      return { activityId: response.id };
    },
    async reply(to, replyToActivityId, activity) {
      const response = await call(to.serviceUrl, (client) =>
        client.conversations.replyToActivity(to.conversationId, replyToActivityId, { ...outgoing(to, activity), replyToId: replyToActivityId }),
      );
      return { activityId: response.id };
    },
    async update(to, activityId, activity) {
      const response = await call(to.serviceUrl, (client) =>
        client.conversations.updateActivity(to.conversationId, activityId, { ...outgoing(to, activity), id: activityId }),
      );
      return { activityId: response.id ?? activityId };
    },
    async createPersonalConversation({ aadObjectId, tenantId, serviceUrl }) {
      const bot = options.botAppId ? `28:${options.botAppId}` : '28:arkivlos';
      const parameters = {
        isGroup: false,
        bot: { id: bot, name: '' },
        members: [{ id: aadObjectId, name: '' }],
        ...(tenantId ? { tenantId, channelData: { tenant: { id: tenantId } } } : {}),
      } as ConversationParameters;
      const response = await call(serviceUrl, (client) => client.conversations.createConversation(parameters));
      return { conversationId: response.id, serviceUrl, tenantId, botId: bot };
    },
  };
}

/** A refused call, as botbuilder's RestError carries it: status, Teams' error code, Retry-After. */
function toSendFailure(error: unknown): SendFailure {
  if (error instanceof SendFailure) return error;
  const rest = error as {
    statusCode?: number;
    code?: string;
    message?: string;
    response?: { headers?: { get?(name: string): string | undefined } };
  };
  const retryAfter = rest.response?.headers?.get?.('retry-after');
  const text = `${rest.code ?? ''} ${rest.message ?? ''}`;
  return new SendFailure(rest.statusCode ? `Teams answered ${rest.statusCode}` : 'no answer from Teams', {
    status: rest.statusCode,
    code: rest.code,
    retryAfterMs: retryAfter === undefined ? undefined : retryAfterMs(retryAfter),
    // Teams does not say in a field whether a 429 is for the whole app in the tenant; its message does.
    tenantWide: rest.statusCode === 429 && /tenant/i.test(text),
    cause: error,
  });
}

/** Retry-After is seconds (possibly fractional) or an HTTP date. */
function retryAfterMs(value: string): number | undefined {
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

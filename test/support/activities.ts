import { randomUUID } from 'node:crypto';

/** A Teams user as the Bot Framework shows them to a bot. */
export interface TestUser {
  aadObjectId: string;
  name?: string;
}

export const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const BOT = { id: '28:arkivlos-bot', name: 'Arkivlos' };

export interface ActivityOptions {
  serviceUrl: string;
  user: TestUser;
  locale?: string;
  tenantId?: string;
  conversationType?: 'personal' | 'groupChat' | 'channel';
  conversationId?: string;
}

function base(type: string, options: ActivityOptions) {
  const conversationType = options.conversationType ?? 'personal';
  const tenantId = options.tenantId ?? TENANT_ID;
  return {
    type,
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: options.serviceUrl,
    locale: options.locale ?? 'nb-NO',
    from: { id: `29:${options.user.aadObjectId}`, name: options.user.name ?? 'Test', aadObjectId: options.user.aadObjectId },
    recipient: BOT,
    conversation: {
      id: options.conversationId ?? `a:${conversationType}-${options.user.aadObjectId}`,
      conversationType,
      tenantId,
    },
    channelData: { tenant: { id: tenantId } },
  };
}

export function messageActivity(text: string, options: ActivityOptions) {
  return { ...base('message', options), text, textFormat: 'plain' };
}

export function actionExecuteActivity(verb: string, data: Record<string, unknown>, options: ActivityOptions) {
  return {
    ...base('invoke', options),
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

export function installationUpdateActivity(action: 'add' | 'remove', options: ActivityOptions) {
  return { ...base('installationUpdate', options), action };
}

export function conversationUpdateActivity(options: ActivityOptions) {
  return { ...base('conversationUpdate', options), membersAdded: [{ id: BOT.id }, { id: `29:${options.user.aadObjectId}`, aadObjectId: options.user.aadObjectId }] };
}

export interface ChannelOptions extends Omit<ActivityOptions, 'conversationType' | 'conversationId'> {
  /** The channel's own conversation id (`19:…@thread.tacv2`); the message's thread is appended. */
  channelId: string;
  /** The team's id (its General channel's id, as Teams gives it). */
  teamId?: string;
  /** Teams gives the channel's name in some activities only. */
  channelName?: string;
}

/**
 * A message in a Teams channel, as Teams sends it: the bot gets it only when it is @mentioned, so
 * the text starts with the mention (`<at>Arkivlos</at> koble kø førstelinje`) and a mention entity
 * names the bot; the conversation id is the channel's with `;messageid=` of the new thread.
 */
export function channelMessageActivity(text: string, options: ChannelOptions) {
  const mention = `<at>${BOT.name}</at>`;
  const activity = base('message', { ...options, conversationType: 'channel', conversationId: options.channelId });
  const teamId = options.teamId ?? options.channelId;
  return {
    ...activity,
    conversation: { ...activity.conversation, id: `${options.channelId};messageid=${Date.now()}${Math.floor(Math.random() * 1000)}`, isGroup: true },
    text: `${mention} ${text}`,
    textFormat: 'plain',
    entities: [{ type: 'mention', text: mention, mentioned: { id: BOT.id, name: BOT.name } }],
    channelData: {
      ...activity.channelData,
      teamsTeamId: teamId,
      teamsChannelId: options.channelId,
      team: { id: teamId },
      channel: { id: options.channelId, ...(options.channelName ? { name: options.channelName } : {}) },
    },
  };
}

/** A Teams message as a message action sends it (`value.messagePayload`). */
export interface TestMessagePayload {
  id: string;
  /** The message's body as Teams gives it: HTML. */
  html: string;
  author?: string;
  linkToMessage?: string;
  attachments?: { contentType: string; contentUrl?: string; name?: string; content?: unknown }[];
}

/**
 * A message action (the «…» menu of a Teams message): `composeExtension/fetchTask` when it is
 * chosen, `composeExtension/submitAction` with the dialog's `data` when its form is sent. Teams
 * sends the message with both.
 */
export function messageActionActivity(
  name: 'composeExtension/fetchTask' | 'composeExtension/submitAction',
  commandId: string,
  message: TestMessagePayload,
  options: ActivityOptions,
  data?: Record<string, unknown>,
) {
  return {
    ...base('invoke', options),
    name,
    value: {
      commandId,
      commandContext: 'message',
      context: { theme: 'default' },
      messagePayload: {
        id: message.id,
        replyToId: null,
        createdDateTime: new Date().toISOString(),
        messageType: 'message',
        importance: 'normal',
        linkToMessage: message.linkToMessage ?? null,
        from: message.author ? { user: { id: randomUUID(), displayName: message.author, userIdentityType: 'aadUser' }, application: null, device: null } : null,
        body: { contentType: 'html', content: message.html },
        attachments: message.attachments ?? [],
        mentions: [],
        reactions: [],
      },
      ...(data ? { data } : {}),
    },
  };
}

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

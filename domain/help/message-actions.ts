import type { MessageKey } from '../../i18n/index.js';
import type { MessageAction } from '../support/submit-from-message.js';

export interface MessageActionCommand {
  /** Its name in the «…» menu of a Teams message (at most 32 characters in every language). */
  title: MessageKey;
  /** What it does, in one line (at most 128 characters). */
  description: MessageKey;
}

/**
 * The message actions, as `npm run package` writes them into the manifest's `composeExtensions`
 * (action commands on a message, `fetchTask: true`), in every language; their routes are
 * bot/routes/message-actions.ts. Nothing else offers a message action.
 */
export const MESSAGE_ACTION_COMMANDS: Record<MessageAction, MessageActionCommand> = {
  createRequest: { title: 'messageAction.createRequest.title', description: 'messageAction.createRequest.description' },
  sendToArchive: { title: 'messageAction.sendToArchive.title', description: 'messageAction.sendToArchive.description' },
};

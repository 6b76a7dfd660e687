import type { Translate } from '../i18n/index.js';
import { card, text, type AdaptiveCard, type CardElement } from './card-kit.js';
import { writtenText } from './support-kit.js';

/** A file kept on a henvendelse, as support sees it in the channel thread. */
export interface ThreadFile {
  name: string;
  /** Teams' link to the file (a file sent with the paperclip). */
  link: string | null;
  /** The bot's own signed link to a kept image (null when none was kept or the bot has no public address). */
  imageUrl: string | null;
  /** An image too large to keep: only Teams' link was kept. */
  tooLarge: boolean;
}

export interface FileThreadView {
  number: string;
  files: ThreadFile[];
}

/**
 * The files of a `file_added` event in the henvendelse's channel thread: each by name, a kept
 * image shown (its URL is the bot's signed link), a file with a button to open Teams' link.
 * Names are the requester's own text, so they are TextRuns, never markdown.
 */
export function fileThreadCard(view: FileThreadView, t: Translate): AdaptiveCard {
  const body: CardElement[] = [];
  for (const file of view.files) {
    body.push(writtenText(file.name, { spacing: 'Medium', ...(body.length > 0 && { separator: true }) }));
    if (file.imageUrl) body.push({ type: 'Image', url: file.imageUrl, altText: file.name, size: 'Stretch' });
    if (file.tooLarge) body.push(text(t('chat.thread.tooLarge'), { isSubtle: true, size: 'Small', spacing: 'None' }));
    const open = file.imageUrl ?? file.link;
    if (open && !file.tooLarge) body.push({ type: 'ActionSet', actions: [{ type: 'Action.OpenUrl', title: t('chat.thread.open'), url: open }] });
  }
  return card(t('chat.thread.speak', { number: view.number, count: view.files.length }), body);
}

import type { Translate } from '../i18n/index.js';
import type { RequestChoice } from '../domain/support/chat-files.js';
import { card, done, execute, heading, text, warning, type AdaptiveCard, type CardElement } from './card-kit.js';
import { numberedTitle, shortTitle, writtenText } from './support-kit.js';

/** Card verbs of the 1:1 chat's questions (bot/routes/chat.ts). */
export const CHAT_VERBS = {
  keepFiles: 'support.chat.files',
  answer: 'support.chat.answer',
  search: 'support.chat.search',
} as const;

/** A henvendelse to pick: its number and «Hva skal utføres», and the button that picks it. */
function choice(request: RequestChoice, action: CardElement): CardElement {
  return {
    type: 'Container',
    separator: true,
    spacing: 'Medium',
    items: [numberedTitle(request.number, shortTitle(request.what)), { type: 'ActionSet', actions: [action] }],
  };
}

/**
 * Files sent while several henvendelser are open: which one do they belong to? The files wait on
 * the server; the card carries only the id of that batch and each henvendelse's id.
 */
export function filesChoiceCard(view: { batchId: string; names: string[]; requests: RequestChoice[] }, t: Translate): AdaptiveCard {
  return card(
    t('chat.files.chooseSpeak', { count: view.names.length }),
    [
      heading(t('chat.files.chooseTitle')),
      text(t('chat.files.chooseText')),
      ...view.names.map((name) => writtenText(name, { spacing: 'Small' })),
      ...view.requests.map((request) =>
        choice(request, execute(t('chat.files.keepOn', { number: request.number }), CHAT_VERBS.keepFiles, { batchId: view.batchId, requestId: request.id })),
      ),
    ],
  );
}

/**
 * Text typed while several henvendelser wait for the requester: which one is it the answer to?
 * The text travels in the card data as text only; each henvendelse's id is checked on the server.
 */
export function answerChoiceCard(view: { text: string; requests: RequestChoice[] }, t: Translate): AdaptiveCard {
  return card(
    t('chat.answer.chooseSpeak', { count: view.requests.length }),
    [
      heading(t('chat.answer.chooseTitle')),
      writtenText(view.text),
      ...view.requests.map((request) =>
        choice(request, execute(t('chat.answer.sendTo', { number: request.number }), CHAT_VERBS.answer, { requestId: request.id, text: view.text })),
      ),
    ],
    [execute(t('chat.answer.search'), CHAT_VERBS.search, { text: view.text })],
  );
}

/** What a choice did, in place of the question card. */
export function chatChoiceDoneCard(
  view: { outcome: 'filesKept'; number: string; count: number } | { outcome: 'answerSent'; number: string } | { outcome: 'filesGone' | 'filesClosed' | 'answerClosed' },
  t: Translate,
): AdaptiveCard {
  if (view.outcome === 'filesKept' || view.outcome === 'answerSent') {
    const line = view.outcome === 'filesKept' ? keptLine(view.number, view.count, t) : t('chat.answer.sent', { number: view.number });
    return card(line, [done(line, { weight: 'Bolder' })]);
  }
  const line = t(view.outcome === 'filesGone' ? 'chat.files.gone' : view.outcome === 'filesClosed' ? 'chat.files.closed' : 'chat.answer.closed');
  return card(line, [warning(line)]);
}

/** «Filen er lagt ved BS-…» or «3 filer er lagt ved BS-…». */
export function keptLine(number: string, count: number, t: Translate): string {
  return count === 1 ? t('chat.files.kept', { number }) : t('chat.files.keptMany', { number, count });
}

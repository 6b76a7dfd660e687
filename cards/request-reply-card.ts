import type { Locale, Translate } from '../i18n/index.js';
import { card, done, execute, heading, text, warning, type AdaptiveCard, type CardElement } from './card-kit.js';
import { formatTime, writtenText } from './support-kit.js';

/** The longest reply or answer the cards take, either way. */
export const REPLY_LIMIT = 4000;

/** Support's reply as the requester reads it. */
export interface SupportReply {
  from: string;
  text: string;
  at: Date;
}

export interface RequestReplyView {
  requestId: string;
  number: string;
  /** The last reply from support (null when there is none the requester can see). */
  reply: SupportReply | null;
  locale: Locale;
  /** After «Send svar»: what the requester sent, or why nothing was sent. */
  answer?: { kind: 'sent'; text: string } | { kind: 'empty' | 'closed' };
}

/**
 * Support's reply in the requester's 1:1 chat (sent through the outbox), with a field to answer:
 * «Send svar» puts the answer on the henvendelse. Only the henvendelse's id travels in the data.
 */
export function requestReplyCard(view: RequestReplyView, t: Translate): AdaptiveCard {
  const body: CardElement[] = [heading(t('reply.requester.title', { number: view.number }))];
  const answer = view.answer;
  if (answer?.kind === 'sent') body.push(done(t('reply.requester.sent'), { weight: 'Bolder' }), writtenText(answer.text, { spacing: 'Small' }));
  else if (answer) body.push(warning(t(`reply.requester.${answer.kind}`)));
  if (view.reply && answer?.kind !== 'sent') {
    body.push(
      text(t('reply.requester.from', { name: view.reply.from })),
      writtenText(view.reply.text, { spacing: 'Small' }),
      text(formatTime(view.reply.at, view.locale), { isSubtle: true, size: 'Small' }),
    );
  }
  const actions: CardElement[] = [];
  if (answer?.kind !== 'closed') {
    body.push({
      type: 'Input.Text',
      id: 'answer',
      label: t('reply.requester.answerLabel'),
      isMultiline: true,
      isRequired: true,
      errorMessage: t('reply.requester.answerRequired'),
      maxLength: REPLY_LIMIT,
    });
    actions.push(execute(t('reply.requester.send'), 'support.requester.answer', { requestId: view.requestId }, { style: 'positive' }));
  }
  actions.push(execute(t('support.request.show'), 'support.request.show', { requestId: view.requestId }));
  const speak =
    answer?.kind === 'sent'
      ? t('reply.requester.sentSpeak', { number: view.number })
      : t('reply.requester.speak', { number: view.number, name: view.reply?.from ?? t('support.actor.system') });
  return card(speak, body, actions);
}

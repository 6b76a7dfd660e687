import type { Locale, Translate } from '../i18n/index.js';
import type { SupportStatus } from '../domain/support/vocabulary.js';
import { card, execute, heading, subheading, text, type AdaptiveCard, type CardElement } from './card-kit.js';
import { resolutionActions, resolutionDeadline } from './resolution-kit.js';
import { formatTime, shortTitle, statusWord, writtenText } from './support-kit.js';

export interface RequestStatusView {
  requestId: string;
  number: string;
  what: string;
  status: SupportStatus;
  /** What came with the change (a reason, a message to the requester). */
  text: string | null;
  at: Date;
  locale: Locale;
  /** A resolved henvendelse: the requester confirms with a rating, or reopens, until then. */
  resolution?: { version: number; respondUntil: Date };
  /** Closed by the system after 14 days without an answer: `ny henvendelse` in the reader's language. */
  autoClosed?: { newRequestCommand: string };
}

/** Sent to the requester through the outbox when their henvendelse gets a new status. */
export function requestStatusCard(view: RequestStatusView, t: Translate): AdaptiveCard {
  const status = statusWord(view.status, 'requester', t);
  const body: CardElement[] = [
    heading(t('support.request.title', { number: view.number })),
    writtenText(shortTitle(view.what), { spacing: 'None' }),
    text(t('support.statusCard.changed', { status })),
  ];
  if (view.autoClosed) body.push(text(t('resolution.autoClosed', { command: view.autoClosed.newRequestCommand })));
  if (view.text) body.push(subheading(t('support.statusCard.text')), writtenText(view.text, { spacing: 'Small' }));
  body.push(text(formatTime(view.at, view.locale), { isSubtle: true, size: 'Small' }));
  const resolution = view.resolution && { requestId: view.requestId, locale: view.locale, ...view.resolution };
  if (resolution) body.push(resolutionDeadline(resolution, t));
  return card(t('support.statusCard.speak', { number: view.number, status }), body, [
    ...(resolution ? resolutionActions(resolution, t) : []),
    execute(t('support.request.show'), 'support.request.show', { requestId: view.requestId }),
  ]);
}

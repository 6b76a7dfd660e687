import type { Translate } from '../i18n/index.js';
import { card, done, execute, heading, text, warning, type AdaptiveCard, type CardElement } from './card-kit.js';
import { writtenText } from './support-kit.js';

/** The longest note support adds to an offer, and the longest comment the requester adds to an answer. */
export const VISIT_TEXT_LIMIT = 500;

export interface VisitOfferView {
  requestId: string;
  /** The `visit_offered` event this card answers (its id as a decimal string). */
  offerId: string;
  number: string;
  /** Who in support offers to come. */
  from: string;
  /** What support wrote with the offer (when), or null. */
  note: string | null;
  /** After «Ja, kom innom» / «Nei takk»: what was answered, or why nothing was. */
  answer?: { kind: 'accepted' | 'declined'; comment: string | null } | { kind: 'alreadyAnswered' | 'superseded' | 'closed' };
}

/**
 * The offer of a visit in the requester's 1:1 chat (sent through the outbox, in their language):
 * «Ja, kom innom» or «Nei takk», with an optional comment. Once answered, the card shows the
 * answer and no buttons. Only the henvendelse's and the offer's ids travel in the data.
 */
export function visitOfferCard(view: VisitOfferView, t: Translate): AdaptiveCard {
  const body: CardElement[] = [heading(t('visit.offer.title', { number: view.number }))];
  const answer = view.answer;
  if (answer?.kind === 'accepted' || answer?.kind === 'declined') {
    body.push(done(answer.kind === 'accepted' ? t('visit.offer.accepted', { name: view.from }) : t('visit.offer.declined'), { weight: 'Bolder' }));
    if (answer.comment) body.push(text(t('visit.offer.yourComment')), writtenText(answer.comment, { spacing: 'Small' }));
    return card(t('visit.offer.answeredSpeak', { number: view.number }), body);
  }
  if (answer) body.push(warning(t(`visit.offer.${answer.kind}`)));
  body.push(text(t('visit.offer.from', { name: view.from })));
  if (view.note) body.push(text(t('visit.offer.note', { name: view.from })), writtenText(view.note, { spacing: 'Small' }));
  if (answer) return card(t('visit.offer.speak', { name: view.from, number: view.number }), body);

  body.push({
    type: 'Input.Text',
    id: 'comment',
    label: t('visit.offer.commentLabel'),
    placeholder: t('visit.offer.commentPlaceholder'),
    isMultiline: true,
    maxLength: VISIT_TEXT_LIMIT,
  });
  const data = { requestId: view.requestId, offerId: view.offerId };
  const actions = [
    execute(t('visit.offer.yes'), 'support.visit.answer', { ...data, accepted: true }, { style: 'positive' }),
    execute(t('visit.offer.no'), 'support.visit.answer', { ...data, accepted: false }),
  ];
  return card(t('visit.offer.speak', { name: view.from, number: view.number }), body, actions);
}

import type { Locale, Translate } from '../i18n/index.js';
import { execute, text, type CardElement } from './card-kit.js';
import { formatTime } from './support-kit.js';

/** The longest comment on a rating, and the longest reason for reopening. */
export const RATING_COMMENT_LIMIT = 500;
export const REOPEN_REASON_LIMIT = 2000;
export const RATINGS = ['1', '2', '3', '4', '5'] as const;

export interface ResolutionChoice {
  requestId: string;
  /** The version the card shows: a second click, or an older card, changes nothing. */
  version: number;
  /** Until when the requester's answer is taken (domain/support/resolution-window.ts). */
  respondUntil: Date;
  locale: Locale;
}

/** The line that says until when: above the two actions. */
export function resolutionDeadline(view: ResolutionChoice, t: Translate): CardElement {
  return text(t('resolution.until', { until: formatTime(view.respondUntil, view.locale) }));
}

/**
 * «Løst» (a rating 1–5 whose choices say the number and the words, and an optional comment) and
 * «Åpne igjen» (a required reason), on a resolved henvendelse in the requester's chat.
 */
export function resolutionActions(view: ResolutionChoice, t: Translate): CardElement[] {
  const data = { requestId: view.requestId, version: view.version };
  return [
    {
      type: 'Action.ShowCard',
      title: t('resolution.confirm'),
      card: {
        type: 'AdaptiveCard',
        body: [
          text(t('resolution.confirmExplain')),
          {
            type: 'Input.ChoiceSet',
            id: 'rating',
            label: t('resolution.rating'),
            style: 'expanded',
            isRequired: true,
            errorMessage: t('resolution.ratingRequired'),
            choices: [...RATINGS].reverse().map((value) => ({ title: t(`resolution.rating.${value}`), value })),
          },
          {
            type: 'Input.Text',
            id: 'comment',
            label: t('resolution.comment'),
            placeholder: t('resolution.commentPlaceholder'),
            isMultiline: true,
            maxLength: RATING_COMMENT_LIMIT,
          },
        ],
        actions: [execute(t('resolution.confirmSend'), 'support.request.confirm', data, { style: 'positive' })],
      },
    },
    {
      type: 'Action.ShowCard',
      title: t('resolution.reopen'),
      card: {
        type: 'AdaptiveCard',
        body: [
          text(t('resolution.reopenExplain')),
          {
            type: 'Input.Text',
            id: 'reason',
            label: t('resolution.reason'),
            isMultiline: true,
            isRequired: true,
            errorMessage: t('resolution.reasonRequired'),
            maxLength: REOPEN_REASON_LIMIT,
          },
        ],
        actions: [execute(t('resolution.reopenSend'), 'support.request.reopen', data)],
      },
    },
  ];
}

/** `4 – Fornøyd`: a stored rating in words (a value outside 1–5 is shown as the bare number). */
export function ratingWords(rating: number, t: Translate): string {
  const value = String(rating);
  return (RATINGS as readonly string[]).includes(value) ? t(`resolution.rating.${value as (typeof RATINGS)[number]}`) : value;
}

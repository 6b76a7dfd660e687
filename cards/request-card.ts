import type { Locale, Translate } from '../i18n/index.js';
import type { HistoryEvent, RequestHistory } from '../domain/support/get-request-history.js';
import { INTAKE_LIMITS } from '../domain/support/intake.js';
import { SUPPORT_LINES, SUPPORT_STATUSES, type SupportLine, type SupportStatus } from '../domain/support/vocabulary.js';
import { card, done, execute, facts, heading, subheading, text, warning, type AdaptiveCard, type CardElement } from './card-kit.js';
import { ratingWords, resolutionActions, resolutionDeadline } from './resolution-kit.js';
import { categoryWord, formatTime, sourceElements, statusWord, urgencyWord, writtenText, type Reader } from './support-kit.js';
import { eventWords } from './event-words.js';

export interface RequestCardView {
  history: RequestHistory;
  /** Who reads the card: their own events say «deg». */
  viewerId: string;
  locale: Locale;
  systemName: string;
  /**
   * Right after an action: it was done (`closed`, `confirmed`, `reopened`), the card was older than
   * the henvendelse (`stale`), or the answer was refused (the others; nothing changed).
   */
  notice?: RequestCardNotice;
  /** `ny henvendelse` in the reader's language, for the `expired` notice. */
  newRequestCommand?: string;
}

export type RequestCardNotice = 'closed' | 'stale' | 'confirmed' | 'reopened' | 'expired' | 'invalidRating' | 'reasonMissing' | 'tooLong';

/** The newest events a card shows; a long conversation keeps the card well under Teams' limit. */
export const HISTORY_LIMIT = 30;

/** The longest part of one event's text a card shows (a long reply is cut, with «…»). */
const EVENT_TEXT_LIMIT = INTAKE_LIMITS.what;

/** The longest reason a requester can give when closing. */
export const CLOSE_REASON_LIMIT = 500;

/**
 * One henvendelse with its whole history: for its requester without internal events, with
 * «Lukk henvendelsen» while it is open; for support in its line with everything.
 */
export function requestCard(view: RequestCardView, t: Translate): AdaptiveCard {
  const { request, events, view: reader } = view.history;
  const status = statusWord(request.status, reader, t);
  const body: CardElement[] = [heading(t('support.request.title', { number: request.number }))];
  if (view.notice === 'closed') body.push(done(t('support.request.closedNow'), { weight: 'Bolder' }));
  if (view.notice === 'stale') body.push(warning(t('support.request.stale')));
  if (view.notice === 'confirmed' || view.notice === 'reopened') body.push(done(t(`resolution.notice.${view.notice}`), { weight: 'Bolder' }));
  if (view.notice === 'expired') body.push(warning(t('resolution.notice.expired', { command: view.newRequestCommand ?? '' })));
  if (view.notice === 'invalidRating' || view.notice === 'reasonMissing' || view.notice === 'tooLong') body.push(warning(t(`resolution.notice.${view.notice}`)));

  body.push(
    facts([
      { title: t('support.field.status'), value: status },
      { title: t('support.field.category'), value: categoryWord(request.category, view.systemName, t) },
      { title: t('support.field.urgency'), value: urgencyWord(request.urgency, t) },
      ...(request.subjectArea ? [{ title: t('support.field.subjectArea'), value: request.subjectArea }] : []),
      ...(request.reference ? [{ title: t('support.field.reference'), value: request.reference }] : []),
      { title: t('support.field.created'), value: formatTime(request.createdAt, view.locale) },
      ...(reader === 'support'
        ? [
            { title: t('support.field.requester'), value: request.requester.name },
            { title: t('support.field.line'), value: t(`support.line.${request.line}`) },
          ]
        : []),
      ...(request.assignee ? [{ title: t('support.field.assignee'), value: request.assignee.name }] : []),
      ...(request.rating ? [{ title: t('resolution.ratingFact'), value: ratingWords(request.rating, t) }] : []),
    ]),
    ...sourceElements(request.source, t),
  );
  for (const [field, value] of [['what', request.what], ['who', request.who], ['result', request.result]] as const) {
    if (value) body.push(subheading(t(`support.intake.${field}`)), writtenText(value, { spacing: 'Small' }));
  }

  body.push(subheading(t('support.request.history')));
  const shown = events.slice(-HISTORY_LIMIT);
  if (events.length > shown.length) body.push(text(t('support.request.olderEvents', { count: events.length - shown.length }), { isSubtle: true }));
  for (const event of shown) body.push(...eventElements(event, reader, view, t));

  const actions: CardElement[] = [];
  const resolution = view.history.respondUntil && { requestId: request.id, version: request.version, respondUntil: view.history.respondUntil, locale: view.locale };
  if (resolution) {
    body.push(resolutionDeadline(resolution, t));
    actions.push(...resolutionActions(resolution, t));
  }
  if (view.history.mayClose) {
    actions.push({
      type: 'Action.ShowCard',
      title: t('support.request.close'),
      card: {
        type: 'AdaptiveCard',
        body: [
          text(t('support.request.closeExplain')),
          {
            type: 'Input.Text',
            id: 'reason',
            label: t('support.request.closeReason'),
            placeholder: t('support.request.closeReasonPlaceholder'),
            isMultiline: true,
            maxLength: CLOSE_REASON_LIMIT,
          },
        ],
        actions: [execute(t('support.request.closeConfirm'), 'support.request.close', { requestId: request.id, version: request.version }, { style: 'destructive' })],
      },
    });
  }
  if (reader === 'requester') actions.push(execute(t('support.mine.title'), 'support.mine'));
  return card(t('support.request.speak', { number: request.number, status }), body, actions);
}

function eventElements(event: HistoryEvent, reader: Reader, view: RequestCardView, t: Translate): CardElement[] {
  const actor = event.actor === null ? t('support.actor.system') : event.actor.id === view.viewerId ? t('support.actor.you') : event.actor.name;
  const data = isRecord(event.data) ? event.data : {};
  const statusTo = isRecord(data.status) ? oneOf(data.status.to, SUPPORT_STATUSES) : undefined;
  // A hand-over keeps `to: { line, unitId, subjectAreaId }`.
  const lineTo = oneOf(data.to, SUPPORT_LINES) ?? (isRecord(data.to) ? oneOf(data.to.line, SUPPORT_LINES) : undefined);
  const what = eventWords(event, {
    actor,
    status: statusTo ? statusWord(statusTo, reader, t) : '–',
    line: lineTo ? t(`support.line.${lineTo}`) : '–',
    rating: typeof data.rating === 'number' ? data.rating : '–',
  }, t);
  const line = `${formatTime(event.at, view.locale)} · ${event.internal ? `${t('support.request.internal')} ` : ''}${what}`;
  return [
    text(line, { spacing: 'Small' }),
    ...(event.text ? [writtenText(clip(event.text, EVENT_TEXT_LIMIT), { spacing: 'None' })] : []),
  ];
}

const clip = (value: string, max: number) => (value.length > max ? `${value.slice(0, max - 1)}…` : value);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function oneOf<T extends SupportStatus | SupportLine>(value: unknown, allowed: readonly T[]): T | undefined {
  return allowed.includes(value as T) ? (value as T) : undefined;
}

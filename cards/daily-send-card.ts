import { LOCALE_TAGS, type Locale, type Translate } from '../i18n/index.js';
import { formatDay } from './absence-card.js';
import { card, execute, facts, heading, text, warning, type AdaptiveCard, type CardElement } from './card-kit.js';

export interface DailySendView {
  /** The day of the cards (`YYYY-MM-DD`). */
  date: string;
  composed: number;
  queued: number;
  alreadyQueued: number;
  nothingToDo: number;
  away: number;
  /** Of `queued`: cards over Teams' size limit, stored as failed. */
  tooLarge: number;
  locale: Locale;
  /** The word of `status utsending` in the reader's language. */
  statusCommand: string;
}

/** The answer to `send oppgaver nå`: how many cards went into the outbox; the outbox sends them after the answer. */
export function dailySendCard(view: DailySendView, t: Translate): AdaptiveCard {
  const number = new Intl.NumberFormat(LOCALE_TAGS[view.locale]).format;
  const body: CardElement[] = [heading(t('daily.send.title', { date: formatDay(view.date, view.locale) }))];
  if (view.queued + view.alreadyQueued === 0) body.push(text(t('daily.send.nobody', { count: number(view.composed) })));
  body.push(
    facts([
      { title: t('daily.send.queuedNow'), value: number(view.queued) },
      { title: t('daily.send.alreadyQueued'), value: number(view.alreadyQueued) },
      { title: t('daily.send.nothingToDo'), value: number(view.nothingToDo) },
      { title: t('daily.send.away'), value: number(view.away) },
    ]),
  );
  if (view.tooLarge > 0) body.push(warning(t('daily.send.tooLarge', { count: number(view.tooLarge) })));
  if (view.queued + view.alreadyQueued > 0) body.push(text(t('daily.send.follow', { command: `**${view.statusCommand}**` })));
  return card(
    t('daily.send.speak', { queued: number(view.queued), alreadyQueued: number(view.alreadyQueued) }),
    body,
    [execute(t('delivery.reach.showStatus'), 'delivery.status')],
  );
}

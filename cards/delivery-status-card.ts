import { LOCALE_TAGS, type Locale, type Translate } from '../i18n/index.js';
import type { DeliveryStatus } from '../domain/delivery/delivery-status.js';
import { formatTime } from './support-kit.js';
import { bullets, card, execute, facts, heading, subheading, text, warning, type AdaptiveCard, type CardElement } from './card-kit.js';

export interface DeliveryStatusView {
  status: DeliveryStatus;
  /** When the figures were read. */
  at: Date;
  locale: Locale;
  /** The word of `nå alle` in the reader's language. */
  reachCommand: string;
}

/**
 * `status utsending`, for an Arkivlos administrator in their own 1:1 chat (it names the people
 * Teams will not deliver to). Every figure is a number in words, no colour carries meaning.
 */
export function deliveryStatusCard(view: DeliveryStatusView, t: Translate): AdaptiveCard {
  const { status } = view;
  const number = new Intl.NumberFormat(LOCALE_TAGS[view.locale]).format;
  const time = (at: Date) => formatTime(at, view.locale);
  const waiting = status.waiting.dueNow + status.waiting.later + status.waiting.sending;

  const body: CardElement[] = [
    heading(t('delivery.status.title')),
    text(t('delivery.status.at', { time: time(view.at) }), { isSubtle: true, size: 'Small', spacing: 'None' }),
    subheading(t('delivery.status.waiting')),
    facts([
      { title: t('delivery.status.dueNow'), value: number(status.waiting.dueNow) },
      { title: t('delivery.status.later'), value: number(status.waiting.later) },
      { title: t('delivery.status.sending'), value: number(status.waiting.sending) },
    ]),
    subheading(t('delivery.status.today')),
    facts([
      { title: t('delivery.status.sentToday'), value: number(status.sentToday) },
      { title: t('delivery.status.reachedToday'), value: number(status.reachedToday) },
    ]),
    subheading(t('delivery.status.failed', { count: number(status.failed.total) })),
  ];
  if (status.failed.total === 0) body.push(text(t('delivery.status.noFailures')));
  else {
    body.push(
      bullets(
        status.failed.reasons.map((failure) =>
          t('delivery.status.failureReason', { count: number(failure.count), reason: failure.reason || '?', time: time(failure.latestAt) }),
        ),
      ),
    );
    if (status.failed.moreReasons > 0) body.push(text(t('delivery.status.moreReasons', { count: number(status.failed.moreReasons) }), { isSubtle: true }));
  }

  const { unreachable } = status;
  body.push(subheading(t('delivery.status.unreachable', { count: number(unreachable.total) })));
  if (unreachable.total === 0) body.push(text(t('delivery.status.nobodyUnreachable')));
  else {
    body.push(
      bullets(
        unreachable.people.map((person) =>
          t('delivery.status.unreachablePerson', { name: person.name, email: person.email, reason: t(`delivery.reason.${person.reason}`) }),
        ),
      ),
    );
    const rest = unreachable.total - unreachable.people.length;
    if (rest > 0) body.push(text(t('delivery.status.moreUnreachable', { count: number(rest) }), { isSubtle: true }));
    body.push(text(t('delivery.status.reachHint', { command: `**${view.reachCommand}**` }), { isSubtle: true }));
  }

  const { pace } = status;
  body.push(
    subheading(t('delivery.status.pace')),
    text(t('delivery.status.paceLine', { calls: number(pace.callsLastMinute), busiest: number(pace.busiestSecond), allowed: number(pace.allowedPerSecond) })),
  );
  if (pace.busiestSecond > pace.allowedPerSecond) body.push(warning(t('delivery.status.overPace')));

  return card(
    t('delivery.status.speak', {
      waiting: number(waiting),
      sent: number(status.sentToday),
      failed: number(status.failed.total),
      unreachable: number(unreachable.total),
    }),
    body,
    [execute(t('delivery.status.refresh'), 'delivery.status')],
  );
}

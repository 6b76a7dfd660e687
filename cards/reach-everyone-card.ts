import { LOCALE_TAGS, type Locale, type Translate } from '../i18n/index.js';
import { card, done, execute, facts, heading, text, type AdaptiveCard, type CardElement } from './card-kit.js';

export interface ReachEveryoneView {
  /** Reach messages queued by this command. */
  queued: number;
  /** Already in the outbox (an earlier `nå alle` still at work, or `npm run people:reach`). */
  alreadyQueued: number;
  /** Active people with a personal chat already. */
  alreadyConnected: number;
  locale: Locale;
  /** The word of `status utsending` in the reader's language. */
  statusCommand: string;
}

/** The answer to `nå alle`: how many chats are on their way. The outbox creates them after the answer. */
export function reachEveryoneCard(view: ReachEveryoneView, t: Translate): AdaptiveCard {
  const number = new Intl.NumberFormat(LOCALE_TAGS[view.locale]).format;
  const body: CardElement[] = [heading(t('delivery.reach.title'))];
  if (view.queued + view.alreadyQueued === 0) body.push(done(t('delivery.reach.nobody')));
  else {
    body.push(
      facts([
        { title: t('delivery.reach.queuedNow'), value: number(view.queued) },
        { title: t('delivery.reach.alreadyQueued'), value: number(view.alreadyQueued) },
        { title: t('delivery.reach.connected'), value: number(view.alreadyConnected) },
      ]),
      text(t('delivery.reach.explain', { command: `**${view.statusCommand}**` })),
    );
  }
  return card(
    t('delivery.reach.speak', { queued: number(view.queued + view.alreadyQueued), connected: number(view.alreadyConnected) }),
    body,
    [execute(t('delivery.reach.showStatus'), 'delivery.status')],
  );
}

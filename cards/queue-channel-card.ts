import type { Locale, Translate } from '../i18n/index.js';
import { formatTime } from './support-kit.js';
import type { QueueLine } from '../domain/support/queue-command.js';
import { card, done, heading, text, warning, type AdaptiveCard, type CardElement } from './card-kit.js';

/** A queue: a line, and for the process advisers the unit, for the specialists the subject area. */
export interface QueueName {
  line: QueueLine;
  /** The unit's or subject area's name. */
  scope: string | null;
}

export interface QueueChannelView {
  locale: Locale;
  /**
   * bound: the channel has just become the queue; already: it was that queue before (nothing
   * changed); status: what it is; unbound: it has just stopped being a queue; none: it is no
   * queue (`unchanged`: someone tried to unbind it).
   */
  state: 'bound' | 'already' | 'status' | 'unbound' | 'none';
  queue?: QueueName;
  /** Who bound the queue (bound, already, status) or unbound it (unbound), and when. */
  by?: { name: string; at: Date };
  /** bound: the queue had another channel until now (its name, when Teams gave it). */
  movedFrom?: { channelName: string | null };
  /** bound: the queue this channel served until now. */
  replaced?: QueueName;
  /** none: nothing was changed (an unbind of a channel that is no queue). */
  unchanged?: boolean;
  /** none: the command that makes a queue, in the reader's language (`koble kø førstelinje`). */
  bindCommand: string;
}

/** «fagspesialistene i Økonomi»: the queue in words, in the reader's language. */
export function queueName(queue: QueueName, t: Translate): string {
  return t(`queue.line.${queue.line}`, { scope: queue.scope ?? '' });
}

/**
 * The answer to `koble kø`, `koble fra kø` and `kø` in a channel. Everyone in the channel sees it:
 * it names the queue and the person who bound it (who wrote the command there themselves).
 */
export function queueChannelCard(view: QueueChannelView, t: Translate): AdaptiveCard {
  const body: CardElement[] = [heading(t('queue.card.title'))];
  const time = (at: Date) => formatTime(at, view.locale);
  const byLine = (key: 'queue.card.boundBy' | 'queue.card.unboundBy') =>
    view.by ? [text(t(key, { name: view.by.name, time: time(view.by.at) }), { isSubtle: true, size: 'Small', spacing: 'Small' })] : [];

  if (view.state === 'none' || !view.queue) {
    body.push(view.unchanged ? warning(t('queue.card.noneUnchanged')) : text(t('queue.card.none'), { weight: 'Bolder' }));
    body.push(text(t('queue.card.howTo', { command: `**${view.bindCommand}**` }), { isSubtle: true }));
    return card(t('queue.card.speakNone'), body);
  }
  const queue = queueName(view.queue, t);
  switch (view.state) {
    case 'bound':
      body.push(done(t('queue.card.bound', { queue }), { weight: 'Bolder' }), ...byLine('queue.card.boundBy'));
      if (view.movedFrom) {
        body.push(
          text(
            view.movedFrom.channelName
              ? t('queue.card.movedFrom', { queue, channel: view.movedFrom.channelName })
              : t('queue.card.movedFromUnnamed', { queue }),
          ),
        );
      }
      if (view.replaced) body.push(text(t('queue.card.replaced', { queue: queueName(view.replaced, t) })));
      return card(t('queue.card.speakBound', { queue }), body);
    case 'already':
      body.push(text(t('queue.card.already', { queue }), { weight: 'Bolder' }), ...byLine('queue.card.boundBy'));
      return card(t('queue.card.speakIs', { queue }), body);
    case 'status':
      body.push(text(t('queue.card.is', { queue }), { weight: 'Bolder' }), ...byLine('queue.card.boundBy'));
      return card(t('queue.card.speakIs', { queue }), body);
    case 'unbound':
      body.push(done(t('queue.card.unbound', { queue }), { weight: 'Bolder' }), ...byLine('queue.card.unboundBy'));
      return card(t('queue.card.speakUnbound', { queue }), body);
  }
}

import type { Locale, Translate } from '../i18n/index.js';
import type { MyRequests } from '../domain/support/list-my-requests.js';
import { card, execute, heading, text, type AdaptiveCard, type CardElement } from './card-kit.js';
import { formatTime, numberedTitle, shortTitle, statusWord } from './support-kit.js';

export interface MyRequestsView {
  list: MyRequests;
  locale: Locale;
}

/** `mine henvendelser`: the requester's own, newest first, each with a button to its history. */
export function myRequestsCard(view: MyRequestsView, t: Translate): AdaptiveCard {
  const { total, requests } = view.list;
  const newRequest = execute(t('support.command.newButton'), 'support.intake.show');
  const body: CardElement[] = [heading(t('support.mine.title'))];
  if (total === 0) {
    body.push(text(t('support.mine.empty')), text(t('support.mine.emptyHint'), { isSubtle: true }));
    return card(t('support.mine.speakEmpty'), body, [newRequest]);
  }
  for (const request of requests) {
    body.push({
      type: 'Container',
      separator: true,
      spacing: 'Medium',
      items: [
        numberedTitle(request.number, shortTitle(request.what)),
        text(t('support.mine.item', { status: statusWord(request.status, 'requester', t), time: formatTime(request.updatedAt, view.locale) }), {
          isSubtle: true,
          spacing: 'None',
        }),
        {
          type: 'ActionSet',
          // The number in the title: a screen reader lists the buttons without the text around them.
          actions: [execute(t('support.mine.show', { number: request.number }), 'support.request.show', { requestId: request.id })],
        },
      ],
    });
  }
  if (total > requests.length) body.push(text(t('support.mine.more', { shown: requests.length, total }), { isSubtle: true }));
  return card(t('support.mine.speak', { count: total }), body, [newRequest]);
}

import type { Locale, Translate } from '../i18n/index.js';
import type { SubmittedRequest } from '../domain/support/submit-request.js';
import { card, done, execute, facts, heading, subheading, text, type AdaptiveCard } from './card-kit.js';
import { categoryWord, formatTime, shortTitle, sourceElements, statusWord, urgencyWord, writtenText } from './support-kit.js';

export interface RequestConfirmationView {
  request: SubmittedRequest;
  locale: Locale;
  systemName: string;
  /** The word of `mine henvendelser` in the reader's language. */
  mineCommand: string;
}

/** What the intake card turns into once the henvendelse is stored: its number and what happens next. */
export function requestConfirmationCard(view: RequestConfirmationView, t: Translate): AdaptiveCard {
  const { request } = view;
  return card(
    t('support.confirmation.speak', { number: request.number }),
    [
      heading(t('support.confirmation.title')),
      done(t('support.confirmation.done', { number: request.number }), { weight: 'Bolder' }),
      facts([
        { title: t('support.field.number'), value: request.number },
        { title: t('support.field.status'), value: statusWord(request.status, 'requester', t) },
        { title: t('support.field.category'), value: categoryWord(request.category, view.systemName, t) },
        { title: t('support.field.urgency'), value: urgencyWord(request.urgency, t) },
        ...(request.subjectArea ? [{ title: t('support.field.subjectArea'), value: request.subjectArea }] : []),
        ...(request.reference ? [{ title: t('support.field.reference'), value: request.reference }] : []),
        { title: t('support.field.created'), value: formatTime(request.createdAt, view.locale) },
      ]),
      ...sourceElements(request.source, t),
      subheading(t('support.intake.what')),
      writtenText(shortTitle(request.what)),
      subheading(t('support.confirmation.next')),
      text(t('support.confirmation.nextText', { number: request.number })),
      // An error message is easiest to understand from a screenshot of it (kept by bot/routes/chat.ts).
      ...(request.category === 'feilmelding' ? [text(t('chat.confirmation.screenshot'), { weight: 'Bolder' })] : []),
      text(t('support.confirmation.mineHint', { command: `**${view.mineCommand}**` }), { isSubtle: true }),
    ],
    [
      execute(t('support.request.show'), 'support.request.show', { requestId: request.id }),
      execute(t('support.mine.title'), 'support.mine'),
    ],
  );
}

import type { Locale, Translate } from '../i18n/index.js';
import { card, done, execute, heading, subheading, text, warning, type AdaptiveCard, type CardElement } from './card-kit.js';
import { formatSessionTime, shorten } from './qa-session-card.js';

export const QA_CREATE_VERBS = {
  form: 'qa.session.form',
  create: 'qa.session.create',
} as const;

/** The create form's inputs; the route reads them by these ids. */
export const QA_CREATE_INPUT = {
  title: 'title',
  mode: 'mode',
  date: 'date',
  start: 'start',
  end: 'end',
  dates: 'dates',
  openingStart: 'openingStart',
  openingEnd: 'openingEnd',
  closingStart: 'closingStart',
  closingEnd: 'closingEnd',
  anonymous: 'anonymous',
} as const;

export type QaCreateValues = Partial<Record<(typeof QA_CREATE_INPUT)[keyof typeof QA_CREATE_INPUT], string>>;

export interface QaCreateCardView {
  /** What the form held, shown again after a problem. */
  values?: QaCreateValues;
  /** Why the form came back. */
  problem?: string;
  /** The first day the date fields offer (today, in the organisation's zone). */
  today: string;
}

const valueOf = (values: QaCreateValues | undefined, id: keyof QaCreateValues) => (values?.[id] ? { value: values[id] } : {});

/**
 * `spørretime`: the moderator's form for a new session in this channel or group chat — a title,
 * once (a date, from and to) or a recurring pair (a list of dates or a range, the opening's and
 * the closing's times), and whether anonymous questions are allowed. Every input has its label.
 */
export function qaCreateCard(view: QaCreateCardView, t: Translate): AdaptiveCard {
  const v = view.values;
  const time = (id: keyof QaCreateValues, label: string): CardElement => ({ type: 'Input.Time', id, label, ...valueOf(v, id) });
  const body: CardElement[] = [heading(t('qaCreate.title'))];
  if (view.problem) body.push(warning(view.problem));
  body.push(
    text(t('qaCreate.intro')),
    { type: 'Input.Text', id: QA_CREATE_INPUT.title, label: t('qaCreate.titleLabel'), placeholder: t('qaCreate.titlePlaceholder'), maxLength: 200, isRequired: true, errorMessage: t('qaCreate.titleMissing'), ...valueOf(v, 'title') },
    {
      type: 'Input.ChoiceSet',
      id: QA_CREATE_INPUT.mode,
      label: t('qaCreate.modeLabel'),
      style: 'expanded',
      isRequired: true,
      errorMessage: t('qaCreate.modeMissing'),
      value: v?.mode ?? 'once',
      choices: [
        { title: t('qaCreate.mode.once'), value: 'once' },
        { title: t('qaCreate.mode.pair'), value: 'pair' },
      ],
    },
    subheading(t('qaCreate.onceHeading')),
    { type: 'Input.Date', id: QA_CREATE_INPUT.date, label: t('qaCreate.dateLabel'), min: view.today, ...valueOf(v, 'date') },
    { type: 'ColumnSet', columns: [
      { type: 'Column', width: 'stretch', items: [time('start', t('qaCreate.startLabel'))] },
      { type: 'Column', width: 'stretch', items: [time('end', t('qaCreate.endLabel'))] },
    ] },
    subheading(t('qaCreate.pairHeading')),
    { type: 'Input.Text', id: QA_CREATE_INPUT.dates, label: t('qaCreate.datesLabel'), placeholder: '2.12, 3.12, 4.12', maxLength: 400, ...valueOf(v, 'dates') },
    { type: 'ColumnSet', columns: [
      { type: 'Column', width: 'stretch', items: [time('openingStart', t('qaCreate.openingStartLabel'))] },
      { type: 'Column', width: 'stretch', items: [time('openingEnd', t('qaCreate.openingEndLabel'))] },
    ] },
    { type: 'ColumnSet', columns: [
      { type: 'Column', width: 'stretch', items: [time('closingStart', t('qaCreate.closingStartLabel'))] },
      { type: 'Column', width: 'stretch', items: [time('closingEnd', t('qaCreate.closingEndLabel'))] },
    ] },
    { type: 'Input.Toggle', id: QA_CREATE_INPUT.anonymous, title: t('qaCreate.anonymousToggle'), label: t('qaCreate.anonymousLabel'), value: v?.anonymous === 'true' ? 'true' : 'false' },
  );
  return card(view.problem ? `${t('qaCreate.title')}. ${view.problem}` : t('qaCreate.speak'), body, [execute(t('qaCreate.create'), QA_CREATE_VERBS.create)]);
}

export interface QaCreatedView {
  title: string;
  sessions: { startsAt: Date; endsAt: Date; pairRole: 'opening' | 'closing' | null }[];
  /** When the session card is posted, in words. */
  postedWhen: string;
}

/** The answer to a created session or pair: each session with its times (in bokmål: the conversation's card). */
export function qaCreatedCard(view: QaCreatedView, t: Translate, locale: Locale = 'nb'): AdaptiveCard {
  const lines = view.sessions.map((session) => {
    const role = session.pairRole ? `${t(`qaCard.pairRole.${session.pairRole}`)}: ` : '';
    return `- ${role}${formatSessionTime(session.startsAt, session.endsAt, locale)}`;
  });
  const created = t(view.sessions.length === 1 ? 'qaCreate.createdOne' : 'qaCreate.createdMany', { count: view.sessions.length });
  return card(
    `${created} ${shorten(view.title, 80)}`,
    [
      done(created, { weight: 'Bolder' }),
      { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: view.title, weight: 'Bolder' }] },
      text(lines.join('\r')),
      text(view.postedWhen, { isSubtle: true }),
    ],
    [execute(t('qaCreate.another'), QA_CREATE_VERBS.form, {}, { associatedInputs: 'none' })],
  );
}

/** `spørretime kunngjøring <tekst>`: the announcement as everyone in the conversation reads it. */
export function qaAnnouncementCard(view: { text: string }, t: Translate): AdaptiveCard {
  return card(`${t('qaAnnounce.heading')}. ${view.text.slice(0, 200)}`, [
    heading(t('qaAnnounce.heading')),
    { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: view.text }] },
  ]);
}

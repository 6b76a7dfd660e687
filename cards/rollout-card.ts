import type { LocalDate } from '../domain/calendar/working-days.js';
import { QA_LIMITS } from '../domain/qa/vocabulary.js';
import type { Rollout } from '../domain/rollout/current-rollout.js';
import type { UpcomingSession } from '../domain/rollout/next-session.js';
import { ROLLOUT_TEXT_LIMIT } from '../domain/rollout/set-rollout.js';
import { LOCALE_TAGS, type Locale, type Translate } from '../i18n/index.js';
import { formatDay, formatPeriod } from './absence-card.js';
import { card, done, execute, heading, subheading, text, warning, type AdaptiveCard, type CardElement } from './card-kit.js';
import { writtenText } from './support-kit.js';

export const ROLLOUT_VERBS = {
  show: 'rollout.show',
  set: 'rollout.set',
  end: 'rollout.end',
  ask: 'rollout.ask',
} as const;

/** The key a message action's dialog submits the rollout card with (a dialog has no Action.Execute). */
export const ROLLOUT_DIALOG_KEY = 'rolloutSessionId';

const DAY_FORMATS = Object.fromEntries(
  Object.entries(LOCALE_TAGS).map(([locale, tag]) => [locale, new Intl.DateTimeFormat(tag, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'Europe/Oslo' })]),
) as Record<Locale, Intl.DateTimeFormat>;
const HOUR_FORMATS = Object.fromEntries(
  Object.entries(LOCALE_TAGS).map(([locale, tag]) => [locale, new Intl.DateTimeFormat(tag, { timeStyle: 'short', timeZone: 'Europe/Oslo' })]),
) as Record<Locale, Intl.DateTimeFormat>;

/** `torsdag 29. oktober, 09:00–10:00` in Norway's time (both days when it runs past midnight). */
export function formatSessionTime({ startsAt, endsAt }: { startsAt: Date; endsAt: Date }, locale: Locale): string {
  const startDay = DAY_FORMATS[locale].format(startsAt);
  const endDay = DAY_FORMATS[locale].format(endsAt);
  const start = HOUR_FORMATS[locale].format(startsAt);
  const end = HOUR_FORMATS[locale].format(endsAt);
  return startDay === endDay ? `${startDay}, ${start}–${end}` : `${startDay}, ${start} – ${endDay}, ${end}`;
}

export interface RolloutCardView {
  rollout: Rollout;
  /** The next spørretime not closed and not over, or null when none is set up. */
  session: UpcomingSession | null;
  /** What the person already asked (typed in the chat, the message's text, the intake card's field). */
  question?: string;
  locale: Locale;
  /** `søk <tekst>` in the reader's language. */
  searchExample: string;
  /** `dialog`: in a message action's dialog, whose button is an Action.Submit. */
  mode?: 'chat' | 'dialog';
  /** A problem with what was sent (a session closed since), shown above the form. */
  problem?: string;
}

/**
 * The card everyone who asks for help gets during a rollout, in place of the intake: the
 * administrator's text, that support is given in the spørretimer, the next session's title and
 * time (or that none is set up, and the period), and the question in a labelled field with
 * «Send til spørretimen». Personal: shown in the person's 1:1 chat or their own dialog only.
 */
export function rolloutCard(view: RolloutCardView, t: Translate): AdaptiveCard {
  const { rollout, session, locale } = view;
  const body: CardElement[] = [heading(t('rollout.card.title'))];
  if (view.problem) body.push(warning(view.problem));
  if (rollout.text) body.push(writtenText(rollout.text));
  body.push(text(t('rollout.card.intro', { from: formatDay(rollout.from, locale), to: formatDay(rollout.to, locale) })));
  const actions: CardElement[] = [];
  if (session) {
    body.push(text(t('rollout.card.next', { title: session.title, time: formatSessionTime(session, locale) }), { weight: 'Bolder' }), {
      type: 'Input.Text',
      id: 'question',
      label: t('rollout.card.questionLabel'),
      isMultiline: true,
      isRequired: true,
      maxLength: QA_LIMITS.question,
      errorMessage: t('rollout.card.questionError', { max: QA_LIMITS.question }),
      ...(view.question?.trim() ? { value: view.question.trim().slice(0, QA_LIMITS.question) } : {}),
    });
    if (session.anonymousAllowed) {
      body.push({ type: 'Input.Toggle', id: 'anonymous', label: t('rollout.card.anonymousLabel'), title: t('rollout.card.anonymousTitle') });
    }
    actions.push(
      view.mode === 'dialog'
        ? { type: 'Action.Submit', title: t('rollout.card.send'), data: { [ROLLOUT_DIALOG_KEY]: session.id }, style: 'positive' }
        : execute(t('rollout.card.send'), ROLLOUT_VERBS.ask, { sessionId: session.id }, { style: 'positive' }),
    );
  } else {
    body.push(warning(t('rollout.card.none', { period: formatPeriod(rollout, locale) })));
  }
  body.push(text(t('rollout.card.search', { example: view.searchExample }), { isSubtle: true }));
  const speak = session ? t('rollout.card.speak') : t('rollout.card.speakNone');
  return card(speak, body, actions);
}

/** The answer to «Send til spørretimen»: the question is in the session the card named. */
export function rolloutSentCard(view: { session: UpcomingSession; question: string; locale: Locale }, t: Translate): AdaptiveCard {
  const sentence = t('rollout.card.sent', { title: view.session.title, time: formatSessionTime(view.session, view.locale) });
  return card(t('rollout.card.sentSpeak'), [heading(t('rollout.card.title')), done(sentence), writtenText(view.question)]);
}

export type RolloutAdminNotice = { kind: 'set' | 'ended' | 'nothingToEnd' } | { kind: 'problem'; text: string };

export interface RolloutAdminCardView {
  rollout: Rollout | null;
  /** Whether today is one of its days. */
  current: boolean;
  today: LocalDate;
  locale: Locale;
  /** `innføring 29.10–6.11 …` in the reader's language. */
  example: string;
  notice?: RolloutAdminNotice;
}

/**
 * `innføring` alone (administrators): the rollout as set (going on, planned or none), what it
 * closes, a form with the two days and the text, and «Avslutt innføring» when there is one.
 */
export function rolloutAdminCard(view: RolloutAdminCardView, t: Translate): AdaptiveCard {
  const { rollout, locale } = view;
  const body: CardElement[] = [heading(t('rollout.admin.title'))];
  const speak: string[] = [];
  const notice = view.notice;
  if (notice?.kind === 'problem') {
    body.push(warning(notice.text));
    speak.push(notice.text);
  } else if (notice?.kind === 'set' && rollout) {
    const sentence = t('rollout.admin.set', { period: formatPeriod(rollout, locale) });
    body.push(done(sentence));
    speak.push(sentence);
  } else if (notice?.kind === 'ended') {
    body.push(done(t('rollout.admin.ended')));
    speak.push(t('rollout.admin.ended'));
  } else if (notice?.kind === 'nothingToEnd') {
    body.push(text(t('rollout.admin.nothingToEnd')));
    speak.push(t('rollout.admin.nothingToEnd'));
  }
  if (rollout) {
    const status = t(view.current ? 'rollout.admin.current' : 'rollout.admin.planned', { period: formatPeriod(rollout, locale) });
    body.push(text(status, { weight: 'Bolder' }), subheading(t('rollout.admin.textTitle')), rollout.text ? writtenText(rollout.text) : text(t('rollout.admin.noText'), { isSubtle: true }));
    if (speak.length === 0) speak.push(status);
  } else if (notice?.kind !== 'ended' && notice?.kind !== 'nothingToEnd') {
    body.push(text(t('rollout.admin.none')));
    if (speak.length === 0) speak.push(t('rollout.admin.none'));
  }
  body.push(
    text(t('rollout.admin.explain'), { isSubtle: true }),
    subheading(t('rollout.admin.formTitle')),
    // No `min` on the first day: a rollout going on started before today, and its text can still be changed.
    { type: 'Input.Date', id: 'from', label: t('rollout.admin.fromLabel'), isRequired: true, errorMessage: t('rollout.admin.fromError'), ...(rollout ? { value: rollout.from } : {}) },
    { type: 'Input.Date', id: 'to', label: t('rollout.admin.toLabel'), isRequired: true, errorMessage: t('rollout.admin.toError'), min: view.today, ...(rollout ? { value: rollout.to } : {}) },
    {
      type: 'Input.Text',
      id: 'text',
      label: t('rollout.admin.textLabel', { max: ROLLOUT_TEXT_LIMIT }),
      isMultiline: true,
      maxLength: ROLLOUT_TEXT_LIMIT,
      ...(rollout?.text ? { value: rollout.text } : {}),
    },
    text(t('rollout.admin.hint', { example: view.example }), { isSubtle: true }),
  );
  const actions = [execute(t('rollout.admin.save'), ROLLOUT_VERBS.set)];
  // No inputs: the form's required days must not stop ending it.
  if (rollout) actions.push(execute(t('rollout.admin.end'), ROLLOUT_VERBS.end, {}, { associatedInputs: 'none' }));
  return card(speak.join(' '), body, actions);
}

import type { AbsenceView } from '../domain/absence/absence.js';
import { daysInclusive } from '../domain/absence/parse-absence.js';
import type { LocalDate } from '../domain/calendar/working-days.js';
import { LOCALE_TAGS, type Locale, type Translate } from '../i18n/index.js';
import { card, done, execute, heading, subheading, text, warning, type AdaptiveCard, type CardElement } from './card-kit.js';

export const ABSENCE_VERBS = {
  show: 'absence.show',
  register: 'absence.register',
  remove: 'absence.remove',
} as const;

export interface AbsencePeriod {
  from: LocalDate;
  to: LocalDate;
}

/** What just happened, shown at the top of the card. */
export type AbsenceNotice =
  | ({ kind: 'registered'; merged: boolean } & AbsencePeriod)
  | ({ kind: 'unchanged' } & AbsencePeriod)
  | { kind: 'removed'; removed: AbsencePeriod[] }
  | { kind: 'alreadyRemoved' }
  | { kind: 'chooseToRemove' }
  /** The card's own date fields did not make an absence: the sentence saying why. */
  | { kind: 'problem'; text: string };

export interface AbsenceCardView {
  /** The person's absences from today on, the first first. */
  absences: AbsenceView[];
  locale: Locale;
  today: LocalDate;
  notice?: AbsenceNotice;
  /** After a registration: remind the person of the automatic e-mail reply (and postmottak's address). */
  reminder?: { postAddress: string | null };
  /** `fravær 23.12–2.1` and `fravær slett` in the reader's words. */
  example: string;
  removeExample: string;
}

const longFormats = new Map<Locale, Intl.DateTimeFormat>();
const shortFormats = new Map<Locale, Intl.DateTimeFormat>();
const formatter = (cache: Map<Locale, Intl.DateTimeFormat>, locale: Locale, options: Intl.DateTimeFormatOptions) => {
  let format = cache.get(locale);
  if (!format) {
    // A DATE column is midnight UTC: formatted in UTC it stays the same day everywhere.
    format = new Intl.DateTimeFormat(LOCALE_TAGS[locale], { ...options, timeZone: 'UTC' });
    cache.set(locale, format);
  }
  return format;
};
const asDate = (date: LocalDate) => new Date(`${date}T00:00:00Z`);

/** `onsdag 23. desember 2026` */
export function formatDay(date: LocalDate, locale: Locale): string {
  return formatter(longFormats, locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(asDate(date));
}

/** `onsdag 23. desember 2026 – lørdag 2. januar 2027`, or one day alone. */
export function formatPeriod({ from, to }: AbsencePeriod, locale: Locale): string {
  return from === to ? formatDay(from, locale) : `${formatDay(from, locale)} – ${formatDay(to, locale)}`;
}

/** `ons. 23. des. 2026 – lør. 2. jan. 2027`: for the list, where many periods stand together. */
function formatShortPeriod({ from, to }: AbsencePeriod, locale: Locale): string {
  const format = formatter(shortFormats, locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
  return from === to ? format.format(asDate(from)) : `${format.format(asDate(from))} – ${format.format(asDate(to))}`;
}

function noticeLines(notice: AbsenceNotice, locale: Locale, t: Translate): { line: CardElement; speak: string } {
  switch (notice.kind) {
    case 'registered': {
      const sentence = t(notice.merged ? 'absence.registeredMerged' : 'absence.registered', { period: formatPeriod(notice, locale) });
      return { line: done(sentence, { weight: 'Bolder' }), speak: sentence };
    }
    case 'unchanged': {
      const sentence = t('absence.unchanged', { period: formatPeriod(notice, locale) });
      return { line: text(sentence), speak: sentence };
    }
    case 'removed': {
      const sentence = notice.removed.map((period) => t('absence.removed', { period: formatPeriod(period, locale) })).join(' ');
      return { line: done(sentence), speak: sentence };
    }
    case 'alreadyRemoved':
      return { line: text(t('absence.alreadyRemoved')), speak: t('absence.alreadyRemoved') };
    case 'chooseToRemove':
      return { line: text(t('absence.chooseToRemove')), speak: t('absence.chooseToRemove') };
    case 'problem':
      return { line: warning(notice.text), speak: notice.text };
  }
}

/**
 * `fravær`: what just happened (registered, joined, deleted), the reminder of the automatic
 * e-mail reply, the person's absences from today on with «Slett» on each, and a form to register
 * one with two date fields.
 */
export function absenceCard(view: AbsenceCardView, t: Translate): AdaptiveCard {
  const { locale } = view;
  const body: CardElement[] = [heading(t('absence.title'))];
  const speak: string[] = [];
  if (view.notice) {
    const { line, speak: said } = noticeLines(view.notice, locale, t);
    body.push(line);
    speak.push(said);
  }
  if (view.reminder) {
    const reminder = view.reminder.postAddress
      ? t('absence.reminder', { postAddress: view.reminder.postAddress })
      : t('absence.reminderNoAddress');
    // Not in `speak` (kept short): the reminder is the card's next line, read right after.
    body.push(warning(reminder));
  }

  body.push(subheading(t('absence.listTitle')));
  if (view.absences.length === 0) {
    body.push(text(t('absence.empty')));
    if (!view.notice) speak.push(t('absence.empty'));
  } else if (!view.notice) {
    speak.push(t('absence.speakList', { count: view.absences.length }));
  }
  for (const absence of view.absences) {
    const days = daysInclusive(absence.from, absence.to);
    const period = formatShortPeriod(absence, locale);
    body.push({
      type: 'Container',
      separator: true,
      items: [
        text(`${period} (${days === 1 ? t('absence.oneDay') : t('absence.days', { count: days })})`),
        {
          type: 'ActionSet',
          // The dates in the title: a screen reader lists the buttons without the text around them.
          // No inputs: the form's required dates must not stop a deletion.
          actions: [
            execute(t('absence.remove', { period: formatPeriod(absence, locale) }), ABSENCE_VERBS.remove, { absenceId: absence.id }, { associatedInputs: 'none' }),
          ],
        },
      ],
    });
  }

  body.push(
    subheading(t('absence.formTitle')),
    { type: 'Input.Date', id: 'from', label: t('absence.fromLabel'), isRequired: true, errorMessage: t('absence.fromError'), min: view.today },
    { type: 'Input.Date', id: 'to', label: t('absence.toLabel'), isRequired: true, errorMessage: t('absence.toError'), min: view.today },
    text(t('absence.hint', { example: view.example, removeExample: view.removeExample }), { isSubtle: true }),
  );
  return card(speak.join(' '), body, [execute(t('absence.register'), ABSENCE_VERBS.register)]);
}

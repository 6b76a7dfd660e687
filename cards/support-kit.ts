import type { CardElement } from './card-kit.js';
import { LOCALE_TAGS, type Locale, type Translate } from '../i18n/index.js';
import type { RequestSource, SupportCategory, SupportStatus, SupportUrgency } from '../domain/support/vocabulary.js';

/** Whose eyes: the requester reads «Venter på deg» where support reads «Venter på innmelder». */
export type Reader = 'requester' | 'support';

export function statusWord(status: SupportStatus, reader: Reader, t: Translate): string {
  return status === 'venter_pa_innmelder' && reader === 'requester' ? t('support.status.waitingForYou') : t(`support.status.${status}`);
}

export function categoryWord(category: SupportCategory, systemName: string, t: Translate): string {
  return t(`support.category.${category}`, { system: systemName });
}

export function urgencyWord(urgency: SupportUrgency, t: Translate): string {
  return t(`support.urgency.${urgency}`);
}

/** Date and time in Norway, in the reader's language. */
export function formatTime(at: Date, locale: Locale): string {
  return TIME_FORMATS[locale].format(at);
}

/** Made once: an Intl.DateTimeFormat costs far more to make than to use (it was a busy turn's hottest card function). */
const TIME_FORMATS = Object.fromEntries(
  Object.entries(LOCALE_TAGS).map(([locale, tag]) => [locale, new Intl.DateTimeFormat(tag, { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Oslo' })]),
) as Record<Locale, Intl.DateTimeFormat>;

const TITLE_LENGTH = 80;

/** A henvendelse's title in a list: the first line of «Hva skal utføres?», cut at a word. */
export function shortTitle(what: string): string {
  const line = what.trim().split(/\r?\n/)[0]!.trim();
  if (line.length <= TITLE_LENGTH) return line;
  const cut = line.slice(0, TITLE_LENGTH);
  const space = cut.lastIndexOf(' ');
  return `${(space > TITLE_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * Text a person wrote, shown as they wrote it: a TextRun is never read as markdown, where a
 * TextBlock would turn their `*`, `_` and `[…](…)` into formatting and links.
 */
export function writtenText(value: string, options: Record<string, unknown> = {}): CardElement {
  return { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: value }], ...options };
}

/** `BS-2026-00042 – title`: the number in bold, the person's own words as they wrote them. */
export function numberedTitle(number: string, title: string, options: Record<string, unknown> = {}): CardElement {
  return { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: number, weight: 'Bolder' }, { type: 'TextRun', text: ` – ${title}` }], ...options };
}

/**
 * Where a henvendelse made with a message action came from: the message's author and a button
 * that opens the message in Teams. Nothing for one from the intake card.
 */
export function sourceElements(source: RequestSource | null | undefined, t: Translate): CardElement[] {
  if (!source) return [];
  const author: CardElement = {
    type: 'RichTextBlock',
    inlines: [
      { type: 'TextRun', text: `${t('support.field.source')} `, weight: 'Bolder' },
      { type: 'TextRun', text: source.author ?? t('support.source.unknownAuthor') },
    ],
  };
  if (!source.link) return [author];
  return [author, { type: 'ActionSet', actions: [{ type: 'Action.OpenUrl', title: t('support.source.open'), url: source.link }] }];
}

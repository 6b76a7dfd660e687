import { en } from './en.js';
import { nb, type MessageKey, type Messages } from './nb.js';
import { nn } from './nn.js';

export type { MessageKey };
export const LOCALES = ['nb', 'nn', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const catalogue: Record<Locale, Messages> = { nb, nn, en };

/** BCP 47 tag for dates, numbers and the Teams `locale` field. */
export const LOCALE_TAGS: Record<Locale, string> = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * The language's one translator (the same function for every call, so a renderer may keep what it
 * made with it: cards/daily-card.ts keeps each button's JSON per translator).
 */
export function translator(locale: Locale): Translate {
  return (translators[locale] ??= makeTranslator(locale));
}

const translators: Partial<Record<Locale, Translate>> = {};

function makeTranslator(locale: Locale): Translate {
  const messages = catalogue[locale];
  const templates = compiled[locale];
  return (key, params) => {
    // Without parameters there is nothing to fill in (a placeholder stays as it is either way).
    if (params === undefined) return messages[key];
    let template = templates.get(key);
    if (!template) templates.set(key, (template = compile(messages[key])));
    let filled = template[0]!;
    for (let i = 1; i < template.length; i += 2) {
      const name = template[i]!;
      filled += (name in params ? String(params[name]) : `{${name}}`) + template[i + 1]!;
    }
    return filled;
  };
}

/**
 * A message split at its placeholders once, `[text, name, text, name, …, text]`: the morning run
 * fills the same few messages millions of times (bench/daily-compose.ts), a regular expression
 * each time was a twentieth of its work.
 */
const compiled: Record<Locale, Map<MessageKey, string[]>> = { nb: new Map(), nn: new Map(), en: new Map() };
const compile = (message: string): string[] => message.split(/\{(\w+)\}/);

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Maps a Teams/BCP 47 locale (`nb-NO`, `nn-NO`, `no`, `en-US`) to a catalogue language. */
export function localeFromTag(tag: string | undefined | null): Locale | undefined {
  const language = tag?.toLowerCase().split(/[-_]/)[0];
  if (language === 'nb' || language === 'no') return 'nb';
  if (language === 'nn') return 'nn';
  if (language === 'en') return 'en';
  return undefined;
}

/**
 * The person's own choice wins; else the language of the Teams client; else the organisation
 * file's language for the person; else bokmål.
 */
export function resolveLocale(options: {
  chosen?: Locale | null;
  teamsLocale?: string | null;
  orgLocale?: Locale | null;
}): Locale {
  return options.chosen ?? localeFromTag(options.teamsLocale) ?? options.orgLocale ?? 'nb';
}

import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en.js';
import { localeFromTag, resolveLocale, translator } from '../i18n/index.js';
import { nb } from '../i18n/nb.js';
import { nn } from '../i18n/nn.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the message catalogue', () => {
  it.each([
    ['nn', nn],
    ['en', en],
  ])('%s has every key of bokmål, with the same placeholders and no empty text', (_name, messages) => {
    expect(Object.keys(messages).sort()).toEqual(Object.keys(nb).sort());
    for (const [key, text] of Object.entries(nb)) {
      const translated = messages[key as keyof typeof nb];
      expect(translated.trim(), key).not.toBe('');
      expect(placeholders(translated), key).toEqual(placeholders(text));
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    const t = translator('nb');
    expect(t('welcome.greeting', { name: 'Kari' })).toBe('Hei, Kari!');
    expect(t('welcome.greeting')).toBe('Hei, {name}!');
  });
});

describe('choosing the language', () => {
  it.each([
    ['nb-NO', 'nb'],
    ['no', 'nb'],
    ['nn-NO', 'nn'],
    ['en-US', 'en'],
    ['en-GB', 'en'],
    ['de-DE', undefined],
    [undefined, undefined],
  ])('Teams locale %s maps to %s', (tag, expected) => {
    expect(localeFromTag(tag)).toBe(expected);
  });

  it('the person’s own choice wins over the Teams locale, which wins over the organisation file', () => {
    expect(resolveLocale({ chosen: 'nn', teamsLocale: 'en-US', orgLocale: 'nb' })).toBe('nn');
    expect(resolveLocale({ chosen: null, teamsLocale: 'en-US', orgLocale: 'nn' })).toBe('en');
    expect(resolveLocale({ chosen: null, teamsLocale: 'de-DE', orgLocale: 'nn' })).toBe('nn');
    expect(resolveLocale({})).toBe('nb');
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FEATURES } from '../domain/help/features.js';
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

/**
 * Words that promise a feature, for each feature that has not landed. While a feature is missing
 * from domain/help/features.ts no text a user reads may use them; when it lands (its id in
 * FEATURES) its words are allowed.
 */
const PROMISES: Record<string, RegExp> = {
  support: /brukerstøtt|brukarstøtt|henvendels|førespurnad|kunnskapsbase|support|knowledge base|\brequests?\b/i,
  tasks: /mine oppg[aå]ver|my tasks|daglig|dagleg|daily|restans|backlog|avskriv|write off|godkjenning|approval|fordel|distribut/i,
  qa: /spørretim|spørjetim|q&a|\bvote|stemme|røyste/i,
};

function promisesOfMissingFeatures(text: string): string[] {
  return Object.entries(PROMISES)
    .filter(([feature, words]) => !(feature in FEATURES) && words.test(text))
    .map(([feature]) => feature);
}

describe('honest texts', () => {
  // Role names name the roles of PRODUCT.md (e.g. "Endelig godkjenner"); they describe no feature.
  // The archive registry's refusals (`archive.error.*`) are read only by someone who just acted
  // on an entry, so they promise nothing either. The daily card's own words (`daily.card.*`) and
  // those of its actions' forms and answers are read only on the card `oppgaver` shows and acts
  // on, which works; its help line (`daily.command`) is checked. The spørretime's refusals and
  // notices (`qa.error.*`, `qa.notify.*`) reach only someone who acted in a session or asked,
  // voted or reported there; the commands and help lines that offer spørretimer are checked.
  const IN_A_SESSION = /^qa\.(error|notify)\./;
  const ON_THE_DAILY_CARD = /^daily\.(card|form|notice|did|method|accessCode|screened)\./;
  const catalogue = Object.entries({ nb, nn, en }).flatMap(([locale, messages]) =>
    Object.entries(messages)
      .filter(([key]) => !key.startsWith('role.') && !key.startsWith('archive.error.') && !ON_THE_DAILY_CARD.test(key) && !IN_A_SESSION.test(key))
      .map(([key, text]) => ({ where: `${locale} ${key}`, text })),
  );
  const appPackage = ['manifest.json', 'nn.json', 'en.json'].flatMap((file) => {
    const strings = (value: unknown): string[] =>
      typeof value === 'string' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(strings) : [];
    return strings(JSON.parse(readFileSync(new URL(`../appPackage/${file}`, import.meta.url), 'utf8'))).map((text) => ({ where: file, text }));
  });

  it('no message and no text in the Teams app package promises support, «Mine oppgaver», daily cards or spørretimer before they exist', () => {
    expect(catalogue.length).toBeGreaterThan(50);
    const promises = [...catalogue, ...appPackage].flatMap(({ where, text }) =>
      promisesOfMissingFeatures(text).map((feature) => `${where} promises ${feature}: ${text}`),
    );
    expect(promises).toEqual([]);
  });

  it('the check finds the promises the texts made before (welcome card and Teams app description)', () => {
    // Brukerstøtte, «Mine oppgaver» and spørretimer have landed (FEATURES.support, FEATURES.tasks, FEATURES.qa): their words are allowed now.
    expect(promisesOfMissingFeatures('Jeg hjelper deg med {system}: brukerstøtte fra arkivet og fagfolkene, daglige oppgaver og spørretimer')).toEqual([]);
    expect(promisesOfMissingFeatures('Ask for help here in the chat, follow your tasks in “My tasks” and write off your backlog.')).toEqual([]);
    expect(promisesOfMissingFeatures('Still spørsmål og stem på de andres i spørjetimen')).toEqual([]);
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

/**
 * What the article file check says, in bokmål (the default) and English. Whoever imports articles
 * reads these on a command line, so they live beside the parser (like the organisation file's).
 * Field names (`slug`, `unit:`) stay as they are written in the files.
 */
import type { OrgFileLanguage } from '../org/org-file-messages.js';

export type ArticleFileLanguage = OrgFileLanguage;

const nb = {
  problemCount: ({ count }: { count: number }) => `Artikkelfilene har ${count} feil`,
  fileName: () => 'filnavnet må være <slug>.<språk>.md, der språk er nb, nn eller en',
  noFrontMatter: () => 'filen må begynne med en linje «---», feltene, og en ny linje «---» før teksten',
  syntax: ({ detail }: { detail: string }) => `ugyldig YAML i feltene: ${detail}`,
  notMapping: () => 'feltene mellom «---»-linjene må være «navn: verdi»',
  required: () => 'mangler',
  unknownField: () => 'ukjent felt; en artikkel har slug, lang, title, subjectArea, unit, tags og link',
  mustBeText: () => 'må være tekst',
  mustBeList: () => 'må være en liste, for eksempel [avskrivning, restanse]',
  notEmpty: () => 'kan ikke være tom',
  tooLong: ({ max }: { max: number }) => `er for lang (høyst ${max} tegn)`,
  tooMany: ({ max }: { max: number }) => `har for mange (høyst ${max})`,
  slug: () => 'må være små bokstaver a–z, sifre og bindestreker, for eksempel avskrivning-metoder',
  lang: () => 'må være nb, nn eller en',
  link: () => 'må være en nettadresse som begynner med https:// eller http://',
  slugNotFileName: ({ expected }: { expected: string }) => `stemmer ikke med filnavnet (${expected})`,
  langNotFileName: ({ expected }: { expected: string }) => `stemmer ikke med filnavnet (${expected})`,
  emptyBody: () => 'artikkelen har ingen tekst etter feltene',
  bodyTooLong: ({ max }: { max: number }) => `teksten er for lang (høyst ${max} tegn)`,
  heading: () => 'overskrifter (#) vises ikke i Teams-kort; bruk **fet skrift** på en egen linje',
  table: () => 'tabeller vises ikke i Teams-kort; bruk en liste',
  codeBlock: () => 'kodeblokker vises ikke i Teams-kort',
  image: () => 'bilder vises ikke i Teams-kort; lenk til siden i stedet',
  duplicate: ({ first }: { first: string }) => `samme slug og språk som ${first}`,
  unknownUnit: ({ code, list }: { code: string; list: string }) => `ukjent enhetskode «${code}»${list ? ` (kjente: ${list})` : ''}`,
  unknownSubjectArea: ({ code, list }: { code: string; list: string }) =>
    `ukjent fagområdekode «${code}»${list ? ` (kjente: ${list})` : ''}`,
};

export type ArticleFileMessages = typeof nb;
export type ArticleFileMessageKey = keyof ArticleFileMessages;

const en: ArticleFileMessages = {
  problemCount: ({ count }) => `The article files have ${count} ${count === 1 ? 'problem' : 'problems'}`,
  fileName: () => 'the file name must be <slug>.<language>.md, where language is nb, nn or en',
  noFrontMatter: () => 'the file must start with a line "---", the fields, and another line "---" before the text',
  syntax: ({ detail }) => `not valid YAML in the fields: ${detail}`,
  notMapping: () => 'the fields between the "---" lines must be "name: value"',
  required: () => 'is required',
  unknownField: () => 'unknown field; an article has slug, lang, title, subjectArea, unit, tags and link',
  mustBeText: () => 'must be text',
  mustBeList: () => 'must be a list, for example [write-off, backlog]',
  notEmpty: () => 'must not be empty',
  tooLong: ({ max }) => `is too long (at most ${max} characters)`,
  tooMany: ({ max }) => `has too many (at most ${max})`,
  slug: () => 'must be lower-case letters a–z, digits and hyphens, for example avskrivning-metoder',
  lang: () => 'must be nb, nn or en',
  link: () => 'must be a web address starting with https:// or http://',
  slugNotFileName: ({ expected }) => `does not match the file name (${expected})`,
  langNotFileName: ({ expected }) => `does not match the file name (${expected})`,
  emptyBody: () => 'the article has no text after the fields',
  bodyTooLong: ({ max }) => `the text is too long (at most ${max} characters)`,
  heading: () => 'headings (#) are not shown in Teams cards; use **bold** on a line of its own',
  table: () => 'tables are not shown in Teams cards; use a list',
  codeBlock: () => 'code blocks are not shown in Teams cards',
  image: () => 'images are not shown in Teams cards; link to the page instead',
  duplicate: ({ first }) => `same slug and language as ${first}`,
  unknownUnit: ({ code, list }) => `unknown unit code "${code}"${list ? ` (known: ${list})` : ''}`,
  unknownSubjectArea: ({ code, list }) => `unknown subject area code "${code}"${list ? ` (known: ${list})` : ''}`,
};

export const ARTICLE_FILE_MESSAGES: Record<ArticleFileLanguage, ArticleFileMessages> = { nb, en };

/** A message not yet put into words: the key and its parameters. */
export type ArticleFileMessage = {
  [K in ArticleFileMessageKey]: Parameters<ArticleFileMessages[K]> extends [infer P] ? { key: K; params: P } : { key: K; params?: undefined };
}[ArticleFileMessageKey];

export function renderArticleFileMessage(message: ArticleFileMessage, language: ArticleFileLanguage): string {
  const render = ARTICLE_FILE_MESSAGES[language][message.key] as (params?: object) => string;
  return render(message.params);
}

export function isArticleFileMessageKey(value: unknown): value is ArticleFileMessageKey {
  return typeof value === 'string' && Object.hasOwn(nb, value);
}

/**
 * One knowledge-base article as a file: `<slug>.<lang>.md`, YAML front matter between two `---`
 * lines, then the Markdown body that the article card shows (README: "Hjelp til selvhjelp").
 *
 *   ---
 *   slug: avskrivning-metoder
 *   lang: nb
 *   title: Slik avskriver du en journalpost
 *   subjectArea: SAKARKIV      (optional)
 *   unit: DOKU
 *   tags: [avskrivning, restanse]
 *   link: https://…            (optional: the article is a link to that page)
 *   ---
 *   Markdown body
 */
import { basename } from 'node:path';
import { isMap, isPair, isScalar, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { Locale } from '../../prisma/generated/enums.js';
import {
  ARTICLE_FILE_MESSAGES,
  isArticleFileMessageKey,
  renderArticleFileMessage,
  type ArticleFileLanguage,
  type ArticleFileMessage,
} from './article-file-messages.js';

export const ARTICLE_LIMITS = {
  title: 200,
  tag: 60,
  tags: 30,
  /** The whole body goes on one card; Teams refuses messages above about 100 KB. */
  body: 20_000,
};

/** An article file, checked. `lines` says where its codes are, for problems found against the database. */
export interface ArticleFileContent {
  file: string;
  slug: string;
  lang: Locale;
  title: string;
  subjectArea?: string;
  unit: string;
  tags: string[];
  link?: string;
  body: string;
  lines: { slug: number; unit: number; subjectArea?: number };
}

/** A problem in a file before it is put into words. */
export interface ArticleProblem {
  file: string;
  line: number;
  /** The front-matter field or `body`; none for the file as a whole. */
  field?: string;
  message: ArticleFileMessage;
}

/** `file:line field: message`, in the language asked for. */
export function formatArticleProblem(problem: ArticleProblem, language: ArticleFileLanguage = 'nb'): string {
  const field = problem.field ? ` ${problem.field}:` : '';
  return `${problem.file}:${problem.line}${field} ${renderArticleFileMessage(problem.message, language)}`;
}

export class ArticleFileError extends Error {
  readonly problems: string[];
  constructor(problems: ArticleProblem[], language: ArticleFileLanguage = 'nb') {
    const texts = problems.map((problem) => formatArticleProblem(problem, language));
    super(`${ARTICLE_FILE_MESSAGES[language].problemCount({ count: texts.length })}:\n${texts.map((t) => `  ${t}`).join('\n')}`);
    this.name = 'ArticleFileError';
    this.problems = texts;
  }
}

const FILE_NAME = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.(nb|nn|en)\.md$/;

// Codes and tags written as numbers (a unit 1200) are YAML numbers; they mean the text.
const numberToString = (value: unknown) => (typeof value === 'number' ? String(value) : value);
const ZText = z.preprocess(numberToString, z.string({ invalid_type_error: 'mustBeText' }).trim().min(1, 'notEmpty'));

const ZFrontMatter = z
  .object({
    slug: z.string({ invalid_type_error: 'mustBeText' }).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'slug'),
    lang: z.nativeEnum(Locale, { message: 'lang' }),
    title: z.preprocess(
      numberToString,
      z.string({ invalid_type_error: 'mustBeText' }).trim().min(1, 'notEmpty').max(ARTICLE_LIMITS.title, 'tooLong'),
    ),
    subjectArea: ZText.optional(),
    unit: ZText,
    tags: z
      .array(
        z.preprocess(numberToString, z.string({ invalid_type_error: 'mustBeText' }).trim().min(1, 'notEmpty').max(ARTICLE_LIMITS.tag, 'tooLong')),
        { invalid_type_error: 'mustBeList' },
      )
      .max(ARTICLE_LIMITS.tags, 'tooMany')
      .default([]),
    link: z
      .string({ invalid_type_error: 'mustBeText' })
      .trim()
      .regex(/^https?:\/\/\S+$/i, 'link')
      .optional(),
  })
  .strict('unknownField');

function messageOf(issue: z.ZodIssue): ArticleFileMessage {
  // `title:` with nothing after it is YAML null: as good as missing.
  if (issue.code === z.ZodIssueCode.invalid_type && (issue.received === 'undefined' || issue.received === 'null')) return { key: 'required' };
  if (issue.code === z.ZodIssueCode.too_big) return { key: issue.type === 'array' ? 'tooMany' : 'tooLong', params: { max: Number(issue.maximum) } };
  if (isArticleFileMessageKey(issue.message)) return { key: issue.message } as ArticleFileMessage;
  return { key: 'mustBeText' };
}

/** Markdown a TextBlock does not render; reported with the line it is on. */
const UNSUPPORTED_MARKDOWN: { pattern: RegExp; message: ArticleFileMessage }[] = [
  { pattern: /^ {0,3}#{1,6}(\s|$)/, message: { key: 'heading' } },
  { pattern: /^\s*\|.*\|\s*$/, message: { key: 'table' } },
  { pattern: /^\s*(```|~~~)/, message: { key: 'codeBlock' } },
  { pattern: /!\[[^\]]*\]\(/, message: { key: 'image' } },
];

/**
 * Parses and checks one article file. Every problem is reported, each with its line; codes of
 * units and subject areas are checked against the database by the import.
 */
export function parseArticleFile(text: string, file: string): { article?: ArticleFileContent; problems: ArticleProblem[] } {
  const problems: ArticleProblem[] = [];
  const problem = (line: number, message: ArticleFileMessage, field?: string) => problems.push({ file, line, message, ...(field ? { field } : {}) });

  const name = FILE_NAME.exec(basename(file));
  if (!name) problem(1, { key: 'fileName' });

  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  const close = lines.findIndex((line, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(line));
  if (!/^---\s*$/.test(lines[0] ?? '') || close < 0) {
    problem(1, { key: 'noFrontMatter' });
    return { problems };
  }

  // The front matter starts on the file's line 2.
  const lineCounter = new LineCounter();
  const doc = parseDocument(lines.slice(1, close).join('\n'), { lineCounter, prettyErrors: false });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line + 1;
  const firstError = doc.errors[0];
  if (firstError) {
    problem(lineAt(firstError.pos[0]), { key: 'syntax', params: { detail: firstError.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '') } });
    return { problems };
  }
  const fieldLines = new Map<string, number>();
  if (isMap(doc.contents)) {
    for (const item of doc.contents.items) {
      if (isPair(item) && isScalar(item.key)) fieldLines.set(String(item.key.value), lineAt(item.key.range?.[0] ?? 0));
    }
  } else {
    problem(2, { key: 'notMapping' });
    return { problems };
  }
  const lineOf = (field: string) => fieldLines.get(field) ?? 1;

  const raw = doc.toJS() as Record<string, unknown>;
  const parsed = ZFrontMatter.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const fields = issue.code === z.ZodIssueCode.unrecognized_keys ? issue.keys : [String(issue.path[0] ?? '')];
      for (const field of fields) {
        const path = issue.code === z.ZodIssueCode.unrecognized_keys ? field : issue.path.map(String).join('.').replace(/\.(\d+)/g, '[$1]');
        problem(lineOf(field), messageOf(issue), path);
      }
    }
  }
  // Checked on the values as written, so that one run reports them beside the field errors.
  if (name) {
    if (typeof raw.slug === 'string' && raw.slug !== name[1]) problem(lineOf('slug'), { key: 'slugNotFileName', params: { expected: name[1]! } }, 'slug');
    if (typeof raw.lang === 'string' && raw.lang !== name[2]) problem(lineOf('lang'), { key: 'langNotFileName', params: { expected: name[2]! } }, 'lang');
  }

  const bodyLines = lines.slice(close + 1);
  const bodyStart = close + 2;
  bodyLines.forEach((line, i) => {
    for (const rule of UNSUPPORTED_MARKDOWN) {
      if (rule.pattern.test(line)) {
        problem(bodyStart + i, rule.message, 'body');
        break;
      }
    }
  });
  const body = bodyLines.map((line) => line.trimEnd()).join('\n').trim();
  if (!body) problem(bodyStart, { key: 'emptyBody' }, 'body');
  else if (body.length > ARTICLE_LIMITS.body) problem(bodyStart, { key: 'bodyTooLong', params: { max: ARTICLE_LIMITS.body } }, 'body');

  if (!parsed.success || problems.length > 0) return { problems: problems.sort((a, b) => a.line - b.line) };
  const { subjectArea, link, ...fields } = parsed.data;
  return {
    article: {
      file,
      ...fields,
      tags: [...new Set(fields.tags)],
      ...(subjectArea ? { subjectArea } : {}),
      ...(link ? { link } : {}),
      body,
      lines: { slug: lineOf('slug'), unit: lineOf('unit'), ...(subjectArea ? { subjectArea: lineOf('subjectArea') } : {}) },
    },
    problems,
  };
}

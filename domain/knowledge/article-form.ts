import { z } from 'zod';
import type { Locale } from '../../prisma/generated/enums.js';

/** The longest text each field of the article form takes (the form says so too). */
export const ARTICLE_LIMITS = { title: 200, body: 8000, link: 500, tags: 10, tag: 40 } as const;

/** The fields of the article form, in the form's order. */
export const ARTICLE_FIELDS = ['title', 'body', 'link', 'lang', 'subjectAreaId', 'tags'] as const;
export type ArticleField = (typeof ARTICLE_FIELDS)[number];

/** What is wrong with one field, in terms the card turns into a sentence. */
export type ArticleProblem =
  | { field: ArticleField; problem: 'required' | 'https' | 'unknown' }
  | { field: ArticleField; problem: 'tooLong' | 'tooMany'; max: number };

/** An article as the form gives it, checked. */
export interface ArticleDraft {
  title: string;
  body: string;
  link: string | null;
  lang: Locale;
  subjectAreaId: string | null;
  tags: string[];
}

/** What the form sent, as text, to show again beside its problems. */
export type ArticleFormValues = Partial<Record<ArticleField, string>>;

const LANGS = ['nb', 'nn', 'en'] as const;

/** Teams sends an empty input as "" (or leaves it out): both mean "not given". */
const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** `https://` and a host: an article links only to a page every reader's browser opens safely. */
export function isHttpsLink(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname !== '';
  } catch {
    return false;
  }
}

/** A comma list as tags: trimmed, empty ones dropped, each once (letter case aside). */
export function parseTags(value: string): string[] {
  const seen = new Set<string>();
  return value
    .split(',')
    .map((tag) => tag.trim().replace(/\s+/g, ' '))
    .filter((tag) => tag !== '' && !seen.has(tag.toLocaleLowerCase('nb')) && seen.add(tag.toLocaleLowerCase('nb')));
}

const ZTags = z.preprocess(
  (value) => (typeof value === 'string' ? parseTags(value) : value === undefined ? [] : value),
  z.array(z.string().max(ARTICLE_LIMITS.tag)).max(ARTICLE_LIMITS.tags),
);

/** The article form's inputs. Card data is untrusted: every field is checked here. */
export const ZArticleForm = z.object({
  title: z.preprocess(blankToUndefined, z.string().trim().min(1).max(ARTICLE_LIMITS.title)),
  body: z.preprocess(blankToUndefined, z.string().trim().min(1).max(ARTICLE_LIMITS.body)),
  link: z.preprocess(blankToUndefined, z.string().trim().max(ARTICLE_LIMITS.link).refine(isHttpsLink, { params: { https: true } }).optional()),
  lang: z.enum(LANGS),
  subjectAreaId: z.preprocess(blankToUndefined, z.string().uuid().optional()),
  tags: ZTags,
});

/** The fields of a published answer the form lets the publisher choose (the body is the answer). */
export const ZPublishForm = ZArticleForm.pick({ title: true, lang: true, subjectAreaId: true, tags: true });

export type ParsedArticleForm<T> = { ok: true; value: T } | { ok: false; problems: ArticleProblem[]; values: ArticleFormValues };

const isField = (key: unknown): key is ArticleField => (ARTICLE_FIELDS as readonly unknown[]).includes(key);

/** Reads the article form; every problem is named by its field, once, in the form's order. */
export function parseArticleForm(data: unknown): ParsedArticleForm<ArticleDraft> {
  const parsed = parseWith(ZArticleForm, data);
  if (!parsed.ok) return parsed;
  const { link, subjectAreaId, ...rest } = parsed.value;
  return { ok: true, value: { ...rest, link: link ?? null, subjectAreaId: subjectAreaId ?? null } };
}

/** Reads the publishing form (title, language, subject area, tags). */
export function parsePublishForm(data: unknown): ParsedArticleForm<Omit<ArticleDraft, 'body' | 'link'>> {
  const parsed = parseWith(ZPublishForm, data);
  if (!parsed.ok) return parsed;
  return { ok: true, value: { ...parsed.value, subjectAreaId: parsed.value.subjectAreaId ?? null } };
}

function parseWith<T extends z.ZodTypeAny>(schema: T, data: unknown): ParsedArticleForm<z.infer<T>> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return { ok: true, value: parsed.data };
  const problems = new Map<ArticleField, ArticleProblem>();
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (!isField(field) || problems.has(field)) continue;
    problems.set(field, problemOf(field, issue));
  }
  return { ok: false, problems: ARTICLE_FIELDS.flatMap((field) => problems.get(field) ?? []), values: valuesOf(data) };
}

function problemOf(field: ArticleField, issue: z.ZodIssue): ArticleProblem {
  if (field === 'tags' && issue.code === 'too_big') {
    return issue.type === 'array' ? { field, problem: 'tooMany', max: ARTICLE_LIMITS.tags } : { field, problem: 'tooLong', max: ARTICLE_LIMITS.tag };
  }
  if (issue.code === 'too_big' && field in ARTICLE_LIMITS) return { field, problem: 'tooLong', max: ARTICLE_LIMITS[field as keyof typeof ARTICLE_LIMITS] };
  if (issue.code === 'too_small' || (issue.code === 'invalid_type' && issue.received === 'undefined')) return { field, problem: 'required' };
  if (issue.code === 'custom' && field === 'link') return { field, problem: 'https' };
  return { field, problem: 'unknown' };
}

/** The form's inputs as sent (text only, cut to a sane length), to fill the form in again. */
function valuesOf(data: unknown): ArticleFormValues {
  if (!data || typeof data !== 'object') return {};
  const record = data as Record<string, unknown>;
  return Object.fromEntries(
    ARTICLE_FIELDS.flatMap((field) => (typeof record[field] === 'string' ? [[field, (record[field] as string).slice(0, ARTICLE_LIMITS.body + 100)]] : [])),
  );
}

/**
 * Checks the knowledge-base article files before they are committed:
 *   npx tsx scripts/check-articles.ts [folder] [--org <organisation.yaml>]
 * Every file must parse, carry the fields the importer reads, use only the Markdown an Adaptive Cards
 * TextBlock renders (no headings, tables, code, images or HTML), and keep its body between 150 and 450
 * words (a link article only summarises the page it links to, so it may be shorter). Prints one line per
 * problem as `file:line message` and a word count per article; exits 1 when there is a problem.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

const MIN_WORDS = 150;
const MAX_WORDS = 450;
const MIN_WORDS_LINK = 20;
const FILE_NAME = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.(nb|nn|en)\.md$/;

const ZOrganisationCodes = z.object({
  subjectAreas: z.array(z.object({ code: z.string() })),
  units: z.array(z.object({ code: z.string() })),
});

function articleSchema(subjectAreas: string[], units: string[]) {
  const oneOf = (codes: string[]) => z.string().refine((code) => codes.includes(code), { message: `must be one of ${codes.join(', ')}` });
  return z
    .object({
      slug: z.string().min(1),
      lang: z.enum(['nb', 'nn', 'en']),
      title: z.string().trim().min(3).max(120),
      subjectArea: oneOf(subjectAreas).optional(),
      unit: oneOf(units),
      tags: z.array(z.string().trim().min(1)).min(1),
      link: z.string().url().optional(),
    })
    .strict();
}

/** Markdown a TextBlock does not render, or that would change how an article reads in a card. */
const FORBIDDEN_LINES: { pattern: RegExp; message: string }[] = [
  { pattern: /^\s{0,3}#/, message: 'no headings (#)' },
  { pattern: /^\s*\|/, message: 'no tables (|)' },
  { pattern: /^\s*(```|~~~)/, message: 'no code fences' },
  { pattern: /`/, message: 'no inline code (`)' },
  { pattern: /!\[/, message: 'no images' },
  { pattern: /<\/?[a-zA-Z][^>]*>/, message: 'no HTML' },
  { pattern: /^\s*([-*_])(\s*\1){2,}\s*$/, message: 'no horizontal rules' },
  { pattern: /^\s*>/, message: 'no block quotes' },
  { pattern: /^ {4,}\S/, message: 'no indented code (four spaces)' },
  { pattern: /\s+$/, message: 'no trailing whitespace' },
];

type Problem = { file: string; line: number; message: string };

function wordCount(body: string): number {
  return body.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

function main(): number {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    options: { org: { type: 'string', default: 'domain/org/demo-organisation.yaml' } },
    allowPositionals: true,
  });
  const folder = positionals[0] ?? 'domain/knowledge/articles';
  const organisation = ZOrganisationCodes.parse(parseYaml(readFileSync(values.org, 'utf8')));
  const schema = articleSchema(
    organisation.subjectAreas.map((area) => area.code),
    organisation.units.map((unit) => unit.code),
  );

  const problems: Problem[] = [];
  const counts: { slug: string; lang: string; words: number; link: boolean }[] = [];
  const titles = new Map<string, string>();
  const files = readdirSync(folder).filter((name) => !name.startsWith('.') && name !== 'README.md').sort();

  for (const name of files) {
    const file = join(folder, name);
    const problem = (line: number, message: string) => problems.push({ file, line, message });
    const match = FILE_NAME.exec(name);
    if (!match) {
      problem(1, 'file name must be <slug>.<nb|nn|en>.md with a lowercase ascii slug');
      continue;
    }
    const [, slugFromName, langFromName] = match;

    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file));
    } catch {
      problem(1, 'not valid UTF-8');
      continue;
    }
    if (text.includes('\r')) problem(1, 'line endings must be LF');
    if (!text.startsWith('---\n')) {
      problem(1, 'must start with a --- front matter line');
      continue;
    }
    const end = text.indexOf('\n---\n', 3);
    if (end < 0) {
      problem(1, 'front matter has no closing --- line');
      continue;
    }
    const frontMatter = text.slice(4, end + 1);
    const body = text.slice(end + 5);
    const bodyFirstLine = frontMatter.split('\n').length + 1;

    let data: unknown;
    try {
      data = parseYaml(frontMatter);
    } catch (error) {
      problem(2, `front matter is not YAML: ${(error as Error).message.split('\n')[0]}`);
      continue;
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problem(2, `${issue.path.join('.') || 'front matter'}: ${issue.message}`);
      continue;
    }
    const article = parsed.data;
    if (article.slug !== slugFromName) problem(2, `slug "${article.slug}" does not match the file name "${slugFromName}"`);
    if (article.lang !== langFromName) problem(3, `lang "${article.lang}" does not match the file name "${langFromName}"`);
    const titleKey = `${article.lang}:${article.title.toLowerCase()}`;
    const sameTitle = titles.get(titleKey);
    if (sameTitle) problem(4, `title "${article.title}" is also used by ${sameTitle}`);
    titles.set(titleKey, name);

    body.split('\n').forEach((line, index) => {
      for (const rule of FORBIDDEN_LINES) if (rule.pattern.test(line)) problem(bodyFirstLine + index, rule.message);
    });
    if (!body.endsWith('\n') || body.endsWith('\n\n')) problem(bodyFirstLine, 'body must end with exactly one newline');

    const words = wordCount(body);
    const min = article.link ? MIN_WORDS_LINK : MIN_WORDS;
    if (words < min || words > MAX_WORDS) problem(bodyFirstLine, `body has ${words} words; must be ${min}–${MAX_WORDS}`);
    counts.push({ slug: article.slug, lang: article.lang, words, link: article.link !== undefined });
  }

  const bokmal = new Set(counts.filter((count) => count.lang === 'nb').map((count) => count.slug));
  for (const count of counts) {
    if (count.lang !== 'nb' && !bokmal.has(count.slug)) {
      problems.push({ file: join(folder, `${count.slug}.${count.lang}.md`), line: 1, message: 'has no bokmål article with the same slug' });
    }
  }

  for (const count of counts) console.log(`${count.slug}.${count.lang}\t${count.words}${count.link ? '\t(link)' : ''}`);
  console.log(`${counts.length} articles, ${bokmal.size} in bokmål`);
  for (const p of problems) console.error(`${p.file}:${p.line} ${p.message}`);
  return problems.length === 0 ? 0 : 1;
}

process.exitCode = main();

/**
 * The knowledge base's search (hjelp til selvhjelp): PostgreSQL full-text search in the article's
 * own configuration (`norwegian` for nb and nn, `english` for en), title weighted above tags above
 * body, with typo tolerance from pg_trgm. How it works, in the order it is tried:
 *
 * 1. Every word of the question, stemmed (stop words dropped), OR-ed: an article matching more of
 *    the words, or matching them in its title, ranks higher (ts_rank, weights A/B/C).
 * 2. When that finds fewer than asked for, the query widens: each word is also matched by the
 *    front of its stem (`avskr:*`, which joins avskrive, avskrev and avskrivningen, which the
 *    Snowball stemmer leaves as three stems), a word no article has is corrected to the closest
 *    words the articles do have (pg_trgm similarity on `knowledge_word`: avskrivnig → avskrivning),
 *    and a short query is matched against titles by trigram word similarity (journal post →
 *    journalpost). Hits of the first step keep their place.
 * 3. Nothing in the asker's language: the same in the other languages, each in its configuration.
 *
 * Every step uses an index (the tsvector GIN index, the trigram GIN indexes); no query reads the
 * bodies of all articles. Retired articles are never found.
 */
import { Prisma, type DbClient, sql } from '../db.js';
import type { Locale } from '../../prisma/generated/enums.js';

export type SearchConfig = 'norwegian' | 'english';

/** The text search configuration of an article's language. */
export const SEARCH_CONFIG: Record<Locale, SearchConfig> = { nb: 'norwegian', nn: 'norwegian', en: 'english' };

export const SEARCH_TUNING = {
  /** The first this many searchable words of a question are used (a pasted page is not a query). */
  words: 24,
  /** Shorter words are not corrected: too many words are close to them. */
  correctableLength: 4,
  /** pg_trgm similarity a correction needs (avskrivnig → avskrivning is 0.64, avskrev → avskriv 0.45). */
  similarity: 0.45,
  /** Closest vocabulary words tried for one unknown word. */
  corrections: 2,
  /** Stem fronts shorter than this match too much. */
  prefixLength: 5,
  /** Titles are compared with the whole query only when it is this short (a title, not a question). */
  titleQueryLength: 40,
  /** Words of the extract around the first match. */
  extractWords: 30,
  extractCharacters: 240,
} as const;

export interface SearchKnowledgeOptions {
  text: string;
  /** The asker's language: its articles come first. */
  lang: Locale;
  limit?: number;
}

export interface KnowledgeHit {
  id: string;
  slug: string;
  lang: Locale;
  title: string;
  /** The article is a link to this page. */
  link: string | null;
  /** About 200 characters of plain text around the first match, matched words in **bold**. */
  extract: string;
}

export interface KnowledgeSearchResult {
  hits: KnowledgeHit[];
  /** Words of the articles searched for in place of question words none of them has (typos). */
  corrections: string[];
  /** Whether the question had any word to search for at all (not only stop words). */
  searchable: boolean;
}

/** The question's words in one configuration, and the queries made of them (tsquery text). */
export interface AnalysedQuery {
  config: SearchConfig;
  /** Stems of the question's words. */
  lexemes: string[];
  /** Step 1: any of the stems. Null when the question has no searchable word. */
  exact: string | null;
  /** Step 2: the stems, the fronts of the stems and the corrections' stems. */
  widened: string | null;
  /** The corrections used in `widened`. */
  corrections: string[];
  /** The question itself when it is short enough to compare with titles. */
  titleText: string | null;
}

const LANGUAGES: Record<SearchConfig, Locale[]> = { norwegian: ['nb', 'nn'], english: ['en'] };

export async function searchKnowledge(db: DbClient, { text, lang, limit = 3 }: SearchKnowledgeOptions): Promise<KnowledgeSearchResult> {
  const analysed = new Map<SearchConfig, AnalysedQuery>();
  const analyse = async (config: SearchConfig) => {
    let query = analysed.get(config);
    if (!query) analysed.set(config, (query = await analyseQuery(db, text, config)));
    return query;
  };

  const own = SEARCH_CONFIG[lang];
  let found = await searchIn(db, await analyse(own), [lang], limit);
  if (found.ids.length === 0) {
    // Nothing in the asker's language: the other languages, each in its own configuration.
    const others = (Object.keys(LANGUAGES) as SearchConfig[]).map((config) => ({
      config,
      langs: LANGUAGES[config].filter((other) => other !== lang),
    }));
    const results = [];
    for (const { config, langs } of others) if (langs.length > 0) results.push(await searchIn(db, await analyse(config), langs, limit));
    found = mergeOtherLanguages(results, limit);
  }
  return {
    hits: await describeArticles(db, found.ids, [...analysed.values()]),
    corrections: [...new Set(found.corrections)],
    // In the asker's own configuration: a question of Norwegian stop words is no question, even
    // though English would find words in it.
    searchable: (await analyse(own)).exact !== null,
  };
}

interface Found {
  ids: string[];
  /** Corrections that the hits needed (step 2 found something). */
  corrections: string[];
  ranks: number[];
  slugs: string[];
}

async function searchIn(db: DbClient, query: AnalysedQuery, langs: Locale[], limit: number): Promise<Found> {
  if (!query.exact) return { ids: [], corrections: [], ranks: [], slugs: [] };
  const exact = await sql(db).rows<Row>(searchStatement({ tsquery: query.exact, langs, limit }));
  if (exact.length >= limit || !query.widened) return found(exact, []);
  const widened = await sql(db).rows<Row>(
    searchStatement({ tsquery: query.widened, titleText: query.titleText, langs, limit: limit - exact.length, exclude: exact.map((row) => row.id) }),
  );
  return found([...exact, ...widened], widened.length > 0 ? query.corrections : []);
}

interface Row {
  id: string;
  slug: string;
  rank: number;
}

const found = (rows: Row[], corrections: string[]): Found => ({
  ids: rows.map((row) => row.id),
  ranks: rows.map((row) => Number(row.rank)),
  slugs: rows.map((row) => row.slug),
  corrections,
});

/** Best first over the other languages, one language of each article (nb and nn of one slug are one article). */
function mergeOtherLanguages(results: Found[], limit: number): Found {
  const all = results.flatMap((result) => result.ids.map((id, i) => ({ id, rank: result.ranks[i]!, slug: result.slugs[i]!, corrections: result.corrections })));
  all.sort((a, b) => b.rank - a.rank);
  const seen = new Set<string>();
  const kept = all.filter((hit) => !seen.has(hit.slug) && seen.add(hit.slug)).slice(0, limit);
  return {
    ids: kept.map((hit) => hit.id),
    ranks: kept.map((hit) => hit.rank),
    slugs: kept.map((hit) => hit.slug),
    corrections: kept.flatMap((hit) => hit.corrections),
  };
}

export interface SearchStatementOptions {
  tsquery: string;
  langs: Locale[];
  limit: number;
  /** Also articles whose title is close to this text (trigram word similarity). */
  titleText?: string | null;
  exclude?: string[];
}

/** One search: live articles in these languages matching the query, best first. Exported for EXPLAIN in the tests. */
export function searchStatement({ tsquery, langs, limit, titleText, exclude = [] }: SearchStatementOptions): Prisma.Sql {
  const byTitle = titleText ? Prisma.sql` OR ${titleText} <<% a.title` : Prisma.empty;
  const titleRank = titleText ? Prisma.sql` + strict_word_similarity(${titleText}, a.title)` : Prisma.empty;
  return Prisma.sql`
    SELECT a.id, a.slug, ts_rank(a.search, ${tsquery}::tsquery)${titleRank} AS rank
      FROM knowledge_article a
     WHERE (a.search @@ ${tsquery}::tsquery${byTitle})
       AND a.retired_at IS NULL
       AND a.lang = ANY(${langs}::"Locale"[])
       AND NOT (a.id = ANY(${exclude}::uuid[]))
     ORDER BY rank DESC, a.title
     LIMIT ${limit}`;
}

/**
 * The question's words in one configuration: their stems, and for the words no article has, the
 * closest words the articles do have. One statement; the corrections come from the trigram index.
 */
export async function analyseQuery(db: DbClient, text: string, config: SearchConfig): Promise<AnalysedQuery> {
  const words = await sql(db).rows<{ word: string; lexemes: string[]; corrections: string[]; correction_lexemes: string[] }>(analyseStatement(text, config));
  const lexemes = unique(words.flatMap((word) => word.lexemes));
  if (lexemes.length === 0) return { config, lexemes, exact: null, widened: null, corrections: [], titleText: null };
  const corrections = unique(words.flatMap((word) => word.corrections));
  // A corrected word counts as if it had been written: its stem, and the front of its stem.
  const stems = unique([...lexemes, ...words.flatMap((word) => word.correction_lexemes)]);
  const fronts = unique(stems.map((stem) => stemFront(stem, config)).filter((front): front is string => front !== null));
  const exact = lexemes.map(quote).join(' | ');
  const widened = unique([...stems.map(quote), ...fronts.map((front) => `${quote(front)}:*`)]).join(' | ');
  const trimmed = text.trim().replace(/\s+/g, ' ');
  return {
    config,
    lexemes,
    exact,
    widened,
    corrections,
    titleText: trimmed.length <= SEARCH_TUNING.titleQueryLength ? trimmed : null,
  };
}

export function analyseStatement(text: string, config: SearchConfig): Prisma.Sql {
  return Prisma.sql`
    WITH words AS (
      SELECT w.lexeme AS word, w.positions[1] AS at, tsvector_to_array(to_tsvector(${config}::regconfig, w.lexeme)) AS lexemes
        FROM unnest(to_tsvector('simple', ${text})) AS w
    ), kept AS (
      SELECT * FROM words WHERE cardinality(lexemes) > 0 ORDER BY at LIMIT ${SEARCH_TUNING.words}
    ), corrected AS (
      SELECT k.word, k.at, k.lexemes, ARRAY(
        SELECT v.word FROM knowledge_word v
         WHERE length(k.word) >= ${SEARCH_TUNING.correctableLength}
           AND NOT EXISTS (SELECT 1 FROM knowledge_word same WHERE same.word = k.word)
           AND v.word % k.word
           AND similarity(v.word, k.word) >= ${SEARCH_TUNING.similarity}
         ORDER BY similarity(v.word, k.word) DESC, v.word
         LIMIT ${SEARCH_TUNING.corrections}
      ) AS corrections
        FROM kept k
    )
    SELECT c.word, c.lexemes, c.corrections,
           ARRAY(SELECT DISTINCT unnest(tsvector_to_array(to_tsvector(${config}::regconfig, correction))) FROM unnest(c.corrections) AS correction) AS correction_lexemes
      FROM corrected c
     ORDER BY c.at`;
}

/** Norwegian derivations the stemmer keeps: avskrivning is avskriv + ning. */
const NORWEGIAN_DERIVATIONS = ['ning', 'else', 'skap', 'sjon', 'het', 'ing'];

/**
 * The front of a stem that its other forms share: two letters off a long stem (avskriv and
 * avskrev share avskr: strong verbs change their vowel near the end), a derivation off first
 * (avskrivning → avskriv → avskr). Null when that would be too short to mean anything.
 */
export function stemFront(lexeme: string, config: SearchConfig): string | null {
  let base = lexeme;
  if (config === 'norwegian') {
    const derivation = NORWEGIAN_DERIVATIONS.find((suffix) => base.endsWith(suffix) && base.length - suffix.length >= SEARCH_TUNING.prefixLength);
    if (derivation) base = base.slice(0, -derivation.length);
  }
  if (base.length >= SEARCH_TUNING.prefixLength + 2) return base.slice(0, -2);
  return base.length >= SEARCH_TUNING.prefixLength ? base : null;
}

/** A lexeme as a tsquery operand: quoted, with quotes and backslashes escaped. */
function quote(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

const unique = <T>(items: T[]): T[] => [...new Set(items)];

/**
 * Title, link and extract of articles, in the order of `ids`: the extract is the passage around
 * the first match of the question (ts_headline on the plain text), or the start of the article.
 */
export async function describeArticles(db: DbClient, ids: string[], queries: AnalysedQuery[]): Promise<KnowledgeHit[]> {
  if (ids.length === 0) return [];
  const queryOf = (config: SearchConfig) => queries.find((query) => query.config === config)?.widened ?? null;
  const options = `MaxWords=${SEARCH_TUNING.extractWords}, MinWords=15, ShortWord=2, MaxFragments=1, StartSel="**", StopSel="**"`;
  const rows = await sql(db).rows<{ id: string; slug: string; lang: Locale; title: string; link: string | null; plain: string; headline: string | null }>`
    SELECT a.id, a.slug, a.lang, a.title, a.link, p.plain,
           CASE WHEN a.lang = 'en'
                THEN ts_headline('english', p.plain, ${queryOf('english')}::tsquery, ${options})
                ELSE ts_headline('norwegian', p.plain, ${queryOf('norwegian')}::tsquery, ${options})
           END AS headline
      FROM knowledge_article a, LATERAL (SELECT knowledge_plain_text(a.body) AS plain) p
     WHERE a.id = ANY(${ids}::uuid[]) AND a.retired_at IS NULL`;
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    return [{ id, slug: row.slug, lang: row.lang, title: row.title, link: row.link, extract: extractOf(row.plain, row.headline) }];
  });
}

/** The headline with … where it cuts the text; the start of the text when nothing matched. */
export function extractOf(plain: string, headline: string | null): string {
  const max = SEARCH_TUNING.extractCharacters;
  let passage = headline?.trim() || plain.split(/\s+/).slice(0, SEARCH_TUNING.extractWords).join(' ');
  if (passage.length > max) {
    const cut = passage.lastIndexOf(' ', max);
    passage = passage.slice(0, cut > 0 ? cut : max);
  }
  if ((passage.match(/\*\*/g) ?? []).length % 2 === 1) passage = `${passage}**`;
  const clean = passage.replace(/\*\*/g, '');
  const at = plain.indexOf(clean);
  const before = at > 0 ? '… ' : '';
  // Only punctuation after the passage (ts_headline stops at a word) is no cut.
  const rest = at < 0 ? '' : plain.slice(at + clean.length);
  if (at >= 0 && !/[\p{L}\p{N}]/u.test(rest)) return `${before}${passage}${rest.trimEnd()}`;
  return `${before}${passage} …`;
}

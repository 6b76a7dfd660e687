import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '../../domain/db.js';
import { refreshKnowledgeWords } from '../../domain/knowledge/refresh-knowledge-words.js';
import {
  analyseQuery,
  analyseStatement,
  searchKnowledge,
  searchStatement,
  stemFront,
  type SearchKnowledgeOptions,
} from '../../domain/knowledge/search-knowledge.js';
import { createTestDatabase } from '../support/database.js';
import { addArticles, article, loadDemoOrganisationOnly } from '../support/knowledge.js';

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

/**
 * A small knowledge base where every article has one word form only, so that a test finding it
 * proves the search joined the forms, not that the article happened to use the query's word.
 */
const ARTICLES = [
  article({ slug: 'svar-brev', title: 'Når brevet er besvart', body: 'Du må avskrive journalposten når du har svart på brevet.' }),
  article({ slug: 'logg', title: 'Logg over arbeidet', body: 'Saksbehandleren avskrev posten i går, etter at svaret var sendt.' }),
  article({ slug: 'kontroll', title: 'Kontroll av journalføring', body: 'Avskrivningen kontrolleres av arkivet hver uke.' }),
  article({ slug: 'innsyn', title: 'Offentlighet og innsyn', body: 'Slik vurderer du et krav om innsyn i en sak.' }),
  article({ slug: 'annet', title: 'Annet', body: 'Offentlighet gjelder mange dokumenter. Spør arkivet om offentlighet.' }),
  article({ slug: 'restanser', lang: 'nb', title: 'Restanser', body: 'En restanse er en inngående post som ikke er besvart.' }),
  article({ slug: 'restanser', lang: 'nn', title: 'Restansar', body: 'Ein restanse er ein inngåande post som ikkje er svara på.' }),
  article({ slug: 'nn-berre', lang: 'nn', title: 'Kva ein sakshandsamar gjer', body: 'Sakshandsamaren skriv svarbrev og journalfører dei.' }),
  article({ slug: 'registry', lang: 'en', title: 'Registry entries', body: 'All incoming entries are registered by the archive.' }),
  article({ slug: 'tilgang', title: 'Tilgang for nyansatte', body: 'Lederen bestiller tilgang med skjemaet.', link: 'https://intranett.eksempel.kommune.no/tilgang' }),
  article({ slug: 'gammel', title: 'Gammel rutine for avskrivning', body: 'Denne rutinen for avskrivning gjelder ikke lenger.' }),
];

describe('knowledge search (PostgreSQL full-text, pg_trgm)', () => {
  let db: TestDatabase;
  const search = async (text: string, options: Partial<SearchKnowledgeOptions> = {}) =>
    searchKnowledge(db.prisma, { text, lang: 'nb', limit: 5, ...options });
  const slugs = async (text: string, options: Partial<SearchKnowledgeOptions> = {}) => (await search(text, options)).hits.map((hit) => hit.slug);

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadDemoOrganisationOnly(db.prisma);
    await addArticles(db.prisma, ARTICLES);
    await db.prisma.knowledgeArticle.updateMany({ where: { slug: 'gammel' }, data: { retiredAt: new Date() } });
    await refreshKnowledgeWords(db.prisma);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('the norwegian stemmer leaves avskrive, avskrev and avskrivningen as three stems', async () => {
    const rows = await db.prisma.$queryRaw<{ stems: string }[]>`SELECT to_tsvector('norwegian', 'avskrive avskrev avskrivningen')::text AS stems`;
    expect(rows[0]!.stems).toBe("'avskrev':2 'avskriv':1 'avskrivning':3");
  });

  it.each(['avskrive', 'avskrev', 'avskrivningen'])('"%s" finds the articles that use the other forms of the word', async (form) => {
    expect(await slugs(form)).toEqual(expect.arrayContaining(['svar-brev', 'logg', 'kontroll']));
  });

  it('a word the articles use is found first where they use that very form, then by the front of its stem', async () => {
    const found = await slugs('avskrev');
    expect(found[0]).toBe('logg');
    expect(found.slice(1).sort()).toEqual(['kontroll', 'svar-brev']);
  });

  it('"avskrivnig" (a typo) finds the write-off articles, and says which word it searched for', async () => {
    const result = await search('avskrivnig');
    expect(result.hits.map((hit) => hit.slug)).toEqual(expect.arrayContaining(['svar-brev', 'logg', 'kontroll']));
    expect(result.corrections.length).toBeGreaterThan(0);
    expect(result.corrections.every((word) => word.startsWith('avskr'))).toBe(true);
  });

  it('a typo the front of the stem cannot save ("jurnalpost") is corrected to a word the articles have', async () => {
    const result = await search('jurnalpost');
    expect(result.corrections).toContain('journalposten');
    expect(result.hits.map((hit) => hit.slug)).toContain('svar-brev');
  });

  it('an article with the word in its title comes before one that has it only in the body, however often', async () => {
    expect(await slugs('offentlighet')).toEqual(['innsyn', 'annet']);
  });

  it('a question finds the article with most of its words first; stop words count for nothing', async () => {
    const found = await slugs('Hvordan svarer jeg på et brev?');
    expect(found[0]).toBe('svar-brev');
    const question = await analyseQuery(db.prisma, 'Hvordan svarer jeg på et brev?', 'norwegian');
    expect(question.lexemes.sort()).toEqual(['brev', 'svar']);
  });

  it('nynorsk is searched with the norwegian configuration: "restansane" finds the nynorsk article', async () => {
    expect(await slugs('restansane', { lang: 'nn' })).toEqual(['restanser']);
    const [hit] = (await search('restansane', { lang: 'nn' })).hits;
    expect(hit).toMatchObject({ lang: 'nn', title: 'Restansar' });
  });

  it('English is searched with the english configuration: "entry" finds the article about entries', async () => {
    const result = await search('entry', { lang: 'en' });
    expect(result.hits).toMatchObject([{ slug: 'registry', lang: 'en' }]);
    expect(result.corrections).toEqual([]);
  });

  it('the asker’s own language comes first: a bokmål asker does not get the nynorsk version of an article', async () => {
    expect((await search('restanse')).hits.map((hit) => [hit.slug, hit.lang])).toEqual([['restanser', 'nb']]);
  });

  it('with nothing in the asker’s language, articles in the other languages are found, one language per article', async () => {
    const tilgang = await search('tilgang', { lang: 'en' });
    expect(tilgang.hits).toMatchObject([{ slug: 'tilgang', lang: 'nb', link: 'https://intranett.eksempel.kommune.no/tilgang' }]);
    const restanse = await search('restanse', { lang: 'en' });
    expect(restanse.hits.map((hit) => hit.slug)).toEqual(['restanser']);
    const nynorsk = await search('sakshandsamar', { lang: 'nb' });
    expect(nynorsk.hits).toMatchObject([{ slug: 'nn-berre', lang: 'nn' }]);
  });

  it('a retired article is never found, not by its title, not by a typo, not in another language', async () => {
    expect(await slugs('gammel rutine')).toEqual([]);
    expect(await slugs('avskrivning')).not.toContain('gammel');
    expect(await slugs('gamel rutin')).not.toContain('gammel');
    expect(await slugs('gammel rutine', { lang: 'en' })).toEqual([]);
    // Nor are its words offered as corrections.
    expect(await db.prisma.knowledgeWord.findUnique({ where: { word: 'gammel' } })).toBeNull();
  });

  it('the extract is plain text around the first match, matched words in bold, … where the text is cut', async () => {
    const [hit] = (await search('innsyn')).hits;
    expect(hit!.extract).toBe('Slik vurderer du et krav om **innsyn** i en sak.');
    const long = article({ slug: 'lang', title: 'Lang tekst', body: `${'Første del. '.repeat(40)}Her står **klagefristen** og [en lenke](https://x.no).\n\n${'Siste del. '.repeat(40)}` });
    await addArticles(db.prisma, [long]);
    const [found] = (await search('klagefristen')).hits;
    expect(found!.extract).toMatch(/^… .*\*\*klagefristen\*\* og en lenke.* …$/);
    expect(found!.extract).not.toContain('https://');
    expect(found!.extract.length).toBeLessThanOrEqual(250);
  });

  it('the plain text of an article drops links, list markers and emphasis, and keeps *** (a write-off code), snake_case and 2*3', async () => {
    const markdown = '**Slik** gjør du _det_: se [siden](https://x.no/a_b).\n- punkt\n1. første\n* stjerne\nAvskriv med *** (foreløpig svar) eller «***». 2*3, a_b, __under__.';
    const rows = await db.prisma.$queryRaw<{ plain: string }[]>`SELECT knowledge_plain_text(${markdown}) AS plain`;
    expect(rows[0]!.plain).toBe('Slik gjør du det: se siden. punkt første stjerne Avskriv med *** (foreløpig svar) eller «***». 2*3, a_b, under.');
  });

  it('a question of stop words and signs only has nothing to search for', async () => {
    const result = await search('hva er det?');
    expect(result).toEqual({ hits: [], corrections: [], searchable: false });
  });

  it('the front of a stem: a derivation off, then two letters off a long stem; none when too short', () => {
    expect(stemFront('avskriv', 'norwegian')).toBe('avskr');
    expect(stemFront('avskrev', 'norwegian')).toBe('avskr');
    expect(stemFront('avskrivning', 'norwegian')).toBe('avskr');
    expect(stemFront('journalpost', 'norwegian')).toBe('journalpo');
    expect(stemFront('arkiv', 'norwegian')).toBe('arkiv');
    expect(stemFront('brev', 'norwegian')).toBeNull();
    expect(stemFront('writing', 'english')).toBe('writi');
  });

  it('a short query is also compared with the titles (a compound written apart: "journal føring")', async () => {
    const rows = await db.prisma.$queryRaw<{ slug: string }[]>(
      searchStatement({ tsquery: "'nothing-matches-this'", titleText: 'journal føring', langs: ['nb'], limit: 3 }),
    );
    expect(rows.map((row) => row.slug)).toEqual(['kontroll']);
  });

  it('quotes and backslashes in a question do not break the query', async () => {
    await expect(search("avskriv' | 'x \\ :* & !")).resolves.toMatchObject({ searchable: true });
  });
});

describe('knowledge search uses its indexes', () => {
  let db: TestDatabase;
  const plan = async (statement: Prisma.Sql, { forceIndex = false } = {}) =>
    db.prisma.$transaction(async (tx) => {
      if (forceIndex) await tx.$executeRawUnsafe('SET LOCAL enable_seqscan = off');
      const rows = await tx.$queryRaw<{ 'QUERY PLAN': string }[]>(Prisma.sql`EXPLAIN ${statement}`);
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    });

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadDemoOrganisationOnly(db.prisma);
    await addArticles(db.prisma, ARTICLES);
    // A knowledge base of a large organisation: 2,000 articles of 80 words each, vacuumed and
    // analysed as autovacuum leaves a table (GIN's pending list merged, statistics taken).
    await db.prisma.$executeRaw`
      INSERT INTO knowledge_article (id, slug, lang, title, body, tags, updated_at)
      SELECT gen_random_uuid(), 'bulk-' || i, 'nb', 'Artikkel ' || i,
             (SELECT string_agg(translate(substr(md5(i || '-' || j), 1, 4 + j % 6), '0123456789', 'ghijklmnop'), ' ') FROM generate_series(1, 80) AS j),
             '{}', now()
        FROM generate_series(1, 2000) AS i`;
    await refreshKnowledgeWords(db.prisma);
    await db.prisma.$executeRawUnsafe('VACUUM ANALYZE knowledge_article');
    await db.prisma.$executeRawUnsafe('VACUUM ANALYZE knowledge_word');
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  it('the planner answers the full-text query from the GIN index on the search column, not by reading every article', async () => {
    const chosen = await plan(searchStatement({ tsquery: "'avskriv' | 'brev'", langs: ['nb'], limit: 3 }));
    expect(chosen).toContain('Bitmap Index Scan on knowledge_article_search_idx');
    expect(chosen).not.toContain('Seq Scan on knowledge_article');
  });

  it('the widened query uses the GIN index and the title’s trigram index together', async () => {
    const chosen = await plan(searchStatement({ tsquery: "'avskriv' | 'avskr':*", titleText: 'journal føring', langs: ['nb'], limit: 3 }));
    expect(chosen).toContain('Bitmap Index Scan on knowledge_article_search_idx');
    expect(chosen).toContain('Bitmap Index Scan on knowledge_article_title_trgm_idx');
    expect(chosen).not.toContain('Seq Scan on knowledge_article');
  });

  it('the corrections can be looked up in the trigram index of the word list', async () => {
    // A word list of a few thousand words is read whole in a millisecond, so the planner may; it
    // must be able to use the index as the list grows.
    expect(await plan(analyseStatement('avskrivnig', 'norwegian'), { forceIndex: true })).toContain('knowledge_word_trgm_idx');
  });
});

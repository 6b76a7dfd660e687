import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ArticleFileError, parseArticleFile } from '../../domain/knowledge/article-file.js';
import { importArticleFolder, importArticles, readArticleFolder } from '../../domain/knowledge/import-articles.js';
import { DEMO_ARTICLES_DIR, loadDemoOrganisationIfEmpty } from '../../domain/org/load-demo-organisation.js';
import { createTestDatabase } from '../support/database.js';
import { article, KNOWLEDGE_FIXTURES, loadDemoOrganisationOnly } from '../support/knowledge.js';

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

/** The error's problems, or a failure when the call did not throw one. */
async function problemsOf(attempt: Promise<unknown>): Promise<string[]> {
  try {
    await attempt;
  } catch (error) {
    if (error instanceof ArticleFileError) return error.problems;
    throw error;
  }
  throw new Error('expected an ArticleFileError');
}

/** A file with every kind of field problem, and Markdown a card cannot show, each on its own line. */
const BROKEN = `---
slug: Feil Slug
lang: se
title:
unit: DOKU
tags: avskrivning
colour: blue
link: javascript:alert(1)
---
Teksten begynner her.

# En overskrift

| a | b |
|---|---|

\`\`\`
kode
\`\`\`
![bilde](https://x.no/a.png)
`;

describe('article files', () => {
  it('a good file gives the article: fields, tags once each, the body without the front matter', () => {
    const { article: parsed, problems } = parseArticleFile(
      '---\nslug: a-b\nlang: nn\ntitle: "Tittel: med kolon"\nunit: 1200\ntags: [x, y, x, 2026]\n---\n\nTekst med **feit** skrift.\n\n- eitt\n- to\n',
      'dir/a-b.nn.md',
    );
    expect(problems).toEqual([]);
    expect(parsed).toEqual({
      file: 'dir/a-b.nn.md',
      slug: 'a-b',
      lang: 'nn',
      title: 'Tittel: med kolon',
      unit: '1200',
      tags: ['x', 'y', '2026'],
      body: 'Tekst med **feit** skrift.\n\n- eitt\n- to',
      lines: { slug: 2, unit: 5 },
    });
  });

  it('every problem of a file is reported with its line and field, in bokmål, and in English when asked', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'arkivlos-articles-'));
    try {
      await writeFile(join(dir, 'feil.nb.md'), BROKEN);
      await writeFile(join(dir, 'uten-felter.nb.md'), 'Bare tekst, ingen felter.\n');
      await writeFile(join(dir, 'Feil navn.md'), '---\nslug: x\nlang: nb\ntitle: X\nunit: DOKU\n---\nTekst.\n');
      await writeFile(join(dir, 'ok.nb.md'), '---\nslug: ok\nlang: nb\ntitle: OK\nunit: DOKU\n---\nTekst.\n');
      const file = (name: string) => join(dir, name);
      expect(await problemsOf(readArticleFolder(dir))).toEqual([
        `${file('Feil navn.md')}:1 filnavnet må være <slug>.<språk>.md, der språk er nb, nn eller en`,
        `${file('feil.nb.md')}:2 slug: må være små bokstaver a–z, sifre og bindestreker, for eksempel avskrivning-metoder`,
        `${file('feil.nb.md')}:2 slug: stemmer ikke med filnavnet (feil)`,
        `${file('feil.nb.md')}:3 lang: må være nb, nn eller en`,
        `${file('feil.nb.md')}:3 lang: stemmer ikke med filnavnet (nb)`,
        `${file('feil.nb.md')}:4 title: mangler`,
        `${file('feil.nb.md')}:6 tags: må være en liste, for eksempel [avskrivning, restanse]`,
        `${file('feil.nb.md')}:7 colour: ukjent felt; en artikkel har slug, lang, title, subjectArea, unit, tags og link`,
        `${file('feil.nb.md')}:8 link: må være en nettadresse som begynner med https:// eller http://`,
        `${file('feil.nb.md')}:12 body: overskrifter (#) vises ikke i Teams-kort; bruk **fet skrift** på en egen linje`,
        `${file('feil.nb.md')}:14 body: tabeller vises ikke i Teams-kort; bruk en liste`,
        `${file('feil.nb.md')}:15 body: tabeller vises ikke i Teams-kort; bruk en liste`,
        `${file('feil.nb.md')}:17 body: kodeblokker vises ikke i Teams-kort`,
        `${file('feil.nb.md')}:19 body: kodeblokker vises ikke i Teams-kort`,
        `${file('feil.nb.md')}:20 body: bilder vises ikke i Teams-kort; lenk til siden i stedet`,
        `${file('uten-felter.nb.md')}:1 filen må begynne med en linje «---», feltene, og en ny linje «---» før teksten`,
      ]);
      const english = await problemsOf(readArticleFolder(dir, { language: 'en' }));
      expect(english).toContain(`${file('feil.nb.md')}:4 title: is required`);
      expect(english).toContain(`${file('feil.nb.md')}:12 body: headings (#) are not shown in Teams cards; use **bold** on a line of its own`);
      expect(english.join('\n')).not.toMatch(/\b(mangler|ukjent|må|vises)\b/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the example article in the README is a good file', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const example = /<!-- example: article -->\n```markdown\n([\s\S]*?)```\n/.exec(readme)![1]!;
    const { article: parsed, problems } = parseArticleFile(example, 'avskrivning-metoder.nb.md');
    expect(problems).toEqual([]);
    expect(parsed).toMatchObject({ slug: 'avskrivning-metoder', lang: 'nb', unit: 'DOKU', subjectArea: 'SAKARKIV', tags: ['avskrivning', 'avskrive', 'restanse'] });
  });

  it('YAML that does not parse is reported at its line', () => {
    const { problems } = parseArticleFile('---\nslug: a\ntitle: "ikke lukket\nunit: DOKU\n---\nTekst\n', 'a.nb.md');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'a.nb.md', message: { key: 'syntax' } });
    expect(problems[0]!.line).toBeGreaterThanOrEqual(3);
  });
});

describe('importing articles', () => {
  let db: TestDatabase;
  const rowVersions = async () =>
    db.prisma.$queryRaw<{ xmin: string }[]>`SELECT xmin::text FROM knowledge_article UNION ALL SELECT xmin::text FROM knowledge_word ORDER BY 1`;

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadDemoOrganisationOnly(db.prisma);
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    await db.prisma.knowledgeArticle.deleteMany();
    await db.prisma.knowledgeWord.deleteMany();
    await db.prisma.auditEntry.deleteMany({ where: { entity: 'knowledge_article' } });
  });

  it('imports the files by (slug, lang) with their unit, subject area, tags and link, audited, and fills the word list', async () => {
    expect(await importArticleFolder(db.prisma, KNOWLEDGE_FIXTURES, { actor: 'knowledge-import' })).toEqual({ created: 4, updated: 0, unchanged: 0 });
    const rows = await db.prisma.knowledgeArticle.findMany({ include: { owningUnit: true, subjectArea: true }, orderBy: [{ slug: 'asc' }, { lang: 'asc' }] });
    expect(rows.map((row) => `${row.slug}.${row.lang}`)).toEqual(['avskrivning-metoder.nb', 'avskrivning-metoder.en', 'restanser.nn', 'tilgang-nyansatte.nb']);
    expect(rows[0]).toMatchObject({
      title: 'Slik avskriver du en journalpost',
      source: 'import',
      tags: ['restanse', 'TE', 'TO', 'BU'],
      link: null,
      owningUnit: { code: 'DOKU' },
      subjectArea: { code: 'SAKARKIV' },
      retiredAt: null,
      viewCount: 0,
      helpedCount: 0,
    });
    expect(rows[0]!.body).toMatch(/^Når du har svart på et inngående brev/);
    expect(rows[3]).toMatchObject({ link: 'https://intranett.eksempel.kommune.no/skjema/tilgang-sak-arkiv', subjectArea: null });
    const audit = await db.prisma.auditEntry.findMany({ where: { entity: 'knowledge_article' } });
    expect(audit.map((entry) => [entry.actor, entry.action])).toEqual(Array(4).fill(['knowledge-import', 'knowledge.article.created']));
    expect(await db.prisma.knowledgeWord.findUnique({ where: { word: 'avskrive' } })).toMatchObject({ documents: 2 }); // nb, and en in brackets
    // Link addresses are no words to correct a query to.
    expect(await db.prisma.knowledgeWord.findUnique({ where: { word: 'https' } })).toBeNull();
  });

  it('importing the same files again writes nothing: no row, no word, no audit entry', async () => {
    await importArticleFolder(db.prisma, KNOWLEDGE_FIXTURES, { actor: 'knowledge-import' });
    const before = { rows: await rowVersions(), audit: await db.prisma.auditEntry.count() };
    expect(await importArticleFolder(db.prisma, KNOWLEDGE_FIXTURES, { actor: 'knowledge-import' })).toEqual({ created: 0, updated: 0, unchanged: 4 });
    expect(await rowVersions()).toEqual(before.rows);
    expect(await db.prisma.auditEntry.count()).toBe(before.audit);
  });

  it('a changed file updates only its article, audits only the fields that changed, and keeps counts and retirement', async () => {
    await importArticleFolder(db.prisma, KNOWLEDGE_FIXTURES, { actor: 'knowledge-import' });
    const before = await db.prisma.knowledgeArticle.findFirstOrThrow({ where: { slug: 'restanser', lang: 'nn' } });
    await db.prisma.knowledgeArticle.update({ where: { id: before.id }, data: { viewCount: 7, helpedCount: 2, retiredAt: new Date() } });
    const [changed, ...rest] = await readArticleFolder(KNOWLEDGE_FIXTURES).then((all) => [
      ...all.filter((a) => a.slug === 'restanser'),
      ...all.filter((a) => a.slug !== 'restanser'),
    ]);
    const summary = await importArticles(db.prisma, [{ ...changed!, title: 'Restansar – kva som tel no' }, ...rest], { actor: 'knowledge-import' });
    expect(summary).toEqual({ created: 0, updated: 1, unchanged: 3 });
    const after = await db.prisma.knowledgeArticle.findUniqueOrThrow({ where: { id: before.id } });
    expect(after).toMatchObject({ title: 'Restansar – kva som tel no', viewCount: 7, helpedCount: 2, retiredAt: expect.any(Date) });
    const audit = await db.prisma.auditEntry.findFirstOrThrow({ where: { action: 'knowledge.article.updated' } });
    expect(audit).toMatchObject({
      entityId: before.id,
      before: { id: before.id, slug: 'restanser', lang: 'nn', title: 'Restansar – kva som tel' },
      after: { id: before.id, slug: 'restanser', lang: 'nn', title: 'Restansar – kva som tel no' },
    });
  });

  it('unknown unit and subject area codes are problems at their lines, and nothing at all is written', async () => {
    const good = await readArticleFolder(KNOWLEDGE_FIXTURES);
    const unknown = article({ slug: 'ukjent', title: 'Ukjent', body: 'Tekst.', unit: 'NOPE', subjectArea: 'INGEN', lines: { slug: 2, unit: 6, subjectArea: 5 } });
    expect(await problemsOf(importArticles(db.prisma, [...good, unknown], { actor: 'knowledge-import' }))).toEqual([
      'ukjent.nb.md:6 unit: ukjent enhetskode «NOPE» (kjente: DOKU, KOMM, NSK, OKO, OPPV, PLB)',
      'ukjent.nb.md:5 subjectArea: ukjent fagområdekode «INGEN» (kjente: OKONOMI, OPPVEKST, PERSONAL, PLAN, SAKARKIV)',
    ]);
    expect(await db.prisma.knowledgeArticle.count()).toBe(0);
    expect(await db.prisma.knowledgeWord.count()).toBe(0);
    expect(await db.prisma.auditEntry.count({ where: { entity: 'knowledge_article' } })).toBe(0);
  });

  it('the same slug and language twice is a problem, named by both files', async () => {
    const one = article({ slug: 'to', title: 'En', body: 'Tekst.', file: 'a/to.nb.md' });
    const two = article({ slug: 'to', title: 'To', body: 'Tekst.', file: 'b/to.nb.md' });
    expect(await problemsOf(importArticles(db.prisma, [one, two], { actor: 'test' }))).toEqual(['b/to.nb.md:2 slug: samme slug og språk som a/to.nb.md']);
  });

  it('the shipped starter articles import without problems, and an empty embedded database gets them with the demo organisation', async () => {
    const shipped = (await readdir(DEMO_ARTICLES_DIR)).filter((name) => name.endsWith('.md') && name !== 'README.md');
    const fresh = await createTestDatabase();
    try {
      expect(await loadDemoOrganisationIfEmpty(fresh.prisma)).toBe(true);
      expect(await fresh.prisma.knowledgeArticle.count({ where: { source: 'import' } })).toBe(shipped.length);
      const audit = await fresh.prisma.auditEntry.count({ where: { entity: 'knowledge_article', actor: 'demo-data' } });
      expect(audit).toBe(shipped.length);
      expect(await loadDemoOrganisationIfEmpty(fresh.prisma)).toBe(false);
    } finally {
      await fresh.close();
    }
  });
});

describe('npm run knowledge:import', () => {
  let db: TestDatabase;
  let dir: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadDemoOrganisationOnly(db.prisma);
    dir = await mkdtemp(join(tmpdir(), 'arkivlos-knowledge-import-'));
    await cp(KNOWLEDGE_FIXTURES, join(dir, 'good'), { recursive: true });
    await cp(KNOWLEDGE_FIXTURES, join(dir, 'bad'), { recursive: true });
    const file = join(dir, 'bad', 'restanser.nn.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('unit: DOKU', 'unit: ARKIV').replace('title: Restansar – kva som tel\n', ''));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await db?.close();
  });

  function runCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile('npx', ['tsx', 'scripts/knowledge-import.ts', ...args], { env: { ...process.env, DATABASE_URL: db.url } }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      });
    });
  }

  it('a folder with problems: each as file:line field: message, exit code 1, nothing imported', async () => {
    const result = await runCli(join(dir, 'bad'));
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([`${join(dir, 'bad')} har 1 feil. Ingenting er importert.`, `  ${join(dir, 'bad', 'restanser.nn.md')}:1 title: mangler`]);
    expect(await db.prisma.knowledgeArticle.count()).toBe(0);

    // With the title back, the unknown unit is found against the database.
    const file = join(dir, 'bad', 'restanser.nn.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('lang: nn\n', 'lang: nn\ntitle: Restansar\n'));
    const second = await runCli('--lang', 'en', join(dir, 'bad'));
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`${join(dir, 'bad')} has 1 problem. Nothing was imported.`);
    expect(second.stderr).toContain(`${file}:5 unit: unknown unit code "ARKIV"`);
    expect(await db.prisma.knowledgeArticle.count()).toBe(0);
  }, 60_000);

  it('a good folder is imported with a summary; the same folder again reports no changes', async () => {
    const first = await runCli(join(dir, 'good'));
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout.trim()).toBe(`Importert fra ${join(dir, 'good')}: 4 nye, 0 endret, 0 uendret.`);
    const second = await runCli(join(dir, 'good'));
    expect(second.stdout.trim()).toBe(`Ingen endringer: databasen stemmer allerede med de 4 artiklene i ${join(dir, 'good')}.`);
    expect(await db.prisma.auditEntry.count({ where: { actor: 'knowledge-import' } })).toBe(4);
  }, 60_000);

  it('a folder that does not exist, or an unknown language: a clear message and exit code 1', async () => {
    const missing = await runCli(join(dir, 'finnes-ikke'));
    expect(missing).toMatchObject({ code: 1, stderr: `Fant ikke mappen ${join(dir, 'finnes-ikke')}.\n` });
    const language = await runCli('--lang', 'de', join(dir, 'good'));
    expect(language.code).toBe(1);
    expect(language.stderr).toContain('Bruk: npm run knowledge:import -- [--lang nb|en] <mappe med artikler>');
  }, 60_000);
});

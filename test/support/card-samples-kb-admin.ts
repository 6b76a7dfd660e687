import type { AdaptiveCard } from '../../cards/card-kit.js';
import { kbArticleFormCard } from '../../cards/kb-article-form-card.js';
import { kbArticlesCard } from '../../cards/kb-articles-card.js';
import { qaPublishCard } from '../../cards/qa-publish-card.js';
import { ARTICLE_LIMITS } from '../../domain/knowledge/article-form.js';
import type { ManagedArticle } from '../../domain/knowledge/article-rows.js';
import { MANAGED_ARTICLES_SHOWN } from '../../domain/knowledge/list-managed-articles.js';
import type { Locale, Translate } from '../../i18n/index.js';

const ID = (n: number) => `7a1c9e52-3b4d-4e6f-8a9b-${String(n).padStart(12, '0')}`;
const AREAS = ['Bruk av sak-/arkivsystemet', 'Økonomi', 'Plan og bygg', 'Oppvekst og skole', 'Personal'].map((name, i) => ({ id: ID(900 + i), name }));

/** The longest list the card shows: every row with the longest title, half of them another unit's, some retired. */
const FULL: (ManagedArticle & { own: boolean })[] = Array.from({ length: MANAGED_ARTICLES_SHOWN }, (_, i) => ({
  id: ID(i),
  slug: `artikkel-${i}`,
  lang: (['nb', 'nn', 'en'] as const)[i % 3]!,
  title: `Slik avskriver du en journalpost ${i} ${'og hva du gjør når *noe* går galt '.repeat(5)}`.slice(0, ARTICLE_LIMITS.title),
  body: 'x',
  link: null,
  subjectAreaId: AREAS[i % AREAS.length]!.id,
  subjectArea: AREAS[i % AREAS.length]!.name,
  owningUnitId: ID(800 + (i % 2)),
  unit: i % 2 ? 'Dokumentsenteret' : 'Økonomiavdelingen',
  tags: ['avskrivning'],
  source: (['manual', 'henvendelse', 'sporretime', 'import'] as const)[i % 4]!,
  viewCount: 1234 + i,
  helpedCount: 56,
  retired: i % 5 === 4,
  version: 3,
  own: i % 2 === 0,
}));

export function addKbAdminCardSamples(add: (file: string, name: string, card: AdaptiveCard) => void, locale: Locale, t: Translate): void {
  add('kb-articles-card.ts', `${locale} no articles yet`, kbArticlesCard({ unit: 'Økonomiavdelingen', query: null, articles: [], total: 0 }, t));
  add(
    'kb-articles-card.ts',
    `${locale} a full search with a notice and more than shown`,
    kbArticlesCard({ unit: 'Økonomiavdelingen', query: 'avskrivning', articles: FULL, total: 140, notice: { kind: 'retired', title: FULL[0]!.title } }, t),
  );
  add(
    'kb-articles-card.ts',
    `${locale} the unit's own with a warning notice`,
    kbArticlesCard({ unit: 'Økonomiavdelingen', query: null, articles: FULL.slice(0, 3), total: 3, notice: { kind: 'alreadyRetired', title: 'Faktura' } }, t),
  );

  add('kb-article-form-card.ts', `${locale} new article`, kbArticleFormCard({ article: null, unit: 'Økonomiavdelingen', values: { lang: locale }, problems: [], subjectAreas: AREAS }, t));
  add(
    'kb-article-form-card.ts',
    `${locale} refused edit with every problem and the longest text`,
    kbArticleFormCard(
      {
        article: { id: ID(1), version: 2 },
        unit: 'Økonomiavdelingen',
        values: { title: '', body: 'x'.repeat(ARTICLE_LIMITS.body), link: 'http://intranett.kommune.no/side', lang: 'nn', subjectAreaId: AREAS[1]!.id, tags: 'a, b' },
        problems: [
          { field: 'title', problem: 'required' },
          { field: 'body', problem: 'tooLong', max: ARTICLE_LIMITS.body },
          { field: 'link', problem: 'https' },
          { field: 'tags', problem: 'tooMany', max: ARTICLE_LIMITS.tags },
        ],
        subjectAreas: AREAS,
      },
      t,
    ),
  );

  const question = { questionId: ID(2), question: 'Hvordan avskriver jeg en journalpost med *stjerner* i tittelen?', answer: 'Velg **Avskriv**.\n\n'.repeat(200), unit: 'Dokumentsenteret' };
  add('qa-publish-card.ts', `${locale} the form`, qaPublishCard({ ...question, values: { title: 'Hvordan avskriver jeg?', lang: 'nb' }, problems: [], subjectAreas: AREAS }, t));
  add(
    'qa-publish-card.ts',
    `${locale} the form refused`,
    qaPublishCard({ ...question, values: { title: '' }, problems: [{ field: 'title', problem: 'required' }], subjectAreas: AREAS }, t),
  );
  add(
    'qa-publish-card.ts',
    `${locale} published`,
    qaPublishCard({ ...question, values: {}, problems: [], subjectAreas: [], published: { kind: 'published', articleId: ID(3), title: 'Hvordan avskriver jeg?', own: true } }, t),
  );
  add(
    'qa-publish-card.ts',
    `${locale} published before by another unit`,
    qaPublishCard({ ...question, values: {}, problems: [], subjectAreas: [], published: { kind: 'alreadyPublished', articleId: ID(3), title: 'Hvordan avskriver jeg?', own: false } }, t),
  );
}

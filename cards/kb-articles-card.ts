import type { ManagedArticle } from '../domain/knowledge/article-rows.js';
import type { Translate } from '../i18n/index.js';
import { card, done, execute, heading, text, warning, type AdaptiveCard, type CardElement } from './card-kit.js';
import { KB_VERBS } from './kb-kit.js';

export type KbNotice =
  | { kind: 'created' | 'saved' | 'unchanged' | 'retired' | 'restored'; title: string }
  | { kind: 'alreadyRetired' | 'alreadyRestored'; title: string };

export interface KbArticlesView {
  /** The reader's unit: they change its articles only. */
  unit: string;
  /** The words searched for; null: the unit's own articles. */
  query: string | null;
  articles: (ManagedArticle & { own: boolean })[];
  total: number;
  notice?: KbNotice;
}

/**
 * `artikler`: a search field, «Ny artikkel», and the articles with their language, subject area,
 * source and counts; «Rediger» and «Trekk tilbake»/«Gjenopprett» on the unit's own only (another
 * unit's shows whose it is). Only in the reader's 1:1 chat.
 */
export function kbArticlesCard(view: KbArticlesView, t: Translate): AdaptiveCard {
  const { query } = view;
  const body: CardElement[] = [
    heading(t('kb.list.title')),
    text(query ? t('kb.list.found', { query, count: view.total, unit: view.unit }) : t('kb.list.own', { unit: view.unit }), { spacing: 'Small' }),
    ...(view.notice ? [noticeLine(view.notice, t)] : []),
    {
      type: 'Input.Text',
      id: 'query',
      label: t('kb.list.query'),
      placeholder: t('kb.list.queryPlaceholder'),
      maxLength: 200,
      ...(query ? { value: query } : {}),
    },
    {
      type: 'ActionSet',
      actions: [
        execute(t('kb.list.search'), KB_VERBS.list, {}),
        execute(t('kb.list.new'), KB_VERBS.new, {}, { associatedInputs: 'none' }),
        ...(query ? [execute(t('kb.list.showOwn'), KB_VERBS.list, {}, { associatedInputs: 'none' })] : []),
      ],
    },
    ...(view.articles.length === 0 ? [text(query ? t('kb.list.noneFound', { query }) : t('kb.list.none'), { spacing: 'Medium' })] : []),
    ...view.articles.map((article) => articleRow(article, t)),
    ...(view.total > view.articles.length ? [text(t('kb.list.more', { shown: view.articles.length, total: view.total }), { isSubtle: true })] : []),
  ];
  return card(t('kb.list.speak', { unit: view.unit, count: view.total }), body);
}

function articleRow(article: ManagedArticle & { own: boolean }, t: Translate): CardElement {
  const about = [
    t(`kb.list.language.${article.lang}`),
    article.subjectArea,
    t(`kb.source.${article.source}`),
    t('kb.list.counts', { views: article.viewCount, helped: article.helpedCount }),
  ].filter(Boolean);
  const actions = article.own
    ? [
        execute(t('kb.list.edit'), KB_VERBS.edit, { articleId: article.id }, { associatedInputs: 'none' }),
        article.retired
          ? execute(t('kb.list.restore'), KB_VERBS.restore, { articleId: article.id, version: article.version }, { associatedInputs: 'none' })
          : execute(t('kb.list.retire'), KB_VERBS.retire, { articleId: article.id, version: article.version }, { associatedInputs: 'none' }),
      ]
    : [];
  return {
    type: 'Container',
    separator: true,
    spacing: 'Medium',
    items: [
      // The title is the article's own text: a TextRun, never read as markdown.
      { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: article.title, weight: 'Bolder' }] },
      text(about.join(' · '), { isSubtle: true, size: 'Small', spacing: 'None' }),
      ...(article.retired ? [warning(t('kb.list.retired'), { size: 'Small', spacing: 'None' })] : []),
      ...(!article.own && article.unit ? [text(t('kb.list.otherUnit', { unit: article.unit }), { size: 'Small', spacing: 'None' })] : []),
      ...(actions.length ? [{ type: 'ActionSet', actions }] : []),
    ],
  };
}

function noticeLine(notice: KbNotice, t: Translate): CardElement {
  const line = t(`kb.notice.${notice.kind}`, { title: notice.title });
  return notice.kind === 'alreadyRetired' || notice.kind === 'alreadyRestored' || notice.kind === 'unchanged' ? warning(line) : done(line);
}

import { ARTICLE_FIELDS, type ArticleFormValues, type ArticleProblem } from '../domain/knowledge/article-form.js';
import type { Translate } from '../i18n/index.js';
import { card, execute, heading, text, type AdaptiveCard } from './card-kit.js';
import { articleInputs, KB_VERBS, problemLines } from './kb-kit.js';

export interface KbArticleFormView {
  /** A new article, or the article at the version the form shows. */
  article: { id: string; version: number } | null;
  unit: string;
  values: ArticleFormValues;
  problems: ArticleProblem[];
  subjectAreas: { id: string; name: string }[];
}

/** «Ny artikkel» and «Rediger»: every field labelled; a refused save shows it again with its problems. */
export function kbArticleFormCard(view: KbArticleFormView, t: Translate): AdaptiveCard {
  const save = view.article
    ? execute(t('kb.form.save'), KB_VERBS.save, { articleId: view.article.id, version: view.article.version }, { style: 'positive' })
    : execute(t('kb.form.save'), KB_VERBS.create, {}, { style: 'positive' });
  return card(
    t('kb.form.speak'),
    [
      heading(t(view.article ? 'kb.form.editTitle' : 'kb.form.newTitle')),
      text(t('kb.form.intro', { unit: view.unit }), { spacing: 'Small' }),
      ...problemLines(view.problems, t),
      ...articleInputs(ARTICLE_FIELDS, view.values, view.subjectAreas, t),
    ],
    [save, execute(t('kb.form.cancel'), KB_VERBS.list, {}, { associatedInputs: 'none' })],
  );
}

/** An article's stored fields as the form's text. */
export function formValuesOf(article: { title: string; body: string; link: string | null; lang: string; subjectAreaId: string | null; tags: string[] }): ArticleFormValues {
  return {
    title: article.title,
    body: article.body,
    ...(article.link ? { link: article.link } : {}),
    lang: article.lang,
    ...(article.subjectAreaId ? { subjectAreaId: article.subjectAreaId } : {}),
    ...(article.tags.length ? { tags: article.tags.join(', ') } : {}),
  };
}

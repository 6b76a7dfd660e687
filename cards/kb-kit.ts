import type { ArticleField, ArticleFormValues, ArticleProblem } from '../domain/knowledge/article-form.js';
import { ARTICLE_LIMITS } from '../domain/knowledge/article-form.js';
import type { MessageKey, Translate } from '../i18n/index.js';
import { text, warning, type CardElement } from './card-kit.js';

/** The knowledge base's card actions (bot/routes/kb-admin.ts). */
export const KB_VERBS = {
  list: 'kb.list',
  new: 'kb.new',
  create: 'kb.create',
  edit: 'kb.edit',
  save: 'kb.save',
  retire: 'kb.retire',
  restore: 'kb.restore',
  /** The moderation card's «Publiser i kunnskapsbasen» opens the form; its button publishes. */
  publishShow: 'qa.publish.show',
  publishSubmit: 'qa.publish.submit',
} as const;

const LANGS = ['nb', 'nn', 'en'] as const;

const LABELS: Record<ArticleField, MessageKey> = {
  title: 'kb.form.title',
  body: 'kb.form.body',
  link: 'kb.form.link',
  lang: 'kb.form.lang',
  subjectAreaId: 'kb.form.subjectArea',
  tags: 'kb.form.tags',
};

/** The form's inputs for these fields, labelled, filled in with `values`. */
export function articleInputs(
  fields: readonly ArticleField[],
  values: ArticleFormValues,
  subjectAreas: { id: string; name: string }[],
  t: Translate,
): CardElement[] {
  const input = (field: ArticleField): CardElement => {
    const label = t(LABELS[field]);
    const value = values[field] ? { value: values[field] } : {};
    switch (field) {
      case 'title':
        return { type: 'Input.Text', id: field, label, isRequired: true, maxLength: ARTICLE_LIMITS.title, errorMessage: t('kb.form.titleError', { max: ARTICLE_LIMITS.title }), ...value };
      case 'body':
        return { type: 'Input.Text', id: field, label, isMultiline: true, isRequired: true, maxLength: ARTICLE_LIMITS.body, errorMessage: t('kb.form.bodyError', { max: ARTICLE_LIMITS.body }), ...value };
      case 'link':
        return { type: 'Input.Text', id: field, label, style: 'Url', maxLength: ARTICLE_LIMITS.link, ...value };
      case 'lang':
        return { type: 'Input.ChoiceSet', id: field, label, choices: LANGS.map((lang) => ({ title: t(`kb.list.language.${lang}`), value: lang })), value: values.lang ?? 'nb' };
      case 'subjectAreaId':
        return { type: 'Input.ChoiceSet', id: field, label, choices: subjectAreas.map((area) => ({ title: area.name, value: area.id })), ...value };
      case 'tags':
        return { type: 'Input.Text', id: field, label, ...value };
    }
  };
  return fields.map(input);
}

/** The problems of a refused form, each a sentence naming its field, after «Ingenting er lagret». */
export function problemLines(problems: ArticleProblem[], t: Translate): CardElement[] {
  if (problems.length === 0) return [];
  return [
    warning(t('kb.form.problems'), { weight: 'Bolder' }),
    ...problems.map((problem) => {
      const field = t(LABELS[problem.field]);
      return text(
        problem.problem === 'tooLong' || problem.problem === 'tooMany'
          ? t(`kb.problem.${problem.problem}`, { field, max: problem.max })
          : t(`kb.problem.${problem.problem}`, { field }),
        { spacing: 'None' },
      );
    }),
  ];
}

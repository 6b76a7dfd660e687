import type { ArticleFormValues, ArticleProblem } from '../domain/knowledge/article-form.js';
import type { Translate } from '../i18n/index.js';
import { card, done, execute, heading, subheading, text, warning, type AdaptiveCard, type CardElement } from './card-kit.js';
import { articleInputs, KB_VERBS, problemLines } from './kb-kit.js';
import { writtenText } from './support-kit.js';

export interface QaPublishView {
  questionId: string;
  question: string;
  answer: string;
  unit: string;
  values: ArticleFormValues;
  problems: ArticleProblem[];
  subjectAreas: { id: string; name: string }[];
  /** Published now, or before: the article, and whether the reader's unit owns it (then «Rediger»). */
  published?: { kind: 'published' | 'alreadyPublished'; articleId: string; title: string; own: boolean };
}

/**
 * «Publiser i kunnskapsbasen» for an answered question, in the publisher's 1:1 chat: the question
 * and the answer (the article's text) as written, and the title, language, subject area and tags
 * to choose; once published, what it became. The asker is never shown.
 */
export function qaPublishCard(view: QaPublishView, t: Translate): AdaptiveCard {
  const { published } = view;
  if (published) {
    const line = published.kind === 'published' ? done(t('kb.publish.done', { title: published.title })) : warning(t('kb.publish.already', { title: published.title }));
    return card(
      t('kb.publish.doneSpeak'),
      [heading(t('kb.publish.title')), line],
      [
        ...(published.own ? [execute(t('kb.publish.editArticle'), KB_VERBS.edit, { articleId: published.articleId })] : []),
        execute(t('kb.publish.showArticles'), KB_VERBS.list, {}),
      ],
    );
  }
  const body: CardElement[] = [
    heading(t('kb.publish.title')),
    text(t('kb.publish.intro', { unit: view.unit }), { spacing: 'Small' }),
    subheading(t('kb.publish.question')),
    writtenText(view.question, { spacing: 'None' }),
    subheading(t('kb.publish.answer')),
    writtenText(view.answer, { spacing: 'None' }),
    ...problemLines(view.problems, t),
    ...articleInputs(['title', 'lang', 'subjectAreaId', 'tags'], view.values, view.subjectAreas, t),
  ];
  return card(t('kb.publish.speak'), body, [execute(t('kb.publish.submit'), KB_VERBS.publishSubmit, { questionId: view.questionId }, { style: 'positive' })]);
}

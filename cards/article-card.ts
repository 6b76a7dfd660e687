import type { Locale, Translate } from '../i18n/index.js';
import { card, execute, heading, text, type AdaptiveCard, type CardElement } from './card-kit.js';
import { otherLanguage, SELF_HELP_VERBS } from './self-help-card.js';

export interface ArticleView {
  title: string;
  /** Markdown as a TextBlock renders it: paragraphs, **bold**, _italic_, lists, links. */
  body: string;
  link: string | null;
  lang: Locale;
  /** The owning unit's name. */
  unit: string | null;
  subjectArea: string | null;
  locale: Locale;
  /** The self-help query it was opened from; its buttons stay on the card while it is unanswered. */
  query: { id: string; answered: boolean } | null;
}

/** Speak summaries are short; a long title is cut. */
const SPEAK_TITLE = 150;

/** «Les hele»: the whole article in place of the self-help card, with the same answers to give. */
export function articleCard(view: ArticleView, t: Translate): AdaptiveCard {
  const owner = [view.unit ? t('article.owner', { unit: view.unit }) : null, view.subjectArea].filter(Boolean).join(' · ');
  const body: CardElement[] = [
    heading(view.title),
    ...(view.lang !== view.locale ? [otherLanguage(view.lang, t)] : []),
    ...(owner ? [text(owner, { isSubtle: true, size: 'Small', spacing: 'None' })] : []),
    ...paragraphs(view.body).map((paragraph, i) => text(paragraph, i === 0 ? { spacing: 'Medium' } : {})),
  ];
  const { query } = view;
  const actions: CardElement[] = [
    ...(view.link ? [{ type: 'Action.OpenUrl', title: t('selfHelp.openPage'), url: view.link }] : []),
    ...(query && !query.answered
      ? [
          execute(t('selfHelp.solved'), SELF_HELP_VERBS.solved, { queryId: query.id }, { style: 'positive' }),
          execute(t('selfHelp.needsHelp'), SELF_HELP_VERBS.needsHelp, { queryId: query.id }),
        ]
      : []),
    ...(query ? [execute(t('article.back'), SELF_HELP_VERBS.show, { queryId: query.id })] : []),
  ];
  const title = view.title.length > SPEAK_TITLE ? `${view.title.slice(0, SPEAK_TITLE)}…` : view.title;
  return card(t('article.speak', { title }), body, actions);
}

/**
 * One TextBlock per paragraph (blank lines between them in the file). Lines within a paragraph
 * (list items) are joined with `\r`, the line break Teams' TextBlock markdown takes for lists.
 */
function paragraphs(markdown: string): string[] {
  return markdown
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.split('\n').map((line) => line.trimEnd()).join('\r').trim())
    .filter(Boolean);
}

import type { Locale, Translate } from '../i18n/index.js';
import { card, done, execute, heading, subheading, text, type AdaptiveCard, type CardElement } from './card-kit.js';

/** One article found for the question. */
export interface SelfHelpHit {
  id: string;
  title: string;
  /** Plain text around the match, matched words in **bold**. */
  extract: string;
  /** The article is a link to this page: «Åpne siden» instead of «Les hele». */
  link: string | null;
  lang: Locale;
}

export interface SelfHelpView {
  question: string;
  /** The stored self-help query the buttons answer; null when it could not be stored (no identity). */
  queryId: string | null;
  /** The question has been answered (an old card shown again): «Les hele» stays, the answers go. */
  answered?: boolean;
  hits: SelfHelpHit[];
  /** Words of the articles searched for in place of misspelt ones. */
  corrections: string[];
  locale: Locale;
  /** The word of `hjelp` in the reader's language (the no-result card points to it). */
  helpCommand: string;
}

/** The question as the card repeats it: one paragraph, cut after this many characters. */
const QUESTION_SHOWN = 200;

export const SELF_HELP_VERBS = {
  read: 'selfHelp.read',
  show: 'selfHelp.show',
  solved: 'selfHelp.solved',
  needsHelp: 'selfHelp.needsHelp',
} as const;

export function shownQuestion(question: string): string {
  const line = question.replace(/\s+/g, ' ').trim();
  return line.length > QUESTION_SHOWN ? `${line.slice(0, QUESTION_SHOWN).trimEnd()}…` : line;
}

/**
 * The answer to a question in the 1:1 chat (hjelp til selvhjelp): the best articles with an
 * extract each, then «Dette løste det» and «Jeg trenger fortsatt hjelp». Card data carries the
 * query's id (and the article's for «Les hele»); the server checks both belong to the caller.
 */
export function selfHelpCard(view: SelfHelpView, t: Translate): AdaptiveCard {
  const question = text(t('selfHelp.question', { question: shownQuestion(view.question) }), { isSubtle: true, spacing: 'None' });
  const outcome = (solved: boolean) =>
    view.queryId && !view.answered
      ? [
          ...(solved ? [execute(t('selfHelp.solved'), SELF_HELP_VERBS.solved, { queryId: view.queryId }, { style: 'positive' })] : []),
          execute(t('selfHelp.needsHelp'), SELF_HELP_VERBS.needsHelp, { queryId: view.queryId }),
        ]
      : [];

  if (view.hits.length === 0) {
    return card(
      t('selfHelp.noResult.speak'),
      [
        heading(t('selfHelp.noResult.title')),
        question,
        text(t('selfHelp.noResult.text')),
        text(t('selfHelp.helpHint', { command: `**${view.helpCommand}**` }), { isSubtle: true, size: 'Small' }),
      ],
      outcome(false),
    );
  }

  const body: CardElement[] = [heading(t('selfHelp.title')), question];
  if (view.corrections.length > 0) body.push(text(t('selfHelp.corrected', { words: view.corrections.join(', ') }), { isSubtle: true, size: 'Small', spacing: 'None' }));
  for (const hit of view.hits) body.push(hitContainer(hit, view, t));
  if (view.queryId && !view.answered) body.push(text(t('selfHelp.didItHelp'), { weight: 'Bolder', spacing: 'Large' }));
  return card(t('selfHelp.speak', { count: view.hits.length }), body, outcome(true));
}

function hitContainer(hit: SelfHelpHit, view: SelfHelpView, t: Translate): CardElement {
  const open = hit.link
    ? { type: 'Action.OpenUrl', title: t('selfHelp.openPage'), url: hit.link }
    : view.queryId
      ? execute(t('selfHelp.read'), SELF_HELP_VERBS.read, { queryId: view.queryId, articleId: hit.id })
      : undefined;
  return {
    type: 'Container',
    separator: true,
    spacing: 'Medium',
    items: [
      subheading(hit.title),
      ...(hit.lang !== view.locale ? [otherLanguage(hit.lang, t)] : []),
      text(hit.extract, { spacing: 'Small' }),
      ...(open ? [{ type: 'ActionSet', actions: [open] }] : []),
    ],
  };
}

/** «Artikkel på bokmål»: an article in another language than the reader's. */
export function otherLanguage(lang: Locale, t: Translate): CardElement {
  return text(t('selfHelp.otherLanguage', { language: t(`selfHelp.language.${lang}`) }), { isSubtle: true, size: 'Small', spacing: 'None' });
}

export interface SelfHelpAnsweredView {
  question: string;
  outcome: 'solved' | 'needs_help';
  /** The outcome was given before (a second click, an old card): nothing was changed now. */
  already: boolean;
}

/** The self-help card after «Dette løste det» or «Jeg trenger fortsatt hjelp», in place of the old one. */
export function selfHelpAnsweredCard(view: SelfHelpAnsweredView, t: Translate): AdaptiveCard {
  const said =
    view.outcome === 'solved'
      ? view.already
        ? t('selfHelp.alreadySolved')
        : t('selfHelp.solvedDone')
      : view.already
        ? t('selfHelp.alreadyNeedsHelp')
        : t('selfHelp.needsHelpDone');
  const body: CardElement[] = [
    heading(view.outcome === 'solved' ? t('selfHelp.title') : t('selfHelp.needsHelp')),
    text(t('selfHelp.question', { question: shownQuestion(view.question) }), { isSubtle: true, spacing: 'None' }),
    view.already ? text(said, { weight: 'Bolder' }) : done(said, { weight: 'Bolder' }),
  ];
  body.push(text(t('selfHelp.askAgain'), { isSubtle: true }));
  return card(said, body);
}

import { LOCALE_TAGS, type Locale, type Translate } from '../i18n/index.js';
import type { QaSessionCounts } from '../domain/qa/session-summary.js';
import type { QaQuestionKind } from '../domain/qa/vocabulary.js';
import { card, facts, heading, subheading, text, type AdaptiveCard, type CardElement } from './card-kit.js';
import { formatTime, shortTitle, writtenText } from './support-kit.js';

/** The card shows this many answers, most votes first; the export has them all. */
export const SUMMARY_ANSWERS = 5;
/** An answer longer than this is cut on the card (at most 4000 characters in the session). */
const ANSWER_CHARS = 600;

export interface QaSummaryAnswer {
  kind: QaQuestionKind;
  text: string;
  votes: number;
  answer: string;
}

export interface QaSummaryCardView {
  title: string;
  startsAt: Date;
  endsAt: Date;
  counts: QaSessionCounts;
  /** Whether the unanswered went on to a next session in the conversation. */
  carriedOver: boolean;
  /** The answered questions with the most votes (no askers: the card may be read by everyone in a channel). */
  answers: QaSummaryAnswer[];
  /** Answered questions beyond `answers`. */
  moreAnswers: number;
  locale: Locale;
  /** Only in the moderator's 1:1 chat: the signed download links, or null when the bot has no public address. */
  moderator?: { sessionId: string; downloads: { csv: string; markdown: string; validUntil: Date } | null };
}

/**
 * The summary of a session that has ended: posted in its conversation (bokmål, like the other
 * channel cards) and, with the download links, in the moderator's 1:1 chat in their language.
 * It names nobody and shows no hidden question, so everyone in the channel may read it.
 */
export function qaSummaryCard(view: QaSummaryCardView, t: Translate): AdaptiveCard {
  const number = new Intl.NumberFormat(LOCALE_TAGS[view.locale]).format;
  const { counts } = view;
  const total = counts.questions + counts.errorReports;
  const body: CardElement[] = [heading(t('qa.notify.summary.title', { title: view.title }))];
  if (view.moderator) body.push(text(t('qa.notify.export.intro', { title: view.title })));
  body.push(text(t('qa.notify.summary.closed', { start: formatTime(view.startsAt, view.locale), end: clockTime(view.endsAt, view.locale) }), { isSubtle: true }));
  if (total === 0) {
    body.push(text(t('qa.notify.summary.nothing')));
  } else {
    body.push(
      facts([
        { title: t('qa.notify.summary.questions'), value: number(counts.questions) },
        { title: t('qa.notify.summary.errorReports'), value: number(counts.errorReports) },
        { title: t('qa.notify.summary.votes'), value: t('qa.notify.summary.votesValue', { votes: number(counts.votes), voters: number(counts.voters) }) },
        { title: t('qa.notify.summary.answered'), value: number(counts.answered) },
        { title: t('qa.notify.summary.unanswered'), value: number(counts.unanswered) },
        { title: t('qa.notify.summary.hidden'), value: number(counts.hidden) },
        { title: t('qa.notify.summary.merged'), value: number(counts.merged) },
      ]),
    );
    if (counts.unanswered > 0) {
      body.push(text(t(view.carriedOver ? 'qa.notify.summary.carriedOver' : 'qa.notify.summary.notCarried', { count: number(counts.unanswered) })));
    }
  }
  if (view.answers.length > 0) {
    body.push(subheading(t('qa.notify.summary.answers')));
    for (const answer of view.answers) {
      body.push(
        {
          type: 'RichTextBlock',
          separator: true,
          spacing: 'Medium',
          inlines: [
            { type: 'TextRun', text: `${t(`qa.notify.export.kind.${answer.kind}`)} · ${t('qa.notify.summary.votesOn', { votes: number(answer.votes) })}: `, weight: 'Bolder' },
            { type: 'TextRun', text: answer.text },
          ],
        },
        writtenText(cut(answer.answer)),
      );
    }
    if (view.moreAnswers > 0) body.push(text(t('qa.notify.summary.moreAnswers', { count: number(view.moreAnswers) }), { isSubtle: true }));
  }
  const actions: CardElement[] = [];
  if (view.moderator) {
    const { downloads, sessionId } = view.moderator;
    if (downloads) {
      const date = new Intl.DateTimeFormat(LOCALE_TAGS[view.locale], { dateStyle: 'long', timeZone: 'Europe/Oslo' }).format(downloads.validUntil);
      body.push(text(t('qa.notify.export.linksValid', { date }), { isSubtle: true }));
      actions.push(
        { type: 'Action.OpenUrl', title: t('qa.notify.export.downloadCsv'), url: downloads.csv },
        { type: 'Action.OpenUrl', title: t('qa.notify.export.downloadMarkdown'), url: downloads.markdown },
      );
    } else {
      body.push(text(t('qa.notify.export.noLinks', { id: sessionId }), { isSubtle: true }));
    }
  }
  const speak = t('qa.notify.summary.speak', {
    title: shortTitle(view.title),
    questions: number(total),
    answered: number(counts.answered),
    unanswered: number(counts.unanswered),
  });
  return card(speak, body, actions);
}

/** `09:00`: a session lasts at most 12 hours, so its end is named by the time of day. */
function clockTime(at: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(LOCALE_TAGS[locale], { timeStyle: 'short', timeZone: 'Europe/Oslo' }).format(at);
}

function cut(value: string): string {
  return value.length <= ANSWER_CHARS ? value : `${value.slice(0, ANSWER_CHARS).trimEnd()}…`;
}

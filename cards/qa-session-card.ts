import type { KnownErrorStatus } from '../domain/known-errors/vocabulary.js';
import type { QaQuestionView, QaSessionView } from '../domain/qa/session-view.js';
import { LOCALE_TAGS, type Locale, type Translate } from '../i18n/index.js';
import { card, done, execute, heading, subheading, text, warning, type AdaptiveCard, type CardElement } from './card-kit.js';
import { writtenText } from './support-kit.js';

/** The session card's actions: Action.Execute verbs, data ids only (the route checks everything). */
export const QA_SESSION_VERBS = {
  ask: 'qa.session.ask',
  vote: 'qa.session.vote',
  withdraw: 'qa.session.withdraw',
  showAll: 'qa.session.all',
  show: 'qa.session.show',
  /** The moderator's 1:1 moderation card; its handler lives with moderation, not here. */
  moderate: 'qa.moderate.open',
} as const;

/** The input ids of the ask form on the session card. */
export const QA_ASK_INPUT = { text: 'qaText', kind: 'qaKind', anonymous: 'qaAnonymous' } as const;

/** Teams shows a card of at most about 28 KB; the session cards stay under this with a margin. */
export const QA_CARD_BUDGET_BYTES = 26_000;
/** How much of a written answer the shared card shows (the asker and voters get all of it in their chat). */
const ANSWER_PREVIEW = 600;
/** How much of a question «Vis alle» shows per line. */
const LIST_PREVIEW = 280;

/** What the opening session of a pair tells since the previous day. */
export interface QaSinceLast {
  answered: { text: string; answer: string }[];
  /** Answered since then beyond those listed. */
  moreAnswered: number;
  fixed: { title: string }[];
}

export interface QaKnownErrorLine {
  title: string;
  status: KnownErrorStatus;
}

export interface QaSessionCardView {
  session: QaSessionView;
  /** Opening session of a pair: answered or fixed since the previous day. */
  sinceLast?: QaSinceLast;
  /** Closing session of a pair: the known errors its reports are linked to, with their status. */
  knownErrors?: QaKnownErrorLine[];
  /** The rollout's status, shown on an opening card when given (rollout mode fills it in). */
  rolloutText?: string;
  /** What just happened, for the one who clicked. */
  notice?: { kind: 'done' | 'problem'; text: string };
}

const timeFormats = new Map<Locale, Intl.DateTimeFormat>();
const dayFormats = new Map<Locale, Intl.DateTimeFormat>();
const format = (cache: Map<Locale, Intl.DateTimeFormat>, locale: Locale, options: Intl.DateTimeFormatOptions) => {
  let found = cache.get(locale);
  if (!found) {
    found = new Intl.DateTimeFormat(LOCALE_TAGS[locale], { ...options, timeZone: 'Europe/Oslo' });
    cache.set(locale, found);
  }
  return found;
};

/** `torsdag 3. desember 2026, 09:00–10:00` (Norwegian time). */
export function formatSessionTime(startsAt: Date, endsAt: Date, locale: Locale): string {
  const day = format(dayFormats, locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  const time = format(timeFormats, locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const sameDay = day.format(startsAt) === day.format(endsAt);
  return sameDay
    ? `${day.format(startsAt)}, ${time.format(startsAt)}–${time.format(endsAt)}`
    : `${day.format(startsAt)} ${time.format(startsAt)} – ${day.format(endsAt)} ${time.format(endsAt)}`;
}

export const shorten = (value: string, max: number) => (value.length <= max ? value : `${value.slice(0, max - 1).trimEnd()}…`);
const bytesOf = (value: AdaptiveCard) => Buffer.byteLength(JSON.stringify(value));

function questionLine(question: QaQuestionView, rank: number, t: Translate, options: { preview?: number } = {}): CardElement[] {
  const kind = t(question.kind === 'error_report' ? 'qaCard.kind.errorReport' : 'qaCard.kind.question');
  const votes = t(question.votes === 1 ? 'qaCard.votes.one' : 'qaCard.votes.many', { count: question.votes });
  const who = question.asker ? question.asker.name : t('qaCard.anonymous');
  const facts = [kind, votes, who, ...(question.carried ? [t('qaCard.carried')] : [])].join(' · ');
  const lines: CardElement[] = [
    text(`${rank}. ${facts}`, { weight: 'Bolder', spacing: 'Medium', isSubtle: false }),
    writtenText(options.preview ? shorten(question.text, options.preview) : question.text),
  ];
  if (question.knownError) {
    lines.push(text(t('qaCard.knownError', { title: question.knownError.title, status: t(`qaCard.knownErrorStatus.${question.knownError.status}`) }), { isSubtle: true }));
  }
  if (question.status === 'answered' && question.answer !== null) {
    lines.push(done(t('qaCard.answered'), { spacing: 'Small' }));
    if (!options.preview) lines.push(writtenText(shorten(question.answer, ANSWER_PREVIEW)));
  }
  return lines;
}

function voteButtons(question: QaQuestionView, t: Translate, open: boolean): CardElement[] {
  if (!open) return [];
  return [
    {
      type: 'ActionSet',
      actions: [
        execute(t('qaCard.vote'), QA_SESSION_VERBS.vote, { questionId: question.id }),
        execute(t('qaCard.withdraw'), QA_SESSION_VERBS.withdraw, { questionId: question.id }),
      ],
    },
  ];
}

function askForm(session: QaSessionView, t: Translate): CardElement[] {
  const inputs: CardElement[] = [
    subheading(t('qaCard.askHeading')),
    {
      type: 'Input.ChoiceSet',
      id: QA_ASK_INPUT.kind,
      label: t('qaCard.kindLabel'),
      style: 'expanded',
      value: 'question',
      choices: [
        { title: t('qaCard.kind.question'), value: 'question' },
        { title: t('qaCard.kind.errorReport'), value: 'error_report' },
      ],
    },
    { type: 'Input.Text', id: QA_ASK_INPUT.text, label: t('qaCard.textLabel'), isMultiline: true, maxLength: 1000, placeholder: t('qaCard.textPlaceholder') },
  ];
  if (session.anonymousAllowed) {
    inputs.push({ type: 'Input.Toggle', id: QA_ASK_INPUT.anonymous, title: t('qaCard.anonymousToggle'), label: t('qaCard.anonymousLabel'), value: 'false' });
  }
  inputs.push({ type: 'ActionSet', actions: [execute(t('qaCard.send'), QA_SESSION_VERBS.ask, { sessionId: session.id }, { associatedInputs: 'auto' })] });
  return inputs;
}

function sinceLastElements(since: QaSinceLast, t: Translate): CardElement[] {
  const elements: CardElement[] = [subheading(t('qaCard.sinceLast'))];
  if (since.answered.length === 0 && since.fixed.length === 0) return [...elements, text(t('qaCard.sinceLastNothing'), { isSubtle: true })];
  for (const item of since.answered) {
    elements.push(writtenText(shorten(item.text, LIST_PREVIEW), { spacing: 'Small' }), done(t('qaCard.answered'), { spacing: 'None' }), writtenText(shorten(item.answer, ANSWER_PREVIEW / 2)));
  }
  if (since.moreAnswered > 0) elements.push(text(t('qaCard.moreAnswered', { count: since.moreAnswered }), { isSubtle: true }));
  for (const fixed of since.fixed) elements.push(done(t('qaCard.fixed', { title: fixed.title })));
  return elements;
}

function knownErrorElements(errors: QaKnownErrorLine[], t: Translate): CardElement[] {
  if (errors.length === 0) return [];
  return [
    subheading(t('qaCard.knownErrorsHeading')),
    ...errors.map((error) => text(`- ${t('qaCard.knownError', { title: error.title, status: t(`qaCard.knownErrorStatus.${error.status}`) })}`, { spacing: 'Small' })),
  ];
}

/**
 * The session card, posted in the channel or group chat and kept current through the outbox: the
 * title, times and state in words, the questions ranked by votes (ties oldest first) with «Stem» /
 * «Trekk stemme», answers and known-error status in words, the form to ask, «Vis alle» and
 * «Moderer». Seen by everyone there: an anonymous question names nobody (the view has no asker).
 * Drawn again with fewer questions if it would pass Teams' size limit.
 */
export function qaSessionCard(view: QaSessionCardView, t: Translate): AdaptiveCard {
  for (const shown of [view.session.questions.length, 5, 3, 1, 0]) {
    const drawn = drawSessionCard(view, t, Math.min(shown, view.session.questions.length));
    if (bytesOf(drawn) <= QA_CARD_BUDGET_BYTES || shown === 0) return drawn;
  }
  /* c8 ignore next */
  throw new Error('unreachable');
}

function drawSessionCard(view: QaSessionCardView, t: Translate, shown: number): AdaptiveCard {
  const { session } = view;
  const open = session.state !== 'closed';
  const state = t(`qaCard.state.${session.state}`);
  const time = formatSessionTime(session.startsAt, session.endsAt, 'nb');
  const role = session.pairRole ? t(`qaCard.pairRole.${session.pairRole}`) : null;
  const body: CardElement[] = [];
  if (view.notice) body.push(view.notice.kind === 'done' ? done(view.notice.text) : warning(view.notice.text));
  // The title is the moderator's own words: a TextRun, never read as markdown.
  body.push({ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: session.title, size: 'Large', weight: 'Bolder' }] });
  body.push(text(`${role ? `${role} · ` : ''}${time}`, { isSubtle: true, spacing: 'Small' }));
  body.push(text(t('qaCard.stateLine', { state }), { weight: 'Bolder' }));
  if (view.rolloutText && session.pairRole === 'opening') body.push(subheading(t('qaCard.rollout')), writtenText(view.rolloutText));
  if (view.sinceLast) body.push(...sinceLastElements(view.sinceLast, t));

  const total = session.counts.open + session.counts.answered;
  body.push(subheading(t('qaCard.questionsHeading', { count: total })));
  if (total === 0) body.push(text(t('qaCard.noQuestions'), { isSubtle: true }));
  session.questions.slice(0, shown).forEach((question, index) => {
    body.push(...questionLine(question, index + 1, t), ...voteButtons(question, t, open && question.status === 'open'));
  });
  const rest = total - shown;
  if (rest > 0) body.push(text(t('qaCard.rest', { count: rest }), { isSubtle: true }));
  if (view.knownErrors) body.push(...knownErrorElements(view.knownErrors, t));
  if (open) body.push(...askForm(session, t));
  else body.push(text(t('qaCard.closedNoMore'), { isSubtle: true }));

  const actions = [
    ...(total > 0 ? [execute(t('qaCard.showAll'), QA_SESSION_VERBS.showAll, { sessionId: session.id }, { associatedInputs: 'none' })] : []),
    execute(t('qaCard.moderate'), QA_SESSION_VERBS.moderate, { sessionId: session.id }, { associatedInputs: 'none' }),
  ];
  const speak = t('qaCard.speak', { title: shorten(session.title, 80), state, count: total });
  return card(speak, body, actions);
}

/**
 * «Vis alle»: every open and answered question of the session in rank order, one short line each
 * with «Stem»; as many as fit under Teams' size limit, the rest counted.
 */
export function qaAllQuestionsCard(view: QaSessionCardView, t: Translate): AdaptiveCard {
  const { session } = view;
  const open = session.state !== 'closed';
  const total = session.counts.open + session.counts.answered;
  const head: CardElement[] = [heading(t('qaCard.allHeading')), { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: session.title, weight: 'Bolder' }] }, text(t('qaCard.stateLine', { state: t(`qaCard.state.${session.state}`) }))];
  const back = [execute(t('qaCard.back'), QA_SESSION_VERBS.show, { sessionId: session.id }, { associatedInputs: 'none' })];
  const speak = t('qaCard.allSpeak', { title: shorten(session.title, 80), count: total });
  const rows: CardElement[] = [];
  let used = bytesOf(card(speak, [...head, text(t('qaCard.rest', { count: total }))], back));
  let shown = 0;
  for (const question of session.questions) {
    const row: CardElement[] = [
      ...questionLine(question, shown + 1, t, { preview: LIST_PREVIEW }),
      ...(open && question.status === 'open' ? [{ type: 'ActionSet', actions: [execute(t('qaCard.vote'), QA_SESSION_VERBS.vote, { questionId: question.id })] }] : []),
    ];
    const size = Buffer.byteLength(JSON.stringify(row)) + row.length;
    if (used + size > QA_CARD_BUDGET_BYTES) break;
    used += size;
    rows.push(...row);
    shown++;
  }
  const body = [...head, ...rows];
  if (total - shown > 0) body.push(text(t('qaCard.notListed', { count: total - shown }), { isSubtle: true }));
  return card(speak, body, back);
}

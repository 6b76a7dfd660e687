import type { KnownErrorStatus } from '../domain/known-errors/vocabulary.js';
import type { ModerationOutcome } from '../domain/qa/moderate-question.js';
import type { ModerationQuestion, ModerationView } from '../domain/qa/moderation-view.js';
import { QA_LIMITS } from '../domain/qa/vocabulary.js';
import type { Translate } from '../i18n/index.js';
import { card, done, execute, facts, heading, text, warning, type AdaptiveCard, type CardElement } from './card-kit.js';

/** The moderation card's verbs (bot/routes/qa-moderation.ts). `open` is the shared session card's «Moderer». */
export const QA_MODERATION_VERBS = {
  open: 'qa.moderate.open',
  show: 'qa.moderate.show',
  answer: 'qa.moderate.answer',
  editAnswer: 'qa.moderate.editAnswer',
  reopen: 'qa.moderate.reopen',
  hide: 'qa.moderate.hide',
  merge: 'qa.moderate.merge',
  reportKnownError: 'qa.moderate.reportKnownError',
  linkKnownError: 'qa.moderate.linkKnownError',
} as const;

/** «Publiser i kunnskapsbasen» on an answered question: its handler belongs to publishing. */
export const QA_PUBLISH_VERB = 'qa.publish.show';

/**
 * The ids of a question's form fields: one per question, since every form is in the same card
 * (Adaptive Cards want ids unique); the route reads `<field>-<questionId>`.
 */
export const moderationInput = (field: 'answer' | 'reason' | 'into' | 'title' | 'description' | 'knownError', questionId: string) => `${field}-${questionId}`;

/** What just happened, shown at the top of the card. */
export type ModerationNotice =
  | { kind: 'done'; outcome: ModerationOutcome }
  /** The question changed since the card the moderator acted on. */
  | { kind: 'stale' }
  /** A rule refused (an empty answer): its sentence; nothing changed. */
  | { kind: 'problem'; text: string };

export interface ModerationCardView extends ModerationView {
  notice?: ModerationNotice;
}

/** A choice's title: texts can be 1000 characters, a choice list should stay readable. */
const CHOICE_CHARS = 80;
const ANSWER_CHARS = 500;
const clip = (value: string, chars: number) => (value.length > chars ? `${value.slice(0, chars - 1)}…` : value);
const short = (value: string) => clip(value.replace(/\s+/g, ' ').trim(), CHOICE_CHARS);

function noticeLine(notice: ModerationNotice, t: Translate): CardElement {
  switch (notice.kind) {
    case 'done': {
      const { outcome } = notice;
      return done(outcome.kind === 'merge' ? t('qa.moderation.done.merge', { count: outcome.votes }) : t(`qa.moderation.done.${outcome.kind}`), { weight: 'Bolder' });
    }
    case 'stale':
      return warning(t('qa.moderation.stale'));
    case 'problem':
      return warning(notice.text);
  }
}

function noticeSpeak(notice: ModerationNotice | undefined, t: Translate): string {
  if (!notice) return '';
  if (notice.kind === 'problem') return notice.text;
  if (notice.kind === 'stale') return t('qa.moderation.stale');
  return notice.outcome.kind === 'merge' ? t('qa.moderation.done.merge', { count: notice.outcome.votes }) : t(`qa.moderation.done.${notice.outcome.kind}`);
}

const knownErrorStatus = (status: KnownErrorStatus, t: Translate) => t(`knownErrors.status.${status}`);

/** A ShowCard with the form's inputs and the one action that sends them. */
function form(title: string, inputs: CardElement[], confirm: CardElement): CardElement {
  return { type: 'Action.ShowCard', title, card: { type: 'AdaptiveCard', body: inputs, actions: [confirm] } };
}

function textInput(id: string, label: string, errorMessage: string, maxLength: number, options: Record<string, unknown> = {}): CardElement {
  return { type: 'Input.Text', id, label, isRequired: true, errorMessage, maxLength, ...options };
}

function questionElements(question: ModerationQuestion, view: ModerationCardView, t: Translate): CardElement[] {
  const data = { sessionId: view.session.id, questionId: question.id, version: question.version };
  const heading = `${t(`qa.moderation.kind.${question.kind}`)} · ${t(`qa.moderation.status.${question.status}`)}`;
  const who = question.anonymous || question.askerName === null ? t('qa.moderation.anonymous') : t('qa.moderation.asker', { name: question.askerName });
  const about = [who, t('qa.moderation.votes', { count: question.votes }), ...(question.carried ? [t('qa.moderation.carried')] : [])].join(' · ');
  const items: CardElement[] = [text(heading, { weight: 'Bolder' }), text(question.text), text(about, { isSubtle: true, spacing: 'Small' })];
  // The whole answer is in «Rediger svar»; the card shows its start.
  if (question.answer !== null) items.push(text(t('qa.moderation.answer', { answer: clip(question.answer, ANSWER_CHARS) })));
  if (question.hiddenReason !== null) items.push(text(t('qa.moderation.hiddenReason', { reason: question.hiddenReason })));
  if (question.mergedInto) items.push(text(t('qa.moderation.mergedInto', { text: short(question.mergedInto.text) })));
  if (question.knownError) {
    items.push(text(t('qa.moderation.knownError', { title: question.knownError.title, status: knownErrorStatus(question.knownError.status, t) })));
  }

  const actions: CardElement[] = [];
  const answerField = moderationInput('answer', question.id);
  const hide = form(
    t('qa.moderation.hideAction'),
    [textInput(moderationInput('reason', question.id), t('qa.moderation.hideLabel'), t('qa.moderation.hideRequired'), QA_LIMITS.reason, { isMultiline: true })],
    execute(t('qa.moderation.hideConfirm'), QA_MODERATION_VERBS.hide, data),
  );
  if (question.status === 'open') {
    actions.push(
      form(
        t('qa.moderation.answerAction'),
        [textInput(answerField, t('qa.moderation.answerLabel'), t('qa.moderation.answerRequired'), QA_LIMITS.answer, { isMultiline: true })],
        execute(t('qa.moderation.answerConfirm'), QA_MODERATION_VERBS.answer, data, { style: 'positive' }),
      ),
      hide,
    );
    const others = view.questions.filter((other) => other.id !== question.id && (other.status === 'open' || other.status === 'answered'));
    if (others.length > 0) {
      actions.push(
        form(
          t('qa.moderation.mergeAction'),
          [
            {
              type: 'Input.ChoiceSet',
              id: moderationInput('into', question.id),
              label: t('qa.moderation.mergeLabel'),
              isRequired: true,
              errorMessage: t('qa.moderation.mergeRequired'),
              choices: others.map((other) => ({ title: short(other.text), value: other.id })),
            },
          ],
          execute(t('qa.moderation.mergeConfirm'), QA_MODERATION_VERBS.merge, data),
        ),
      );
    }
  } else if (question.status === 'answered') {
    actions.push(
      form(
        t('qa.moderation.editAction'),
        [textInput(answerField, t('qa.moderation.answerLabel'), t('qa.moderation.answerRequired'), QA_LIMITS.answer, { isMultiline: true, value: question.answer ?? '' })],
        execute(t('qa.moderation.editConfirm'), QA_MODERATION_VERBS.editAnswer, data),
      ),
      execute(t('qa.moderation.reopenAction'), QA_MODERATION_VERBS.reopen, data),
      hide,
      execute(t('qa.moderation.publishAction'), QA_PUBLISH_VERB, { questionId: question.id }),
    );
  } else if (question.status === 'hidden') {
    actions.push(execute(t('qa.moderation.reopenAction'), QA_MODERATION_VERBS.reopen, data));
  }
  if (actions.length > 0) items.push({ type: 'ActionSet', actions });

  // Known errors in an ActionSet of their own: Teams shows at most five buttons in a row.
  if (question.kind === 'error_report' && !question.knownError && (question.status === 'open' || question.status === 'answered')) {
    const known: CardElement[] = [
      form(
        t('qa.moderation.reportAction'),
        [
          textInput(moderationInput('title', question.id), t('qa.moderation.reportTitleLabel'), t('qa.moderation.reportTitleRequired'), QA_LIMITS.title, {
            value: short(question.text),
          }),
          textInput(
            moderationInput('description', question.id),
            t('qa.moderation.reportDescriptionLabel'),
            t('qa.moderation.reportDescriptionRequired'),
            QA_LIMITS.description,
            { isMultiline: true, value: question.text },
          ),
        ],
        execute(t('qa.moderation.reportConfirm'), QA_MODERATION_VERBS.reportKnownError, data),
      ),
    ];
    if (view.knownErrors.length > 0) {
      known.push(
        form(
          t('qa.moderation.linkAction'),
          [
            {
              type: 'Input.ChoiceSet',
              id: moderationInput('knownError', question.id),
              label: t('qa.moderation.linkLabel'),
              isRequired: true,
              errorMessage: t('qa.moderation.linkRequired'),
              choices: view.knownErrors.map((error) => ({ title: `${short(error.title)} (${knownErrorStatus(error.status, t)})`, value: error.id })),
            },
          ],
          execute(t('qa.moderation.linkConfirm'), QA_MODERATION_VERBS.linkKnownError, data),
        ),
      );
    }
    items.push({ type: 'ActionSet', actions: known });
  }
  return [{ type: 'Container', separator: true, spacing: 'Medium', items }];
}

/**
 * The moderator's card in their 1:1 chat: the session's questions and error reports in every
 * status, who asked (never for an anonymous question: the view has no name for it), the votes,
 * and per question its actions as forms. Every action answers with this card again, a ✔ line on top.
 */
export function qaModerationCard(view: ModerationCardView, t: Translate): AdaptiveCard {
  // Long texts and many forms can outgrow what Teams takes: then fewer questions, the rest counted.
  for (let shown = view.questions.length; ; shown = Math.floor(shown * 0.8)) {
    const built = moderationCard({ ...view, questions: view.questions.slice(0, shown), restCount: view.restCount + view.questions.length - shown }, t);
    if (shown === 0 || new TextEncoder().encode(JSON.stringify(built)).length <= MODERATION_CARD_BUDGET_BYTES) return built;
  }
}

/** The largest moderation card sent (Teams refuses messages above about 100 KB; the outbox takes 80 KB). */
export const MODERATION_CARD_BUDGET_BYTES = 60_000;

function moderationCard(view: ModerationCardView, t: Translate): AdaptiveCard {
  const total = view.questions.length + view.restCount;
  const body: CardElement[] = [heading(t('qa.moderation.title', { title: view.session.title }))];
  if (view.notice) body.push(noticeLine(view.notice, t));
  body.push(
    facts([
      { title: t('qa.moderation.state'), value: t(`qa.moderation.state.${view.session.state}`) },
      { title: t('qa.moderation.count'), value: String(total) },
    ]),
  );
  if (view.questions.length === 0) body.push(text(t('qa.moderation.empty')));
  for (const question of view.questions) body.push(...questionElements(question, view, t));
  if (view.restCount > 0) body.push(text(t('qa.moderation.rest', { count: view.restCount }), { isSubtle: true }));
  // What just happened, or else what the card holds: speak stays short.
  const speak = noticeSpeak(view.notice, t) || t('qa.moderation.speak', { title: short(view.session.title), count: total });
  return card(speak, body, [execute(t('qa.moderation.refresh'), QA_MODERATION_VERBS.show, { sessionId: view.session.id })]);
}

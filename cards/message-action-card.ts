import type { Translate } from '../i18n/index.js';
import {
  DEFAULT_MESSAGE_CATEGORY,
  MESSAGE_FORM_LIMITS,
  type MessageAction,
  type MessageFormField,
  type MessageFormProblem,
  type MessageFormValues,
} from '../domain/support/submit-from-message.js';
import { shorten } from '../domain/support/teams-message.js';
import { bullets, card, heading, subheading, text, warning, type AdaptiveCard, type CardElement } from './card-kit.js';
import { categoryInput, referenceInput, subjectAreaInput, urgencyInput } from './intake-inputs.js';
import { writtenText } from './support-kit.js';

/** How much of the message the form shows (the henvendelse keeps up to «Hva skal utføres?»'s limit). */
export const MESSAGE_PREVIEW_LENGTH = 600;

export interface MessageActionView {
  action: MessageAction;
  /** Made when the form is first shown; the submit carries it, so Teams' retries and a second click are one henvendelse. */
  intakeKey: string;
  /** The Teams message, as read from `messagePayload`. */
  message: { text: string; author: string | null; fileNames: string[] };
  subjectAreas: { id: string; name: string }[];
  systemName: string;
  values?: MessageFormValues;
  problems?: MessageFormProblem[];
}

/**
 * The form a message action opens in Teams' dialog: the message (start of its text, its author,
 * for «Send til journalføring» its files) and what the intake asks besides. «Opprett henvendelse»
 * asks category, subject area, reference and urgency; «Send til journalføring» only what it
 * concerns and the case's reference. Its button is an `Action.Submit`: a dialog's submit reaches
 * the bot as `composeExtension/submitAction`.
 */
export function messageActionCard(view: MessageActionView, t: Translate): AdaptiveCard {
  const { action, message } = view;
  const values = view.values ?? {};
  const label = (field: MessageFormField) => (field === 'note' ? t(`messageAction.${action}.note`) : t(`support.intake.${field}`));
  const body: CardElement[] = [heading(t(`messageAction.${action}.title`))];
  if (view.problems?.length) {
    body.push(
      warning(t('messageAction.problems'), { weight: 'Bolder' }),
      bullets(
        view.problems.map((problem) =>
          // The note is required only when the message has no text to make the henvendelse of.
          problem.field === 'note' && problem.problem === 'required'
            ? t('messageAction.noteRequired')
            : t(`support.intake.problem.${problem.problem}`, { field: label(problem.field), ...('max' in problem ? { max: problem.max } : {}) }),
        ),
      ),
    );
  }
  body.push(text(t(`messageAction.${action}.intro`)), subheading(t('messageAction.message')));
  if (message.author) body.push(text(t('messageAction.author', { author: message.author }), { isSubtle: true, spacing: 'Small' }));
  body.push(message.text ? writtenText(shorten(message.text, MESSAGE_PREVIEW_LENGTH), { spacing: 'Small' }) : text(t('messageAction.noText'), { isSubtle: true }));
  if (action === 'sendToArchive') {
    if (message.fileNames.length) body.push(subheading(t('messageAction.files')), writtenText(message.fileNames.join('\n'), { spacing: 'Small' }));
    else body.push(text(t('messageAction.noFiles'), { isSubtle: true }));
  }

  body.push({
    type: 'Input.Text',
    id: 'note',
    label: label('note'),
    placeholder: t('messageAction.notePlaceholder'),
    isMultiline: true,
    maxLength: MESSAGE_FORM_LIMITS.note,
    ...(values.note ? { value: values.note.slice(0, MESSAGE_FORM_LIMITS.note) } : {}),
  });
  if (action === 'createRequest') {
    body.push(categoryInput(t, view.systemName, { value: values.category, fallback: DEFAULT_MESSAGE_CATEGORY }));
    const subjectArea = subjectAreaInput(t, view.subjectAreas, values.subjectAreaId);
    if (subjectArea) body.push(subjectArea);
  }
  body.push(referenceInput(t, values.reference));
  if (action === 'createRequest') body.push(urgencyInput(t, values.urgency));

  return card(view.problems?.length ? t('messageAction.speakProblems') : t(`messageAction.${action}.speak`), body, [
    { type: 'Action.Submit', title: t(`messageAction.${action}.submit`), data: { intakeKey: view.intakeKey }, style: 'positive' },
  ]);
}

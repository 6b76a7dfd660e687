import type { Translate } from '../i18n/index.js';
import { INTAKE_LIMITS, type IntakeField, type IntakeProblem } from '../domain/support/intake.js';
import { REFERENCE_PATTERN_SOURCE } from '../domain/support/reference.js';
import { INTAKE_CATEGORIES, SUPPORT_URGENCIES } from '../domain/support/vocabulary.js';
import { bullets, card, execute, heading, text, warning, type AdaptiveCard, type CardElement } from './card-kit.js';
import { categoryWord, urgencyWord } from './support-kit.js';

/** What the person wrote or chose, kept when the card comes back with problems. */
export type IntakeValues = Partial<Record<IntakeField, string>>;

export interface IntakeView {
  /** Made when the card is rendered; the submit carries it, so a second submit is the same henvendelse. */
  intakeKey: string;
  /** The self-help search the card came from («Jeg trenger fortsatt hjelp»). */
  selfHelpQueryId?: string;
  /** The organisation's subject areas, to choose from. */
  subjectAreas: { id: string; name: string }[];
  systemName: string;
  values?: IntakeValues;
  /** What the server found wrong in the last submit: named at the top of the card. */
  problems?: IntakeProblem[];
}

/** Shown as an example in the reference field, and in its error message. */
const REFERENCE_EXAMPLE = '2026/1234-3';

/**
 * `ny henvendelse`: the three questions the routine asks a supporter to establish first, then
 * category, subject area, reference and urgency. Teams checks the required fields and the
 * reference's form before sending; the server checks everything again.
 */
export function intakeCard(view: IntakeView, t: Translate): AdaptiveCard {
  const values = view.values ?? {};
  const label = (field: IntakeField) => t(`support.intake.${field}`);
  const body: CardElement[] = [heading(t('support.intake.title'))];
  if (view.problems?.length) {
    body.push(
      warning(t('support.intake.problems'), { weight: 'Bolder' }),
      bullets(view.problems.map((problem) => t(`support.intake.problem.${problem.problem}`, { field: label(problem.field), ...('max' in problem ? { max: problem.max } : {}) }))),
    );
  }
  body.push(text(t('support.intake.intro')));
  if (view.selfHelpQueryId) body.push(text(t('support.intake.fromSelfHelp'), { isSubtle: true }));

  const textInput = (field: 'what' | 'who' | 'result', options: Record<string, unknown> = {}) => ({
    type: 'Input.Text',
    id: field,
    label: label(field),
    placeholder: t(`support.intake.${field}Placeholder`),
    isMultiline: true,
    maxLength: INTAKE_LIMITS[field],
    ...(values[field] ? { value: values[field].slice(0, INTAKE_LIMITS[field]) } : {}),
    ...options,
  });
  const chosen = (value: string | undefined, allowed: readonly string[]) => (value && allowed.includes(value) ? { value } : {});

  body.push(
    textInput('what', { isRequired: true, errorMessage: t('support.intake.whatRequired') }),
    textInput('who'),
    textInput('result'),
    {
      type: 'Input.ChoiceSet',
      id: 'category',
      label: label('category'),
      isRequired: true,
      errorMessage: t('support.intake.categoryRequired'),
      placeholder: t('support.intake.categoryPlaceholder'),
      choices: INTAKE_CATEGORIES.map((category) => ({ title: categoryWord(category, view.systemName, t), value: category })),
      ...chosen(values.category, INTAKE_CATEGORIES),
    },
    text(t('support.intake.errorHint'), { isSubtle: true, size: 'Small', spacing: 'Small' }),
  );
  if (view.subjectAreas.length > 0) {
    body.push({
      type: 'Input.ChoiceSet',
      id: 'subjectAreaId',
      label: label('subjectAreaId'),
      placeholder: t('support.intake.subjectAreaIdPlaceholder'),
      choices: view.subjectAreas.map((area) => ({ title: area.name, value: area.id })),
      ...chosen(values.subjectAreaId, view.subjectAreas.map((area) => area.id)),
    });
  }
  body.push(
    {
      type: 'Input.Text',
      id: 'reference',
      label: label('reference'),
      placeholder: REFERENCE_EXAMPLE,
      maxLength: INTAKE_LIMITS.reference,
      regex: REFERENCE_PATTERN_SOURCE,
      errorMessage: t('support.intake.referenceError'),
      ...(values.reference ? { value: values.reference.slice(0, INTAKE_LIMITS.reference) } : {}),
    },
    {
      type: 'Input.ChoiceSet',
      id: 'urgency',
      label: label('urgency'),
      style: 'expanded',
      isRequired: true,
      errorMessage: t('support.intake.urgencyRequired'),
      choices: SUPPORT_URGENCIES.map((urgency) => ({ title: urgencyWord(urgency, t), value: urgency })),
      value: values.urgency && (SUPPORT_URGENCIES as readonly string[]).includes(values.urgency) ? values.urgency : 'normal',
    },
  );

  const data = { intakeKey: view.intakeKey, ...(view.selfHelpQueryId ? { selfHelpQueryId: view.selfHelpQueryId } : {}) };
  return card(view.problems?.length ? t('support.intake.speakProblems') : t('support.intake.speak'), body, [
    execute(t('support.intake.submit'), 'support.intake.submit', data, { style: 'positive' }),
  ]);
}

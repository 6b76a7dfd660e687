import type { Translate } from '../i18n/index.js';
import { INTAKE_LIMITS, type IntakeField, type IntakeProblem } from '../domain/support/intake.js';
import { bullets, card, execute, heading, text, warning, type AdaptiveCard, type CardElement } from './card-kit.js';
import { categoryInput, referenceInput, subjectAreaInput, urgencyInput } from './intake-inputs.js';

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

  body.push(
    textInput('what', { isRequired: true, errorMessage: t('support.intake.whatRequired') }),
    textInput('who'),
    textInput('result'),
    categoryInput(t, view.systemName, { value: values.category, placeholder: true }),
    text(t('support.intake.errorHint'), { isSubtle: true, size: 'Small', spacing: 'Small' }),
  );
  const subjectArea = subjectAreaInput(t, view.subjectAreas, values.subjectAreaId);
  if (subjectArea) body.push(subjectArea);
  body.push(referenceInput(t, values.reference), urgencyInput(t, values.urgency));

  const data = { intakeKey: view.intakeKey, ...(view.selfHelpQueryId ? { selfHelpQueryId: view.selfHelpQueryId } : {}) };
  return card(view.problems?.length ? t('support.intake.speakProblems') : t('support.intake.speak'), body, [
    execute(t('support.intake.submit'), 'support.intake.submit', data, { style: 'positive' }),
  ]);
}

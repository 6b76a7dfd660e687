import type { Translate } from '../i18n/index.js';
import { INTAKE_LIMITS } from '../domain/support/intake.js';
import { REFERENCE_PATTERN_SOURCE } from '../domain/support/reference.js';
import { INTAKE_CATEGORIES, SUPPORT_URGENCIES } from '../domain/support/vocabulary.js';
import type { CardElement } from './card-kit.js';
import { categoryWord, urgencyWord } from './support-kit.js';

/**
 * The inputs the intake card and the message actions' form share (what it is about, subject area,
 * reference, urgency), with the same labels, limits and checks, so both ask alike and the server's
 * one parser (domain/support/intake.ts) reads both.
 */

/** Shown as an example in the reference field, and in its error message. */
export const REFERENCE_EXAMPLE = '2026/1234-3';

/** A value to preselect, only if it is one of the choices (values come back from a card). */
export const chosen = (value: string | undefined, allowed: readonly string[]): { value?: string } => (value && allowed.includes(value) ? { value } : {});

export function categoryInput(t: Translate, systemName: string, options: { value?: string; placeholder?: boolean; fallback?: string } = {}): CardElement {
  const value = chosen(options.value, INTAKE_CATEGORIES).value ?? options.fallback;
  return {
    type: 'Input.ChoiceSet',
    id: 'category',
    label: t('support.intake.category'),
    isRequired: true,
    errorMessage: t('support.intake.categoryRequired'),
    ...(options.placeholder ? { placeholder: t('support.intake.categoryPlaceholder') } : {}),
    choices: INTAKE_CATEGORIES.map((category) => ({ title: categoryWord(category, systemName, t), value: category })),
    ...(value ? { value } : {}),
  };
}

/** Null when the organisation has no subject areas. */
export function subjectAreaInput(t: Translate, subjectAreas: readonly { id: string; name: string }[], value: string | undefined): CardElement | null {
  if (subjectAreas.length === 0) return null;
  return {
    type: 'Input.ChoiceSet',
    id: 'subjectAreaId',
    label: t('support.intake.subjectAreaId'),
    placeholder: t('support.intake.subjectAreaIdPlaceholder'),
    choices: subjectAreas.map((area) => ({ title: area.name, value: area.id })),
    ...chosen(value, subjectAreas.map((area) => area.id)),
  };
}

export function referenceInput(t: Translate, value: string | undefined): CardElement {
  return {
    type: 'Input.Text',
    id: 'reference',
    label: t('support.intake.reference'),
    placeholder: REFERENCE_EXAMPLE,
    maxLength: INTAKE_LIMITS.reference,
    regex: REFERENCE_PATTERN_SOURCE,
    errorMessage: t('support.intake.referenceError'),
    ...(value ? { value: value.slice(0, INTAKE_LIMITS.reference) } : {}),
  };
}

export function urgencyInput(t: Translate, value: string | undefined): CardElement {
  return {
    type: 'Input.ChoiceSet',
    id: 'urgency',
    label: t('support.intake.urgency'),
    style: 'expanded',
    isRequired: true,
    errorMessage: t('support.intake.urgencyRequired'),
    choices: SUPPORT_URGENCIES.map((urgency) => ({ title: urgencyWord(urgency, t), value: urgency })),
    value: chosen(value, SUPPORT_URGENCIES).value ?? 'normal',
  };
}

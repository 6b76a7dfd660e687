import type { Translate } from '../i18n/index.js';
import { HANDOVER_REASON_LIMIT, IT_ANSWER_LIMIT, VENDOR_REFERENCE_LIMIT, type HandoverChoices } from '../domain/support/hand-over-choices.js';
import { placeText, type RequestLocation } from '../domain/support/request-location.js';
import { done, execute, text, warning, type CardElement } from './card-kit.js';

/**
 * The hand-over parts of a henvendelse's channel card (queue-request-card.ts): where it is, the
 * vendor's reference, «Send videre eller tilbake», «Meldt til leverandør», «Registrer svar fra IT»,
 * and what these actions did.
 */
export interface HandoverView {
  /** Where the henvendelse is now (left out in older samples: the card then says nothing of it). */
  location?: RequestLocation;
  vendorReference?: string | null;
  /** True on the card in the channel of a line that no longer has it: it shows where it is, and offers nothing. */
  elsewhere?: boolean;
  /** Where it may be handed; null or left out: nowhere from here. */
  handover?: HandoverChoices | null;
}

export type HandoverNotice =
  | { kind: 'handedOver' | 'samePlace'; place: RequestLocation }
  | {
      kind: 'reasonMissing' | 'noAdviser' | 'noSubjectArea' | 'noVendorLiaison' | 'noSystemAdministrator' | 'emailNotConfigured' | 'vendorRecorded' | 'vendorEmpty' | 'itRecorded' | 'itEmpty';
    }
  | { kind: 'reasonTooLong' | 'vendorTooLong'; max: number }
  | { kind: 'noSpecialist'; area: string };

const HANDOVER_KINDS: readonly string[] = [
  'handedOver',
  'samePlace',
  'reasonMissing',
  'noAdviser',
  'noSubjectArea',
  'noVendorLiaison',
  'noSystemAdministrator',
  'emailNotConfigured',
  'vendorRecorded',
  'vendorEmpty',
  'itRecorded',
  'itEmpty',
  'reasonTooLong',
  'vendorTooLong',
  'noSpecialist',
];

export const isHandoverNotice = (notice: { kind: string }): notice is HandoverNotice => HANDOVER_KINDS.includes(notice.kind);

export function handoverNoticeElement(notice: HandoverNotice, t: Translate): CardElement {
  switch (notice.kind) {
    case 'handedOver':
      return done(t('handover.notice.handedOver', { place: placeText(notice.place, t) }), { weight: 'Bolder' });
    case 'vendorRecorded':
    case 'itRecorded':
      return done(t(`handover.notice.${notice.kind}`), { weight: 'Bolder' });
    case 'samePlace':
      return warning(t('handover.notice.samePlace', { place: placeText(notice.place, t) }));
    case 'reasonTooLong':
    case 'vendorTooLong':
      return warning(t(`handover.notice.${notice.kind}`, { max: notice.max }));
    case 'noSpecialist':
      return warning(t('handover.notice.noSpecialist', { area: notice.area }));
    default:
      return warning(t(`handover.notice.${notice.kind}`));
  }
}

/** «Hos: fagspesialistene for Økonomi» and the vendor's reference, for the card's facts. */
export function handoverFacts(view: HandoverView, t: Translate): { title: string; value: string }[] {
  return [
    ...(view.location ? [{ title: t('support.field.line'), value: placeText(view.location, t) }] : []),
    ...(view.vendorReference ? [{ title: t('handover.card.vendorReference'), value: view.vendorReference }] : []),
  ];
}

/** On the card in a channel whose line no longer has the henvendelse: where it is now. */
export function elsewhereElements(view: HandoverView, t: Translate): CardElement[] {
  return view.location ? [text(t('handover.card.elsewhere', { place: placeText(view.location, t) }), { weight: 'Bolder' })] : [];
}

/** The hand-over actions the henvendelse takes where it is (ids and the version in their data only). */
export function handoverActions(view: HandoverView, data: { requestId: string; version: number }, t: Translate): CardElement[] {
  const actions: CardElement[] = [];
  const choices = view.handover;
  if (choices && choices.targets.length > 0) {
    const targetWord = (line: RequestLocation['line']) =>
      line === 'prosessradgiver' ? t('handover.card.targetProsessradgiver') : line === 'fagspesialist' ? t('handover.card.targetFagspesialist') : t(`handover.place.${line}`);
    actions.push({
      type: 'Action.ShowCard',
      title: t('handover.card.action'),
      card: {
        type: 'AdaptiveCard',
        body: [
          {
            type: 'Input.ChoiceSet',
            id: 'target',
            label: t('handover.card.target'),
            isRequired: true,
            errorMessage: t('handover.card.targetChoose'),
            choices: choices.targets.map((target) => ({ title: t(`handover.card.${target.direction}`, { place: targetWord(target.line) }), value: target.line })),
          },
          {
            type: 'Input.ChoiceSet',
            id: 'subjectAreaId',
            label: t('handover.card.subjectArea'),
            choices: choices.subjectAreas.map((area) => ({ title: area.name, value: area.id })),
            ...(choices.subjectAreaId ? { value: choices.subjectAreaId } : {}),
          },
          {
            type: 'Input.Text',
            id: 'reason',
            label: t('handover.card.reason'),
            isMultiline: true,
            isRequired: true,
            errorMessage: t('handover.card.reasonRequired'),
            maxLength: HANDOVER_REASON_LIMIT,
          },
        ],
        actions: [execute(t('handover.card.confirm'), 'support.handover', data)],
      },
    });
  }
  if (view.location?.line === 'leverandor' && choices) {
    actions.push(
      inputAction(t('handover.card.vendorAction'), { id: 'reference', label: t('handover.card.vendorLabel'), errorMessage: t('handover.card.vendorRequired'), maxLength: VENDOR_REFERENCE_LIMIT, value: view.vendorReference ?? undefined }, execute(t('handover.card.vendorConfirm'), 'support.vendorReference', data)),
    );
  }
  if (view.location?.line === 'it') {
    actions.push(
      inputAction(t('handover.card.itAction'), { id: 'answer', label: t('handover.card.itLabel'), errorMessage: t('handover.card.itRequired'), maxLength: IT_ANSWER_LIMIT, isMultiline: true }, execute(t('handover.card.itConfirm'), 'support.itAnswer', data)),
    );
  }
  return actions;
}

function inputAction(
  title: string,
  input: { id: string; label: string; errorMessage: string; maxLength: number; isMultiline?: boolean; value?: string },
  confirm: CardElement,
): CardElement {
  const { value, ...rest } = input;
  return {
    type: 'Action.ShowCard',
    title,
    card: { type: 'AdaptiveCard', body: [{ type: 'Input.Text', isRequired: true, ...rest, ...(value ? { value } : {}) }], actions: [confirm] },
  };
}

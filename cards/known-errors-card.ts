import type { KnownErrorList } from '../domain/known-errors/list-known-errors.js';
import { KNOWN_ERROR_STATUSES, type KnownErrorStatus } from '../domain/known-errors/vocabulary.js';
import { QA_LIMITS } from '../domain/qa/vocabulary.js';
import type { Translate } from '../i18n/index.js';
import { card, done, execute, facts, heading, text, warning, type AdaptiveCard, type CardElement } from './card-kit.js';

/** The register's verbs (bot/routes/known-errors.ts). */
export const KNOWN_ERRORS_VERBS = {
  show: 'knownErrors.show',
  create: 'knownErrors.create',
  changeStatus: 'knownErrors.changeStatus',
} as const;

/** The form fields: «Ny kjent feil» has one form; each error's status form has its own ids (`status-<id>`). */
export const KNOWN_ERROR_INPUTS = { title: 'knownErrorTitle', description: 'knownErrorDescription' } as const;
export const statusInput = (field: 'status' | 'vendorReference', knownErrorId: string) => `${field}-${knownErrorId}`;

export type KnownErrorsNotice =
  | { kind: 'created'; title: string }
  /** A status changed; `told` people who reported or voted are told (on «rettet»). */
  | { kind: 'status'; title: string; status: KnownErrorStatus; told: number }
  | { kind: 'stale' }
  | { kind: 'problem'; text: string };

export interface KnownErrorsCardView extends KnownErrorList {
  notice?: KnownErrorsNotice;
}

function noticeText(notice: KnownErrorsNotice, t: Translate): string {
  switch (notice.kind) {
    case 'created':
      return t('knownErrors.done.created', { title: notice.title });
    case 'status': {
      const params = { title: notice.title, status: t(`knownErrors.status.${notice.status}`), count: notice.told };
      return notice.told > 0 ? t('knownErrors.done.told', params) : t('knownErrors.done.status', params);
    }
    case 'stale':
      return t('knownErrors.stale');
    case 'problem':
      return notice.text;
  }
}

/**
 * `kjente feil`: the register, still-open errors first, each with its status in words, the
 * vendor's reference and how many reports are linked, and «Endre status» (status and reference);
 * «Ny kjent feil» at the bottom. Every action answers with this card again, a ✔ line on top.
 */
export function knownErrorsCard(view: KnownErrorsCardView, t: Translate): AdaptiveCard {
  const body: CardElement[] = [heading(t('knownErrors.title'))];
  const total = view.errors.length + view.restCount;
  let speak = t('knownErrors.speak', { count: total });
  if (view.notice) {
    const sentence = noticeText(view.notice, t);
    const ok = view.notice.kind === 'created' || view.notice.kind === 'status';
    body.push(ok ? done(sentence, { weight: 'Bolder' }) : warning(sentence));
    speak = sentence.length <= 250 ? sentence : speak;
  }
  if (view.errors.length === 0) body.push(text(t('knownErrors.empty')));
  for (const error of view.errors) {
    const data = { knownErrorId: error.id, version: error.version };
    body.push({
      type: 'Container',
      separator: true,
      spacing: 'Medium',
      items: [
        text(error.title, { weight: 'Bolder' }),
        facts([
          { title: t('knownErrors.status'), value: t(`knownErrors.status.${error.status}`) },
          { title: t('knownErrors.vendorReference'), value: error.vendorReference ?? t('knownErrors.noVendorReference') },
          { title: t('knownErrors.reports'), value: String(error.reports) },
        ]),
        {
          type: 'ActionSet',
          actions: [
            {
              type: 'Action.ShowCard',
              title: t('knownErrors.changeStatus'),
              card: {
                type: 'AdaptiveCard',
                body: [
                  {
                    type: 'Input.ChoiceSet',
                    id: statusInput('status', error.id),
                    label: t('knownErrors.statusLabel'),
                    isRequired: true,
                    errorMessage: t('knownErrors.statusRequired'),
                    choices: KNOWN_ERROR_STATUSES.map((status) => ({ title: t(`knownErrors.status.${status}`), value: status })),
                    value: error.status,
                  },
                  {
                    type: 'Input.Text',
                    id: statusInput('vendorReference', error.id),
                    label: t('knownErrors.vendorReferenceLabel'),
                    maxLength: QA_LIMITS.vendorReference,
                    ...(error.vendorReference ? { value: error.vendorReference } : {}),
                  },
                ],
                actions: [execute(t('knownErrors.statusConfirm'), KNOWN_ERRORS_VERBS.changeStatus, data)],
              },
            },
          ],
        },
      ],
    });
  }
  if (view.restCount > 0) body.push(text(t('knownErrors.rest', { count: view.restCount }), { isSubtle: true }));
  return card(speak, body, [
    {
      type: 'Action.ShowCard',
      title: t('knownErrors.new'),
      card: {
        type: 'AdaptiveCard',
        body: [
          { type: 'Input.Text', id: KNOWN_ERROR_INPUTS.title, label: t('knownErrors.titleLabel'), isRequired: true, errorMessage: t('knownErrors.titleRequired'), maxLength: QA_LIMITS.title },
          {
            type: 'Input.Text',
            id: KNOWN_ERROR_INPUTS.description,
            label: t('knownErrors.descriptionLabel'),
            isRequired: true,
            errorMessage: t('knownErrors.descriptionRequired'),
            maxLength: QA_LIMITS.description,
            isMultiline: true,
          },
        ],
        actions: [execute(t('knownErrors.create'), KNOWN_ERRORS_VERBS.create, {}, { style: 'positive' })],
      },
    },
    execute(t('knownErrors.refresh'), KNOWN_ERRORS_VERBS.show),
  ]);
}

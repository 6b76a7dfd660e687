import type { DailyActionForm } from '../domain/daily/open-daily-action.js';
import { AVSKRIVNINGSMATER, FORELOPIG_SVAR, MEIRINNSYN_HJEMLER, OFFENTLEGLOVA_HJEMLER, SKJERMEDE_FELT, TILGANGSKODER } from '../domain/archive/vocabulary.js';
import { DAILY_ACTION_VERBS } from '../domain/daily/daily-view.js';
import type { Translate } from '../i18n/index.js';
import { card, execute, heading, text, warning, type AdaptiveCard, type CardElement } from './card-kit.js';

/** «Tilbake til oppgavene»: the daily card as it is now, nothing changed. */
export const DAILY_SHOW_VERB = 'daily.show';

/** The write-offs that need nothing more than the click (PRODUCT.md §3: «Avskriv med ett klikk»). */
export const ONE_CLICK_WRITE_OFFS = ['TE', 'TO', 'TLF', 'BE', FORELOPIG_SVAR] as const;
/** The write-offs that name the reply: its journalpostnummer in the same case. */
export const REPLY_WRITE_OFFS = AVSKRIVNINGSMATER.filter((method) => method === 'BU' || method === 'BN' || method === 'NN');

/** The input ids a form sends back with its action's data. */
export const FORM_INPUT = {
  person: 'person',
  replyMethod: 'replyMethod',
  replyNumber: 'replyNumber',
  date: 'date',
  comment: 'comment',
  merknad: 'merknad',
  accessCode: 'accessCode',
  legalBasis: 'legalBasis',
  screenedFields: 'screenedFields',
  meirinnsyn: 'meirinnsyn',
  publicTitle: 'publicTitle',
} as const;

/** A person choice's value: the person and (for «Fordel») the sub-unit they work in. */
export const personChoiceValue = (personId: string, subUnitId: string | null): string => (subUnitId ? `${personId}|${subUnitId}` : personId);

export interface DailyActionCardOptions {
  /** Full titles in the person's own 1:1 chat (the only place forms are offered). */
  personal: boolean;
  /** Why the last try changed nothing (a sentence from bot/errors.ts), shown above the form. */
  problem?: string;
}

/**
 * The form of one card action that asks for something first: the item, the inputs (each with a
 * label), the action, and «Tilbake til oppgavene». The action's data carries the version the
 * daily card showed, so a change made meanwhile is caught when the form is sent.
 */
export function dailyActionCard(form: DailyActionForm, options: DailyActionCardOptions, t: Translate): AdaptiveCard {
  const what = t(`daily.card.action.${form.kind}`);
  const title = options.personal ? form.title : form.publicTitle;
  const body: CardElement[] = [heading(t('daily.form.title', { action: what, number: form.number })), text(title, { spacing: 'Small' })];
  if (options.problem) body.push(warning(options.problem));
  const data = { ...form.ref, version: form.version, submit: true };
  const verb = DAILY_ACTION_VERBS[form.kind];
  const submit = (title: string, extra: Record<string, unknown> = {}, inputs: 'auto' | 'none' = 'auto') =>
    execute(title, verb, { ...data, ...extra }, { associatedInputs: inputs, ...(inputs === 'auto' ? { style: 'positive' } : {}) });
  const actions: CardElement[] = [];

  switch (form.kind) {
    case 'fordel':
    case 'omfordel':
      if (form.people.length === 0) body.push(warning(t('daily.form.noCaseworkers')));
      else {
        body.push(
          choice(
            FORM_INPUT.person,
            t('daily.form.caseworker'),
            form.people.map((person) => ({
              title: person.subUnit ? `${person.name} (${person.subUnit.name})` : person.name,
              value: personChoiceValue(person.id, person.subUnit?.id ?? null),
            })),
            t('daily.form.caseworkerMissing'),
          ),
        );
        actions.push(submit(what));
      }
      break;
    case 'avskriv':
      body.push(text(t('daily.form.oneClick'), { weight: 'Bolder' }));
      body.push({
        type: 'ActionSet',
        actions: ONE_CLICK_WRITE_OFFS.map((method) => submit(t(`daily.method.${method === FORELOPIG_SVAR ? 'forelopig' : method}`), { method }, 'none')),
      });
      body.push(text(t('daily.form.withReply'), { weight: 'Bolder', spacing: 'Medium' }));
      body.push(
        choice(FORM_INPUT.replyMethod, t('daily.form.replyMethod'), REPLY_WRITE_OFFS.map((method) => ({ title: t(`daily.method.${method}`), value: method })), t('daily.form.replyMethodMissing'), 'BU'),
        {
          type: 'Input.Text',
          id: FORM_INPUT.replyNumber,
          label: t('daily.form.replyNumber'),
          placeholder: '2026/1234-4',
          isRequired: true,
          regex: '^\\s*\\d{4}/\\d+-\\d+\\s*$',
          errorMessage: t('daily.form.replyNumberMissing'),
        },
      );
      actions.push(submit(t('daily.form.writeOffWithReply')));
      break;
    case 'settForfallsdato':
    case 'nyObsDato':
      body.push({
        type: 'Input.Date',
        id: FORM_INPUT.date,
        label: t(form.kind === 'settForfallsdato' ? 'daily.form.dueDate' : 'daily.form.obsDate'),
        isRequired: true,
        errorMessage: t('daily.form.dateMissing'),
        ...(form.currentDate ? { value: form.currentDate } : {}),
      });
      actions.push(submit(what));
      break;
    case 'ikkeGodkjent':
      body.push(
        { type: 'Input.Text', id: FORM_INPUT.comment, label: t('daily.form.comment'), isMultiline: true, isRequired: true, maxLength: 2000, errorMessage: t('daily.form.commentMissing') },
        choice(FORM_INPUT.person, t('daily.form.returnTo'), form.people.map((person) => ({ title: person.name, value: person.id })), t('daily.form.returnToMissing'), form.preselected ?? undefined),
      );
      actions.push(submit(what));
      break;
    case 'sendVidere':
      if (form.people.length === 0) body.push(warning(t('daily.form.noApprovers')));
      else {
        body.push(
          choice(FORM_INPUT.person, t('daily.form.nextApprover'), form.people.map((person) => ({ title: person.name, value: person.id })), t('daily.form.nextApproverMissing')),
          { type: 'Input.Text', id: FORM_INPUT.merknad, label: t('daily.form.merknad'), isMultiline: true, maxLength: 2000 },
        );
        actions.push(submit(what));
      }
      break;
    case 'unnta':
      body.push(
        choice(
          FORM_INPUT.accessCode,
          t('daily.form.accessCode'),
          TILGANGSKODER.filter((code) => code !== 'XX').map((code) => ({ title: t(`daily.accessCode.${code}`), value: code })),
          t('daily.form.accessCodeMissing'),
        ),
        choice(
          FORM_INPUT.legalBasis,
          t('daily.form.legalBasis'),
          OFFENTLEGLOVA_HJEMLER.map((paragraph) => ({ title: t('daily.form.paragraph', { paragraph }), value: paragraph })),
          t('daily.form.legalBasisMissing'),
        ),
        {
          ...choice(FORM_INPUT.screenedFields, t('daily.form.screenedFields'), SKJERMEDE_FELT.map((field) => ({ title: t(`daily.screened.${field}`), value: field })), t('daily.form.screenedFieldsMissing')),
          isMultiSelect: true,
          style: 'expanded',
        },
        {
          type: 'Input.Toggle',
          id: FORM_INPUT.meirinnsyn,
          title: t('daily.form.meirinnsyn', { paragraphs: MEIRINNSYN_HJEMLER.map((paragraph) => `§ ${paragraph}`).join(', ') }),
          label: t('daily.form.meirinnsynLabel'),
          // Teams sends 'true' or 'false' (the defaults of valueOn and valueOff).
          value: 'false',
        },
        { type: 'Input.Text', id: FORM_INPUT.publicTitle, label: t('daily.form.publicTitle'), maxLength: 500, ...(options.personal ? { value: form.publicTitle } : {}) },
      );
      actions.push(submit(what));
      break;
  }
  actions.push(execute(t('daily.form.back'), DAILY_SHOW_VERB, {}, { associatedInputs: 'none' }));
  return card(t('daily.form.speak', { action: what, number: form.number }), body, actions);
}

function choice(id: string, label: string, choices: { title: string; value: string }[], errorMessage: string, value?: string): CardElement {
  return { type: 'Input.ChoiceSet', id, label, choices, isRequired: true, errorMessage, ...(value ? { value } : {}) };
}

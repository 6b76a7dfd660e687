import type { Translate } from '../i18n/index.js';
import { mayClose, mayReply, mayResolve, mayWait } from '../domain/support/status-rules.js';
import { isOpen, type RequestSummary } from '../domain/support/vocabulary.js';
import { card, done, execute, facts, heading, subheading, text, warning, type AdaptiveCard, type CardElement } from './card-kit.js';
import { REPLY_LIMIT } from './request-reply-card.js';
import { ratingWords } from './resolution-kit.js';
import { elsewhereElements, handoverActions, handoverFacts, handoverNoticeElement, isHandoverNotice, type HandoverNotice, type HandoverView } from './queue-request-handover.js';
import { categoryWord, sourceElements, statusWord, urgencyWord, writtenText } from './support-kit.js';
import { VISIT_TEXT_LIMIT } from './visit-offer-card.js';

/** A henvendelse as its queue channel shows it to support (domain/support/channel-card.ts loads it). */
export interface QueueRequestBaseView extends RequestSummary {
  who: string | null;
  result: string | null;
  requesterName: string;
  /** The requester's UPN (Person.email): «Ring innmelder» calls it. */
  requesterUpn: string;
  assignee: { id: string; name: string } | null;
  version: number;
  /** The requester's rating 1–5 and comment, once they confirmed it solved. */
  rating?: number | null;
  ratingComment?: string | null;
  /** The people «Tildel» offers: those who work in the line that has the henvendelse. */
  members: { id: string; name: string }[];
}

/** With where it is, where it may go and, in another line's channel, only where it is now (queue-request-handover.ts). */
export type QueueRequestView = QueueRequestBaseView & HandoverView;

/** What the last action did, shown above the card to the one who acted (and the channel). */
export type QueueCardNotice =
  | { kind: 'taken' | 'noted' | 'noteEmpty' | 'notMember' | 'stale' }
  | { kind: 'replied' | 'replyEmpty' | 'waiting' | 'resolved' | 'resolutionEmpty' | 'closed' }
  | { kind: 'alreadyTaken' | 'assigned'; name: string }
  | HandoverNotice
  | { kind: 'visitOffered' | 'published' };

export interface QueueRequestCardView {
  request: QueueRequestView;
  systemName: string;
  notice?: QueueCardNotice;
}

/** The longest internal note the card takes. */
export const NOTE_LIMIT = 2000;

/**
 * A henvendelse's card in its queue channel: what the requester asked, who has it, and the
 * actions for support. Only ids and the version travel in the actions' data.
 */
export function queueRequestCard(view: QueueRequestCardView, t: Translate): AdaptiveCard {
  const { request } = view;
  const status = statusWord(request.status, 'support', t);
  const assignee = request.assignee ? t('channel.card.takenBy', { name: request.assignee.name }) : t('channel.card.notTaken');
  const body: CardElement[] = [heading(t('channel.card.title', { number: request.number }))];
  const notice = view.notice;
  if (notice?.kind === 'visitOffered' || notice?.kind === 'published') body.push(done(t(`visit.notice.${notice.kind}`), { weight: 'Bolder' }));
  else if (notice) {
    if (isHandoverNotice(notice)) body.push(handoverNoticeElement(notice, t));
    else if (notice.kind === 'taken' || notice.kind === 'noted') body.push(done(t(`channel.notice.${notice.kind}`), { weight: 'Bolder' }));
    else if (notice.kind === 'assigned') body.push(done(t('channel.notice.assigned', { name: notice.name }), { weight: 'Bolder' }));
    else if (notice.kind === 'replied' || notice.kind === 'waiting' || notice.kind === 'resolved' || notice.kind === 'closed') {
      body.push(done(t(`reply.notice.${notice.kind}`), { weight: 'Bolder' }));
    } else if (notice.kind === 'replyEmpty' || notice.kind === 'resolutionEmpty') body.push(warning(t(`reply.notice.${notice.kind}`)));
    else if (notice.kind === 'alreadyTaken') body.push(warning(t('channel.notice.alreadyTaken', { name: notice.name })));
    else body.push(warning(t(`channel.notice.${notice.kind}`)));
  }
  body.push(
    facts([
      { title: t('support.field.status'), value: status },
      { title: t('support.field.assignee'), value: request.assignee?.name ?? t('channel.card.notTaken') },
      { title: t('support.field.category'), value: categoryWord(request.category, view.systemName, t) },
      { title: t('support.field.urgency'), value: urgencyWord(request.urgency, t) },
      ...(request.subjectArea ? [{ title: t('support.field.subjectArea'), value: request.subjectArea }] : []),
      ...(request.reference ? [{ title: t('support.field.reference'), value: request.reference }] : []),
      { title: t('support.field.requester'), value: request.requesterName },
      ...(request.rating ? [{ title: t('resolution.ratingFact'), value: ratingWords(request.rating, t) }] : []),
      ...handoverFacts(request, t),
    ]),
    ...sourceElements(request.source, t),
  );
  if (request.ratingComment) body.push(subheading(t('resolution.ratingComment')), writtenText(request.ratingComment, { spacing: 'Small' }));
  const data = { requestId: request.id, version: request.version };
  // Call or visit: only where the line works on it (not in the channel of a line that no longer has it).
  if (!request.elsewhere) body.push(...contactSection(request, data, t));
  for (const [field, value] of [['what', request.what], ['who', request.who], ['result', request.result]] as const) {
    if (value) body.push(subheading(t(`support.intake.${field}`)), writtenText(value, { spacing: 'Small' }));
  }

  // In the channel of a line that no longer has it: where it is now, and no actions.
  if (request.elsewhere) return card(t('channel.card.speak', { number: request.number, status, assignee }), [...body, ...elsewhereElements(request, t)]);
  const actions: CardElement[] = [];
  if (isOpen(request.status)) {
    if (!request.assignee) actions.push(execute(t('channel.card.take'), 'support.take', data, { style: 'positive' }));
    if (request.members.length > 0) {
      actions.push({
        type: 'Action.ShowCard',
        title: t('channel.card.assign'),
        card: {
          type: 'AdaptiveCard',
          body: [
            {
              type: 'Input.ChoiceSet',
              id: 'assigneeId',
              label: t('channel.card.assignTo'),
              isRequired: true,
              errorMessage: t('channel.card.assignChoose'),
              choices: request.members.map((member) => ({ title: member.name, value: member.id })),
              ...(request.assignee ? { value: request.assignee.id } : {}),
            },
          ],
          actions: [execute(t('channel.card.assignConfirm'), 'support.assign', data)],
        },
      });
    }
  }
  if (mayReply(request.status)) actions.push(textAction(t('reply.card.reply'), 'reply', t('reply.card.replyLabel'), t('reply.card.replyRequired'), execute(t('reply.card.replyConfirm'), 'support.reply', data)));
  // «Venter på innmelder», «Løs» and «Lukk» under one action: Teams shows at most five on a card.
  const statusActions = [
    ...(mayWait(request.status) ? [execute(t('reply.card.waiting'), 'support.waiting', data)] : []),
    ...(mayResolve(request.status)
      ? [withPublishToggle(textAction(t('reply.card.resolve'), 'resolution', t('reply.card.resolutionLabel'), t('reply.card.resolutionRequired'), execute(t('reply.card.resolveConfirm'), 'support.resolve', data)), t)]
      : []),
    ...(mayClose(request.status) ? [execute(t('reply.card.close'), 'support.close', data)] : []),
    // Hand-overs, the vendor's reference and IT's answer move it too; Teams shows five actions at most on the card itself.
    ...handoverActions(request, data, t),
  ];
  if (statusActions.length > 0) {
    actions.push({ type: 'Action.ShowCard', title: t('reply.card.status'), card: { type: 'AdaptiveCard', body: [text(t('reply.card.statusHint'))], actions: statusActions } });
  }
  actions.push({
    type: 'Action.ShowCard',
    title: t('channel.card.note'),
    card: {
      type: 'AdaptiveCard',
      body: [
        {
          type: 'Input.Text',
          id: 'note',
          label: t('channel.card.noteLabel'),
          isMultiline: true,
          isRequired: true,
          errorMessage: t('channel.card.noteRequired'),
          maxLength: NOTE_LIMIT,
        },
      ],
      actions: [execute(t('channel.card.noteConfirm'), 'support.note', data)],
    },
  });
  return card(t('channel.card.speak', { number: request.number, status, assignee }), body, actions);
}

/** A ShowCard with one required multiline field and the action that sends it. */
function textAction(title: string, id: string, label: string, errorMessage: string, confirm: CardElement): CardElement {
  return {
    type: 'Action.ShowCard',
    title,
    card: { type: 'AdaptiveCard', body: [{ type: 'Input.Text', id, label, isMultiline: true, isRequired: true, errorMessage, maxLength: REPLY_LIMIT }], actions: [confirm] },
  };
}

/** The Teams call deep link to a person by their UPN. */
export const callLink = (upn: string): string => `https://teams.microsoft.com/l/call/0/0?users=${encodeURIComponent(upn)}`;

/**
 * «Ring innmelder» and «Tilby besøk», near the top of the card while the henvendelse is open: the
 * routine is to call or visit when a request is unclear, and always to offer a visit. In the body
 * (an ActionSet), so the card's own row of actions stays within what Teams shows.
 */
function contactSection(request: QueueRequestView, data: { requestId: string; version: number }, t: Translate): CardElement[] {
  if (!isOpen(request.status)) return [];
  return [
    text(t('visit.card.routine'), { spacing: 'Medium' }),
    {
      type: 'ActionSet',
      actions: [
        { type: 'Action.OpenUrl', title: t('visit.card.call'), url: callLink(request.requesterUpn) },
        {
          type: 'Action.ShowCard',
          title: t('visit.card.offer'),
          card: {
            type: 'AdaptiveCard',
            body: [{ type: 'Input.Text', id: 'visitNote', label: t('visit.card.offerLabel'), placeholder: t('visit.card.offerPlaceholder'), maxLength: VISIT_TEXT_LIMIT }],
            actions: [execute(t('visit.card.offerConfirm'), 'support.visit.offer', data, { style: 'positive' })],
          },
        },
      ],
    },
  ];
}

/** «Publiser i kunnskapsbasen» in the «Løs» form: off unless support turns it on, and it says who reads the article. */
function withPublishToggle(resolve: CardElement, t: Translate): CardElement {
  const form = resolve.card as { body: CardElement[] };
  form.body.push({ type: 'Input.Toggle', id: 'publish', label: t('visit.card.publishLabel'), title: t('visit.card.publish'), value: 'false', wrap: true });
  return resolve;
}

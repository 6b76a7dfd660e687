import { expect } from 'vitest';
import { actionExecuteActivity, channelMessageActivity, messageActionActivity, messageActivity, type ActivityOptions, type TestMessagePayload, type TestUser } from './activities.js';
import type { TestBot } from './bot.js';
import type { SentActivity } from './fake-connector.js';

/**
 * What the support-desk tests share: the demo organisation's people by role, the parts of a card
 * a reader sees, and a desk bound to one test bot (people in their chat and in queue channels,
 * clicking card actions, submitting a henvendelse).
 */

// The demo organisation (domain/org/demo-organisation.yaml).
export const ALEX = { aadObjectId: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber' }; // saksbehandler, Økonomiavdelingen
export const MEGAN = { aadObjectId: '00000000-0000-0000-0000-0000000000021', name: 'Megan Bowen' }; // leder, no roles of her own
export const ADELE = { aadObjectId: '00000000-0000-0000-0000-0000000000022', name: 'Adele Vance' }; // arkivet
export const ISAIAH = { aadObjectId: '00000000-0000-0000-0000-0000000000023', name: 'Isaiah Langer' }; // saksbehandler, not support
export const PATTI = { aadObjectId: '00000000-0000-0000-0000-0000000000024', name: 'Patti Fernandez' }; // fagspesialist Økonomi, prosessrådgiver OKO
export const OLE = { aadObjectId: 'dc768a46-c951-400a-a797-06069eba62e5', name: 'Ole Johansen' }; // arkivet, fagspesialist sak-/arkiv
export const SIGRID = { aadObjectId: '4c70f70d-c03a-4145-b03e-53c56d1096c9', name: 'Sigrid Dahl' }; // systemadministrator, administrator
export const HENRIK = { aadObjectId: '393966a3-be0e-4c46-8ec9-e049d994ec5c', name: 'Henrik Solberg' }; // leverandørkontakt, arkivet
export const STRANGER = { aadObjectId: '9a1c2b3d-0000-4000-8000-00000000dead', name: 'Ukjent' };

export const TEAM = '19:support-team-general@thread.tacv2';
export const ARKIV_CHANNEL = '19:arkivet-kanal@thread.tacv2';

export const ANSWERS = {
  what: 'Flytte journalpost 2026/1234-3 til sak 2026/1240',
  who: 'Arkivet',
  result: 'Journalposten ligger i riktig sak',
  category: 'flytte_kopiere_rette',
  urgency: 'hoy',
  reference: '2026/1234-3',
};

export type Element = {
  type: string;
  id?: string;
  label?: string;
  text?: string;
  value?: string;
  url?: string;
  altText?: string;
  inlines?: { type?: string; text: string }[];
  facts?: { title: string; value: string }[];
  choices?: { title: string; value: string }[];
  items?: Element[];
  columns?: Element[];
  actions?: Action[];
};
export type Action = { type: string; title: string; verb?: string; url?: string; data?: Record<string, unknown>; card?: { body: Element[]; actions?: Action[] } };
export type Card = { speak: string; body: Element[]; actions?: Action[] };

/** Every element of a card, nested ones too, in order. */
export const elements = (list: Element[]): Element[] => list.flatMap((element) => [element, ...elements([...(element.items ?? []), ...(element.columns ?? [])])]);
/** Everything a reader sees on the card, one line per text block, rich text or fact. */
export const cardLines = (card: Card): string[] =>
  elements(card.body).flatMap((element) =>
    element.facts
      ? element.facts.map((fact) => `${fact.title}: ${fact.value}`)
      : element.inlines
        ? [element.inlines.map((inline) => inline.text).join('')]
        : element.text !== undefined
          ? element.text.split('\r')
          : [],
  );
export const inputs = (card: Card): Element[] => elements(card.body).filter((element) => element.type.startsWith('Input.'));
const flatten = (actions: Action[]): Action[] => actions.flatMap((action) => [action, ...flatten(action.card?.actions ?? []), ...elements(action.card?.body ?? []).flatMap((element) => flatten(element.actions ?? []))]);
/** Every action of a card: its own, those in its body (ActionSets) and those in its ShowCards. */
export const allActions = (card: Card): Action[] => flatten([...elements(card.body).flatMap((element) => element.actions ?? []), ...(card.actions ?? [])]);
export const verbs = (card: Card): string[] => allActions(card).flatMap((action) => (action.verb ? [action.verb] : []));
export const actionWithVerb = (card: Card, verb: string): Action => {
  const action = allActions(card).find((candidate) => candidate.verb === verb);
  if (!action) throw new Error(`the card has no action ${verb}; it has ${verbs(card).join(', ')}`);
  return action;
};
export const cardOf = (activity: SentActivity): Card => activity.body.attachments?.[0]?.content as unknown as Card;

/**
 * The intake card the bot sent (its «Send henvendelsen» action): what a test waits for after
 * `ny henvendelse`, and nothing else — a thread line or card update still on its way from an
 * earlier test may reach the connector after it was cleared.
 */
export const isIntakeCard = (activity: SentActivity): boolean =>
  activity.body.type === 'message' && activity.body.attachments !== undefined && JSON.stringify(activity.body.attachments).includes('"support.intake.submit"');

/** A support desk on one test bot: the conversations people write in and the clicks they make. */
export function supportDesk(bot: TestBot) {
  const prisma = () => bot.arkivlos.database.prisma;
  const personal = (user: TestUser): ActivityOptions => ({ serviceUrl: bot.connector.url, user });
  const inChannel = (user: TestUser, channel = ARKIV_CHANNEL): ActivityOptions => ({ serviceUrl: bot.connector.url, user, conversationType: 'channel', conversationId: channel });
  const toChannel =
    (channel = ARKIV_CHANNEL) =>
    (activity: SentActivity) =>
      activity.conversationId.startsWith(channel);

  /** A card action's answer (a card, or a sentence). */
  const click = async (verb: string, data: Record<string, unknown>, options: ActivityOptions): Promise<Card | string> => {
    const response = await bot.post(actionExecuteActivity(verb, data, options));
    expect(response.status).toBe(200);
    return (response.body as { value: Card | string }).value;
  };
  const clickCard = async (verb: string, data: Record<string, unknown>, options: ActivityOptions): Promise<Card> => {
    const answer = await click(verb, data, options);
    if (typeof answer === 'string') throw new Error(`expected a card, got: ${answer}`);
    return answer;
  };
  /** Binds a channel to a line (`koble kø …`), as `user`. */
  const bindQueue = async (command: string, user: TestUser, channel = ARKIV_CHANNEL) => {
    const response = await bot.post(channelMessageActivity(command, { serviceUrl: bot.connector.url, user, channelId: channel, teamId: TEAM }));
    expect(response.status).toBe(200);
  };
  /** The henvendelse now, and the card data an action on it carries. */
  const current = async (requestId: string) => {
    const request = await prisma().supportRequest.findUniqueOrThrow({ where: { id: requestId } });
    return { request, data: { requestId, version: request.version } };
  };
  /** `requester` submits a henvendelse with `answers` from the intake card `command` shows. */
  const submit = async (options: { requester?: TestUser; command?: string; answers?: Record<string, string> } = {}) => {
    const requester = options.requester ?? ALEX;
    bot.connector.clear();
    expect((await bot.post(messageActivity(options.command ?? 'ny henvendelse', personal(requester)))).status).toBe(200);
    const [intake] = await bot.connector.waitFor(isIntakeCard);
    const submitAction = actionWithVerb(cardOf(intake!), 'support.intake.submit');
    const confirmation = await clickCard('support.intake.submit', { ...submitAction.data, ...(options.answers ?? ANSWERS) }, personal(requester));
    const request = await prisma().supportRequest.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    return { confirmation, ...(await current(request.id)) };
  };
  /** The id the fake connector gave an outbox message when it was sent (`sent-<n>`). */
  const postedActivityId = async (messageId: bigint) => (await prisma().outboxMessage.findUniqueOrThrow({ where: { id: messageId } })).activityId;

  return { prisma, personal, inChannel, toChannel, click, clickCard, bindQueue, current, submit, postedActivityId };
}

/** What Teams gets back from a message action's invoke: a dialog with a card, or a sentence in the dialog. */
export type TaskResponse = { task: { type: 'continue'; value: { title: string; card: { contentType: string; content: Card } } } | { type: 'message'; value: string } };

/** The message actions on one test bot: choosing one on a message (fetchTask) and sending its form (submitAction). */
export function messageActions(bot: TestBot) {
  const invoke = async (activity: unknown): Promise<TaskResponse> => {
    const response = await bot.post(activity);
    expect(response.status).toBe(200);
    return response.body as TaskResponse;
  };
  const fetchTask = (commandId: string, message: TestMessagePayload, options: ActivityOptions) =>
    invoke(messageActionActivity('composeExtension/fetchTask', commandId, message, options));
  const submitAction = (commandId: string, message: TestMessagePayload, data: Record<string, unknown>, options: ActivityOptions) =>
    invoke(messageActionActivity('composeExtension/submitAction', commandId, message, options, data));
  /** The dialog's card, or an error naming what came instead. */
  const dialogCard = (response: TaskResponse): Card => {
    if (response.task.type !== 'continue') throw new Error(`expected a dialog with a card, got: ${JSON.stringify(response)}`);
    return response.task.value.card.content;
  };
  /** The sentence in the dialog, or an error naming what came instead. */
  const dialogMessage = (response: TaskResponse): string => {
    if (response.task.type !== 'message') throw new Error(`expected a sentence, got: ${JSON.stringify(response)}`);
    return response.task.value;
  };
  return { fetchTask, submitAction, dialogCard, dialogMessage };
}

/** Waits until the bot's outbox has sent everything it holds (what an action enqueued has reached the fake connector). */
export async function outboxSent(bot: TestBot, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while ((await bot.arkivlos.database.prisma.outboxMessage.count({ where: { state: { in: ['waiting', 'sending'] } } })) > 0) {
    if (Date.now() > deadline) throw new Error(`the outbox did not empty in ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

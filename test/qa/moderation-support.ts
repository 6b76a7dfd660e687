/**
 * Helpers for the moderation and known-error tests over /api/messages: people who have a 1:1 chat
 * with the bot (so the fake connector shows what each is told, by conversation), a click on a
 * card action, and the card's elements.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { saveConversationReference } from '../../domain/conversations/save-conversation-reference.js';
import type { PrismaClient } from '../../domain/db.js';
import type { RoleKey } from '../../domain/people/roles.js';
import { actionExecuteActivity, BOT, TENANT_ID, type ActivityOptions } from '../support/activities.js';
import type { TestBot } from '../support/bot.js';

export interface Person {
  id: string;
  aadObjectId: string;
  name: string;
}

export type Element = { type: string; id?: string; text?: string; label?: string; value?: string; choices?: { title: string; value: string }[]; items?: Element[]; actions?: Action[]; card?: Card };
export type Action = { type: string; title: string; verb?: string; data?: Record<string, unknown>; card?: Card };
export type Card = { speak: string; body: Element[]; actions?: Action[] };

/** Every element, with those inside containers and inside the forms of Action.ShowCard. */
export function elements(list: readonly (Element | Action)[]): (Element | Action)[] {
  return list.flatMap((element) => [
    element,
    ...elements((element as Element).items ?? []),
    ...elements((element as Element).actions ?? []),
    ...(element.card ? elements([...element.card.body, ...(element.card.actions ?? [])]) : []),
  ]);
}
export const lines = (card: Card) => elements(card.body).flatMap((element) => ('text' in element && element.text !== undefined ? [element.text] : []));
export const actionsOf = (card: Card) => elements([...card.body, ...(card.actions ?? [])]).filter((element) => element.type === 'Action.Execute') as Action[];

/** The card's Execute action with this verb for this question (or known error). */
export function button(card: Card, verb: string, key: string, id: string): Action {
  const found = actionsOf(card).find((action) => action.verb === verb && action.data?.[key] === id);
  if (!found) throw new Error(`no ${verb} for ${id}: ${actionsOf(card).map((action) => `${action.verb}:${String(action.data?.[key])}`).join(', ')}`);
  return found;
}

/** A person of the organisation, with a 1:1 chat the bot knows (`a:personal-<aad>`, as Teams' test activities name it). */
export async function createPerson(prisma: PrismaClient, bot: TestBot, name: string, options: { locale?: 'nb' | 'nn' | 'en'; role?: RoleKey } = {}): Promise<Person> {
  const aadObjectId = randomUUID();
  const person = await prisma.person.create({
    data: {
      aadObjectId,
      name,
      email: `${aadObjectId}@eksempel.kommune.no`,
      locale: options.locale ?? 'nb',
      ...(options.role && options.role !== 'leder' && options.role !== 'stedfortreder' ? { roles: { create: { role: options.role } } } : {}),
    },
    select: { id: true, aadObjectId: true, name: true },
  });
  const conversationId = personalConversation(person);
  await saveConversationReference(prisma, {
    conversationId,
    scope: 'personal',
    aadObjectId,
    tenantId: TENANT_ID,
    serviceUrl: bot.connector.url,
    reference: { channelId: 'msteams', serviceUrl: bot.connector.url, conversation: { id: conversationId, conversationType: 'personal', tenantId: TENANT_ID }, bot: { id: BOT.id }, user: { id: `29:${aadObjectId}`, aadObjectId } },
  });
  return person;
}

export const personalConversation = (person: Person) => `a:personal-${person.aadObjectId}`;

/** The activity options for a person in their 1:1 chat, or in a channel. */
export const as = (bot: TestBot, person: Person, extra: Partial<ActivityOptions> = {}): ActivityOptions => ({
  serviceUrl: bot.connector.url,
  user: { aadObjectId: person.aadObjectId, name: person.name },
  ...extra,
});

/** One Action.Execute; the answer is a card (Teams puts it in place of the old one) or a sentence. */
export async function click(bot: TestBot, person: Person, verb: string, data: Record<string, unknown>, extra: Partial<ActivityOptions> = {}): Promise<Card | string> {
  const response = await bot.post(actionExecuteActivity(verb, data, as(bot, person, extra)));
  expect(response.status).toBe(200);
  return (response.body as { value: Card | string }).value;
}

export async function clickCard(bot: TestBot, person: Person, verb: string, data: Record<string, unknown>): Promise<Card> {
  const answer = await click(bot, person, verb, data);
  if (typeof answer === 'string') throw new Error(`expected a card, got: ${answer}`);
  return answer;
}

/** The texts sent to the person's 1:1 chat so far. */
export const textsTo = (bot: TestBot, person: Person) =>
  bot.connector.sent.filter((sent) => sent.conversationId === personalConversation(person) && sent.body.text).map((sent) => sent.body.text!);

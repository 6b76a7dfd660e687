import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enqueueMessage } from '../../domain/delivery/enqueue-message.js';
import { actionExecuteActivity, installationUpdateActivity, messageActivity, type ActivityOptions, type TestUser } from '../support/activities.js';
import { startTestBot, type TestBot } from '../support/bot.js';

const SIGRID = { aadObjectId: '4c70f70d-c03a-4145-b03e-53c56d1096c9', name: 'Sigrid Dahl' }; // administrator
const ALEX = { aadObjectId: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber' }; // saksbehandler
const MEGAN = { aadObjectId: '00000000-0000-0000-0000-0000000000021', name: 'Megan Bowen' };
const STRANGER = { aadObjectId: '9a1c2b3d-0000-4000-8000-00000000dead', name: 'Ukjent' };

type Card = { speak: string; body: { type: string; text?: string; facts?: { title: string; value: string }[] }[]; actions?: { verb?: string }[] };

/** Everything a reader sees on the card, one line per text block or fact. */
const cardLines = (card: Card) =>
  card.body.flatMap((element) => (element.facts ? element.facts.map((fact) => `${fact.title}: ${fact.value}`) : (element.text ?? '').split('\r')));

describe('the administrator’s commands over HTTP', () => {
  let bot: TestBot;
  const prisma = () => bot.arkivlos.database.prisma;
  const as = (user: TestUser, extra: Partial<ActivityOptions> = {}): ActivityOptions => ({ serviceUrl: bot.connector.url, user, ...extra });
  /** The one answer the bot sends to a message: a card, or a text. */
  const answer = async (text: string, options: ActivityOptions) => {
    bot.connector.clear();
    expect((await bot.post(messageActivity(text, options))).status).toBe(200);
    const [reply] = await bot.connector.waitFor((activity) => activity.body.type === 'message');
    const card = reply!.body.attachments?.[0]?.content as unknown as Card | undefined;
    return { card, text: reply!.body.text };
  };
  const reachMessages = () => prisma().outboxMessage.count({ where: { kind: 'reach' } });

  beforeAll(async () => {
    bot = await startTestBot({ LOG_LEVEL: 'info' });
  });
  afterAll(async () => {
    await bot?.stop();
  });
  beforeEach(async () => {
    await prisma().outboxMessage.deleteMany();
    await prisma().conversationReference.deleteMany();
    await prisma().person.updateMany({ data: { unreachableAt: null, unreachableReason: null } });
  });

  describe('status utsending', () => {
    const prepareOutbox = async () => {
      const alex = await prisma().person.findUniqueOrThrow({ where: { aadObjectId: ALEX.aadObjectId } });
      const inAnHour = new Date(Date.now() + 3_600_000);
      await enqueueMessage(prisma(), { to: { personId: alex.id }, activity: { type: 'message', text: 'Senere' }, notBefore: inAnHour });
      await enqueueMessage(prisma(), { to: { personId: alex.id }, activity: { type: 'message', text: 'Senere' }, notBefore: inAnHour });
      await prisma().outboxMessage.create({ data: { personId: alex.id, state: 'failed', lastError: '503 ServiceUnavailable (gave up after 6 attempts)' } });
      await prisma().person.update({ where: { id: alex.id }, data: { unreachableAt: new Date(), unreachableReason: 'blocked' } });
    };

    it.each([
      ['nb-NO', 'status utsending', 'Status for utsending', 'Venter til senere: 2', 'Kan ikke nås: 1', 'personen har blokkert eller fjernet appen'],
      ['nn-NO', 'status utsending', 'Status for utsending', 'Ventar til seinare: 2', 'Kan ikkje nåast: 1', 'personen har blokkert eller fjerna appen'],
      ['en-US', 'delivery status', 'Delivery status', 'Waiting until later: 2', 'Cannot be reached: 1', 'the person blocked or removed the app'],
    ])('an administrator in Teams locale %s writes “%s” and gets the card: waiting, failed with the reason, unreachable people by name, pace', async (locale, word, title, later, unreachable, reason) => {
      await prepareOutbox();
      const { card } = await answer(word, as(SIGRID, { locale }));
      const lines = cardLines(card!);
      expect(lines[0]).toBe(title);
      expect(lines).toContain(later);
      expect(lines).toContain(unreachable);
      expect(lines).toContain(`- Alex Wilber (alex.wilber@eksempel.kommune.no): ${reason}`);
      expect(lines.find((line) => line.includes('503 ServiceUnavailable'))).toMatch(/^- 1 × 503 ServiceUnavailable \(gave up after 6 attempts\)/);
      expect(lines.some((line) => line.includes('30'))).toBe(true); // the tenant's allowance (TEAMS_TENANT_RPS)
      expect(card!.actions?.map((action) => action.verb)).toEqual(['delivery.status']);
    });

    it('the names on the card never reach the log', async () => {
      await prepareOutbox();
      await answer('status utsending', as(SIGRID));
      expect(JSON.stringify(bot.logs)).not.toMatch(/Alex Wilber|alex\.wilber/);
    });

    it.each([
      ['a caseworker', 'nb-NO', ALEX, 'status utsending', 'Bare administratorer for Arkivlos kan bruke «status utsending». Ingenting er endret.'],
      ['a caseworker', 'nn-NO', ALEX, 'status utsending', 'Berre administratorar for Arkivlos kan bruke «status utsending». Ingenting er endra.'],
      ['a caseworker', 'en-US', ALEX, 'delivery status', 'Only Arkivlos administrators can use “delivery status”. Nothing was changed.'],
      ['someone the organisation does not know', 'nb-NO', STRANGER, 'status utsending', 'Bare administratorer for Arkivlos kan bruke «status utsending». Ingenting er endret.'],
    ])('%s in %s gets “only administrators” and no card', async (_who, locale, user, word, expected) => {
      await prepareOutbox();
      const { card, text } = await answer(word, as(user, { locale }));
      expect(card).toBeUndefined();
      expect(text).toBe(expected);
    });

    it('in a group chat even an administrator is sent to the 1:1 chat, and no name is shown to the others there', async () => {
      await prepareOutbox();
      const { card, text } = await answer('status utsending', as(SIGRID, { conversationType: 'groupChat', conversationId: '19:gruppe@thread.v2' }));
      expect(card).toBeUndefined();
      expect(text).toBe('«status utsending» virker bare i din personlige chat med Arkivlos, fordi svaret kan vise navn. Ingenting er endret.');
    });

    it('the card’s refresh button gives an administrator the card again, with the figures as they are now, and refuses anyone else', async () => {
      const refresh = async (user: TestUser) => (await bot.post(actionExecuteActivity('delivery.status', {}, as(user)))).body as { value: Card | string };
      expect(cardLines((await refresh(SIGRID)).value as Card)).toContain('Kan ikke nås: 0');
      await prepareOutbox();
      expect(cardLines((await refresh(SIGRID)).value as Card)).toContain('Kan ikke nås: 1');
      expect((await refresh(ALEX)).value).toBe('Bare administratorer for Arkivlos kan bruke «status utsending». Ingenting er endret.');
    });
  });

  describe('nå alle', () => {
    it('an administrator queues a chat for everyone who has none, is answered at once with how many, and the outbox creates them', async () => {
      const people = await prisma().person.count({ where: { active: true } });
      const { card } = await answer('nå alle', as(SIGRID)); // her own chat is stored by this very message
      expect(cardLines(card!)).toEqual([
        'Nå alle',
        `Satt i kø nå: ${people - 1}`,
        'Var allerede i kø: 0',
        'Har personlig chat fra før: 1',
        'Arkivlos oppretter en personlig chat med hver av dem, i det tempoet Teams tillater. Skriv **status utsending** for å se hvem Arkivlos ikke når.',
      ]);
      expect(card!.actions?.map((action) => action.verb)).toEqual(['delivery.status']);
      expect(await reachMessages()).toBe(people - 1);
      await expect.poll(() => prisma().outboxMessage.count({ where: { kind: 'reach', state: 'sent' } }), { timeout: 10_000 }).toBe(people - 1);
      expect(await prisma().conversationReference.count({ where: { scope: 'personal' } })).toBe(people);

      const again = await answer('reach everyone', as(SIGRID, { locale: 'en-US' }));
      expect(cardLines(again.card!)).toEqual(['Reach everyone', '✔ Every active person already has a personal chat with Arkivlos.']);
    });

    it.each([
      ['a caseworker', 'nb-NO', ALEX, 'nå alle', 'Bare administratorer for Arkivlos kan bruke «nå alle». Ingenting er endret.'],
      ['a caseworker', 'en-US', ALEX, 'reach everyone', 'Only Arkivlos administrators can use “reach everyone”. Nothing was changed.'],
      ['someone the organisation does not know', 'nn-NO', STRANGER, 'nå alle', 'Berre administratorar for Arkivlos kan bruke «nå alle». Ingenting er endra.'],
    ])('%s in %s is refused with “only administrators”, and nothing is queued', async (_who, locale, user, word, expected) => {
      const { card, text } = await answer(word, as(user, { locale }));
      expect(card).toBeUndefined();
      expect(text).toBe(expected);
      expect(await reachMessages()).toBe(0);
    });

    it('in a channel nothing is queued, even for an administrator', async () => {
      const { text } = await answer('nå alle', as(SIGRID, { conversationType: 'channel', conversationId: '19:kanal@thread.skype' }));
      expect(text).toMatch(/^«nå alle» virker bare i din personlige chat/);
      expect(await reachMessages()).toBe(0);
    });
  });

  describe('/metrics', () => {
    const metric = async (name: string) => {
      const text = await (await fetch(`${bot.arkivlos.url}/metrics`)).text();
      const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
      return line === undefined ? undefined : Number(line.slice(name.length + 1));
    };

    it('after a send, the outbox counter shows it sent, and the queue gauges show what waits and how old the oldest due message is', async () => {
      const sentBefore = (await metric('arkivlos_outbox_messages_total{outcome="sent"}')) ?? 0;
      await bot.post(installationUpdateActivity('add', as(MEGAN))); // the welcome card goes through the outbox
      await bot.connector.waitFor((activity) => Boolean(activity.body.attachments?.length));
      await expect.poll(() => metric('arkivlos_outbox_messages_total{outcome="sent"}')).toBe(sentBefore + 1);
      expect(await metric('arkivlos_outbox_waiting')).toBe(0);
      expect(await metric('arkivlos_outbox_oldest_waiting_seconds')).toBe(0);

      // One message for later, and one another instance has claimed, due for 90 s: waiting 2, the oldest 90 s old.
      const megan = await prisma().person.findUniqueOrThrow({ where: { aadObjectId: MEGAN.aadObjectId } });
      await enqueueMessage(prisma(), { to: { personId: megan.id }, activity: { type: 'message', text: 'Senere' }, notBefore: new Date(Date.now() + 3_600_000) });
      const ninetySecondsAgo = new Date(Date.now() - 90_000);
      await prisma().outboxMessage.create({
        data: {
          personId: megan.id,
          activity: { type: 'message', text: 'Hos en annen instans' },
          state: 'sending',
          lockedBy: 'other-host:1:abc',
          lockedUntil: new Date(Date.now() + 60_000),
          nextAttemptAt: ninetySecondsAgo,
          createdAt: ninetySecondsAgo,
        },
      });
      expect(await metric('arkivlos_outbox_waiting')).toBe(2);
      expect(await metric('arkivlos_outbox_oldest_waiting_seconds')).toBeGreaterThanOrEqual(90);
    });
  });
});

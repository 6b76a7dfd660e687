/**
 * `send oppgaver nå` over /api/messages: administrators only, in their own chat, on any day
 * (also a Saturday); answers with the counts and points to `status utsending`; a second time the
 * same day queues nothing.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { messageActivity, type ActivityOptions, type TestUser } from '../support/activities.js';
import { startTestBot, type TestBot } from '../support/bot.js';

const SIGRID = { aadObjectId: '4c70f70d-c03a-4145-b03e-53c56d1096c9', name: 'Sigrid Dahl' }; // administrator
const ALEX = { aadObjectId: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber' }; // saksbehandler

type Card = { speak: string; body: { type: string; text?: string; facts?: { title: string; value: string }[] }[]; actions?: { verb?: string }[] };
/** Everything a reader sees on the card, one line per text block or fact. */
const cardLines = (card: Card) => card.body.flatMap((element) => (element.facts ? element.facts.map((fact) => `${fact.title}: ${fact.value}`) : [element.text ?? '']));

describe('send oppgaver nå over HTTP', () => {
  let bot: TestBot;
  // Saturday 28 November 2026, 10:00 in Oslo: no scheduled run, but an administrator may ask.
  const clock = new Date('2026-11-28T09:00:00Z');
  const prisma = () => bot.arkivlos.database.prisma;
  const as = (user: TestUser, extra: Partial<ActivityOptions> = {}): ActivityOptions => ({ serviceUrl: bot.connector.url, user, ...extra });
  /** The bot's text answer to a message (the outbox may be sending cards to the connector at the same time). */
  const answer = async (text: string, options: ActivityOptions) => {
    bot.connector.clear();
    expect((await bot.post(messageActivity(text, options))).status).toBe(200);
    const [reply] = await bot.connector.waitFor((activity) => activity.body.type === 'message' && typeof activity.body.text === 'string' && !activity.body.attachments?.length);
    return String(reply!.body.text);
  };
  /** The bot's card answer to a message. */
  const answerCard = async (text: string, options: ActivityOptions) => {
    bot.connector.clear();
    expect((await bot.post(messageActivity(text, options))).status).toBe(200);
    const [reply] = await bot.connector.waitFor(
      (activity) => activity.body.type === 'message' && JSON.stringify(activity.body.attachments ?? []).includes('delivery.status'),
    );
    return reply!.body.attachments![0]!.content as unknown as Card;
  };
  const digests = () => prisma().outboxMessage.findMany({ where: { idempotencyKey: { startsWith: 'digest:' } }, select: { idempotencyKey: true, personId: true } });

  beforeAll(async () => {
    bot = await startTestBot({ LOG_LEVEL: 'warn' }, { now: () => clock });
    // The demo organisation has no archive data here: Alex and Megan asked for the card also when all is done.
    await prisma().person.updateMany({ where: { aadObjectId: { in: [ALEX.aadObjectId, '00000000-0000-0000-0000-0000000000021'] } }, data: { dailyCardWhenEmpty: true } });
  });
  afterAll(async () => {
    await bot?.stop();
  });
  beforeEach(async () => {
    await prisma().outboxMessage.deleteMany();
  });

  it.each([
    ['nb-NO', ALEX, 'send oppgaver nå', 'Bare administratorer for Arkivlos kan bruke «send oppgaver nå». Ingenting er endret.'],
    ['nn-NO', ALEX, 'send oppgåver no', 'Berre administratorar for Arkivlos kan bruke «send oppgåver no». Ingenting er endra.'],
    ['en-US', ALEX, 'send digests now', 'Only Arkivlos administrators can use “send digests now”. Nothing was changed.'],
  ])('refused for a caseworker (Teams locale %s), and nothing is queued', async (locale, user, word, refusal) => {
    expect(await answer(word, as(user, { locale }))).toBe(refusal);
    expect(await digests()).toEqual([]);
  });

  it('refused in a channel, even for an administrator', async () => {
    const text = await answer('send oppgaver nå', as(SIGRID, { conversationType: 'channel', conversationId: '19:kanal@thread.skype' }));
    expect(text).toMatch(/^«send oppgaver nå» virker bare i din personlige chat/);
    expect(await digests()).toEqual([]);
  });

  it('an administrator sends today’s cards on a Saturday, is told the counts and where to follow them; a second time queues nothing', async () => {
    const people = await prisma().person.count({ where: { active: true } });
    const card = await answerCard('send oppgaver nå', as(SIGRID));
    expect(cardLines(card)).toEqual([
      'Oppgavekort for lørdag 28. november 2026',
      'Satt i kø nå: 2',
      'Var allerede i kø: 0',
      `Har ingenting å gjøre: ${people - 2}`,
      'Er borte: 0',
      'Arkivlos sender kortene i det tempoet Teams tillater. Skriv **status utsending** for å følge utsendingen.',
    ]);
    expect(card.actions?.map((action) => action.verb)).toEqual(['delivery.status']);
    const queued = await digests();
    const alex = await prisma().person.findUniqueOrThrow({ where: { aadObjectId: ALEX.aadObjectId } });
    expect(queued.map((message) => message.idempotencyKey)).toContain(`digest:${alex.id}:2026-11-28`);
    expect(queued).toHaveLength(2);

    // The outbox sends them (creating the personal chats it needs at the connector).
    await expect
      .poll(() => prisma().outboxMessage.count({ where: { idempotencyKey: { startsWith: 'digest:' }, state: 'sent' } }), { timeout: 20_000, interval: 100 })
      .toBe(2);

    const again = await answerCard('send digests now', as(SIGRID, { locale: 'en-US' }));
    expect(cardLines(again).slice(0, 3)).toEqual(['Task cards for Saturday, 28 November 2026', 'Queued now: 0', 'Already queued: 2']);
    expect(await digests()).toHaveLength(2);
  });

  it('says so when nobody is due a card', async () => {
    await prisma().person.updateMany({ data: { dailyCardWhenEmpty: false } });
    const card = await answerCard('send oppgåver no', as(SIGRID, { locale: 'nn-NO' }));
    expect(cardLines(card)[1]).toMatch(/^Ingen av dei \d+ aktive personane skal ha kort i dag\.$/);
    expect(await digests()).toEqual([]);
  });

  it('the help card lists it for an administrator only', async () => {
    bot.connector.clear();
    await bot.post(messageActivity('hjelp', as(SIGRID)));
    const [help] = await bot.connector.waitFor((activity) => activity.body.type === 'message');
    expect(JSON.stringify(help!.body)).toContain('send oppgaver nå');
    bot.connector.clear();
    await bot.post(messageActivity('hjelp', as(ALEX)));
    const [other] = await bot.connector.waitFor((activity) => activity.body.type === 'message');
    expect(JSON.stringify(other!.body)).not.toContain('send oppgaver nå');
  });
});

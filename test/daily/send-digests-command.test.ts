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
    const text = await answer('send oppgaver nå', as(SIGRID));
    expect(text).toBe(
      `Oppgavekortene for lørdag 28. november 2026: 2 satt i kø nå, 0 var allerede i kø, ${people - 2} har ingenting å gjøre, 0 er borte (${people} personer i alt).\n\n` +
        'Skriv **status utsending** for å følge utsendingen.',
    );
    const queued = await digests();
    const alex = await prisma().person.findUniqueOrThrow({ where: { aadObjectId: ALEX.aadObjectId } });
    expect(queued.map((message) => message.idempotencyKey)).toContain(`digest:${alex.id}:2026-11-28`);
    expect(queued).toHaveLength(2);

    // The outbox sends them (creating the personal chats it needs at the connector).
    await expect
      .poll(() => prisma().outboxMessage.count({ where: { idempotencyKey: { startsWith: 'digest:' }, state: 'sent' } }), { timeout: 20_000, interval: 100 })
      .toBe(2);

    const again = await answer('send digests now', as(SIGRID, { locale: 'en-US' }));
    expect(again).toMatch(/^Task cards for Saturday, 28 November 2026: 0 queued now, 2 already queued, /);
    expect(again).toContain('Type **delivery status** to follow the delivery.');
    expect(await digests()).toHaveLength(2);
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

/**
 * Spørretimer in Teams over /api/messages (startTestBot, the fake connector, the schedule job on
 * the test's clock): creating from the card, refusals, asking and voting from the posted card, the
 * card kept current through the outbox, the anonymous asker nowhere in any card, 300 questions
 * under Teams' size limit, and the job posting, opening and closing with carry-over.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qaSessionsJob } from '../../domain/qa/sessions-job.js';
import { actionExecuteActivity, channelMessageActivity, messageActivity, type ActivityOptions, type TestUser } from '../support/activities.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import type { SentActivity } from '../support/fake-connector.js';

// The demo organisation: Ole Johansen is in the archive (first line), Nils Haugen a moderator, the others neither.
const OLE = { aadObjectId: 'dc768a46-c951-400a-a797-06069eba62e5', name: 'Ole Johansen' };
const NILS = { aadObjectId: '711a7fe4-08d9-4acf-9487-0c259d699338', name: 'Nils Haugen' };
const ALEX = { aadObjectId: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber' };
const MEGAN = { aadObjectId: '00000000-0000-0000-0000-0000000000021', name: 'Megan Bowen' };
const ISAIAH = { aadObjectId: '00000000-0000-0000-0000-0000000000023', name: 'Isaiah Langer' };
const PATTI = { aadObjectId: '00000000-0000-0000-0000-0000000000024', name: 'Patti Fernandez' };

const CHANNEL = '19:qa-general@thread.tacv2';
const GROUP_CHAT = '19:qa-group-chat@thread.v2';
const TEAMS_CARD_LIMIT = 28 * 1024;

type Element = { type: string; id?: string; text?: string; label?: string; items?: Element[]; columns?: Element[]; actions?: Action[]; inlines?: { text: string }[] };
type Action = { type: string; title: string; verb?: string; data?: Record<string, unknown> };
type Card = { speak: string; body: Element[]; actions?: Action[] };

const elements = (list: Element[]): Element[] => list.flatMap((element) => [element, ...elements([...(element.items ?? []), ...(element.columns ?? [])])]);
const lines = (card: Card) => elements(card.body).flatMap((element) => [...(element.text === undefined ? [] : [element.text]), ...(element.inlines ?? []).map((run) => run.text)]);
const actionsOf = (card: Card): Action[] => [...elements(card.body).flatMap((element) => element.actions ?? []), ...(card.actions ?? [])];
const inputsOf = (card: Card) => elements(card.body).filter((element) => element.type.startsWith('Input.'));
const cardOf = (activity: SentActivity) => activity.body.attachments?.[0]?.content as unknown as Card | undefined;
/** The vote line of a question on the card: «1. Spørsmål · 2 stemmer · Alex Wilber». */
const voteLineOf = (card: Card, text: string) => {
  const all = lines(card);
  const at = all.indexOf(text);
  return at > 0 ? all[at - 1] : undefined;
};

describe('spørretimer over HTTP', () => {
  let bot: TestBot;
  let clock = new Date('2026-11-26T10:00:00Z'); // Thursday 26 November 2026, 11:00 in Oslo
  const prisma = () => bot.arkivlos.database.prisma;
  /** Everything any card showed anyone: the connector's activities and every invoke's answer. */
  const answers: unknown[] = [];

  const inChannel = (user: TestUser): ActivityOptions => ({ serviceUrl: bot.connector.url, user, conversationType: 'channel', conversationId: `${CHANNEL};messageid=1764000000000` });
  const inGroupChat = (user: TestUser): ActivityOptions => ({ serviceUrl: bot.connector.url, user, conversationType: 'groupChat', conversationId: GROUP_CHAT });

  const sayInChannel = async (text: string, user: TestUser) => {
    const before = bot.connector.sent.length;
    expect((await bot.post(channelMessageActivity(text, { serviceUrl: bot.connector.url, user, channelId: CHANNEL }))).status).toBe(200);
    const [reply] = await bot.connector.waitFor((activity) => bot.connector.sent.indexOf(activity) >= before && activity.method === 'POST' && activity.body.type === 'message');
    return reply!.body;
  };
  const click = async (verb: string, data: Record<string, unknown>, options: ActivityOptions): Promise<Card | string> => {
    const response = await bot.post(actionExecuteActivity(verb, data, options));
    expect(response.status).toBe(200);
    const value = (response.body as { value: Card | string }).value;
    answers.push(value);
    return value;
  };
  const clickCard = async (verb: string, data: Record<string, unknown>, options: ActivityOptions) => {
    const answer = await click(verb, data, options);
    if (typeof answer === 'string') throw new Error(`expected a card, got: ${answer}`);
    return answer;
  };
  const sessions = () => prisma().qaSession.findMany({ orderBy: { startsAt: 'asc' } });
  const channelSession = async () => (await prisma().qaSession.findFirstOrThrow({ where: { conversationId: CHANNEL } })).id;
  const questionId = async (text: string) => (await prisma().qaQuestion.findFirstOrThrow({ where: { text }, orderBy: { createdAt: 'desc' } })).id;
  /** The newest card (a post or an update) the connector has for a conversation for which `until` holds, once there is one. */
  const postedCard = async (conversationId: string, until: (card: Card) => boolean) => {
    let found: Card | undefined;
    await expect
      .poll(
        () => {
          const cards = bot.connector.sent.map(cardOf).filter((card, i) => bot.connector.sent[i]!.conversationId === conversationId && card?.speak.startsWith('Spørretime'));
          found = cards.findLast((card) => until(card!));
          return found !== undefined;
        },
        { timeout: 15_000, interval: 50 },
      )
      .toBe(true);
    return found!;
  };
  const ask = (user: TestUser, sessionId: string, text: string, extra: Record<string, string> = {}, where = inChannel) =>
    clickCard('qa.session.ask', { sessionId, qaText: text, qaKind: 'question', qaAnonymous: 'false', ...extra }, where(user));

  beforeAll(async () => {
    bot = await startTestBot({ LOG_LEVEL: 'warn' }, { now: () => clock, scheduledJobs: [qaSessionsJob()], jobs: { pollMs: 50 } });
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it('refuses someone who is neither in the archive nor a moderator, and the command in a 1:1 chat, creating nothing', async () => {
    const refused = await sayInChannel('spørretime', ALEX);
    expect(refused.text).toBe('Bare arkivet (førstelinjen) og moderatorer kan lage spørretimer og kunngjøringer med spørretime. Du kan stille spørsmål og stemme på kortet til spørretimen.');
    expect(await click('qa.session.create', { title: 'Snikopprettet', mode: 'once', date: '2026-12-03', start: '09:00', end: '10:00' }, inChannel(ALEX))).toMatch(/^Bare arkivet/);

    bot.connector.clear();
    await bot.post(messageActivity('spørretime', { serviceUrl: bot.connector.url, user: OLE }));
    const [personal] = await bot.connector.waitFor((activity) => activity.body.type === 'message');
    expect(personal!.body.text).toContain('Spørretimer holdes i en kanal eller gruppechat');
    expect(await sessions()).toEqual([]);
  });

  it('the first line creates a session from the card: labelled inputs, bad input and an overlap show the form again with a sentence', async () => {
    const reply = await sayInChannel('spørretime', OLE);
    const form = reply.attachments![0]!.content as unknown as Card;
    expect(inputsOf(form).map((input) => input.id)).toEqual(['title', 'mode', 'date', 'start', 'end', 'dates', 'openingStart', 'openingEnd', 'closingStart', 'closingEnd', 'anonymous']);
    expect(inputsOf(form).every((input) => Boolean(input.label))).toBe(true);

    const incomplete = await clickCard('qa.session.create', { title: 'Spørretime – felles oppstart', mode: 'once', date: '2026-12-03' }, inChannel(OLE));
    expect(lines(incomplete)).toContain('⚠ For én gang: velg dato og tidspunkt fra og til.');
    const backwards = await clickCard('qa.session.create', { title: 'Spørretime – felles oppstart', mode: 'once', date: '2026-12-03', start: '10:00', end: '09:00' }, inChannel(OLE));
    expect(lines(backwards).some((line) => line.startsWith('⚠ Sjekk tidene'))).toBe(true);
    expect(await sessions()).toEqual([]);

    const created = await clickCard('qa.session.create', { title: 'Spørretime – felles oppstart', mode: 'once', date: '2026-12-03', start: '09:00', end: '10:00', anonymous: 'true' }, inChannel(OLE));
    expect(lines(created)).toContain('✔ Spørretimen er laget.');
    expect(lines(created)).toContain('- torsdag 3. desember 2026, 09:00–10:00');
    expect(lines(created)).toContain('Kortet legges ut her onsdag 2. desember kl. 07:30.');
    const [session] = await sessions();
    expect(session).toMatchObject({ conversationId: CHANNEL, title: 'Spørretime – felles oppstart', anonymousAllowed: true, state: 'planned', cardMessageId: null });

    const overlap = await clickCard('qa.session.create', { title: 'Enda en', mode: 'once', date: '2026-12-03', start: '09:30', end: '11:00' }, inChannel(OLE));
    expect(lines(overlap)[1]).toBe('⚠ Samtalen har allerede en spørretime på dette tidspunktet. Én spørretime om gangen i hver samtale – velg et annet tidspunkt.');
    expect(await sessions()).toHaveLength(1);
  });

  it('a moderator creates a recurring pair over a list of dates in a group chat', async () => {
    const created = await clickCard(
      'qa.session.create',
      { title: 'Daglig spørretime', mode: 'pair', dates: '7.12, 8.12', openingStart: '09:00', openingEnd: '09:30', closingStart: '14:00', closingEnd: '14:30', anonymous: 'false' },
      inGroupChat(NILS),
    );
    expect(lines(created)).toContain('✔ 4 spørretimer er laget.');
    expect(lines(created)).toContain('- Åpning: mandag 7. desember 2026, 09:00–09:30\r- Avslutning: mandag 7. desember 2026, 14:00–14:30\r- Åpning: tirsdag 8. desember 2026, 09:00–09:30\r- Avslutning: tirsdag 8. desember 2026, 14:00–14:30');
    const pair = (await sessions()).filter((session) => session.conversationId === GROUP_CHAT);
    expect(pair.map((session) => session.pairRole)).toEqual(['opening', 'closing', 'opening', 'closing']);
    expect(new Set(pair.map((session) => session.pairId)).size).toBe(1);
    const bad = await clickCard('qa.session.create', { title: 'X', mode: 'pair', dates: '7.12, 31.2', openingStart: '09:00', openingEnd: '09:30', closingStart: '14:00', closingEnd: '14:30' }, inGroupChat(NILS));
    expect(lines(bad)).toContain('⚠ «31.2» er ikke en dato fra i dag og framover. Skriv for eksempel 2.12, 3.12 eller 2.12–6.12.');
  });

  it('the job posts the session card in the channel at 07:30 on the working day before, once', async () => {
    clock = new Date('2026-12-02T06:29:00Z'); // Wednesday 07:29 in Oslo
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await sessions())[0]!.cardMessageId).toBeNull();
    clock = new Date('2026-12-02T06:30:00Z');
    const card = await postedCard(CHANNEL, () => true);
    expect(lines(card)).toContain('Status: Planlagt – du kan sende spørsmål allerede nå');
    expect(lines(card)).toContain('Ingen spørsmål ennå. Bli den første!');
    expect(inputsOf(card).map((input) => input.id)).toEqual(['qaKind', 'qaText', 'qaAnonymous']);
    expect(actionsOf(card).map((action) => action.verb)).toEqual(['qa.session.ask', 'qa.moderate.open']);
    expect(actionsOf(card).find((action) => action.verb === 'qa.moderate.open')!.data).toEqual({ sessionId: await channelSession() });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bot.connector.sent.filter((activity) => activity.conversationId === CHANNEL && activity.method === 'POST' && cardOf(activity)?.speak.startsWith('Spørretime'))).toHaveLength(1);
    expect((await sessions())[0]!.cardMessageId).not.toBeNull();
  });

  it('people ask, also anonymously, and report errors; several vote and withdraw, a second click changes nothing, and nobody votes for their own', async () => {
    const sessionId = await channelSession();
    const asked = await ask(ALEX, sessionId, 'Hvordan avskriver jeg med BU?');
    expect(lines(asked)[0]).toBe('✔ Spørsmålet ditt er sendt.');
    await ask(MEGAN, sessionId, 'Hvem ser anonyme spørsmål?', { qaAnonymous: 'true' });
    const reported = await ask(ISAIAH, sessionId, 'Utskrift av journal feiler', { qaKind: 'error_report' });
    expect(lines(reported)[0]).toBe('✔ Feilmeldingen din er sendt.');
    const tooLong = await ask(ALEX, sessionId, 'x'.repeat(1001));
    expect(lines(tooLong)[0]).toMatch(/^⚠ Teksten er tom eller for lang/);

    const alexQ = await questionId('Hvordan avskriver jeg med BU?');
    const meganQ = await questionId('Hvem ser anonyme spørsmål?');
    for (const voter of [MEGAN, ISAIAH, PATTI]) expect(lines(await clickCard('qa.session.vote', { questionId: alexQ }, inChannel(voter)))[0]).toBe('✔ Stemmen din er med.');
    const again = await clickCard('qa.session.vote', { questionId: alexQ }, inChannel(PATTI));
    expect(voteLineOf(again, 'Hvordan avskriver jeg med BU?')).toBe('1. Spørsmål · 3 stemmer · Alex Wilber');
    const own = await clickCard('qa.session.vote', { questionId: alexQ }, inChannel(ALEX));
    expect(lines(own)[0]).toBe('⚠ Du kan ikke stemme på ditt eget spørsmål.');
    await clickCard('qa.session.vote', { questionId: meganQ }, inChannel(ALEX));
    const withdrawn = await clickCard('qa.session.withdraw', { questionId: alexQ }, inChannel(PATTI));
    expect(lines(withdrawn)[0]).toBe('✔ Stemmen din er trukket.');
    expect(voteLineOf(withdrawn, 'Hvordan avskriver jeg med BU?')).toBe('1. Spørsmål · 2 stemmer · Alex Wilber');
    expect(voteLineOf(withdrawn, 'Hvem ser anonyme spørsmål?')).toBe('2. Spørsmål · 1 stemme · Anonymt');
    expect(voteLineOf(withdrawn, 'Utskrift av journal feiler')).toBe('3. Feilmelding · 0 stemmer · Isaiah Langer');
    expect(await prisma().qaVote.count()).toBe(3);

    // Everyone's card: the posted card updated through the outbox with the new counts.
    const updated = await postedCard(CHANNEL, (card) => voteLineOf(card, 'Hvordan avskriver jeg med BU?') === '1. Spørsmål · 2 stemmer · Alex Wilber' && voteLineOf(card, 'Hvem ser anonyme spørsmål?') === '2. Spørsmål · 1 stemme · Anonymt');
    expect(lines(updated)).not.toContain('✔ Stemmen din er trukket.');
    // … and it is the last one sent: the newest update shows the newest counts.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const last = bot.connector.sent.filter((activity) => activity.conversationId === CHANNEL && cardOf(activity)?.speak.startsWith('Spørretime')).at(-1)!;
    expect(cardOf(last)).toEqual(updated);
    const updates = bot.connector.sent.filter((activity) => activity.conversationId === CHANNEL && activity.method === 'PUT');
    expect(updates.length).toBeGreaterThan(0);
    // Many changes in a row make few updates: a waiting update takes the newer card.
    expect(updates.length).toBeLessThanOrEqual(10);
  });

  it('a card action names a session of this conversation only: another conversation’s id is refused', async () => {
    const sessionId = await channelSession();
    const elsewhere = await click('qa.session.ask', { sessionId, qaText: 'Fra feil sted', qaKind: 'question' }, inGroupChat(ALEX));
    expect(typeof elsewhere).toBe('string');
    expect(await prisma().qaQuestion.count({ where: { text: 'Fra feil sted' } })).toBe(0);
    expect(await click('qa.session.vote', { questionId: 'not-an-id' }, inChannel(ALEX))).toBe(await click('qa.session.vote', { questionId: 42 }, inChannel(ALEX)));
  });

  it('the anonymous asker’s name and ids appear in no card JSON sent to anyone', async () => {
    const megan = await prisma().person.findUniqueOrThrow({ where: { aadObjectId: MEGAN.aadObjectId } });
    const everything = JSON.stringify([bot.connector.sent.map((activity) => activity.body), answers]);
    expect(everything).toContain('Hvem ser anonyme spørsmål?');
    for (const secret of [MEGAN.name, MEGAN.aadObjectId, megan.id]) expect(everything).not.toContain(secret);
  });

  it('300 questions keep the card and «Vis alle» under Teams’ size limit, the rest counted', async () => {
    const sessionId = await channelSession();
    const asker = await prisma().person.findUniqueOrThrow({ where: { aadObjectId: NILS.aadObjectId } });
    await prisma().$executeRawUnsafe(
      `INSERT INTO qa_question (id, session_id, kind, text, asker_id, anonymous, created_at, updated_at)
       SELECT gen_random_uuid(), $1::uuid, 'question', 'Spørsmål nummer ' || n || ': ' || repeat('langt spørsmål ', 60), $2::uuid, false, now(), now()
       FROM generate_series(1, 300) n`,
      sessionId,
      asker.id,
    );
    const card = await ask(ALEX, sessionId, 'Det 304. spørsmålet');
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(TEAMS_CARD_LIMIT);
    expect(lines(card)).toContain('294 spørsmål til – trykk «Vis alle».');
    const all = await clickCard('qa.session.all', { sessionId }, inChannel(PATTI));
    expect(Buffer.byteLength(JSON.stringify(all))).toBeLessThan(TEAMS_CARD_LIMIT);
    const notListed = lines(all).find((line) => line.endsWith('spørsmål til får ikke plass på kortet.'));
    expect(notListed).toBeDefined();
    const listed = lines(all).filter((line) => /^\d+\. /.test(line)).length;
    expect(listed + Number(notListed!.split(' ')[0])).toBe(304);
    expect(listed).toBeGreaterThan(10);
    const posted = await postedCard(CHANNEL, (posted) => lines(posted).includes('294 spørsmål til – trykk «Vis alle».'));
    expect(Buffer.byteLength(JSON.stringify(posted))).toBeLessThan(TEAMS_CARD_LIMIT);
  });

  it('the job opens the day’s opening session at its start and closes it at its end, carrying the unanswered questions to the closing session', async () => {
    clock = new Date('2026-12-04T06:30:00Z'); // Friday 07:30: the cards of Monday's pair
    const opening = await postedCard(GROUP_CHAT, (card) => lines(card).includes('Åpning · mandag 7. desember 2026, 09:00–09:30'));
    expect(lines(opening)).not.toContain('Besvart og rettet siden i går'); // the first day has no yesterday
    const [first, second] = (await sessions()).filter((session) => session.conversationId === GROUP_CHAT);
    await ask(ALEX, first!.id, 'Når kommer opplæringen?', {}, inGroupChat);
    expect(inputsOf(await clickCard('qa.session.show', { sessionId: first!.id }, inGroupChat(ALEX))).map((input) => input.id)).toEqual(['qaKind', 'qaText']);

    clock = new Date('2026-12-07T08:00:00Z'); // Monday 09:00 in Oslo
    await postedCard(GROUP_CHAT, (card) => lines(card).includes('Status: Åpen nå'));
    expect((await prisma().qaSession.findUniqueOrThrow({ where: { id: first!.id } })).state).toBe('open');
    // Tuesday's cards went out at 07:30 today; its opening tells what happened since Monday's.
    const tuesday = await postedCard(GROUP_CHAT, (card) => lines(card).includes('Åpning · tirsdag 8. desember 2026, 09:00–09:30'));
    expect(lines(tuesday)).toContain('Besvart og rettet siden i går');
    // The channel's session of 3 December ended meanwhile: closed.
    expect((await prisma().qaSession.findUniqueOrThrow({ where: { id: await channelSession() } })).state).toBe('closed');

    clock = new Date('2026-12-07T08:30:00Z'); // 09:30: the opening ends
    await expect.poll(async () => (await prisma().qaSession.findUniqueOrThrow({ where: { id: first!.id } })).state, { timeout: 10_000, interval: 50 }).toBe('closed');
    const carried = await prisma().qaQuestion.findFirstOrThrow({ where: { sessionId: second!.id, text: 'Når kommer opplæringen?' } });
    expect(carried.carriedFromId).not.toBeNull();
    const closing = await postedCard(GROUP_CHAT, (card) => lines(card).includes('Avslutning · mandag 7. desember 2026, 14:00–14:30') && lines(card).includes('1. Spørsmål · 0 stemmer · Alex Wilber · fra forrige spørretime'));
    expect(lines(closing)).toContain('Når kommer opplæringen?');
    const closedCard = await clickCard('qa.session.show', { sessionId: first!.id }, inGroupChat(ALEX));
    expect(lines(closedCard)).toContain('Status: Avsluttet');
    expect(lines(await clickCard('qa.session.vote', { questionId: await questionIdIn(first!.id) }, inGroupChat(NILS)))[0]).toBe('⚠ Spørretimen er avsluttet og tar ikke imot flere spørsmål eller stemmer.');
    expect(await prisma().scheduledJobRun.count({ where: { job: 'qa.sessions' } })).toBeLessThan(20);
  }, 60_000);

  it('the first line posts an announcement in the channel as a post of its own; empty text is refused', async () => {
    expect((await sayInChannel('spørretime kunngjøring', OLE)).text).toBe('Skriv teksten etter ordet: spørretime kunngjøring <tekst>.');
    expect((await sayInChannel('spørretime kunngjøring Fra mandag bruker vi det nye systemet.', OLE)).text).toBe('Kunngjøringen er lagt ut her.');
    const [posted] = await bot.connector.waitFor((activity) => activity.conversationId === CHANNEL && cardOf(activity)?.speak.startsWith('Kunngjøring') === true);
    expect(lines(cardOf(posted!)!)).toContain('Fra mandag bruker vi det nye systemet.');
    expect((await sayInChannel('spørretime kunngjøring Hei', ALEX)).text).toMatch(/^Bare arkivet/);
  });

  async function questionIdIn(sessionId: string) {
    return (await prisma().qaQuestion.findFirstOrThrow({ where: { sessionId } })).id;
  }
});

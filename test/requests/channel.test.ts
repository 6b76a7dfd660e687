import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { osloYear } from '../../domain/support/request-number.js';
import { channelMessageActivity, messageActivity, type ActivityOptions, type TestUser } from '../support/activities.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { ADELE, ALEX, ANSWERS, ARKIV_CHANNEL, ISAIAH, OLE, TEAM, isIntakeCard, outboxSent, supportDesk } from '../support/support-desk.js';
import type { SentActivity } from '../support/fake-connector.js';



type Element = { type: string; id?: string; text?: string; inlines?: { text: string }[]; facts?: { title: string; value: string }[]; choices?: { title: string; value: string }[] };
type Action = { type: string; title: string; verb?: string; data?: Record<string, unknown>; card?: { body: Element[]; actions: Action[] } };
type Card = { speak: string; body: Element[]; actions?: Action[] };

const cardLines = (card: Card) =>
  card.body.flatMap((element) =>
    element.facts ? element.facts.map((fact) => `${fact.title}: ${fact.value}`) : element.inlines ? [element.inlines.map((inline) => inline.text).join('')] : element.text !== undefined ? [element.text] : [],
  );
const flatten = (actions: Action[]): Action[] => actions.flatMap((action) => [action, ...flatten(action.card?.actions ?? [])]);
const allActions = (card: Card) => flatten(card.actions ?? []);
const verbs = (card: Card) => allActions(card).flatMap((action) => (action.verb ? [action.verb] : []));
const cardOf = (activity: SentActivity) => activity.body.attachments?.[0]?.content as unknown as Card;

describe('the henvendelse card in the first line’s queue channel (/api/messages)', () => {
  let bot: TestBot;
  const prisma = () => bot.arkivlos.database.prisma;
  const year = osloYear(new Date());
  const personal = (user: TestUser): ActivityOptions => ({ serviceUrl: bot.connector.url, user });
  const inChannel = (user: TestUser): ActivityOptions => ({ serviceUrl: bot.connector.url, user, conversationType: 'channel', conversationId: ARKIV_CHANNEL });
  const toChannel = (activity: SentActivity) => activity.conversationId.startsWith(ARKIV_CHANNEL);

  // The shared desk's clicks; its cards are read with this file's own card readers below.
  const click = (verb: string, data: Record<string, unknown>, options: ActivityOptions) => supportDesk(bot).click(verb, data, options) as Promise<Card | string>;
  const clickCard = async (verb: string, data: Record<string, unknown>, options: ActivityOptions) => (await supportDesk(bot).clickCard(verb, data, options)) as unknown as Card;

  /** Alex submits a henvendelse in his chat; the outbox posts its card to the channel. */
  const submit = async () => {
    bot.connector.clear();
    expect((await bot.post(messageActivity('ny henvendelse', personal(ALEX)))).status).toBe(200);
    const [intake] = await bot.connector.waitFor(isIntakeCard);
    const submitAction = (cardOf(intake!).actions ?? []).find((action) => action.verb === 'support.intake.submit')!;
    await clickCard('support.intake.submit', { ...submitAction.data, ...ANSWERS }, personal(ALEX));
    const [posted] = await bot.connector.waitFor((activity) => toChannel(activity) && activity.method === 'POST' && activity.body.attachments !== undefined);
    const request = await prisma().supportRequest.findFirstOrThrow({ orderBy: { sequence: 'desc' } });
    return { posted: posted!, request, data: { requestId: request.id, version: request.version } };
  };
  /** The id the fake connector gave the posted card (`sent-<n>`), as the outbox recorded it. */
  const postedActivityId = async (messageId: bigint) => (await prisma().outboxMessage.findUniqueOrThrow({ where: { id: messageId } })).activityId;

  beforeAll(async () => {
    bot = await startTestBot({ LOG_LEVEL: 'warn' });
    const bound = await bot.post(channelMessageActivity('koble kø førstelinje', { serviceUrl: bot.connector.url, user: ADELE, channelId: ARKIV_CHANNEL, teamId: TEAM }));
    expect(bound.status).toBe(200);
    expect(await prisma().queueChannel.count()).toBe(1);
  });
  afterAll(async () => {
    await bot?.stop();
  });
  beforeEach(async () => {
    // What the last test enqueued is sent first: a send in flight would reach this test's waits.
    await outboxSent(bot, 15_000);
    await prisma().outboxMessage.deleteMany();
    await prisma().supportRequest.deleteMany();
    await prisma().supportNumberCounter.deleteMany();
  });

  it('a submitted henvendelse is posted once to the channel, in bokmål, with the answers, «Ikke tatt» and the actions', async () => {
    const { posted, request } = await submit();
    expect(posted.path).toMatch(/\/v3\/conversations\/[^/]+\/activities$/);
    const card = cardOf(posted);
    expect(cardLines(card)).toEqual(
      expect.arrayContaining([
        `Henvendelse BS-${year}-00001`,
        'Status: Ny',
        'Behandles av: Ikke tatt',
        'Gjelder: Flytte, kopiere eller rette journalpost',
        'Hvor mye det haster: Haster',
        'Saks-/journalpostnummer: 2026/1234-3',
        'Innmelder: Alex Wilber',
        ANSWERS.what,
        ANSWERS.who,
        ANSWERS.result,
      ]),
    );
    expect(verbs(card)).toEqual(['support.take', 'support.assign', 'support.reply', 'support.waiting', 'support.resolve', 'support.close', 'support.handover', 'support.note']);
    for (const action of allActions(card).filter((candidate) => candidate.verb)) expect(action.data).toEqual({ requestId: request.id, version: 1 });
    const assign = card.actions!.find((action) => action.title === 'Tildel')!;
    // The first line: everyone with the archive's role or a process adviser's, by name.
    const firstLine = await prisma().person.findMany({ where: { active: true, roles: { some: { role: { in: ['arkivet', 'prosessradgiver'] } } } }, select: { name: true } });
    expect(assign.card!.body[0]!.choices!.map((choice) => choice.title)).toEqual(firstLine.map((person) => person.name).sort((a, b) => a.localeCompare(b, 'nb')));
    expect(assign.card!.body[0]!.choices!.map((choice) => choice.title)).toEqual(expect.arrayContaining(['Adele Vance', 'Ole Johansen', 'Patti Fernandez']));
    expect(assign.card!.body[0]!.choices!.map((choice) => choice.title)).not.toContain('Isaiah Langer');
    const cards = await prisma().supportChannelCard.findMany({ where: { requestId: request.id } });
    expect(cards).toEqual([expect.objectContaining({ conversationId: ARKIV_CHANNEL, line: 'forstelinje' })]);
    const audit = await prisma().auditEntry.findFirstOrThrow({ where: { action: 'support.request.submit', entityId: request.id } });
    expect(audit.after).toMatchObject({ channelCardMessageId: String(cards[0]!.messageId), channelConversationId: ARKIV_CHANNEL });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bot.connector.sent.filter(toChannel)).toHaveLength(1);
  });

  it('«Ta henvendelsen»: the answer and the posted card (updated in place) say who has it, the thread tells it, and the requester gets one status card', async () => {
    const { request, data } = await submit();
    bot.connector.clear();
    const answer = await clickCard('support.take', data, inChannel(ADELE));
    expect(cardLines(answer)).toEqual(expect.arrayContaining(['✔ Du har tatt henvendelsen.', 'Status: Under behandling', 'Behandles av: Adele Vance']));
    expect(verbs(answer)).not.toContain('support.take');

    const { messageId } = await prisma().supportChannelCard.findFirstOrThrow({ where: { requestId: request.id } });
    const activityId = await postedActivityId(messageId);
    const [update] = await bot.connector.waitFor((activity) => toChannel(activity) && activity.method === 'PUT');
    expect(update!.path).toContain(`/activities/${activityId}`);
    expect(cardLines(cardOf(update!))).toContain('Behandles av: Adele Vance');
    const [reply] = await bot.connector.waitFor((activity) => toChannel(activity) && activity.method === 'POST' && activity.body.text !== undefined);
    expect(reply!.path).toContain(`/activities/${activityId}`);
    expect(reply!.body.text).toBe(`BS-${year}-00001: Tatt av Adele Vance`);

    await bot.connector.waitFor((activity) => JSON.stringify(activity.body).includes('Ny status: **Under behandling**'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bot.connector.sent.filter((activity) => !toChannel(activity))).toHaveLength(1);
    expect(await prisma().supportRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: 'under_behandling', version: 2 });
    expect(await prisma().supportEvent.count({ where: { requestId: request.id, kind: 'taken' } })).toBe(1);
  });

  it('two people pressing «Ta henvendelsen» at the same moment: one gets it, the other’s card shows who has it', async () => {
    const { request, data } = await submit();
    const answers = await Promise.all([clickCard('support.take', data, inChannel(ADELE)), clickCard('support.take', data, inChannel(OLE))]);
    const stored = await prisma().supportRequest.findUniqueOrThrow({ where: { id: request.id }, include: { assignee: true } });
    const winner = stored.assignee!.name;
    expect(['Adele Vance', 'Ole Johansen']).toContain(winner);
    const lines = answers.map(cardLines);
    expect(lines.filter((card) => card.includes('✔ Du har tatt henvendelsen.'))).toHaveLength(1);
    expect(lines.filter((card) => card.includes(`⚠ Allerede tatt av ${winner}. Ingenting er endret.`))).toHaveLength(1);
    expect(stored.version).toBe(2);
    expect(await prisma().supportEvent.count({ where: { requestId: request.id, kind: 'taken' } })).toBe(1);
  });

  it('a stale card changes nothing and shows the henvendelse as it is now', async () => {
    const { request, data } = await submit();
    await clickCard('support.note', { ...data, note: 'Ringte innmelder' }, inChannel(OLE));
    const answer = await clickCard('support.take', data, inChannel(ADELE));
    expect(cardLines(answer)).toEqual(expect.arrayContaining(['⚠ Kortet var eldre enn henvendelsen. Slik er den nå; ingenting er endret.', 'Behandles av: Ikke tatt']));
    expect(allActions(answer).find((action) => action.verb === 'support.take')!.data).toEqual({ requestId: request.id, version: 2 });
    expect(await prisma().supportRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ assigneeId: null, status: 'ny', version: 2 });
  });

  it('a caseworker outside support pressing «Ta henvendelsen» is refused in words, and nothing changes', async () => {
    const { request, data } = await submit();
    expect(await click('support.take', data, inChannel(ISAIAH))).toBe('Du har ikke tilgang til å gjøre dette. Ingenting er endret.');
    expect(await prisma().supportRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ assigneeId: null, version: 1 });
  });

  it('«Tildel» gives it to someone in the line, and refuses someone outside it (a forged id) in words', async () => {
    const { request, data } = await submit();
    const isaiah = await prisma().person.findUniqueOrThrow({ where: { aadObjectId: ISAIAH.aadObjectId } });
    const refused = await clickCard('support.assign', { ...data, assigneeId: isaiah.id }, inChannel(ADELE));
    expect(cardLines(refused)).toContain('⚠ Den valgte personen er ikke i linjen som har henvendelsen. Ingenting er endret.');
    expect(await prisma().supportRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ assigneeId: null, version: 1 });

    const ole = await prisma().person.findUniqueOrThrow({ where: { aadObjectId: OLE.aadObjectId } });
    bot.connector.clear();
    const assigned = await clickCard('support.assign', { ...data, assigneeId: ole.id }, inChannel(ADELE));
    expect(cardLines(assigned)).toEqual(expect.arrayContaining(['✔ Henvendelsen er tildelt Ole Johansen.', 'Behandles av: Ole Johansen']));
    const [reply] = await bot.connector.waitFor((activity) => toChannel(activity) && activity.body.text !== undefined);
    expect(reply!.body.text).toBe(`BS-${year}-00001: Tildelt Ole Johansen av Adele Vance`);
  });

  it('«Internt notat» without text stores nothing; with text it is an internal_note the requester never sees', async () => {
    const { request, data } = await submit();
    const empty = await clickCard('support.note', { ...data, note: '   ' }, inChannel(ADELE));
    expect(cardLines(empty)).toContain('⚠ Notatet var tomt. Skriv teksten og lagre igjen. Ingenting er endret.');
    expect(await prisma().supportEvent.count({ where: { requestId: request.id, kind: 'internal_note' } })).toBe(0);

    bot.connector.clear();
    const noted = await clickCard('support.note', { ...data, note: 'Innmelder har ringt; venter på saksnummer' }, inChannel(ADELE));
    expect(cardLines(noted)).toContain('✔ Notatet er lagret.');
    expect(await prisma().supportEvent.findFirstOrThrow({ where: { requestId: request.id, kind: 'internal_note' } })).toMatchObject({ internal: true, text: 'Innmelder har ringt; venter på saksnummer' });
    const [reply] = await bot.connector.waitFor((activity) => toChannel(activity) && activity.body.text !== undefined);
    expect(reply!.body.text).toBe(`BS-${year}-00001: Notat fra Adele Vance\n\nInnmelder har ringt; venter på saksnummer`);

    const history = await clickCard('support.request.show', { requestId: request.id }, personal(ALEX));
    expect(JSON.stringify(history)).not.toContain('venter på saksnummer');
    expect(JSON.stringify(history)).not.toContain('Notat fra');
    expect(bot.connector.sent.filter((activity) => !toChannel(activity))).toHaveLength(0);
  });

  it('the requester closing their own henvendelse updates the channel card too', async () => {
    const { request, data } = await submit();
    bot.connector.clear();
    await clickCard('support.request.close', data, personal(ALEX));
    const [update] = await bot.connector.waitFor((activity) => toChannel(activity) && activity.method === 'PUT');
    expect(cardLines(cardOf(update!))).toContain('Status: Lukket');
    expect(verbs(cardOf(update!))).toEqual(['support.note']);
    const [reply] = await bot.connector.waitFor((activity) => toChannel(activity) && activity.body.text !== undefined);
    expect(reply!.body.text).toBe(`BS-${year}-00001: Lukket av Alex Wilber`);
    const card = await prisma().supportChannelCard.findFirstOrThrow({ where: { requestId: request.id } });
    expect(await prisma().outboxMessage.count({ where: { idempotencyKey: `support:${request.id}:channel-card:${card.id}:v2` } })).toBe(1);
  });

  // Last: it unbinds the channel the other tests use.
  it('with no first-line channel bound, a submitted henvendelse is stored and nothing is posted', async () => {
    const unbound = await bot.post(channelMessageActivity('koble fra kø', { serviceUrl: bot.connector.url, user: ADELE, channelId: ARKIV_CHANNEL, teamId: TEAM }));
    expect(unbound.status).toBe(200);
    expect(await prisma().queueChannel.count()).toBe(0);
    bot.connector.clear();
    expect((await bot.post(messageActivity('ny henvendelse', personal(ALEX)))).status).toBe(200);
    const [intake] = await bot.connector.waitFor(isIntakeCard);
    const submitAction = (cardOf(intake!).actions ?? []).find((action) => action.verb === 'support.intake.submit')!;
    await clickCard('support.intake.submit', { ...submitAction.data, ...ANSWERS }, personal(ALEX));
    const request = await prisma().supportRequest.findFirstOrThrow();
    expect(await prisma().supportChannelCard.count({ where: { requestId: request.id } })).toBe(0);
    expect(await prisma().outboxMessage.count()).toBe(0);
  });
});

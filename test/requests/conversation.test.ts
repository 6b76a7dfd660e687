import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { osloYear } from '../../domain/support/request-number.js';
import { channelMessageActivity, messageActivity, type ActivityOptions, type TestUser } from '../support/activities.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { ADELE, ALEX, ANSWERS, ARKIV_CHANNEL, ISAIAH, TEAM, isIntakeCard, outboxSent, supportDesk } from '../support/support-desk.js';
import type { SentActivity } from '../support/fake-connector.js';



type Element = { type: string; id?: string; label?: string; text?: string; inlines?: { type: string; text: string }[]; facts?: { title: string; value: string }[] };
type Action = { type: string; title: string; verb?: string; data?: Record<string, unknown>; card?: { body: Element[]; actions: Action[] } };
type Card = { speak: string; body: Element[]; actions?: Action[] };

const cardLines = (card: Card) =>
  card.body.flatMap((element) =>
    element.facts ? element.facts.map((fact) => `${fact.title}: ${fact.value}`) : element.inlines ? [element.inlines.map((inline) => inline.text).join('')] : element.text !== undefined ? [element.text] : [],
  );
const flatten = (actions: Action[]): Action[] => actions.flatMap((action) => [action, ...flatten(action.card?.actions ?? [])]);
const verbs = (card: Card) => flatten(card.actions ?? []).flatMap((action) => (action.verb ? [action.verb] : []));
const cardOf = (activity: SentActivity) => activity.body.attachments?.[0]?.content as unknown as Card;
const REPLY = 'Hei! Hvilket *vedlegg* gjelder det? Send gjerne [lenken](https://example.no).';
const ANSWER = 'Det er vedlegget «Kart_gnr12.pdf».';
const REFUSED = 'Du har ikke tilgang til å gjøre dette. Ingenting er endret.';
const STALE = '⚠ Kortet var eldre enn henvendelsen. Slik er den nå; ingenting er endret.';

describe('the conversation on a henvendelse: reply, answer, waiting, resolve and close (/api/messages)', () => {
  let bot: TestBot;
  const prisma = () => bot.arkivlos.database.prisma;
  const year = osloYear(new Date());
  const personal = (user: TestUser): ActivityOptions => ({ serviceUrl: bot.connector.url, user });
  const inChannel = (user: TestUser): ActivityOptions => ({ serviceUrl: bot.connector.url, user, conversationType: 'channel', conversationId: ARKIV_CHANNEL });
  const toChannel = (activity: SentActivity) => activity.conversationId.startsWith(ARKIV_CHANNEL);
  const toRequester = (activity: SentActivity) => !toChannel(activity) && activity.body.attachments !== undefined;
  const threadLine = (text: string) => (activity: SentActivity) => toChannel(activity) && activity.body.text === text;

  // The shared desk's clicks; its cards are read with this file's own card readers below.
  const click = (verb: string, data: Record<string, unknown>, options: ActivityOptions) => supportDesk(bot).click(verb, data, options) as Promise<Card | string>;
  const clickCard = async (verb: string, data: Record<string, unknown>, options: ActivityOptions) => (await supportDesk(bot).clickCard(verb, data, options)) as unknown as Card;
  const current = async (requestId: string) => {
    const request = await prisma().supportRequest.findUniqueOrThrow({ where: { id: requestId } });
    return { request, data: { requestId, version: request.version } };
  };
  /** Alex submits a henvendelse; the outbox posts its card to the channel. */
  const submit = async () => {
    bot.connector.clear();
    expect((await bot.post(messageActivity('ny førespurnad', personal(ALEX)))).status).toBe(200);
    const [intake] = await bot.connector.waitFor(isIntakeCard);
    const submitAction = (cardOf(intake!).actions ?? []).find((action) => action.verb === 'support.intake.submit')!;
    await clickCard('support.intake.submit', { ...submitAction.data, ...ANSWERS }, personal(ALEX));
    await bot.connector.waitFor((activity) => toChannel(activity) && activity.method === 'POST' && activity.body.attachments !== undefined);
    const request = await prisma().supportRequest.findFirstOrThrow({ orderBy: { sequence: 'desc' } });
    bot.connector.clear();
    return current(request.id);
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

  beforeAll(async () => {
    bot = await startTestBot({ LOG_LEVEL: 'warn' });
    const bound = await bot.post(channelMessageActivity('koble kø førstelinje', { serviceUrl: bot.connector.url, user: ADELE, channelId: ARKIV_CHANNEL, teamId: TEAM }));
    expect(bound.status).toBe(200);
    await prisma().person.update({ where: { aadObjectId: ALEX.aadObjectId }, data: { chosenLocale: 'nn' } });
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

  it('«Svar til innmelder» reaches the requester’s chat once, in nynorsk, as written, with «Send svar»; the thread gets the reply', async () => {
    const { request, data } = await submit();
    const answer = await clickCard('support.reply', { ...data, reply: `  ${REPLY}  ` }, inChannel(ADELE));
    expect(cardLines(answer)).toContain('✔ Svaret er sendt til innmelder.');

    const [sent] = await bot.connector.waitFor(toRequester);
    const card = cardOf(sent!);
    expect(cardLines(card)).toEqual(expect.arrayContaining([`Svar på førespurnad BS-${year}-00001`, 'Adele Vance i brukarstøtta svarar:', REPLY]));
    expect(card.body.find((element) => element.inlines?.[0]?.text === REPLY)!.inlines![0]!.type).toBe('TextRun');
    expect(card.body.find((element) => element.type === 'Input.Text')).toMatchObject({ id: 'answer', label: 'Svaret ditt' });
    const send = flatten(card.actions!).find((action) => action.verb === 'support.requester.answer')!;
    expect(send).toMatchObject({ title: 'Send svar', data: { requestId: request.id } });
    await bot.connector.waitFor(threadLine(`BS-${year}-00001: Svar fra Adele Vance\n\n${REPLY}`));
    await settle();
    expect(bot.connector.sent.filter((activity) => !toChannel(activity))).toHaveLength(1);

    const event = await prisma().supportEvent.findFirstOrThrow({ where: { requestId: request.id, kind: 'reply_to_requester' } });
    expect(event).toMatchObject({ internal: false, text: REPLY });
    expect(await prisma().auditEntry.count({ where: { action: 'support.request.reply_to_requester', entityId: request.id } })).toBe(1);
  });

  it('an empty reply shows the card with a message and stores and sends nothing', async () => {
    const { request, data } = await submit();
    const answer = await clickCard('support.reply', { ...data, reply: '   ' }, inChannel(ADELE));
    expect(cardLines(answer)).toContain('⚠ Svaret var tomt. Skriv teksten og send igjen. Ingenting er endret.');
    expect(await prisma().supportEvent.count({ where: { requestId: request.id, kind: 'reply_to_requester' } })).toBe(0);
    expect((await current(request.id)).request.version).toBe(1);
    await settle();
    expect(bot.connector.sent).toHaveLength(0);
  });

  it('«Venter på innmelder» tells the requester; their answer lands on the henvendelse and in the thread, and it is «Under behandling» again', async () => {
    const { request, data } = await submit();
    await clickCard('support.reply', { ...data, reply: REPLY }, inChannel(ADELE));
    const waiting = await clickCard('support.waiting', (await current(request.id)).data, inChannel(ADELE));
    expect(cardLines(waiting)).toEqual(expect.arrayContaining(['✔ Status er satt til Venter på innmelder.', 'Status: Venter på innmelder']));
    expect(verbs(waiting)).not.toContain('support.waiting');
    await bot.connector.waitFor((activity) => toRequester(activity) && JSON.stringify(activity.body).includes('Ny status: **Ventar på deg**'));
    await bot.connector.waitFor(threadLine(`BS-${year}-00001: Status endret til Venter på innmelder av Adele Vance`));

    const empty = await clickCard('support.requester.answer', { requestId: request.id, answer: ' ' }, personal(ALEX));
    expect(cardLines(empty)).toContain('⚠ Svaret var tomt. Skriv teksten og send igjen. Ingenting er endra.');
    expect(await prisma().supportEvent.count({ where: { requestId: request.id, kind: 'requester_reply' } })).toBe(0);

    const sent = await clickCard('support.requester.answer', { requestId: request.id, answer: ANSWER }, personal(ALEX));
    expect(cardLines(sent)).toEqual(expect.arrayContaining(['✔ Sendt. Svaret ditt ligg no på førespurnaden:', ANSWER]));
    expect(await prisma().supportEvent.findFirstOrThrow({ where: { requestId: request.id, kind: 'requester_reply' } })).toMatchObject({ text: ANSWER, internal: false });
    expect((await current(request.id)).request.status).toBe('under_behandling');
    await bot.connector.waitFor(threadLine(`BS-${year}-00001: Svar fra Alex Wilber\n\n${ANSWER}`));
    await bot.connector.waitFor((activity) => toChannel(activity) && activity.method === 'PUT' && cardLines(cardOf(activity)).includes('Status: Under behandling'));
  });

  it('an answer while it is not waiting keeps the status', async () => {
    const { request, data } = await submit();
    await clickCard('support.take', data, inChannel(ADELE));
    await clickCard('support.requester.answer', { requestId: request.id, answer: ANSWER }, personal(ALEX));
    expect((await current(request.id)).request).toMatchObject({ status: 'under_behandling', version: 3 });
  });

  it('an answer with another person’s henvendelse id is refused in words, and nothing is stored', async () => {
    const { request } = await submit();
    expect(await click('support.requester.answer', { requestId: request.id, answer: 'Forfalsket' }, personal(ISAIAH))).toBe(REFUSED);
    // Support in the line is not the requester either.
    expect(await click('support.requester.answer', { requestId: request.id, answer: 'Forfalsket' }, personal(ADELE))).toBe(REFUSED);
    expect(await click('support.requester.answer', { requestId: 'not-a-uuid', answer: 'Forfalsket' }, personal(ALEX))).toBe('Dette kunne eg ikkje bruke. Ingenting er endra.');
    expect(await prisma().supportEvent.count({ where: { requestId: request.id, kind: 'requester_reply' } })).toBe(0);
    expect((await current(request.id)).request.version).toBe(1);
  });

  it('«Løs» with a resolution: «Løst», dated, and the requester’s status card shows the resolution; an empty one changes nothing', async () => {
    const { request, data } = await submit();
    const empty = await clickCard('support.resolve', { ...data, resolution: '' }, inChannel(ADELE));
    expect(cardLines(empty)).toContain('⚠ Løsningen var tom. Skriv teksten og prøv igjen. Ingenting er endret.');
    expect((await current(request.id)).request).toMatchObject({ status: 'ny', version: 1, resolvedAt: null });

    const resolved = await clickCard('support.resolve', { ...data, resolution: 'Journalposten er flyttet til sak 2026/1240.' }, inChannel(ADELE));
    expect(cardLines(resolved)).toEqual(expect.arrayContaining(['✔ Henvendelsen er løst, og innmelder har fått løsningen.', 'Status: Løst']));
    expect(verbs(resolved)).toEqual(['support.reply', 'support.close', 'support.note']);
    const [told] = await bot.connector.waitFor((activity) => toRequester(activity) && JSON.stringify(activity.body).includes('Ny status: **Løyst**'));
    expect(cardLines(cardOf(told!))).toContain('Journalposten er flyttet til sak 2026/1240.');
    const stored = (await current(request.id)).request;
    expect(stored).toMatchObject({ status: 'lost', version: 2 });
    expect(stored.resolvedAt).not.toBeNull();
    expect(await prisma().supportEvent.findFirstOrThrow({ where: { requestId: request.id, kind: 'resolved' } })).toMatchObject({ text: 'Journalposten er flyttet til sak 2026/1240.', internal: false });
    await bot.connector.waitFor(threadLine(`BS-${year}-00001: Løst av Adele Vance\n\nJournalposten er flyttet til sak 2026/1240.`));
  });

  it('«Lukk» closes it (dated, requester told); then its card offers only the note, and the requester’s answer is not taken', async () => {
    const { request, data } = await submit();
    const closed = await clickCard('support.close', data, inChannel(ADELE));
    expect(cardLines(closed)).toEqual(expect.arrayContaining(['✔ Henvendelsen er lukket.', 'Status: Lukket']));
    expect(verbs(closed)).toEqual(['support.note']);
    const stored = (await current(request.id)).request;
    expect(stored).toMatchObject({ status: 'lukket', version: 2 });
    expect(stored.closedAt).not.toBeNull();
    await bot.connector.waitFor((activity) => toRequester(activity) && JSON.stringify(activity.body).includes('Ny status: **Lukka**'));
    await bot.connector.waitFor(threadLine(`BS-${year}-00001: Lukket av Adele Vance`));

    const answer = await clickCard('support.requester.answer', { requestId: request.id, answer: ANSWER }, personal(ALEX));
    expect(cardLines(answer)).toContain('⚠ Førespurnaden er lukka, så svaret vart ikkje sendt. Ingenting er endra.');
    expect(verbs(answer)).not.toContain('support.requester.answer');
    expect(await prisma().supportEvent.count({ where: { requestId: request.id, kind: 'requester_reply' } })).toBe(0);
  });

  it('stale cards change nothing and show the henvendelse as it is now', async () => {
    const { request, data } = await submit();
    await clickCard('support.waiting', data, inChannel(ADELE));
    for (const [verb, extra] of [
      ['support.reply', { reply: REPLY }],
      ['support.waiting', {}],
      ['support.resolve', { resolution: 'Løst' }],
      ['support.close', {}],
    ] as const) {
      const answer = await clickCard(verb, { ...data, ...extra }, inChannel(ADELE));
      expect(cardLines(answer), verb).toEqual(expect.arrayContaining([STALE, 'Status: Venter på innmelder']));
    }
    expect((await current(request.id)).request).toMatchObject({ status: 'venter_pa_innmelder', version: 2 });
    expect(await prisma().supportEvent.count({ where: { requestId: request.id, kind: { in: ['reply_to_requester', 'resolved', 'closed'] } } })).toBe(0);
  });

  it('someone outside support is refused in words on every action, and nothing changes', async () => {
    const { request, data } = await submit();
    for (const [verb, extra] of [
      ['support.reply', { reply: REPLY }],
      ['support.waiting', {}],
      ['support.resolve', { resolution: 'Løst' }],
      ['support.close', {}],
    ] as const) {
      expect(await click(verb, { ...data, ...extra }, inChannel(ISAIAH)), verb).toBe(REFUSED);
    }
    expect((await current(request.id)).request).toMatchObject({ status: 'ny', version: 1 });
  });
});

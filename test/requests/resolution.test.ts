import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { osloYear } from '../../domain/support/request-number.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import type { SentActivity } from '../support/fake-connector.js';
import { actionWithVerb, ADELE, ALEX, allActions, cardLines, cardOf, elements, ISAIAH, supportDesk, verbs } from '../support/support-desk.js';

const DAY = 24 * 60 * 60 * 1000;
const RESOLUTION = 'Journalposten er flyttet til sak 2026/1240.';
const COMMENT = 'Raskt og godt forklart, takk!';
const REASON = 'Vedlegget ligger fortsatt i den gamle saken.';
const REFUSED = 'Du har ikke tilgang til å gjøre dette. Ingenting er endret.';
const INVALID_RATING = '⚠ Vurderingen må være et tall fra 1 til 5. Ingenting er endret.';
const STALE = '⚠ Henvendelsen er endret siden dette kortet ble vist, eller kan ikke lukkes nå. Her er den slik den er nå. Ingenting er endret.';
const EXPIRED =
  '⚠ Fristen på 14 dager for å bekrefte eller åpne henvendelsen igjen er ute, så den lukkes automatisk. Trenger du mer hjelp, kan du sende en ny henvendelse med ny henvendelse. Ingenting er endret.';

describe('the requester confirms («Løst» with a rating) or reopens a resolved henvendelse within 14 days (/api/messages)', () => {
  let bot: TestBot;
  let desk: ReturnType<typeof supportDesk>;
  /** The bot's clock: a test moves it on to see the 14 days pass. */
  let clock = new Date();
  const year = () => osloYear(clock);
  const prisma = () => desk.prisma();
  const toChannel = (activity: SentActivity) => desk.toChannel()(activity);
  const toAlex = (activity: SentActivity) => !toChannel(activity) && activity.body.attachments !== undefined;

  /** Alex submits a henvendelse, Adele resolves it from the channel card; Alex's status card arrives. */
  const resolved = async () => {
    const { request, data } = await desk.submit();
    bot.connector.clear();
    await desk.clickCard('support.resolve', { ...data, resolution: RESOLUTION }, desk.inChannel(ADELE));
    const [told] = await bot.connector.waitFor((activity) => toAlex(activity) && JSON.stringify(activity.body).includes('support.request.confirm'));
    const statusCard = cardOf(told!);
    const after = await desk.current(request.id);
    return { request: after.request, data: after.data, statusCard };
  };
  const stored = (requestId: string) => prisma().supportRequest.findUniqueOrThrow({ where: { id: requestId } });

  beforeAll(async () => {
    // The automatic closing would race the clock these tests move: its timer looks once at start only.
    bot = await startTestBot({ LOG_LEVEL: 'warn' }, { now: () => clock, jobs: { pollMs: 3_600_000 } });
    desk = supportDesk(bot);
    await desk.bindQueue('koble kø førstelinje', ADELE);
  });
  afterAll(async () => {
    await bot?.stop();
  });
  beforeEach(async () => {
    clock = new Date();
    await prisma().outboxMessage.deleteMany();
    await prisma().supportRequest.deleteMany();
    await prisma().supportNumberCounter.deleteMany();
  });

  it('the status card of a resolved henvendelse offers «Løst» with a labelled rating 1–5 in numbers and words, and «Åpne igjen» with a required reason', async () => {
    const { data, statusCard } = await resolved();
    expect(cardLines(statusCard)).toEqual(expect.arrayContaining(['Ny status: **Løst**', RESOLUTION]));
    expect(cardLines(statusCard).some((line) => line.startsWith('Er problemet løst? Bekreft eller åpne henvendelsen igjen innen '))).toBe(true);
    expect(verbs(statusCard)).toEqual(['support.request.confirm', 'support.request.reopen', 'support.request.show']);
    expect(actionWithVerb(statusCard, 'support.request.confirm').data).toEqual(data);
    expect(actionWithVerb(statusCard, 'support.request.reopen').data).toEqual(data);
    // The inputs are in the two actions' ShowCards.
    const [rating, comment, reason] = allActions(statusCard).flatMap((action) => elements(action.card?.body ?? [])).filter((element) => element.type.startsWith('Input.'));
    expect(rating).toMatchObject({ type: 'Input.ChoiceSet', id: 'rating', label: 'Hvor fornøyd er du med hjelpen?' });
    expect(rating!.choices).toEqual([
      { title: '5 – Svært fornøyd', value: '5' },
      { title: '4 – Fornøyd', value: '4' },
      { title: '3 – Verken fornøyd eller misfornøyd', value: '3' },
      { title: '2 – Misfornøyd', value: '2' },
      { title: '1 – Svært misfornøyd', value: '1' },
    ]);
    expect(comment).toMatchObject({ id: 'comment', label: 'Kommentar (valgfritt)', maxLength: 500 });
    expect(reason).toMatchObject({ id: 'reason', label: 'Hvorfor er det ikke løst?', isRequired: true });

    // The same choice on the henvendelse's own card from `mine henvendelser`.
    const own = await desk.clickCard('support.request.show', { requestId: data.requestId }, desk.personal(ALEX));
    expect(verbs(own)).toEqual(['support.request.confirm', 'support.request.reopen', 'support.mine']);
  });

  it('«Løst» with rating 4 and a comment: lukket, the rating stored, the channel card and its thread show it, and the history too', async () => {
    const { request, data } = await resolved();
    bot.connector.clear();
    const answer = await desk.clickCard('support.request.confirm', { ...data, rating: '4', comment: COMMENT }, desk.personal(ALEX));
    expect(cardLines(answer)).toEqual(
      expect.arrayContaining(['✔ Takk! Henvendelsen er lukket som løst.', 'Status: Lukket', 'Vurdering: 4 – Fornøyd', COMMENT]),
    );
    expect(cardLines(answer).some((line) => line.endsWith('Vurdert til 4 av 5 av deg'))).toBe(true);
    expect(verbs(answer)).toEqual(['support.mine']);

    const after = await stored(request.id);
    expect(after).toMatchObject({ status: 'lukket', rating: 4, ratingComment: COMMENT, version: data.version + 2 });
    expect(after.closedAt).toEqual(clock);
    expect(await prisma().supportEvent.findMany({ where: { requestId: request.id, kind: { in: ['confirmed', 'rated'] } }, orderBy: { id: 'asc' }, select: { kind: true, text: true, data: true } })).toEqual([
      { kind: 'confirmed', text: null, data: { rating: 4, status: { from: 'lost', to: 'lukket' } } },
      { kind: 'rated', text: COMMENT, data: { rating: 4 } },
    ]);

    const number = `BS-${year()}-00001`;
    await bot.connector.waitFor((activity) => toChannel(activity) && activity.body.text === `${number}: Bekreftet løst av Alex Wilber`);
    await bot.connector.waitFor((activity) => toChannel(activity) && activity.body.text === `${number}: Vurdert til 4 av 5 av Alex Wilber\n\n${COMMENT}`);
    const updates = await bot.connector.waitFor((activity) => toChannel(activity) && activity.method === 'PUT', { count: 2 });
    expect(cardLines(cardOf(updates.at(-1)!))).toEqual(expect.arrayContaining(['Status: Lukket', 'Vurdering: 4 – Fornøyd', COMMENT]));

    const support = await desk.clickCard('support.request.show', { requestId: request.id }, desk.personal(ADELE));
    expect(cardLines(support)).toEqual(expect.arrayContaining(['Vurdering: 4 – Fornøyd']));
    expect(cardLines(support).some((line) => line.endsWith('Vurdert til 4 av 5 av Alex Wilber'))).toBe(true);
    // Alex's own answer told him; no status card of his own change follows in his chat.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bot.connector.sent.filter(toAlex)).toHaveLength(0);
  });

  it('«Åpne igjen» with a reason: under behandling, resolvedAt cleared, and support reads the reason on the channel thread and in the history', async () => {
    const { request, data } = await resolved();
    const empty = await desk.clickCard('support.request.reopen', { ...data, reason: '   ' }, desk.personal(ALEX));
    expect(cardLines(empty)).toContain('⚠ Skriv hvorfor problemet ikke er løst, og prøv igjen. Ingenting er endret.');
    expect(await stored(request.id)).toMatchObject({ status: 'lost', version: data.version });

    bot.connector.clear();
    const answer = await desk.clickCard('support.request.reopen', { ...data, reason: REASON }, desk.personal(ALEX));
    expect(cardLines(answer)).toEqual(expect.arrayContaining(['✔ Henvendelsen er åpnet igjen. Brukerstøtten har fått beskjed om hvorfor.', 'Status: Under behandling', REASON]));
    expect(verbs(answer)).toEqual(['support.request.close', 'support.mine']);
    expect(await stored(request.id)).toMatchObject({ status: 'under_behandling', resolvedAt: null, closedAt: null, rating: null, version: data.version + 1 });
    expect(await prisma().supportEvent.findFirstOrThrow({ where: { requestId: request.id, kind: 'reopened' } })).toMatchObject({ text: REASON, internal: false });

    await bot.connector.waitFor((activity) => toChannel(activity) && activity.body.text === `BS-${year()}-00001: Åpnet igjen av Alex Wilber\n\n${REASON}`);
    // The channel card as it is now (an update of the resolve before may still come after clear()).
    const updates = await bot.connector.waitFor((activity) => toChannel(activity) && activity.method === 'PUT' && cardLines(cardOf(activity)).includes('Status: Under behandling'));
    expect(updates).toHaveLength(1);
    const support = await desk.clickCard('support.request.show', { requestId: request.id }, desk.personal(ADELE));
    expect(cardLines(support)).toEqual(expect.arrayContaining([REASON]));
  });

  it('15 days after «Løs» confirming and reopening are refused in words, nothing changes, and the card no longer offers them', async () => {
    const { request, data } = await resolved();
    clock = new Date(clock.getTime() + 15 * DAY);
    const confirm = await desk.clickCard('support.request.confirm', { ...data, rating: '5' }, desk.personal(ALEX));
    expect(cardLines(confirm)).toContain(EXPIRED);
    const reopen = await desk.clickCard('support.request.reopen', { ...data, reason: REASON }, desk.personal(ALEX));
    expect(cardLines(reopen)).toContain(EXPIRED);
    expect(verbs(reopen)).toEqual(['support.mine']);
    expect(await stored(request.id)).toMatchObject({ status: 'lost', rating: null, version: data.version });
    expect(await prisma().supportEvent.count({ where: { requestId: request.id, kind: { in: ['confirmed', 'rated', 'reopened'] } } })).toBe(0);
  });

  it('a forged rating (0, 6, "x", 4.5) is refused in words and nothing changes', async () => {
    const { request, data } = await resolved();
    for (const rating of ['0', '6', 'x', 4.5, 0, '']) {
      const answer = await desk.clickCard('support.request.confirm', { ...data, rating }, desk.personal(ALEX));
      expect(cardLines(answer)).toContain(INVALID_RATING);
    }
    expect(await stored(request.id)).toMatchObject({ status: 'lost', rating: null, version: data.version });
  });

  it('someone else answering Alex’s henvendelse, or a forged id, is refused in words and nothing changes', async () => {
    const { request, data } = await resolved();
    expect(await desk.click('support.request.confirm', { ...data, rating: '1' }, desk.personal(ISAIAH))).toBe(REFUSED);
    expect(await desk.click('support.request.reopen', { ...data, reason: 'Nei' }, desk.personal(ISAIAH))).toBe(REFUSED);
    expect(await desk.click('support.request.confirm', { requestId: randomUUID(), version: data.version, rating: '5' }, desk.personal(ALEX))).toBe(
      'Det du ba om, finnes ikke lenger. Ingenting er endret.',
    );
    expect(await desk.click('support.request.confirm', { requestId: 'not-an-id', version: data.version, rating: '5' }, desk.personal(ALEX))).toBe('Dette kunne jeg ikke bruke. Ingenting er endret.');
    expect(await stored(request.id)).toMatchObject({ status: 'lost', rating: null, version: data.version });
  });

  it('a double «Løst» confirms once: the second click shows the henvendelse as it is now', async () => {
    const { request, data } = await resolved();
    const [first, second] = await Promise.all([
      desk.clickCard('support.request.confirm', { ...data, rating: '5' }, desk.personal(ALEX)),
      desk.clickCard('support.request.confirm', { ...data, rating: '3' }, desk.personal(ALEX)),
    ]);
    const lines = [cardLines(first), cardLines(second)];
    expect(lines.filter((card) => card.includes('✔ Takk! Henvendelsen er lukket som løst.'))).toHaveLength(1);
    expect(lines.filter((card) => card.includes(STALE))).toHaveLength(1);
    expect(await prisma().supportEvent.count({ where: { requestId: request.id, kind: 'confirmed' } })).toBe(1);
    expect(await prisma().supportEvent.count({ where: { requestId: request.id, kind: 'rated' } })).toBe(1);
    expect((await stored(request.id)).version).toBe(data.version + 2);
    // And a stale card after that (reopening from the old status card) changes nothing either.
    const late = await desk.clickCard('support.request.reopen', { ...data, reason: REASON }, desk.personal(ALEX));
    expect(cardLines(late)).toContain(STALE);
    expect(await stored(request.id)).toMatchObject({ status: 'lukket', version: data.version + 2 });
  });
});

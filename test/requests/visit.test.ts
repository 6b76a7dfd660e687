import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { articleSlug } from '../../domain/support/publish-resolution.js';
import { osloYear } from '../../domain/support/request-number.js';
import { messageActivity } from '../support/activities.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import type { SentActivity } from '../support/fake-connector.js';
import { ADELE, ALEX, ANSWERS, ISAIAH, SIGRID, actionWithVerb, allActions, cardLines, cardOf, inputs, supportDesk, type Card } from '../support/support-desk.js';

const REFUSED_NB = 'Du har ikke tilgang til å gjøre dette. Ingenting er endret.';
const NOT_FOUND_EN = 'What you asked for no longer exists. Nothing was changed.';
const CALL_ALEX = 'https://teams.microsoft.com/l/call/0/0?users=alex.wilber%40eksempel.kommune.no';
const NOTE = 'I dag etter kl. 13, jeg tar med skjermbilde av feilen.';
const COMMENT = 'I am in room 4.112 until 3 pm.';

describe('«Ring innmelder», «Tilby besøk» and «Publiser i kunnskapsbasen» on the henvendelse card (/api/messages)', () => {
  let bot: TestBot;
  let desk: ReturnType<typeof supportDesk>;
  const prisma = () => bot.arkivlos.database.prisma;
  const year = osloYear(new Date());
  const toChannel = (activity: SentActivity) => desk.toChannel()(activity);
  const toAlex = (activity: SentActivity) => !toChannel(activity) && activity.body.attachments !== undefined;
  const threadLine = (text: string) => (activity: SentActivity) => toChannel(activity) && activity.body.text === text;
  const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

  /** Alex submits a henvendelse and its card is posted to the first line's channel. */
  const submit = async (answers: Record<string, string> = ANSWERS) => {
    const submitted = await desk.submit({ answers });
    const [posted] = await bot.connector.waitFor((activity) => toChannel(activity) && activity.method === 'POST' && activity.body.attachments !== undefined);
    bot.connector.clear();
    return { ...submitted, posted: cardOf(posted!) };
  };
  /** Adele offers a visit from the channel card; Alex's offer card as the outbox delivered it. */
  const offer = async (requestId: string, visitNote?: string) => {
    const { data } = await desk.current(requestId);
    const answer = await desk.clickCard('support.visit.offer', { ...data, ...(visitNote !== undefined && { visitNote }) }, desk.inChannel(ADELE));
    expect(cardLines(answer)).toContain('✔ Tilbudet om besøk er sendt til innmelder.');
    const [sent] = await bot.connector.waitFor((activity) => toAlex(activity) && JSON.stringify(activity.body).includes('support.visit.answer'));
    // The thread line too, so that nothing of the offer arrives after the clear.
    const [thread] = await bot.connector.waitFor((activity) => toChannel(activity) && activity.body.text?.includes(': Besøk tilbudt av Adele Vance') === true);
    bot.connector.clear();
    return { card: cardOf(sent!), threadLine: thread!.body.text };
  };
  const answerWith = (card: Card, title: string) => allActions(card).find((action) => action.title === title)!;
  const answer = (card: Card, title: string, extra: Record<string, unknown> = {}, user = ALEX) =>
    desk.click('support.visit.answer', { ...answerWith(card, title).data, ...extra }, desk.personal(user));

  beforeAll(async () => {
    bot = await startTestBot({ LOG_LEVEL: 'warn' });
    desk = supportDesk(bot);
    await desk.bindQueue('koble kø førstelinje', ADELE);
    // Alex reads English: the offer card must come in his language, whatever the channel's.
    await prisma().person.update({ where: { aadObjectId: ALEX.aadObjectId }, data: { chosenLocale: 'en' } });
  });
  afterAll(async () => {
    await bot?.stop();
  });
  beforeEach(async () => {
    await prisma().outboxMessage.deleteMany();
    await prisma().knowledgeArticle.deleteMany({ where: { source: 'henvendelse' } });
    await prisma().supportRequest.deleteMany();
    await prisma().supportNumberCounter.deleteMany();
    bot.connector.clear();
  });

  it('the open card calls Alex through Teams with his UPN and offers a visit in its body; a closed one offers neither', async () => {
    const { request, posted } = await submit();
    const call = allActions(posted).find((action) => action.type === 'Action.OpenUrl');
    expect(call).toMatchObject({ title: 'Ring innmelder', url: CALL_ALEX });
    expect(cardLines(posted)).toContain('Er noe uklart? Ring innmelder eller tilby å komme innom før du svarer. Rutinen er å alltid tilby besøk.');
    // In the body, not behind «Endre status» or the card's own row of actions: easy to find.
    const body = posted.body.find((element) => element.type === 'ActionSet')!;
    expect(body.actions!.map((action) => action.title)).toEqual(['Ring innmelder', 'Tilby besøk']);
    expect(actionWithVerb(posted, 'support.visit.offer').data).toEqual({ requestId: request.id, version: 1 });
    expect(inputs(body.actions![1]!.card! as Card)).toEqual([expect.objectContaining({ id: 'visitNote', label: 'Når kan du komme? (valgfritt; innmelder ser teksten)' })]);

    const closed = await desk.clickCard('support.close', (await desk.current(request.id)).data, desk.inChannel(ADELE));
    expect(allActions(closed).map((action) => action.title)).not.toEqual(expect.arrayContaining(['Ring innmelder']));
    expect(allActions(closed).flatMap((action) => (action.verb ? [action.verb] : []))).not.toContain('support.visit.offer');
  });

  it('«Tilby besøk» sends Alex an offer card in English through the outbox; «Yes, come by» puts his answer in the thread and the history and replaces his card', async () => {
    const { request } = await submit();
    await desk.clickCard('support.take', (await desk.current(request.id)).data, desk.inChannel(ADELE));
    bot.connector.clear();
    const { card, threadLine: offerLine } = await offer(request.id, `  ${NOTE}  `);
    expect(card.speak).toBe(`Adele Vance from support offers to come by about request BS-${year}-00001.`);
    expect(cardLines(card)).toEqual(
      expect.arrayContaining([`Offer of a visit – request BS-${year}-00001`, 'Adele Vance from support can come by and help you at your desk. Would you like that?', 'Adele Vance writes:', NOTE]),
    );
    expect(inputs(card)).toEqual([expect.objectContaining({ id: 'comment', label: 'Comment (optional)' })]);
    const offered = await prisma().supportEvent.findFirstOrThrow({ where: { requestId: request.id, kind: 'visit_offered' } });
    expect(offered).toMatchObject({ text: NOTE, internal: false });
    expect(answerWith(card, 'Yes, come by').data).toEqual({ requestId: request.id, offerId: String(offered.id), accepted: true });
    expect(answerWith(card, 'No, thank you').data).toEqual({ requestId: request.id, offerId: String(offered.id), accepted: false });
    // Through the outbox, keyed by the event: a retried click sends no second card.
    const alex = await prisma().person.findUniqueOrThrow({ where: { aadObjectId: ALEX.aadObjectId } });
    const toHim = await prisma().outboxMessage.findMany({ where: { personId: alex.id }, orderBy: { id: 'asc' }, select: { idempotencyKey: true } });
    expect(toHim.map((message) => message.idempotencyKey)).toEqual([expect.stringMatching(/^support:.*:event:\d+$/), `support:${request.id}:event:${offered.id}`]);
    expect(offerLine).toBe(`BS-${year}-00001: Besøk tilbudt av Adele Vance\n\n${NOTE}`);
    expect(await prisma().auditEntry.count({ where: { action: 'support.request.visit_offered', entityId: request.id } })).toBe(1);

    const answered = await answer(card, 'Yes, come by', { comment: COMMENT });
    if (typeof answered === 'string') throw new Error(answered);
    expect(cardLines(answered)).toEqual(expect.arrayContaining(['✔ You said yes. Adele Vance will come by.', 'Your comment:', COMMENT]));
    expect(allActions(answered)).toEqual([]);
    const event = await prisma().supportEvent.findFirstOrThrow({ where: { requestId: request.id, kind: 'visit_answered' } });
    expect(event).toMatchObject({ actorId: alex.id, text: COMMENT, data: { offerId: String(offered.id), accepted: true }, internal: false });
    await bot.connector.waitFor(threadLine(`BS-${year}-00001: Svar på tilbudet om besøk fra Alex Wilber: Ja, kom innom\n\n${COMMENT}`));
    expect(await prisma().auditEntry.count({ where: { action: 'support.request.visit_answered', entityId: request.id } })).toBe(1);
    // The status is unchanged: a visit is part of the work, not a step of its own.
    expect((await desk.current(request.id)).request).toMatchObject({ status: 'under_behandling', version: 4 });

    const history = await desk.clickCard('support.request.show', { requestId: request.id }, desk.personal(ALEX));
    expect(cardLines(history).join('\n')).toMatch(/ · Visit offered by Adele Vance\nI dag etter kl\. 13/);
    expect(cardLines(history).filter((line) => line.endsWith(' · Answer to the offer of a visit from you: Yes, come by'))).toHaveLength(1);
    expect(cardLines(history)).toContain(COMMENT);
  });

  it('«No, thank you» without a comment is kept as declined, told in the thread, and his card says so', async () => {
    const { request } = await submit();
    const { card } = await offer(request.id);
    expect(cardLines(card)).not.toContain('Adele Vance writes:');
    const answered = await answer(card, 'No, thank you');
    if (typeof answered === 'string') throw new Error(answered);
    expect(cardLines(answered)).toContain('✔ You said no to a visit. The request goes on here in the chat.');
    expect(cardLines(answered)).not.toContain('Your comment:');
    expect(await prisma().supportEvent.findFirstOrThrow({ where: { requestId: request.id, kind: 'visit_answered' } })).toMatchObject({ text: null, data: { accepted: false } });
    await bot.connector.waitFor(threadLine(`BS-${year}-00001: Svar på tilbudet om besøk fra Alex Wilber: Nei takk`));
  });

  it('a second answer, and an answer to an offer a newer one replaced, are refused in words and change nothing', async () => {
    const { request } = await submit();
    const { card: first } = await offer(request.id, 'I dag');
    await answer(first, 'Yes, come by');
    const again = await answer(first, 'No, thank you');
    if (typeof again === 'string') throw new Error(again);
    expect(cardLines(again)).toContain('⚠ You have already answered this offer. Nothing was changed.');
    expect(allActions(again)).toEqual([]);

    const { card: second } = await offer(request.id, 'I morgen');
    const { card: third } = await offer(request.id, 'På fredag');
    const old = await answer(second, 'Yes, come by');
    if (typeof old === 'string') throw new Error(old);
    expect(cardLines(old)).toEqual(expect.arrayContaining(['⚠ There is a newer offer of a visit on this request. Please answer that one. Nothing was changed.', 'I morgen']));
    expect(allActions(old)).toEqual([]);
    const answers = await prisma().supportEvent.findMany({ where: { requestId: request.id, kind: 'visit_answered' }, select: { data: true } });
    expect(answers).toHaveLength(1);
    await answer(third, 'No, thank you');
    expect(await prisma().supportEvent.count({ where: { requestId: request.id, kind: 'visit_answered' } })).toBe(2);
  });

  it('two answers to one offer at the same moment (a double click) store one; the other card says it was already answered', async () => {
    const { request } = await submit();
    const { card } = await offer(request.id);
    const answers = await Promise.all([answer(card, 'Yes, come by'), answer(card, 'No, thank you')]);
    const lines = answers.map((answered) => (typeof answered === 'string' ? [answered] : cardLines(answered)));
    expect(lines.filter((shown) => shown.includes('⚠ You have already answered this offer. Nothing was changed.'))).toHaveLength(1);
    expect(await prisma().supportEvent.count({ where: { requestId: request.id, kind: 'visit_answered' } })).toBe(1);
  });

  it('an offer answered after the henvendelse was closed is not taken', async () => {
    const { request } = await submit();
    const { card } = await offer(request.id);
    await desk.clickCard('support.close', (await desk.current(request.id)).data, desk.inChannel(ADELE));
    const answered = await answer(card, 'Yes, come by');
    if (typeof answered === 'string') throw new Error(answered);
    expect(cardLines(answered)).toContain('⚠ The request is no longer open, so your answer was not sent. Nothing was changed.');
    expect(await prisma().supportEvent.count({ where: { requestId: request.id, kind: 'visit_answered' } })).toBe(0);
  });

  it('someone else answering, a forged request id and an offer id that is not this henvendelse’s offer are refused in words', async () => {
    const { request } = await submit();
    const { card } = await offer(request.id);
    const before = (await desk.current(request.id)).request.version;
    expect(await answer(card, 'Yes, come by', {}, ISAIAH)).toBe(REFUSED_NB);
    // Support in the line is not the requester either.
    expect(await answer(card, 'Yes, come by', {}, ADELE)).toBe(REFUSED_NB);
    // Another henvendelse of Alex's own, with this offer's id: not an offer on it.
    const other = await submit({ ...ANSWERS, what: 'En annen henvendelse' });
    expect(await answer(card, 'Yes, come by', { requestId: other.request.id })).toBe(NOT_FOUND_EN);
    // An event of this henvendelse that is not an offer (its «created»).
    const created = await prisma().supportEvent.findFirstOrThrow({ where: { requestId: request.id, kind: 'created' } });
    expect(await answer(card, 'Yes, come by', { offerId: String(created.id) })).toBe(NOT_FOUND_EN);
    expect(await answer(card, 'Yes, come by', { offerId: 'x1', accepted: 'ja' })).toBe('I could not use this. Nothing was changed.');
    expect(await prisma().supportEvent.count({ where: { kind: 'visit_answered' } })).toBe(0);
    expect((await desk.current(request.id)).request.version).toBe(before);
  });

  it('an offer from someone not on the line is refused in words, and nothing is stored or sent', async () => {
    const { request, data } = await submit();
    // A caseworker, and support in another line (the system administrator is not the first line).
    for (const user of [ISAIAH, SIGRID]) {
      expect(await desk.click('support.visit.offer', { ...data, visitNote: 'Forfalsket' }, desk.inChannel(user))).toBe(REFUSED_NB);
    }
    expect(await prisma().supportEvent.count({ where: { requestId: request.id, kind: 'visit_offered' } })).toBe(0);
    expect((await desk.current(request.id)).request.version).toBe(1);
    await settle();
    expect(bot.connector.sent).toHaveLength(0);
  });

  it('«Løs» with «Publiser i kunnskapsbasen» makes an article of the resolution in the same step, and `søk` finds it', async () => {
    const area = await prisma().subjectArea.findFirstOrThrow({ where: { active: true }, orderBy: { name: 'asc' } });
    const what = 'Skanne byggesaksmapper med strekkodeark til riktig sak i arkivet, også når mappene har flere saksnumre fra før av';
    const { request, posted } = await submit({ ...ANSWERS, what, category: 'bruk_av_systemet', subjectAreaId: area.id });
    const toggle = allActions(posted).flatMap((action) => inputs((action.card ?? { body: [] }) as Card)).find((input) => input.id === 'publish');
    expect(toggle).toMatchObject({ type: 'Input.Toggle', label: 'Kunnskapsbasen', value: 'false' });
    expect((toggle as unknown as { title: string }).title).toContain('Alle i organisasjonen kan lese artikkelen, så ingen av dem må inneholde personopplysninger.');

    const resolution = 'Bruk strekkodearket fra **Skanning**-menyen: velg saken, skriv ut arket og legg det først i bunken.';
    const resolved = await desk.clickCard('support.resolve', { ...(await desk.current(request.id)).data, resolution, publish: 'true' }, desk.inChannel(ADELE));
    expect(cardLines(resolved)).toContain('✔ Henvendelsen er løst, innmelder har fått løsningen, og løsningen er publisert i kunnskapsbasen.');

    const adele = await prisma().person.findUniqueOrThrow({ where: { aadObjectId: ADELE.aadObjectId } });
    const article = await prisma().knowledgeArticle.findFirstOrThrow({ where: { source: 'henvendelse' } });
    expect(article).toMatchObject({
      slug: `skanne-byggesaksmapper-med-strekkodeark-til-riktig-sak-i-bs-${year}-00001`,
      lang: 'nb',
      title: 'Skanne byggesaksmapper med strekkodeark til riktig sak i arkivet, også når…',
      body: resolution,
      subjectAreaId: area.id,
      owningUnitId: adele.unitId,
      tags: ['bruk av sak-/arkivsystemet'],
      createdById: adele.id,
      link: null,
      retiredAt: null,
    });
    const event = await prisma().supportEvent.findFirstOrThrow({ where: { requestId: request.id, kind: 'resolved' } });
    expect(event).toMatchObject({ text: resolution, data: { articleId: article.id, status: { from: 'ny', to: 'lost' } } });
    expect(await prisma().auditEntry.findFirstOrThrow({ where: { action: 'knowledge.article.created', entityId: article.id } })).toMatchObject({ actor: ADELE.aadObjectId });
    await bot.connector.waitFor(threadLine(`BS-${year}-00001: Løst av Adele Vance og publisert i kunnskapsbasen\n\n${resolution}`));

    // Another caseworker's self-help finds it, also from a misspelt word.
    for (const question of ['søk strekkodeark byggesaksmapper', 'søk strekodeark']) {
      bot.connector.clear();
      expect((await bot.post(messageActivity(question, desk.personal(ISAIAH)))).status).toBe(200);
      const [answerCard] = await bot.connector.waitFor((activity) => activity.body.attachments !== undefined);
      expect(cardLines(cardOf(answerCard!)), question).toContain(article.title);
      const query = await prisma().selfHelpQuery.findFirstOrThrow({ where: { aadObjectId: ISAIAH.aadObjectId }, orderBy: { createdAt: 'desc' } });
      expect(query.articleIds[0], question).toBe(article.id);
    }
  });

  it('«Løs» without publishing makes no article, and the thread says only that it was resolved', async () => {
    const { request, data } = await submit();
    const resolved = await desk.clickCard('support.resolve', { ...data, resolution: 'Flyttet.', publish: 'false' }, desk.inChannel(ADELE));
    expect(cardLines(resolved)).toContain('✔ Henvendelsen er løst, og innmelder har fått løsningen.');
    expect(await prisma().knowledgeArticle.count({ where: { source: 'henvendelse' } })).toBe(0);
    expect((await prisma().supportEvent.findFirstOrThrow({ where: { requestId: request.id, kind: 'resolved' } })).data).toEqual({ status: { from: 'ny', to: 'lost' } });
    await bot.connector.waitFor(threadLine(`BS-${year}-00001: Løst av Adele Vance\n\nFlyttet.`));
  });
});

describe('the slug of a published resolution', () => {
  it('is the title in a–z and digits (æ, ø, å and accents spelt out), cut at a word, then the number', () => {
    expect(articleSlug('Tilgang til Økonomi-sakene på «Kjøp og salg»', 'BS-2026-00042')).toBe('tilgang-til-okonomi-sakene-pa-kjop-og-salg-bs-2026-00042');
    expect(articleSlug('Søknad om fødselspermisjon for ansatte i Bærum – café', 'BS-2026-00001')).toBe('soknad-om-fodselspermisjon-for-ansatte-i-baerum-cafe-bs-2026-00001');
    const long = articleSlug('Flytte journalposter mellom saker når arkivdelen er avsluttet og periodisert for lenge siden', 'BS-2026-00007');
    expect(long).toBe('flytte-journalposter-mellom-saker-nar-arkivdelen-er-bs-2026-00007');
    expect(articleSlug('???', 'BS-2026-00003')).toBe('bs-2026-00003');
    for (const slug of [long, articleSlug('???', 'BS-2026-00003')]) expect(slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });
});

import type { AddressObject } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { osloYear } from '../../domain/support/request-number.js';
import { messageActivity } from '../support/activities.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import type { SentActivity } from '../support/fake-connector.js';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp-server.js';
import { ADELE, ALEX, ANSWERS, ARKIV_CHANNEL, HENRIK, ISAIAH, PATTI, actionWithVerb, cardLines, cardOf, inputs, outboxSent, supportDesk, verbs, type Card } from '../support/support-desk.js';

const SPECIALIST_CHANNEL = '19:okonomi-fagspesialister@thread.tacv2';
const VENDOR_CHANNEL = '19:leverandor-kanal@thread.tacv2';
const CHANNELS = [ARKIV_CHANNEL, SPECIALIST_CHANNEL, VENDOR_CHANNEL];
const FROM = 'arkivet@eksempel.kommune.no';
const IT = 'servicedesk@it.eksempel.kommune.no';
const ALEX_MAIL = 'alex.wilber@eksempel.kommune.no';

const QUESTION = 'Hvordan flytter jeg en journalpost til en annen sak?';
const REPLY = 'Hvilken sak skal journalposten til, og gjelder det periodiseringen?';
const ANSWER = 'Til sak 2026/1240. Ja, den gjelder periodiseringen i økonomimodulen.';
const TO_SPECIALIST = 'Gjelder periodisering i økonomimodulen; fagspesialisten må vurdere.';
const TO_VENDOR = 'Flyttingen stopper i integrasjonen mot økonomimodulen; leverandøren må rette.';
const DOWN = 'Leverandøren har rettet integrasjonen; arkivet flytter journalposten.';
const RESOLUTION = 'Velg «Flytt journalpost» i journalpostmenyen, søk opp målsaken og lagre. Periodiserte poster flyttes nå også.';
const COMMENT = 'Takk for god hjelp hele veien!';
const IT_WHAT = 'Får ikke åpnet sak-/arkivsystemet etter passordbyttet';
const IT_REASON = 'Innloggingen feiler; IT forvalter tilgangene.';

/** Dates and times on a card, as one token: the story checks every line, not the clock. */
const TIME = /\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/g;
const lines = (card: Card) => cardLines(card).map((line) => line.replace(TIME, '‹tid›'));
/** What a person reads of a message: its card's lines and actions, or its text. */
const read = (activity: SentActivity) => (activity.body.attachments ? { lines: lines(cardOf(activity)), verbs: verbs(cardOf(activity)) } : { text: activity.body.text });
const asCard = (answer: Card | string): Card => {
  if (typeof answer === 'string') throw new Error(`expected a card, got: ${answer}`);
  return answer;
};

/**
 * Issue 7's whole story over /api/messages, on one desk with queue channels for the first line,
 * Økonomi's specialists and the vendor, and a real SMTP server for IT: what the requester reads
 * in their chat, what each line's channel shows (its card updated in place, its thread), the
 * history each side reads, the audit log, and the end state, checked after every step.
 */
describe('the support desk’s whole story, from a question in the chat to a rated answer in the knowledge base (/api/messages)', () => {
  let bot: TestBot;
  let smtp: TestSmtpServer;
  let desk: ReturnType<typeof supportDesk>;
  let okonomi: string;
  const prisma = () => desk.prisma();
  const number = `BS-${osloYear(new Date())}-00001`;
  const toAlex = (activity: SentActivity) => activity.conversationId === `a:personal-${ALEX.aadObjectId}`;
  const inChannel = (channel: string) => (activity: SentActivity) => activity.conversationId.startsWith(channel);
  /** The story so far, shared by the steps: the henvendelse, the self-help query it came from, and each channel's posted card. */
  const story = { requestId: '', queryId: '', posted: new Map<string, string>() };

  /**
   * Everything the bot sent since the last step, once its outbox is empty: to Alex, and per
   * channel the card (posted, or updated in place: PUT on the posted activity) and the thread lines.
   */
  const step = async () => {
    await outboxSent(bot);
    const sent = [...bot.connector.sent];
    bot.connector.clear();
    expect(sent.filter((activity) => !toAlex(activity) && !CHANNELS.some((channel) => inChannel(channel)(activity)))).toEqual([]);
    return {
      alex: sent.filter(toAlex).map(read),
      cards: (channel: string) => sent.filter((activity) => inChannel(channel)(activity) && activity.body.attachments !== undefined),
      thread: (channel: string) => sent.filter((activity) => inChannel(channel)(activity) && activity.body.attachments === undefined).map((activity) => activity.body.text),
      /** The channel's card was updated in place, `count` times; the last update as the channel shows it now. */
      updated: (channel: string, count = 1) => {
        const cards = sent.filter((activity) => inChannel(channel)(activity) && activity.body.attachments !== undefined);
        expect(cards.map((activity) => activity.method), channel).toEqual(Array<string>(count).fill('PUT'));
        for (const card of cards) expect(card.path, channel).toMatch(new RegExp(`/activities/${story.posted.get(channel)}$`));
        const card = cardOf(cards.at(-1)!);
        return { lines: lines(card), verbs: verbs(card) };
      },
    };
  };
  type Step = Awaited<ReturnType<typeof step>>;
  /** Every channel the henvendelse has been through got `text` in its card's thread, once. */
  const threadSays = (seen: Step, channels: string[], ...texts: string[]) => {
    for (const channel of CHANNELS) expect(seen.thread(channel), channel).toEqual(channels.includes(channel) ? texts.map((text) => `${number}: ${text}`) : []);
  };
  /** A card of the henvendelse was posted to `channel`; its activity id is kept for the updates and thread lines that follow. */
  const postedIn = async (seen: Step, channel: string) => {
    const [card, ...more] = seen.cards(channel);
    expect(more).toEqual([]);
    expect(card).toMatchObject({ method: 'POST', path: `/v3/conversations/${encodeURIComponent(channel)}/activities` });
    const row = await prisma().supportChannelCard.findFirstOrThrow({ where: { requestId: story.requestId, conversationId: channel } });
    story.posted.set(channel, (await desk.postedActivityId(row.messageId))!);
    return { lines: lines(cardOf(card!)), verbs: verbs(cardOf(card!)) };
  };
  const data = async () => (await desk.current(story.requestId)).data;
  /** Alex's status card: «Ny status», and the words he is told, if any. */
  const statusCard = (status: string, comment?: string, extra: string[] = [], extraVerbs: string[] = []) => ({
    lines: [`Henvendelse ${number}`, QUESTION, `Ny status: **${status}**`, ...(comment ? ['Kommentar', comment] : []), '‹tid›', ...extra],
    verbs: [...extraVerbs, 'support.request.show'],
  });
  const ALL_ACTIONS = ['support.visit.offer', 'support.take', 'support.assign', 'support.reply', 'support.waiting', 'support.resolve', 'support.close', 'support.handover', 'support.note'];
  const without = (...left: string[]) => ALL_ACTIONS.filter((verb) => !left.includes(verb));

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    bot = await startTestBot({ LOG_LEVEL: 'warn', SMTP_URL: smtp.url, SUPPORT_FROM_ADDRESS: FROM, IT_SUPPORT_ADDRESS: IT });
    desk = supportDesk(bot);
    await desk.bindQueue('koble kø førstelinje', ADELE);
    await desk.bindQueue('koble kø fagspesialister Økonomi', ADELE, SPECIALIST_CHANNEL);
    await desk.bindQueue('koble kø leverandør', ADELE, VENDOR_CHANNEL);
    okonomi = (await prisma().subjectArea.findUniqueOrThrow({ where: { code: 'OKONOMI' } })).id;
    await prisma().person.update({ where: { aadObjectId: ALEX.aadObjectId }, data: { chosenLocale: 'nb' } });
    await outboxSent(bot);
    bot.connector.clear();
  });
  afterAll(async () => {
    await bot?.stop();
    await smtp?.close();
  });

  it('a question self-help does not solve becomes a henvendelse with the question carried over, and its card is posted in the first line’s channel', async () => {
    expect((await bot.post(messageActivity(QUESTION, desk.personal(ALEX)))).status).toBe(200);
    let seen = await step();
    expect(seen.alex).toHaveLength(1);
    const selfHelp = seen.alex[0] as { lines: string[]; verbs: string[] };
    expect(selfHelp.lines).toEqual(expect.arrayContaining(['Dette fant jeg', `Du spurte: «${QUESTION}»`, 'Flytte, kopiere eller rette en journalpost', 'Løste dette problemet ditt?']));
    expect(selfHelp.verbs.slice(-2)).toEqual(['selfHelp.solved', 'selfHelp.needsHelp']);
    const query = await prisma().selfHelpQuery.findFirstOrThrow({ where: { aadObjectId: ALEX.aadObjectId } });
    expect(query).toMatchObject({ question: QUESTION, lang: 'nb', outcome: null });
    story.queryId = query.id;

    // «Jeg trenger fortsatt hjelp»: the intake card in the self-help card's place, the question in «Hva skal utføres?».
    const intake = asCard(await desk.click('selfHelp.needsHelp', { queryId: query.id }, desk.personal(ALEX)));
    expect(lines(intake)).toContain('Spørsmålet fra søket ditt står allerede under «Hva skal utføres?». Legg gjerne til mer.');
    expect(inputs(intake).find((input) => input.id === 'what')).toMatchObject({ label: 'Hva skal utføres?', value: QUESTION });
    const submit = actionWithVerb(intake, 'support.intake.submit');
    expect(submit.data).toEqual({ intakeKey: expect.any(String), selfHelpQueryId: query.id });
    expect(await prisma().selfHelpQuery.findUniqueOrThrow({ where: { id: query.id } })).toMatchObject({ outcome: 'needs_help' });
    expect(await prisma().auditEntry.count({ where: { entityId: query.id, action: 'selfHelp.needs_help', actor: ALEX.aadObjectId } })).toBe(1);

    const confirmation = asCard(await desk.click('support.intake.submit', { ...submit.data, ...ANSWERS, what: QUESTION, subjectAreaId: okonomi }, desk.personal(ALEX)));
    expect(lines(confirmation)).toEqual([
      'Henvendelsen er registrert',
      `✔ Henvendelse ${number} er registrert.`,
      `Nummer: ${number}`,
      'Status: Ny',
      'Gjelder: Flytte, kopiere eller rette journalpost',
      'Hvor mye det haster: Haster',
      'Fagområde: Økonomi',
      'Saks-/journalpostnummer: 2026/1234-3',
      'Registrert: ‹tid›',
      'Hva skal utføres?',
      QUESTION,
      'Hva skjer nå',
      `Du får beskjed her i chatten hver gang statusen endrer seg. Oppgi nummeret ${number} hvis du tar kontakt om henvendelsen.`,
      'Skriv **mine henvendelser** for å se henvendelsene dine og hva som har skjedd med dem.',
    ]);
    const request = await prisma().supportRequest.findFirstOrThrow({ where: { selfHelpQueryId: query.id } });
    expect(request).toMatchObject({ number, what: QUESTION, subjectAreaId: okonomi, reference: '2026/1234-3', status: 'ny', line: 'forstelinje', assigneeId: null, version: 1 });
    story.requestId = request.id;

    // Alex's own answer told him; the card goes to the first line's channel only.
    seen = await step();
    expect(seen.alex).toEqual([]);
    const posted = await postedIn(seen, ARKIV_CHANNEL);
    expect(posted.lines).toEqual(
      expect.arrayContaining([`Henvendelse ${number}`, 'Status: Ny', 'Behandles av: Ikke tatt', 'Fagområde: Økonomi', 'Innmelder: Alex Wilber', 'Ligger hos: førstelinjen (arkivet)', QUESTION]),
    );
    expect(posted.verbs).toEqual(ALL_ACTIONS);
    threadSays(seen, []);
    expect(seen.cards(SPECIALIST_CHANNEL)).toEqual([]);
  });

  it('the first line takes it and replies, sets it waiting, and the requester answers by typing in the chat', async () => {
    const taken = asCard(await desk.click('support.take', await data(), desk.inChannel(ADELE)));
    expect(lines(taken)).toEqual(expect.arrayContaining(['✔ Du har tatt henvendelsen.', 'Status: Under behandling', 'Behandles av: Adele Vance']));
    let seen = await step();
    expect(seen.alex).toEqual([statusCard('Under behandling')]);
    expect(seen.updated(ARKIV_CHANNEL)).toEqual({ lines: expect.arrayContaining(['Status: Under behandling', 'Behandles av: Adele Vance']), verbs: without('support.take') });
    threadSays(seen, [ARKIV_CHANNEL], 'Tatt av Adele Vance');

    const replied = asCard(await desk.click('support.reply', { ...(await data()), reply: REPLY }, desk.inChannel(ADELE)));
    expect(lines(replied)).toContain('✔ Svaret er sendt til innmelder.');
    seen = await step();
    expect(seen.alex).toEqual([
      { lines: [`Svar på henvendelse ${number}`, 'Adele Vance i brukerstøtten svarer:', REPLY, '‹tid›'], verbs: ['support.requester.answer', 'support.request.show'] },
    ]);
    expect(seen.updated(ARKIV_CHANNEL)).toEqual({ lines: expect.arrayContaining(['Status: Under behandling']), verbs: without('support.take') });
    threadSays(seen, [ARKIV_CHANNEL], `Svar fra Adele Vance\n\n${REPLY}`);

    const waiting = asCard(await desk.click('support.waiting', await data(), desk.inChannel(ADELE)));
    expect(lines(waiting)).toContain('✔ Status er satt til Venter på innmelder.');
    seen = await step();
    expect(seen.alex).toEqual([statusCard('Venter på deg')]);
    expect(seen.updated(ARKIV_CHANNEL)).toEqual({ lines: expect.arrayContaining(['Status: Venter på innmelder']), verbs: without('support.take', 'support.waiting') });
    threadSays(seen, [ARKIV_CHANNEL], 'Status endret til Venter på innmelder av Adele Vance');

    // Alex types his answer in the chat: it goes onto the one henvendelse that waits for him.
    expect((await bot.post(messageActivity(ANSWER, desk.personal(ALEX)))).status).toBe(200);
    seen = await step();
    // The sentence answers him; his own change sends him no status card besides.
    expect(seen.alex).toEqual([{ text: `Svaret ditt er lagt på henvendelse ${number}, og brukerstøtten ser det.` }]);
    expect(seen.updated(ARKIV_CHANNEL)).toEqual({ lines: expect.arrayContaining(['Status: Under behandling', 'Behandles av: Adele Vance']), verbs: without('support.take') });
    threadSays(seen, [ARKIV_CHANNEL], `Svar fra Alex Wilber\n\n${ANSWER}`);
    expect((await desk.current(story.requestId)).request).toMatchObject({ status: 'under_behandling', version: 5 });
    expect(await prisma().selfHelpQuery.count({ where: { question: ANSWER } })).toBe(0);
  });

  it('it goes up to Økonomi’s specialists and on to the vendor, who records the reference, and comes back down to the first line; each line’s channel shows where it is', async () => {
    const toSpecialist = asCard(await desk.click('support.handover', { ...(await data()), target: 'fagspesialist', subjectAreaId: okonomi, reason: TO_SPECIALIST }, desk.inChannel(ADELE)));
    expect(lines(toSpecialist)).toContain('✔ Henvendelsen er sendt til fagspesialistene for Økonomi.');
    let seen = await step();
    expect(seen.alex).toEqual([statusCard('Under behandling', 'Henvendelsen din er sendt videre til fagspesialistene for Økonomi. Du hører fra oss der.')]);
    const specialistCard = await postedIn(seen, SPECIALIST_CHANNEL);
    expect(specialistCard.lines).toEqual(expect.arrayContaining(['Status: Under behandling', 'Behandles av: Ikke tatt', 'Ligger hos: fagspesialistene for Økonomi']));
    expect(specialistCard.verbs).toEqual(ALL_ACTIONS);
    const NOW_WITH_SPECIALISTS = 'Henvendelsen er nå hos fagspesialistene for Økonomi. Dette kortet viser den bare; arbeidet skjer der.';
    expect(seen.updated(ARKIV_CHANNEL)).toEqual({ lines: expect.arrayContaining(['Ligger hos: fagspesialistene for Økonomi', NOW_WITH_SPECIALISTS]), verbs: [] });
    threadSays(seen, [ARKIV_CHANNEL, SPECIALIST_CHANNEL], `Eskalert til fagspesialistene for Økonomi av Adele Vance\n\n${TO_SPECIALIST}`);

    const taken = asCard(await desk.click('support.take', await data(), desk.inChannel(PATTI, SPECIALIST_CHANNEL)));
    expect(lines(taken)).toEqual(expect.arrayContaining(['✔ Du har tatt henvendelsen.', 'Behandles av: Patti Fernandez']));
    seen = await step();
    // The status stays «Under behandling»: Alex is not told who in the line has it.
    expect(seen.alex).toEqual([]);
    expect(seen.updated(SPECIALIST_CHANNEL)).toEqual({ lines: expect.arrayContaining(['Behandles av: Patti Fernandez']), verbs: without('support.take') });
    expect(seen.updated(ARKIV_CHANNEL)).toEqual({ lines: expect.arrayContaining(['Behandles av: Patti Fernandez', NOW_WITH_SPECIALISTS]), verbs: [] });
    threadSays(seen, [ARKIV_CHANNEL, SPECIALIST_CHANNEL], 'Tatt av Patti Fernandez');

    const toVendor = asCard(await desk.click('support.handover', { ...(await data()), target: 'leverandor', reason: TO_VENDOR }, desk.inChannel(PATTI, SPECIALIST_CHANNEL)));
    expect(lines(toVendor)).toContain('✔ Henvendelsen er sendt til leverandørkontaktene.');
    seen = await step();
    expect(seen.alex).toEqual([statusCard('Under behandling', 'Henvendelsen din er sendt videre til leverandørkontaktene. Du hører fra oss der.')]);
    const vendorCard = await postedIn(seen, VENDOR_CHANNEL);
    expect(vendorCard.lines).toEqual(expect.arrayContaining(['Behandles av: Ikke tatt', 'Ligger hos: leverandørkontaktene']));
    expect(vendorCard.verbs).toEqual([...ALL_ACTIONS.slice(0, -1), 'support.vendorReference', 'support.note']);
    const NOW_WITH_VENDOR = 'Henvendelsen er nå hos leverandørkontaktene. Dette kortet viser den bare; arbeidet skjer der.';
    for (const channel of [ARKIV_CHANNEL, SPECIALIST_CHANNEL]) expect(seen.updated(channel)).toEqual({ lines: expect.arrayContaining(['Ligger hos: leverandørkontaktene', NOW_WITH_VENDOR]), verbs: [] });
    threadSays(seen, CHANNELS, `Eskalert til leverandørkontaktene av Patti Fernandez\n\n${TO_VENDOR}`);

    const recorded = asCard(await desk.click('support.vendorReference', { ...(await data()), reference: 'SR-4711' }, desk.inChannel(HENRIK, VENDOR_CHANNEL)));
    expect(lines(recorded)).toEqual(expect.arrayContaining(['✔ Leverandørens referanse er lagret.', 'Status: Hos leverandør', 'Leverandørens referanse: SR-4711']));
    seen = await step();
    expect(seen.alex).toEqual([statusCard('Hos leverandør', 'Feilen er meldt til leverandøren av systemet, med referanse SR-4711.')]);
    expect(seen.updated(VENDOR_CHANNEL)).toEqual({ lines: expect.arrayContaining(['Status: Hos leverandør', 'Leverandørens referanse: SR-4711']), verbs: vendorCard.verbs });
    for (const channel of [ARKIV_CHANNEL, SPECIALIST_CHANNEL]) expect(seen.updated(channel)).toEqual({ lines: expect.arrayContaining(['Status: Hos leverandør', 'Leverandørens referanse: SR-4711', NOW_WITH_VENDOR]), verbs: [] });
    threadSays(seen, CHANNELS, 'Meldt til leverandør av Henrik Solberg, referanse SR-4711');
    expect((await desk.current(story.requestId)).request).toMatchObject({ status: 'hos_leverandor', line: 'leverandor', vendorReference: 'SR-4711' });

    const back = asCard(await desk.click('support.handover', { ...(await data()), target: 'forstelinje', reason: DOWN }, desk.inChannel(HENRIK, VENDOR_CHANNEL)));
    expect(lines(back)).toContain('✔ Henvendelsen er sendt til førstelinjen (arkivet).');
    seen = await step();
    expect(seen.alex).toEqual([statusCard('Under behandling', 'Henvendelsen din er sendt videre til førstelinjen (arkivet). Du hører fra oss der.')]);
    // The first line's card takes actions again; the others only show where it is.
    expect(seen.updated(ARKIV_CHANNEL)).toEqual({ lines: expect.arrayContaining(['Status: Under behandling', 'Behandles av: Ikke tatt', 'Ligger hos: førstelinjen (arkivet)', 'Leverandørens referanse: SR-4711']), verbs: ALL_ACTIONS });
    const NOW_WITH_FIRST_LINE = 'Henvendelsen er nå hos førstelinjen (arkivet). Dette kortet viser den bare; arbeidet skjer der.';
    for (const channel of [SPECIALIST_CHANNEL, VENDOR_CHANNEL]) expect(seen.updated(channel)).toEqual({ lines: expect.arrayContaining([NOW_WITH_FIRST_LINE]), verbs: [] });
    threadSays(seen, CHANNELS, `Deeskalert til førstelinjen (arkivet) av Henrik Solberg\n\n${DOWN}`);

    const moves = await prisma().supportEvent.findMany({ where: { requestId: story.requestId, kind: 'handed_over' }, orderBy: { id: 'asc' } });
    expect(moves.map((event) => [event.text, (event.data as { direction: string }).direction, (event.data as { to: { line: string } }).to.line])).toEqual([
      [TO_SPECIALIST, 'up', 'fagspesialist'],
      [TO_VENDOR, 'up', 'leverandor'],
      [DOWN, 'down', 'forstelinje'],
    ]);
    expect((await desk.current(story.requestId)).request).toMatchObject({ status: 'under_behandling', line: 'forstelinje', assigneeId: null, vendorReference: 'SR-4711' });
  });

  it('the first line resolves it and publishes the resolution; the requester confirms and rates it; the history, the audit log and `søk` tell the whole story', async () => {
    await desk.click('support.take', await data(), desk.inChannel(ADELE));
    let seen = await step();
    expect(seen.alex).toEqual([]);
    expect(seen.updated(ARKIV_CHANNEL)).toEqual({ lines: expect.arrayContaining(['Behandles av: Adele Vance']), verbs: without('support.take') });
    for (const channel of [SPECIALIST_CHANNEL, VENDOR_CHANNEL]) expect(seen.updated(channel)).toEqual({ lines: expect.arrayContaining(['Behandles av: Adele Vance']), verbs: [] });
    threadSays(seen, CHANNELS, 'Tatt av Adele Vance');

    const resolved = asCard(await desk.click('support.resolve', { ...(await data()), resolution: RESOLUTION, publish: 'true' }, desk.inChannel(ADELE)));
    expect(lines(resolved)).toContain('✔ Henvendelsen er løst, innmelder har fått løsningen, og løsningen er publisert i kunnskapsbasen.');
    seen = await step();
    expect(seen.alex).toEqual([
      statusCard('Løst', RESOLUTION, ['Er problemet løst? Bekreft eller åpne henvendelsen igjen innen ‹tid›. Etter det lukkes den automatisk.'], ['support.request.confirm', 'support.request.reopen']),
    ]);
    expect(seen.updated(ARKIV_CHANNEL)).toEqual({ lines: expect.arrayContaining(['Status: Løst']), verbs: ['support.reply', 'support.close', 'support.note'] });
    for (const channel of [SPECIALIST_CHANNEL, VENDOR_CHANNEL]) expect(seen.updated(channel)).toEqual({ lines: expect.arrayContaining(['Status: Løst']), verbs: [] });
    threadSays(seen, CHANNELS, `Løst av Adele Vance og publisert i kunnskapsbasen\n\n${RESOLUTION}`);
    const adele = await prisma().person.findUniqueOrThrow({ where: { aadObjectId: ADELE.aadObjectId } });
    const article = await prisma().knowledgeArticle.findFirstOrThrow({ where: { source: 'henvendelse' } });
    expect(article).toMatchObject({ title: QUESTION, body: RESOLUTION, lang: 'nb', subjectAreaId: okonomi, createdById: adele.id, retiredAt: null, slug: `hvordan-flytter-jeg-en-journalpost-til-en-annen-sak-${number.toLowerCase()}` });

    const confirmed = asCard(await desk.click('support.request.confirm', { ...(await data()), rating: '5', comment: COMMENT }, desk.personal(ALEX)));
    expect(lines(confirmed)).toEqual(expect.arrayContaining(['✔ Takk! Henvendelsen er lukket som løst.', 'Status: Lukket', 'Vurdering: 5 – Svært fornøyd', COMMENT]));
    expect(verbs(confirmed)).toEqual(['support.mine']);
    seen = await step();
    expect(seen.alex).toEqual([]);
    expect(seen.updated(ARKIV_CHANNEL, 2)).toEqual({ lines: expect.arrayContaining(['Status: Lukket', 'Vurdering: 5 – Svært fornøyd', 'Kommentar til vurderingen', COMMENT]), verbs: ['support.note'] });
    for (const channel of [SPECIALIST_CHANNEL, VENDOR_CHANNEL]) expect(seen.updated(channel, 2)).toEqual({ lines: expect.arrayContaining(['Status: Lukket', 'Vurdering: 5 – Svært fornøyd', COMMENT]), verbs: [] });
    threadSays(seen, CHANNELS, 'Bekreftet løst av Alex Wilber', `Vurdert til 5 av 5 av Alex Wilber\n\n${COMMENT}`);

    // The end state.
    const request = (await desk.current(story.requestId)).request;
    expect(request).toMatchObject({ status: 'lukket', rating: 5, ratingComment: COMMENT, vendorReference: 'SR-4711', line: 'forstelinje', selfHelpQueryId: story.queryId, version: 14 });
    expect(request.resolvedAt).not.toBeNull();
    expect(request.closedAt).not.toBeNull();
    expect(await prisma().supportChannelCard.findMany({ where: { requestId: story.requestId }, orderBy: { id: 'asc' }, select: { conversationId: true, line: true } })).toEqual([
      { conversationId: ARKIV_CHANNEL, line: 'forstelinje' },
      { conversationId: SPECIALIST_CHANNEL, line: 'fagspesialist' },
      { conversationId: VENDOR_CHANNEL, line: 'leverandor' },
    ]);
    const events = await prisma().supportEvent.findMany({ where: { requestId: story.requestId }, orderBy: { id: 'asc' } });
    expect(events.map((event) => event.kind)).toEqual([
      'created',
      'taken',
      'reply_to_requester',
      'status_changed',
      'requester_reply',
      'handed_over',
      'taken',
      'handed_over',
      'vendor_reference',
      'handed_over',
      'taken',
      'resolved',
      'confirmed',
      'rated',
    ]);
    expect(events.filter((event) => event.internal)).toEqual([]);
    expect(events.find((event) => event.kind === 'resolved')!.data).toMatchObject({ articleId: article.id });
    const [alex, patti, henrik] = [ALEX, PATTI, HENRIK].map((person) => person.aadObjectId);
    const audit = await prisma().auditEntry.findMany({ where: { entityId: story.requestId }, orderBy: { id: 'asc' }, select: { action: true, actor: true } });
    expect(audit.map((entry) => [entry.action.replace('support.request.', ''), entry.actor])).toEqual([
      ['submit', alex],
      ['taken', adele.aadObjectId],
      ['reply_to_requester', adele.aadObjectId],
      ['status_changed', adele.aadObjectId],
      ['requester_reply', alex],
      ['handed_over', adele.aadObjectId],
      ['taken', patti],
      ['handed_over', patti],
      ['vendor_reference', henrik],
      ['handed_over', henrik],
      ['taken', adele.aadObjectId],
      ['resolved', adele.aadObjectId],
      ['confirmed', alex],
      ['rated', alex],
    ]);
    expect(await prisma().auditEntry.findFirstOrThrow({ where: { action: 'knowledge.article.created', entityId: article.id } })).toMatchObject({ actor: adele.aadObjectId });

    // `mine henvendelser` lists it; its history as Alex reads it: every step, the moves without support's reasons.
    expect((await bot.post(messageActivity('mine henvendelser', desk.personal(ALEX)))).status).toBe(200);
    const [mine] = await bot.connector.waitFor(toAlex);
    seen = await step();
    expect(seen.alex).toEqual([{ lines: ['Mine henvendelser', `${number} – ${QUESTION}`, 'Status: Lukket · sist endret ‹tid›'], verbs: ['support.request.show', 'support.intake.show'] }]);
    const history = (card: Card) => lines(card).slice(lines(card).indexOf('Historikk'));
    const show = actionWithVerb(cardOf(mine!), 'support.request.show');
    expect(show).toMatchObject({ title: `Vis ${number}`, data: { requestId: story.requestId } });
    const forAlex = asCard(await desk.click('support.request.show', show.data!, desk.personal(ALEX)));
    expect(history(forAlex)).toEqual([
      'Historikk',
      '‹tid› · Registrert av deg',
      '‹tid› · Tatt av Adele Vance',
      '‹tid› · Svar fra Adele Vance',
      REPLY,
      '‹tid› · Status endret til Venter på deg av Adele Vance',
      '‹tid› · Svar fra deg',
      ANSWER,
      '‹tid› · Sendt videre til Fagspesialist (andrelinjen) av Adele Vance',
      '‹tid› · Tatt av Patti Fernandez',
      '‹tid› · Sendt videre til Leverandøren av Patti Fernandez',
      '‹tid› · Meldt til leverandør av Henrik Solberg',
      '‹tid› · Sendt videre til Førstelinjen (arkivet) av Henrik Solberg',
      '‹tid› · Tatt av Adele Vance',
      '‹tid› · Løst av Adele Vance og publisert i kunnskapsbasen',
      RESOLUTION,
      '‹tid› · Bekreftet løst av deg',
      '‹tid› · Vurdert til 5 av 5 av deg',
      COMMENT,
    ]);
    expect(lines(forAlex)).toEqual(expect.arrayContaining(['Status: Lukket', 'Vurdering: 5 – Svært fornøyd']));
    // Support reads the reasons too.
    const forSupport = asCard(await desk.click('support.request.show', { requestId: story.requestId }, desk.personal(PATTI)));
    expect(history(forSupport)).toEqual([
      'Historikk',
      '‹tid› · Registrert av Alex Wilber',
      '‹tid› · Tatt av Adele Vance',
      '‹tid› · Svar fra Adele Vance',
      REPLY,
      '‹tid› · Status endret til Venter på innmelder av Adele Vance',
      '‹tid› · Svar fra Alex Wilber',
      ANSWER,
      '‹tid› · Sendt videre til Fagspesialist (andrelinjen) av Adele Vance',
      TO_SPECIALIST,
      '‹tid› · Tatt av deg',
      '‹tid› · Sendt videre til Leverandøren av deg',
      TO_VENDOR,
      '‹tid› · Meldt til leverandør av Henrik Solberg',
      '‹tid› · Sendt videre til Førstelinjen (arkivet) av Henrik Solberg',
      DOWN,
      '‹tid› · Tatt av Adele Vance',
      '‹tid› · Løst av Adele Vance og publisert i kunnskapsbasen',
      RESOLUTION,
      '‹tid› · Bekreftet løst av Alex Wilber',
      '‹tid› · Vurdert til 5 av 5 av Alex Wilber',
      COMMENT,
    ]);
    expect(lines(forSupport)).toEqual(expect.arrayContaining(['Innmelder: Alex Wilber', 'Ligger hos: Førstelinjen (arkivet)', 'Vurdering: 5 – Svært fornøyd']));

    // Another caseworker's self-help finds the published answer.
    expect((await bot.post(messageActivity('søk flytte periodiserte journalposter', desk.personal(ISAIAH)))).status).toBe(200);
    const [answer] = await bot.connector.waitFor((activity) => activity.conversationId === `a:personal-${ISAIAH.aadObjectId}`);
    bot.connector.clear();
    expect(lines(cardOf(answer!))).toContain(QUESTION);
    const found = await prisma().selfHelpQuery.findFirstOrThrow({ where: { aadObjectId: ISAIAH.aadObjectId } });
    expect(found.articleIds).toContain(article.id);
  });

  it('a hand-over to IT sends one real e-mail to IT with the requester in copy, named in full with the number, the text and the reference', async () => {
    const { request } = await desk.submit({ answers: { ...ANSWERS, what: IT_WHAT, category: 'tilgang' } });
    let seen = await step();
    story.requestId = request.id;
    await postedIn(seen, ARKIV_CHANNEL);
    const itNumber = request.number;
    expect(itNumber).toBe(number.replace(/00001$/, '00002'));

    const handedOver = asCard(await desk.click('support.handover', { ...(await data()), target: 'it', reason: IT_REASON }, desk.inChannel(ADELE)));
    expect(lines(handedOver)).toEqual(expect.arrayContaining(['✔ Henvendelsen er sendt til IT (arkivet følger opp).', 'Status: Hos IT']));
    const [mail] = await smtp.waitFor(1);
    seen = await step();
    expect(seen.alex).toEqual([
      {
        lines: [`Henvendelse ${itNumber}`, IT_WHAT, 'Ny status: **Hos IT**', 'Kommentar', 'Henvendelsen din er sendt videre til IT (arkivet følger opp). Du hører fra oss der.', '‹tid›'],
        verbs: ['support.request.show'],
      },
    ]);
    expect(seen.updated(ARKIV_CHANNEL)).toEqual({ lines: expect.arrayContaining(['Status: Hos IT']), verbs: expect.arrayContaining(['support.itAnswer']) });
    expect(seen.thread(ARKIV_CHANNEL)).toEqual([`${itNumber}: Eskalert til IT (arkivet følger opp) av Adele Vance\n\n${IT_REASON}`]);

    expect(mail!.envelope).toEqual({ from: FROM, to: [IT, ALEX_MAIL] });
    const addresses = (field: AddressObject | AddressObject[] | undefined) => [field ?? []].flat().flatMap((object) => object.value.map((address) => address.address));
    expect([addresses(mail!.parsed.from), addresses(mail!.parsed.to), addresses(mail!.parsed.cc)]).toEqual([[FROM], [IT], [ALEX_MAIL]]);
    expect(mail!.parsed.subject).toBe(`[${itNumber}] Henvendelse til IT fra arkivet`);
    const text = mail!.parsed.text ?? '';
    for (const part of [`Gjelder: Alex Wilber (${ALEX_MAIL})`, `Henvendelse: ${itNumber}`, IT_WHAT, 'Referanse i sak-/arkivsystemet: 2026/1234-3', IT_REASON]) expect(text).toContain(part);

    expect((await desk.current(request.id)).request).toMatchObject({ line: 'it', status: 'hos_it' });
    expect(await prisma().auditEntry.count({ where: { entityId: request.id, action: 'support.request.handed_over', actor: ADELE.aadObjectId } })).toBe(1);
    const forAlex = asCard(await desk.click('support.request.show', { requestId: request.id }, desk.personal(ALEX)));
    expect(lines(forAlex).join('\n')).not.toContain(IT_REASON);
    // Exactly one e-mail, sent once.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.messages).toHaveLength(1);
    expect(await prisma().emailOutbox.findMany({ select: { state: true } })).toEqual([{ state: 'sent' }]);
  });
});

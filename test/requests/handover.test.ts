import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/bot.js';
import type { SentActivity } from '../support/fake-connector.js';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp-server.js';
import { ADELE, ALEX, ANSWERS, ARKIV_CHANNEL, HENRIK, PATTI, SIGRID, cardLines, cardOf, outboxSent, supportDesk, verbs, type Card } from '../support/support-desk.js';

const SPECIALIST_CHANNEL = '19:okonomi-fagspesialister@thread.tacv2';
const VENDOR_CHANNEL = '19:leverandor-kanal@thread.tacv2';
const SYSADMIN_CHANNEL = '19:systemadministrator-kanal@thread.tacv2';
const FROM = 'arkivet@eksempel.kommune.no';
const IT = 'servicedesk@it.eksempel.kommune.no';
const REASON = 'Gjelder periodisering i økonomimodulen; fagspesialisten må vurdere.';

const isCard = (channel: string) => (activity: SentActivity) => activity.conversationId.startsWith(channel) && activity.body.attachments !== undefined;
const isThreadLine = (channel: string) => (activity: SentActivity) => activity.conversationId.startsWith(channel) && typeof activity.body.text === 'string';
const toAlex = (activity: SentActivity) => activity.conversationId.includes(ALEX.aadObjectId);
const asCard = (answer: Card | string): Card => {
  if (typeof answer === 'string') throw new Error(`expected a card, got: ${answer}`);
  return answer;
};

/** The hand-overs between the support lines, through /api/messages, on a desk with queue channels for the first line, Økonomi's specialists, the vendor and the system administrator. */
describe('handing a henvendelse over between the support lines (/api/messages)', () => {
  let bot: TestBot;
  let desk: ReturnType<typeof supportDesk>;
  let okonomi: string;

  beforeAll(async () => {
    bot = await startTestBot();
    desk = supportDesk(bot);
    await desk.bindQueue('koble kø førstelinje', ADELE);
    await desk.bindQueue('koble kø fagspesialister Økonomi', ADELE, SPECIALIST_CHANNEL);
    await desk.bindQueue('koble kø leverandør', ADELE, VENDOR_CHANNEL);
    await desk.bindQueue('koble kø systemadministrator', ADELE, SYSADMIN_CHANNEL);
    expect(await desk.prisma().queueChannel.count()).toBe(4);
    okonomi = (await desk.prisma().subjectArea.findUniqueOrThrow({ where: { code: 'OKONOMI' } })).id;
  });
  afterAll(async () => {
    await bot?.stop();
  });

  /** Alex's henvendelse on Økonomi, its card posted in the first line's channel (after what the last test left in the outbox is sent). */
  const submitOkonomi = async () => {
    await outboxSent(bot);
    const submitted = await desk.submit({ answers: { ...ANSWERS, subjectAreaId: okonomi } });
    await bot.connector.waitFor(isCard(ARKIV_CHANNEL));
    return submitted;
  };
  const handOver = async (user: typeof ADELE, channel: string, requestId: string, fields: Record<string, unknown>) =>
    desk.click('support.handover', { ...(await desk.current(requestId)).data, ...fields }, desk.inChannel(user, channel));
  const handedOverEvents = (requestId: string) => desk.prisma().supportEvent.findMany({ where: { requestId, kind: 'handed_over' }, orderBy: { id: 'asc' } });

  it('first line hands it to the specialists of Økonomi with a reason: their channel gets the card, the first-line card shows where it is, the archive can no longer act, and Patti takes it', async () => {
    const { request } = await submitOkonomi();
    bot.connector.clear();
    const answer = asCard(await handOver(ADELE, ARKIV_CHANNEL, request.id, { target: 'fagspesialist', subjectAreaId: okonomi, reason: `  ${REASON}  ` }));
    // The answer is the card as the first line's channel shows it now: where it is, no actions.
    expect(cardLines(answer)).toEqual(
      expect.arrayContaining([
        '✔ Henvendelsen er sendt til fagspesialistene for Økonomi.',
        'Ligger hos: fagspesialistene for Økonomi',
        'Henvendelsen er nå hos fagspesialistene for Økonomi. Dette kortet viser den bare; arbeidet skjer der.',
      ]),
    );
    expect(verbs(answer)).toEqual([]);

    const moved = await desk.prisma().supportRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(moved).toMatchObject({ line: 'fagspesialist', lineSubjectAreaId: okonomi, lineUnitId: null, assigneeId: null, status: 'under_behandling', version: request.version + 1 });
    const [event] = await handedOverEvents(request.id);
    expect(event).toMatchObject({
      text: REASON,
      internal: false,
      data: { from: { line: 'forstelinje', unitId: null, subjectAreaId: null }, to: { line: 'fagspesialist', unitId: null, subjectAreaId: okonomi }, direction: 'up' },
    });
    expect(await desk.prisma().auditEntry.count({ where: { action: 'support.request.handed_over', entityId: request.id } })).toBe(1);

    // The specialists' channel gets the card, with the actions, and the hand-over in its thread.
    const [posted] = await bot.connector.waitFor(isCard(SPECIALIST_CHANNEL));
    expect(cardLines(cardOf(posted!))).toEqual(expect.arrayContaining(['Ligger hos: fagspesialistene for Økonomi', 'Behandles av: Ikke tatt']));
    expect(verbs(cardOf(posted!))).toEqual(expect.arrayContaining(['support.take', 'support.handover', 'support.note']));
    const [thread] = await bot.connector.waitFor(isThreadLine(SPECIALIST_CHANNEL));
    expect(thread!.body.text).toBe(`${request.number}: Eskalert til fagspesialistene for Økonomi av Adele Vance\n\n${REASON}`);
    // The first line's card is updated in place: where it is now, no actions.
    const [update] = await bot.connector.waitFor((activity) => activity.conversationId.startsWith(ARKIV_CHANNEL) && activity.method === 'PUT');
    expect(verbs(cardOf(update!))).toEqual([]);
    expect(cardLines(cardOf(update!))).toContain('Henvendelsen er nå hos fagspesialistene for Økonomi. Dette kortet viser den bare; arbeidet skjer der.');
    expect(await desk.prisma().supportChannelCard.findMany({ where: { requestId: request.id }, orderBy: { id: 'asc' }, select: { conversationId: true, line: true } })).toEqual([
      { conversationId: ARKIV_CHANNEL, line: 'forstelinje' },
      { conversationId: SPECIALIST_CHANNEL, line: 'fagspesialist' },
    ]);
    // The requester is told where it went in plain words, not why.
    const [told] = await bot.connector.waitFor(toAlex);
    const toldLines = cardLines(cardOf(told!));
    expect(toldLines).toContain('Henvendelsen din er sendt videre til fagspesialistene for Økonomi. Du hører fra oss der.');
    expect(toldLines.join('\n')).not.toContain('periodisering');

    // The archive is no longer on the line: refused in words, nothing changed.
    const refused = await desk.click('support.take', (await desk.current(request.id)).data, desk.inChannel(ADELE));
    expect(refused).toBe('Du har ikke tilgang til å gjøre dette. Ingenting er endret.');
    expect((await desk.current(request.id)).request).toMatchObject({ version: moved.version, assigneeId: null });

    const taken = asCard(await desk.click('support.take', (await desk.current(request.id)).data, desk.inChannel(PATTI, SPECIALIST_CHANNEL)));
    expect(cardLines(taken)).toEqual(expect.arrayContaining(['✔ Du har tatt henvendelsen.', 'Behandles av: Patti Fernandez']));
  });

  it('specialist hands it to the vendor, Henrik records the trimmed reference («Hos leverandør», the requester told), and it comes back down to the first line with a reason; the history shows the reasons to support only', async () => {
    const { request } = await submitOkonomi();
    await handOver(ADELE, ARKIV_CHANNEL, request.id, { target: 'fagspesialist', reason: REASON });
    await outboxSent(bot);
    bot.connector.clear();
    const toVendor = asCard(await handOver(PATTI, SPECIALIST_CHANNEL, request.id, { target: 'leverandor', reason: 'Feil i integrasjonen; leverandøren må rette.' }));
    expect(cardLines(toVendor)).toContain('✔ Henvendelsen er sendt til leverandørkontaktene.');
    const [vendorCard] = await bot.connector.waitFor(isCard(VENDOR_CHANNEL));
    expect(verbs(cardOf(vendorCard!))).toEqual(expect.arrayContaining(['support.vendorReference', 'support.handover']));

    const empty = asCard(await desk.click('support.vendorReference', { ...(await desk.current(request.id)).data, reference: '   ' }, desk.inChannel(HENRIK, VENDOR_CHANNEL)));
    expect(cardLines(empty)).toContain('⚠ Referansen var tom. Skriv den og lagre igjen. Ingenting er endret.');
    const tooLong = asCard(await desk.click('support.vendorReference', { ...(await desk.current(request.id)).data, reference: 'X'.repeat(101) }, desk.inChannel(HENRIK, VENDOR_CHANNEL)));
    expect(cardLines(tooLong)).toContain('⚠ Referansen er for lang (høyst 100 tegn). Ingenting er endret.');
    expect((await desk.current(request.id)).request).toMatchObject({ status: 'under_behandling', vendorReference: null });

    // What the hand-over to the vendor sent has gone: the next message to Alex is about the reference.
    await outboxSent(bot);
    bot.connector.clear();
    const recorded = asCard(await desk.click('support.vendorReference', { ...(await desk.current(request.id)).data, reference: '  SR-4711  ' }, desk.inChannel(HENRIK, VENDOR_CHANNEL)));
    expect(cardLines(recorded)).toEqual(expect.arrayContaining(['✔ Leverandørens referanse er lagret.', 'Leverandørens referanse: SR-4711', 'Status: Hos leverandør']));
    expect((await desk.current(request.id)).request).toMatchObject({ status: 'hos_leverandor', vendorReference: 'SR-4711', line: 'leverandor' });
    const [told] = await bot.connector.waitFor(toAlex);
    expect(cardLines(cardOf(told!))).toEqual(expect.arrayContaining(['Ny status: **Hos leverandør**', 'Feilen er meldt til leverandøren av systemet, med referanse SR-4711.']));

    await outboxSent(bot);
    bot.connector.clear();
    const back = asCard(await handOver(HENRIK, VENDOR_CHANNEL, request.id, { target: 'forstelinje', reason: 'Leverandøren har rettet feilen; arkivet avslutter.' }));
    expect(cardLines(back)).toContain('✔ Henvendelsen er sendt til førstelinjen (arkivet).');
    expect((await desk.current(request.id)).request).toMatchObject({ line: 'forstelinje', status: 'under_behandling', assigneeId: null });
    const events = await handedOverEvents(request.id);
    expect(events.map((event) => (event.data as { direction: string }).direction)).toEqual(['up', 'up', 'down']);
    // The first line's card takes actions again; its thread says it came down.
    const updates = await bot.connector.waitFor((activity) => activity.conversationId.startsWith(ARKIV_CHANNEL) && activity.method === 'PUT');
    expect(verbs(cardOf(updates.at(-1)!))).toContain('support.take');
    const [line] = await bot.connector.waitFor((activity) => isThreadLine(ARKIV_CHANNEL)(activity) && String(activity.body.text).includes('Deeskalert'));
    expect(line!.body.text).toBe(`${request.number}: Deeskalert til førstelinjen (arkivet) av Henrik Solberg\n\nLeverandøren har rettet feilen; arkivet avslutter.`);

    // The history: support reads the reasons, the requester sees the moves without them.
    const forSupport = cardLines(asCard(await desk.click('support.request.show', { requestId: request.id }, desk.personal(ADELE)))).join('\n');
    expect(forSupport).toContain(REASON);
    expect(forSupport).toContain('Leverandøren har rettet feilen; arkivet avslutter.');
    expect(forSupport).toContain('Meldt til leverandør av Henrik Solberg');
    const forRequester = cardLines(asCard(await desk.click('support.request.show', { requestId: request.id }, desk.personal(ALEX)))).join('\n');
    expect(forRequester).toContain('Sendt videre til Fagspesialist (andrelinjen) av Adele Vance');
    expect(forRequester).toContain('Sendt videre til Leverandøren av Patti Fernandez');
    expect(forRequester).not.toContain(REASON);
    expect(forRequester).not.toContain('leverandøren må rette');
  });

  it('the system administrator answers the requester directly from their channel', async () => {
    const { request } = await submitOkonomi();
    await handOver(ADELE, ARKIV_CHANNEL, request.id, { target: 'systemadministrator', reason: 'Rettighetene må endres i systemoppsettet.' });
    expect((await desk.current(request.id)).request).toMatchObject({ line: 'systemadministrator', status: 'under_behandling' });
    // The hand-over's own notice to Alex is sent first; the reply is what comes after it.
    await outboxSent(bot);
    bot.connector.clear();
    const replied = asCard(await desk.click('support.reply', { ...(await desk.current(request.id)).data, reply: 'Du har fått rettigheten nå. Logg inn på nytt.' }, desk.inChannel(SIGRID, SYSADMIN_CHANNEL)));
    expect(cardLines(replied)).toContain('✔ Svaret er sendt til innmelder.');
    expect(await desk.prisma().supportEvent.count({ where: { requestId: request.id, kind: 'reply_to_requester', actor: { name: 'Sigrid Dahl' } } })).toBe(1);
    const [reply] = await bot.connector.waitFor(toAlex);
    expect(cardLines(cardOf(reply!)).join('\n')).toContain('Du har fått rettigheten nå. Logg inn på nytt.');
    expect(cardLines(cardOf(reply!)).join('\n')).toContain('Sigrid Dahl');
  });

  it('to the process adviser of the requester’s unit: Alex’s Økonomiavdelingen goes to Patti, in the first line’s channel (the advisers have none of their own)', async () => {
    const { request } = await submitOkonomi();
    const oko = await desk.prisma().unit.findUniqueOrThrow({ where: { code: 'OKO' } });
    const answer = asCard(await handOver(ADELE, ARKIV_CHANNEL, request.id, { target: 'prosessradgiver', reason: 'Rutinespørsmål for enheten.' }));
    expect(cardLines(answer)).toContain('✔ Henvendelsen er sendt til prosessrådgiverne for Økonomiavdelingen.');
    expect((await desk.current(request.id)).request).toMatchObject({ line: 'prosessradgiver', lineUnitId: oko.id });
    // The card stays in the first line's channel (findQueueChannel's fallback), with its actions, for the advisers.
    expect(verbs(answer)).toContain('support.take');
    expect(await desk.prisma().supportChannelCard.count({ where: { requestId: request.id } })).toBe(1);
    expect(await desk.click('support.take', (await desk.current(request.id)).data, desk.inChannel(ADELE))).toBe('Du har ikke tilgang til å gjøre dette. Ingenting er endret.');
    const taken = asCard(await desk.click('support.take', (await desk.current(request.id)).data, desk.inChannel(PATTI)));
    expect(cardLines(taken)).toContain('Behandles av: Patti Fernandez');
  });

  it('refused in words, nothing changed: no reason, a unit with no process adviser above it, a subject area without a specialist, the place it is already', async () => {
    const { request } = await submitOkonomi();
    const before = (await desk.current(request.id)).request;
    const refusal = async (user: typeof ADELE, requestId: string, fields: Record<string, unknown>) => cardLines(asCard(await handOver(user, ARKIV_CHANNEL, requestId, fields)));

    expect(await refusal(ADELE, request.id, { target: 'fagspesialist', reason: '   ' })).toContain('⚠ Skriv en begrunnelse før du sender henvendelsen. Ingenting er endret.');
    const lonely = await desk.prisma().subjectArea.create({ data: { code: 'ARKIVPLAN', name: 'Arkivplan' } });
    expect(await refusal(ADELE, request.id, { target: 'fagspesialist', subjectAreaId: lonely.id, reason: REASON })).toContain('⚠ Saksområdet Arkivplan har ingen fagspesialist. Ingenting er endret.');
    expect(await refusal(ADELE, request.id, { target: 'forstelinje', reason: REASON })).toContain('⚠ Henvendelsen er allerede hos førstelinjen (arkivet). Ingenting er endret.');
    expect(await refusal(ADELE, request.id, { target: 'it', reason: REASON })).toContain(
      '⚠ E-post til IT er ikke satt opp (SMTP_URL, SUPPORT_FROM_ADDRESS og IT_SUPPORT_ADDRESS). Henvendelsen er ikke sendt til IT; ingenting er endret.',
    );
    expect((await desk.current(request.id)).request).toMatchObject({ version: before.version, line: 'forstelinje', status: before.status });
    expect(await handedOverEvents(request.id)).toEqual([]);
    expect(await desk.prisma().emailOutbox.count()).toBe(0);

    // Adele's own henvendelse: Dokumentsenteret and the municipality above it have no process adviser.
    await outboxSent(bot);
    const own = await desk.submit({ requester: ADELE, answers: { ...ANSWERS, subjectAreaId: okonomi } });
    expect(await refusal(PATTI, own.request.id, { target: 'prosessradgiver', reason: REASON })).toContain(
      '⚠ Verken innmelders enhet eller enhetene over den har en prosessrådgiver. Ingenting er endret.',
    );
    expect((await desk.current(own.request.id)).request).toMatchObject({ version: own.request.version, line: 'forstelinje' });
  });

  it('a hand-over from a stale card changes nothing and shows the henvendelse as it is now', async () => {
    const { request, data } = await submitOkonomi();
    await desk.click('support.take', data, desk.inChannel(ADELE));
    const answer = asCard(await desk.click('support.handover', { ...data, target: 'fagspesialist', reason: REASON }, desk.inChannel(ADELE)));
    expect(cardLines(answer)).toEqual(expect.arrayContaining(['⚠ Kortet var eldre enn henvendelsen. Slik er den nå; ingenting er endret.', 'Behandles av: Adele Vance']));
    expect((await desk.current(request.id)).request).toMatchObject({ line: 'forstelinje', version: request.version + 1 });
    expect(await handedOverEvents(request.id)).toEqual([]);
  });
});

describe('handing a henvendelse over to IT by e-mail (/api/messages, a real SMTP server)', () => {
  let bot: TestBot;
  let smtp: TestSmtpServer;
  let desk: ReturnType<typeof supportDesk>;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    bot = await startTestBot({ SMTP_URL: smtp.url, SUPPORT_FROM_ADDRESS: FROM, IT_SUPPORT_ADDRESS: IT });
    desk = supportDesk(bot);
    await desk.bindQueue('koble kø førstelinje', ADELE);
  });
  afterAll(async () => {
    await bot?.stop();
    await smtp?.close();
  });

  it('sends one e-mail to IT with the requester in copy, naming them in full with the number, text and reference; «Hos IT» until «Registrer svar fra IT» brings it back to the first line', async () => {
    const { request } = await desk.submit();
    bot.connector.clear();
    const reason = 'Innloggingen feiler; IT forvalter tilgangene.';
    const answer = asCard(await desk.click('support.handover', { ...(await desk.current(request.id)).data, target: 'it', reason }, desk.inChannel(ADELE)));
    expect(cardLines(answer)).toEqual(expect.arrayContaining(['✔ Henvendelsen er sendt til IT (arkivet følger opp).', 'Status: Hos IT']));
    // The archive follows it from the first line's channel: only IT's answer and the others, no hand-over.
    expect(verbs(answer)).toContain('support.itAnswer');
    expect(verbs(answer)).not.toContain('support.handover');
    expect((await desk.current(request.id)).request).toMatchObject({ line: 'it', status: 'hos_it', assigneeId: null });

    const [mail] = await smtp.waitFor(1);
    expect(mail!.envelope).toEqual({ from: FROM, to: [IT, 'alex.wilber@eksempel.kommune.no'] });
    expect(mail!.parsed.subject).toBe(`[${request.number}] Henvendelse til IT fra arkivet`);
    const text = mail!.parsed.text ?? '';
    expect(text).toContain('Gjelder: Alex Wilber (alex.wilber@eksempel.kommune.no)');
    expect(text).toContain(`Henvendelse: ${request.number}`);
    expect(text).toContain(ANSWERS.what);
    expect(text).toContain('Referanse i sak-/arkivsystemet: 2026/1234-3');
    expect(text).toContain(reason);
    const [told] = await bot.connector.waitFor(toAlex);
    expect(cardLines(cardOf(told!))).toEqual(expect.arrayContaining(['Ny status: **Hos IT**', 'Henvendelsen din er sendt videre til IT (arkivet følger opp). Du hører fra oss der.']));

    const empty = asCard(await desk.click('support.itAnswer', { ...(await desk.current(request.id)).data, answer: ' ' }, desk.inChannel(ADELE)));
    expect(cardLines(empty)).toContain('⚠ Svaret var tomt. Skriv det og lagre igjen. Ingenting er endret.');
    const back = asCard(await desk.click('support.itAnswer', { ...(await desk.current(request.id)).data, answer: 'Tilgangen er gitt i Entra-gruppen.' }, desk.inChannel(ADELE)));
    expect(cardLines(back)).toContain('✔ Svaret fra IT er lagret, og henvendelsen er tilbake hos førstelinjen.');
    expect((await desk.current(request.id)).request).toMatchObject({ line: 'forstelinje', status: 'under_behandling' });
    expect(await desk.prisma().supportEvent.count({ where: { requestId: request.id, kind: 'it_answer', text: 'Tilgangen er gitt i Entra-gruppen.' } })).toBe(1);
    // Still one e-mail.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.messages).toHaveLength(1);
    expect(await desk.prisma().emailOutbox.count()).toBe(1);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { messageActivity, type ActivityOptions, type TestMessagePayload } from '../support/activities.js';
import { htmlToText, readTeamsMessage } from '../../domain/support/teams-message.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import {
  ADELE,
  ALEX,
  ARKIV_CHANNEL,
  STRANGER,
  actionWithVerb,
  allActions,
  cardLines,
  cardOf,
  inputs,
  isIntakeCard,
  messageActions,
  supportDesk,
  type Card,
} from '../support/support-desk.js';

const LINK = 'https://teams.microsoft.com/l/message/19:plan@thread.tacv2/1732612345678?tenantId=72f988bf-86f1-41af-91ab-2d7cd011db47&parentMessageId=1732612345678';
const QUESTION: TestMessagePayload = {
  id: '1732612345678',
  author: 'Megan Bowen',
  linkToMessage: LINK,
  html: '<p>Hei! Hvordan <b>avskriver</b> jeg journalposten &laquo;Søknad&raquo; i sak 2026/1234?</p><p>Den står fortsatt på &lt;restanselisten&gt; &amp; må bort.</p>',
};
const DOCUMENT: TestMessagePayload = {
  id: '1732612399999',
  author: 'Megan Bowen',
  linkToMessage: LINK.replace('1732612345678', '1732612399999'),
  html: '<div>Klagen fra naboen kom til meg&nbsp;på e-post. Den må journalføres i sak 2026/1234.</div>',
  attachments: [
    { contentType: 'reference', contentUrl: 'https://nordby.sharepoint.com/sites/plan/Shared%20Documents/Klage.pdf', name: 'Klage.pdf' },
    { contentType: 'reference', contentUrl: 'https://nordby.sharepoint.com/sites/plan/Shared%20Documents/Kart.png', name: 'Kart.png' },
    { contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard' } },
    { contentType: 'reference', contentUrl: 'http://usikker.example.no/fil.pdf', name: 'fil.pdf' },
  ],
};
const MESSAGE_TEXT = 'Hei! Hvordan avskriver jeg journalposten «Søknad» i sak 2026/1234?\nDen står fortsatt på <restanselisten> & må bort.';

describe('message actions: «Opprett henvendelse» and «Send til journalføring» on a Teams message (/api/messages)', () => {
  let bot: TestBot;
  let desk: ReturnType<typeof supportDesk>;
  let actions: ReturnType<typeof messageActions>;
  const prisma = () => bot.arkivlos.database.prisma;
  /** Where the action is used: a group chat, so anything the turn itself sent there would show. */
  const GROUP_CHAT = '19:gruppechat-plan@thread.v2';
  const inGroupChat = (user = ALEX, locale = 'nb-NO'): ActivityOptions => ({ serviceUrl: bot.connector.url, user, locale, conversationType: 'groupChat', conversationId: GROUP_CHAT });
  const formKey = (card: Card) => allActions(card).find((action) => action.type === 'Action.Submit')!.data!.intakeKey as string;

  beforeAll(async () => {
    bot = await startTestBot({ LOG_LEVEL: 'warn' });
    desk = supportDesk(bot);
    actions = messageActions(bot);
    await desk.bindQueue('koble kø førstelinje', ADELE);
  });
  afterAll(async () => {
    await bot?.stop();
  });
  beforeEach(async () => {
    await prisma().outboxMessage.deleteMany();
    await prisma().supportRequest.deleteMany();
    bot.connector.clear();
  });

  it('«Opprett henvendelse» opens a form in the person’s language with the message as plain text, its author, and the intake’s questions without «Send til journalføring»', async () => {
    const card = actions.dialogCard(await actions.fetchTask('createRequest', QUESTION, inGroupChat(ALEX, 'nn-NO')));
    expect(card.speak).toBe('Opprett førespurnad av meldinga: vel kva det gjeld og kor mykje det hastar, og send.');
    const lines = cardLines(card);
    expect(lines[0]).toBe('Opprett førespurnad');
    expect(lines).toContain('Skriven av Megan Bowen');
    expect(lines).toContain(MESSAGE_TEXT);
    expect(inputs(card).map((input) => [input.id, input.label])).toEqual([
      ['note', 'Kva treng du hjelp med? (valfritt)'],
      ['category', 'Kva gjeld det?'],
      ['subjectAreaId', 'Fagområde'],
      ['reference', 'Saksnummer eller journalpostnummer, om det gjeld ei bestemd sak'],
      ['urgency', 'Kor mykje hastar det?'],
    ]);
    const category = inputs(card).find((input) => input.id === 'category')!;
    expect(category.value).toBe('faglig_sporsmal');
    expect(category.choices!.map((choice) => choice.value)).not.toContain('journalforing');
    expect(category.choices).toHaveLength(8);
    expect(formKey(card)).toMatch(/^[0-9a-f-]{36}$/);

    const english = actions.dialogCard(await actions.fetchTask('sendToArchive', DOCUMENT, inGroupChat(ALEX, 'en-US')));
    expect(cardLines(english)).toEqual(
      expect.arrayContaining(['Send for registration', 'Written by Megan Bowen', 'Klagen fra naboen kom til meg på e-post. Den må journalføres i sak 2026/1234.', 'Files included', 'Klage.pdf\nKart.png']),
    );
    expect(inputs(english).map((input) => input.id)).toEqual(['note', 'reference']);
    expect(await prisma().supportRequest.count()).toBe(0);
  });

  it('sending the form makes ONE henvendelse however often Teams sends it, answered with its number, and the first line’s channel card shows the message’s author and link', async () => {
    const card = actions.dialogCard(await actions.fetchTask('createRequest', QUESTION, inGroupChat()));
    const data = { intakeKey: formKey(card), note: 'Hjelp meg å svare Megan', category: 'bruk_av_systemet', urgency: 'hoy', reference: '2026/1234' };
    const answers = [];
    // A double click, and Teams retrying twice when it did not get the answer within 5 seconds.
    for (let i = 0; i < 3; i++) answers.push(actions.dialogMessage(await actions.submitAction('createRequest', QUESTION, data, inGroupChat())));
    answers.push(...(await Promise.all([1, 2].map(async () => actions.dialogMessage(await actions.submitAction('createRequest', QUESTION, data, inGroupChat()))))));

    const requests = await prisma().supportRequest.findMany();
    expect(requests).toHaveLength(1);
    const request = requests[0]!;
    expect(answers).toEqual(Array(5).fill(`Henvendelse ${request.number} er registrert med meldingen. Du får beskjed i chatten med Arkivlos når statusen endrer seg.`));
    expect(request).toMatchObject({
      what: `Hjelp meg å svare Megan\n\n${MESSAGE_TEXT}`,
      category: 'bruk_av_systemet',
      urgency: 'hoy',
      reference: '2026/1234',
      sourceMessageId: QUESTION.id,
      sourceMessageAuthor: 'Megan Bowen',
      sourceMessageLink: LINK,
      line: 'forstelinje',
    });
    expect(await prisma().supportEvent.count({ where: { requestId: request.id } })).toBe(1);
    expect(await prisma().auditEntry.count({ where: { action: 'support.request.submit', entityId: request.id } })).toBe(1);

    const [posted] = await bot.connector.waitFor((activity) => activity.conversationId.startsWith(ARKIV_CHANNEL) && activity.method === 'POST');
    const channelCard = cardOf(posted!);
    expect(cardLines(channelCard)).toEqual(expect.arrayContaining([`Henvendelse ${request.number}`, 'Innmelder: Alex Wilber', 'Fra melding i Teams av Megan Bowen']));
    expect(allActions(channelCard).find((action) => action.type === 'Action.OpenUrl')).toMatchObject({ title: 'Åpne meldingen i Teams', url: LINK });
    // Everything sent on its own went through the outbox; the turn itself sent nothing where the action was used.
    expect(bot.connector.sent.filter((activity) => activity.conversationId.startsWith(GROUP_CHAT))).toEqual([]);
    expect(await prisma().supportChannelCard.count({ where: { requestId: request.id } })).toBe(1);

    // The requester's own view of it says where it came from too.
    const history = await desk.clickCard('support.request.show', { requestId: request.id }, desk.personal(ALEX));
    expect(cardLines(history)).toContain('Fra melding i Teams av Megan Bowen');
    expect(allActions(history).some((action) => action.url === LINK)).toBe(true);
  });

  it('«Send til journalføring» keeps the message’s files on a henvendelse of the category «Send til journalføring», in the same transaction', async () => {
    const card = actions.dialogCard(await actions.fetchTask('sendToArchive', DOCUMENT, inGroupChat()));
    // A forged category in the data does not change what this action is.
    const data = { intakeKey: formKey(card), note: 'Klage i byggesaken', reference: '2026/1234', category: 'annet' };
    const answer = actions.dialogMessage(await actions.submitAction('sendToArchive', DOCUMENT, data, inGroupChat()));
    actions.dialogMessage(await actions.submitAction('sendToArchive', DOCUMENT, data, inGroupChat()));

    const request = await prisma().supportRequest.findFirstOrThrow({ include: { attachments: { orderBy: { name: 'asc' } }, events: { orderBy: { id: 'asc' } } } });
    expect(answer).toBe(`Henvendelse ${request.number} er sendt til arkivet for journalføring. Du får beskjed i chatten med Arkivlos når statusen endrer seg.`);
    expect(request).toMatchObject({ category: 'journalforing', reference: '2026/1234', sourceMessageAuthor: 'Megan Bowen', sourceMessageId: DOCUMENT.id });
    expect(request.what).toBe('Klage i byggesaken\n\nKlagen fra naboen kom til meg på e-post. Den må journalføres i sak 2026/1234.');
    // The card and the link that is not https are not files.
    expect(request.attachments.map((file) => [file.name, file.contentType, file.link, file.source])).toEqual([
      ['Kart.png', 'reference', 'https://nordby.sharepoint.com/sites/plan/Shared%20Documents/Kart.png', 'message_action'],
      ['Klage.pdf', 'reference', 'https://nordby.sharepoint.com/sites/plan/Shared%20Documents/Klage.pdf', 'message_action'],
    ]);
    expect(request.events.map((event) => [event.kind, event.text])).toEqual([
      ['created', null],
      ['file_added', 'Klage.pdf\nKart.png'],
    ]);
    expect(await prisma().supportRequest.count()).toBe(1);

    const [posted] = await bot.connector.waitFor((activity) => activity.conversationId.startsWith(ARKIV_CHANNEL) && activity.method === 'POST' && activity.body.attachments !== undefined);
    expect(cardLines(cardOf(posted!))).toEqual(expect.arrayContaining(['Gjelder: Send til journalføring', 'Fra melding i Teams av Megan Bowen']));
    // The files are told in the card's thread, where support follows the henvendelse.
    const [thread] = await bot.connector.waitFor((activity) => activity.conversationId.startsWith(ARKIV_CHANNEL) && activity.method === 'POST' && activity.body.text !== undefined);
    expect(thread!.body.text).toBe(`${request.number}: Fil lagt til av Alex Wilber\n\nKlage.pdf\nKart.png`);
  });

  it('someone the organisation does not know is told so in the dialog, and nothing is made', async () => {
    const unknown = 'Du er ikke registrert som aktiv i organisasjonen til Arkivlos. Ingenting er endret. Ta kontakt med arkivet hvis dette er feil.';
    expect(actions.dialogMessage(await actions.fetchTask('createRequest', QUESTION, inGroupChat(STRANGER)))).toBe(unknown);
    const data = { intakeKey: '0b5f1c2e-7d4a-4c1b-9e3f-000000000001', category: 'annet', urgency: 'normal' };
    expect(actions.dialogMessage(await actions.submitAction('sendToArchive', DOCUMENT, data, inGroupChat(STRANGER)))).toBe(unknown);
    expect(await prisma().supportRequest.count()).toBe(0);
  });

  it('an invalid reference brings the form back with the problem named and the answers kept, and nothing is made until it is corrected', async () => {
    const card = actions.dialogCard(await actions.fetchTask('createRequest', QUESTION, inGroupChat()));
    const data = { intakeKey: formKey(card), note: 'Haster', category: 'feilmelding', urgency: 'kritisk', reference: '1234' };
    const again = actions.dialogCard(await actions.submitAction('createRequest', QUESTION, data, inGroupChat()));
    expect(await prisma().supportRequest.count()).toBe(0);
    expect(again.speak).toBe('Ingenting er sendt. Rett feltene som er nevnt øverst, og send igjen.');
    expect(cardLines(again)).toEqual(
      expect.arrayContaining(['⚠ Ingenting er sendt. Rett dette, og send igjen:', '- «Saksnummer eller journalpostnummer, hvis det gjelder en bestemt sak»: skriv saksnummeret som 2026/1234, eller journalpostnummeret som 2026/1234-3.', MESSAGE_TEXT]),
    );
    expect(Object.fromEntries(inputs(again).map((input) => [input.id, input.value]))).toMatchObject({ note: 'Haster', category: 'feilmelding', urgency: 'kritisk', reference: '1234' });
    expect(formKey(again)).toBe(data.intakeKey);

    // «Send til journalføring» is never a category «Opprett henvendelse» accepts.
    const forged = actions.dialogCard(await actions.submitAction('createRequest', QUESTION, { ...data, reference: '', category: 'journalforing' }, inGroupChat()));
    expect(cardLines(forged)).toContain('- «Hva gjelder det?»: dette valget kjenner jeg ikke. Velg på nytt.');
    expect(await prisma().supportRequest.count()).toBe(0);

    expect(actions.dialogMessage(await actions.submitAction('createRequest', QUESTION, { ...data, reference: '2026/1234-3' }, inGroupChat()))).toMatch(/^Henvendelse BS-\d{4}-\d{5} er registrert/);
    expect(await prisma().supportRequest.findFirstOrThrow()).toMatchObject({ reference: '2026/1234-3', category: 'feilmelding', urgency: 'kritisk' });
  });

  it('a message with no text needs a note of one’s own: the form says so, and nothing is made', async () => {
    const empty = { ...QUESTION, id: '1732612300000', html: '<p>&nbsp;</p>' };
    const card = actions.dialogCard(await actions.fetchTask('createRequest', empty, inGroupChat()));
    expect(cardLines(card)).toContain('Meldingen har ingen tekst.');
    const again = actions.dialogCard(await actions.submitAction('createRequest', empty, { intakeKey: formKey(card), category: 'annet', urgency: 'normal' }, inGroupChat()));
    expect(cardLines(again)).toContain('- Meldingen har ingen tekst: skriv hva det gjelder.');
    expect(await prisma().supportRequest.count()).toBe(0);
    expect(actions.dialogMessage(await actions.submitAction('createRequest', empty, { intakeKey: formKey(card), category: 'annet', urgency: 'normal', note: 'Se bildet Megan sendte' }, inGroupChat()))).toMatch(/^Henvendelse BS-/);
    expect((await prisma().supportRequest.findFirstOrThrow()).what).toBe('Se bildet Megan sendte');
  });

  it('a form without Arkivlos’s own key is refused in words in the dialog, and nothing is made', async () => {
    const answer = actions.dialogMessage(await actions.submitAction('createRequest', QUESTION, { intakeKey: 'not-a-key', category: 'annet', urgency: 'normal' }, inGroupChat()));
    expect(answer).toMatch(/\S/);
    expect(answer).not.toMatch(/intake key|not-a-key/);
    expect(await prisma().supportRequest.count()).toBe(0);
  });

  it('the intake card does not offer «Send til journalføring», and refuses it when forged', async () => {
    bot.connector.clear();
    await bot.post(messageActivity('ny henvendelse', desk.personal(ALEX)));
    const [intake] = await bot.connector.waitFor(isIntakeCard);
    const card = cardOf(intake!);
    expect(inputs(card).find((input) => input.id === 'category')!.choices!.map((choice) => choice.value)).not.toContain('journalforing');
    const submit = actionWithVerb(card, 'support.intake.submit');
    const again = await desk.clickCard('support.intake.submit', { ...submit.data, what: 'Arkiver dette', category: 'journalforing', urgency: 'normal' }, desk.personal(ALEX));
    expect(cardLines(again)).toContain('- «Hva gjelder det?»: dette valget kjenner jeg ikke. Velg på nytt.');
    expect(await prisma().supportRequest.count()).toBe(0);
  });
});

describe('reading the Teams message a message action was used on', () => {
  it('turns its HTML into plain lines: paragraphs, breaks and list items as lines, images as their alt text, entities decoded, scripts dropped', () => {
    const html =
      '<div><p>Hei&nbsp;alle,</p><p>se <a href="https://x.no">saken</a>&#33;<br>Linje&nbsp;to &#x2013; ferdig</p>' +
      '<ul><li>én</li><li>to &amp; tre</li></ul><img src="https://x/1.png" alt="Skjermbilde av feilen"><script>alert(1)</script>' +
      '<p>   </p><p>&AElig;&oslash;&aring; &laquo;sitat&raquo; &bogus;</p></div>';
    expect(htmlToText(html)).toBe('Hei alle,\nse saken!\nLinje to – ferdig\n\n- én\n- to & tre\n[Skjermbilde av feilen]\nÆøå «sitat» &bogus;');
  });

  it('keeps an https link, the author (a person or an app) and files with a name and an https link, and nothing from a payload of the wrong shape', () => {
    const message = readTeamsMessage({
      id: '17',
      body: { contentType: 'text', content: '  bare tekst <b>ikke html</b> ' },
      from: { user: null, application: { displayName: 'Skjemaappen' } },
      linkToMessage: 'javascript:alert(1)',
      attachments: [
        { contentType: 'reference', contentUrl: 'https://a.sharepoint.com/x.pdf', name: ' x.pdf ' },
        { contentType: 'reference', contentUrl: 'https://a.sharepoint.com/uten-navn.pdf' },
        { contentType: 'messageReference', contentUrl: 'https://teams.microsoft.com/l/message/1', name: 'svar' },
      ],
    });
    expect(message).toEqual({
      id: '17',
      text: 'bare tekst <b>ikke html</b>',
      author: 'Skjemaappen',
      link: null,
      files: [{ name: 'x.pdf', contentType: 'reference', link: 'https://a.sharepoint.com/x.pdf', content: null, sizeBytes: null }],
    });
    expect(readTeamsMessage('not a message')).toEqual({ id: null, text: '', author: null, link: null, files: [] });
    expect(readTeamsMessage({ body: { content: 42 } })).toEqual({ id: null, text: '', author: null, link: null, files: [] });
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chooseLanguage } from '../../domain/people/choose-language.js';
import { osloYear } from '../../domain/support/request-number.js';
import { actionExecuteActivity, messageActivity, type ActivityOptions, type TestUser } from '../support/activities.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { outboxSent } from '../support/support-desk.js';

const ALEX = { aadObjectId: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber' }; // saksbehandler
const MEGAN = { aadObjectId: '00000000-0000-0000-0000-0000000000021', name: 'Megan Bowen' }; // leder, no roles of her own
const ADELE = { aadObjectId: '00000000-0000-0000-0000-0000000000022', name: 'Adele Vance' }; // arkivet
const STRANGER = { aadObjectId: '9a1c2b3d-0000-4000-8000-00000000dead', name: 'Ukjent' };

type Element = {
  type: string;
  id?: string;
  text?: string;
  value?: string;
  inlines?: { text: string }[];
  facts?: { title: string; value: string }[];
  choices?: { title: string; value: string }[];
  items?: Element[];
  actions?: Action[];
};
type Action = { type: string; title: string; verb?: string; data?: Record<string, unknown>; card?: { body: Element[]; actions: Action[] } };
type Card = { speak: string; body: Element[]; actions?: Action[] };

/** Every element of a card, nested ones too, in order. */
const elements = (list: Element[]): Element[] => list.flatMap((element) => [element, ...elements(element.items ?? [])]);
/** Everything a reader sees on the card, one line per text block, rich text or fact. */
const cardLines = (card: Card) =>
  elements(card.body).flatMap((element) =>
    element.facts
      ? element.facts.map((fact) => `${fact.title}: ${fact.value}`)
      : element.inlines
        ? [element.inlines.map((inline) => inline.text).join('')]
        : element.text !== undefined
          ? element.text.split('\r')
          : [],
  );
const inputs = (card: Card) => elements(card.body).filter((element) => element.type.startsWith('Input.'));
const actionsOf = (card: Card): Action[] => [...elements(card.body).flatMap((element) => element.actions ?? []), ...(card.actions ?? [])];
const action = (card: Card, verb: string) => {
  const found = actionsOf(card).flatMap((candidate) => [candidate, ...(candidate.card?.actions ?? [])]).find((candidate) => candidate.verb === verb);
  if (!found) throw new Error(`no ${verb} on the card: ${JSON.stringify(actionsOf(card).map((a) => a.verb ?? a.title))}`);
  return found;
};

describe('henvendelser over HTTP (/api/messages)', () => {
  let bot: TestBot;
  const prisma = () => bot.arkivlos.database.prisma;
  const year = osloYear(new Date());
  const as = (user: TestUser, extra: Partial<ActivityOptions> = {}): ActivityOptions => ({ serviceUrl: bot.connector.url, user, ...extra });

  /** The one answer the bot sends to a message: a card, or a text. */
  const say = async (text: string, options: ActivityOptions) => {
    bot.connector.clear();
    expect((await bot.post(messageActivity(text, options))).status).toBe(200);
    const [reply] = await bot.connector.waitFor((activity) => activity.body.type === 'message');
    return { card: reply!.body.attachments?.[0]?.content as unknown as Card | undefined, text: reply!.body.text };
  };
  /** A card action: the card that replaces the one clicked, or the sentence the card shows instead. */
  const click = async (verb: string, data: Record<string, unknown>, options: ActivityOptions): Promise<Card | string> => {
    const response = await bot.post(actionExecuteActivity(verb, data, options));
    expect(response.status).toBe(200);
    return (response.body as { value: Card | string }).value;
  };
  const clickCard = async (verb: string, data: Record<string, unknown>, options: ActivityOptions) => {
    const answer = await click(verb, data, options);
    if (typeof answer === 'string') throw new Error(`expected a card, got: ${answer}`);
    return answer;
  };
  /** What Teams sends when the person fills in the intake card and presses «Send henvendelsen». */
  const filledIn = (card: Card, answers: Record<string, string>) => ({ ...action(card, 'support.intake.submit').data, ...answers });
  const ANSWERS = { what: 'Flytte journalpost 2026/1234-3 til sak 2026/1240', who: 'Arkivet', result: 'Journalposten ligger i riktig sak', category: 'flytte_kopiere_rette', urgency: 'hoy', reference: '2026/1234-3' };
  const submitNew = async (user: TestUser, answers: Record<string, string> = ANSWERS, extra: Partial<ActivityOptions> = {}) => {
    const { card } = await say('ny henvendelse', as(user, extra));
    return clickCard('support.intake.submit', filledIn(card!, answers), as(user, extra));
  };
  const requests = () => prisma().supportRequest.findMany({ orderBy: { sequence: 'asc' } });

  beforeAll(async () => {
    bot = await startTestBot({ LOG_LEVEL: 'info' });
  });
  afterAll(async () => {
    await bot?.stop();
  });
  beforeEach(async () => {
    // What the last test enqueued (the requester's status cards) is sent first: a send in flight would reach this test's waits.
    await outboxSent(bot, 15_000);
    await prisma().outboxMessage.deleteMany();
    await prisma().supportRequest.deleteMany();
    await prisma().supportNumberCounter.deleteMany();
    await prisma().person.updateMany({ data: { chosenLocale: null } });
  });

  it('ny henvendelse gives the intake card: the three questions, category, subject area, reference and urgency, each labelled', async () => {
    const { card } = await say('ny henvendelse', as(ALEX));
    expect(cardLines(card!)[0]).toBe('Ny henvendelse');
    expect(inputs(card!).map((input) => [input.id, (input as { label?: string }).label])).toEqual([
      ['what', 'Hva skal utføres?'],
      ['who', 'Hvem skal utføre det?'],
      ['result', 'Hva skal sluttresultatet være?'],
      ['category', 'Hva gjelder det?'],
      ['subjectAreaId', 'Fagområde'],
      ['reference', 'Saksnummer eller journalpostnummer, hvis det gjelder en bestemt sak'],
      ['urgency', 'Hvor mye haster det?'],
    ]);
    const byId: Record<string, Element> = Object.fromEntries(inputs(card!).map((input) => [input.id!, input] as const));
    expect(byId.category!.choices!.map((choice) => choice.title)).toEqual([
      'Bruk av sak-/arkivsystemet',
      'Faglig spørsmål',
      'Feilmelding',
      'Tilgang',
      'Flytte, kopiere eller rette journalpost',
      'Journalpost skal utgå',
      'Er dette arkivverdig?',
      'Annet',
    ]);
    expect(byId.subjectAreaId!.choices!.map((choice) => choice.title)).toEqual(['Bruk av sak-/arkivsystemet', 'Oppvekst og skole', 'Personal', 'Plan og bygg', 'Økonomi']);
    expect(byId.urgency!.choices!.map((choice) => choice.title)).toEqual(['Kan vente', 'Normal', 'Haster', 'Kritisk – jeg får ikke arbeidet']);
    expect(byId.urgency!.value).toBe('normal');
    expect(byId.reference).toMatchObject({ placeholder: '2026/1234-3', regex: '^\\d{4}/\\d{1,7}(-\\d{1,5})?$' });
    expect(cardLines(card!)).toContain('Gjelder det en feilmelding? Beskriv feilmeldingen nøyaktig (teksten i meldingen) under «Hva skal utføres?».');
    expect(action(card!, 'support.intake.submit').data).toEqual({ intakeKey: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });

  it('submitting turns the card into the confirmation with the number BS-<year>-00001, in place', async () => {
    const confirmation = await submitNew(ALEX);
    expect(cardLines(confirmation)).toEqual(
      expect.arrayContaining([
        'Henvendelsen er registrert',
        `✔ Henvendelse BS-${year}-00001 er registrert.`,
        `Nummer: BS-${year}-00001`,
        'Status: Ny',
        'Gjelder: Flytte, kopiere eller rette journalpost',
        'Hvor mye det haster: Haster',
        'Saks-/journalpostnummer: 2026/1234-3',
        'Flytte journalpost 2026/1234-3 til sak 2026/1240',
      ]),
    );
    expect(confirmation.speak).toBe(`Henvendelsen er registrert med nummer BS-${year}-00001. Du får beskjed her i chatten når statusen endrer seg.`);
    const [stored] = await requests();
    expect(stored).toMatchObject({ number: `BS-${year}-00001`, what: ANSWERS.what, urgency: 'hoy', status: 'ny', line: 'forstelinje' });
    expect(action(confirmation, 'support.request.show').data).toEqual({ requestId: stored!.id });
  });

  it('the same card submitted twice (a double click, Teams retrying) gives the same number and stores one henvendelse', async () => {
    const { card } = await say('ny henvendelse', as(ALEX));
    const data = filledIn(card!, ANSWERS);
    const [first, second] = await Promise.all([clickCard('support.intake.submit', data, as(ALEX)), clickCard('support.intake.submit', data, as(ALEX))]);
    const third = await clickCard('support.intake.submit', data, as(ALEX));
    for (const confirmation of [first, second, third]) expect(cardLines(confirmation)).toContain(`Nummer: BS-${year}-00001`);
    expect(await requests()).toHaveLength(1);
  });

  it('a reference like 2026-1234 brings the card back with the problem named at the top and every answer kept, and nothing is stored', async () => {
    const { card } = await say('ny henvendelse', as(ALEX));
    const again = await clickCard('support.intake.submit', filledIn(card!, { ...ANSWERS, reference: '2026-1234' }), as(ALEX));
    expect(cardLines(again).slice(0, 3)).toEqual([
      'Ny henvendelse',
      '⚠ Henvendelsen er ikke sendt. Rett dette, og send igjen:',
      '- «Saksnummer eller journalpostnummer, hvis det gjelder en bestemt sak»: skriv saksnummeret som 2026/1234, eller journalpostnummeret som 2026/1234-3.',
    ]);
    expect(Object.fromEntries(inputs(again).map((input) => [input.id, input.value]))).toEqual({ ...ANSWERS, subjectAreaId: undefined, reference: '2026-1234' });
    // The same intake key: correcting and sending again is still this one henvendelse.
    expect(action(again, 'support.intake.submit').data).toEqual(action(card!, 'support.intake.submit').data);
    expect(await requests()).toHaveLength(0);

    const corrected = await clickCard('support.intake.submit', filledIn(again, { ...ANSWERS, reference: '2026/1234' }), as(ALEX));
    expect(cardLines(corrected)).toContain(`Nummer: BS-${year}-00001`);
    expect(await requests()).toMatchObject([{ reference: '2026/1234' }]);
  });

  it('without an answer to «Hva skal utføres?» the card comes back saying so; a card without its intake key is refused in words', async () => {
    const { card } = await say('ny henvendelse', as(ALEX));
    const again = await clickCard('support.intake.submit', filledIn(card!, { ...ANSWERS, what: '   ' }), as(ALEX));
    expect(cardLines(again)).toContain('- «Hva skal utføres?» må fylles ut.');
    expect(await click('support.intake.submit', { ...ANSWERS, intakeKey: 'forged' }, as(ALEX))).toBe('Dette kunne jeg ikke bruke. Ingenting er endret.');
    expect(await requests()).toHaveLength(0);
  });

  it('mine henvendelser lists the requester’s own, newest first, each with a button to its history', async () => {
    await submitNew(ALEX, { ...ANSWERS, what: 'Den første' });
    await submitNew(ALEX, { ...ANSWERS, what: 'Den andre\nmed en linje til' });
    await submitNew(ADELE, { ...ANSWERS, what: 'Adeles egen' });
    const { card } = await say('mine henvendelser', as(ALEX));
    const lines = cardLines(card!);
    expect(lines[0]).toBe('Mine henvendelser');
    expect(lines.filter((line) => line.startsWith('BS-'))).toEqual([`BS-${year}-00002 – Den andre`, `BS-${year}-00001 – Den første`]);
    expect(lines.filter((line) => line.startsWith('Status:'))).toEqual([expect.stringMatching(/^Status: Ny · sist endret /), expect.stringMatching(/^Status: Ny · sist endret /)]);
    const [, second] = await requests();
    expect(actionsOf(card!).filter((a) => a.verb === 'support.request.show').map((a) => [a.title, a.data])).toEqual([
      [`Vis BS-${year}-00002`, { requestId: second!.id }],
      [`Vis BS-${year}-00001`, expect.anything()],
    ]);
    expect(card!.speak).toBe('Mine henvendelser: 2 i alt.');
  });

  it('someone with no henvendelser is told so and offered a new one, which opens the intake card in place', async () => {
    const { card } = await say('mine henvendelser', as(MEGAN));
    expect(cardLines(card!)).toEqual(['Mine henvendelser', 'Du har ingen henvendelser ennå.', 'Trenger du hjelp? Lag en ny henvendelse.']);
    const intake = await clickCard(action(card!, 'support.intake.show').verb!, {}, as(MEGAN));
    expect(cardLines(intake)[0]).toBe('Ny henvendelse');
  });

  it('«Vis» shows the henvendelse with its history; another person’s (a forged id) is refused in words, and so is an unknown or malformed one', async () => {
    await submitNew(ALEX);
    const [request] = await requests();
    const card = await clickCard('support.request.show', { requestId: request!.id }, as(ALEX));
    const lines = cardLines(card);
    expect(lines[0]).toBe(`Henvendelse BS-${year}-00001`);
    expect(lines).toEqual(expect.arrayContaining(['Status: Ny', 'Hva skal utføres?', ANSWERS.what, 'Historikk', expect.stringMatching(/ · Registrert av deg$/)]));
    expect(action(card, 'support.request.close').data).toEqual({ requestId: request!.id, version: 1 });

    expect(await click('support.request.show', { requestId: request!.id }, as(MEGAN))).toBe('Du har ikke tilgang til å gjøre dette. Ingenting er endret.');
    expect(await click('support.request.show', { requestId: '7b0e6a4c-1d2f-4a3b-8c9d-0e1f2a3b4c5d' }, as(ALEX))).toBe('Det du ba om, finnes ikke lenger. Ingenting er endret.');
    expect(await click('support.request.show', { requestId: "' OR 1=1 --" }, as(ALEX))).toBe('Dette kunne jeg ikke bruke. Ingenting er endret.');
    // The first line sees it (as support, without the requester's «Lukk»).
    const archive = await clickCard('support.request.show', { requestId: request!.id }, as(ADELE));
    expect(cardLines(archive)).toEqual(expect.arrayContaining(['Innmelder: Alex Wilber', 'Ligger hos: Førstelinjen (arkivet)']));
    expect(actionsOf(archive)).toEqual([]);
  });

  it('the requester closes their henvendelse: status lukket, the event in the history, the card updated, and a notification through the outbox', async () => {
    await submitNew(ALEX);
    const [request] = await requests();
    const card = await clickCard('support.request.show', { requestId: request!.id }, as(ALEX));
    const closed = await clickCard('support.request.close', { ...action(card, 'support.request.close').data, reason: 'Fant svaret selv' }, as(ALEX));
    expect(cardLines(closed)).toEqual(expect.arrayContaining(['✔ Du har lukket henvendelsen.', 'Status: Lukket', expect.stringMatching(/ · Lukket av deg$/), 'Fant svaret selv']));
    expect(actionsOf(closed).map((a) => a.verb)).toEqual(['support.mine']); // no «Lukk» any more

    expect(await prisma().supportRequest.findUniqueOrThrow({ where: { id: request!.id } })).toMatchObject({ status: 'lukket', version: 2 });
    expect(await prisma().supportEvent.findMany({ where: { requestId: request!.id }, orderBy: { id: 'asc' } })).toMatchObject([{ kind: 'created' }, { kind: 'closed', text: 'Fant svaret selv' }]);
    expect(await prisma().auditEntry.count({ where: { entityId: request!.id, action: 'support.request.closed' } })).toBe(1);
    const [notification] = await bot.connector.waitFor((activity) => JSON.stringify(activity.body).includes('Ny status: **Lukket**'));
    expect(notification!.conversationId).toBe(`a:personal-${ALEX.aadObjectId}`);

    // The old card clicked again: nothing changes, and the card shows the henvendelse as it is now.
    const stale = await clickCard('support.request.close', { ...action(card, 'support.request.close').data }, as(ALEX));
    expect(cardLines(stale)).toEqual(expect.arrayContaining([expect.stringMatching(/^⚠ Henvendelsen er endret siden dette kortet ble vist/), 'Status: Lukket']));
    expect(await prisma().supportEvent.count({ where: { requestId: request!.id } })).toBe(2);
    expect(await prisma().outboxMessage.count()).toBe(1);
  });

  it('closing another person’s henvendelse (a forged id) is refused in words, and nothing changes', async () => {
    await submitNew(ALEX);
    const [request] = await requests();
    expect(await click('support.request.close', { requestId: request!.id, version: 1 }, as(ADELE))).toBe('Du har ikke tilgang til å gjøre dette. Ingenting er endret.');
    expect(await click('support.request.close', { requestId: request!.id, version: 'one' }, as(ALEX))).toBe('Dette kunne jeg ikke bruke. Ingenting er endret.');
    expect(await prisma().supportRequest.findUniqueOrThrow({ where: { id: request!.id } })).toMatchObject({ status: 'ny', version: 1 });
    expect(await prisma().outboxMessage.count()).toBe(0);
  });

  it('someone who chose nynorsk gets every card in nynorsk, and the notification too', async () => {
    await chooseLanguage(prisma(), { aadObjectId: ALEX.aadObjectId, locale: 'nn' });
    const { card } = await say('ny førespurnad', as(ALEX));
    expect(cardLines(card!)[0]).toBe('Ny førespurnad');
    expect(inputs(card!).map((input) => (input as { label?: string }).label).slice(0, 3)).toEqual(['Kva skal utførast?', 'Kven skal utføre det?', 'Kva skal sluttresultatet vere?']);
    const confirmation = await clickCard('support.intake.submit', filledIn(card!, ANSWERS), as(ALEX));
    expect(cardLines(confirmation)).toEqual(expect.arrayContaining(['Førespurnaden er registrert', `✔ Førespurnad BS-${year}-00001 er registrert.`, 'Kor mykje det hastar: Hastar']));
    const { card: list } = await say('mine førespurnader', as(ALEX));
    expect(cardLines(list!)[0]).toBe('Mine førespurnader');
    const [request] = await requests();
    const shown = await clickCard('support.request.show', { requestId: request!.id }, as(ALEX));
    await clickCard('support.request.close', action(shown, 'support.request.close').data!, as(ALEX));
    await bot.connector.waitFor((activity) => JSON.stringify(activity.body).includes('Ny status: **Lukka**'));
  });

  it('in English (Teams locale en-US) the words are English', async () => {
    const { card } = await say('new request', as(ALEX, { locale: 'en-US' }));
    expect(cardLines(card!)[0]).toBe('New request');
    const confirmation = await clickCard('support.intake.submit', filledIn(card!, ANSWERS), as(ALEX, { locale: 'en-US' }));
    expect(cardLines(confirmation)).toEqual(expect.arrayContaining(['Your request is registered', 'Urgency: Urgent', 'About: Move, copy or correct a registry entry']));
    const { card: list } = await say('my requests', as(ALEX, { locale: 'en-US' }));
    expect(cardLines(list!)).toEqual(expect.arrayContaining(['My requests', `BS-${year}-00001 – ${ANSWERS.what}`]));
  });

  it('someone the organisation does not know is refused with the «not registered» sentence, and nothing is stored', async () => {
    const notRegistered = 'Du er ikke registrert som aktiv i organisasjonen til Arkivlos. Ingenting er endret. Ta kontakt med arkivet hvis dette er feil.';
    expect((await say('ny henvendelse', as(STRANGER))).text).toBe(notRegistered);
    expect((await say('mine henvendelser', as(STRANGER))).text).toBe(notRegistered);
    expect(await click('support.intake.submit', { ...ANSWERS, intakeKey: '0f1e2d3c-4b5a-4968-8776-655443322110' }, as(STRANGER))).toBe(notRegistered);
    expect(await requests()).toHaveLength(0);
    // Their help card does not offer the commands either.
    const { card } = await say('hjelp', as(STRANGER));
    expect(cardLines(card!).join('\n')).not.toMatch(/henvendelse/);
  });

  it('in a group chat or channel, where everyone would see it, the bot points to the 1:1 chat and stores nothing', async () => {
    const group = { conversationType: 'groupChat' as const, conversationId: '19:gruppe@thread.v2' };
    expect((await say('ny henvendelse', as(ALEX, group))).text).toBe(
      '«ny henvendelse» virker bare i din personlige chat med Arkivlos, fordi henvendelser er personlige. Ingenting er endret.',
    );
    expect((await say('mine henvendelser', as(ALEX, { conversationType: 'channel', conversationId: '19:kanal@thread.skype' }))).text).toMatch(/^«mine henvendelser» virker bare/);
    expect(await click('support.intake.submit', { ...ANSWERS, intakeKey: '0f1e2d3c-4b5a-4968-8776-655443322110' }, as(ALEX, group))).toMatch(/^«ny henvendelse» virker bare/);
    expect(await requests()).toHaveLength(0);
  });

  it('the help card lists both commands with a button each, and the buttons open the cards', async () => {
    const { card } = await say('hjelp', as(ALEX));
    expect(cardLines(card!)).toEqual(
      expect.arrayContaining([
        'ny henvendelse: Be om hjelp: meld inn en henvendelse til brukerstøtten',
        'mine henvendelser: Se henvendelsene dine med historikk, og lukk en du ikke trenger lenger',
      ]),
    );
    expect(cardLines(await clickCard(action(card!, 'support.intake.show').verb!, {}, as(ALEX)))[0]).toBe('Ny henvendelse');
    expect(cardLines(await clickCard(action(card!, 'support.mine').verb!, {}, as(ALEX)))[0]).toBe('Mine henvendelser');
  });

  it('a question self-help did not solve goes on into the intake card in place of the self-help card, and the henvendelse keeps the search', async () => {
    const { card: selfHelp } = await say('Hvordan flytter jeg en journalpost?', as(ALEX));
    const query = await prisma().selfHelpQuery.findFirstOrThrow({ where: { aadObjectId: ALEX.aadObjectId }, orderBy: { createdAt: 'desc' } });
    const card = await clickCard('selfHelp.needsHelp', action(selfHelp!, 'selfHelp.needsHelp').data!, as(ALEX));
    expect(cardLines(card)).toContain('Spørsmålet fra søket ditt står allerede under «Hva skal utføres?». Legg gjerne til mer.');
    expect(inputs(card).find((input) => input.id === 'what')!.value).toBe('Hvordan flytter jeg en journalpost?');
    expect(action(card, 'support.intake.submit').data).toMatchObject({ selfHelpQueryId: query.id });
    await clickCard('support.intake.submit', filledIn(card, { what: 'Hvordan flytter jeg en journalpost?', category: 'bruk_av_systemet', urgency: 'normal' }), as(ALEX));
    expect(await requests()).toMatchObject([{ selfHelpQueryId: query.id, what: 'Hvordan flytter jeg en journalpost?', who: null, reference: null }]);
  });

  it('an intake card carrying another person’s self-help search is refused in words and stores nothing', async () => {
    await say('Hvordan avskriver jeg et brev?', as(ADELE));
    const adeles = await prisma().selfHelpQuery.findFirstOrThrow({ where: { aadObjectId: ADELE.aadObjectId } });
    const { card } = await say('ny henvendelse', as(ALEX));
    const answer = await click('support.intake.submit', { ...filledIn(card!, ANSWERS), selfHelpQueryId: adeles.id }, as(ALEX));
    expect(typeof answer).toBe('string');
    expect(await requests()).toEqual([]);
  });

  it('no henvendelse text reaches the log: only ids and numbers', async () => {
    await submitNew(ALEX, { ...ANSWERS, what: 'Hemmelig tekst om en ansatt' });
    expect(JSON.stringify(bot.logs)).not.toContain('Hemmelig tekst');
    expect(bot.logs.some((line) => line.msg === 'henvendelse submitted' && line.number === `BS-${year}-00001`)).toBe(true);
  });
});

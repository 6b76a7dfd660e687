import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSession } from '../../domain/qa/create-session.js';
import { messageActivity, type ActivityOptions, type TestUser } from '../support/activities.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { ALEX, ANSWERS, SIGRID, cardLines, cardOf, inputs, messageActions, supportDesk, verbs, type Card } from '../support/support-desk.js';

// Wednesday 28 October 2026, 12:00 in Oslo (CET since Sunday).
const BEFORE = new Date('2026-10-28T11:00:00Z');
// Thursday 29 October, 08:00 in Oslo: the rollout's first day, an hour before the spørretime.
const DURING = new Date('2026-10-29T07:00:00Z');
// Friday 30 October: still in the rollout, the only spørretime is over.
const DURING_NO_SESSION = new Date('2026-10-30T10:00:00Z');
// Friday 6 November, 23:30 in Oslo (22:30 UTC): still the rollout's last day.
const LAST_EVENING = new Date('2026-11-06T22:30:00Z');
// Saturday 7 November, 00:30 in Oslo: the day after.
const DAY_AFTER = new Date('2026-11-06T23:30:00Z');

const SESSION_TITLE = 'Spørretime – felles oppstart';
const ROLLOUT_TEXT = 'Vi tar i bruk nytt sak- og arkivsystem. Les veiledningen på intranettet.';
const MESSAGE = { id: '1730190000000', html: '<p>Hvor finner jeg malene i det nye systemet?</p>', author: 'Megan Bowen', linkToMessage: 'https://teams.microsoft.com/l/message/19:x/1730190000000' };

describe('rollout mode (innføring) over HTTP (/api/messages)', () => {
  let bot: TestBot;
  let now = BEFORE;
  let sessionId: string;
  const desk = () => supportDesk(bot);
  const prisma = () => bot.arkivlos.database.prisma;
  const personal = (user: TestUser): ActivityOptions => ({ serviceUrl: bot.connector.url, user });
  const requests = () => prisma().supportRequest.count();
  const stored = async () => {
    const row = await prisma().organisationSettings.findUniqueOrThrow({ where: { id: 1 } });
    return { from: row.rolloutFrom?.toISOString().slice(0, 10) ?? null, to: row.rolloutTo?.toISOString().slice(0, 10) ?? null, text: row.rolloutText };
  };

  const say = async (text: string, user: TestUser) => {
    bot.connector.clear();
    expect((await bot.post(messageActivity(text, personal(user)))).status).toBe(200);
    const [reply] = await bot.connector.waitFor((activity) => activity.body.type === 'message');
    return { card: reply!.body.attachments?.[0] ? cardOf(reply!) : undefined, text: reply!.body.text };
  };
  const sayCard = async (text: string, user: TestUser): Promise<Card> => {
    const { card, text: said } = await say(text, user);
    if (!card) throw new Error(`expected a card, got: ${said}`);
    return card;
  };
  const setRolloutAsSigrid = async () => {
    now = BEFORE;
    await sayCard(`innføring 29.10–6.11 ${ROLLOUT_TEXT}`, SIGRID);
  };
  const isRolloutCard = (card: Card) => cardLines(card).includes('Innføringsperiode');
  const nextSessionLine = `Neste spørretime: «${SESSION_TITLE}», torsdag 29. oktober, 09:00–10:00.`;

  beforeAll(async () => {
    bot = await startTestBot({}, { now: () => now });
    const moderator = await prisma().person.findUniqueOrThrow({ where: { aadObjectId: SIGRID.aadObjectId } });
    const [session] = await createSession(prisma(), {
      conversationId: '19:innforing@thread.tacv2',
      title: SESSION_TITLE,
      anonymousAllowed: false,
      schedule: { once: { startsAt: new Date('2026-10-29T08:00:00Z'), endsAt: new Date('2026-10-29T09:00:00Z') } },
      actor: { personId: moderator.id, aadObjectId: SIGRID.aadObjectId },
      now: BEFORE,
    });
    sessionId = session!.id;
  });
  afterAll(async () => {
    await bot?.stop();
  });
  beforeEach(async () => {
    now = BEFORE;
    await prisma().organisationSettings.update({ where: { id: 1 }, data: { rolloutFrom: null, rolloutTo: null, rolloutText: null } });
  });

  it('an administrator sets «innføring 29.10–6.11 <tekst>»: the days and the text are stored, confirmed on the card and audited', async () => {
    const card = await sayCard(`innføring 29.10–6.11 ${ROLLOUT_TEXT}`, SIGRID);
    expect(cardLines(card)).toContain('✔ Innføringen er satt: torsdag 29. oktober 2026 – fredag 6. november 2026.');
    expect(cardLines(card)).toContain('Innføring er planlagt: torsdag 29. oktober 2026 – fredag 6. november 2026.');
    expect(cardLines(card)).toContain(ROLLOUT_TEXT);
    expect(await stored()).toEqual({ from: '2026-10-29', to: '2026-11-06', text: ROLLOUT_TEXT });
    const audit = await prisma().auditEntry.findFirstOrThrow({ where: { action: 'rollout.set' }, orderBy: { id: 'desc' } });
    expect(audit.actor).toBe(SIGRID.aadObjectId);
    expect(audit.after).toEqual({ from: '2026-10-29', to: '2026-11-06', text: ROLLOUT_TEXT });
  });

  it('answers in English to «rollout … to …», and the rollout card is in the asker’s language', async () => {
    await prisma().person.updateMany({ where: { aadObjectId: { in: [SIGRID.aadObjectId, ALEX.aadObjectId] } }, data: { chosenLocale: 'en' } });
    try {
      const card = await sayCard('rollout 29.10 to 6.11 New system', SIGRID);
      expect(cardLines(card)).toContain('✔ The rollout is set: Thursday, 29 October 2026 – Friday, 6 November 2026.');
      now = DURING;
      const rollout = await sayCard('new request', ALEX);
      expect(cardLines(rollout)).toContain(`Next Q&A session: “${SESSION_TITLE}”, Thursday 29 October, 09:00–10:00.`);
    } finally {
      await prisma().person.updateMany({ data: { chosenLocale: null } });
    }
  });

  it('«innføring» alone shows the rollout, a labelled form and «Avslutt innføring»; the form sets it too', async () => {
    const empty = await sayCard('innføring', SIGRID);
    expect(cardLines(empty)).toContain('Ingen innføring er satt. Vanlige henvendelser tas imot som før.');
    expect(inputs(empty).map((input) => [input.id, input.label])).toEqual([
      ['from', 'Første dag'],
      ['to', 'Siste dag'],
      ['text', 'Tekst til innføringskortet (valgfri, høyst 1000 tegn)'],
    ]);
    expect(verbs(empty)).toEqual(['rollout.set']);
    const set = await desk().clickCard('rollout.set', { from: '2026-10-29', to: '2026-11-06', text: 'Fra kortet' }, personal(SIGRID));
    expect(cardLines(set)).toContain('✔ Innføringen er satt: torsdag 29. oktober 2026 – fredag 6. november 2026.');
    expect(verbs(set)).toEqual(['rollout.set', 'rollout.end']);
    expect(await stored()).toEqual({ from: '2026-10-29', to: '2026-11-06', text: 'Fra kortet' });
    const backwards = await desk().clickCard('rollout.set', { from: '2026-11-06', to: '2026-10-29' }, personal(SIGRID));
    expect(cardLines(backwards)).toContain('⚠ Den siste dagen (torsdag 29. oktober 2026) er før den første (fredag 6. november 2026). Ingenting er endret.');
    expect(await stored()).toEqual({ from: '2026-10-29', to: '2026-11-06', text: 'Fra kortet' });
  });

  it('the text of a rollout going on can be changed from the form, its first day already past', async () => {
    await setRolloutAsSigrid();
    now = DURING_NO_SESSION;
    const card = await sayCard('innføring', SIGRID);
    expect(cardLines(card)).toContain('Innføring pågår: torsdag 29. oktober 2026 – fredag 6. november 2026.');
    expect(inputs(card).find((input) => input.id === 'from')).not.toHaveProperty('min');
    const changed = await desk().clickCard('rollout.set', { from: '2026-10-29', to: '2026-11-06', text: 'Ny tekst' }, personal(SIGRID));
    expect(cardLines(changed)).toContain('✔ Innføringen er satt: torsdag 29. oktober 2026 – fredag 6. november 2026.');
    expect(await stored()).toEqual({ from: '2026-10-29', to: '2026-11-06', text: 'Ny tekst' });
  });

  it('someone who is not an administrator is refused in words, by command and by card, and nothing is set', async () => {
    expect((await say('innføring 29.10–6.11 Hei', ALEX)).text).toBe('Bare administratorer kan sette innføringsmodus. Ingenting er endret.');
    expect(await desk().click('rollout.set', { from: '2026-10-29', to: '2026-11-06' }, personal(ALEX))).toBe('Bare administratorer kan sette innføringsmodus. Ingenting er endret.');
    expect(await stored()).toEqual({ from: null, to: null, text: null });
  });

  it('dates that do not parse, do not exist, run backwards or are over are refused in words, and nothing is set', async () => {
    expect((await say('innføring neste uke', SIGRID)).text).toBe(
      '«neste» er ikke en dato jeg forstår. Skriv første og siste dag som 29.10–6.11 eller 29.10.2026–6.11.2026 og teksten etter, for eksempel innføring 29.10–6.11 …. Ingenting er endret.',
    );
    expect((await say('innføring 31.4 Nytt system', SIGRID)).text).toBe('Datoen «31.4» finnes ikke. Ingenting er endret.');
    expect((await say('innføring 6.11.2026–29.10.2026 Nytt system', SIGRID)).text).toBe(
      'Den siste dagen (torsdag 29. oktober 2026) er før den første (fredag 6. november 2026). Ingenting er endret.',
    );
    expect((await say('innføring 1.10.2026–20.10.2026 Nytt system', SIGRID)).text).toBe('Denne perioden sluttet tirsdag 20. oktober 2026, og den er allerede over. Ingenting er endret.');
    expect(await stored()).toEqual({ from: null, to: null, text: null });
  });

  it('during the rollout «ny henvendelse», a question in the chat, a forged intake submit and a message action open no henvendelse and answer with the rollout card naming the next spørretime', async () => {
    await setRolloutAsSigrid();
    // The intake card as it was shown the day before the rollout, to submit during it.
    const intake = await sayCard('ny henvendelse', ALEX);
    const intakeKey = (intake.actions ?? []).find((action) => action.verb === 'support.intake.submit')!.data!.intakeKey;
    now = DURING;
    const before = await requests();

    const command = await sayCard('ny henvendelse', ALEX);
    expect(isRolloutCard(command)).toBe(true);
    expect(cardLines(command)).toEqual(
      expect.arrayContaining([
        ROLLOUT_TEXT,
        'Fra torsdag 29. oktober 2026 til fredag 6. november 2026 gir vi brukerstøtte bare i spørretimene, og vi tar ikke imot nye henvendelser.',
        nextSessionLine,
      ]),
    );
    expect(verbs(command)).toEqual(['rollout.ask']);
    expect(inputs(command).map((input) => [input.id, input.label])).toEqual([['question', 'Spørsmålet ditt til spørretimen']]);

    const button = await desk().clickCard('support.intake.show', {}, personal(ALEX));
    expect(isRolloutCard(button)).toBe(true);

    const question = await sayCard('Hvordan journalfører jeg en e-post i det nye systemet?', ALEX);
    expect(isRolloutCard(question)).toBe(true);
    expect(cardLines(question)).toContain(nextSessionLine);
    expect(inputs(question)[0]!.value).toBe('Hvordan journalfører jeg en e-post i det nye systemet?');

    const forged = await desk().clickCard('support.intake.submit', { intakeKey, ...ANSWERS }, personal(ALEX));
    expect(isRolloutCard(forged)).toBe(true);
    expect(inputs(forged)[0]!.value).toBe(ANSWERS.what);

    const actions = messageActions(bot);
    const dialog = actions.dialogCard(await actions.fetchTask('createRequest', MESSAGE, personal(ALEX)));
    expect(cardLines(dialog)).toContain(nextSessionLine);
    expect(inputs(dialog)[0]!.value).toBe('Hvor finner jeg malene i det nye systemet?');
    const formKey = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
    const submitted = await actions.submitAction('createRequest', MESSAGE, { intakeKey: formKey, note: 'Se meldingen', category: 'faglig_sporsmal', urgency: 'normal' }, personal(ALEX));
    expect(cardLines(actions.dialogCard(submitted))).toContain(nextSessionLine);
    const archive = await actions.submitAction('sendToArchive', MESSAGE, { intakeKey: formKey, note: '' }, personal(ALEX));
    expect(cardLines(actions.dialogCard(archive))).toContain(nextSessionLine);

    expect(await requests()).toBe(before);
    // Self-help search keeps working.
    const search = await sayCard('søk arkiv', ALEX);
    expect(isRolloutCard(search)).toBe(false);
  });

  it('«Send til spørretimen» stores the question in that spørretime, from the card and from a message action’s dialog; anonymity the session does not allow is refused', async () => {
    await setRolloutAsSigrid();
    now = DURING;
    const alex = await prisma().person.findUniqueOrThrow({ where: { aadObjectId: ALEX.aadObjectId } });
    const sent = await desk().clickCard('rollout.ask', { sessionId, question: '  Hvor ligger malene?  ' }, personal(ALEX));
    expect(cardLines(sent)).toContain(`✔ Spørsmålet ditt er sendt til spørretimen «${SESSION_TITLE}», torsdag 29. oktober, 09:00–10:00.`);
    const anonymous = await desk().click('rollout.ask', { sessionId, question: 'Anonymt?', anonymous: 'true' }, personal(ALEX));
    expect(anonymous).toBe('Denne spørretimen tar ikke imot anonyme spørsmål. Send spørsmålet med navnet ditt, eller spør moderatoren.');

    const actions = messageActions(bot);
    const dialog = await actions.submitAction('createRequest', MESSAGE, { rolloutSessionId: sessionId, question: 'Fra meldingen' }, personal(ALEX));
    expect(cardLines(actions.dialogCard(dialog))).toContain(`✔ Spørsmålet ditt er sendt til spørretimen «${SESSION_TITLE}», torsdag 29. oktober, 09:00–10:00.`);

    const questions = await prisma().qaQuestion.findMany({ where: { sessionId }, orderBy: { createdAt: 'asc' } });
    expect(questions.map((q) => [q.text, q.kind, q.anonymous, q.askerId])).toEqual([
      ['Hvor ligger malene?', 'question', false, alex.id],
      ['Fra meldingen', 'question', false, alex.id],
    ]);
    await prisma().qaQuestion.deleteMany({ where: { sessionId } });
  });

  it('with no spørretime ahead the rollout card says so and names the period, and offers nothing to send', async () => {
    await setRolloutAsSigrid();
    now = DURING_NO_SESSION;
    const card = await sayCard('ny henvendelse', ALEX);
    expect(cardLines(card)).toContain(
      '⚠ Ingen spørretime er satt opp ennå. Innføringen varer torsdag 29. oktober 2026 – fredag 6. november 2026; spør igjen når en spørretime er satt opp.',
    );
    expect(verbs(card)).toEqual([]);
    expect(inputs(card)).toEqual([]);
    expect(await desk().click('rollout.ask', { sessionId, question: 'For sent?' }, personal(ALEX))).toBe('Spørretimen er avsluttet og tar ikke imot flere spørsmål eller stemmer.');
  });

  it('the last evening is still the rollout in Oslo; the day after, intake is back by itself and a henvendelse is made', async () => {
    await setRolloutAsSigrid();
    now = LAST_EVENING;
    expect(isRolloutCard(await sayCard('ny henvendelse', ALEX))).toBe(true);
    now = DAY_AFTER;
    const before = await requests();
    const { confirmation } = await desk().submit({ requester: ALEX });
    expect(isRolloutCard(confirmation)).toBe(false);
    expect(await requests()).toBe(before + 1);
  });

  it('«Avslutt innføring» ends it at once: intake is open again, it is audited, and a second click changes nothing', async () => {
    await setRolloutAsSigrid();
    now = DURING;
    expect(isRolloutCard(await sayCard('ny henvendelse', ALEX))).toBe(true);
    const ended = await desk().clickCard('rollout.end', {}, personal(SIGRID));
    expect(cardLines(ended)).toContain('✔ Innføringen er avsluttet. Vanlige henvendelser tas imot igjen fra nå.');
    expect(verbs(ended)).toEqual(['rollout.set']);
    expect(await stored()).toEqual({ from: null, to: null, text: null });
    const audit = await prisma().auditEntry.findFirstOrThrow({ where: { action: 'rollout.ended' }, orderBy: { id: 'desc' } });
    expect(audit.before).toEqual({ from: '2026-10-29', to: '2026-11-06', text: ROLLOUT_TEXT });
    const again = await desk().clickCard('rollout.end', {}, personal(SIGRID));
    expect(cardLines(again)).toContain('Det er ingen innføring å avslutte.');
    const intake = await sayCard('ny henvendelse', ALEX);
    expect(isRolloutCard(intake)).toBe(false);
    expect(verbs(intake)).toContain('support.intake.submit');
  });
});

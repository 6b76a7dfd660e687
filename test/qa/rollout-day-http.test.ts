/**
 * A day of rollout over /api/messages, as one story (issue 9's «Done when»): an administrator sets
 * innføring for this week and intake is closed and pointed to the spørretime; a moderator in the
 * archive makes today's opening/closing pair in a group chat; the job posts the card, people ask,
 * report, ask anonymously and from the rollout card; twenty vote and some withdraw; a duplicate is
 * merged; the moderator answers, publishes an answer that søk then finds, turns the error report
 * into a known error and marks it fixed; the opening closes with its unanswered question carried to
 * the closing session, and the moderator downloads the summary. The anonymous asker is in nothing
 * anyone else is sent. One bot, the test's clock, the fake connector.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qaSessionsJob } from '../../domain/qa/sessions-job.js';
import { actionExecuteActivity, messageActivity, type ActivityOptions, type TestUser } from '../support/activities.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import type { SentActivity } from '../support/fake-connector.js';
import { actionWithVerb, ALEX, cardLines, inputs, OLE, SIGRID, verbs, type Card as DeskCard } from '../support/support-desk.js';
import { button, createPerson, lines as moderationLines, personalConversation, type Card as ModerationCard, type Person } from './moderation-support.js';

const SECRET = 'a-day-of-rollout-secret-long-enough-0123456789';
const GROUP_CHAT = '19:innforing-dag@thread.v2';
const TITLE = 'Innføring – dagens spørretime';
const ROLLOUT_TEXT = 'Vi tar i bruk nytt sak- og arkivsystem denne uka. Still spørsmålene dine i spørretimen.';
const NEXT_SESSION = `Neste spørretime: «${TITLE}», mandag 7. desember, 09:00–09:30.`;

// Monday 7 December 2026 in Oslo (UTC+1).
const AT_0700 = new Date('2026-12-07T06:00:00Z');
const AT_0800 = new Date('2026-12-07T07:00:00Z'); // the card is due: QA_CARD_LEAD_MINUTES=60 before 09:00
const AT_0900 = new Date('2026-12-07T08:00:00Z'); // the opening starts
const AT_0930 = new Date('2026-12-07T08:30:00Z'); // the opening ends
const AT_1300 = new Date('2026-12-07T12:00:00Z'); // the closing session's card is due

const Q_BERIT = 'Hvordan avskriver jeg en journalpost når søknaden er ferdig behandlet på særlig måte?';
const Q_ALEX = 'Hvor finner jeg malene i det nye systemet?';
const Q_NILS = 'Kvar finn eg malane i det nye systemet?';
const Q_ANONYMOUS = 'Hvem kan lese journalnotatene mine i det nye systemet?';
const REPORT = 'Utskrift av journalpost gir en tom side.';
const ANSWER_BERIT = 'Velg «Avskriv» på journalposten og metoden «Besvart med brev».';
const ANSWER_ALEX = 'Malene ligger under Dokument › Ny fra mal. Velg «Brevmal kommune» for utgående brev.';
const ARTICLE_TITLE = 'Brevmaler i det nye sak- og arkivsystemet';
const KNOWN_ERROR = 'Utskrift gir tom side';

type Element = { type: string; id?: string; text?: string; items?: Element[]; columns?: Element[]; inlines?: { text: string }[]; actions?: { type: string; verb?: string; url?: string; data?: Record<string, unknown> }[] };
type SessionCard = { speak: string; body: Element[]; actions?: { type: string; verb?: string; url?: string; data?: Record<string, unknown> }[] };

const flat = (list: Element[]): Element[] => list.flatMap((element) => [element, ...flat([...(element.items ?? []), ...(element.columns ?? [])])]);
const lines = (card: SessionCard) => flat(card.body).flatMap((element) => [...(element.text === undefined ? [] : [element.text]), ...(element.inlines ?? []).map((run) => run.text)]);
/** The vote line above a question on the session card: «1. Spørsmål · 17 stemmer · Berit Bokmål». */
const voteLineOf = (card: SessionCard, text: string) => {
  const all = lines(card);
  const at = all.indexOf(text);
  return at > 0 ? all[at - 1] : undefined;
};
const cardOf = (activity: SentActivity) => activity.body.attachments?.[0]?.content as unknown as SessionCard | undefined;

describe('a day of rollout, over HTTP (/api/messages)', () => {
  let bot: TestBot;
  let clock = AT_0700;
  const prisma = () => bot.arkivlos.database.prisma;
  /** Every invoke's answer, whoever clicked: with the connector's activities, all anyone was shown. */
  const answers: unknown[] = [];

  let berit: Person, nils: Person, rita: Person, aud: Person, voters: Person[];
  let ole: Person, alex: Person;
  let openingId: string, closingId: string;
  let rolloutCard: DeskCard;
  const ids: Record<'berit' | 'alex' | 'nils' | 'anonymous' | 'report', string> = { berit: '', alex: '', nils: '', anonymous: '', report: '' };

  const personal = (user: TestUser): ActivityOptions => ({ serviceUrl: bot.connector.url, user });
  const inGroup = (user: TestUser): ActivityOptions => ({ serviceUrl: bot.connector.url, user, conversationType: 'groupChat', conversationId: GROUP_CHAT });
  const userOf = (person: Person): TestUser => ({ aadObjectId: person.aadObjectId, name: person.name });

  /** A message, and the bot's reply in the same conversation (never clearing the connector: step 5 reads all of it). */
  const say = async (text: string, options: ActivityOptions) => {
    const before = bot.connector.sent.length;
    const activity = messageActivity(text, options);
    expect((await bot.post(activity)).status).toBe(200);
    const [reply] = await bot.connector.waitFor((sent) => bot.connector.sent.indexOf(sent) >= before && sent.conversationId === activity.conversation.id && sent.method === 'POST' && sent.body.type === 'message');
    return { card: reply!.body.attachments?.[0]?.content as unknown as DeskCard | undefined, text: reply!.body.text };
  };
  const sayCard = async (text: string, options: ActivityOptions) => {
    const { card, text: said } = await say(text, options);
    if (!card) throw new Error(`expected a card, got: ${said}`);
    return card;
  };
  const click = async <T = SessionCard>(verb: string, data: Record<string, unknown>, options: ActivityOptions): Promise<T | string> => {
    const response = await bot.post(actionExecuteActivity(verb, data, options));
    expect(response.status).toBe(200);
    const value = (response.body as { value: T | string }).value;
    answers.push(value);
    return value;
  };
  const clickCard = async <T = SessionCard>(verb: string, data: Record<string, unknown>, options: ActivityOptions): Promise<T> => {
    const answer = await click<T>(verb, data, options);
    if (typeof answer === 'string') throw new Error(`expected a card for ${verb}, got: ${answer}`);
    return answer;
  };
  const moderate = (verb: string, data: Record<string, unknown>) => clickCard<ModerationCard>(verb, data, personal(OLE));
  /** The newest session card (a post or an update) in the group chat for which `until` holds, once there is one. */
  const postedCard = async (until: (card: SessionCard) => boolean) => {
    let found: SessionCard | undefined;
    await expect
      .poll(
        () => {
          found = bot.connector.sent
            .filter((sent) => sent.conversationId === GROUP_CHAT)
            .map(cardOf)
            .findLast((card) => card?.speak.startsWith('Spørretime') && until(card));
          return found !== undefined;
        },
        { timeout: 15_000, interval: 50 },
      )
      .toBe(true);
    return found!;
  };
  const ask = (person: Person, text: string, extra: Record<string, string> = {}) =>
    clickCard('qa.session.ask', { sessionId: openingId, qaText: text, qaKind: 'question', qaAnonymous: 'false', ...extra }, inGroup(userOf(person)));
  const vote = (question: string, people: Person[], verb = 'qa.session.vote') => Promise.all(people.map((person) => clickCard(verb, { questionId: question }, inGroup(userOf(person)))));
  const votersOf = async (questionId: string) => (await prisma().qaVote.findMany({ where: { questionId }, select: { personId: true } })).map((row) => row.personId);
  /** The texts the connector delivered to a person's 1:1 chat, once `count` of them match. */
  const toldTo = async (person: Person, includes: string, count = 1) =>
    (await bot.connector.waitFor((sent) => sent.conversationId === personalConversation(person) && !!sent.body.text?.includes(includes), { count, ms: 15_000 })).map((sent) => sent.body.text!);
  /** Everything anyone but `person` was sent or shown, as JSON. */
  const seenByOthers = (person: Person) =>
    JSON.stringify([bot.connector.sent.filter((sent) => sent.conversationId !== personalConversation(person)).map((sent) => sent.body), answers]);

  beforeAll(async () => {
    bot = await startTestBot(
      { BOT_DOMAIN: 'arkivlos.example.no', FILE_LINK_SECRET: SECRET, QA_CARD_LEAD_MINUTES: '60', LOG_LEVEL: 'warn' },
      { now: () => clock, scheduledJobs: [qaSessionsJob()], jobs: { pollMs: 50 } },
    );
    const people = await prisma().person.findMany({ where: { aadObjectId: { in: [OLE.aadObjectId, ALEX.aadObjectId] } }, select: { id: true, aadObjectId: true, name: true } });
    ole = people.find((person) => person.aadObjectId === OLE.aadObjectId)!;
    alex = people.find((person) => person.aadObjectId === ALEX.aadObjectId)!;
    // People with a 1:1 chat the bot knows, so what each is told shows by conversation.
    [berit, nils, rita, aud] = await Promise.all([
      createPerson(prisma(), bot, 'Berit Bokmål'),
      createPerson(prisma(), bot, 'Nils Nynorsk', { locale: 'nn' }),
      createPerson(prisma(), bot, 'Rita Rapportør'),
      createPerson(prisma(), bot, 'Aud Hemmeligsen'),
    ]);
    voters = await Promise.all(Array.from({ length: 20 }, (_, i) => createPerson(prisma(), bot, `Velger ${i + 1}`)));
    // The moderator and the caseworker have talked to the bot in their 1:1 chats before.
    await say('hjelp', personal(OLE));
    await say('hjelp', personal(ALEX));
  }, 60_000);
  afterAll(async () => {
    await bot?.stop();
  });

  it('1. the administrator sets «innføring» for this week: a caseworker’s «ny henvendelse» opens nothing and gets the rollout card', async () => {
    const set = await sayCard(`innføring 7.12–14.12 ${ROLLOUT_TEXT}`, personal(SIGRID));
    expect(cardLines(set)).toContain('✔ Innføringen er satt: mandag 7. desember 2026 – mandag 14. desember 2026.');
    const requests = await prisma().supportRequest.count();
    const card = await sayCard('ny henvendelse', personal(ALEX));
    expect(cardLines(card)).toEqual(expect.arrayContaining(['Innføringsperiode', ROLLOUT_TEXT]));
    // No spørretime yet: the card says so and offers nothing to send.
    expect(cardLines(card).some((line) => line.startsWith('⚠ Ingen spørretime er satt opp ennå.'))).toBe(true);
    expect(verbs(card)).toEqual([]);
    expect(await prisma().supportRequest.count()).toBe(requests);
  });

  it('2. a moderator in the archive makes today’s pair in a group chat from the create card; intake now names the opening session', async () => {
    const { card: form } = await say('spørretime', inGroup(OLE));
    expect(form && inputs(form).map((input) => input.id)).toContain('openingStart');
    const created = await clickCard(
      'qa.session.create',
      { title: TITLE, mode: 'pair', dates: '7.12', openingStart: '09:00', openingEnd: '09:30', closingStart: '14:00', closingEnd: '14:30', anonymous: 'true' },
      inGroup(OLE),
    );
    expect(lines(created)).toContain('✔ 2 spørretimer er laget.');
    const sessions = await prisma().qaSession.findMany({ where: { conversationId: GROUP_CHAT }, orderBy: { startsAt: 'asc' } });
    expect(sessions.map((session) => [session.pairRole, session.state, session.moderatorId, session.anonymousAllowed])).toEqual([
      ['opening', 'planned', ole.id, true],
      ['closing', 'planned', ole.id, true],
    ]);
    [openingId, closingId] = sessions.map((session) => session.id) as [string, string];

    const requests = await prisma().supportRequest.count();
    const command = await sayCard('ny henvendelse', personal(ALEX));
    expect(cardLines(command)).toEqual(expect.arrayContaining(['Innføringsperiode', ROLLOUT_TEXT, NEXT_SESSION]));
    rolloutCard = await sayCard(Q_ALEX, personal(ALEX));
    expect(cardLines(rolloutCard)).toContain(NEXT_SESSION);
    expect(inputs(rolloutCard)[0]!.value).toBe(Q_ALEX);
    expect(verbs(rolloutCard)).toEqual(['rollout.ask']);
    expect(await prisma().supportRequest.count()).toBe(requests);
  });

  it('3. before the start the job posts the card; questions, an error report, an anonymous question and one from the rollout card land in the session', async () => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bot.connector.sent.filter((sent) => sent.conversationId === GROUP_CHAT && cardOf(sent)?.speak.startsWith('Spørretime'))).toEqual([]);
    clock = AT_0800;
    const posted = await postedCard(() => true);
    expect(lines(posted)).toContain('Åpning · mandag 7. desember 2026, 09:00–09:30');
    expect(lines(posted)).toContain('Status: Planlagt – du kan sende spørsmål allerede nå');
    expect((await prisma().qaSession.findUniqueOrThrow({ where: { id: openingId } })).cardMessageId).not.toBeNull();
    // The closing session's card is not due until 13:00.
    expect((await prisma().qaSession.findUniqueOrThrow({ where: { id: closingId } })).cardMessageId).toBeNull();

    expect(lines(await ask(berit, Q_BERIT))[0]).toBe('✔ Spørsmålet ditt er sendt.');
    expect(lines(await ask(nils, Q_NILS))[0]).toBe('✔ Spørsmålet ditt er sendt.');
    expect(lines(await ask(rita, REPORT, { qaKind: 'error_report' }))[0]).toBe('✔ Feilmeldingen din er sendt.');
    const anonymous = await ask(aud, Q_ANONYMOUS, { qaAnonymous: 'true' });
    expect(lines(anonymous)[0]).toBe('✔ Spørsmålet ditt er sendt.');
    expect(voteLineOf(anonymous, Q_ANONYMOUS)).toMatch(/ · Anonymt$/);

    // «Send til spørretimen» on the rollout card the caseworker got at 07:00.
    const sent = await clickCard<DeskCard>('rollout.ask', { ...actionWithVerb(rolloutCard, 'rollout.ask').data, question: Q_ALEX }, personal(ALEX));
    expect(cardLines(sent)).toContain(`✔ Spørsmålet ditt er sendt til spørretimen «${TITLE}», mandag 7. desember, 09:00–09:30.`);

    const questions = await prisma().qaQuestion.findMany({ where: { sessionId: openingId }, orderBy: { createdAt: 'asc' } });
    expect(questions.map((q) => [q.text, q.kind, q.anonymous, q.askerId])).toEqual([
      [Q_BERIT, 'question', false, berit.id],
      [Q_NILS, 'question', false, nils.id],
      [REPORT, 'error_report', false, rita.id],
      [Q_ANONYMOUS, 'question', true, aud.id],
      [Q_ALEX, 'question', false, alex.id],
    ]);
    for (const [key, text] of [['berit', Q_BERIT], ['nils', Q_NILS], ['report', REPORT], ['anonymous', Q_ANONYMOUS], ['alex', Q_ALEX]] as const) ids[key] = questions.find((q) => q.text === text)!.id;
    await postedCard((card) => lines(card).includes(Q_ALEX) && lines(card).includes(Q_ANONYMOUS));
  });

  it('4. twenty vote and three withdraw: every count is its distinct voters; a duplicate is merged with votes combined and nobody twice', async () => {
    await vote(ids.berit, voters);
    await vote(ids.alex, voters.slice(0, 10));
    await vote(ids.nils, voters.slice(8, 15));
    await vote(ids.report, voters.slice(15, 18));
    await vote(ids.anonymous, voters.slice(3, 6));
    // A second click changes nothing; the asker cannot vote for their own.
    await vote(ids.berit, voters.slice(0, 2));
    expect(lines(await clickCard('qa.session.vote', { questionId: ids.alex }, inGroup(ALEX)))[0]).toBe('⚠ Du kan ikke stemme på ditt eget spørsmål.');
    const withdrawn = await vote(ids.berit, voters.slice(17, 20), 'qa.session.withdraw');
    expect(withdrawn.map((card) => lines(card)[0])).toEqual(Array(3).fill('✔ Stemmen din er trukket.'));

    const shown = await clickCard('qa.session.show', { sessionId: openingId }, inGroup(userOf(voters[0]!)));
    const expected = { berit: 17, alex: 10, nils: 7, report: 3, anonymous: 3 };
    for (const [key, count] of Object.entries(expected) as [keyof typeof expected, number][]) {
      const people = await votersOf(ids[key]);
      expect(people).toHaveLength(count);
      expect(new Set(people).size).toBe(count);
    }
    expect(voteLineOf(shown, Q_BERIT)).toBe('1. Spørsmål · 17 stemmer · Berit Bokmål');
    expect(voteLineOf(shown, Q_ALEX)).toBe('2. Spørsmål · 10 stemmer · Alex Wilber');
    expect(voteLineOf(shown, Q_ANONYMOUS)).toMatch(/^\d\. Spørsmål · 3 stemmer · Anonymt$/);
    // Everyone's card, through the outbox, shows the same counts.
    await postedCard((card) => voteLineOf(card, Q_BERIT) === '1. Spørsmål · 17 stemmer · Berit Bokmål' && voteLineOf(card, Q_ALEX) === '2. Spørsmål · 10 stemmer · Alex Wilber');

    // «Moderer» on the shared card sends the moderation card to the moderator's 1:1 chat.
    const before = bot.connector.sent.length;
    expect(await click('qa.moderate.open', { sessionId: openingId }, inGroup(OLE))).toBe('Modereringskortet er sendt til chatten din med Arkivlos.');
    const [moderation] = await bot.connector.waitFor((sent) => bot.connector.sent.indexOf(sent) >= before && sent.conversationId === personalConversation(ole) && !!sent.body.attachments);
    const card = moderation!.body.attachments![0]!.content as unknown as ModerationCard;
    expect(moderationLines(card)).toContain(`Moderering: ${TITLE}`);

    const merge = button(card, 'qa.moderate.merge', 'questionId', ids.nils);
    const merged = await moderate('qa.moderate.merge', { ...merge.data, [`into-${ids.nils}`]: ids.alex });
    // Voters 1–10 and 9–15 and Nils himself: 16 people, voters 9 and 10 once.
    expect(moderationLines(merged)).toContain('✔ Spørsmålene er slått sammen: 16 har stemt på det som ble beholdt.');
    const combined = await votersOf(ids.alex);
    expect(combined.sort()).toEqual([...voters.slice(0, 15).map((voter) => voter.id), nils.id].sort());
    expect(combined).not.toContain(alex.id);
    expect(await prisma().qaQuestion.findUniqueOrThrow({ where: { id: ids.nils } })).toMatchObject({ status: 'merged', mergedIntoId: ids.alex });
    const after = await postedCard((posted) => voteLineOf(posted, Q_ALEX) === '2. Spørsmål · 16 stemmer · Alex Wilber' && voteLineOf(posted, Q_BERIT) === '1. Spørsmål · 17 stemmer · Berit Bokmål');
    expect(lines(after)).not.toContain(Q_NILS);
  });

  it('5. the anonymous asker’s name and ids are in no activity the bot sent and no invoke answer', async () => {
    const everything = seenByOthers(aud);
    // The scan sees what the cards show: the question, and a named asker's name.
    expect(everything).toContain(Q_ANONYMOUS);
    expect(everything).toContain(berit.name);
    for (const trace of [aud.name, 'Hemmeligsen', aud.aadObjectId, aud.id]) expect(everything).not.toContain(trace);
  });

  it('6. the session opens; the moderator answers from the moderation card, askers and voters are told in their 1:1 chats, and a published answer is found by søk', async () => {
    clock = AT_0900;
    await postedCard((card) => lines(card).includes('Status: Åpen nå'));
    expect((await prisma().qaSession.findUniqueOrThrow({ where: { id: openingId } })).state).toBe('open');

    let card = await moderate('qa.moderate.show', { sessionId: openingId });
    card = await moderate('qa.moderate.answer', { ...button(card, 'qa.moderate.answer', 'questionId', ids.berit).data, [`answer-${ids.berit}`]: ANSWER_BERIT });
    expect(moderationLines(card)).toContain('✔ Svaret er lagret. Den som spurte og de som stemte, får beskjed.');
    card = await moderate('qa.moderate.answer', { ...button(card, 'qa.moderate.answer', 'questionId', ids.alex).data, [`answer-${ids.alex}`]: ANSWER_ALEX });
    expect(moderationLines(card)).toContain(`Svar: ${ANSWER_ALEX}`);

    expect(await toldTo(berit, ANSWER_BERIT)).toEqual([`Spørsmålet ditt i «${TITLE}» er besvart.\n\n«${Q_BERIT}»\n\n${ANSWER_BERIT}`]);
    expect((await toldTo(alex, ANSWER_ALEX))[0]).toMatch(/^Spørsmålet ditt i «Innføring – dagens spørretime» er besvart\./);
    // Nils asked the duplicate: he counts as a voter of the question kept, told in nynorsk.
    expect((await toldTo(nils, ANSWER_ALEX))[0]).toMatch(/^Eit spørsmål du røysta på i «Innføring – dagens spørretime», er svart på\./);
    for (const voter of voters.slice(0, 17)) expect((await toldTo(voter, ANSWER_BERIT))[0]).toMatch(/^Et spørsmål du stemte på i «Innføring – dagens spørretime» er besvart\./);
    for (const voter of voters.slice(0, 15)) await toldTo(voter, ANSWER_ALEX);
    // Those who withdrew their vote are not told; the anonymous asker's question is still open.
    for (const voter of voters.slice(17, 20)) expect(bot.connector.sent.some((sent) => sent.conversationId === personalConversation(voter) && sent.body.text?.includes(ANSWER_BERIT))).toBe(false);
    expect(bot.connector.sent.filter((sent) => sent.conversationId === personalConversation(aud))).toEqual([]);

    const form = await moderate('qa.publish.show', button(card, 'qa.publish.show', 'questionId', ids.alex).data!);
    expect(JSON.stringify(form)).toContain(JSON.stringify(ANSWER_ALEX).slice(1, -1));
    const published = await moderate('qa.publish.submit', { questionId: ids.alex, title: ARTICLE_TITLE, lang: 'nb', tags: 'maler, brev' });
    expect(moderationLines(published)).toContain(`✔ Svaret er publisert som «${ARTICLE_TITLE}».`);
    const article = await prisma().knowledgeArticle.findFirstOrThrow({ where: { title: ARTICLE_TITLE } });
    expect(article).toMatchObject({ body: ANSWER_ALEX, source: 'sporretime', retiredAt: null });
    expect((await prisma().qaQuestion.findUniqueOrThrow({ where: { id: ids.alex } })).articleId).toBe(article.id);

    const found = await sayCard('søk brevmaler', personal(ALEX));
    expect(cardLines(found).join('\n')).toContain(ARTICLE_TITLE);
  });

  it('7. the error report becomes a known error, set to «rettet»: the reporter and its voters are told', async () => {
    const card = await moderate('qa.moderate.show', { sessionId: openingId });
    const made = await moderate('qa.moderate.reportKnownError', {
      ...button(card, 'qa.moderate.reportKnownError', 'questionId', ids.report).data,
      [`title-${ids.report}`]: KNOWN_ERROR,
      [`description-${ids.report}`]: 'Forhåndsvisningen og utskriften er tomme.',
    });
    expect(moderationLines(made)).toContain('✔ Feilmeldingen er registrert som kjent feil.');
    const knownError = await prisma().knownError.findFirstOrThrow({ where: { title: KNOWN_ERROR }, include: { links: true } });
    expect(knownError.links.map((link) => link.questionId)).toEqual([ids.report]);

    const register = await sayCard('kjente feil', personal(OLE));
    const change = actionWithVerb(register, 'knownErrors.changeStatus');
    expect(change.data?.knownErrorId).toBe(knownError.id);
    const fixed = await moderate('knownErrors.changeStatus', { ...change.data, [`status-${knownError.id}`]: 'rettet' });
    expect(moderationLines(fixed)).toContain(`✔ Status for «${KNOWN_ERROR}» er nå rettet. 4 som meldte eller stemte, får beskjed.`);
    const told = `Feilen du meldte eller stemte på, er rettet: «${KNOWN_ERROR}».`;
    expect(await toldTo(rita, told)).toEqual([told]);
    for (const voter of voters.slice(15, 18)) expect(await toldTo(voter, told)).toEqual([told]);
  });

  it('8. the opening ends: the job closes it and carries the unanswered questions to the closing session, whose card shows them', async () => {
    clock = AT_0930;
    await expect.poll(async () => (await prisma().qaSession.findUniqueOrThrow({ where: { id: openingId } })).state, { timeout: 15_000, interval: 50 }).toBe('closed');
    const carried = await prisma().qaQuestion.findMany({ where: { sessionId: closingId }, orderBy: { createdAt: 'asc' } });
    expect(carried.map((q) => [q.text, q.anonymous, q.askerId, q.carriedFromId])).toEqual(
      expect.arrayContaining([[Q_ANONYMOUS, true, aud.id, ids.anonymous]]),
    );
    expect(carried.map((q) => q.text)).not.toContain(Q_BERIT);
    expect(carried.map((q) => q.text)).not.toContain(Q_ALEX);
    const anonymous = carried.find((q) => q.text === Q_ANONYMOUS)!;
    expect((await votersOf(anonymous.id)).sort()).toEqual(voters.slice(3, 6).map((voter) => voter.id).sort());

    clock = AT_1300;
    const closing = await postedCard((card) => lines(card).includes('Avslutning · mandag 7. desember 2026, 14:00–14:30') && lines(card).includes(Q_ANONYMOUS));
    expect(voteLineOf(closing, Q_ANONYMOUS)).toMatch(/· 3 stemmer · Anonymt · fra forrige spørretime$/);
    expect((await prisma().qaSession.findUniqueOrThrow({ where: { id: closingId } })).state).toBe('planned');
  });

  it('9. the summary card is in the group chat, the moderator’s download links give the CSV (BOM, header, æøå) and the Markdown table', async () => {
    const summaries = await bot.connector.waitFor((sent) => sent.conversationId === GROUP_CHAT && JSON.stringify(cardOf(sent) ?? {}).includes(`Oppsummering: ${TITLE}`));
    expect(summaries).toHaveLength(1);
    expect(cardOf(summaries[0]!)!.actions).toBeUndefined();
    const [mine] = await bot.connector.waitFor((sent) => sent.conversationId === personalConversation(ole) && JSON.stringify(cardOf(sent) ?? {}).includes(`Oppsummering: ${TITLE}`));
    const [csvUrl, markdownUrl] = cardOf(mine!)!.actions!.map((action) => new URL(action.url!));
    expect(csvUrl!.origin).toBe('https://arkivlos.example.no');
    const local = (url: URL) => `${bot.arkivlos.url}${url.pathname}${url.search}`;

    const csv = await fetch(local(csvUrl!));
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(records[0]).toBe('Nr.;Type;Status;Stemmer;Tekst;Spurt av;Spurt;Svar;Besvart;Besvart av;Kjent feil;Status for kjent feil;Merknad');
    const beritRow = records.find((record) => record.includes(Q_BERIT));
    expect(beritRow).toBeDefined();
    expect(beritRow).toContain(';Besvart;17;');
    expect(beritRow).toContain('Berit Bokmål');
    expect(beritRow).toContain(ANSWER_BERIT.replaceAll('"', '""'));
    expect(records.join('\n')).toMatch(/æ.*ø|ø.*æ/s);
    expect(records.join('\n')).toContain('å');
    const anonymousRow = records.find((record) => record.includes(Q_ANONYMOUS))!;
    expect(anonymousRow).not.toContain('Aud');

    const markdown = await fetch(local(markdownUrl!));
    expect(markdown.status).toBe(200);
    const table = (await markdown.text()).split('\n').filter((line) => line.startsWith('|'));
    expect(table.find((line) => line.includes(Q_BERIT))).toMatch(/^\| 1 \| Spørsmål \| Besvart \| 17 \| /);

    // The whole day: still nothing anyone else was sent or shown names the anonymous asker.
    const everything = seenByOthers(aud);
    for (const trace of [aud.name, aud.aadObjectId, aud.id]) expect(everything).not.toContain(trace);
  });
});

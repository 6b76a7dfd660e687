import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../domain/qa/create-session.js';
import { submitQuestion } from '../../domain/qa/submit-question.js';
import type { QaActor, QaQuestionKind } from '../../domain/qa/vocabulary.js';
import { voteQuestion } from '../../domain/qa/vote-question.js';
import { actionExecuteActivity } from '../support/activities.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { as, button, click, clickCard, createPerson, lines, personalConversation, textsTo, type Card, type Person } from './moderation-support.js';

const CHANNEL = '19:qa-moderation@thread.tacv2';
const OTHER_CHANNEL = '19:qa-other@thread.tacv2';
const inChannel = (channel: string) => ({ conversationType: 'channel' as const, conversationId: `${channel};messageid=1` });
const FORBIDDEN = 'Bare moderatoren og førstelinjen (arkivet) kan moderere her. Ingenting er endret.';
const SENT = 'Modereringskortet er sendt til chatten din med Arkivlos.';

describe('moderating a spørretime from the moderator’s 1:1 chat, over HTTP (/api/messages)', () => {
  let bot: TestBot;
  let moderator: Person, firstLine: Person, outsider: Person, otherModerator: Person;
  let askerNb: Person, askerNn: Person, anonymousAsker: Person, voters: Person[];
  let sessionId: string, otherSessionId: string;
  const prisma = () => bot.arkivlos.database.prisma;
  const actor = (person: Person): QaActor => ({ personId: person.id, aadObjectId: person.aadObjectId });
  const ask = async (asker: Person, text: string, options: { anonymous?: boolean; kind?: QaQuestionKind; session?: string } = {}) =>
    (await submitQuestion(prisma(), { sessionId: options.session ?? sessionId, kind: options.kind ?? 'question', text, anonymous: options.anonymous ?? false, asker: actor(asker), now: new Date() })).id;
  const vote = (questionId: string, ...people: Person[]) => Promise.all(people.map((person) => voteQuestion(prisma(), { questionId, voter: actor(person), now: new Date() })));
  const question = (id: string) => prisma().qaQuestion.findUniqueOrThrow({ where: { id } });
  const moderationCard = () => clickCard(bot, moderator, 'qa.moderate.show', { sessionId });
  /** A form's button on the card with its field filled in, as Teams sends it. */
  const send = (card: Card, verb: string, questionId: string, fields: Record<string, string> = {}) => {
    const data = button(card, verb, 'questionId', questionId).data!;
    return click(bot, moderator, verb, { ...data, ...Object.fromEntries(Object.entries(fields).map(([field, value]) => [`${field}-${questionId}`, value])) });
  };
  const asCard = (answer: Card | string): Card => {
    if (typeof answer === 'string') throw new Error(`expected a card, got: ${answer}`);
    return answer;
  };

  beforeAll(async () => {
    bot = await startTestBot();
    const people = async (...specs: [string, ('nb' | 'nn' | 'en')?, 'arkivet'?][]) =>
      Promise.all(specs.map(([name, locale, role]) => createPerson(prisma(), bot, name, { locale: locale ?? 'nb', ...(role && { role }) })));
    const created = await people(
      ['Mona Moderator'],
      ['Frida Førstelinje', 'nb', 'arkivet'],
      ['Olav Utenfor'],
      ['Otto Annenmoderator'],
      ['Berit Bokmål'],
      ['Nils Nynorsk', 'nn'],
      ['Anne Anonymsen-Hemmelig'],
      ['Velger En'],
      ['Velger To'],
      ['Velger Tre'],
    );
    [moderator, firstLine, outsider, otherModerator, askerNb, askerNn, anonymousAsker] = created as [Person, Person, Person, Person, Person, Person, Person];
    voters = created.slice(7);
    const now = new Date();
    const once = { once: { startsAt: new Date(now.getTime() + 3_600_000), endsAt: new Date(now.getTime() + 7_200_000) } };
    sessionId = (await createSession(prisma(), { conversationId: CHANNEL, title: 'Spørretime – felles oppstart', anonymousAllowed: true, schedule: once, actor: actor(moderator), now }))[0]!.id;
    otherSessionId = (await createSession(prisma(), { conversationId: OTHER_CHANNEL, title: 'Spørretime – økonomi', anonymousAllowed: false, schedule: once, actor: actor(otherModerator), now }))[0]!.id;
  }, 60_000);
  afterAll(async () => {
    await bot?.stop();
  });

  it('refuses «Moderer», the card and its actions to someone who neither moderates the session nor is first line, with a sentence, changing and sending nothing', async () => {
    const questionId = await ask(askerNb, 'Hvem refuserer?');
    expect(await click(bot, outsider, 'qa.moderate.open', { sessionId }, inChannel(CHANNEL))).toBe(FORBIDDEN);
    expect(await click(bot, outsider, 'qa.moderate.show', { sessionId })).toBe(FORBIDDEN);
    expect(await click(bot, outsider, 'qa.moderate.answer', { sessionId, questionId, version: 1, [`answer-${questionId}`]: 'Et svar' })).toBe(FORBIDDEN);
    expect(await click(bot, outsider, 'qa.moderate.hide', { sessionId, questionId, version: 1, [`reason-${questionId}`]: 'Vekk' })).toBe(FORBIDDEN);
    expect((await question(questionId)).status).toBe('open');
    expect(await prisma().outboxMessage.count({ where: { personId: outsider.id } })).toBe(0);
  });

  it('sends the moderator the moderation card in their 1:1 chat through the outbox, answers the click in the channel with a sentence, and names every asker but the anonymous one', async () => {
    const named = await ask(askerNb, 'Når kommer opplæringen?');
    const anonymous = await ask(anonymousAsker, 'Hvorfor er søket så tregt?', { anonymous: true });
    const report = await ask(askerNn, 'Lagre-knappen gjer ingenting.', { kind: 'error_report' });
    await vote(named, voters[0]!, voters[1]!);
    bot.connector.clear();

    const response = await bot.post(actionExecuteActivity('qa.moderate.open', { sessionId }, as(bot, moderator, inChannel(CHANNEL))));
    // A message, not a card: the shared card that was clicked stays as it is.
    expect(response.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: SENT });
    const [sent] = await bot.connector.waitFor((activity) => activity.conversationId === personalConversation(moderator) && !!activity.body.attachments);
    expect(await prisma().outboxMessage.count({ where: { personId: moderator.id } })).toBe(1);
    const card = sent!.body.attachments![0]!.content as unknown as Card;
    const text = lines(card);
    expect(text).toContain('Moderering: Spørretime – felles oppstart');
    expect(text).toEqual(expect.arrayContaining(['Når kommer opplæringen?', 'Hvorfor er søket så tregt?', 'Lagre-knappen gjer ingenting.', 'Spørsmål · åpen', 'Feilmelding · åpen']));
    expect(text).toContain('Fra Berit Bokmål · 2 har stemt');
    expect(text).toContain('Anonym · 0 har stemt');
    expect(button(card, 'qa.moderate.answer', 'questionId', anonymous).data).toEqual({ sessionId, questionId: anonymous, version: 1 });
    expect(button(card, 'qa.moderate.reportKnownError', 'questionId', report)).toBeDefined();
    // Nothing in the card's JSON names the anonymous asker: not their name, person id or Entra id.
    const json = JSON.stringify(card);
    for (const trace of [anonymousAsker.name, 'Anonymsen', anonymousAsker.id, anonymousAsker.aadObjectId]) expect(json).not.toContain(trace);
    expect(JSON.stringify(await moderationCard())).not.toContain('Anonymsen');

    // First line moderates every session; the card comes in the moderator's language (here the Teams client's).
    expect(await click(bot, firstLine, 'qa.moderate.open', { sessionId }, { ...inChannel(CHANNEL), locale: 'en-GB' })).toBe('The moderation card is sent to your chat with Arkivlos.');
    const [english] = await bot.connector.waitFor((activity) => activity.conversationId === personalConversation(firstLine) && !!activity.body.attachments);
    expect(lines(english!.body.attachments![0]!.content as unknown as Card)).toEqual(
      expect.arrayContaining(['Moderating: Spørretime – felles oppstart', 'Question · open', 'From Berit Bokmål · Upvoted by 2', 'Anonymous · Upvoted by 0']),
    );
    // The card names people: only in the 1:1 chat.
    expect(await click(bot, moderator, 'qa.moderate.show', { sessionId }, inChannel(CHANNEL))).toBe(
      'Modereringskortet viser navn og brukes bare i chatten din med Arkivlos. Ingenting er endret.',
    );
  });

  it('answers only with a written answer, tells the asker and the voters in their language, edits the answer without telling anyone again, reopens it, and answers a stale card with the question as it is now', async () => {
    const questionId = await ask(askerNn, 'Korleis avskriv eg ein journalpost?');
    await vote(questionId, voters[2]!);
    let card = await moderationCard();

    const empty = asCard(await send(card, 'qa.moderate.answer', questionId, { answer: '   ' }));
    expect(lines(empty)).toContain('⚠ Skriv et svar før du merker spørsmålet som besvart.');
    expect((await question(questionId)).status).toBe('open');

    card = asCard(await send(empty, 'qa.moderate.answer', questionId, { answer: 'Vel «Avskriv» på kortet.' }));
    expect(lines(card)).toContain('✔ Svaret er lagret. Den som spurte og de som stemte, får beskjed.');
    expect(lines(card)).toContain('Svar: Vel «Avskriv» på kortet.');
    expect(await question(questionId)).toMatchObject({ status: 'answered', answer: 'Vel «Avskriv» på kortet.', answeredById: moderator.id });
    await bot.connector.waitFor((sent) => sent.conversationId === personalConversation(askerNn) && !!sent.body.text?.includes('Vel «Avskriv» på kortet.'));
    await bot.connector.waitFor((sent) => sent.conversationId === personalConversation(voters[2]!) && !!sent.body.text?.includes('Vel «Avskriv» på kortet.'));
    expect(textsTo(bot, askerNn).find((text) => text.includes('Vel «Avskriv»'))).toMatch(/^Spørsmålet ditt i «Spørretime – felles oppstart» er svart på\./);
    expect(textsTo(bot, voters[2]!).find((text) => text.includes('Vel «Avskriv»'))).toMatch(/^Et spørsmål du stemte på/);
    const toldBefore = await prisma().outboxMessage.count({ where: { personId: { in: [askerNn.id, voters[2]!.id] } } });

    const edited = asCard(await send(card, 'qa.moderate.editAnswer', questionId, { answer: 'Vel «Avskriv» og ein metode.' }));
    expect(lines(edited)).toContain('✔ Svaret er endret.');
    expect((await question(questionId)).answer).toBe('Vel «Avskriv» og ein metode.');
    expect(await prisma().outboxMessage.count({ where: { personId: { in: [askerNn.id, voters[2]!.id] } } })).toBe(toldBefore);

    // The card before the edit is stale now: its «Gjenåpne» changes nothing and shows the question as it is.
    const stale = asCard(await send(card, 'qa.moderate.reopen', questionId));
    expect(lines(stale)).toContain('⚠ Noen endret spørsmålet før deg. Ingenting er endret; kortet viser det slik det er nå.');
    expect(lines(stale)).toContain('Svar: Vel «Avskriv» og ein metode.');
    expect((await question(questionId)).status).toBe('answered');

    const reopened = asCard(await send(edited, 'qa.moderate.reopen', questionId));
    expect(lines(reopened)).toContain('✔ Spørsmålet er åpent igjen.');
    expect(await question(questionId)).toMatchObject({ status: 'open', answer: null });
  });

  it('hides a question only with a reason, and tells the asker the reason', async () => {
    const questionId = await ask(askerNb, 'Kan jeg få ny PC?');
    const card = await moderationCard();
    const refused = asCard(await send(card, 'qa.moderate.hide', questionId, { reason: '' }));
    expect(lines(refused)).toContain(`⚠ ${'Teksten er tom eller for lang. Et spørsmål kan ha høyst 1000 tegn, et svar eller en beskrivelse høyst 4000 og en tittel høyst 200.'}`);
    expect((await question(questionId)).status).toBe('open');

    const hidden = asCard(await send(refused, 'qa.moderate.hide', questionId, { reason: 'Dette hører hjemme i brukerstøtten.' }));
    expect(lines(hidden)).toContain('✔ Spørsmålet er skjult. Den som spurte, får begrunnelsen.');
    expect(lines(hidden)).toContain('Begrunnelse: Dette hører hjemme i brukerstøtten.');
    expect(button(hidden, 'qa.moderate.reopen', 'questionId', questionId)).toBeDefined();
    expect(await question(questionId)).toMatchObject({ status: 'hidden', hiddenReason: 'Dette hører hjemme i brukerstøtten.' });
    const [told] = await bot.connector.waitFor((sent) => sent.conversationId === personalConversation(askerNb) && !!sent.body.text?.includes('Kan jeg få ny PC?'));
    expect(told!.body.text).toContain('Begrunnelse: Dette hører hjemme i brukerstøtten.');
  });

  it('merges a duplicate into the question it repeats: the votes combine, nobody is counted twice, and the duplicate’s asker counts for the one kept', async () => {
    const kept = await ask(askerNb, 'Hvor finner jeg restanselisten?');
    const duplicate = await ask(askerNn, 'Kvar finn eg restanselista?');
    await vote(kept, voters[0]!, voters[1]!);
    await vote(duplicate, voters[1]!, voters[2]!);
    const card = await moderationCard();
    const form = button(card, 'qa.moderate.merge', 'questionId', duplicate);
    expect(form).toBeDefined();

    const merged = asCard(await send(card, 'qa.moderate.merge', duplicate, { into: kept }));
    expect(lines(merged)).toContain('✔ Spørsmålene er slått sammen: 4 har stemt på det som ble beholdt.');
    expect(lines(merged)).toContain('Slått sammen med: «Hvor finner jeg restanselisten?»');
    const votes = await prisma().qaVote.findMany({ where: { questionId: kept }, select: { personId: true } });
    expect(votes.map((row) => row.personId).sort()).toEqual([voters[0]!.id, voters[1]!.id, voters[2]!.id, askerNn.id].sort());
    expect(await question(duplicate)).toMatchObject({ status: 'merged', mergedIntoId: kept });
  });

  it('refuses card data naming a question of another session, or a session the moderator does not moderate, and changes nothing', async () => {
    const mine = await ask(askerNb, 'Mitt spørsmål');
    const theirs = await ask(askerNb, 'Et spørsmål om økonomi', { session: otherSessionId });
    expect(await click(bot, moderator, 'qa.moderate.answer', { sessionId, questionId: theirs, version: 1, [`answer-${theirs}`]: 'Forfalsket' })).toBe(FORBIDDEN);
    expect(await click(bot, moderator, 'qa.moderate.answer', { sessionId: otherSessionId, questionId: theirs, version: 1, [`answer-${theirs}`]: 'Forfalsket' })).toBe(FORBIDDEN);
    expect(await click(bot, moderator, 'qa.moderate.show', { sessionId: otherSessionId })).toBe(FORBIDDEN);
    // Merging into a question of another session: the rule refuses it on the card.
    const merged = asCard(await click(bot, moderator, 'qa.moderate.merge', { sessionId, questionId: mine, version: 1, [`into-${mine}`]: theirs }));
    expect(lines(merged)).toContain('⚠ Dette kunne jeg ikke bruke. Ingenting er endret.');
    expect(await question(theirs)).toMatchObject({ status: 'open', answer: null });
    expect(await question(mine)).toMatchObject({ status: 'open', mergedIntoId: null });
    expect(await click(bot, moderator, 'qa.moderate.answer', { sessionId, questionId: 'not-an-id', version: 1 })).toBe('Dette kunne jeg ikke bruke. Ingenting er endret.');
  });
});

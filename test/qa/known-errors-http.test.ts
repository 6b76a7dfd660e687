import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../domain/qa/create-session.js';
import { submitQuestion } from '../../domain/qa/submit-question.js';
import type { QaActor } from '../../domain/qa/vocabulary.js';
import { voteQuestion } from '../../domain/qa/vote-question.js';
import { messageActivity } from '../support/activities.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { as, button, click, clickCard, createPerson, lines, personalConversation, type Card, type Person } from './moderation-support.js';

const CHANNEL = '19:qa-known-errors@thread.tacv2';

describe('error reports become known errors, and the known-error register in the 1:1 chat, over HTTP (/api/messages)', () => {
  let bot: TestBot;
  let archivist: Person, outsider: Person, reporter: Person, voterEn: Person, voterNb: Person;
  let sessionId: string;
  const prisma = () => bot.arkivlos.database.prisma;
  const actor = (person: Person): QaActor => ({ personId: person.id, aadObjectId: person.aadObjectId });
  const report = async (asker: Person, text: string) =>
    (await submitQuestion(prisma(), { sessionId, kind: 'error_report', text, anonymous: false, asker: actor(asker), now: new Date() })).id;
  const asCard = (answer: Card | string): Card => {
    if (typeof answer === 'string') throw new Error(`expected a card, got: ${answer}`);
    return answer;
  };
  /** `kjente feil` typed in the 1:1 chat: the reply (a card, or a sentence). */
  const register = async (person: Person, words = 'kjente feil') => {
    bot.connector.clear();
    await bot.post(messageActivity(words, as(bot, person)));
    const [reply] = await bot.connector.waitFor((sent) => sent.conversationId === personalConversation(person) && sent.body.type === 'message');
    return reply!.body.attachments ? (reply!.body.attachments[0]!.content as unknown as Card) : reply!.body.text!;
  };
  /** «Endre status» on the register's card for one known error, with its form filled in. */
  const changeStatus = (card: Card, knownErrorId: string, status: string, vendorReference?: string) =>
    click(bot, archivist, 'knownErrors.changeStatus', {
      ...button(card, 'knownErrors.changeStatus', 'knownErrorId', knownErrorId).data,
      [`status-${knownErrorId}`]: status,
      ...(vendorReference !== undefined && { [`vendorReference-${knownErrorId}`]: vendorReference }),
    });

  beforeAll(async () => {
    bot = await startTestBot();
    [archivist, outsider, reporter, voterEn, voterNb] = (await Promise.all([
      createPerson(prisma(), bot, 'Arne Arkivar', { role: 'arkivet' }),
      createPerson(prisma(), bot, 'Olav Utenfor'),
      createPerson(prisma(), bot, 'Reidun Rapportør', { locale: 'nn' }),
      createPerson(prisma(), bot, 'Eric English', { locale: 'en' }),
      createPerson(prisma(), bot, 'Vera Velger'),
    ])) as [Person, Person, Person, Person, Person];
    const now = new Date();
    const once = { once: { startsAt: new Date(now.getTime() + 3_600_000), endsAt: new Date(now.getTime() + 7_200_000) } };
    sessionId = (await createSession(prisma(), { conversationId: CHANNEL, title: 'Spørretime – felles avslutning', anonymousAllowed: false, schedule: once, actor: actor(archivist), now }))[0]!.id;
  }, 60_000);
  afterAll(async () => {
    await bot?.stop();
  });

  it('refuses the register to someone without one of its roles, in words, and registers nothing', async () => {
    expect(await register(outsider)).toBe(
      'Registeret over kjente feil er for arkivet, fagspesialister, leverandørkontakter, systemadministratorer og administratorer. Ingenting er endret.',
    );
    const answer = await click(bot, outsider, 'knownErrors.create', { knownErrorTitle: 'Snik', knownErrorDescription: 'Snik' });
    expect(answer).toMatch(/^Registeret over kjente feil er for arkivet/);
    expect(await prisma().knownError.count({ where: { title: 'Snik' } })).toBe(0);
  });

  it('turns an error report into a known error and links another to it from the moderation card; the register needs the vendor’s reference for «meldt til leverandør», and «rettet» tells every reporter and voter in their 1:1 chat', async () => {
    const first = await report(reporter, 'Lagre-knappen gjer ingenting i journalposten.');
    const second = await report(voterNb, 'Jeg får ikke lagret journalposten.');
    await voteQuestion(prisma(), { questionId: first, voter: actor(voterEn), now: new Date() });
    await voteQuestion(prisma(), { questionId: first, voter: actor(voterNb), now: new Date() });

    let card = await clickCard(bot, archivist, 'qa.moderate.show', { sessionId });
    const make = button(card, 'qa.moderate.reportKnownError', 'questionId', first);
    card = asCard(
      await click(bot, archivist, 'qa.moderate.reportKnownError', { ...make.data, [`title-${first}`]: 'Lagring av journalpost feiler', [`description-${first}`]: 'Lagre gjør ingenting.' }),
    );
    expect(lines(card)).toContain('✔ Feilmeldingen er registrert som kjent feil.');
    expect(lines(card)).toContain('Kjent feil: Lagring av journalpost feiler (registrert)');
    const knownError = await prisma().knownError.findFirstOrThrow({ where: { title: 'Lagring av journalpost feiler' }, include: { links: true } });
    expect(knownError.links.map((link) => link.questionId)).toEqual([first]);

    const link = button(card, 'qa.moderate.linkKnownError', 'questionId', second);
    card = asCard(await click(bot, archivist, 'qa.moderate.linkKnownError', { ...link.data, [`knownError-${second}`]: knownError.id }));
    expect(lines(card)).toContain('✔ Feilmeldingen er koblet til den kjente feilen.');
    expect(await prisma().knownErrorLink.count({ where: { knownErrorId: knownError.id } })).toBe(2);

    const registerCard = await register(archivist, 'Kjente feil');
    if (typeof registerCard === 'string') throw new Error(registerCard);
    expect(lines(registerCard)).toContain('Lagring av journalpost feiler');
    const facts = JSON.stringify(registerCard);
    expect(facts).toContain('{"title":"Status","value":"registrert"}');
    expect(facts).toContain('{"title":"Meldinger knyttet til","value":"2"}');

    const refused = asCard(await changeStatus(registerCard, knownError.id, 'meldt_til_leverandor', ''));
    expect(lines(refused)).toContain('⚠ Skriv leverandørens referanse når feilen meldes til leverandøren.');
    expect((await prisma().knownError.findUniqueOrThrow({ where: { id: knownError.id } })).status).toBe('registrert');

    const reported = asCard(await changeStatus(refused, knownError.id, 'meldt_til_leverandor', 'CASE-4711'));
    expect(lines(reported)).toContain('✔ Status for «Lagring av journalpost feiler» er nå meldt til leverandør.');
    expect(await prisma().knownError.findUniqueOrThrow({ where: { id: knownError.id } })).toMatchObject({ status: 'meldt_til_leverandor', vendorReference: 'CASE-4711' });

    // The card from before that change is stale: nothing changes, the register shows it as it is.
    const stale = asCard(await changeStatus(refused, knownError.id, 'avvist'));
    expect(lines(stale)).toContain('⚠ Noen endret den kjente feilen før deg. Ingenting er endret; kortet viser den slik den er nå.');

    bot.connector.clear();
    const fixed = asCard(await changeStatus(reported, knownError.id, 'rettet', 'CASE-4711'));
    expect(lines(fixed)).toContain('✔ Status for «Lagring av journalpost feiler» er nå rettet. 3 som meldte eller stemte, får beskjed.');
    const toldTo = async (person: Person) =>
      (await bot.connector.waitFor((sent) => sent.conversationId === personalConversation(person) && !!sent.body.text))[0]!.body.text;
    expect(await toldTo(reporter)).toBe('Feilen du melde eller røysta på, er retta: «Lagring av journalpost feiler».');
    expect(await toldTo(voterEn)).toBe('The error you reported or voted for has been fixed: “Lagring av journalpost feiler”.');
    expect(await toldTo(voterNb)).toBe('Feilen du meldte eller stemte på, er rettet: «Lagring av journalpost feiler».');
    expect(bot.connector.sent.filter((sent) => sent.conversationId === personalConversation(archivist) && sent.body.text)).toEqual([]);
  });

  it('registers a new known error from the register’s card, and refuses one without a title', async () => {
    const card = await register(archivist);
    if (typeof card === 'string') throw new Error(card);
    const empty = asCard(await click(bot, archivist, 'knownErrors.create', { knownErrorTitle: '  ', knownErrorDescription: 'Noe' }));
    expect(lines(empty)[1]).toMatch(/^⚠ Teksten er tom eller for lang/);
    const created = asCard(await click(bot, archivist, 'knownErrors.create', { knownErrorTitle: 'Utskrift av brev henger', knownErrorDescription: 'Forhåndsvisningen laster aldri.' }));
    expect(lines(created)).toContain('✔ Den kjente feilen «Utskrift av brev henger» er registrert.');
    expect(await prisma().knownError.findFirst({ where: { title: 'Utskrift av brev henger' } })).toMatchObject({ status: 'registrert', description: 'Forhåndsvisningen laster aldri.' });
  });
});

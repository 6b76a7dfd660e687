import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { actionExecuteActivity, messageActivity, type ActivityOptions, type TestUser } from '../support/activities.js';
import { startTestBot, type TestBot } from '../support/bot.js';

const ALEX = { aadObjectId: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber' }; // saksbehandler
const MEGAN = { aadObjectId: '00000000-0000-0000-0000-0000000000021', name: 'Megan Bowen' }; // leader of OKO
const STRANGER = { aadObjectId: '9a1c2b3d-0000-4000-8000-00000000dead', name: 'Ukjent' };
// Thursday 26 November 2026, 11:00 in Oslo.
const NOW = new Date('2026-11-26T10:00:00Z');

type Element = { type: string; id?: string; text?: string; label?: string; items?: Element[]; actions?: Action[] };
type Action = { type: string; title: string; verb?: string; data?: Record<string, unknown>; associatedInputs?: string };
type Card = { speak: string; body: Element[]; actions?: Action[] };

const elements = (list: Element[]): Element[] => list.flatMap((element) => [element, ...elements(element.items ?? [])]);
const cardLines = (card: Card) => elements(card.body).flatMap((element) => (element.text === undefined ? [] : [element.text]));
const actionsOf = (card: Card): Action[] => [...elements(card.body).flatMap((element) => element.actions ?? []), ...(card.actions ?? [])];

describe('fravær over HTTP (/api/messages)', () => {
  let bot: TestBot;
  const prisma = () => bot.arkivlos.database.prisma;
  const as = (user: TestUser, extra: Partial<ActivityOptions> = {}): ActivityOptions => ({ serviceUrl: bot.connector.url, user, ...extra });

  const say = async (text: string, options: ActivityOptions) => {
    bot.connector.clear();
    expect((await bot.post(messageActivity(text, options))).status).toBe(200);
    const [reply] = await bot.connector.waitFor((activity) => activity.body.type === 'message');
    return { card: reply!.body.attachments?.[0]?.content as unknown as Card | undefined, text: reply!.body.text };
  };
  const sayCard = async (text: string, options: ActivityOptions) => {
    const { card, text: said } = await say(text, options);
    if (!card) throw new Error(`expected a card, got: ${said}`);
    return card;
  };
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
  const absencesOf = async (user: TestUser) =>
    (
      await prisma().absence.findMany({ where: { person: { aadObjectId: user.aadObjectId } }, orderBy: { fromDate: 'asc' } })
    ).map((row) => `${row.fromDate.toISOString().slice(0, 10)}..${row.toDate.toISOString().slice(0, 10)}`);

  beforeAll(async () => {
    bot = await startTestBot({}, { now: () => NOW });
  });
  afterAll(async () => {
    await bot?.stop();
  });
  beforeEach(async () => {
    await prisma().absence.deleteMany();
    await prisma().person.updateMany({ data: { chosenLocale: null } });
  });

  it('«fravær 23.12–2.1» registers 23 December to 2 January next year, confirms the dates and reminds of the automatic reply with the post address', async () => {
    const card = await sayCard('fravær 23.12–2.1', as(ALEX));
    expect(cardLines(card)).toContain('✔ Fraværet ditt er registrert: onsdag 23. desember 2026 – lørdag 2. januar 2027.');
    expect(cardLines(card)).toContain(
      '⚠ Husk å sette automatisk svar i e-posten din, og skriv at henvendelser kan sendes til postmottak@eksempel.kommune.no mens du er borte.',
    );
    expect(card.speak).toBe('Fraværet ditt er registrert: onsdag 23. desember 2026 – lørdag 2. januar 2027.');
    expect(await absencesOf(ALEX)).toEqual(['2026-12-23..2027-01-02']);
    const audit = await prisma().auditEntry.findFirstOrThrow({ where: { action: 'absence.registered' }, orderBy: { id: 'desc' } });
    expect(audit.actor).toBe(ALEX.aadObjectId);
  });

  it('answers in nynorsk to «fråvær» and in English to «away … to …»', async () => {
    await prisma().person.update({ where: { aadObjectId: ALEX.aadObjectId }, data: { chosenLocale: 'nn' } });
    const nn = await sayCard('fråvær 4.12', as(ALEX));
    expect(cardLines(nn)).toContain('✔ Fråværet ditt er registrert: fredag 4. desember 2026.');
    expect(cardLines(nn).some((line) => line.startsWith('⚠ Hugs å setje automatisk svar'))).toBe(true);

    await prisma().person.update({ where: { aadObjectId: ALEX.aadObjectId }, data: { chosenLocale: 'en' } });
    const en = await sayCard('away 8.12.2026 to 9.12.26', as(ALEX));
    expect(cardLines(en)).toContain('✔ Your absence is registered: Tuesday, 8 December 2026 – Wednesday, 9 December 2026.');
    expect(await absencesOf(ALEX)).toEqual(['2026-12-04..2026-12-04', '2026-12-08..2026-12-09']);
  });

  it('an absence that overlaps one registered before is joined with it', async () => {
    await sayCard('fravær 23.12–28.12', as(ALEX));
    const card = await sayCard('fravær 27.12 til 2.1', as(ALEX));
    expect(cardLines(card)).toContain(
      '✔ Fraværet ditt er registrert og slått sammen med fravær du hadde fra før: onsdag 23. desember 2026 – lørdag 2. januar 2027.',
    );
    expect(await absencesOf(ALEX)).toEqual(['2026-12-23..2027-01-02']);
  });

  it('names what it did not understand, refuses a past range and an end before the start, and registers nothing', async () => {
    expect((await say('fravær neste uke', as(ALEX))).text).toBe(
      '«neste uke» er ikke en dato jeg forstår. Skriv datoer som 23.12 eller 23.12.2026, og fra og til med tankestrek eller «til», for eksempel fravær 23.12–2.1. Ingenting er registrert.',
    );
    expect((await say('fravær 23.12–jul', as(ALEX))).text).toMatch(/^«jul» er ikke en dato/);
    expect((await say('fravær 31.4', as(ALEX))).text).toBe('Datoen «31.4» finnes ikke. Ingenting er registrert.');
    expect((await say('fravær 1.11.2026–20.11.2026', as(ALEX))).text).toBe(
      'Dette fraværet sluttet fredag 20. november 2026, og det er allerede over. Registrer fravær som varer til i dag eller senere. Ingenting er registrert.',
    );
    expect((await say('fravær 2.1.2027–23.12.2026', as(ALEX))).text).toBe(
      'Den siste dagen (onsdag 23. desember 2026) er før den første (lørdag 2. januar 2027). Ingenting er registrert.',
    );
    expect(await absencesOf(ALEX)).toEqual([]);
  });

  it('«fravær» alone lists the absences with an accessible «Slett» on each; the click deletes, a second click changes nothing', async () => {
    await sayCard('fravær 23.12–2.1', as(ALEX));
    await sayCard('fravær 22.2.2027–26.2.2027', as(ALEX));
    const list = await sayCard('fravær', as(ALEX));
    expect(list.speak).toBe('Du har registrert 2 fravær fra i dag og fremover.');
    expect(cardLines(list)).toEqual(expect.arrayContaining(['ons. 23. des. 2026 – lør. 2. jan. 2027 (11 dager)']));
    const removes = actionsOf(list).filter((action) => action.verb === 'absence.remove');
    expect(removes.map((action) => action.title)).toEqual([
      'Slett fraværet onsdag 23. desember 2026 – lørdag 2. januar 2027',
      'Slett fraværet mandag 22. februar 2027 – fredag 26. februar 2027',
    ]);
    expect(removes.every((action) => action.associatedInputs === 'none')).toBe(true);

    const after = await clickCard('absence.remove', removes[0]!.data!, as(ALEX));
    expect(cardLines(after)).toContain('✔ Fraværet er slettet: onsdag 23. desember 2026 – lørdag 2. januar 2027.');
    expect(await absencesOf(ALEX)).toEqual(['2027-02-22..2027-02-26']);
    const again = await clickCard('absence.remove', removes[0]!.data!, as(ALEX));
    expect(cardLines(again)).toContain('Dette fraværet er allerede slettet. Ingenting er endret.');
    expect(await absencesOf(ALEX)).toEqual(['2027-02-22..2027-02-26']);
    expect(await prisma().auditEntry.count({ where: { action: 'absence.removed' } })).toBeGreaterThanOrEqual(1);
  });

  it('someone else’s absence cannot be deleted from a forged card', async () => {
    await sayCard('fravær 23.12–2.1', as(MEGAN));
    const megans = await prisma().absence.findFirstOrThrow();
    const answer = await clickCard('absence.remove', { absenceId: megans.id }, as(ALEX));
    expect(cardLines(answer)).toContain('Dette fraværet er allerede slettet. Ingenting er endret.');
    expect(await absencesOf(MEGAN)).toEqual(['2026-12-23..2027-01-02']);
    expect(await click('absence.remove', { absenceId: 'x' }, as(ALEX))).toBe('Dette kunne jeg ikke bruke. Ingenting er endret.');
  });

  it('«fravær slett 24.12» deletes the absence with that day; «fravær slett» alone asks which', async () => {
    await sayCard('fravær 23.12–2.1', as(ALEX));
    const ask = await sayCard('fravær slett', as(ALEX));
    expect(cardLines(ask)).toContain('Velg fraværet du vil slette.');
    const none = await sayCard('fravær slett 5.12', as(ALEX));
    expect(cardLines(none)).toContain('⚠ Du har ikke registrert fravær lørdag 5. desember 2026. Ingenting er endret.');
    const removed = await sayCard('fravær slett 24.12', as(ALEX));
    expect(cardLines(removed)).toContain('✔ Fraværet er slettet: onsdag 23. desember 2026 – lørdag 2. januar 2027.');
    expect(await absencesOf(ALEX)).toEqual([]);
  });

  it('the card’s date fields register an absence, and a past one is refused on the card', async () => {
    const list = await sayCard('fravær', as(ALEX));
    expect(elements(list.body).filter((element) => element.type === 'Input.Date').map((input) => input.label)).toEqual([
      'Første dag du er borte',
      'Siste dag du er borte',
    ]);
    const registered = await clickCard('absence.register', { from: '2026-12-23', to: '2027-01-02' }, as(ALEX));
    expect(cardLines(registered)).toContain('✔ Fraværet ditt er registrert: onsdag 23. desember 2026 – lørdag 2. januar 2027.');
    const refused = await clickCard('absence.register', { from: '2026-11-01', to: '2026-11-02' }, as(ALEX));
    expect(cardLines(refused)[1]).toMatch(/^⚠ Dette fraværet sluttet mandag 2\. november 2026/);
    expect(await click('absence.register', { from: '23.12', to: '2.1' }, as(ALEX))).toBe('Dette kunne jeg ikke bruke. Ingenting er endret.');
    expect(await absencesOf(ALEX)).toEqual(['2026-12-23..2027-01-02']);
  });

  it('is refused in a group chat and for someone the organisation does not know', async () => {
    const group = { conversationType: 'groupChat' as const, conversationId: '19:gruppe@thread.v2' };
    expect((await say('fravær 23.12–2.1', as(ALEX, group))).text).toBe(
      'Fravær registrerer du i din personlige chat med Arkivlos: skriv fravær der.',
    );
    expect((await say('fravær 23.12–2.1', as(STRANGER))).text).toMatch(/^Du er ikke registrert som aktiv i organisasjonen/);
    expect(await prisma().absence.count()).toBe(0);
  });

  it('the help card lists «fravær <fra>–<til>» for members, with a button to the absence card', async () => {
    const help = await sayCard('hjelp', as(ALEX));
    const json = JSON.stringify(help);
    expect(json).toContain('fravær <fra>–<til>');
    expect(actionsOf(help).some((action) => action.verb === 'absence.show')).toBe(true);
    const shown = await clickCard('absence.show', {}, as(ALEX));
    expect(cardLines(shown)[0]).toBe('Fravær');
    const strangerHelp = JSON.stringify(await sayCard('hjelp', as(STRANGER)));
    expect(strangerHelp).not.toContain('fravær');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInRegistry } from '../../domain/archive/registry/built-in-registry.js';
import { actionExecuteActivity, messageActivity, type ActivityOptions, type TestUser } from '../support/activities.js';
import { ARCHIVE_NOW, actorOf, createTeam, type Team } from '../support/archive.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { createPersonWithRole, seedDailyWork } from '../support/daily.js';

type Element = { type: string; text?: string; style?: string; items?: Element[]; actions?: Action[] };
type Action = { type: string; title: string; verb?: string; data?: Record<string, unknown> };
type Card = { speak: string; body: Element[]; actions?: Action[] };

const elements = (list: Element[]): Element[] => list.flatMap((element) => [element, ...elements(element.items ?? [])]);
const lines = (card: Card) => elements(card.body).flatMap((element) => (element.text === undefined ? [] : [element.text]));
/** The section headings (style heading inside a section's container), without their counts. */
const headings = (card: Card) => elements(card.body).filter((element) => element.style === 'heading' && element !== card.body[0]).map((element) => element.text!.replace(/ \(\d+\)$/, ''));
const person = (p: { aadObjectId: string; name: string }): TestUser => ({ aadObjectId: p.aadObjectId, name: p.name });

describe('oppgaver over HTTP (/api/messages)', () => {
  let bot: TestBot;
  let team: Team;
  let deputyTeam: Team;
  let topApprover: { id: string; aadObjectId: string; name: string };
  let archivist: { id: string; aadObjectId: string; name: string };
  let seeded: Awaited<ReturnType<typeof seedDailyWork>>;
  const prisma = () => bot.arkivlos.database.prisma;
  const as = (user: TestUser, extra: Partial<ActivityOptions> = {}): ActivityOptions => ({ serviceUrl: bot.connector.url, user, ...extra });

  const say = async (text: string, options: ActivityOptions) => {
    bot.connector.clear();
    expect((await bot.post(messageActivity(text, options))).status).toBe(200);
    const [reply] = await bot.connector.waitFor((activity) => activity.body.type === 'message');
    const card = reply!.body.attachments?.[0]?.content as unknown as Card | undefined;
    if (!card) throw new Error(`expected a card, got: ${reply!.body.text}`);
    return card;
  };

  beforeAll(async () => {
    bot = await startTestBot({}, { now: () => ARCHIVE_NOW });
    topApprover = await createPersonWithRole(prisma(), 'Rådmann', 'toppgodkjenner');
    archivist = await createPersonWithRole(prisma(), 'Arkivar', 'arkivet');
    team = await createTeam(prisma(), 'Byggesak');
    seeded = await seedDailyWork(prisma(), team, { topApproverId: topApprover.id });
    deputyTeam = await createTeam(prisma(), 'Barnevern');
    await seedDailyWork(prisma(), deputyTeam);
  }, 60_000);
  afterAll(async () => {
    await bot?.stop();
  });

  it('shows a caseworker every caseworker section in the 1:1 chat, with full titles and a button for each action', async () => {
    const card = await say('oppgaver', as(person(team.caseworker)));
    expect(lines(card)[0]).toBe('Mine oppgaver torsdag 26. november 2026');
    expect(headings(card)).toEqual([
      'Innboks journalført post',
      'Mine restanser',
      'Forfallsliste',
      'Mine konsepter',
      'Oppfølging av saker',
      'Vedtak til oppfølging',
      'Til offentlighetsvurdering',
    ]);
    expect(lines(card).some((line) => line.includes('Søknad om sosialhjelp – Kari Nordmann'))).toBe(true);
    expect(card.speak).toMatch(/^Mine oppgaver torsdag 26\. november 2026: Innboks journalført post 1, Mine restanser \d+/);
    const verbs = new Set(elements(card.body).flatMap((element) => element.actions ?? []).map((action) => action.verb));
    expect([...verbs].sort()).toEqual(['daily.exempt', 'daily.public', 'daily.receiptDecision', 'daily.returnToLeader', 'daily.setDueDate', 'daily.setObsDate', 'daily.writeOff']);
    expect(card.actions?.map((action) => action.verb)).toEqual(['daily.whenEmpty']);
  });

  it('answers «oppgåver» in nynorsk and «tasks» in English', async () => {
    await prisma().person.update({ where: { id: team.caseworker.id }, data: { chosenLocale: 'nn' } });
    expect(headings(await say('oppgåver', as(person(team.caseworker))))).toContain('Mine restansar');
    await prisma().person.update({ where: { id: team.caseworker.id }, data: { chosenLocale: 'en' } });
    expect(headings(await say('tasks', as(person(team.caseworker))))).toContain('My backlog');
    await prisma().person.update({ where: { id: team.caseworker.id }, data: { chosenLocale: null } });
  });

  it('warns «Foreløpig svar bør sendes» on an enkeltvedtak entry nearing a month, and *** clears the warning', async () => {
    const warning = '⚠ Foreløpig svar bør sendes (forvaltningsloven § 11 a).';
    const before = await say('oppgaver', as(person(team.caseworker)));
    expect(lines(before)).toContain(warning);
    const archive = builtInRegistry(prisma());
    const [entry] = await archive.entriesById([seeded.enkeltvedtak.entryIds[0]!]);
    const result = await archive.writeOff({ entryId: entry!.id, expectedVersion: entry!.version, method: '***', actor: actorOf(team.caseworker), now: ARCHIVE_NOW });
    expect(result.outcome).toBe('done');
    const after = await say('oppgaver', as(person(team.caseworker)));
    expect(lines(after)).not.toContain(warning);
    // Still in the backlog: a foreløpig svar is no answer.
    expect(lines(after)).toContain('Foreløpig svar er sendt.');
    expect(lines(after).some((line) => line.includes('Søknad om bostøtte – Per Hansen'))).toBe(true);
  });

  it('shows a leader every leader section of their unit, with the sender’s merknad', async () => {
    const card = await say('oppgaver', as(person(team.leader)));
    const unit = team.unit.name;
    expect(headings(card)).toEqual([`Ufordelte journalposter – ${unit}`, `Til offentlighetsvurdering – ${unit}`, `Restanser i enheten – ${unit}`, 'Til godkjenning']);
    expect(lines(card)).toContain(`Merknad fra ${team.caseworker.name}: Se særlig punkt 3`);
    expect(lines(card).some((line) => /^Enheten har \d+ journalposter som ikke er besvart eller avskrevet\.$/.test(line))).toBe(true);
  });

  it('shows the top approver the saksframlegg for final approval, and the archive its control lists', async () => {
    const top = await say('oppgaver', as(person(topApprover)));
    expect(headings(top)).toEqual(['For endelig godkjenning']);
    expect(lines(top).some((line) => line.includes('Saksframlegg: skolestruktur'))).toBe(true);
    const archive = await say('oppgaver', as(person(archivist)));
    expect(headings(archive)).toContain('Til endelig journalføring');
    expect(lines(archive).some((line) => line.includes('Saksframlegg: budsjett 2027'))).toBe(true);
  });

  it('gives the deputy an away leader’s sections marked «som stedfortreder for …» and pauses the leader’s card', async () => {
    await prisma().unitDeputy.create({ data: { unitId: deputyTeam.unit.id, personId: deputyTeam.colleague.id, rank: 1 } });
    const deputyBefore = await say('oppgaver', as(person(deputyTeam.colleague)));
    expect(headings(deputyBefore).some((heading) => heading.includes('stedfortreder'))).toBe(false);

    await prisma().absence.create({ data: { personId: deputyTeam.leader.id, fromDate: new Date('2026-11-23'), toDate: new Date('2026-11-27') } });
    const deputy = await say('oppgaver', as(person(deputyTeam.colleague)));
    const marker = `(som stedfortreder for ${deputyTeam.leader.name})`;
    const unit = deputyTeam.unit.name;
    expect(headings(deputy)).toEqual([
      'Mine restanser',
      'Til offentlighetsvurdering',
      `Ufordelte journalposter – ${unit} ${marker}`,
      `Til offentlighetsvurdering – ${unit} ${marker}`,
      `Restanser i enheten – ${unit} ${marker}`,
      `Til godkjenning ${marker}`,
    ]);
    const leader = await say('oppgaver', as(person(deputyTeam.leader)));
    expect(headings(leader)).toEqual([]);
    expect(lines(leader)).toContain('Du er registrert borte i dag, så kortet ditt står på pause. Er du leder, får stedfortrederen din ledersakene dine så lenge.');
  });

  it('shows only public titles of screened entries in a group chat, and no one’s name', async () => {
    const card = await say('oppgaver', as(person(team.leader), { conversationType: 'groupChat', conversationId: '19:gruppe@thread.v2' }));
    const text = lines(card).join('\n');
    expect(text).toContain('Klage');
    expect(text).not.toContain('Klage fra Ola Nordmann');
    expect(text).not.toContain(team.caseworker.name);
    expect(card.actions ?? []).toEqual([]);
    expect(elements(card.body).flatMap((element) => element.actions ?? [])).toEqual([]);
    const own = await say('oppgaver', as(person(team.leader)));
    expect(lines(own).join('\n')).toContain('Klage fra Ola Nordmann');
  });

  it('tells someone with nothing to do so, and stores «send meg kortet også når alt er gjort» from the card', async () => {
    const idle = await createTeam(prisma(), 'Stille');
    const card = await say('oppgaver', as(person(idle.colleague)));
    expect(lines(card)).toContain('Du har ingen oppgaver i dag.');
    const toggle = card.actions!.find((action) => action.verb === 'daily.whenEmpty')!;
    expect(toggle.title).toBe('Send meg kortet også når alt er gjort');
    const response = await bot.post(actionExecuteActivity(toggle.verb!, toggle.data!, as(person(idle.colleague))));
    const saved = (response.body as { value: Card }).value;
    expect(lines(saved)).toContain('✔ Lagret: du får kortet også når alt er gjort.');
    expect(saved.actions!.map((action) => action.title)).toEqual(['Send meg bare kortet når jeg har noe å gjøre']);
    expect((await prisma().person.findUniqueOrThrow({ where: { id: idle.colleague.id } })).dailyCardWhenEmpty).toBe(true);
    const audit = await prisma().auditEntry.findFirstOrThrow({ where: { action: 'person.dailyCardWhenEmpty' }, orderBy: { id: 'desc' } });
    expect(audit.actor).toBe(idle.colleague.aadObjectId);

    const bad = await bot.post(actionExecuteActivity('daily.whenEmpty', { whenEmpty: 'ja' }, as(person(idle.colleague))));
    expect((bad.body as { value: string }).value).toBe('Dette kunne jeg ikke bruke. Ingenting er endret.');
  });

  it('tells someone the organisation does not know that they are not registered', async () => {
    bot.connector.clear();
    await bot.post(messageActivity('oppgaver', as({ aadObjectId: '9a1c2b3d-0000-4000-8000-00000000dead', name: 'Ukjent' })));
    const [reply] = await bot.connector.waitFor((activity) => activity.body.type === 'message');
    expect(reply!.body.text).toMatch(/^Du er ikke registrert som aktiv/);
  });
});

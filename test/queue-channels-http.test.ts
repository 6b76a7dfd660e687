import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { channelMessageActivity, messageActivity, type ChannelOptions } from './support/activities.js';
import { startTestBot, type TestBot } from './support/bot.js';

const ADELE = { aadObjectId: '00000000-0000-0000-0000-0000000000022', name: 'Adele Vance' }; // arkivet
const SIGRID = { aadObjectId: '4c70f70d-c03a-4145-b03e-53c56d1096c9', name: 'Sigrid Dahl' }; // administrator
const ALEX = { aadObjectId: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber' }; // saksbehandler
const PATTI = { aadObjectId: '00000000-0000-0000-0000-0000000000024', name: 'Patti Fernandez' }; // fagspesialist økonomi

const TEAM = '19:support-team-general@thread.tacv2';
const ARKIV_CHANNEL = '19:arkivet-kanal@thread.tacv2';
const OKONOMI_CHANNEL = '19:okonomi-kanal@thread.tacv2';
const OTHER_CHANNEL = '19:annen-kanal@thread.tacv2';

type Card = { speak?: string; body: { type: string; text?: string; color?: string }[] };
const cardText = (card: Card) => card.body.map((element) => element.text ?? '').join('\n');

describe('queue channels over HTTP (/api/messages)', () => {
  let bot: TestBot;
  const prisma = () => bot.arkivlos.database.prisma;

  const inChannel = (user: typeof ADELE, channelId: string, extra: Partial<ChannelOptions> = {}): ChannelOptions => ({
    serviceUrl: bot.connector.url,
    user,
    channelId,
    teamId: TEAM,
    ...extra,
  });

  /** Posts a channel message and returns the one reply: a card's text, or the plain text. */
  async function say(text: string, options: ChannelOptions): Promise<{ card?: Card; text?: string; conversationId: string }> {
    bot.connector.clear();
    const response = await bot.post(channelMessageActivity(text, options));
    expect(response.status).toBe(200);
    const [reply] = await bot.connector.waitFor((a) => a.body.type === 'message');
    const card = reply!.body.attachments?.[0]?.content as Card | undefined;
    return { card, text: reply!.body.text, conversationId: reply!.conversationId };
  }

  beforeAll(async () => {
    bot = await startTestBot({ LOG_LEVEL: 'warn' });
  });
  afterAll(async () => {
    await bot?.stop();
  });
  beforeEach(async () => {
    await prisma().queueChannel.deleteMany();
    await prisma().auditEntry.deleteMany({ where: { entity: 'queue_channel' } });
  });

  it('an arkivet person binds the first line with @Arkivlos koble kø førstelinje: the card in the channel says so and who bound it', async () => {
    const reply = await say('koble kø førstelinje', inChannel(ADELE, ARKIV_CHANNEL, { channelName: 'Arkivet – kø' }));
    expect(reply.conversationId.startsWith(ARKIV_CHANNEL)).toBe(true); // answered in the channel
    expect(cardText(reply.card!)).toContain('✔ Denne kanalen er nå køen for førstelinjen (arkivet).');
    expect(cardText(reply.card!)).toMatch(/Koblet av Adele Vance, \d\d\.\d\d\.\d{4},? \d\d:\d\d\./);
    expect(reply.card!.speak).toBe('Kanalen er nå køen for førstelinjen (arkivet).');

    const rows = await prisma().queueChannel.findMany({ include: { boundBy: true } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      line: 'forstelinje',
      unitId: null,
      subjectAreaId: null,
      // The channel's own id, not the thread the command was typed in.
      conversationId: ARKIV_CHANNEL,
      teamId: TEAM,
      channelId: ARKIV_CHANNEL,
      channelName: 'Arkivet – kø',
    });
    expect(rows[0]!.boundBy.aadObjectId).toBe(ADELE.aadObjectId);
    // The outbox can post to the channel: its reference is stored under the same id.
    const reference = await prisma().conversationReference.findUnique({ where: { conversationId: ARKIV_CHANNEL } });
    expect(reference?.scope).toBe('channel');
    expect((reference?.reference as { conversation: { id: string } }).conversation.id).toBe(ARKIV_CHANNEL);

    const audit = await prisma().auditEntry.findMany({ where: { entity: 'queue_channel' } });
    expect(audit.map((entry) => [entry.action, entry.actor, entry.entityId])).toEqual([['queue.bind', ADELE.aadObjectId, rows[0]!.id]]);
  });

  it('fagspesialister are bound to a subject area by its name or its code, in any letter case', async () => {
    const byName = await say('koble kø fagspesialister Økonomi', inChannel(SIGRID, OKONOMI_CHANNEL));
    expect(cardText(byName.card!)).toContain('Denne kanalen er nå køen for fagspesialistene i Økonomi.');
    const okonomi = await prisma().subjectArea.findUniqueOrThrow({ where: { code: 'OKONOMI' } });
    expect(await prisma().queueChannel.findMany({ select: { line: true, subjectAreaId: true, unitId: true } })).toEqual([
      { line: 'fagspesialist', subjectAreaId: okonomi.id, unitId: null },
    ]);

    await prisma().queueChannel.deleteMany();
    const byCode = await say('kople kø fagspesialistar okonomi', inChannel(SIGRID, OKONOMI_CHANNEL, { locale: 'nn-NO' }));
    expect(cardText(byCode.card!)).toContain('Denne kanalen er no køen for fagspesialistane i Økonomi.');
    expect(await prisma().queueChannel.count({ where: { subjectAreaId: okonomi.id } })).toBe(1);
  });

  it('process advisers are bound to a unit, in English too', async () => {
    const reply = await say('bind queue process-advisers OKO', inChannel(SIGRID, OKONOMI_CHANNEL, { locale: 'en-US' }));
    expect(cardText(reply.card!)).toContain('This channel is now the queue of the process advisers of Økonomiavdelingen.');
    const oko = await prisma().unit.findUniqueOrThrow({ where: { code: 'OKO' } });
    expect(await prisma().queueChannel.count({ where: { line: 'prosessradgiver', unitId: oko.id } })).toBe(1);
  });

  it('an unknown unit gets a sentence listing the units there are, and nothing is stored', async () => {
    const reply = await say('koble kø prosessrådgivere Skatteetaten', inChannel(ADELE, OKONOMI_CHANNEL));
    expect(reply.card).toBeUndefined();
    expect(reply.text).toContain('Fant ingen enhet «Skatteetaten». Enhetene: ');
    for (const unit of ['Dokumentsenteret (DOKU)', 'Økonomiavdelingen (OKO)', 'Plan og bygg (PLB)', 'Nordby skole (NSK)']) expect(reply.text).toContain(unit);
    expect(reply.text).toContain('Ingenting er endret.');
    expect(await prisma().queueChannel.count()).toBe(0);
  });

  it('a unit or subject area left out is asked for, with the choices; an unknown line names the lines', async () => {
    const missing = await say('koble kø fagspesialister', inChannel(ADELE, OKONOMI_CHANNEL));
    expect(missing.text).toContain('Skriv hvilket saksområde fagspesialistene har, etter «koble kø fagspesialister». Saksområdene: ');
    expect(missing.text).toContain('Økonomi (OKONOMI)');
    const unknownLine = await say('koble kø økonomi', inChannel(ADELE, OKONOMI_CHANNEL));
    expect(unknownLine.text).toBe(
      '«økonomi» er ingen linje. Skriv en av disse etter «koble kø»: førstelinje, prosessrådgivere <enhet>, fagspesialister <saksområde>, leverandør, systemadministrator. Ingenting er endret.',
    );
    const extra = await say('koble kø leverandør Visma', inChannel(ADELE, OKONOMI_CHANNEL));
    expect(extra.text).toBe('Køen for leverandørkontaktene gjelder hele linjen: skriv bare «koble kø leverandør». Ingenting er endret.');
    expect(await prisma().queueChannel.count()).toBe(0);
  });

  it('a caseworker is refused in words, and nothing is stored or audited', async () => {
    const reply = await say('koble kø førstelinje', inChannel(ALEX, ARKIV_CHANNEL));
    expect(reply.text).toBe('Bare arkivet og administratorer for Arkivlos kan bruke «koble kø». Ingenting er endret.');
    const unbind = await say('koble fra kø', inChannel(ALEX, ARKIV_CHANNEL));
    expect(unbind.text).toBe('Bare arkivet og administratorer for Arkivlos kan bruke «koble fra kø». Ingenting er endret.');
    expect(await prisma().queueChannel.count()).toBe(0);
    expect(await prisma().auditEntry.count({ where: { entity: 'queue_channel' } })).toBe(0);
  });

  it.each([
    ['a 1:1 chat', 'personal' as const, 'a:adele-personal'],
    ['a group chat', 'groupChat' as const, '19:gruppe@thread.v2'],
  ])('in %s the binding is refused: it is done in the channel that is to become a queue', async (_name, conversationType, conversationId) => {
    bot.connector.clear();
    await bot.post(messageActivity('koble kø førstelinje', { serviceUrl: bot.connector.url, user: ADELE, conversationType, conversationId }));
    const [reply] = await bot.connector.waitFor((a) => a.body.type === 'message');
    expect(reply!.body.text).toBe(
      'Dette gjøres i kanalen som skal bli kø: legg Arkivlos til i teamet, og skriv @Arkivlos koble kø førstelinje i kanalen. Ingenting er endret.',
    );
    expect(await prisma().queueChannel.count()).toBe(0);
  });

  it('koble fra kø unbinds the channel and audits it; a second time there is nothing to unbind', async () => {
    await say('koble kø førstelinje', inChannel(ADELE, ARKIV_CHANNEL));
    const unbound = await say('koble fra kø', inChannel(SIGRID, ARKIV_CHANNEL));
    expect(cardText(unbound.card!)).toContain('✔ Denne kanalen er ikke lenger køen for førstelinjen (arkivet).');
    expect(cardText(unbound.card!)).toContain('Koblet fra av Sigrid Dahl');
    expect(await prisma().queueChannel.count()).toBe(0);
    const again = await say('koble fra kø', inChannel(SIGRID, ARKIV_CHANNEL));
    expect(cardText(again.card!)).toContain('⚠ Denne kanalen er ikke en kø. Ingenting er endret.');
    const audit = await prisma().auditEntry.findMany({ where: { entity: 'queue_channel' }, orderBy: { id: 'asc' } });
    expect(audit.map((entry) => [entry.action, entry.actor])).toEqual([
      ['queue.bind', ADELE.aadObjectId],
      ['queue.unbind', SIGRID.aadObjectId],
    ]);
  });

  it('binding a line that has a channel moves it, and the answer says where it was', async () => {
    await say('koble kø førstelinje', inChannel(ADELE, ARKIV_CHANNEL, { channelName: 'Arkivet – kø' }));
    const moved = await say('koble kø førstelinje', inChannel(ADELE, OTHER_CHANNEL));
    expect(cardText(moved.card!)).toContain('Denne kanalen er nå køen for førstelinjen (arkivet).');
    expect(cardText(moved.card!)).toContain('Køen for førstelinjen (arkivet) var i kanalen «Arkivet – kø» og er flyttet hit.');
    expect(await prisma().queueChannel.findMany({ select: { conversationId: true } })).toEqual([{ conversationId: OTHER_CHANNEL }]);

    // A channel holds one queue: binding another line here ends the first line's queue here.
    const replaced = await say('koble kø systemadministrator', inChannel(ADELE, OTHER_CHANNEL));
    expect(cardText(replaced.card!)).toContain('Denne kanalen er nå køen for systemadministratorene.');
    expect(cardText(replaced.card!)).toContain('Kanalen var køen for førstelinjen (arkivet). Det er den ikke lenger.');
    expect(await prisma().queueChannel.findMany({ select: { line: true } })).toEqual([{ line: 'systemadministrator' }]);
    const actions = (await prisma().auditEntry.findMany({ where: { entity: 'queue_channel' }, orderBy: { id: 'asc' } })).map((entry) => entry.action);
    expect(actions).toEqual(['queue.bind', 'queue.unbind.moved', 'queue.bind', 'queue.unbind.replaced', 'queue.bind']);

    // The same again changes nothing.
    const already = await say('koble kø systemadministrator', inChannel(ADELE, OTHER_CHANNEL));
    expect(cardText(already.card!)).toContain('Denne kanalen er allerede køen for systemadministratorene. Ingenting er endret.');
    expect(await prisma().auditEntry.count({ where: { entity: 'queue_channel' } })).toBe(5);
  });

  it('koble kø alone, and kø, show the channel’s binding; a specialist may look but not bind', async () => {
    const none = await say('koble kø', inChannel(ADELE, OKONOMI_CHANNEL));
    expect(cardText(none.card!)).toContain('Denne kanalen er ikke en kø.');
    expect(cardText(none.card!)).toContain('Arkivet eller en administrator gjør den til kø ved å skrive @Arkivlos **koble kø førstelinje** her.');

    await say('koble kø fagspesialister OKONOMI', inChannel(ADELE, OKONOMI_CHANNEL));
    const status = await say('kø', inChannel(PATTI, OKONOMI_CHANNEL));
    expect(cardText(status.card!)).toContain('Denne kanalen er køen for fagspesialistene i Økonomi.');
    expect(cardText(status.card!)).toContain('Koblet av Adele Vance');
    const english = await say('queue', inChannel(PATTI, OKONOMI_CHANNEL, { locale: 'en-US' }));
    expect(cardText(english.card!)).toContain('This channel is the queue of the specialists in Økonomi.');

    const refused = await say('koble kø fagspesialister OKONOMI', inChannel(PATTI, OKONOMI_CHANNEL));
    expect(refused.text).toContain('Bare arkivet og administratorer');
    const caseworker = await say('kø', inChannel(ALEX, OKONOMI_CHANNEL));
    expect(caseworker.text).toBe('Bare de som arbeider i en linje, og administratorer for Arkivlos, kan bruke «kø».');
  });

  it('the mention may stand anywhere, and a sentence that only begins with the words is not the command', async () => {
    bot.connector.clear();
    const activity = channelMessageActivity('', inChannel(ADELE, ARKIV_CHANNEL));
    await bot.post({ ...activity, text: 'koble kø førstelinje <at>Arkivlos</at>' });
    await bot.connector.waitFor((a) => a.body.type === 'message');
    expect(await prisma().queueChannel.count()).toBe(1);

    const sentence = await say('koble køen til noe', inChannel(ADELE, OTHER_CHANNEL));
    expect(sentence.card).toBeUndefined();
    expect(sentence.text).toContain('Det forstod jeg ikke');
    expect(await prisma().queueChannel.count()).toBe(1);
  });

  it('the help card in an arkivet person’s 1:1 chat lists the channel commands; a caseworker’s does not', async () => {
    const help = async (user: typeof ADELE) => {
      bot.connector.clear();
      await bot.post(messageActivity('hjelp', { serviceUrl: bot.connector.url, user }));
      const [reply] = await bot.connector.waitFor((a) => Boolean(a.body.attachments?.length));
      return JSON.stringify(reply!.body.attachments![0]!.content);
    };
    const adele = await help(ADELE);
    expect(adele).toContain('I kanaler (skriv @Arkivlos foran kommandoen)');
    for (const word of ['"koble kø"', '"koble fra kø"', '"kø"']) expect(adele).toContain(word);
    const alex = await help(ALEX);
    expect(alex).not.toContain('I kanaler');
    expect(alex).not.toContain('koble kø');
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createImageDownloader } from '../../bot/image-download.js';
import { loadConfig } from '../../infra/config.js';
import { SELF_HELP_VERBS } from '../../cards/self-help-card.js';
import { osloYear } from '../../domain/support/request-number.js';
import { messageActivity } from '../support/activities.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import type { SentActivity } from '../support/fake-connector.js';
import { actionWithVerb, ADELE, ALEX, allActions, ANSWERS, cardLines, cardOf, elements, ISAIAH, supportDesk, verbs, type Card } from '../support/support-desk.js';

const MAX_IMAGE_BYTES = 2000;
/** A real PNG header and some bytes: what Teams serves for a pasted screenshot. */
const SCREENSHOT = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(600, 7)]);
const HUGE = Buffer.alloc(MAX_IMAGE_BYTES * 3, 1);
const REFUSED = 'Du har ikke tilgang til å gjøre dette. Ingenting er endret.';
const FILE_INFO = 'application/vnd.microsoft.teams.file.download.info';
const DOWNLOAD_URL = 'https://eksempel-my.sharepoint.com/personal/alex/_layouts/15/download.aspx?UniqueId=1234&tempauth=abc';

/**
 * The Bot Connector's attachment service for pasted images (`<serviceUrl>/v3/attachments/<id>/views/original`),
 * on the same host as the fake connector: it serves the test images and records the Authorization header.
 */
async function startAttachmentService() {
  const requests: { path: string; authorization?: string }[] = [];
  const server: Server = createServer((req, res) => {
    requests.push({ path: req.url ?? '', authorization: req.headers.authorization });
    const body = req.url?.includes('/huge/') ? HUGE : req.url?.includes('/screenshot/') ? SCREENSHOT : null;
    if (!body) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(body.length) });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('the requester’s 1:1 chat: files and screenshots onto the open henvendelse, text onto the one that waits (/api/messages)', () => {
  let bot: TestBot;
  let attachments: Awaited<ReturnType<typeof startAttachmentService>>;
  let desk: ReturnType<typeof supportDesk>;
  const year = osloYear(new Date());
  const number = (n: number) => `BS-${year}-${String(n).padStart(5, '0')}`;
  const prisma = () => bot.arkivlos.database.prisma;
  const toAlex = (activity: SentActivity) => activity.conversationId === `a:personal-${ALEX.aadObjectId}`;
  const saidToAlex = (text: string) => (activity: SentActivity) => toAlex(activity) && activity.body.text === text;
  const threadReply = (start: string) => (activity: SentActivity) => desk.toChannel()(activity) && activity.body.text?.startsWith(start) === true;

  /** Alex sends a message with attachments (and text) in the 1:1 chat. */
  const send = async (files: Record<string, unknown>[], text = '') => {
    const activity = { ...messageActivity(text, desk.personal(ALEX)), attachments: files };
    expect((await bot.post(activity)).status).toBe(200);
  };
  const file = (name = 'Kart_gnr12.pdf') => ({ contentType: FILE_INFO, contentUrl: 'https://eksempel-my.sharepoint.com/personal/alex/Documents/Kart_gnr12.pdf', name, content: { downloadUrl: DOWNLOAD_URL, uniqueId: '1234', fileType: 'pdf' } });
  const pasted = (kind: 'screenshot' | 'huge') => ({ contentType: 'image/*', contentUrl: `${attachments.url}/v3/attachments/${kind}/views/original` });
  /** Submits a henvendelse for `requester` and waits until its card is in the channel. */
  const open = async (requester = ALEX, answers = ANSWERS) => {
    const submitted = await desk.submit({ requester, answers });
    await bot.connector.waitFor((activity) => desk.toChannel()(activity) && activity.method === 'POST' && activity.body.attachments !== undefined && JSON.stringify(activity.body).includes(submitted.request.number));
    return submitted;
  };
  /** Support sets «Venter på innmelder»; returns when the requester has been told. */
  const waitFor = async (requestId: string) => {
    const { request, data } = await desk.current(requestId);
    await desk.clickCard('support.waiting', data, desk.inChannel(ADELE));
    await bot.connector.waitFor((activity) => toAlex(activity) && JSON.stringify(activity.body).includes('Venter på deg') && JSON.stringify(activity.body).includes(request.number));
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

  beforeAll(async () => {
    attachments = await startAttachmentService();
    bot = await startTestBot({ LOG_LEVEL: 'warn', BOT_DOMAIN: 'arkivlos.example.no', FILE_LINK_SECRET: 'a-test-secret-that-is-long-enough-0123456789', SUPPORT_IMAGE_MAX_BYTES: String(MAX_IMAGE_BYTES) });
    desk = supportDesk(bot);
    await desk.bindQueue('koble kø førstelinje', ADELE);
  });
  afterAll(async () => {
    await bot?.stop();
    await attachments?.close();
  });
  beforeEach(async () => {
    await prisma().outboxMessage.deleteMany();
    await prisma().supportPendingUpload.deleteMany();
    await prisma().supportRequest.deleteMany();
    await prisma().supportNumberCounter.deleteMany();
    attachments.requests.length = 0;
  });

  it('a file sent while one henvendelse is open is kept on it, the requester is told the number, and the thread names it with its link', async () => {
    const { request } = await open();
    bot.connector.clear();
    await send([file()]);
    await bot.connector.waitFor(saidToAlex(`Filen er lagt ved ${number(1)}.`));

    const kept = await prisma().supportAttachment.findMany({ where: { requestId: request.id } });
    expect(kept).toEqual([expect.objectContaining({ name: 'Kart_gnr12.pdf', contentType: 'application/pdf', link: DOWNLOAD_URL, content: null, source: 'chat' })]);
    const event = await prisma().supportEvent.findFirstOrThrow({ where: { requestId: request.id, kind: 'file_added' } });
    expect(event).toMatchObject({ text: 'Kart_gnr12.pdf', internal: false, data: { attachmentIds: [kept[0]!.id], source: 'chat' } });
    expect(await prisma().auditEntry.count({ where: { action: 'support.request.file_added', entityId: request.id } })).toBe(1);

    const [line] = await bot.connector.waitFor(threadReply(`${number(1)}: Fil lagt til av Alex Wilber`));
    expect(line!.body.text).toBe(`${number(1)}: Fil lagt til av Alex Wilber\n\nKart_gnr12.pdf`);
    const card = cardOf(line!);
    expect(cardLines(card)).toContain('Kart_gnr12.pdf');
    expect(allActions(card)).toEqual([expect.objectContaining({ type: 'Action.OpenUrl', url: DOWNLOAD_URL })]);
    // The status did not change, so the requester gets no status card.
    await settle();
    expect(bot.connector.sent.filter((activity) => toAlex(activity) && activity.body.attachments)).toHaveLength(0);
  });

  it('a pasted screenshot is downloaded and kept; the thread shows it as an image whose signed link serves the same bytes, and a bad signature gets 404', async () => {
    const { request } = await open();
    bot.connector.clear();
    await send([pasted('screenshot'), { contentType: 'text/html', content: '<p><img src="x"></p>' }]);
    await bot.connector.waitFor(saidToAlex(`Filen er lagt ved ${number(1)}.`));
    // Without BOT_ID there is no token to send (development, the Playground); the port's own test below sends one.
    expect(attachments.requests).toEqual([{ path: '/v3/attachments/screenshot/views/original', authorization: undefined }]);

    const [kept] = await prisma().supportAttachment.findMany({ where: { requestId: request.id } });
    expect(kept).toMatchObject({ name: 'image-1.png', contentType: 'image/png', link: null, sizeBytes: SCREENSHOT.length });
    expect(Buffer.from(kept!.content!)).toEqual(SCREENSHOT);

    const [line] = await bot.connector.waitFor(threadReply(`${number(1)}: Fil lagt til av Alex Wilber`));
    const image = elements(cardOf(line!).body).find((element) => element.type === 'Image')!;
    expect(image).toMatchObject({ altText: 'image-1.png' });
    const url = new URL(image.url!);
    expect(`${url.origin}${url.pathname}`).toBe(`https://arkivlos.example.no/files/${kept!.id}`);
    expect(Buffer.byteLength(JSON.stringify(line!.body))).toBeLessThan(28_000);

    const served = await fetch(`${bot.arkivlos.url}${url.pathname}${url.search}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer())).toEqual(SCREENSHOT);
    const sig = url.searchParams.get('sig')!;
    const forged = `${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`;
    for (const search of [`?sig=${forged}`, '', `?sig=${sig}${sig}`]) expect((await fetch(`${bot.arkivlos.url}${url.pathname}${search}`)).status).toBe(404);
    // Another file's id with this file's signature.
    expect((await fetch(`${bot.arkivlos.url}/files/${request.id}?sig=${sig}`)).status).toBe(404);
  });

  it('the image downloader sends the bot’s token to the Bot Connector’s host only, and stops reading at the size limit', async () => {
    const downloader = createImageDownloader({ token: async () => 'bot-token', maxBytes: MAX_IMAGE_BYTES });
    const serviceUrl = `${attachments.url.replace(/:\d+$/, ':1')}/emea/`; // the same host, as Teams' serviceUrl and contentUrl are
    const kept = await downloader.download(pasted('screenshot').contentUrl, serviceUrl);
    expect(kept).toEqual({ outcome: 'kept', content: SCREENSHOT, contentType: 'image/png' });
    expect(attachments.requests).toEqual([{ path: '/v3/attachments/screenshot/views/original', authorization: 'Bearer bot-token' }]);
    expect(await downloader.download(pasted('huge').contentUrl, serviceUrl)).toEqual({ outcome: 'tooLarge', sizeBytes: HUGE.length });
    // Another host never gets the token, nor a request.
    const elsewhere = pasted('screenshot').contentUrl.replace('127.0.0.1', 'localhost');
    expect(await downloader.download(elsewhere, serviceUrl)).toEqual({ outcome: 'failed' });
    expect(attachments.requests).toHaveLength(2);
  });

  it('an image over SUPPORT_IMAGE_MAX_BYTES is kept as its link only, and the requester is told', async () => {
    const { request } = await open();
    bot.connector.clear();
    await send([pasted('huge')]);
    await bot.connector.waitFor(saidToAlex(`Filen er lagt ved ${number(1)}.\n\nBildet «image-1.png» er større enn 2 kB, så bare lenken til det er tatt vare på. Send det heller som fil med binders-knappen hvis brukerstøtten skal se det.`));
    const [kept] = await prisma().supportAttachment.findMany({ where: { requestId: request.id } });
    expect(kept).toMatchObject({ name: 'image-1.png', link: pasted('huge').contentUrl, content: null, sizeBytes: HUGE.length });
    const [line] = await bot.connector.waitFor(threadReply(`${number(1)}: Fil lagt til av Alex Wilber`));
    expect(elements(cardOf(line!).body).some((element) => element.type === 'Image')).toBe(false);
    expect(cardLines(cardOf(line!))).toContain('For stort til å lagres i Arkivlos; bare lenken fra Teams er tatt vare på.');
  });

  it('with several henvendelser open the requester is asked which; the choice keeps the files there, once, and a forged choice changes nothing', async () => {
    const first = await open();
    const second = await open();
    const isaiahs = await open(ISAIAH);
    bot.connector.clear();
    await send([file(), pasted('screenshot')]);
    const [question] = await bot.connector.waitFor((activity) => toAlex(activity) && activity.body.attachments !== undefined);
    const card = cardOf(question!);
    expect(cardLines(card)).toEqual(expect.arrayContaining(['Hvilken henvendelse gjelder filene?', 'Kart_gnr12.pdf', 'image-1.png', `${number(2)} – ${ANSWERS.what}`, `${number(1)} – ${ANSWERS.what}`]));
    expect(verbs(card)).toEqual(['support.chat.files', 'support.chat.files']);
    const choice = actionWithVerb(card, 'support.chat.files');
    expect(choice).toMatchObject({ title: `Legg ved ${number(2)}`, data: { requestId: second.request.id } });
    expect(Object.keys(choice.data!).sort()).toEqual(['batchId', 'requestId']);
    expect(await prisma().supportAttachment.count()).toBe(0);
    expect(await prisma().supportPendingUpload.count()).toBe(2);

    // Someone else's henvendelse, or someone else's files: refused, nothing kept.
    expect(await desk.click('support.chat.files', { ...choice.data, requestId: isaiahs.request.id }, desk.personal(ALEX))).toBe(REFUSED);
    const notHis = await desk.clickCard('support.chat.files', { ...choice.data, requestId: isaiahs.request.id }, desk.personal(ISAIAH));
    expect(cardLines(notHis)).toEqual(['⚠ Filene er allerede lagt ved, eller de ventet for lenge. Send dem på nytt hvis de ikke er lagt ved. Ingenting er endret.']);
    expect(await desk.click('support.chat.files', { batchId: 'not-a-uuid', requestId: first.request.id }, desk.personal(ALEX))).toBe('Dette kunne jeg ikke bruke. Ingenting er endret.');
    expect(await prisma().supportAttachment.count()).toBe(0);
    expect(await prisma().supportPendingUpload.count()).toBe(2);

    const kept = await desk.clickCard('support.chat.files', choice.data!, desk.personal(ALEX));
    expect(cardLines(kept)).toEqual([`✔ 2 filer er lagt ved ${number(2)}.`]);
    const rows = await prisma().supportAttachment.findMany({ where: { requestId: second.request.id } });
    expect(rows.map((row) => [row.name, row.content === null]).sort()).toEqual([
      ['Kart_gnr12.pdf', true],
      ['image-1.png', false],
    ]);
    expect(await prisma().supportPendingUpload.count()).toBe(0);
    await bot.connector.waitFor(threadReply(`${number(2)}: Fil lagt til av Alex Wilber`));

    // A second click finds nothing left to keep.
    const again = await desk.clickCard('support.chat.files', choice.data!, desk.personal(ALEX));
    expect(cardLines(again)[0]).toMatch(/^⚠ Filene er allerede lagt ved/);
    expect(await prisma().supportAttachment.count()).toBe(2);
    expect(await prisma().supportEvent.count({ where: { kind: 'file_added' } })).toBe(1);
  });

  it('with no henvendelse open the requester is told how to start one, and nothing is kept', async () => {
    bot.connector.clear();
    await send([file()]);
    await bot.connector.waitFor(saidToAlex('Du har ingen åpen henvendelse å legge filen ved, så den er ikke lagret. Skriv «ny henvendelse» for å melde inn en, og send filen her etterpå.'));
    expect(await prisma().supportAttachment.count()).toBe(0);
    expect(await prisma().supportPendingUpload.count()).toBe(0);
    expect(attachments.requests).toHaveLength(0);
  });

  it('a resolved henvendelse still takes files; a closed one does not', async () => {
    const { request } = await open();
    await desk.clickCard('support.resolve', { ...(await desk.current(request.id)).data, resolution: 'Flyttet.' }, desk.inChannel(ADELE));
    bot.connector.clear();
    await send([file()]);
    await bot.connector.waitFor(saidToAlex(`Filen er lagt ved ${number(1)}.`));
    await desk.clickCard('support.close', (await desk.current(request.id)).data, desk.inChannel(ADELE));
    await send([file('Annen.pdf')]);
    await bot.connector.waitFor(saidToAlex('Du har ingen åpen henvendelse å legge filen ved, så den er ikke lagret. Skriv «ny henvendelse» for å melde inn en, og send filen her etterpå.'));
    expect(await prisma().supportAttachment.count()).toBe(1);
  });

  it('the confirmation of a feilmelding asks for a screenshot of the error message in this chat, and says how', async () => {
    const { confirmation } = await open(ALEX, { ...ANSWERS, category: 'feilmelding' });
    expect(cardLines(confirmation)).toContain(
      'Send et skjermbilde av feilmeldingen her i chatten: lim det inn i meldingsfeltet (Ctrl+V), eller legg det ved med binders-knappen. Det blir lagt ved henvendelsen.',
    );
    const other = await open();
    expect(cardLines(other.confirmation).some((line) => line.includes('skjermbilde'))).toBe(false);
  });

  it('text typed while exactly one henvendelse waits goes onto it: the bot says so with the number, it is «Under behandling» again, and the thread has it', async () => {
    const { request } = await open();
    await waitFor(request.id);
    bot.connector.clear();
    expect((await bot.post(messageActivity('Det gjelder vedlegget Kart_gnr12.pdf', desk.personal(ALEX)))).status).toBe(200);
    await bot.connector.waitFor(saidToAlex(`Svaret ditt er lagt på henvendelse ${number(1)}, og brukerstøtten ser det.`));
    expect(await prisma().supportEvent.findFirstOrThrow({ where: { requestId: request.id, kind: 'requester_reply' } })).toMatchObject({ text: 'Det gjelder vedlegget Kart_gnr12.pdf' });
    expect((await desk.current(request.id)).request.status).toBe('under_behandling');
    await bot.connector.waitFor(threadReply(`${number(1)}: Svar fra Alex Wilber\n\nDet gjelder vedlegget Kart_gnr12.pdf`));
    expect(await prisma().selfHelpQuery.count({ where: { question: 'Det gjelder vedlegget Kart_gnr12.pdf' } })).toBe(0);
    // Commands still work while it waits.
    await waitFor(request.id);
    bot.connector.clear();
    await bot.post(messageActivity('mine henvendelser', desk.personal(ALEX)));
    const [mine] = await bot.connector.waitFor((activity) => toAlex(activity) && activity.body.attachments !== undefined);
    expect(cardOf(mine!).speak).toMatch(/henvendelse/i);
    expect(await prisma().supportEvent.count({ where: { requestId: request.id, kind: 'requester_reply' } })).toBe(1);
  });

  it('with several waiting the bot asks which; the choice sends the text there, «Nei, søk i kunnskapsbasen» searches, and a forged id is refused', async () => {
    const first = await open();
    const second = await open();
    const isaiahs = await open(ISAIAH);
    await waitFor(first.request.id);
    await waitFor(second.request.id);
    bot.connector.clear();
    await bot.post(messageActivity('Avskrivning med brev', desk.personal(ALEX)));
    const [question] = await bot.connector.waitFor((activity) => toAlex(activity) && activity.body.attachments !== undefined);
    const card: Card = cardOf(question!);
    expect(cardLines(card)).toEqual(expect.arrayContaining(['Hvilken henvendelse er dette svar på?', 'Avskrivning med brev', `${number(2)} – ${ANSWERS.what}`, `${number(1)} – ${ANSWERS.what}`]));
    expect(verbs(card)).toEqual(['support.chat.answer', 'support.chat.answer', 'support.chat.search']);
    expect(await prisma().supportEvent.count({ where: { kind: 'requester_reply' } })).toBe(0);

    expect(await desk.click('support.chat.answer', { requestId: isaiahs.request.id, text: 'Forfalsket' }, desk.personal(ALEX))).toBe(REFUSED);
    expect(await desk.click('support.chat.answer', { requestId: first.request.id, text: 'Forfalsket' }, desk.personal(ISAIAH))).toBe(REFUSED);
    expect(await prisma().supportEvent.count({ where: { kind: 'requester_reply' } })).toBe(0);

    bot.connector.clear();
    const searched = await desk.clickCard('support.chat.search', actionWithVerb(card, 'support.chat.search').data!, desk.personal(ALEX));
    expect(verbs(searched)).toContain('support.chat.answer');
    const [selfHelp] = await bot.connector.waitFor((activity) => toAlex(activity) && activity.body.attachments !== undefined);
    expect(verbs(cardOf(selfHelp!))).toContain(SELF_HELP_VERBS.solved);

    const choice = allActions(card).find((action) => action.data?.requestId === first.request.id)!;
    expect(choice).toMatchObject({ title: `Send til ${number(1)}`, data: { text: 'Avskrivning med brev' } });
    const sent = await desk.clickCard('support.chat.answer', choice.data!, desk.personal(ALEX));
    expect(cardLines(sent)).toEqual([`✔ Svaret ditt er lagt på henvendelse ${number(1)}, og brukerstøtten ser det.`]);
    expect((await desk.current(first.request.id)).request.status).toBe('under_behandling');
    expect((await desk.current(second.request.id)).request.status).toBe('venter_pa_innmelder');
    await bot.connector.waitFor(threadReply(`${number(1)}: Svar fra Alex Wilber\n\nAvskrivning med brev`));
  });

  it('with none waiting, text is a self-help question as before, even while a henvendelse is open', async () => {
    await open();
    bot.connector.clear();
    await bot.post(messageActivity('Hvordan avskriver jeg et brev?', desk.personal(ALEX)));
    const [answer] = await bot.connector.waitFor((activity) => toAlex(activity) && activity.body.attachments !== undefined);
    expect(verbs(cardOf(answer!))).toContain(SELF_HELP_VERBS.solved);
    expect(await prisma().supportEvent.count({ where: { kind: 'requester_reply' } })).toBe(0);
  });
});

describe('the settings for files in the chat', () => {
  it('SUPPORT_IMAGE_MAX_BYTES, BOT_DOMAIN and FILE_LINK_SECRET are checked at start-up, and a managed identity in production must set FILE_LINK_SECRET', () => {
    expect(loadConfig({}).SUPPORT_IMAGE_MAX_BYTES).toBe(5_000_000);
    expect(() => loadConfig({ SUPPORT_IMAGE_MAX_BYTES: '5 MB' })).toThrow(/SUPPORT_IMAGE_MAX_BYTES must be a whole number of bytes/);
    expect(() => loadConfig({ BOT_DOMAIN: 'https://arkivlos.example.no/' })).toThrow(/BOT_DOMAIN must be a host name/);
    expect(() => loadConfig({ FILE_LINK_SECRET: 'short' })).toThrow(/FILE_LINK_SECRET must be at least 32 characters$/m);
    const msi = { NODE_ENV: 'production', BOT_ID: 'x', BOT_TYPE: 'UserAssignedMsi', BOT_TENANT_ID: 't' };
    expect(() => loadConfig(msi)).toThrow(/FILE_LINK_SECRET is required when NODE_ENV=production and BOT_PASSWORD is not set/);
    expect(loadConfig({ ...msi, FILE_LINK_SECRET: 's'.repeat(32) }).FILE_LINK_SECRET).toBe('s'.repeat(32));
    // The secret is never repeated in an error.
    const error = (() => {
      try {
        loadConfig({ FILE_LINK_SECRET: 'tiny-secret' });
      } catch (thrown) {
        return String(thrown);
      }
      return '';
    })();
    expect(error).toMatch(/FILE_LINK_SECRET must be at least 32 characters/);
    expect(error).not.toContain('tiny-secret');
  });
});

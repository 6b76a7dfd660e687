import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQaExportLinks } from '../../bot/qa-export-links.js';
import { answerQuestion } from '../../domain/qa/answer-question.js';
import { closeSession } from '../../domain/qa/close-session.js';
import { createSession } from '../../domain/qa/create-session.js';
import { submitQuestion } from '../../domain/qa/submit-question.js';
import type { QaActor } from '../../domain/qa/vocabulary.js';
import { channelMessageActivity, messageActivity } from '../support/activities.js';
import { startTestBot, type TestBot } from '../support/bot.js';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const CHANNEL = '19:qa-export-general@thread.tacv2';
const ADELE = { aadObjectId: '00000000-0000-0000-0000-0000000000022', name: 'Adele Vance' };
const ALEX = { aadObjectId: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber' };

let bot: TestBot;
let sessionId: string;
let csvUrl: URL;
let markdownUrl: URL;
/** The link as the bot serves it on its own (test) port. */
const local = (url: URL) => `${bot.arkivlos.url}${url.pathname}${url.search}`;

beforeAll(async () => {
  bot = await startTestBot({ BOT_DOMAIN: 'arkivlos.example.no', FILE_LINK_SECRET: SECRET });
  const serviceUrl = bot.connector.url;
  // The bot knows the channel and Adele's 1:1 chat once a message came from each.
  expect((await bot.post(channelMessageActivity('hjelp', { serviceUrl, user: ADELE, channelId: CHANNEL }))).status).toBe(200);
  expect((await bot.post(messageActivity('hjelp', { serviceUrl, user: ADELE }))).status).toBe(200);
  bot.connector.clear();

  const prisma = bot.arkivlos.database.prisma;
  const people = await prisma.person.findMany({ where: { aadObjectId: { in: [ADELE.aadObjectId, ALEX.aadObjectId] } } });
  const actor = (aadObjectId: string): QaActor => ({ personId: people.find((p) => p.aadObjectId === aadObjectId)!.id, aadObjectId });
  const now = new Date();
  const [session] = await createSession(prisma, {
    conversationId: CHANNEL, title: 'Nytt sakssystem', anonymousAllowed: true, actor: actor(ADELE.aadObjectId), now,
    schedule: { once: { startsAt: new Date(now.getTime() + 60_000), endsAt: new Date(now.getTime() + 3_600_000) } },
  });
  sessionId = session!.id;
  const question = await submitQuestion(prisma, { sessionId, kind: 'question', text: 'Hvor finner jeg malene; «brev» og "notat"?', anonymous: false, asker: actor(ALEX.aadObjectId), now });
  await answerQuestion(prisma, { questionId: question.id, expectedVersion: 1, answer: 'Under Maler i menyen.', actor: actor(ADELE.aadObjectId), now });
  // The links are signed as the running bot signs them: the same secret and public address.
  const links = createQaExportLinks({ baseUrl: 'https://arkivlos.example.no', secret: () => Buffer.from(SECRET) });
  await closeSession(prisma, { sessionId, actor: actor(ADELE.aadObjectId), now, exportLinks: links });
});
afterAll(async () => bot?.stop());

describe('the end of a session, delivered', () => {
  it('the outbox posts the summary card in the channel and the summary with two download links in the moderator’s 1:1 chat', async () => {
    const cards = (await bot.connector.waitFor((sent) => sent.body.attachments?.[0]?.contentType === 'application/vnd.microsoft.card.adaptive', { count: 2 }))
      .map((sent) => ({ conversationId: sent.conversationId, card: sent.body.attachments![0]!.content as { actions?: { url: string }[] } }));
    const inChannel = cards.find((sent) => sent.conversationId.startsWith(CHANNEL));
    const inChat = cards.find((sent) => sent.conversationId === `a:personal-${ADELE.aadObjectId}`);
    expect(JSON.stringify(inChannel?.card)).toContain('Oppsummering: Nytt sakssystem');
    expect(JSON.stringify(inChannel?.card)).not.toContain(ALEX.name);
    expect(inChannel?.card.actions).toBeUndefined();
    const [csv, markdown] = inChat!.card.actions!.map((action) => new URL(action.url));
    expect(csv!.origin).toBe('https://arkivlos.example.no');
    csvUrl = csv!;
    markdownUrl = markdown!;
  });
});

describe('GET /qa-export/<session>.<csv|md>', () => {
  it('serves the CSV behind the moderator’s signed link, as a UTF-8 download with a BOM', async () => {
    const response = await fetch(local(csvUrl));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="sporretime-\d{4}-\d{2}-\d{2}-nytt-sakssystem\.csv"$/);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = bytes.toString('utf8');
    expect(text).toContain('"Hvor finner jeg malene; «brev» og ""notat""?"');
    expect(text).toContain(`${ALEX.name};`);
    expect(text).toContain('Under Maler i menyen.');
  });

  it('serves the Markdown behind its own link', async () => {
    const response = await fetch(local(markdownUrl));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(await response.text()).toMatch(/^# Spørretime: Nytt sakssystem\n/);
  });

  it('answers 403 to a wrong, missing or borrowed signature, a changed language or format, and an expired link; 404 for a session that does not exist', async () => {
    const changed = (change: (url: URL) => void) => {
      const url = new URL(csvUrl);
      change(url);
      return local(url);
    };
    const status = async (url: string) => (await fetch(url)).status;
    const otherLast = (sig: string) => `${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`;
    expect(await status(changed((url) => url.searchParams.set('sig', otherLast(url.searchParams.get('sig')!))))).toBe(403);
    expect(await status(changed((url) => url.searchParams.delete('sig')))).toBe(403);
    expect(await status(changed((url) => url.searchParams.set('lang', 'en')))).toBe(403);
    expect(await status(changed((url) => url.searchParams.set('exp', String(Number(url.searchParams.get('exp')) + 86_400))))).toBe(403);
    expect(await status(changed((url) => (url.pathname = url.pathname.replace('.csv', '.md'))))).toBe(403);
    // The Markdown link's signature does not open the CSV.
    expect(await status(changed((url) => url.searchParams.set('sig', markdownUrl.searchParams.get('sig')!)))).toBe(403);
    // Another secret's link, for the same session: 403.
    const stranger = createQaExportLinks({ baseUrl: bot.arkivlos.url, secret: () => Buffer.from('another secret') });
    expect(await status(stranger.exportUrl(sessionId, 'csv', 'nb', new Date(Date.now() + 60_000))!)).toBe(403);

    const ours = createQaExportLinks({ baseUrl: bot.arkivlos.url, secret: () => Buffer.from(SECRET) });
    const expired = await fetch(ours.exportUrl(sessionId, 'csv', 'nb', new Date(Date.now() - 1_000))!);
    expect(expired.status).toBe(403);
    expect(await expired.json()).toEqual({ error: 'link expired' });
    expect(await status(ours.exportUrl(sessionId, 'csv', 'en', new Date(Date.now() + 60_000))!)).toBe(200);
    expect(await status(ours.exportUrl('00000000-0000-4000-8000-000000000000', 'csv', 'nb', new Date(Date.now() + 60_000))!)).toBe(404);
  });
});

/**
 * A spørretime in a real Teams-like client: in the Agents Playground's group chat (Debian
 * Chromium), Adele Vance — `arkivet` in the demo organisation, so she may make spørretimer — types
 * `@Arkivlos spørretime`, fills the create card and sends it; the schedule job posts the session
 * card in the group chat through the outbox and the Playground's mock Bot Connector. Megan Bowen,
 * another member of the group chat, asks a question from her own client (the Playground has one
 * typing user, so hers is sent with the domain function her click would call) and the outbox
 * updates the posted card; Adele asks a question on the card, then votes for Megan's, and the card
 * shows 1 vote. Screenshots go to test/browser/screenshots/ (README shows copies from docs/screenshots/).
 */
import { mkdir } from 'node:fs/promises';
import type { Locator } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ROLE_PERSONAS } from '../../domain/org/demo-people.js';
import { qaSessionsJob } from '../../domain/qa/sessions-job.js';
import { submitQuestion } from '../../domain/qa/submit-question.js';
import { startTestApp, type TestApp } from '../support/bot.js';
import {
  CARD_TIMEOUT,
  NO_CHROMIUM,
  SCREENSHOTS,
  adaptiveCards,
  cardWith,
  composeBox,
  hasChromium,
  launchBrowser,
  screenshotIfFailed,
  startPlayground,
  type Playground,
  type TestBrowser,
} from '../support/playground.js';

// Thursday 26 November 2026, 09:00 in Oslo: the session is today 09:00–10:00, so its card is due
// (07:30 on the working day before has passed) and it opens at once.
const NOW = new Date('2026-11-26T08:00:00Z');
let clock = NOW;
const TITLE = 'Spørretime – nytt arkivsystem';
const MEGANS_QUESTION = 'Hvordan finner jeg saker fra det gamle systemet?';
const ADELES_QUESTION = 'Når kommer opplæringen for førstelinjen?';

// Skipped only without Chromium on a developer's machine; in CI playground.test.ts fails the run instead.
describe.skipIf(!hasChromium)(`a spørretime in the Microsoft 365 Agents Playground's group chat${NO_CHROMIUM}`, { timeout: 180_000 }, () => {
  let bot: TestApp;
  let moderator: Playground; // Adele Vance, arkivet (first line)
  let browser: TestBrowser | undefined;
  const prisma = () => bot.arkivlos.database.prisma;
  const personOf = (role: string) => prisma().person.findUniqueOrThrow({ where: { aadObjectId: DEMO_ROLE_PERSONAS[role]!.toLowerCase() }, include: { roles: true } });

  beforeAll(async () => {
    clock = NOW;
    bot = await startTestApp({}, { now: () => clock, scheduledJobs: [qaSessionsJob()], jobs: { pollMs: 200 } });
    await mkdir(SCREENSHOTS, { recursive: true });
    // The person typing holds `arkivet` in the organisation file the test app loads (the demo organisation).
    const adele = await personOf('arkivet');
    expect(adele.name).toBe('Adele Vance');
    expect(adele.roles.map((holding) => holding.role)).toContain('arkivet');
    // Bokmål: the create form is in the moderator's language, read here by its words.
    await prisma().person.update({ where: { id: adele.id }, data: { chosenLocale: null } });
    moderator = await startPlayground({ botEndpoint: bot.endpoint, role: 'arkivet' });
  });
  afterAll(async () => {
    await browser?.close();
    await moderator?.stop();
    await bot?.stop();
  });
  afterEach(({ task }) => screenshotIfFailed(task, 'qa-session', [browser]));

  it('the moderator creates a spørretime from the card in the group chat; a question asked and voted on shows 1 vote on the session card', async () => {
    browser = await launchBrowser();
    const { page } = browser;
    // The browser's clock is the bot's: the date picker opens on November 2026 with the 26th as today.
    await page.clock.setFixedTime(NOW);
    await page.goto(moderator.url);
    await composeBox(page).waitFor({ state: 'visible', timeout: 30_000 });
    await page.getByRole('treeitem', { name: /Arkivlos-gruppa/ }).click();

    // @Arkivlos spørretime, as in a Teams group chat.
    await composeBox(page).click();
    await page.keyboard.type('@Ark');
    await page.getByRole('menuitem', { name: 'Arkivlos' }).click();
    await page.keyboard.type(' spørretime');
    await page.getByRole('button', { name: 'Send Message' }).click();

    const form = cardWith(page, 'Ny spørretime');
    await form.waitFor({ timeout: CARD_TIMEOUT });
    await form.getByLabel(/^Tittel/).fill(TITLE);
    // The renderer's date and time inputs are Fluent UI pickers: a calendar and a list of half hours.
    await form.getByRole('combobox', { name: 'Dato' }).click();
    await page.getByRole('button', { name: '26, November, 2026' }).click();
    await form.getByRole('combobox', { name: /^Fra kl\./ }).click();
    await page.getByRole('option', { name: '9:00', exact: true }).click();
    await form.getByRole('combobox', { name: /^Til kl\./ }).click();
    await page.getByRole('option', { name: '10:00', exact: true }).click();
    expect(await form.getByRole('combobox', { name: 'Dato' }).inputValue()).toBe('26. november 2026');
    await page.screenshot({ path: `${SCREENSHOTS}/qa-session-create-form.png` });
    await form.getByRole('button', { name: 'Lag spørretimen' }).click();

    const created = cardWith(page, 'Spørretimen er laget.');
    await created.waitFor({ timeout: CARD_TIMEOUT });
    const createdText = await created.innerText();
    expect(createdText).toContain(TITLE);
    expect(createdText).toContain('torsdag 26. november 2026, 09:00–10:00');
    expect(createdText).toContain('Kortet legges ut her straks.');
    const session = await prisma().qaSession.findFirstOrThrow({ where: { title: TITLE } });
    expect(session).toMatchObject({ anonymousAllowed: false, moderatorId: (await personOf('arkivet')).id });

    // The schedule job posts the session card through the outbox and opens the session.
    const sessionCard = (): Locator => cardWith(page, 'Still et spørsmål eller meld en feil');
    /**
     * The card's ranked question lines as shown: the renderer reads «1. Spørsmål · …» as Markdown,
     * an ordered list starting at the rank, so the rank is the list's number, not in innerText.
     */
    const ranked = () =>
      sessionCard().evaluate((card) =>
        Array.from(card.querySelectorAll('ol'), (list) => `${list.start}. ${(list.querySelector('li') as HTMLElement | null)?.innerText.trim() ?? ''}`),
      );
    await expect.poll(async () => (await sessionCard().count()) > 0 && (await sessionCard().innerText()), { timeout: CARD_TIMEOUT }).toContain('Status: Åpen nå');
    expect(await sessionCard().innerText()).toContain('Ingen spørsmål ennå. Bli den første!');
    await page.screenshot({ path: `${SCREENSHOTS}/qa-session-posted.png` });
    expect((await prisma().qaSession.findUniqueOrThrow({ where: { id: session.id } })).cardMessageId).not.toBeNull();

    // Megan asks from her own client; the outbox puts her question on the card everyone sees.
    const megan = await personOf('leder');
    await submitQuestion(prisma(), { sessionId: session.id, kind: 'question', text: MEGANS_QUESTION, anonymous: false, asker: { personId: megan.id, aadObjectId: megan.aadObjectId }, now: NOW });
    await expect.poll(ranked, { timeout: CARD_TIMEOUT }).toEqual(['1. Spørsmål · 0 stemmer · Megan Bowen']);
    expect(await sessionCard().innerText()).toContain(MEGANS_QUESTION);

    // Five minutes later Adele asks on the card (ties in votes go oldest first, so hers comes second).
    clock = new Date(NOW.getTime() + 5 * 60_000);
    const cardsBefore = await adaptiveCards(page).count();
    await sessionCard().getByLabel(/^Spørsmålet eller feilen/).fill(ADELES_QUESTION);
    await sessionCard().getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(ranked, { timeout: CARD_TIMEOUT }).toEqual(['1. Spørsmål · 0 stemmer · Megan Bowen', '2. Spørsmål · 0 stemmer · Adele Vance']);
    expect(await sessionCard().innerText()).toContain(ADELES_QUESTION);
    await page.screenshot({ path: `${SCREENSHOTS}/qa-session-asked.png` });
    expect(await adaptiveCards(page).count()).toBe(cardsBefore);

    // She votes for Megan's question (the first «Stem»; her own would be refused), and the card shows 1 vote.
    await sessionCard().getByRole('button', { name: 'Stem', exact: true }).first().click();
    await expect.poll(ranked, { timeout: CARD_TIMEOUT }).toEqual(['1. Spørsmål · 1 stemme · Megan Bowen', '2. Spørsmål · 0 stemmer · Adele Vance']);
    const voted = await sessionCard().innerText();
    expect(voted).toContain('Spørsmål (2), flest stemmer først');
    expect(voted).not.toContain('Du kan ikke stemme på ditt eget spørsmål');
    expect(await adaptiveCards(page).count()).toBe(cardsBefore);
    await page.screenshot({ path: `${SCREENSHOTS}/qa-session-voted.png` });

    const votes = await prisma().qaVote.findMany({ include: { question: true } });
    expect(votes.map((vote) => ({ text: vote.question.text, voterId: vote.personId }))).toEqual([{ text: MEGANS_QUESTION, voterId: (await personOf('arkivet')).id }]);
  });
});

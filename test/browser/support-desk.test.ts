/**
 * The support desk in a real Teams-like client: two Agents Playgrounds in Debian Chromium, one
 * where the archive's Adele Vance works in the team's channel, one where the caseworker Alex
 * Wilber writes to the bot. Alex's henvendelse reaches Adele's channel through the outbox and the
 * Playground's mock Bot Connector, and she takes it from the card. Screenshots go to
 * test/browser/screenshots/ (README shows copies from docs/screenshots/).
 */
import { mkdir } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ROLE_PERSONAS } from '../../domain/org/demo-people.js';
import { startTestApp, type TestApp } from '../support/bot.js';
import {
  CARD_TIMEOUT,
  NO_CHROMIUM,
  SCREENSHOTS,
  cardWith,
  composeBox,
  hasChromium,
  launchBrowser,
  openPersonalChat,
  sendMessage,
  startPlayground,
  type Playground,
  screenshotIfFailed,
  type TestBrowser,
} from '../support/playground.js';


// Skipped only without Chromium on a developer's machine; in CI playground.test.ts fails the run instead.
describe.skipIf(!hasChromium)(`the support desk in the Microsoft 365 Agents Playground (two Playgrounds, one bot)${NO_CHROMIUM}`, { timeout: 240_000 }, () => {
  let bot: TestApp;
  let archive: Playground; // Adele Vance, arkivet (first line)
  let caseworker: Playground; // Alex Wilber, saksbehandler
  const browsers: TestBrowser[] = [];

  beforeAll(async () => {
    bot = await startTestApp();
    await mkdir(SCREENSHOTS, { recursive: true });
    // Bokmål, whatever an earlier run chose for Alex (the cards are read by their words).
    await bot.arkivlos.database.prisma.person.update({ where: { aadObjectId: DEMO_ROLE_PERSONAS.saksbehandler!.toLowerCase() }, data: { chosenLocale: null } });
    archive = await startPlayground({ botEndpoint: bot.endpoint, role: 'arkivet' });
    caseworker = await startPlayground({ botEndpoint: bot.endpoint, role: 'saksbehandler' });
  });
  afterAll(async () => {
    await Promise.all(browsers.map((browser) => browser.close()));
    await archive?.stop();
    await caseworker?.stop();
    await bot?.stop();
  });
  afterEach(({ task }) => screenshotIfFailed(task, 'support-desk', browsers));

  it('a caseworker creates a henvendelse and sees its number; a first-line person takes it in the queue channel', async () => {
    // Adele binds the team's channel «Saksbehandling» to the first line: @Arkivlos koble kø førstelinje.
    const adele = await launchBrowser();
    browsers.push(adele);
    await adele.page.goto(archive.url);
    await composeBox(adele.page).waitFor({ state: 'visible', timeout: 30_000 });
    await adele.page.getByRole('treeitem', { name: /Saksbehandling/ }).click();
    await composeBox(adele.page).click();
    await adele.page.keyboard.type('@Ark');
    await adele.page.getByRole('menuitem', { name: 'Arkivlos' }).click();
    await adele.page.keyboard.type(' koble kø førstelinje');
    await adele.page.getByRole('button', { name: 'Post' }).click();
    await cardWith(adele.page, 'Denne kanalen er nå køen for førstelinjen').waitFor({ timeout: CARD_TIMEOUT });

    // Alex asks for help with `ny henvendelse` and fills in the intake card.
    const alex = await launchBrowser();
    browsers.push(alex);
    await openPersonalChat(alex.page, caseworker);
    await sendMessage(alex.page, 'ny henvendelse');
    const intake = cardWith(alex.page, 'Send henvendelsen');
    await intake.waitFor({ timeout: CARD_TIMEOUT });
    await intake.getByLabel(/Hva skal utføres/).fill('Flytte journalpost 2026/1234-3 til riktig sak');
    await intake.getByRole('combobox', { name: /Hva gjelder det/ }).click();
    await alex.page.getByRole('option', { name: 'Flytte, kopiere eller rette journalpost' }).click();
    await intake.getByLabel(/Saksnummer eller journalpostnummer/).fill('2026/1234-3');
    await alex.page.screenshot({ path: `${SCREENSHOTS}/support-desk-intake.png` });
    await intake.getByRole('button', { name: 'Send henvendelsen' }).click();
    const confirmation = cardWith(alex.page, 'Henvendelsen er registrert');
    await confirmation.waitFor({ timeout: CARD_TIMEOUT });
    const number = /BS-\d{4}-\d{5}/.exec(await confirmation.innerText())?.[0];
    expect(number).toBeDefined();
    await alex.page.screenshot({ path: `${SCREENSHOTS}/support-desk-number.png` });

    // The card reaches Adele's channel through the outbox; she takes it, and it shows her name.
    const card = cardWith(adele.page, number!);
    await card.waitFor({ timeout: CARD_TIMEOUT });
    expect(await card.innerText()).toContain('Ikke tatt');
    await adele.page.screenshot({ path: `${SCREENSHOTS}/support-desk-channel-card.png` });
    await card.getByRole('button', { name: 'Ta henvendelsen' }).click();
    await expect.poll(async () => cardWith(adele.page, number!).innerText(), { timeout: CARD_TIMEOUT }).toMatch(/Behandles av\s*Adele Vance/);
    await adele.page.screenshot({ path: `${SCREENSHOTS}/support-desk-taken.png` });

    const request = await bot.arkivlos.database.prisma.supportRequest.findUniqueOrThrow({ where: { number: number! }, include: { assignee: true } });
    expect(request.assignee?.name).toBe('Adele Vance');
    expect(request.status).toBe('under_behandling');
  });
});

/**
 * Arkivlos in a real Teams-like client: the Microsoft 365 Agents Playground in Debian Chromium.
 * A person types in the compose box, the Playground sends the activity to the bot over HTTP, and
 * the bot's cards come back through the Playground's mock Bot Connector and are rendered by the
 * same Adaptive Card renderer as Teams. The Teams client language is nb-NO (see startPlayground).
 */
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ROLE_PERSONAS } from '../../domain/org/demo-people.js';
import { startTestApp, type TestApp } from '../support/bot.js';
import {
  buildPlaygroundConfig,
  parsePlaygroundArgs,
  personForRole,
  readDemoPeople,
  UsageError,
  withLocale,
} from '../../scripts/playground-config.js';
import {
  CARD_TIMEOUT,
  CHROMIUM_PATH,
  NO_CHROMIUM,
  SCREENSHOTS,
  adaptiveCards,
  cardWith,
  hasChromium,
  launchBrowser,
  openPersonalChat,
  sendMessage,
  screenshotIfFailed,
  startPlayground,
  type Playground,
  type TestBrowser,
} from '../support/playground.js';


// On a developer's machine without Chromium the browser tests are skipped with a reason; in CI
// (CI=true) a missing Chromium fails the run instead of letting it pass without them.
const inCi = process.env.CI === 'true';
describe('the browser tests in CI', () => {
  it.runIf(inCi)('have Chromium to run in', () => {
    expect(hasChromium, `no Chromium at ${CHROMIUM_PATH}: apt-get install chromium, or set CHROMIUM_PATH`).toBe(true);
  });
});

describe.skipIf(!hasChromium)(
  `Arkivlos in the Microsoft 365 Agents Playground${NO_CHROMIUM}`,
  { timeout: 60_000 },
  () => {
    let bot: TestApp;
    let browser: TestBrowser | undefined;

    beforeAll(async () => {
      bot = await startTestApp();
      await mkdir(SCREENSHOTS, { recursive: true });
    });
    afterAll(async () => {
      await bot?.stop();
    });
    afterEach(async ({ task }) => {
      await screenshotIfFailed(task, 'playground', [browser]);
      await browser?.close();
      browser = undefined;
    });

    describe('as the caseworker Alex Wilber', () => {
      let playground: Playground;
      beforeAll(async () => {
        playground = await startPlayground({ botEndpoint: bot.endpoint, role: 'saksbehandler' });
      });
      afterAll(async () => {
        await playground?.stop();
      });

      it('typing "hjelp" in the compose box shows the help card with the caseworker role', async () => {
        browser = await launchBrowser();
        const { page } = browser;
        await openPersonalChat(page, playground);

        await sendMessage(page, 'hjelp');

        const help = cardWith(page, 'Arkivlos – hjelp');
        await help.waitFor({ timeout: CARD_TIMEOUT });
        await expect.poll(() => help.innerText()).toContain('Hei, Alex Wilber!');
        const text = await help.innerText();
        expect(text).toContain('Dine roller');
        expect(text).toContain('Saksbehandler');
        await page.screenshot({ path: `${SCREENSHOTS}/playground-help-card.png` });
      });

      it('choosing Nynorsk on the settings card refreshes that card in nynorsk, and help then answers in nynorsk', async () => {
        browser = await launchBrowser();
        const { page } = browser;
        await openPersonalChat(page, playground);

        await sendMessage(page, 'innstillinger');
        const settings = cardWith(page, 'Arkivlos svarer deg på dette språket i Teams.');
        await settings.waitFor({ timeout: CARD_TIMEOUT });
        const cardsBefore = await adaptiveCards(page).count();

        await settings.getByRole('radio', { name: 'Nynorsk' }).check();
        await settings.getByRole('button', { name: 'Lagre' }).click();

        // Action.Execute: the bot returns the refreshed card, which takes the old one's place.
        const refreshed = cardWith(page, 'Språket er sett til Nynorsk');
        await refreshed.waitFor({ timeout: CARD_TIMEOUT });
        expect(await adaptiveCards(page).count()).toBe(cardsBefore);
        expect(await refreshed.innerText()).toContain('Innstillingar');
        expect(await refreshed.getByRole('radio', { name: 'Nynorsk' }).isChecked()).toBe(true);
        await page.screenshot({ path: `${SCREENSHOTS}/playground-settings-nynorsk.png` });

        await sendMessage(page, 'hjelp');
        const help = cardWith(page, 'Rollene dine');
        await help.waitFor({ timeout: CARD_TIMEOUT });
        expect(await help.innerText()).toContain('Arkivlos – hjelp');
        expect(await help.innerText()).toContain('Sakshandsamar');
      });
    });

    describe('as the caseworker Alex Wilber asking for help', () => {
      let playground: Playground;
      beforeAll(async () => {
        // Bokmål again, whatever an earlier test chose for him (the cards are read by their words).
        await bot.arkivlos.database.prisma.person.update({ where: { aadObjectId: DEMO_ROLE_PERSONAS.saksbehandler!.toLowerCase() }, data: { chosenLocale: null } });
        playground = await startPlayground({ botEndpoint: bot.endpoint, role: 'saksbehandler' });
      });
      afterAll(async () => {
        await playground?.stop();
      });

      it('a question self-help did not solve becomes a henvendelse with its number, from the cards alone', async () => {
        browser = await launchBrowser();
        const { page } = browser;
        await openPersonalChat(page, playground);

        await sendMessage(page, 'Hvordan avskriver jeg en journalpost?');
        const selfHelp = cardWith(page, 'Jeg trenger fortsatt hjelp');
        await selfHelp.waitFor({ timeout: CARD_TIMEOUT });
        await page.screenshot({ path: `${SCREENSHOTS}/playground-self-help.png` });

        // Action.Execute: the intake card takes the self-help card's place, the question filled in.
        await selfHelp.getByRole('button', { name: 'Jeg trenger fortsatt hjelp' }).click();
        const intake = cardWith(page, 'Send henvendelsen');
        await intake.waitFor({ timeout: CARD_TIMEOUT });
        await expect.poll(() => intake.getByLabel(/Hva skal utføres/).inputValue()).toBe('Hvordan avskriver jeg en journalpost?');
        // The renderer's drop-down (a Fluent UI combobox) lists its choices in a popup of the page.
        await intake.getByRole('combobox', { name: /Hva gjelder det/ }).click();
        await page.getByRole('option', { name: 'Bruk av sak-/arkivsystemet' }).click();
        await page.screenshot({ path: `${SCREENSHOTS}/playground-intake.png` });
        await intake.getByRole('button', { name: 'Send henvendelsen' }).click();

        const confirmation = cardWith(page, 'Henvendelsen er registrert');
        await confirmation.waitFor({ timeout: CARD_TIMEOUT });
        expect(await confirmation.innerText()).toMatch(/BS-\d{4}-\d{5}/);
        await page.screenshot({ path: `${SCREENSHOTS}/playground-henvendelse-number.png` });
      });
    });

    describe('as the leader Megan Bowen (npm run playground -- --as leder)', () => {
      let playground: Playground;
      beforeAll(async () => {
        playground = await startPlayground({ botEndpoint: bot.endpoint, role: 'leder' });
      });
      afterAll(async () => {
        await playground?.stop();
      });

      it('the help card shows the leader role for her unit', async () => {
        browser = await launchBrowser();
        const { page } = browser;
        await openPersonalChat(page, playground);

        await sendMessage(page, 'hjelp');

        const help = cardWith(page, 'Arkivlos – hjelp');
        await help.waitFor({ timeout: CARD_TIMEOUT });
        const text = await help.innerText();
        expect(text).toContain('Hei, Megan Bowen!');
        expect(text).toContain('Leder – Økonomiavdelingen');
        // Opening the chat installed the app: one welcome card, although the Playground, like
        // Teams, announced the install twice (installationUpdate and conversationUpdate).
        await expect.poll(() => cardWith(page, 'Velkommen til Arkivlos').count()).toBe(1);
        await page.screenshot({ path: `${SCREENSHOTS}/playground-help-leader.png` });
      });
    });
  },
);

describe('npm run playground -- --as <role>: arguments and the Playground config', () => {
  it('without --as the caseworker types; an unknown role is refused with the list of roles', () => {
    expect(parsePlaygroundArgs([])).toMatchObject({ help: false, role: 'saksbehandler', locale: 'nb-NO', port: 56150 });
    expect(parsePlaygroundArgs(['--help'])).toEqual({ help: true });
    expect(() => parsePlaygroundArgs(['--as', 'sjef'])).toThrow(UsageError);
    expect(() => parsePlaygroundArgs(['--as', 'sjef'])).toThrow(/saksbehandler, leder, arkivet/);
    expect(() => parsePlaygroundArgs(['--locale', 'de-DE'])).toThrow(/nb-NO, nn-NO, en-US/);
  });

  it('the bot endpoint comes from --endpoint, else BOT_ENDPOINT, else PORT', () => {
    expect(parsePlaygroundArgs([], {})).toMatchObject({ botEndpoint: 'http://localhost:3978/api/messages' });
    expect(parsePlaygroundArgs([], { PORT: '4000' })).toMatchObject({ botEndpoint: 'http://localhost:4000/api/messages' });
    expect(parsePlaygroundArgs([], { BOT_ENDPOINT: 'http://127.0.0.1:5000/api/messages', PORT: '4000' })).toMatchObject({
      botEndpoint: 'http://127.0.0.1:5000/api/messages',
    });
    expect(parsePlaygroundArgs(['--endpoint', 'http://bot:1/api/messages', '--as', 'leder'])).toMatchObject({
      botEndpoint: 'http://bot:1/api/messages',
      role: 'leder',
    });
  });

  it.each(Object.keys(DEMO_ROLE_PERSONAS))('--as %s: the person typing holds that role, with five other demo people', async (role) => {
    const people = await readDemoPeople();
    const config = buildPlaygroundConfig({ currentUser: personForRole(role, people), people });
    expect(config.currentUser.aadObjectId).toBe(DEMO_ROLE_PERSONAS[role]!.toLowerCase());
    expect(config.currentUser.userPrincipleName).toMatch(/@eksempel\.kommune\.no$/);
    expect(config.users).toHaveLength(5);
    const ids = [config.currentUser.id, ...config.users.map((user) => user.id)];
    expect(new Set(ids).size).toBe(6);
  });

  it('the Teams client language is set on the activity and its clientInfo entity', () => {
    const activity = { type: 'message', locale: 'en-US', entities: [{ type: 'clientInfo', locale: 'en-US' }, { type: 'mention' }] };
    expect(withLocale(activity, 'nn-NO')).toEqual({
      type: 'message',
      locale: 'nn-NO',
      entities: [{ type: 'clientInfo', locale: 'nn-NO' }, { type: 'mention' }],
    });
  });

  it('the real Playground accepts the config of a person who is not one of its built-in users', { timeout: 60_000 }, async () => {
    const stub = createServer((_req, res) => res.end());
    await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(stub.address() as AddressInfo).port}/api/messages`;
    const playground = await startPlayground({ botEndpoint: endpoint, role: 'systemadministrator', locale: 'en-US' });
    try {
      const response = await fetch(`${playground.url}/_internal/v1/config`);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { config: { currentUser: { name: string; aadObjectId: string } } };
      expect(body.config.currentUser).toMatchObject({ name: 'Sigrid Dahl', aadObjectId: DEMO_ROLE_PERSONAS.systemadministrator });
    } finally {
      await playground.stop();
      await new Promise((resolve) => stub.close(resolve));
    }
  });
});

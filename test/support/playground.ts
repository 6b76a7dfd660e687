/**
 * The Microsoft 365 Agents Playground (a Teams look-alike web client with a mock Bot Connector) in
 * Debian Chromium, driven by playwright-core, against the whole bot over real HTTP.
 *
 * The Playground sends the activities itself, with its own serviceUrl (`<playground>/_connector`),
 * so the bot here has no fake connector: the bot's replies go to the Playground, which renders them.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import {
  DEFAULT_LOCALE,
  buildPlaygroundConfig,
  personForRole,
  readDemoPeople,
  spawnPlayground,
  startLocaleProxy,
  stopProcessGroup,
  writePlaygroundConfig,
  type DemoPerson,
  type LocaleProxy,
  type PlaygroundLocale,
} from '../../scripts/playground-config.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);
/**
 * Said in the name of a browser suite skipped for want of Chromium. Only on a developer's machine:
 * in CI (CI=true) playground.test.ts fails the run when Chromium is missing.
 */
export const NO_CHROMIUM = hasChromium ? '' : ` (skipped: no Chromium at ${CHROMIUM_PATH}; apt-get install chromium or set CHROMIUM_PATH)`;

/** Where the browser tests save their screenshots (README copies a few to docs/screenshots/). */
export const SCREENSHOTS = 'test/browser/screenshots';
/** How long a browser test waits for a card to appear or change. */
export const CARD_TIMEOUT = 20_000;
/** A test's name as part of a file name. */
export const slug = (name: string): string => name.replace(/[^a-z0-9æøå]+/gi, '-').replace(/^-|-$/g, '').toLowerCase();

/**
 * In an `afterEach`: when the test failed, a full-page screenshot of each browser's page in
 * SCREENSHOTS, `<prefix>-FAILED-<test name>[-<i>].png`, to see what the client showed.
 */
export async function screenshotIfFailed(task: { name: string; result?: { state?: string } }, prefix: string, browsers: readonly (TestBrowser | undefined)[]): Promise<void> {
  if (task.result?.state !== 'fail') return;
  const suffix = (i: number) => (browsers.length > 1 ? `-${i}` : '');
  await Promise.all(
    browsers.map((browser, i) => browser?.page.screenshot({ path: `${SCREENSHOTS}/${prefix}-FAILED-${slug(task.name)}${suffix(i)}.png`, fullPage: true }).catch(() => {})),
  );
}

// ---------------------------------------------------------------------------------------------
// The Playground

export interface Playground {
  /** The web client, e.g. http://localhost:41234 */
  url: string;
  currentUser: DemoPerson;
  logFile: string;
  stop(): Promise<void>;
}

export interface StartPlaygroundOptions {
  botEndpoint: string;
  /** The demo person holding this role types (see domain/org/demo-people.ts) … */
  role?: string;
  /** … or this person. */
  currentUser?: DemoPerson;
  /** The Teams client language the bot sees (default nb-NO, like `npm run playground`). */
  locale?: PlaygroundLocale;
  /** How long to wait for the Playground's web client (ms). */
  timeoutMs?: number;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Starts the Playground CLI on a free port with a config whose `currentUser` is the given person,
 * and waits until its web client answers. `stop()` ends its process group and removes its files.
 */
export async function startPlayground(options: StartPlaygroundOptions): Promise<Playground> {
  const people = await readDemoPeople();
  const currentUser = options.currentUser ?? personForRole(options.role ?? 'saksbehandler', people);
  const dir = await mkdtemp(join(tmpdir(), 'arkivlos-playground-test-'));
  const configPath = await writePlaygroundConfig(dir, buildPlaygroundConfig({ currentUser, people }));
  const locale = options.locale ?? DEFAULT_LOCALE;
  const proxy: LocaleProxy | undefined = locale === 'en-US' ? undefined : await startLocaleProxy(options.botEndpoint, locale);

  const playground = spawnPlayground({
    dir,
    configPath,
    appEndpoint: proxy?.endpoint ?? options.botEndpoint,
    port: await freePort(),
    open: false,
  });
  let stderr = '';
  playground.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));

  const stop = async () => {
    await stopProcessGroup(playground.child);
    await proxy?.close();
    await rm(dir, { recursive: true, force: true });
  };

  try {
    const deadline = Date.now() + (options.timeoutMs ?? 45_000);
    const port = await Promise.race([
      playground.port,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no "Listening on" from the Playground')), options.timeoutMs ?? 45_000).unref()),
    ]);
    const url = `http://localhost:${port}`;
    for (;;) {
      const ok = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then((response) => response.ok, () => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`the Playground's web client at ${url} did not answer`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return { url, currentUser, logFile: playground.logFile, stop };
  } catch (error) {
    await stop();
    throw new Error(`The Agents Playground did not start: ${(error as Error).message}\n${stderr}`, { cause: error });
  }
}

// ---------------------------------------------------------------------------------------------
// The browser

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface TestBrowser {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Debian Chromium (never a downloaded one) with a fresh context and page. */
export async function launchBrowser(): Promise<TestBrowser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'nb-NO' });
  const page = await context.newPage();
  // The Playground's client is a large bundle: on a busy 2-core machine its first load can take longer than 30 s.
  page.setDefaultNavigationTimeout(90_000);
  return { browser, context, page, close: () => browser.close() };
}

// ---------------------------------------------------------------------------------------------
// The Playground's page (selectors found by loading 0.2.28's client in Chromium)

/** The compose box is a Lexical editor. */
export const composeBox = (page: Page): Locator => page.locator('[data-lexical-editor="true"][role="textbox"]');

/** Opens the Playground in the personal chat with the bot (its start page) and waits for the compose box. */
export async function openPersonalChat(page: Page, playground: Playground): Promise<void> {
  await page.goto(playground.url);
  await composeBox(page).waitFor({ state: 'visible', timeout: 30_000 });
  await page.getByRole('treeitem', { name: 'Personal Chat' }).click();
}

/** Types `text` into the compose box and presses the send button, like a person would. */
export async function sendMessage(page: Page, text: string): Promise<void> {
  const box = composeBox(page);
  await box.click();
  await page.keyboard.type(text);
  await page.getByRole('button', { name: 'Send Message' }).click();
}

/** Every Adaptive Card rendered in the conversation. */
export const adaptiveCards = (page: Page): Locator => page.locator('.ac-adaptiveCard');

/** The last rendered Adaptive Card that contains `text`. */
export const cardWith = (page: Page, text: string | RegExp): Locator => adaptiveCards(page).filter({ hasText: text }).last();

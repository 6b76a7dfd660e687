/**
 * «Mine oppgaver» in a real Teams-like client: the leader Megan Bowen (Økonomiavdelingen in the
 * demo organisation) types `oppgaver` in the Agents Playground in Debian Chromium, distributes an
 * unassigned entry from the card's «Fordel» form to Alex Wilber, and writes one of her own entries
 * off with a one-click method from the «Avskriv» form. Each Action.Execute answer takes the old
 * card's place, as in Teams. Screenshots go to test/browser/screenshots/ (README shows copies
 * from docs/screenshots/).
 */
import { mkdir } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { builtInRegistry } from '../../domain/archive/registry/built-in-registry.js';
import { DEMO_ROLE_PERSONAS } from '../../domain/org/demo-people.js';
import { ARCHIVE_NOW, createCaseWith } from '../support/archive.js';
import { startTestApp, type TestApp } from '../support/bot.js';
import {
  CARD_TIMEOUT,
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

// Skipped only without Chromium on a developer's machine; in CI playground.test.ts fails the run instead.
describe.skipIf(!hasChromium)(`«Mine oppgaver» in the Microsoft 365 Agents Playground: a leader acts on the card${NO_CHROMIUM}`, { timeout: 90_000 }, () => {
  let bot: TestApp;
  let leader: Playground; // Megan Bowen, leder for Økonomiavdelingen
  let browser: TestBrowser | undefined;
  const prisma = () => bot.arkivlos.database.prisma;
  const entry = async (id: string) => (await builtInRegistry(prisma()).entriesById([id]))[0]!;
  let unassignedId: string;
  let ownId: string;

  beforeAll(async () => {
    // The day of the archive test data (Thursday 26 November 2026, 09:00 in Oslo), so the card's lines are known.
    bot = await startTestApp({}, { now: () => ARCHIVE_NOW });
    await mkdir(SCREENSHOTS, { recursive: true });
    // The test app loads the demo organisation but not its demo archive (DEMO_DATA=off): the
    // entries this test acts on are made here, in the unit Megan leads.
    const megan = await prisma().person.findUniqueOrThrow({ where: { aadObjectId: DEMO_ROLE_PERSONAS.leder!.toLowerCase() }, select: { id: true } });
    const unit = await prisma().unit.findFirstOrThrow({ where: { leaderId: megan.id }, select: { id: true } });
    const kase = await createCaseWith(prisma(), { unitId: unit.id, title: 'Betalingsutsettelse kommunale avgifter' }, [
      { unitId: unit.id, receivedDate: '2026-11-23', title: 'Søknad om betalingsutsettelse – Kari Hansen' },
      { unitId: unit.id, caseworkerId: megan.id, assignedAt: new Date('2026-11-10T09:00:00Z'), receivedDate: '2026-11-09', title: 'Kopi av purring fra kemner' },
    ]);
    [unassignedId, ownId] = kase.entryIds as [string, string];
    leader = await startPlayground({ botEndpoint: bot.endpoint, role: 'leder' });
  });
  afterAll(async () => {
    await browser?.close();
    await leader?.stop();
    await bot?.stop();
  });
  afterEach(({ task }) => screenshotIfFailed(task, 'daily-card', [browser]));

  it('the leader distributes an unassigned entry from the «Fordel» form and writes her own entry off with «TE – tatt til etterretning»', async () => {
    browser = await launchBrowser();
    const { page } = browser;
    await openPersonalChat(page, leader);
    const unassigned = await entry(unassignedId);
    const own = await entry(ownId);

    await sendMessage(page, 'oppgaver');
    const daily = cardWith(page, 'Mine oppgaver');
    await daily.waitFor({ timeout: CARD_TIMEOUT });
    await expect.poll(() => daily.innerText()).toContain('Ufordelte journalposter – Økonomiavdelingen');
    expect(await daily.innerText()).toContain('Mine restanser');
    const cardsBefore = await adaptiveCards(page).count();

    // «Fordel» on the unassigned entry (the only one: exact, so «Omfordel» on her own entry is not it).
    await daily.getByRole('button', { name: 'Fordel', exact: true }).click();
    const form = cardWith(page, `Fordel: ${unassigned.number}`);
    await form.waitFor({ timeout: CARD_TIMEOUT });
    expect(await adaptiveCards(page).count()).toBe(cardsBefore);
    expect(await form.innerText()).toContain('Søknad om betalingsutsettelse – Kari Hansen');
    // The renderer's drop-down (a Fluent UI combobox) lists its choices in a popup of the page.
    await form.getByRole('combobox', { name: /Saksbehandler \(og underenhet\)/ }).click();
    await page.getByRole('option', { name: 'Alex Wilber' }).waitFor({ timeout: CARD_TIMEOUT });
    expect(await page.getByRole('option').allInnerTexts()).toEqual(expect.arrayContaining(['Alex Wilber', 'Isaiah Langer']));
    await page.getByRole('option', { name: 'Alex Wilber' }).click();
    await page.screenshot({ path: `${SCREENSHOTS}/daily-card-fordel-form.png` });
    await form.getByRole('button', { name: 'Fordel', exact: true }).click();

    const distributed = cardWith(page, `${unassigned.number}: fordelt til Alex Wilber`);
    await distributed.waitFor({ timeout: CARD_TIMEOUT });
    const afterDistribute = await distributed.innerText();
    expect(afterDistribute).toContain(`✔ ${unassigned.number}: fordelt til Alex Wilber. Gjort av deg 26.11.2026, 09:00.`);
    expect(afterDistribute).toContain('Mine oppgaver');
    expect(afterDistribute).not.toContain('Søknad om betalingsutsettelse – Kari Hansen');
    expect(await adaptiveCards(page).count()).toBe(cardsBefore);
    await page.screenshot({ path: `${SCREENSHOTS}/daily-card-fordelt.png` });
    const stored = await entry(unassignedId);
    expect(stored.caseworker?.name).toBe('Alex Wilber');
    expect(stored.version).toBeGreaterThan(unassigned.version);

    // «Avskriv» on her own backlog entry, then a one-click method.
    await distributed.getByRole('button', { name: 'Avskriv', exact: true }).click();
    const writeOff = cardWith(page, `Avskriv: ${own.number}`);
    await writeOff.waitFor({ timeout: CARD_TIMEOUT });
    expect(await writeOff.innerText()).toContain('Avskriv med ett klikk');
    await page.screenshot({ path: `${SCREENSHOTS}/daily-card-avskriv-form.png` });
    await writeOff.getByRole('button', { name: 'TE – tatt til etterretning' }).click();

    const writtenOff = cardWith(page, `${own.number}: avskrevet`);
    await writtenOff.waitFor({ timeout: CARD_TIMEOUT });
    const afterWriteOff = await writtenOff.innerText();
    expect(afterWriteOff).toContain(`✔ ${own.number}: avskrevet. Gjort av deg 26.11.2026, 09:00.`);
    expect(afterWriteOff).not.toContain('Kopi av purring fra kemner');
    expect(await adaptiveCards(page).count()).toBe(cardsBefore);
    await page.screenshot({ path: `${SCREENSHOTS}/daily-card-avskrevet.png` });
    expect((await entry(ownId)).writeOff?.method).toBe('TE');
  });
});

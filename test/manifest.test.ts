import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  APP_PACKAGE_DIR,
  AppPackageError,
  buildAppPackage,
  buildManifest,
  bundledSchemaPath,
  checkIcons,
  commandLocalizationKeys,
  decodePng,
  loadAppTemplate,
  readPngHeader,
  validateLocalization,
  validateManifest,
  type AppTemplate,
  type Manifest,
} from '../scripts/app-package.js';

const BOT_ID = '11111111-2222-3333-4444-555555555555';
const APP_ID = '99999999-8888-7777-6666-555555555555';
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

let template: AppTemplate;
let manifest: Manifest;

beforeAll(async () => {
  template = await loadAppTemplate();
  manifest = buildManifest(template.manifest, { botId: BOT_ID });
});

const titles = (m: Manifest, list: number) => m.bots![0]!.commandLists![list]!.commands.map((c) => c.title);
const translatedTitles = (file: string, list: number) => {
  const localization = template.localizations.get(file)!;
  return titles(manifest, list).map((_, j) => localization[`bots[0].commandLists[${list}].commands[${j}].title`]);
};
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('Teams app manifest', () => {
  it('the template filled in with a test bot id passes the bundled manifest schema with zero errors', async () => {
    expect(manifest.$schema).toBe('https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json');
    expect(manifest.manifestVersion).toBe('1.30');
    expect(bundledSchemaPath(manifest.$schema)).toBeDefined(); // validated offline
    expect(await validateManifest(manifest)).toEqual([]);
  });

  it('is a conversational bot in personal, team and group chat with one command list per kind of conversation', () => {
    const bot = manifest.bots![0]!;
    expect(bot.botId).toBe(BOT_ID);
    expect(manifest.id).toBe(BOT_ID); // TEAMS_APP_ID defaults to BOT_ID
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(bot.isNotificationOnly).toBe(false);
    expect(bot.commandLists!.map((list) => list.scopes)).toEqual([['personal'], ['team', 'groupChat']]);
    expect(manifest.permissions).toEqual(['identity', 'messageTeamMembers']);
    expect(manifest.webApplicationInfo).toBeUndefined();
    expect(manifest.name).toEqual({ short: 'Arkivlos', full: 'Arkivlos – brukerstøtte og oppfølging for sak og arkiv' });
  });

  // Only commands the bot answers are offered (test/bot-http.test.ts posts each one to the bot);
  // later features add theirs to the lists as they land.
  it('offers the working commands in bokmål, English and nynorsk, at most 12 per list, with help and settings', () => {
    expect(titles(manifest, 0)).toEqual(['hjelp', 'innstillinger']);
    expect(titles(manifest, 1)).toEqual(['hjelp']);
    expect(translatedTitles('en.json', 0)).toEqual(['help', 'settings']);
    expect(translatedTitles('en.json', 1)).toEqual(['help']);
    expect(translatedTitles('nn.json', 0)).toEqual(['hjelp', 'innstillingar']);
    expect(translatedTitles('nn.json', 1)).toEqual(['hjelp']);
    for (const list of manifest.bots![0]!.commandLists!) expect(list.commands.length).toBeLessThanOrEqual(12);
    const firstList = manifest.bots![0]!.commandLists![0]!.commands[0]!;
    expect(firstList.description).toBe('Vis hva Arkivlos kan gjøre for deg');
    expect(manifest.bots![0]!.commandLists![0]!.commands[1]!.description).toBe('Velg språk');
  });

  it('declares bokmål as default language with en-US and nn-NO translations in en.json and nn.json', () => {
    expect(manifest.localizationInfo).toEqual({
      defaultLanguageTag: 'nb-NO',
      additionalLanguages: [
        { languageTag: 'en-US', file: 'en.json' },
        { languageTag: 'nn-NO', file: 'nn.json' },
      ],
    });
    expect([...template.localizations.keys()]).toEqual(['en.json', 'nn.json']);
  });

  it('each localization file passes the bundled localization schema and translates every command', async () => {
    const keys = commandLocalizationKeys(manifest);
    expect(keys).toHaveLength(2 * (2 + 1)); // a title and a description for each command
    for (const [file, localization] of template.localizations) {
      expect(await validateLocalization(localization, manifest, file)).toEqual([]);
      for (const key of keys) expect(localization[key], `${file} ${key}`).toEqual(expect.stringMatching(/\S/));
      expect(localization['name.short']).toBe('Arkivlos');
    }
  });

  it('reports a localization file that misses a command title or translates a command that does not exist', async () => {
    const broken = clone(template.localizations.get('en.json')!);
    delete broken['bots[0].commandLists[0].commands[1].title'];
    broken['bots[0].commandLists[1].commands[5].title'] = 'ghost';
    broken['name.short'] = 'x'.repeat(31);
    const problems = await validateLocalization(broken, manifest, 'en.json');
    expect(problems).toContain('en.json: missing translation "bots[0].commandLists[0].commands[1].title"');
    expect(problems).toContain('en.json: "bots[0].commandLists[1].commands[5].title" refers to no command in manifest.json');
    expect(problems.some((p) => p.includes('/name.short') && p.includes('30'))).toBe(true);
  });

  it('reports a manifest with more than 12 commands in a list, a duplicate command and an unknown property', async () => {
    const broken = clone(manifest);
    const commands = broken.bots![0]!.commandLists![0]!.commands;
    for (let i = 0; commands.length < 13; i++) commands.push({ title: `kommando ${i}`, description: 'x' });
    broken.bots![0]!.commandLists![1]!.commands.push({ title: 'Hjelp' });
    broken.botsx = true;
    const problems = await validateManifest(broken);
    expect(problems).toContain('bots[0].commandLists[0] has 13 commands; Teams shows at most 12');
    expect(problems).toContain('bots[0].commandLists[1] has the command "Hjelp" twice');
    expect(problems.some((p) => p.startsWith('schema: /bots/0/commandLists/0/commands must NOT have more than 12 items'))).toBe(true);
    expect(problems.some((p) => p.includes('must NOT have additional properties') && p.includes('botsx'))).toBe(true);
  });
});

describe('app icons', () => {
  it('the colour icon is a 192×192 full-colour PNG: blue background, white glyph, transparent rounded corners', () => {
    const png = template.icons.get('color.png')!;
    expect(readPngHeader(png)).toMatchObject({ width: 192, height: 192 });
    const { rgba } = decodePng(png);
    const pixel = (x: number, y: number) => [...rgba.subarray((y * 192 + x) * 4, (y * 192 + x) * 4 + 4)];
    expect(pixel(0, 0)[3]).toBe(0);
    expect(pixel(96, 63)).toEqual([255, 255, 255, 255]); // the box lid
    const [r, g, b, a] = pixel(20, 96);
    expect(a).toBe(255);
    expect(b!).toBeGreaterThan(r! + 60); // deep blue background
    expect(b!).toBeGreaterThan(g!);
    const colours = new Set<number>();
    for (let i = 0; i < rgba.length; i += 4) if (rgba[i + 3] === 255) colours.add(rgba.readUInt32BE(i));
    expect(colours.size).toBeGreaterThan(16);
  });

  it('the outline icon is a 32×32 PNG with only white or fully transparent pixels', () => {
    const png = template.icons.get('outline.png')!;
    expect(readPngHeader(png)).toMatchObject({ width: 32, height: 32, bitDepth: 8, colorType: 6 });
    const { rgba } = decodePng(png);
    let white = 0;
    let transparent = 0;
    for (let i = 0; i < rgba.length; i += 4) {
      const [r, g, b, a] = rgba.subarray(i, i + 4);
      if (a === 0) transparent++;
      else {
        expect([r, g, b]).toEqual([255, 255, 255]);
        white++;
      }
    }
    expect(white).toBeGreaterThan(100);
    expect(transparent).toBeGreaterThan(100);
    expect(checkIcons(manifest, template.icons)).toEqual([]);
  });

  it('reports icons of the wrong size and a coloured outline icon', () => {
    const swapped = { ...manifest, icons: { color: 'outline.png', outline: 'color.png' } };
    const problems = checkIcons(swapped, template.icons);
    expect(problems).toContain('colour icon outline.png is 32×32; it must be 192×192');
    expect(problems).toContain('outline icon color.png is 192×192; it must be 32×32');
    expect(problems.some((p) => /color\.png has \d+ pixels that are neither white nor fully transparent/.test(p))).toBe(true);
  });
});

describe('app package (build/appPackage.zip)', () => {
  const textOf = async (zip: JSZip, name: string) => zip.file(name)!.async('string');

  it('holds exactly manifest.json, the icons and the translations at the root, with the bot id filled in everywhere', async () => {
    const zip = await JSZip.loadAsync(await buildAppPackage({ botId: BOT_ID }));
    const names = Object.values(zip.files).map((f) => f.name);
    expect(names.sort()).toEqual(['color.png', 'en.json', 'manifest.json', 'nn.json', 'outline.png']);
    for (const name of ['manifest.json', 'en.json', 'nn.json']) {
      expect(await textOf(zip, name)).not.toContain('${{');
    }
    const packed = JSON.parse(await textOf(zip, 'manifest.json')) as Manifest;
    expect(packed.id).toBe(BOT_ID);
    expect(packed.bots![0]!.botId).toBe(BOT_ID);
    expect(packed.validDomains).toBeUndefined(); // no BOT_DOMAIN, no placeholder domain
    expect(await validateManifest(packed)).toEqual([]);
    for (const icon of ['color.png', 'outline.png']) {
      expect(await zip.file(icon)!.async('nodebuffer')).toEqual(await readFile(join(APP_PACKAGE_DIR, icon)));
    }
  });

  it('uses TEAMS_APP_ID and BOT_DOMAIN when given', async () => {
    const zip = await JSZip.loadAsync(
      await buildAppPackage({ botId: BOT_ID, teamsAppId: APP_ID, botDomain: 'arkivlos.example.no' }),
    );
    const packed = JSON.parse(await textOf(zip, 'manifest.json')) as Manifest;
    expect(packed.id).toBe(APP_ID);
    expect(packed.bots![0]!.botId).toBe(BOT_ID);
    expect(packed.validDomains).toEqual(['arkivlos.example.no']);
  });

  it('gives the same bytes for the same input', async () => {
    const first = await buildAppPackage({ botId: BOT_ID });
    const second = await buildAppPackage({ botId: BOT_ID });
    expect(first.equals(second)).toBe(true);
  });

  it('building without a bot id fails with a clear message naming BOT_ID', async () => {
    await expect(buildAppPackage({})).rejects.toThrow(AppPackageError);
    await expect(buildAppPackage({ botId: '  ' })).rejects.toThrow(/BOT_ID is required/);
    await expect(buildAppPackage({ botId: 'not-a-guid' })).rejects.toThrow(/BOT_ID must be a GUID/);
    await expect(buildAppPackage({ botId: BOT_ID, botDomain: 'https://arkivlos.example.no/' })).rejects.toThrow(
      /BOT_DOMAIN must be a host name/,
    );
  });

  it('refuses to build an invalid package and lists every problem', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'arkivlos-apppackage-'));
    try {
      await cp(APP_PACKAGE_DIR, dir, { recursive: true });
      const broken = clone(template.manifest);
      broken.bots![0]!.commandLists![0]!.commands.push(
        ...Array.from({ length: 11 }, (_, i) => ({ title: `ekstra ${i}`, description: 'x' })),
      );
      broken.icons.outline = 'color.png';
      await writeFile(join(dir, 'manifest.json'), JSON.stringify(broken));
      const error = await buildAppPackage({ botId: BOT_ID, sourceDir: dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppPackageError);
      const { problems } = error as AppPackageError;
      expect(problems).toContain('bots[0].commandLists[0] has 13 commands; Teams shows at most 12');
      expect(problems).toContain('outline icon color.png is 192×192; it must be 32×32');
      expect(problems).toContain('en.json: missing translation "bots[0].commandLists[0].commands[12].title"');
      expect(problems).toContain('nn.json: missing translation "bots[0].commandLists[0].commands[8].title"');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('npm run package without BOT_ID exits with status 1 and says BOT_ID is required', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.BOT_ID;
    const run = promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/package-app.ts'], {
      cwd: REPO_ROOT,
      env,
    });
    await expect(run).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/BOT_ID is required/) });
  });
});

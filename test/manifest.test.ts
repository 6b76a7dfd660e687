import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS, type CommandTable } from '../domain/help/commands.js';
import { FEATURES } from '../domain/help/features.js';
import { translator } from '../i18n/index.js';
import {
  APP_PACKAGE_DIR,
  AppPackageError,
  buildAppPackage,
  buildLocalization,
  buildManifest,
  bundledSchemaPath,
  checkIcons,
  commandListPlan,
  commandLocalizationKeys,
  decodePng,
  deriveTeamsAppId,
  descriptionValues,
  loadAppTemplate,
  packageVersion,
  readPngHeader,
  validateLocalization,
  validateManifest,
  type AppTemplate,
  type Localization,
  type Manifest,
} from '../scripts/app-package.js';

const BOT_ID = '11111111-2222-3333-4444-555555555555';
const APP_ID = '99999999-8888-7777-6666-555555555555';
const LINKS = {
  websiteUrl: 'https://www.eksempel.kommune.no/arkivlos',
  privacyUrl: 'https://www.eksempel.kommune.no/personvern/arkivlos',
  termsUrl: 'https://www.eksempel.kommune.no/vilkar/arkivlos',
};
const OPTIONS = { botId: BOT_ID, ...LINKS };
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

let template: AppTemplate;
let manifest: Manifest;
let localizations: Map<string, Localization>;

beforeAll(async () => {
  template = await loadAppTemplate();
  manifest = buildManifest(template.manifest, OPTIONS);
  localizations = new Map([
    ['en.json', buildLocalization(template.localizations.get('en.json')!, 'en', OPTIONS)],
    ['nn.json', buildLocalization(template.localizations.get('nn.json')!, 'nn', OPTIONS)],
  ]);
});

const titles = (m: Manifest, list: number) => m.bots![0]!.commandLists![list]!.commands.map((c) => c.title);
const translated = (file: string, list: number, field: 'title' | 'description') => {
  const localization = localizations.get(file)!;
  return titles(manifest, list).map((_, j) => localization[`bots[0].commandLists[${list}].commands[${j}].${field}`]);
};
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('Teams app manifest', () => {
  it('the template filled in with a test bot id and links passes the bundled manifest schema with zero errors', async () => {
    expect(manifest.$schema).toBe('https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json');
    expect(manifest.manifestVersion).toBe('1.30');
    expect(bundledSchemaPath(manifest.$schema)).toBeDefined(); // validated offline
    expect(await validateManifest(manifest)).toEqual([]);
  });

  it('is a conversational bot in personal, team and group chat with one command list per kind of conversation', () => {
    const bot = manifest.bots![0]!;
    expect(bot.botId).toBe(BOT_ID);
    expect(manifest.id).toBe(deriveTeamsAppId(BOT_ID)); // TEAMS_APP_ID not given
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(bot.isNotificationOnly).toBe(false);
    expect(bot.supportsFiles).toBe(true); // files and pasted screenshots in the 1:1 chat (Teams offers files in personal scope only)
    expect(bot.commandLists!.map((list) => list.scopes)).toEqual([['personal'], ['team'], ['groupChat']]);
    expect(manifest.permissions).toEqual(['identity', 'messageTeamMembers']);
    expect(manifest.webApplicationInfo).toBeUndefined();
    expect(manifest.name).toEqual({ short: 'Arkivlos', full: 'Arkivlos – sak og arkiv i Teams' });
  });

  // The lists are made from domain/help/commands.ts, whose every word test/bot-http.test.ts posts
  // to the bot; a feature's command joins them when its row is added to the table.
  it('offers in bokmål, English and nynorsk exactly the commands of the command table, each where the table offers it', () => {
    expect(titles(manifest, 0)).toEqual(['hjelp', 'søk', 'innstillinger', 'ny henvendelse', 'mine henvendelser', 'fravær', 'oppgaver', 'status utsending', 'nå alle', 'send oppgaver nå']);
    expect(titles(manifest, 1)).toEqual(['hjelp', 'koble kø', 'koble fra kø', 'kø', 'spørretime']);
    expect(titles(manifest, 2)).toEqual(['hjelp', 'spørretime']);
    expect(translated('en.json', 0, 'title')).toEqual(['help', 'search', 'settings', 'new request', 'my requests', 'away', 'tasks', 'delivery status', 'reach everyone', 'send digests now']);
    expect(translated('en.json', 1, 'title')).toEqual(['help', 'bind queue', 'unbind queue', 'queue', 'qa']);
    expect(translated('en.json', 2, 'title')).toEqual(['help', 'qa']);
    expect(translated('nn.json', 0, 'title')).toEqual(['hjelp', 'søk', 'innstillingar', 'ny førespurnad', 'mine førespurnader', 'fråvær', 'oppgåver', 'status utsending', 'nå alle', 'send oppgåver no']);
    expect(translated('nn.json', 1, 'title')).toEqual(['hjelp', 'kople kø', 'kople frå kø', 'kø', 'spørjetime']);
    expect(translated('nn.json', 2, 'title')).toEqual(['hjelp', 'spørjetime']);
    expect(manifest.bots![0]!.commandLists![0]!.commands.map((c) => c.description)).toEqual([
      'Vis hva Arkivlos kan gjøre for deg',
      'Søk i hjelpeartiklene. Du kan også bare skrive spørsmålet ditt',
      'Velg språk: bokmål, nynorsk eller English',
      'Be om hjelp: meld inn en henvendelse til brukerstøtten',
      'Se henvendelsene dine med historikk, og lukk en du ikke trenger lenger',
      'Registrer når du er borte, se fraværet ditt eller slett det',
      'Vis det du har å gjøre i dag: post, frister og saker',
      'Administratorer: se meldinger som venter, er sendt eller feilet, hvem Arkivlos ikke når, og tempoet mot Teams',
      'Administratorer: opprett personlig chat med alle som ikke har en med Arkivlos ennå',
      'Administratorer: send dagens oppgavekort nå til alle som har noe å gjøre (også på helgedager og helligdager)',
    ]);
    expect(translated('nn.json', 0, 'description').slice(0, 3)).toEqual([
      'Vis kva Arkivlos kan gjere for deg',
      'Søk i hjelpeartiklane. Du kan òg berre skrive spørsmålet ditt',
      'Vel språk: bokmål, nynorsk eller English',
    ]);
    expect(translated('en.json', 1, 'description')).toEqual([
      'Show what Arkivlos can do for you',
      'The archive and administrators: make the channel the queue of a line – first-line, process-advisers <unit>, specialists <subject area>, vendor or system-administrator',
      'The archive and administrators: the channel stops being a queue',
      'Show which line the channel is the queue of',
      'Create a Q&A session here (once, or as a pair over several days), or type “announce” and a text',
    ]);
    expect(translated('en.json', 2, 'description')).toEqual(['Show what Arkivlos can do for you', 'Create a Q&A session here (once, or as a pair over several days), or type “announce” and a text']);
    for (const [i, list] of commandListPlan().entries()) {
      expect(manifest.bots![0]!.commandLists![i]!.scopes).toEqual(list.scopes);
      for (const scope of list.scopes) {
        const table: CommandTable = COMMANDS;
        expect(list.commands).toEqual(Object.keys(table).filter((id) => table[id]!.scopes.includes(scope) && table[id]!.menu !== false));
      }
    }
  });

  it('a command added to the table joins the lists of its scopes; scopes with the same commands share a list', () => {
    const table: CommandTable = {
      hjelp: COMMANDS.hjelp,
      sok: COMMANDS.sok,
      kobleKo: COMMANDS.kobleKo,
      oppgaver: { words: { nb: ['oppgaver'], nn: ['oppgåver'], en: ['tasks'] }, roles: ['saksbehandler'], scopes: ['personal'], help: 'help.title' },
      sporretime: { words: { nb: ['spørretime'], nn: ['spørjetime'], en: ['q&a'] }, roles: ['arkivet'], scopes: ['team'], help: 'help.title' },
    };
    expect(commandListPlan(table)).toEqual([
      { scopes: ['personal'], commands: ['hjelp', 'sok', 'oppgaver'] },
      { scopes: ['team'], commands: ['hjelp', 'kobleKo', 'sporretime'] },
      { scopes: ['groupChat'], commands: ['hjelp'] },
    ]);
    const built = buildManifest(template.manifest, OPTIONS, table);
    expect(titles(built, 0)).toEqual(['hjelp', 'søk', 'oppgaver']);
    const nn = buildLocalization(template.localizations.get('nn.json')!, 'nn', OPTIONS, table);
    expect(nn['bots[0].commandLists[1].commands[2].title']).toBe('spørjetime');
  });

  it('a command marked menu: false stays out of Teams\' command menu', () => {
    const table: CommandTable = {
      hjelp: COMMANDS.hjelp,
      sok: COMMANDS.sok,
      naAlle: { ...COMMANDS.naAlle, menu: false },
    };
    expect(commandListPlan(table)).toEqual([{ scopes: ['personal'], commands: ['hjelp', 'sok'] }, { scopes: ['team', 'groupChat'], commands: ['hjelp'] }]);
  });

  it('describes the app only by the lines of the features that exist, in every language', () => {
    const t = translator('nb');
    expect(manifest.description).toEqual({
      short: 'Teams-app for deg som arbeider i sak-/arkivsystemet (Noark 5)',
      full:
        'Arkivlos er en Teams-app for saksbehandlere, ledere og arkivet som arbeider i sak-/arkivsystemet (Noark 5). ' +
        'Skriv «hjelp» for å se hva Arkivlos kan gjøre for deg, og hvilke roller du har i organisasjonen. ' +
        'Skriv spørsmålet ditt rett i chatten, eller «søk» og noen ord, så finner Arkivlos hjelpeartikler som kan svare på det. ' +
        'Skriv «innstillinger» for å velge om Arkivlos skal svare deg på bokmål, nynorsk eller English. ' +
        'Skriv «ny henvendelse» for å be om hjelp: du svarer på det brukerstøtten trenger å vite, får et nummer på henvendelsen og beskjed her i chatten når statusen endrer seg. ' +
        'Skriv «mine henvendelser» for å se henvendelsene dine med hele historikken, og for å lukke en du ikke trenger lenger. ' +
        'Velg «Opprett henvendelse» under «Flere handlinger» (…) på en melding i Teams, så blir meldingen en henvendelse med tekst, avsender og lenke. «Send til journalføring» sender et dokument du har fått i Teams, til arkivet med filene. ' +
        'Hver arbeidsdag kl. 07.30 får du kortet «Mine oppgaver» med ny post, restanser, frister, godkjenninger og offentlighetsvurderinger, og du fordeler, avskriver og godkjenner rett fra kortet. Skriv «oppgaver» for å se det nå. ' +
        'Skriv «fravær» 23.12–2.1 når du skal være borte: kortet ditt tar pause, og er du leder, får stedfortrederen ledersakene dine så lenge. ' +
        'Som administrator skriver du «status utsending» for å se hvordan utsendingen går: hva som venter, er sendt eller feilet, og hvem Arkivlos ikke når. ' +
        'Som administrator skriver du «nå alle» for å opprette personlig chat med alle som ikke har en med Arkivlos ennå. ' +
        'Som administrator skriver du «send oppgaver nå» for å sende dagens oppgavekort til alle med noe å gjøre med én gang. ' +
        'Skriv «kjente feil» for registeret over kjente feil: status, leverandørens referanse og hvor mange som har meldt feilen. De som meldte den, får beskjed når den er rettet. ' +
        'Er du i arkivet, prosessrådgiver eller fagspesialist, skriver du «artikler» for å holde enhetens artikler i kunnskapsbasen ved like: skriv nye, rett dem eller trekk dem tilbake. ' +
        'Som administrator skriver du «innføring» 29.10–6.11 og en tekst for å sette innføringsmodus: de første dagene på et nytt system tar Arkivlos ikke imot vanlige henvendelser, og den som spør, får teksten din. ' +
        'Arkivet og moderatorene lager spørretimer i en kanal eller gruppechat med «spørretime»: alle kan stille spørsmål, også anonymt, melde feil og stemme, og kortet viser spørsmålene etter antall stemmer.',
    });
    expect(Object.keys(FEATURES)).toHaveLength(15); // a new feature's line makes the description longer
    expect(manifest.description).toEqual({ short: t('manifest.short', { system: t('app.archiveSystem') }), full: descriptionValues('nb').DESCRIPTION_FULL });
    expect(localizations.get('nn.json')!['description.full']).toBe(descriptionValues('nn').DESCRIPTION_FULL);
    expect(localizations.get('en.json')!['description.full']).toContain('Type “settings” to choose whether Arkivlos answers you in Bokmål, Nynorsk or English.');
    expect(localizations.get('en.json')!['description.short']).toBe('A Teams app for people who work in the case/archive system (Noark 5)');
  });

  it('offers «Opprett henvendelse» and «Send til journalføring» on any message, each opening the bot’s dialog, in bokmål, nynorsk and English', async () => {
    expect(manifest.composeExtensions).toEqual([
      {
        botId: BOT_ID,
        commands: [
          {
            id: 'createRequest',
            type: 'action',
            title: 'Opprett henvendelse',
            description: 'Lag en henvendelse til brukerstøtten av denne meldingen, med tekst, avsender og lenke',
            context: ['message'],
            fetchTask: true,
          },
          {
            id: 'sendToArchive',
            type: 'action',
            title: 'Send til journalføring',
            description: 'Send dokumentet i denne meldingen til arkivet for journalføring, med filene',
            context: ['message'],
            fetchTask: true,
          },
        ],
      },
    ]);
    const actionTexts = (file: string) => [0, 1].map((j) => localizations.get(file)![`composeExtensions[0].commands[${j}].title`]);
    expect(actionTexts('nn.json')).toEqual(['Opprett førespurnad', 'Send til journalføring']);
    expect(actionTexts('en.json')).toEqual(['Create request', 'Send for registration']);
    expect(localizations.get('en.json')!['composeExtensions[0].commands[1].description']).toBe('Send the document in this message to the archive to be registered, with its files');
    const missing = clone(localizations.get('nn.json')!);
    delete missing['composeExtensions[0].commands[0].description'];
    missing['composeExtensions[0].commands[2].title'] = 'ghost';
    const problems = await validateLocalization(missing, manifest, 'nn.json');
    expect(problems).toContain('nn.json: missing translation "composeExtensions[0].commands[0].description"');
    expect(problems).toContain('nn.json: "composeExtensions[0].commands[2].title" refers to no command in manifest.json');
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
    expect(keys).toHaveLength(2 * (10 + 5 + 2)); // a title and a description for each command
    for (const [file, localization] of localizations) {
      expect(await validateLocalization(localization, manifest, file)).toEqual([]);
      for (const key of keys) expect(localization[key], `${file} ${key}`).toEqual(expect.stringMatching(/\S/));
      expect(localization['name.short']).toBe('Arkivlos');
    }
  });

  it('reports a localization file that misses a command title or translates a command that does not exist', async () => {
    const broken = clone(localizations.get('en.json')!);
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
    const zip = await JSZip.loadAsync(await buildAppPackage(OPTIONS));
    const names = Object.values(zip.files).map((f) => f.name);
    expect(names.sort()).toEqual(['color.png', 'en.json', 'manifest.json', 'nn.json', 'outline.png']);
    for (const name of ['manifest.json', 'en.json', 'nn.json']) {
      expect(await textOf(zip, name)).not.toContain('${{');
    }
    const packed = JSON.parse(await textOf(zip, 'manifest.json')) as Manifest;
    expect(packed.id).toBe(deriveTeamsAppId(BOT_ID));
    expect(packed.bots![0]!.botId).toBe(BOT_ID);
    expect(packed.composeExtensions![0]!.botId).toBe(BOT_ID); // the message actions are the same bot's
    expect(packed.version).toBe(packageVersion());
    expect(packed.developer).toEqual({ name: 'Arkivlos', websiteUrl: LINKS.websiteUrl, privacyUrl: LINKS.privacyUrl, termsOfUseUrl: LINKS.termsUrl });
    expect(packed.validDomains).toBeUndefined(); // no BOT_DOMAIN, no placeholder domain
    const en = JSON.parse(await textOf(zip, 'en.json')) as Localization;
    expect(en['bots[0].commandLists[0].commands[2].title']).toBe('settings');
    expect(en['description.full']).toBe(descriptionValues('en').DESCRIPTION_FULL);
    expect(await validateManifest(packed)).toEqual([]);
    for (const icon of ['color.png', 'outline.png']) {
      expect(await zip.file(icon)!.async('nodebuffer')).toEqual(await readFile(join(APP_PACKAGE_DIR, icon)));
    }
  });

  it('uses TEAMS_APP_ID, APP_VERSION and BOT_DOMAIN when given', async () => {
    const zip = await JSZip.loadAsync(
      await buildAppPackage({ ...OPTIONS, teamsAppId: APP_ID, appVersion: '2.3.4', botDomain: 'arkivlos.example.no' }),
    );
    const packed = JSON.parse(await textOf(zip, 'manifest.json')) as Manifest;
    expect(packed.id).toBe(APP_ID);
    expect(packed.bots![0]!.botId).toBe(BOT_ID);
    expect(packed.version).toBe('2.3.4');
    expect(packed.validDomains).toEqual(['arkivlos.example.no']);
  });

  it('the default Teams app id is a version 5 GUID derived from BOT_ID: the same for the same bot, never the bot id itself', () => {
    const derived = deriveTeamsAppId(BOT_ID);
    expect(derived).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(derived).not.toBe(BOT_ID);
    expect(deriveTeamsAppId(BOT_ID.toUpperCase())).toBe(derived);
    expect(deriveTeamsAppId(APP_ID)).not.toBe(derived);
  });

  it('gives the same bytes for the same input', async () => {
    const first = await buildAppPackage(OPTIONS);
    const second = await buildAppPackage(OPTIONS);
    expect(first.equals(second)).toBe(true);
  });

  it('building without a bot id fails with a clear message naming BOT_ID', async () => {
    await expect(buildAppPackage({ ...LINKS })).rejects.toThrow(AppPackageError);
    await expect(buildAppPackage({ ...LINKS, botId: '  ' })).rejects.toThrow(/BOT_ID is required/);
    await expect(buildAppPackage({ ...LINKS, botId: 'not-a-guid' })).rejects.toThrow(/BOT_ID must be a GUID/);
    await expect(buildAppPackage({ ...OPTIONS, botDomain: 'https://arkivlos.example.no/' })).rejects.toThrow(
      /BOT_DOMAIN must be a host name/,
    );
  });

  it('a missing or non-https link, a wrong TEAMS_APP_ID and a version Teams does not take are all reported at once', async () => {
    const error = await buildAppPackage({
      botId: BOT_ID,
      teamsAppId: BOT_ID.toUpperCase(),
      appVersion: '1.2.0-beta.1',
      websiteUrl: 'https://www.eksempel.kommune.no/',
      privacyUrl: 'http://www.eksempel.kommune.no/personvern',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppPackageError);
    const { problems } = error as AppPackageError;
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/^TEAMS_APP_ID must differ from BOT_ID/);
    expect(problems[1]).toMatch(/^APP_VERSION must be a version like 1\.2\.3 .*got "1\.2\.0-beta\.1"/);
    expect(problems[2]).toMatch(/^PRIVACY_URL must start with https:\/\/ \(your organisation's privacy statement/);
    expect(problems[3]).toMatch(/^TERMS_URL is required: the https address of your organisation's terms of use/);
    await expect(buildAppPackage({ ...OPTIONS, teamsAppId: 'app-1' })).rejects.toThrow(/TEAMS_APP_ID must be a GUID/);
    await expect(buildAppPackage({ ...OPTIONS, websiteUrl: 'arkivlos' })).rejects.toThrow(/WEBSITE_URL is not an address/);
  });

  it('refuses a template that writes bot commands itself instead of taking them from the command table', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'arkivlos-apppackage-'));
    try {
      await cp(APP_PACKAGE_DIR, dir, { recursive: true });
      const written = clone(template.manifest);
      written.bots![0]!.commandLists = [{ scopes: ['personal'], commands: [{ title: 'oppgaver', description: 'Mine oppgaver' }] }];
      await writeFile(join(dir, 'manifest.json'), JSON.stringify(written));
      await expect(buildAppPackage({ ...OPTIONS, sourceDir: dir })).rejects.toThrow(/lists bot commands; they are made from domain\/help\/commands\.ts/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a template that writes message actions itself instead of taking them from domain/help/message-actions.ts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'arkivlos-apppackage-'));
    try {
      await cp(APP_PACKAGE_DIR, dir, { recursive: true });
      const written = clone(template.manifest);
      written.composeExtensions![0]!.commands = [{ id: 'x', type: 'action', title: 'Lagre', description: 'Lagre meldingen', context: ['message'], fetchTask: true }];
      await writeFile(join(dir, 'manifest.json'), JSON.stringify(written));
      await expect(buildAppPackage({ ...OPTIONS, sourceDir: dir })).rejects.toThrow(/lists message actions; they are made from domain\/help\/message-actions\.ts/);
      await writeFile(join(dir, 'manifest.json'), JSON.stringify(template.manifest));
      await writeFile(join(dir, 'en.json'), JSON.stringify({ ...template.localizations.get('en.json'), 'composeExtensions[0].commands[0].title': 'Save' }));
      await expect(buildAppPackage({ ...OPTIONS, sourceDir: dir })).rejects.toThrow(/en\.json translates bot commands or message actions/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses to build an invalid package and lists every problem', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'arkivlos-apppackage-'));
    try {
      await cp(APP_PACKAGE_DIR, dir, { recursive: true });
      const broken = clone(template.manifest);
      broken.icons.outline = 'color.png';
      broken.botsx = true;
      await writeFile(join(dir, 'manifest.json'), JSON.stringify(broken));
      const nn = clone(template.localizations.get('nn.json')!);
      nn['name.full'] = 'x'.repeat(101);
      await writeFile(join(dir, 'nn.json'), JSON.stringify(nn));
      const error = await buildAppPackage({ ...OPTIONS, sourceDir: dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppPackageError);
      const { problems } = error as AppPackageError;
      expect(problems.some((p) => p.includes('must NOT have additional properties') && p.includes('botsx'))).toBe(true);
      expect(problems).toContain('outline icon color.png is 192×192; it must be 32×32');
      expect(problems.some((p) => p.startsWith('nn.json: schema: /name.full must NOT have more than 100 characters'))).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('npm run package without BOT_ID, or with an http privacy link, exits with status 1 and says which variable is wrong', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, WEBSITE_URL: LINKS.websiteUrl, TERMS_URL: LINKS.termsUrl, PRIVACY_URL: 'http://x.no/p' };
    delete env.BOT_ID;
    const run = promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/package-app.ts'], {
      cwd: REPO_ROOT,
      env,
    });
    await expect(run).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/BOT_ID is required[\s\S]*PRIVACY_URL must start with https:\/\//),
    });
  });
});

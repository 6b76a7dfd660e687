/**
 * Builds the Teams app package (build/appPackage.zip) from the template in appPackage/.
 *
 * Pure library: no process.env, no console. The CLI (scripts/package-app.ts) reads the environment
 * and prints; tests call these functions directly. Everything validates offline against the JSON
 * schemas bundled with @microsoft/app-manifest.
 *
 * What the app says it does is not written in appPackage/: the bot's command lists come from
 * domain/help/commands.ts, the message actions (`composeExtensions`) from
 * domain/help/message-actions.ts, and the description (`${{DESCRIPTION_SHORT}}`, `${{DESCRIPTION_FULL}}`)
 * from the feature lines in domain/help/features.ts, in each language through i18n/. So the
 * package offers exactly the commands the bot answers and describes only features that exist.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import JSZip from 'jszip';
import { COMMAND_SCOPES, COMMANDS, type CommandScope, type CommandTable } from '../domain/help/commands.js';
import { featureLines } from '../domain/help/features.js';
import { MESSAGE_ACTION_COMMANDS } from '../domain/help/message-actions.js';
import { localeFromTag, translator, type Locale } from '../i18n/index.js';

/** The template folder in the repository. */
export const APP_PACKAGE_DIR = fileURLToPath(new URL('../appPackage/', import.meta.url));

export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;
/** Teams shows at most 12 commands per command list (manifest 1.24 and later). */
export const MAX_COMMANDS_PER_LIST = 12;

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const HOST = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/i;
/** Teams takes major.minor.patch only, and an update must have a higher version than what is installed. */
const APP_VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
/**
 * Namespace of the name-based UUID (RFC 9562, version 5) that is the default Teams app id: the same
 * BOT_ID always gives the same app id, so every package updates the same app, and it is not the
 * bot's own id (the Teams app and the bot registration are different things).
 */
const TEAMS_APP_ID_NAMESPACE = 'c19b8fda-ab7a-4bb4-abc2-c7ffb654f612';
const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
const SCHEMA_HOST = 'https://developer.microsoft.com/';
/** Fixed timestamp for zip entries, so the same input gives the same bytes. */
const ZIP_DATE = new Date(Date.UTC(2026, 0, 1, 0, 0, 0));

// ---------------------------------------------------------------------------------------------
// Types

export interface AppPackageOptions {
  /** The bot's Microsoft App ID (Entra app registration client id). Required. From env BOT_ID. */
  botId?: string | undefined;
  /** The Teams app id (manifest `id`). Defaults to a GUID derived from botId. From env TEAMS_APP_ID. */
  teamsAppId?: string | undefined;
  /** Host name of the bot endpoint, added to validDomains when given. From env BOT_DOMAIN. */
  botDomain?: string | undefined;
  /** The manifest's `version` (major.minor.patch). Defaults to package.json's version. From env APP_VERSION. */
  appVersion?: string | undefined;
  /** The organisation's page about Arkivlos (support and contact). Required. From env WEBSITE_URL. */
  websiteUrl?: string | undefined;
  /** The organisation's privacy statement for Arkivlos. Required. From env PRIVACY_URL. */
  privacyUrl?: string | undefined;
  /** The organisation's terms of use for Arkivlos. Required. From env TERMS_URL. */
  termsUrl?: string | undefined;
}

export interface BuildAppPackageOptions extends AppPackageOptions {
  /** Template folder; defaults to appPackage/ in the repository. */
  sourceDir?: string;
}

export interface ManifestCommand {
  title: string;
  description?: string;
  [key: string]: unknown;
}

export interface ManifestCommandList {
  scopes: string[];
  commands: ManifestCommand[];
  [key: string]: unknown;
}

/** The parts of a Teams manifest this module reads; the schema checks the rest. */
export interface Manifest {
  $schema: string;
  manifestVersion: string;
  version: string;
  id: string;
  icons: { color: string; outline: string; [key: string]: unknown };
  localizationInfo?: {
    defaultLanguageTag: string;
    defaultLanguageFile?: string;
    additionalLanguages?: { languageTag: string; file: string }[];
  };
  bots?: { botId: string; scopes: string[]; commandLists?: ManifestCommandList[]; [key: string]: unknown }[];
  composeExtensions?: { botId?: string; commands?: ManifestCommand[]; [key: string]: unknown }[];
  validDomains?: string[];
  [key: string]: unknown;
}

export type Localization = Record<string, unknown>;

export interface AppTemplate {
  /** manifest.json as written in the template, placeholders unresolved. */
  manifest: Manifest;
  /** Localization files by file name, in manifest order. */
  localizations: Map<string, Localization>;
  /** Icon files by file name. */
  icons: Map<string, Buffer>;
}

/** A problem that stops the package from being built; `problems` lists every finding. */
export class AppPackageError extends Error {
  constructor(
    message: string,
    readonly problems: readonly string[] = [],
  ) {
    super(problems.length ? `${message}\n${problems.map((p) => `  - ${p}`).join('\n')}` : message);
    this.name = 'AppPackageError';
  }
}

// ---------------------------------------------------------------------------------------------
// Template

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Files in the package must sit at the zip root: a plain file name, nothing else. */
function assertPlainFileName(name: unknown, what: string): string {
  if (typeof name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
    throw new AppPackageError(`${what} must be a plain file name in appPackage/, got ${JSON.stringify(name)}`);
  }
  return name;
}

async function readJsonFile(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new AppPackageError(`Cannot read ${what} (${path}): ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    throw new AppPackageError(`${what} (${path}) is not valid JSON: ${(error as Error).message}`);
  }
}

/** File names of the localization files the manifest refers to, in manifest order. */
export function localizationFiles(manifest: Manifest): string[] {
  const info = manifest.localizationInfo;
  if (!info) return [];
  const files: string[] = [];
  if (info.defaultLanguageFile !== undefined) files.push(info.defaultLanguageFile);
  for (const language of info.additionalLanguages ?? []) files.push(language.file);
  return files.map((file) => assertPlainFileName(file, 'A localization file'));
}

/** Reads manifest.json, the localization files and the icons it names from the template folder. */
export async function loadAppTemplate(sourceDir: string = APP_PACKAGE_DIR): Promise<AppTemplate> {
  const manifest = await readJsonFile(join(sourceDir, 'manifest.json'), 'manifest.json');
  if (!isRecord(manifest) || !isRecord(manifest.icons)) {
    throw new AppPackageError('manifest.json must be an object with an "icons" object');
  }
  const typed = manifest as Manifest;
  const localizations = new Map<string, Localization>();
  for (const file of localizationFiles(typed)) {
    const localization = await readJsonFile(join(sourceDir, file), file);
    if (!isRecord(localization)) throw new AppPackageError(`${file} must be a JSON object`);
    localizations.set(file, localization);
  }
  const icons = new Map<string, Buffer>();
  for (const [what, name] of [
    ['icons.color', typed.icons.color],
    ['icons.outline', typed.icons.outline],
  ] as const) {
    const file = assertPlainFileName(name, what);
    try {
      icons.set(file, await readFile(join(sourceDir, file)));
    } catch (error) {
      throw new AppPackageError(`Cannot read ${what} (${join(sourceDir, file)}): ${(error as Error).message}`);
    }
  }
  return { manifest: typed, localizations, icons };
}

// ---------------------------------------------------------------------------------------------
// Placeholders

/** The version in the repository's package.json: the app version unless APP_VERSION says otherwise. */
export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return String(manifest.version);
}

/** The default Teams app id for a bot id: a name-based (version 5) UUID, stable and distinct from the bot id. */
export function deriveTeamsAppId(botId: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(TEAMS_APP_ID_NAMESPACE.replace(/-/g, ''), 'hex'))
    .update(botId.toLowerCase(), 'utf8')
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50; // version 5
  hash[8] = (hash[8]! & 0x3f) | 0x80; // RFC 9562 variant
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const LINKS = [
  ['WEBSITE_URL', 'websiteUrl', "your organisation's page about Arkivlos, where people find support and contact"],
  ['PRIVACY_URL', 'privacyUrl', "your organisation's privacy statement (personvernerklæring) covering Arkivlos"],
  ['TERMS_URL', 'termsUrl', "your organisation's terms of use for Arkivlos"],
] as const;

/** An absolute https address, or why not. */
function httpsUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not an address';
  }
  if (url.protocol !== 'https:') return 'must start with https://';
  if (value.length > 2048) return 'is longer than 2048 characters';
  return undefined;
}

/**
 * Checks the options and returns the placeholder values. Throws one AppPackageError that lists
 * every missing or wrong variable, each with what it is and an example.
 */
export function placeholderValues(options: AppPackageOptions): Record<string, string> {
  const problems: string[] = [];
  const values: Record<string, string> = {};

  const botId = options.botId?.trim();
  if (!botId) {
    problems.push(
      "BOT_ID is required: set it to the bot's Microsoft App ID (the Entra app registration's client id), " +
        'e.g. BOT_ID=00000000-0000-0000-0000-000000000000 npm run package',
    );
  } else if (!GUID.test(botId)) {
    problems.push(`BOT_ID must be a GUID (the bot's Microsoft App ID), got ${JSON.stringify(botId)}`);
  } else {
    values.BOT_ID = botId;
  }

  const teamsAppId = options.teamsAppId?.trim();
  if (teamsAppId && !GUID.test(teamsAppId)) {
    problems.push(`TEAMS_APP_ID must be a GUID (the Teams app's id, manifest "id"), got ${JSON.stringify(teamsAppId)}`);
  } else if (teamsAppId && botId && teamsAppId.toLowerCase() === botId.toLowerCase()) {
    problems.push(
      'TEAMS_APP_ID must differ from BOT_ID: the Teams app and the bot registration are different things. ' +
        'Leave TEAMS_APP_ID empty to use the id derived from BOT_ID.',
    );
  } else if (teamsAppId) {
    values.TEAMS_APP_ID = teamsAppId;
  } else if (values.BOT_ID) {
    values.TEAMS_APP_ID = deriveTeamsAppId(values.BOT_ID);
  }

  const appVersion = options.appVersion?.trim() || packageVersion();
  if (!APP_VERSION.test(appVersion)) {
    problems.push(
      `APP_VERSION must be a version like 1.2.3 (major.minor.patch, numbers only; package.json's version when not set), ` +
        `got ${JSON.stringify(appVersion)}`,
    );
  } else {
    values.APP_VERSION = appVersion;
  }

  const botDomain = options.botDomain?.trim();
  if (botDomain && !HOST.test(botDomain)) {
    problems.push(`BOT_DOMAIN must be a host name such as arkivlos.example.no (no https://, no path), got ${JSON.stringify(botDomain)}`);
  } else if (botDomain) {
    values.BOT_DOMAIN = botDomain;
  }

  for (const [name, option, what] of LINKS) {
    const value = options[option]?.trim();
    const problem = value ? httpsUrlProblem(value) : undefined;
    if (!value) problems.push(`${name} is required: the https address of ${what}`);
    else if (problem) problems.push(`${name} ${problem} (${what}), got ${JSON.stringify(value)}`);
    else values[name] = value;
  }

  if (problems.length) throw new AppPackageError('Cannot build the app package:', problems);
  return values;
}

// ---------------------------------------------------------------------------------------------
// What the app offers and says, from domain/help/ and i18n/

/** One of the bot's command lists in the manifest: the commands offered in these scopes. */
export interface CommandListPlan {
  scopes: CommandScope[];
  commands: string[];
}

/**
 * The bot's command lists: for each scope the commands the table offers there, in table order;
 * scopes with the same commands share a list (Teams allows at most three lists). A command with
 * `menu: false` is left out (it is still on the help card).
 * Teams shows the same menu to everyone, whatever their roles.
 */
export function commandListPlan(table: CommandTable = COMMANDS): CommandListPlan[] {
  const lists: CommandListPlan[] = [];
  for (const scope of COMMAND_SCOPES) {
    const commands = Object.keys(table).filter((id) => table[id]!.scopes.includes(scope) && table[id]!.menu !== false);
    if (!commands.length) continue;
    const same = lists.find((list) => list.commands.join('\n') === commands.join('\n'));
    if (same) same.scopes.push(scope);
    else lists.push({ scopes: [scope], commands });
  }
  return lists;
}

function commandListsIn(locale: Locale, table: CommandTable = COMMANDS): ManifestCommandList[] {
  const t = translator(locale);
  return commandListPlan(table).map((list) => ({
    scopes: list.scopes,
    commands: list.commands.map((id) => ({ title: table[id]!.words[locale][0], description: t(table[id]!.help) })),
  }));
}

/**
 * The message actions («…» on any Teams message) as the manifest's compose extension commands:
 * action commands on a message that open a dialog the bot fills (`fetchTask`).
 */
export function messageActionCommandsIn(locale: Locale): ManifestCommand[] {
  const t = translator(locale);
  return Object.entries(MESSAGE_ACTION_COMMANDS).map(([id, command]) => ({
    id,
    type: 'action',
    title: t(command.title),
    description: t(command.description),
    context: ['message'],
    fetchTask: true,
  }));
}

/** The description placeholders in one language: manifest.short, and manifest.intro followed by every feature line. */
export function descriptionValues(locale: Locale): { DESCRIPTION_SHORT: string; DESCRIPTION_FULL: string } {
  const t = translator(locale);
  const system = t('app.archiveSystem');
  const lines = featureLines({ roles: 'all', locale }).map((feature) =>
    t(feature.line, feature.command ? { command: t('manifest.commandQuote', { command: feature.command }) } : {}),
  );
  return { DESCRIPTION_SHORT: t('manifest.short', { system }), DESCRIPTION_FULL: [t('manifest.intro', { system }), ...lines].join(' ') };
}

/** The catalogue language of a manifest language tag (nb-NO → nb); throws for one Arkivlos has no texts in. */
export function localeOfTag(tag: string): Locale {
  const locale = localeFromTag(tag);
  if (!locale) throw new AppPackageError(`The manifest names the language ${tag}, which i18n/ has no texts for (nb, nn, en)`);
  return locale;
}

/** The language of each localization file, by file name, from the manifest's localizationInfo. */
export function localizationLocales(manifest: Manifest): Map<string, Locale> {
  const info = manifest.localizationInfo;
  const languages = [
    ...(info?.defaultLanguageFile !== undefined ? [{ file: info.defaultLanguageFile, languageTag: info.defaultLanguageTag }] : []),
    ...(info?.additionalLanguages ?? []),
  ];
  return new Map(
    languages.map((language) => [assertPlainFileName(language.file, 'A localization file'), localeOfTag(language.languageTag)] as const),
  );
}

/** The template must leave the commands to domain/help/commands.ts, or they could drift from what the bot answers. */
function assertNoWrittenCommands(template: AppTemplate): void {
  const lists = template.manifest.bots?.[0]?.commandLists ?? [];
  if (lists.length) {
    throw new AppPackageError(
      'appPackage/manifest.json lists bot commands; they are made from domain/help/commands.ts: set "commandLists" to []',
    );
  }
  if (template.manifest.composeExtensions?.some((extension) => extension.commands?.length)) {
    throw new AppPackageError(
      'appPackage/manifest.json lists message actions; they are made from domain/help/message-actions.ts: set "composeExtensions[0].commands" to []',
    );
  }
  for (const [file, localization] of template.localizations) {
    const written = Object.keys(localization).filter((key) => key.startsWith('bots[') || key.startsWith('composeExtensions['));
    if (written.length) {
      throw new AppPackageError(
        `appPackage/${file} translates bot commands or message actions (${written.join(', ')}); they are made from domain/help/commands.ts and domain/help/message-actions.ts`,
      );
    }
  }
}

/** Replaces `${{NAME}}` in every string of a JSON value; unknown names are left as they are. */
export function fillPlaceholders<T>(value: T, values: Readonly<Record<string, string>>): T {
  const fill = (node: unknown): unknown => {
    if (typeof node === 'string') {
      return node.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
    }
    if (Array.isArray(node)) return node.map(fill);
    if (isRecord(node)) return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fill(v)]));
    return node;
  };
  return fill(value) as T;
}

/** JSON pointers and names of every `${{NAME}}` still present in a JSON value. */
export function unresolvedPlaceholders(value: unknown, path = ''): string[] {
  if (typeof value === 'string') {
    return [...value.matchAll(PLACEHOLDER)].map((m) => `${path || '/'}: unresolved placeholder ${m[0]}`);
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => unresolvedPlaceholders(item, `${path}/${i}`));
  if (isRecord(value)) {
    return Object.entries(value).flatMap(([k, v]) => [
      ...unresolvedPlaceholders(k, `${path}/${k}`),
      ...unresolvedPlaceholders(v, `${path}/${k}`),
    ]);
  }
  return [];
}

/**
 * The manifest with the ids, version, links (and the optional domain) filled in, its description
 * and the bot's command lists in the default language. validDomains entries whose placeholder has
 * no value (BOT_DOMAIN not given) are dropped.
 */
export function buildManifest(template: Manifest, options: AppPackageOptions, table: CommandTable = COMMANDS): Manifest {
  const locale = localeOfTag(template.localizationInfo?.defaultLanguageTag ?? 'nb-NO');
  const manifest = fillPlaceholders(template, { ...placeholderValues(options), ...descriptionValues(locale) });
  if (manifest.validDomains) {
    const domains = manifest.validDomains.filter((domain) => !domain.includes('${{BOT_DOMAIN}}'));
    if (domains.length) manifest.validDomains = domains;
    else delete manifest.validDomains;
  }
  const bot = manifest.bots?.[0];
  if (bot) bot.commandLists = commandListsIn(locale, table);
  const extension = manifest.composeExtensions?.[0];
  if (extension) extension.commands = messageActionCommandsIn(locale);
  return manifest;
}

/** A localization file filled in for its language: placeholders, description, and a title and description for every command. */
export function buildLocalization(
  localization: Localization,
  locale: Locale,
  options: AppPackageOptions,
  table: CommandTable = COMMANDS,
): Localization {
  const filled = fillPlaceholders(localization, { ...placeholderValues(options), ...descriptionValues(locale) });
  commandListsIn(locale, table).forEach((list, i) =>
    list.commands.forEach((command, j) => {
      filled[`bots[0].commandLists[${i}].commands[${j}].title`] = command.title;
      filled[`bots[0].commandLists[${i}].commands[${j}].description`] = command.description;
    }),
  );
  messageActionCommandsIn(locale).forEach((command, j) => {
    filled[`composeExtensions[0].commands[${j}].title`] = command.title;
    filled[`composeExtensions[0].commands[${j}].description`] = command.description;
  });
  return filled;
}

// ---------------------------------------------------------------------------------------------
// Schema validation (offline)

const requireFromHere = createRequire(import.meta.url);

/** Local path of a schema URL bundled with @microsoft/app-manifest, or undefined. */
export function bundledSchemaPath(schemaUrl: string): string | undefined {
  if (!schemaUrl.startsWith(`${SCHEMA_HOST}json-schemas/`)) return undefined;
  const buildDir = dirname(requireFromHere.resolve('@microsoft/app-manifest'));
  const path = join(buildDir, schemaUrl.slice(SCHEMA_HOST.length));
  return existsSync(path) ? path : undefined;
}

/** Escapes a `]` that closes no character class, which a `u`-flag RegExp rejects ("Lone quantifier brackets"). */
function escapeLoneBrackets(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\') {
      out += ch + (pattern[i + 1] ?? '');
      i++;
    } else if (ch === '[' && !inClass) {
      inClass = true;
      out += ch;
    } else if (ch === ']') {
      out += inClass ? ch : '\\]';
      inClass = false;
    } else {
      out += ch;
    }
  }
  return out;
}

function isUnicodeRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

/**
 * Ajv compiles patterns with the `u` flag; every bundled Localization schema (1.8 to 1.30) has two
 * activityTypes patterns with an unescaped `]` that only compile without it. Escape those, so the
 * rest of the schema can be used; the meaning of the patterns does not change.
 */
export function repairSchemaPatterns(node: unknown): unknown {
  const repair = (pattern: string) => (isUnicodeRegExp(pattern) ? pattern : escapeLoneBrackets(pattern));
  if (Array.isArray(node)) return node.map(repairSchemaPatterns);
  if (!isRecord(node)) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => {
      if (key === 'pattern' && typeof value === 'string') return [key, repair(value)];
      if (key === 'patternProperties' && isRecord(value)) {
        return [key, Object.fromEntries(Object.entries(value).map(([p, v]) => [repair(p), repairSchemaPatterns(v)]))];
      }
      return [key, repairSchemaPatterns(value)];
    }),
  );
}

async function validateWithBundledSchema(document: Record<string, unknown>, schemaUrl: string): Promise<string[]> {
  if (!bundledSchemaPath(schemaUrl)) {
    return [`$schema ${schemaUrl} is not bundled with @microsoft/app-manifest (validation must work offline)`];
  }
  // fetchSchema reads the bundled file for developer.microsoft.com/json-schemas URLs.
  const schema = repairSchemaPatterns(await AppManifestUtils.fetchSchema(schemaUrl));
  let errors: string[];
  try {
    errors = await AppManifestUtils.validateAgainstSchema(
      { ...document, $schema: schemaUrl } as unknown as AppManifest,
      schema as Parameters<typeof AppManifestUtils.validateAgainstSchema>[1],
    );
  } catch (error) {
    return [`schema ${schemaUrl} could not be used: ${(error as Error).message}`];
  }
  return errors.map((error) => `schema: ${error.trim() || '(root)'}`);
}

function commandLists(manifest: Manifest): ManifestCommandList[] {
  return manifest.bots?.[0]?.commandLists ?? [];
}

/** Every problem with a filled-in manifest; an empty list means it can be packaged. */
export async function validateManifest(manifest: Manifest): Promise<string[]> {
  const problems = unresolvedPlaceholders(manifest);
  if (typeof manifest.$schema !== 'string') {
    problems.push('manifest.json has no $schema');
  } else {
    problems.push(...(await validateWithBundledSchema(manifest, manifest.$schema)));
  }
  commandLists(manifest).forEach((list, i) => {
    const commands = Array.isArray(list.commands) ? list.commands : [];
    if (commands.length > MAX_COMMANDS_PER_LIST) {
      problems.push(`bots[0].commandLists[${i}] has ${commands.length} commands; Teams shows at most ${MAX_COMMANDS_PER_LIST}`);
    }
    const seen = new Set<string>();
    for (const command of commands) {
      const title = String(command.title).toLocaleLowerCase('nb');
      if (seen.has(title)) problems.push(`bots[0].commandLists[${i}] has the command "${command.title}" twice`);
      seen.add(title);
    }
  });
  return problems;
}

/** The localization schema URL that belongs with a manifest schema URL. */
export function localizationSchemaUrl(manifestSchemaUrl: string): string {
  return manifestSchemaUrl.replace(/MicrosoftTeams\.schema\.json$/, 'MicrosoftTeams.Localization.schema.json');
}

/** The localization keys a translation must provide for the manifest's bot commands. */
export function commandLocalizationKeys(manifest: Manifest): string[] {
  return commandLists(manifest).flatMap((list, i) =>
    list.commands.flatMap((command, j) => {
      const key = `bots[0].commandLists[${i}].commands[${j}]`;
      return command.description === undefined ? [`${key}.title`] : [`${key}.title`, `${key}.description`];
    }),
  );
}

/** The localization keys a translation must provide for the manifest's message actions. */
export function messageActionLocalizationKeys(manifest: Manifest): string[] {
  return (manifest.composeExtensions?.[0]?.commands ?? []).flatMap((_, j) => [
    `composeExtensions[0].commands[${j}].title`,
    `composeExtensions[0].commands[${j}].description`,
  ]);
}

/**
 * Every problem with one localization file: schema errors against the bundled localization schema of
 * the manifest's version, and a translated title (and description) for every bot command.
 */
export async function validateLocalization(localization: Localization, manifest: Manifest, file: string): Promise<string[]> {
  const expectedSchema = localizationSchemaUrl(String(manifest.$schema ?? ''));
  const schemaUrl = typeof localization.$schema === 'string' ? localization.$schema : expectedSchema;
  const problems = unresolvedPlaceholders(localization).map((p) => `${file}: ${p}`);
  if (schemaUrl !== expectedSchema) {
    problems.push(`${file}: $schema should be ${expectedSchema} (same version as the manifest), got ${schemaUrl}`);
  }
  problems.push(...(await validateWithBundledSchema(localization, schemaUrl)).map((p) => `${file}: ${p}`));
  const required = [...commandLocalizationKeys(manifest), ...messageActionLocalizationKeys(manifest)];
  for (const key of required) {
    const text = localization[key];
    if (typeof text !== 'string' || !text.trim()) problems.push(`${file}: missing translation "${key}"`);
  }
  const known = new Set(required);
  for (const key of Object.keys(localization)) {
    if ((key.startsWith('bots[') || key.startsWith('composeExtensions[')) && !known.has(key)) {
      problems.push(`${file}: "${key}" refers to no command in manifest.json`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// PNG

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlace: number;
}

/** Reads the IHDR chunk. Throws if the buffer is not a PNG. */
export function readPngHeader(png: Buffer): PngHeader {
  if (png.length < 33 || !png.subarray(0, 8).equals(PNG_SIGNATURE) || png.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error('not a PNG file');
  }
  return {
    width: png.readUInt32BE(16),
    height: png.readUInt32BE(20),
    bitDepth: png.readUInt8(24),
    colorType: png.readUInt8(25),
    interlace: png.readUInt8(28),
  };
}

export interface DecodedPng {
  width: number;
  height: number;
  /** width × height × 4 bytes, RGBA. */
  rgba: Buffer;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Decodes an 8-bit, non-interlaced greyscale/RGB(A) PNG to RGBA. Throws for other formats. */
export function decodePng(png: Buffer): DecodedPng {
  const { width, height, bitDepth, colorType, interlace } = readPngHeader(png);
  const channels = CHANNELS[colorType];
  if (bitDepth !== 8 || channels === undefined || interlace !== 0) {
    throw new Error(
      `unsupported PNG format (bit depth ${bitDepth}, colour type ${colorType}, interlace ${interlace}); write it as 8-bit RGBA`,
    );
  }
  const idat: Buffer[] = [];
  for (let offset = 8; offset + 12 <= png.length; ) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    if (type === 'IDAT') idat.push(png.subarray(offset + 8, offset + 8 + length));
    if (type === 'IEND') break;
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  if (raw.length < (stride + 1) * height) throw new Error('PNG image data is truncated');
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = y * stride;
    for (let x = 0; x < stride; x++) {
      const left = x >= channels ? pixels[out + x - channels]! : 0;
      const up = y > 0 ? pixels[out - stride + x]! : 0;
      const upLeft = y > 0 && x >= channels ? pixels[out - stride + x - channels]! : 0;
      const byte = line[x]!;
      let value: number;
      switch (filter) {
        case 0: value = byte; break;
        case 1: value = byte + left; break;
        case 2: value = byte + up; break;
        case 3: value = byte + ((left + up) >> 1); break;
        case 4: value = byte + paeth(left, up, upLeft); break;
        default: throw new Error(`PNG row ${y} has unknown filter type ${String(filter)}`);
      }
      pixels[out + x] = value & 0xff;
    }
  }
  const rgba = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const p = i * channels;
    const grey = channels <= 2;
    rgba[i * 4] = pixels[p]!;
    rgba[i * 4 + 1] = grey ? pixels[p]! : pixels[p + 1]!;
    rgba[i * 4 + 2] = grey ? pixels[p]! : pixels[p + 2]!;
    rgba[i * 4 + 3] = channels === 2 ? pixels[p + 1]! : channels === 4 ? pixels[p + 3]! : 255;
  }
  return { width, height, rgba };
}

/**
 * Every problem with the icons: the colour icon must be a 192×192 PNG, the outline icon a 32×32 PNG
 * with only white or fully transparent pixels (Teams' rule), some of each.
 */
export function checkIcons(manifest: Manifest, icons: ReadonlyMap<string, Buffer>): string[] {
  const problems: string[] = [];
  const check = (what: string, file: string, size: number): Buffer | undefined => {
    const png = icons.get(file);
    if (!png) {
      problems.push(`${what} ${file} is missing`);
      return undefined;
    }
    try {
      const { width, height } = readPngHeader(png);
      if (width !== size || height !== size) {
        problems.push(`${what} ${file} is ${width}×${height}; it must be ${size}×${size}`);
      }
      return png;
    } catch (error) {
      problems.push(`${what} ${file}: ${(error as Error).message}`);
      return undefined;
    }
  };
  check('colour icon', manifest.icons.color, COLOR_ICON_SIZE);
  const outline = check('outline icon', manifest.icons.outline, OUTLINE_ICON_SIZE);
  if (outline) {
    try {
      const { rgba } = decodePng(outline);
      let offending = 0;
      let opaque = 0;
      let transparent = 0;
      for (let i = 0; i < rgba.length; i += 4) {
        const alpha = rgba[i + 3]!;
        if (alpha === 0) transparent++;
        else if (rgba[i] === 255 && rgba[i + 1] === 255 && rgba[i + 2] === 255) opaque++;
        else offending++;
      }
      if (offending) problems.push(`outline icon ${manifest.icons.outline} has ${offending} pixels that are neither white nor fully transparent`);
      if (!opaque) problems.push(`outline icon ${manifest.icons.outline} has no white pixels`);
      if (!transparent) problems.push(`outline icon ${manifest.icons.outline} has no transparent background`);
    } catch (error) {
      problems.push(`outline icon ${manifest.icons.outline}: ${(error as Error).message}`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Package

/** File names in the zip, in order: manifest.json, the icons, the localization files. */
export function packageFileNames(manifest: Manifest): string[] {
  return ['manifest.json', manifest.icons.color, manifest.icons.outline, ...localizationFiles(manifest)];
}

function jsonBytes(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
}

/**
 * Fills in the template, validates everything offline and returns the zip (files at the root).
 * Throws AppPackageError listing every problem instead of building an invalid package.
 */
export async function buildAppPackage(options: BuildAppPackageOptions): Promise<Buffer> {
  placeholderValues(options); // fails on a missing BOT_ID (and every other variable) before any file is read
  const template = await loadAppTemplate(options.sourceDir);
  assertNoWrittenCommands(template);
  const manifest = buildManifest(template.manifest, options);
  const locales = localizationLocales(manifest);
  const localizations = new Map(
    [...template.localizations].map(
      ([file, localization]) => [file, buildLocalization(localization, locales.get(file)!, options)] as const,
    ),
  );

  const problems = [...(await validateManifest(manifest))];
  for (const [file, localization] of localizations) {
    problems.push(...(await validateLocalization(localization, manifest, file)));
  }
  problems.push(...checkIcons(manifest, template.icons));
  if (problems.length) {
    throw new AppPackageError('The app package is invalid; nothing was built.', problems);
  }

  const zip = new JSZip();
  const add = (name: string, data: Buffer) => zip.file(name, data, { date: ZIP_DATE, createFolders: false });
  add('manifest.json', jsonBytes(manifest));
  add(manifest.icons.color, template.icons.get(manifest.icons.color)!);
  add(manifest.icons.outline, template.icons.get(manifest.icons.outline)!);
  for (const [file, localization] of localizations) add(file, jsonBytes(localization));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

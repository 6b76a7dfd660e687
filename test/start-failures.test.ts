import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

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

describe('npm start (main.ts) starting', () => {
  it('prints no DEP0111 deprecation warning (from restify\'s spdy dependency) at info level', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'arkivlos-start-warnings-'));
    try {
      const { port } = await listenOnFreePort().then(({ server, port }) => new Promise<{ port: number }>((resolve) => server.close(() => resolve({ port }))));
      const { output } = await start(
        { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir },
        { stopWhen: (text) => text.includes('Arkivlos is listening') },
      );
      expect(output).toContain('Arkivlos is listening');
      expect(output).not.toContain('DEP0111');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});

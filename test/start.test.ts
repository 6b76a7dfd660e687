import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { messageActivity } from './support/activities.js';
import { startFakeConnector } from './support/fake-connector.js';

const ROOT = new URL('..', import.meta.url).pathname;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function start(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let output = '';
  const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForReady(url: string, ms: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    const status = await fetch(`${url}/readyz`).then((r) => r.status, () => 0);
    if (status === 200) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`not ready within ${ms} ms`);
}

describe('npm start (main.ts) on the embedded database', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('becomes ready within 30 s with the demo organisation, answers hjelp, and stops cleanly on SIGTERM', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'arkivlos-start-'));
    dirs.push(dataDir);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const connector = await startFakeConnector();
    const app = start({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' });
    try {
      await waitForReady(url, 30_000);
      const response = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(
          messageActivity('hjelp', { serviceUrl: connector.url, user: { aadObjectId: '00000000-0000-0000-0000-0000000000020' } }),
        ),
      });
      expect(response.status).toBe(200);
      const [reply] = await connector.waitFor((a) => Boolean(a.body.attachments?.length));
      expect(JSON.stringify(reply!.body)).toContain('Arkivlos – hjelp');
      expect(app.output()).toContain('demo organisation');

      app.child.kill('SIGTERM');
      expect(await app.exited).toBe(0);
      expect(app.output()).toContain('"msg":"stopped"');
      // Structured logs: every line the process wrote is a JSON object (library console output too).
      for (const line of app.output().split('\n').filter(Boolean)) expect(() => JSON.parse(line), line).not.toThrow();
    } finally {
      app.child.kill('SIGKILL');
      await connector.close();
    }

    // The data survives a restart, and the demo organisation is not loaded a second time.
    const again = start({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' });
    try {
      await waitForReady(url, 30_000);
      expect(again.output()).not.toContain('demo organisation');
      again.child.kill('SIGINT');
      expect(await again.exited).toBe(0);
    } finally {
      again.child.kill('SIGKILL');
    }
  }, 90_000);

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ NODE_ENV: 'production' }, 'BOT_ID'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ BOT_ID: '11111111-2222-3333-4444-555555555555', BOT_TYPE: 'SingleTenant' }, 'BOT_PASSWORD'],
  ])('a wrong configuration %j stops start-up with a message naming %s', async (env, variable) => {
    const app = start({ DATA_DIR: join(tmpdir(), 'arkivlos-never-created'), ...env });
    expect(await app.exited).toBe(1);
    expect(app.output()).toContain('Invalid configuration');
    expect(app.output()).toContain(variable);
  });
});

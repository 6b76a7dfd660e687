import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_ARCHIVE_ENTRIES } from '../../domain/archive/demo/load-demo-archive.js';
import { builtInRegistry } from '../../domain/archive/registry/built-in-registry.js';
import { openDatabase } from '../../infra/database.js';

const ROOT = new URL('../..', import.meta.url).pathname;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `npm start` as test/start.test.ts runs it: main.ts on an embedded database in `dataDir`, DEMO_DATA left at its default (auto). */
function start(dataDir: string, port: number) {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'info', DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForReady(url: string, ms: number): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if ((await fetch(`${url}/readyz`).then((r) => r.status, () => 0)) === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`not ready within ${ms} ms`);
}

describe('the demo archive on first start', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('a first start on an empty embedded database loads the demo organisation and its archive data; a restart loads nothing again', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'arkivlos-demo-archive-'));
    await chmod(dataDir, 0o755);
    dirs.push(dataDir);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;

    const first = start(dataDir, port);
    try {
      await waitForReady(url, 40_000);
      expect(first.output()).toContain('demo archive data loaded');
      // The CLI way in while the bot runs: the bot's own server, and the daily card's reads see the data.
      const database = await openDatabase({ dataDir, whenRunning: 'connect' });
      try {
        expect(await database.prisma.archiveEntry.count()).toBe(DEMO_ARCHIVE_ENTRIES);
        const megan = await database.prisma.person.findUniqueOrThrow({ where: { email: 'megan.bowen@eksempel.kommune.no' }, include: { leads: true } });
        const [unassigned] = await builtInRegistry(database.prisma).unassignedEntries(megan.leads.map((unit) => unit.id));
        expect(unassigned!.total).toBeGreaterThan(0);
      } finally {
        await database.close();
      }
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
    } finally {
      first.child.kill('SIGKILL');
    }

    const again = start(dataDir, port);
    try {
      await waitForReady(url, 40_000);
      expect(again.output()).not.toContain('demo archive data loaded');
      again.child.kill('SIGTERM');
      expect(await again.exited).toBe(0);
    } finally {
      again.child.kill('SIGKILL');
    }
  }, 120_000);
});

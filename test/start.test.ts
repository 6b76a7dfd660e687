import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../infra/database.js';
import { messageActivity } from './support/activities.js';
import { startFakeConnector } from './support/fake-connector.js';
import { freePort, startMain, waitForReady } from './support/main-process.js';


const start = startMain;

/** A process that exists and is not a zombie waiting to be reaped (in a container, pid 1 may reap late). */
function isRunning(pid: number): boolean {
  try {
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** People in the embedded database of `dataDir`, read through its running server or a server of our own. */
async function countPeople(dataDir: string): Promise<number> {
  const database = await openDatabase({ dataDir, whenRunning: 'connect' });
  try {
    return await database.prisma.person.count();
  } finally {
    await database.close();
  }
}

/**
 * How long a start may take to answer /readyz: a bound that catches a start that hangs, not a
 * speed target (speed is measured under bench/). A first start makes its database (initdb,
 * migrations, the demo data); on a slow 2-core CI machine, under the rest of the suite, it took
 * up to 30 s.
 */
const READY_MS = 60_000;

describe('npm start (main.ts) on the embedded database', () => {
  const dirs: string[] = [];
  /** A data directory the postgres system user can reach when the tests run as root (mkdtemp makes mode 700). */
  const newDataDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'arkivlos-start-'));
    await chmod(dir, 0o755);
    dirs.push(dir);
    return dir;
  };
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('becomes ready with the demo organisation, answers hjelp, and stops cleanly on SIGTERM', async () => {
    const dataDir = await newDataDir();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const connector = await startFakeConnector();
    const app = start({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' });
    try {
      await waitForReady(url, READY_MS);
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
      await waitForReady(url, READY_MS);
      expect(again.output()).not.toContain('demo organisation');
      again.child.kill('SIGINT');
      expect(await again.exited).toBe(0);
    } finally {
      again.child.kill('SIGKILL');
    }
  }, 3 * READY_MS);

  it('after a kill -9 the next start stops the orphaned PostgreSQL and is ready, with the data intact and nothing loaded twice', async () => {
    const dataDir = await newDataDir();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env = { DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' };
    const first = start(env);
    let orphan: number | undefined;
    try {
      await waitForReady(url, READY_MS);
      expect(first.output()).toContain('demo organisation');
      orphan = Number((await readFile(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0]);
      expect(orphan).toBeGreaterThan(0);

      // A second bot on the same data directory is refused with one line, and the first goes on.
      const second = start({ ...env, PORT: String(await freePort()) });
      expect(await second.exited).toBe(1);
      const refusal = second.output().split('\n').filter((line) => line.includes('"level":60'));
      expect(refusal).toHaveLength(1);
      expect(JSON.parse(refusal[0]!).msg).toMatch(new RegExp(`in use by process ${first.child.pid}`));
      expect((await fetch(`${url}/readyz`)).status).toBe(200);

      first.child.kill('SIGKILL');
      await first.exited;
      expect(isRunning(orphan!), 'PostgreSQL survives its killed parent').toBe(true);
    } finally {
      first.child.kill('SIGKILL');
    }

    const again = start(env);
    try {
      await waitForReady(url, READY_MS);
      expect(isRunning(orphan!), 'the orphan was stopped').toBe(false);
      expect(again.output()).not.toContain('demo organisation');
      const people = await countPeople(dataDir);
      expect(people).toBeGreaterThan(10);
      again.child.kill('SIGTERM');
      expect(await again.exited).toBe(0);
      expect(await countPeople(dataDir)).toBe(people);
    } finally {
      again.child.kill('SIGKILL');
    }
  }, 3 * READY_MS);

  it('four bots started together on one empty data directory: exactly one becomes ready, the others are refused', async () => {
    const dataDir = await newDataDir();
    const ports = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const bots = ports.map((port) => start({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' }));
    try {
      // Each bot either becomes ready or exits (refused); whichever comes first. The winner makes the
      // cluster, migrates and loads the demo data: past 40 s on a loaded two-core machine.
      const ready = await Promise.all(
        bots.map((bot, i) =>
          Promise.race([
            waitForReady(`http://127.0.0.1:${ports[i]}`, 90_000).then(() => true, () => false),
            bot.exited.then(() => false),
          ]),
        ),
      );
      expect(ready.filter(Boolean)).toHaveLength(1);
      const codes = await Promise.all(bots.filter((_, i) => !ready[i]).map((bot) => bot.exited));
      expect(codes).toEqual([1, 1, 1]);
    } finally {
      for (const bot of bots) bot.child.kill('SIGTERM');
      await Promise.all(bots.map((bot) => bot.exited));
    }
  }, 150_000);

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

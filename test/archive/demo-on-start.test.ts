import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_ARCHIVE_ENTRIES } from '../../domain/archive/demo/load-demo-archive.js';
import { builtInRegistry } from '../../domain/archive/registry/built-in-registry.js';
import { openDatabase } from '../../infra/database.js';
import { freePort, startMain, waitForReady } from '../support/main-process.js';

/** `npm start` on an embedded database in `dataDir`, DEMO_DATA left at its default (auto). */
const start = (dataDir: string, port: number) => startMain({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' });

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
        // With the planner's statistics gathered at once, not when autovacuum comes by.
        const [stats] = await database.prisma.$queryRawUnsafe<{ reltuples: number }[]>(`SELECT reltuples::float8 AS reltuples FROM pg_class WHERE relname = 'archive_entry'`);
        expect(stats!.reltuples).toBe(DEMO_ARCHIVE_ENTRIES);
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

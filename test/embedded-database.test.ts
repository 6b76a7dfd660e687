import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, readlink, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../infra/database.js';
import { DataDirInUseError, startEmbeddedServer } from '../infra/embedded-postgres.js';
import { applyMigrations } from '../infra/migrate.js';

const ROOT = new URL('..', import.meta.url).pathname;

describe('the embedded PostgreSQL server', () => {
  const dirs: string[] = [];
  /** A data directory the postgres system user can reach (mkdtemp makes mode 700; see the root test below). */
  const newDataDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'arkivlos-embedded-'));
    await chmod(dir, 0o755);
    dirs.push(dir);
    return join(dir, 'data');
  };
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('keeps its generated password in the data directory, readable by the owner only, and listens on loopback', async () => {
    const dataDir = await newDataDir();
    const database = await openDatabase({ dataDir });
    try {
      const passwordFile = join(dataDir, 'postgres.password');
      expect((await stat(passwordFile)).mode & 0o777).toBe(0o600);
      const password = await readFile(passwordFile, 'utf8');
      expect(password.length).toBeGreaterThanOrEqual(24);
      expect(database.server!.url).toContain(`@127.0.0.1:${database.server!.port}/`);
      const { rows } = await database.pool.query(
        "SELECT current_setting('listen_addresses') AS listen, current_setting('server_encoding') AS encoding",
      );
      expect(rows[0]).toEqual({ listen: '127.0.0.1', encoding: 'UTF8' });
      // Norwegian stemming is built in.
      const { rows: stems } = await database.pool.query("SELECT to_tsvector('norwegian', 'henvendelsene ble løst')::text AS v");
      expect(stems[0].v).toBe("'henvend':1 'løst':3");
    } finally {
      await database.close();
    }
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  });

  it('gives the bot its connections over a Unix socket in the cluster directory, with the password asked as over TCP', async () => {
    const dataDir = await newDataDir();
    const database = await openDatabase({ dataDir });
    try {
      const { clusterDir, port } = database.server!;
      expect(existsSync(join(clusterDir, `.s.PGSQL.${port}`))).toBe(true);
      // inet_server_addr() is NULL on a Unix-socket connection.
      const { rows } = await database.pool.query('SELECT inet_server_addr() AS address');
      expect(rows[0].address).toBeNull();
      const wrong = new pg.Client({ connectionString: database.server!.url.replace(/:[^:@/]+@/, ':wrong-password@') });
      await expect(wrong.connect()).rejects.toThrow(/password authentication failed/);
      await wrong.end().catch(() => {});
    } finally {
      await database.close();
    }
  });

  it.runIf(process.getuid?.() === 0)(
    'as root, a data directory the postgres system user cannot reach keeps its cluster in /var/lib/arkivlos, linked from DATA_DIR',
    async () => {
      const hidden = await mkdtemp(join(tmpdir(), 'arkivlos-embedded-'));
      dirs.push(hidden);
      const dataDir = join(hidden, 'data');
      const notices: string[] = [];
      const server = await startEmbeddedServer({ dataDir, onNotice: (message) => notices.push(message) });
      try {
        expect(server.stateDir).toMatch(/^\/var\/lib\/arkivlos\/[0-9a-f]{16}$/);
        expect(await readlink(join(dataDir, 'postgres'))).toBe(server.clusterDir);
        expect(notices.join('\n')).toContain(server.stateDir);
      } finally {
        await server.stop();
        await rm(server.stateDir, { recursive: true, force: true });
      }
    },
  );

  it('data written before a stop is there after the next start', async () => {
    const dataDir = await newDataDir();
    const first = await openDatabase({ dataDir });
    await applyMigrations(first.pool);
    await first.prisma.unit.create({ data: { code: 'ØKO', name: 'Økonomiavdelingen' } });
    await first.close();
    const second = await openDatabase({ dataDir });
    try {
      expect(await second.prisma.unit.findUnique({ where: { code: 'ØKO' } })).toMatchObject({ name: 'Økonomiavdelingen' });
    } finally {
      await second.close();
    }
  });

  it('a second bot on a data directory whose server is running is refused, naming the process; a CLI connects to it instead', async () => {
    const dataDir = await newDataDir();
    const bot = await openDatabase({ dataDir });
    try {
      const refused = openDatabase({ dataDir });
      await expect(refused).rejects.toThrow(DataDirInUseError);
      await expect(openDatabase({ dataDir })).rejects.toThrow(`in use by process ${process.pid}`);

      const cli = await openDatabase({ dataDir, whenRunning: 'connect' });
      expect(cli.server).toMatchObject({ owned: false, port: bot.server!.port });
      await cli.pool.query('CREATE TABLE seen_by_both (id int)');
      await cli.close();
      // The CLI closing did not stop the bot's server.
      expect((await bot.pool.query('SELECT count(*)::int AS n FROM seen_by_both')).rows[0]).toEqual({ n: 0 });
    } finally {
      await bot.close();
    }
  });

  it('four starts at once on an empty data directory: one runs the server, the others are refused', async () => {
    const dataDir = await newDataDir();
    const results = await Promise.allSettled(Array.from({ length: 4 }, () => startEmbeddedServer({ dataDir })));
    const started = results.filter((r) => r.status === 'fulfilled').map((r) => r.value);
    const refused = results.filter((r) => r.status === 'rejected').map((r) => r.reason as Error);
    try {
      expect(started).toHaveLength(1);
      expect(refused.map((error) => error.name)).toEqual(['DataDirInUseError', 'DataDirInUseError', 'DataDirInUseError']);
    } finally {
      for (const server of started) await server.stop();
    }
  }, 60_000);

  it('npm run org:import works while the bot runs (through its server) and without it (starting the server itself)', async () => {
    const dataDir = await newDataDir();
    const file = join(dataDir, '..', 'org.yaml');
    await writeFile(
      file,
      [
        'units:',
        '  - { code: OKO, name: Økonomiavdelingen }',
        'people:',
        '  - { aadObjectId: 6f1c2b3d-0000-4000-8000-000000000001, name: Kari Nordmann, email: kari@eksempel.kommune.no, unit: OKO, roles: [saksbehandler] }',
      ].join('\n'),
    );
    const runImport = () =>
      new Promise<{ code: number; output: string }>((resolve) => {
        const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
        delete env.DATABASE_URL;
        execFile(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/org-import.ts', file], { cwd: ROOT, env }, (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
        );
      });

    // Without a running bot the CLI starts the server, imports, and stops it again.
    const alone = await runImport();
    expect(alone.code, alone.output).toBe(0);
    expect(alone.output).toMatch(/Personer: +1 nye/);
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);

    const bot = await openDatabase({ dataDir });
    try {
      await writeFile(file, (await readFile(file, 'utf8')).replace('Kari Nordmann', 'Kari Nordmann-Hansen'));
      const beside = await runImport();
      expect(beside.code, beside.output).toBe(0);
      expect(beside.output).toMatch(/Personer: +0 nye, 1 endret/);
      expect(await bot.prisma.person.findFirst({ select: { name: true } })).toEqual({ name: 'Kari Nordmann-Hansen' });
    } finally {
      await bot.close();
    }
  }, 90_000);
});

/**
 * How fast does `npm start` become ready on the embedded PostgreSQL, and how much memory does it
 * take when idle? Starts main.ts as `npm start` does (one Node process plus the PostgreSQL
 * processes it starts) and prints:
 *   - cold start: an empty data directory (initdb, migrations, demo organisation) to /readyz 200
 *   - warm start: the same data directory again, to /readyz 200 (median of 3)
 *   - idle memory: RSS and PSS (shared pages counted once) of the bot and its PostgreSQL processes
 * next to a baseline run in the same way: a bare Node HTTP server started and answering.
 *
 *   npx tsx bench/startup.ts
 * Goals on the 2-core development machine: cold ≤ 8 s, warm ≤ 3 s, idle ≤ 250 MB.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const ROOT = new URL('..', import.meta.url).pathname;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function timeToReady(args: string[], env: Record<string, string>, path: string): Promise<{ ms: number; child: ChildProcess }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (;;) {
    const status = await fetch(`http://127.0.0.1:${port}${path}`).then((r) => r.status, () => 0);
    if (status === 200) return { ms: performance.now() - started, child };
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode} before it was ready`);
    if (performance.now() - started > 60_000) throw new Error('not ready within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** The process and every descendant, from /proc. */
function processTree(root: number): number[] {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Gone meanwhile.
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) for (const [pid, ppid] of parents) if (ppid === tree[i]) tree.push(pid);
  return tree;
}

function memoryMb(pids: number[]): { rss: number; pss: number } {
  let rss = 0;
  let pss = 0;
  for (const pid of pids) {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    rss += Number(/^Rss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    pss += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
  }
  return { rss: rss / 1024, pss: pss / 1024 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

// Baseline: a bare Node HTTP server, started and answering, measured the same way.
const bare = ['-e', "require('node:http').createServer((q, r) => r.end('ok')).listen(process.env.PORT, '127.0.0.1')"];
const baselines: number[] = [];
let bareMemory = { rss: 0, pss: 0 };
for (let i = 0; i < 3; i++) {
  const { ms, child } = await timeToReady(bare, {}, '/');
  baselines.push(ms);
  bareMemory = memoryMb([child.pid!]);
  await stop(child);
}
const baseline = median(baselines);

const parent = await mkdtemp(join(tmpdir(), 'arkivlos-bench-'));
await chmod(parent, 0o755); // reachable by the postgres system user when run as root
const dataDir = join(parent, 'data');
// Exactly what `npm start` runs (package.json), without npm in between.
const startScript = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
const app = startScript.split(' ').slice(1);
try {
  const cold = await timeToReady(app, { DATA_DIR: dataDir }, '/readyz');
  await new Promise((resolve) => setTimeout(resolve, 5000)); // idle: the demo data loaded, nothing to do
  const pids = processTree(cold.child.pid!);
  const idle = memoryMb(pids);
  await stop(cold.child);

  const warm: number[] = [];
  for (let i = 0; i < 3; i++) {
    const run = await timeToReady(app, { DATA_DIR: dataDir }, '/readyz');
    warm.push(run.ms);
    await stop(run.child);
  }

  console.log(`bench startup (npm start on the embedded PostgreSQL: ${startScript})`);
  console.log(`  baseline: bare Node HTTP server  ${s(baseline)} to answer, RSS ${bareMemory.rss.toFixed(0)} MB`);
  console.log(`  cold start (empty DATA_DIR)      ${s(cold.ms)} to /readyz   ${(cold.ms / baseline).toFixed(1)}× baseline   goal ≤ 8 s`);
  console.log(`  warm start (median of 3)         ${s(median(warm))} to /readyz   ${(median(warm) / baseline).toFixed(1)}× baseline   goal ≤ 3 s   (${warm.map(s).join(', ')})`);
  console.log(
    `  idle memory, bot + ${pids.length - 1} PostgreSQL processes: PSS ${idle.pss.toFixed(0)} MB (RSS ${idle.rss.toFixed(0)} MB, shared pages counted per process)   goal ≤ 250 MB`,
  );
} finally {
  await rm(parent, { recursive: true, force: true });
}

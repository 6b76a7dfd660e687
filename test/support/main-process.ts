import { spawn, type ChildProcess } from 'node:child_process';

const ROOT = new URL('../..', import.meta.url).pathname;

export { freePort } from './playground.js';

export interface MainProcess {
  child: ChildProcess;
  /** Everything it wrote so far, stdout and stderr. */
  output: () => string;
  exited: Promise<number | null>;
}

/**
 * `main.ts` as `npm start` runs it: one Node process (tsx as a loader, not as a parent, so a
 * kill -9 hits the bot itself), with only PATH, HOME, LOG_LEVEL=info and `env` in its environment.
 */
export function startMain(env: Record<string, string>, entry = 'main.ts'): MainProcess {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Polls `/readyz` until it answers 200; resolves to how long that took (ms). */
export async function waitForReady(url: string, ms: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    const status = await fetch(`${url}/readyz`).then((r) => r.status, () => 0);
    if (status === 200) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`not ready within ${ms} ms`);
}

/**
 * One of several bot instances on one database: `entry` (main.ts, or a harness such as
 * test/support/arkivlos-process.ts) on a free port, loopback only, without demo data.
 */
export const startInstance = (env: Record<string, string>, entry = 'main.ts'): MainProcess =>
  startMain({ PORT: '0', HOST: '127.0.0.1', DEMO_DATA: 'off', ...env }, entry);

/** Waits until the instance logs that it listens (it exited, or 60 s passed: an error with its output). */
export async function untilListening(instance: MainProcess): Promise<void> {
  const started = Date.now();
  while (!instance.output().includes('Arkivlos is listening')) {
    if (instance.child.exitCode !== null) throw new Error(`instance exited: ${instance.output()}`);
    if (Date.now() - started > 60_000) throw new Error(`instance not listening within 60 s: ${instance.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

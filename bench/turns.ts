/**
 * What the benchmarks that time turns through /api/messages share: the echo baseline (a bench-only
 * route, not in the product), posting an activity and timing it to its 200, and p50/p99.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { RegisterRoutes } from '../bot/application.js';

export const ECHO = /^bench echo\b/;

/** The baseline: one sendActivity, nothing else, on the same app (the product has no such command). */
export const registerEcho: RegisterRoutes = (app) => {
  app.message(ECHO, async (context) => {
    await context.sendActivity(context.activity.text ?? '');
  });
};

export function summary(samples: readonly number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { n: sorted.length, p50: at(0.5), p99: at(0.99) };
}

/** POSTs an activity to the bot and times it to its answer (which must be a 200). */
export function activityPoster(botUrl: string) {
  return async (activity: unknown): Promise<{ ms: number; body: unknown }> => {
    const started = performance.now();
    const response = await fetch(`${botUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    const text = await response.text();
    const ms = performance.now() - started;
    if (response.status !== 200) throw new Error(`/api/messages answered ${response.status}: ${text}`);
    return { ms, body: text ? JSON.parse(text) : undefined };
  };
}

/**
 * CPU spent on turns, which the machine's load does not inflate as it does wall-clock times: this
 * process (the bot, and the fake connector it answers) and the PostgreSQL backends of the bench's
 * database (read from /proc, so only for a server on this machine; `pgMs` is null elsewhere).
 * At saturation the p99 ratio follows the CPU ratio.
 */
export function cpuMeter(pool: { query(text: string): Promise<{ rows: { pid: number }[] }> }) {
  const ticks = (pid: number): number | null => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return Number(fields[11]) + Number(fields[12]);
    } catch {
      return null;
    }
  };
  const backends = async () => (await pool.query('SELECT pid FROM pg_stat_activity WHERE datname = current_database()')).rows.map(({ pid }) => pid);
  const ticksOf = (pids: Iterable<number>) => new Map([...pids].map((pid) => [pid, ticks(pid)]));
  return {
    async start() {
      // The meter's own work is left out of what it measures: Node's clock starts after the
      // backends are listed and read, and stops before they are read again; the backends of the
      // start are read before the stop lists them again (for those that came meanwhile).
      const before = ticksOf(await backends());
      const node = process.cpuUsage();
      return {
        /** CPU milliseconds since start: Node's, and PostgreSQL's backends' (all of a backend that came meanwhile). */
        async stop(): Promise<{ nodeMs: number; pgMs: number | null }> {
          const used = process.cpuUsage(node);
          const after = ticksOf(before.keys());
          for (const pid of await backends()) if (!before.has(pid)) after.set(pid, ticks(pid));
          let pgTicks = 0;
          let seen = false;
          for (const [pid, end] of after) {
            const begin = before.has(pid) ? before.get(pid)! : 0;
            if (end === null || begin === null) continue;
            pgTicks += end - begin;
            seen = true;
          }
          return { nodeMs: (used.user + used.system) / 1000, pgMs: seen ? (pgTicks * 1000) / CLOCK_TICKS_PER_SECOND : null };
        },
      };
    },
  };
}

/** Linux's USER_HZ, the unit of /proc/<pid>/stat's times. */
const CLOCK_TICKS_PER_SECOND = 100;

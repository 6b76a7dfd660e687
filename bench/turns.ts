/**
 * What the benchmarks that time turns through /api/messages share: the echo baseline (a bench-only
 * route, not in the product), posting an activity and timing it to its 200, and p50/p99.
 */
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

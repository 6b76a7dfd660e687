/**
 * Teams' limits for a bot (STACK.md "Teams limits to design for"), and the rule that keeps sends
 * under them: a sliding window allows at most `max` sends in any `ms` milliseconds.
 */
export interface Window {
  ms: number;
  max: number;
  /** Our own spacing, not a limit of Teams': kept exactly, without the margin (WINDOW_MARGIN_MS). */
  spacing?: true;
}

/** Per bot per conversation (createConversation counts the same): 7/s, 8/2 s, 60/30 s, 1,800/h. */
export const CONVERSATION_WINDOWS: readonly Window[] = [
  { ms: 1_000, max: 7 },
  { ms: 2_000, max: 8 },
  { ms: 30_000, max: 60 },
  { ms: 3_600_000, max: 1_800 },
];

/**
 * Per app per tenant, all conversations and all instances together (TEAMS_TENANT_RPS), and the
 * spacing that spreads those calls over the second: the limit alone lets a whole second's calls
 * be booked for the same moment, and then they reach Teams together and are answered one after
 * another, so the last of them are answered late and move later in the logs (pace.ts, lateCall),
 * and every later call behind them: with three instances that cost up to 13 % of the rate
 * (bench/delivery.ts). Spaced, at most SPACING_BURST calls go at once (the few messages of one
 * action still go together), the next few a tenth of the second later (at 30/s), and so on. The spacing
 * never lowers the rate the limit allows: its windows fit the second and the margin.
 */
export function tenantWindows(requestsPerSecond: number): Window[] {
  const burst = Math.min(SPACING_BURST, requestsPerSecond);
  const spacing = Math.floor((1_000 + WINDOW_MARGIN_MS) / Math.ceil(requestsPerSecond / burst));
  return [{ ms: 1_000, max: requestsPerSecond }, ...(burst < requestsPerSecond && spacing >= 2 ? [{ ms: spacing, max: burst, spacing: true as const }] : [])];
}

/**
 * Calls of the tenant that may go at the same moment (tenantWindows). Three instances reached
 * 0.971–0.973 of the rate with one, 0.955–0.972 with three and 0.942–0.968 with five.
 */
export const SPACING_BURST = 3;

/**
 * A call reaches Teams a little after its booked moment (the way there, a worker a few ms late),
 * and not always equally late: every window is this much longer for us than for Teams. 25 ms
 * costs 2.5 % of the tenant's rate; 50 ms (before the confirmation right before each call, which
 * keeps calls within LATE_SLACK_MS of their moment) would cost 5 %.
 */
export const WINDOW_MARGIN_MS = 25;

/** How long a window is for us: Teams' limits with the margin, our own spacing as it is. */
export const spanOf = (window: Window): number => window.ms + (window.spacing ? 0 : WINDOW_MARGIN_MS);

export const longestWindow = (windows: readonly Window[]) => Math.max(...windows.map(spanOf));

/** Index of the first entry of a sorted log that is >= value. */
function lowerBound(log: readonly number[], value: number): number {
  let lo = 0;
  let hi = log.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (log[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Would one more send at `t` keep at most `max` sends in every window of the span? The log is
 * valid already, so only groups of max + 1 consecutive sends that include t can break it: such a
 * group must not fit in one span.
 */
function fits(log: readonly number[], window: Window, t: number): boolean {
  const span = spanOf(window);
  const lo = lowerBound(log, t - span + 1e-9);
  const hi = lowerBound(log, t + span);
  if (hi - lo < window.max) return true;
  const near = log.slice(lo, hi);
  const p = lowerBound(near, t);
  const merged = [...near.slice(0, p), t, ...near.slice(p)];
  for (let i = Math.max(0, p - window.max); i <= p && i + window.max < merged.length; i++) {
    if (merged[i + window.max]! - merged[i]! < span) return false;
  }
  return true;
}

/**
 * The earliest time at or after `from` at which one more send keeps every window of every key
 * within its limit, given each key's booked send times (sorted, possibly in the future: slots
 * booked by other instances that have not been used yet). A send may go between booked ones.
 */
export function earliestSlot(keys: readonly { log: readonly number[]; windows: readonly Window[] }[], from: number): number {
  // A send can only become possible when some send leaves a window: at `from` or at a send's time
  // plus a span. Try those in order; the first that fits every window of every key wins.
  const candidates = new Set([from]);
  for (const { log, windows } of keys) {
    for (const window of windows) for (const at of log) if (at + spanOf(window) > from) candidates.add(at + spanOf(window));
  }
  for (const t of [...candidates].sort((a, b) => a - b)) {
    if (keys.every(({ log, windows }) => windows.every((window) => fits(log, window, t)))) return t;
  }
  // Unreachable: after the last send plus the longest span every window is empty.
  throw new Error('no slot found');
}

/** Inserts `t` in a sorted log and forgets what no window can see any more. */
export function book(log: readonly number[], t: number, now: number, windows: readonly Window[]): number[] {
  const horizon = now - longestWindow(windows);
  const kept = log.filter((at) => at > horizon);
  const index = kept.findIndex((at) => at > t);
  if (index === -1) kept.push(t);
  else kept.splice(index, 0, t);
  return kept;
}

import { describe, expect, it } from 'vitest';
import { book, CONVERSATION_WINDOWS, earliestSlot, tenantWindows, WINDOW_MARGIN_MS, type Window } from '../../domain/delivery/limits.js';

/** The most sends of a sorted log in any window of the span (half-open, as Teams counts). */
function mostInWindow(log: readonly number[], span: number): number {
  let most = 0;
  for (let first = 0, last = 0; first < log.length; first++) {
    while (last < log.length && log[last]! < log[first]! + span) last++;
    most = Math.max(most, last - first);
  }
  return most;
}

/** A small deterministic random generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('pacing under Teams’ limits', () => {
  it('eight sends to one conversation at once: seven in the first second, the eighth a second (plus the margin) after the first', () => {
    let log: number[] = [];
    const at: number[] = [];
    for (let i = 0; i < 8; i++) {
      const t = earliestSlot([{ log, windows: CONVERSATION_WINDOWS }], 0);
      at.push(t);
      log = book(log, t, 0, CONVERSATION_WINDOWS);
    }
    expect(at.slice(0, 7)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(at[7]).toBe(1_000 + WINDOW_MARGIN_MS);
  });

  it('a send may use a free place before slots other instances booked for later', () => {
    const windows: Window[] = [{ ms: 1_000, max: 2 }];
    // Two sends booked 5 s from now leave room now.
    expect(earliestSlot([{ log: [5_000, 5_001], windows }], 0)).toBe(0);
    // Two sends booked at 0 and 500: the next is possible when the first leaves its window.
    expect(earliestSlot([{ log: [0, 500], windows }], 0)).toBe(1_000 + WINDOW_MARGIN_MS);
  });

  it('a send must keep every key within its windows: the tenant’s and the conversation’s', () => {
    const tenant = { log: [0, 10, 20], windows: tenantWindows(3) };
    const conversation = { log: [], windows: CONVERSATION_WINDOWS };
    expect(earliestSlot([tenant, conversation], 30)).toBe(1_000 + WINDOW_MARGIN_MS);
  });

  it('a tenant’s calls booked at once are spread over the second, three at a time, and as many fit as the limit allows', () => {
    const windows = tenantWindows(30);
    let log: number[] = [];
    const at: number[] = [];
    for (let i = 0; i < 61; i++) {
      const t = earliestSlot([{ log, windows }], 0);
      at.push(t);
      log = book(log, t, 0, windows);
    }
    // Three at 0, three at 102 ms, … three at 918 ms: no more than three in any 102 ms.
    expect(at.slice(0, 7)).toEqual([0, 0, 0, 102, 102, 102, 204]);
    expect(mostInWindow(at, 102)).toBe(3);
    expect(mostInWindow(at, 1_000 + WINDOW_MARGIN_MS)).toBe(30);
    // The 31st and the 61st go as soon as the first and the 31st leave their window: no rate lost to the spacing.
    expect([at[30], at[60]]).toEqual([1_000 + WINDOW_MARGIN_MS, 2 * (1_000 + WINDOW_MARGIN_MS)]);
  });

  it('booked at random moments by many senders, no window ever holds more than its limit, and every send takes the earliest place', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const next = random(seed);
      const windows: Window[] = [
        { ms: 1_000, max: 3 },
        { ms: 2_000, max: 4 },
        { ms: 10_000, max: 12 },
      ];
      let log: number[] = [];
      let now = 0;
      for (let i = 0; i < 60; i++) {
        now += Math.floor(next() * 400);
        const from = now + Math.floor(next() * 3_000);
        const t = earliestSlot([{ log, windows }], from);
        expect(t).toBeGreaterThanOrEqual(from);
        // Nothing earlier would have done: a millisecond before it, and moments at random between.
        const earlierTimes = t > from ? [t - 1, ...Array.from({ length: 5 }, () => from + Math.floor(next() * (t - from)))] : [];
        for (const earlier of earlierTimes) {
          const tried = [...log, earlier].sort((a, b) => a - b);
          expect(windows.some((window) => mostInWindow(tried, window.ms + WINDOW_MARGIN_MS) > window.max), `seed ${seed}: ${earlier} < ${t} fits`).toBe(true);
        }
        log = book(log, t, now, windows);
        for (const window of windows) expect(mostInWindow(log, window.ms + WINDOW_MARGIN_MS)).toBeLessThanOrEqual(window.max);
      }
    }
  });

  it('forgets sends no window can see any more', () => {
    const windows: Window[] = [{ ms: 1_000, max: 5 }];
    expect(book([0, 100, 2_000], 2_500, 2_500, windows)).toEqual([2_000, 2_500]);
  });
});

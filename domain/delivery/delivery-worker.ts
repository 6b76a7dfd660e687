import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { claimDueMessages, type ClaimedMessage } from './claim-due-messages.js';
import { deliverMessage, type DeliveryDeps } from './deliver-message.js';
import { releaseUntil, renewClaims } from './record-send-result.js';
import { retryDelay } from './decide.js';
import { measureClockOffset } from './pace.js';

export interface WorkerOptions {
  /** Messages in hand at most (claimed, waiting for their pace slot, or being sent). */
  capacity?: number;
  /** How long a claim holds before another instance may take the message over. */
  leaseMs?: number;
  /** How often an idle worker looks for due messages (a NOTIFY from enqueueMessage wakes it sooner). */
  pollMs?: number;
  /** Something went wrong outside Teams' answers (the database, a bug): log it. */
  onError?: (error: unknown, message?: ClaimedMessage) => void;
}

export interface DeliveryWorker {
  instance: string;
  /** Look for due messages now (a NOTIFY arrived). */
  wake(): void;
  /** Stops claiming, lets what is in hand finish. */
  stop(): Promise<void>;
}

export const newInstanceId = () => `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

/**
 * The outbox worker every instance runs: claims due messages from the database, sends each
 * recipient's messages in order (different recipients side by side), and claims more as
 * messages finish. Pacing, retries and leases live in the database, so any number of instances
 * can run this together, and one that dies leaves nothing behind but claims that expire.
 */
export function startDeliveryWorker(deps: Omit<DeliveryDeps, 'instance'> & { instance?: string }, options: WorkerOptions = {}): DeliveryWorker {
  const instance = deps.instance ?? newInstanceId();
  const leaseMs = options.leaseMs ?? 60_000;
  let clockOffset = 0;
  const full: DeliveryDeps = { ...deps, instance, leaseMs, clockOffsetMs: () => clockOffset };
  // Half of what the tenant's pace lets through in the longest wait for a slot (2 s): more in
  // hand can only book and hand back again (measured: 25,853 bookings for 682 sends at 3×).
  const capacity = options.capacity ?? Math.max(10, deps.tenantRps);
  const pollMs = options.pollMs ?? 500;
  const inHand = new Set<bigint>();
  /** Each recipient's messages, one after another. */
  const chains = new Map<string, Promise<void>>();
  let running = true;
  let claimPauseUntil = 0;
  let wakeUp: (() => void) | undefined;
  const wake = () => wakeUp?.();

  /** Recipients whose earlier message went back to the outbox in this chain: the rest follow it. */
  const halted = new Set<string>();
  const deliver = async (message: ClaimedMessage) => {
    try {
      if (halted.has(message.recipient)) {
        // Back to the outbox: claimDueMessages keeps it behind the one that waits.
        await releaseUntil(deps.prisma, { id: message.id, instance, attempts: message.attempts }, new Date());
        return;
      }
      const outcome = await deliverMessage(full, message);
      // The ones behind it go back to the outbox: to wait behind it, or to be claimed again with
      // what their recipient is now.
      if (outcome !== 'settled') halted.add(message.recipient);
      // Usually the pace is full (every slot for the next moments is booked): claiming more now
      // would only book and hand back again. Let the slots run out first.
      if (outcome === 'waiting') claimPauseUntil = Date.now() + pollMs;
    } catch (error) {
      options.onError?.(error, message);
      // Not Teams' answer but ours (the database, a bug): hand it back for a later try.
      await releaseUntil(deps.prisma, { id: message.id, instance, attempts: message.attempts }, new Date(Date.now() + retryDelay(message.attempts + 1, Math.random))).catch(
        (releaseError: unknown) => options.onError?.(releaseError, message),
      );
    } finally {
      inHand.delete(message.id);
      wake();
    }
  };

  // While this instance lives, the claims in its hand hold; when it dies, they run out.
  const heartbeat = setInterval(() => {
    renewClaims(deps.prisma, instance, [...inHand], leaseMs).catch((error: unknown) => options.onError?.(error));
  }, leaseMs / 3);
  heartbeat.unref();

  const measureClock = () =>
    measureClockOffset(deps.prisma).then(
      (offset) => (clockOffset = offset),
      (error: unknown) => options.onError?.(error),
    );
  // Clocks drift apart slowly: measure now and every few minutes.
  const clockTimer = setInterval(() => void measureClock(), 5 * 60_000);
  clockTimer.unref();

  const loop = (async () => {
    await measureClock();
    while (running) {
      let claimed: ClaimedMessage[] = [];
      const room = Date.now() < claimPauseUntil ? 0 : capacity - inHand.size;
      if (room > 0) {
        try {
          claimed = await claimDueMessages(deps.prisma, { instance, limit: room, leaseMs });
        } catch (error) {
          options.onError?.(error);
        }
      }
      for (const message of claimed) {
        inHand.add(message.id);
        const previous = chains.get(message.recipient) ?? Promise.resolve();
        const next = previous.then(() => deliver(message));
        chains.set(message.recipient, next);
        void next.then(() => {
          if (chains.get(message.recipient) !== next) return;
          chains.delete(message.recipient);
          halted.delete(message.recipient);
        });
      }
      if (claimed.length === room && room > 0) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeUp = undefined;
    }
  })();

  return {
    instance,
    wake,
    async stop() {
      running = false;
      wake();
      await loop;
      await Promise.all(chains.values());
      clearInterval(heartbeat);
      clearInterval(clockTimer);
    },
  };
}

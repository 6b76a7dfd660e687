import { createAdapter } from '../bot/adapter.js';
import { createTeamsMessenger } from '../bot/teams-messenger.js';
import { startDeliveryWorker } from '../domain/delivery/delivery-worker.js';
import { readReachOutcome, type ReachOutcome } from '../domain/delivery/reach-people.js';
import type { Config } from '../infra/config.js';
import type { Database } from '../infra/database.js';
import type { Translate } from '../i18n/index.js';

const POLL_MS = 250;
const PROGRESS_EVERY_MS = 10_000;

/** What the script prints while it waits (in its language). */
export interface SettlingTexts {
  progress(pending: number, total: number): string;
  deliveryError(message: string): string;
}

/**
 * For the CLIs that queue messages and return when they are sent (`people:reach`,
 * `digests:send`): runs a delivery worker, like the bot's, with the same shared pace, until every
 * one of these messages is settled (sent, failed or unreachable) or Ctrl+C, and tells what became
 * of each, with the person's name for the administrator.
 */
export async function deliverUntilSettled(db: Database, config: Config, messageIds: bigint[], say: SettlingTexts): Promise<{ outcome: ReachOutcome; interrupted: boolean }> {
  if (messageIds.length === 0) return { outcome: { pending: 0, created: 0, unreachable: [], failed: [] }, interrupted: false };
  const worker = startDeliveryWorker(
    {
      prisma: db.prisma,
      messenger: createTeamsMessenger(createAdapter(config), { botAppId: config.BOT_ID ?? '' }),
      tenantRps: config.TEAMS_TENANT_RPS,
      serviceUrl: config.TEAMS_SERVICE_URL,
      tenantId: config.BOT_TENANT_ID,
    },
    { leaseMs: config.OUTBOX_LEASE_SECONDS * 1000, onError: (error) => console.error(say.deliveryError((error as Error).message)) },
  );
  let interrupted = false;
  const interrupt = () => {
    interrupted = true;
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    let lastProgress = Date.now();
    for (;;) {
      const outcome = await readReachOutcome(db.prisma, messageIds);
      if (outcome.pending === 0 || interrupted) return { outcome, interrupted };
      if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
        console.error(say.progress(outcome.pending, messageIds.length));
        lastProgress = Date.now();
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    await worker.stop();
  }
}

/** The report both CLIs print: a heading, a table of counts, then who could not be reached and what failed, by name. */
export function settledReport(
  heading: string,
  rows: [string, number][],
  outcome: ReachOutcome,
  say: { unreachable: string; failedCount: string },
  t: Translate,
): string {
  const width = Math.max(...rows.map(([title]) => title.length)) + 1;
  const lines = [heading, ...rows.map(([title, count]) => `  ${`${title}:`.padEnd(width)} ${String(count).padStart(6)}`)];
  if (outcome.unreachable.length) {
    lines.push(`${say.unreachable}:`);
    for (const person of outcome.unreachable) lines.push(`  ${person.name} <${person.email}>: ${t(`delivery.reason.${person.reason}`)}`);
  }
  if (outcome.failed.length) {
    lines.push(`${say.failedCount}:`);
    for (const person of outcome.failed) lines.push(`  ${person.name} <${person.email}>: ${person.reason}`);
  }
  return lines.join('\n');
}

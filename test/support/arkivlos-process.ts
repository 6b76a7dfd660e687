/**
 * One Arkivlos instance for the multi-instance tests, as main.ts starts it (startArkivlos with the
 * configuration from the environment: HTTP server, outbox worker, scheduled jobs), with two things
 * a test needs that main.ts does not offer: a clock that starts at `TEST_CLOCK` (an ISO instant,
 * e.g. a working morning, whatever day the test runs) and runs on from there, and the job
 * runner's timing (`TEST_JOB_POLL_MS`, `TEST_JOB_LEASE_MS`). Logs JSON on stdout like main.ts;
 * `Arkivlos is listening` says it is up. SIGTERM stops it; the tests also SIGKILL it.
 *
 *   node --import tsx test/support/arkivlos-process.ts
 */
import { startArkivlos } from '../../app.js';
import { loadConfig } from '../../infra/config.js';
import { createLogger } from '../../infra/logger.js';

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL);
const startedAt = Date.now();
const clockStart = process.env.TEST_CLOCK ? new Date(process.env.TEST_CLOCK).getTime() : startedAt;
const arkivlos = await startArkivlos({
  config,
  logger,
  now: () => new Date(clockStart + (Date.now() - startedAt)),
  jobs: {
    ...(process.env.TEST_JOB_POLL_MS ? { pollMs: Number(process.env.TEST_JOB_POLL_MS) } : {}),
    ...(process.env.TEST_JOB_LEASE_MS ? { leaseMs: Number(process.env.TEST_JOB_LEASE_MS) } : {}),
  },
});
process.once('SIGTERM', () => {
  void arkivlos.stop().then(() => process.exit(0));
});

/**
 * Runs the limited connector on its own, for a bot started by hand or a benchmark in other
 * processes: point TEAMS_SERVICE_URL at the printed URL, press Ctrl+C for what it saw, as JSON.
 *
 *   npx tsx test/support/limited-connector-cli.ts --port 3980 [--tenant-rps 30] [--tolerance 0] [--fractional]
 */
import { parseArgs } from 'node:util';
import { startLimitedConnector } from './limited-connector.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '3980' },
    'tenant-rps': { type: 'string', default: '30' },
    tolerance: { type: 'string', default: '0' },
    fractional: { type: 'boolean', default: false },
  },
});

const connector = await startLimitedConnector({
  port: Number(values.port),
  tenantRps: Number(values['tenant-rps']),
  tolerance: Number(values.tolerance),
  fractionalRetryAfter: values.fractional,
});
console.error(`limited connector listening on ${connector.url} (Ctrl+C prints the stats)`);

process.once('SIGINT', () => {
  console.log(JSON.stringify({ stats: connector.stats(), throttled: connector.throttled, violations: connector.violations }, null, 2));
  void connector.close().then(() => process.exit(0));
});

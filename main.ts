/** Process entry: read the environment, start Arkivlos, stop cleanly on SIGINT/SIGTERM. */
import { existsSync } from 'node:fs';
import { format } from 'node:util';
import { startArkivlos } from './app.js';
import { ConfigError, loadConfig } from './infra/config.js';
import { DataDirInUseError } from './infra/embedded-postgres.js';
import { createLogger } from './infra/logger.js';
import { PortInUseError } from './infra/port.js';

if (existsSync('.env')) process.loadEnvFile('.env');

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const logger = createLogger(config.LOG_LEVEL);
// Libraries write to the console (botbuilder logs every refused request with console.error) and
// Node prints warnings: route both through the logger, so every line on stdout is JSON.
console.error = (...args: unknown[]) => logger.warn({ source: 'console' }, format(...args));
console.warn = (...args: unknown[]) => logger.warn({ source: 'console' }, format(...args));
process.removeAllListeners('warning');
process.on('warning', (warning: Error & { code?: string }) => {
  // restify's spdy dependency (http-deceiver) reads process.binding('http_parser') on every start:
  // harmless and not ours to fix, but at warn it looks like a fault.
  const known = warning.code === 'DEP0111' && warning.message.includes("'http_parser'");
  logger[known ? 'debug' : 'warn']({ source: 'node', code: warning.code }, warning.message);
});
const arkivlos = await startArkivlos({ config, logger }).catch((error: unknown) => {
  // A cause the operator can fix is one line saying how; anything else comes with its stack.
  if (error instanceof PortInUseError || error instanceof DataDirInUseError) logger.fatal(error.message);
  else logger.fatal({ err: error }, 'start-up failed');
  process.exit(1);
});

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'shutting down');
    // A stuck shutdown must not keep the process forever.
    setTimeout(() => process.exit(1), 10_000).unref();
    arkivlos.stop().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}

/** Process entry: read the environment, start Arkivlos, stop cleanly on SIGINT/SIGTERM. */
import { existsSync } from 'node:fs';
import { format } from 'node:util';
import { startArkivlos } from './app.js';
import { ConfigError, loadConfig } from './infra/config.js';
import { DataDirInUseError } from './infra/embedded-postgres.js';
import { createLogger } from './infra/logger.js';

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
// Node prints warnings (restify's spdy dependency triggers DEP0111): route both through the
// logger, so every line on stdout is JSON.
console.error = (...args: unknown[]) => logger.warn({ source: 'console' }, format(...args));
console.warn = (...args: unknown[]) => logger.warn({ source: 'console' }, format(...args));
process.removeAllListeners('warning');
process.on('warning', (warning: Error & { code?: string }) => logger.warn({ source: 'node', code: warning.code }, warning.message));
const arkivlos = await startArkivlos({ config, logger }).catch((error: unknown) => {
  // A second bot on the same data directory is a mistake to explain in one line, not a fault.
  if (error instanceof DataDirInUseError) logger.fatal(error.message);
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

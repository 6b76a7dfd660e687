/**
 * npm run package — builds build/appPackage.zip for upload to Teams.
 *
 *   BOT_ID=<bot app id> [TEAMS_APP_ID=<app id>] [BOT_DOMAIN=<host>] [APP_VERSION=<semver>] npm run package
 *
 * BOT_ID is required; TEAMS_APP_ID defaults to BOT_ID. Validation is offline and strict: an invalid
 * manifest, localization file or icon stops the build and every problem is printed.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppPackageError, buildAppPackage } from './app-package.js';

const OUTPUT = fileURLToPath(new URL('../build/appPackage.zip', import.meta.url));

const env = (name: string): string | undefined => process.env[name]?.trim() || undefined;

try {
  const zip = await buildAppPackage({
    botId: env('BOT_ID'),
    teamsAppId: env('TEAMS_APP_ID'),
    botDomain: env('BOT_DOMAIN'),
    appVersion: env('APP_VERSION'),
  });
  await mkdir(dirname(OUTPUT), { recursive: true });
  await writeFile(OUTPUT, zip);
  console.log(`Teams app package written: ${OUTPUT} (${zip.length} bytes)`);
} catch (error) {
  if (!(error instanceof AppPackageError)) throw error;
  console.error(`package: ${error.message}`);
  process.exitCode = 1;
}

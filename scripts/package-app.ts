/**
 * npm run package — builds build/appPackage.zip for upload to Teams.
 *
 *   BOT_ID=<bot app id> WEBSITE_URL=<https://…> PRIVACY_URL=<https://…> TERMS_URL=<https://…> \
 *   [TEAMS_APP_ID=<app id>] [APP_VERSION=<major.minor.patch>] [BOT_DOMAIN=<host>] npm run package
 *
 * BOT_ID and the three links are required; TEAMS_APP_ID defaults to a GUID derived from BOT_ID and
 * APP_VERSION to package.json's version. Validation is offline and strict: an invalid variable,
 * manifest, localization file or icon stops the build and every problem is printed.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppPackageError, buildAppPackage, placeholderValues, type AppPackageOptions } from './app-package.js';

const OUTPUT = fileURLToPath(new URL('../build/appPackage.zip', import.meta.url));

const env = (name: string): string | undefined => process.env[name]?.trim() || undefined;

try {
  const options: AppPackageOptions = {
    botId: env('BOT_ID'),
    teamsAppId: env('TEAMS_APP_ID'),
    appVersion: env('APP_VERSION'),
    botDomain: env('BOT_DOMAIN'),
    websiteUrl: env('WEBSITE_URL'),
    privacyUrl: env('PRIVACY_URL'),
    termsUrl: env('TERMS_URL'),
  };
  const zip = await buildAppPackage(options);
  await mkdir(dirname(OUTPUT), { recursive: true });
  await writeFile(OUTPUT, zip);
  const values = placeholderValues(options);
  console.log(`Teams app package written: ${OUTPUT} (${zip.length} bytes)`);
  // The app id must stay the same for every later package, or Teams sees a new app.
  console.log(`Teams app id ${values.TEAMS_APP_ID}, version ${values.APP_VERSION}, bot ${values.BOT_ID}`);
} catch (error) {
  if (!(error instanceof AppPackageError)) throw error;
  console.error(`package: ${error.message}`);
  process.exitCode = 1;
}

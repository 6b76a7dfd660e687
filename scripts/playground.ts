/**
 * Try Arkivlos in a Teams look-alike, as the demo person who holds a role:
 *
 *   npm start                              # the bot, empty BOT_ID, demo organisation
 *   npm run playground -- --as leder       # Megan Bowen in the Microsoft 365 Agents Playground
 *
 * Writes a `.m365agentsplayground.yml` whose `currentUser` is that person into
 * <tmp>/arkivlos-playground-<role>/ and starts the Playground CLI there. See playground-config.ts.
 */
import { existsSync } from 'node:fs';
import {
  botIsUp,
  buildPlaygroundConfig,
  parsePlaygroundArgs,
  personForRole,
  playgroundDir,
  readDemoPeople,
  spawnPlayground,
  startLocaleProxy,
  stopProcessGroup,
  usage,
  UsageError,
  writePlaygroundConfig,
  type LocaleProxy,
} from './playground-config.js';

async function main(argv: string[]): Promise<number> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  let args;
  try {
    args = parsePlaygroundArgs(argv, process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(error.message);
    return 1;
  }
  if (args.help) {
    console.log(usage());
    return 0;
  }

  if (!(await botIsUp(args.botEndpoint))) {
    console.error(
      `The bot does not answer at ${new URL('/healthz', args.botEndpoint)}.\n` +
        'Start the bot first with `npm start` (in another terminal), or give its endpoint with --endpoint.',
    );
    return 1;
  }

  if (process.env.BOT_ID?.trim()) {
    console.warn(
      'Warning: BOT_ID is set, so the bot checks every request’s token and will refuse the Playground’s.\n' +
        'Run the bot for the Playground with an empty BOT_ID.',
    );
  }

  const people = await readDemoPeople();
  const person = personForRole(args.role, people);
  const dir = playgroundDir(args.role);
  const configPath = await writePlaygroundConfig(
    dir,
    buildPlaygroundConfig({ currentUser: person, people, tenantId: args.tenantId }),
  );

  // The Playground always says en-US; anything else goes through a proxy that sets the language.
  let proxy: LocaleProxy | undefined;
  if (args.locale !== 'en-US') proxy = await startLocaleProxy(args.botEndpoint, args.locale);

  const playground = spawnPlayground({
    dir,
    configPath,
    appEndpoint: proxy?.endpoint ?? args.botEndpoint,
    port: args.port,
    open: args.open,
  });
  playground.child.stderr!.pipe(process.stderr);

  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      console.log('\nStopping the Agents Playground …');
      void stopProcessGroup(playground.child, signal);
    });
  }

  const exited = new Promise<number>((resolve) =>
    playground.child.once('exit', (code, signal) => resolve(signal || stopping ? 0 : (code ?? 1))),
  );
  try {
    const port = await playground.port;
    console.log(
      [
        '',
        `Microsoft 365 Agents Playground: http://localhost:${port}`,
        `  as        ${person.name} (${args.role}, ${person.aadObjectId})`,
        `  bot       ${args.botEndpoint}${proxy ? ` (via ${proxy.endpoint}, Teams language ${args.locale})` : ''}`,
        `  config    ${configPath}`,
        `  log       ${playground.logFile}`,
        '',
        'Type "hjelp" in the personal chat. Stop with Ctrl+C.',
      ].join('\n'),
    );
  } catch (error) {
    console.error((error as Error).message);
  }
  const code = await exited;
  await proxy?.close();
  return code;
}

process.exitCode = await main(process.argv.slice(2));

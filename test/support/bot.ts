import { Writable } from 'node:stream';
import { startArkivlos, type Arkivlos, type StartOptions } from '../../app.js';
import { loadDemoOrganisationIfEmpty } from '../../domain/org/load-demo-organisation.js';
import { autoCloseJob } from '../../domain/support/auto-close-requests.js';
import { loadConfig } from '../../infra/config.js';
import { createLogger } from '../../infra/logger.js';
import { createTestDatabase } from './database.js';
import { startFakeConnector, type FakeConnector } from './fake-connector.js';

export interface TestApp {
  arkivlos: Arkivlos;
  /** Every log line the app wrote at LOG_LEVEL (`silent` unless the test sets it), parsed. */
  logs: Record<string, unknown>[];
  /** `http://127.0.0.1:<port>/api/messages` */
  endpoint: string;
  stop(): Promise<void>;
}

/** The whole app over real HTTP on a free loopback port, on a fresh test database with the demo organisation. */
export async function startTestApp(env: Record<string, string> = {}, options: Pick<StartOptions, 'channelAuth' | 'routes' | 'delivery' | 'now' | 'jobs' | 'scheduledJobs'> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  try {
    // Test databases on a PostgreSQL server are not "embedded", so load the demo organisation here.
    await loadDemoOrganisationIfEmpty(database.prisma);
    const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DEMO_DATA: 'off', LOG_LEVEL: 'silent', ...env });
    const logs: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        logs.push(JSON.parse(String(chunk)));
        done();
      },
    });
    // The outbox worker looks often: tests wait for what it sends.
    const arkivlos = await startArkivlos({
      config,
      logger: createLogger(config.LOG_LEVEL, destination),
      database,
      // The morning run would put cards in the outbox of any test whose clock is past 07:30 on a
      // working day; a test of the daily run passes SCHEDULED_JOBS (test/daily/daily-job.test.ts).
      scheduledJobs: [autoCloseJob],
      ...options,
      delivery: { pollMs: 50, ...options.delivery },
    });
    return {
      arkivlos,
      logs,
      endpoint: `${arkivlos.url}/api/messages`,
      async stop() {
        await arkivlos.stop();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

export interface TestBot {
  arkivlos: Arkivlos;
  logs: Record<string, unknown>[];
  connector: FakeConnector;
  /** POSTs an activity to /api/messages like the Bot Connector does. */
  post(activity: unknown, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  stop(): Promise<void>;
}

/** The test app, with activities whose serviceUrl points at a fake connector that records what the bot sends. */
export async function startTestBot(env: Record<string, string> = {}, options: Pick<StartOptions, 'channelAuth' | 'routes' | 'now' | 'jobs' | 'scheduledJobs'> = {}): Promise<TestBot> {
  const connector = await startFakeConnector();
  // Chats the outbox creates (`nå alle`) are created here too, never at the real Bot Connector.
  const app = await startTestApp({ TEAMS_SERVICE_URL: connector.url, ...env }, options).catch(async (error: unknown) => {
    await connector.close();
    throw error;
  });
  return {
    arkivlos: app.arkivlos,
    logs: app.logs,
    connector,
    async post(activity, headers = {}) {
      const response = await fetch(app.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(activity),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    async stop() {
      await app.stop();
      await connector.close();
    },
  };
}

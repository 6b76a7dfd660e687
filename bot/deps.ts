import type { PrismaClient } from '../domain/db.js';
import type { Logger } from '../infra/logger.js';

/** What the routes need; main wiring lives in app.ts. */
export interface BotDeps {
  prisma: PrismaClient;
  logger: Logger;
  now: () => Date;
  /** What the UI calls the case/archive system ("sak-/arkivsystemet" unless configured). */
  archiveSystemName?: string;
  /** Tenants whose activities are handled; `*`: every tenant. */
  allowedTenantIds: readonly string[] | '*';
}

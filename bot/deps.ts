import type { PrismaClient } from '../domain/db.js';
import type { FileLinks } from '../domain/support/file-links.js';
import type { Logger } from '../infra/logger.js';
import type { ImageDownloader } from './image-download.js';
import type { ItEmailSetup } from '../domain/support/hand-over.js';
import type { ArchivePort } from '../domain/archive/port.js';
import type { QaExportLinks } from '../domain/qa/post-session-summary.js';

/** What the routes need; main wiring lives in app.ts. */
export interface BotDeps {
  prisma: PrismaClient;
  logger: Logger;
  now: () => Date;
  /** What the UI calls the case/archive system ("sak-/arkivsystemet" unless configured). */
  archiveSystemName?: string;
  /** Calls per second to Teams for the whole tenant (TEAMS_TENANT_RPS), shown in `status utsending`. */
  tenantRps: number;
  /** QA_CARD_LEAD_MINUTES: when a spørretime's card is posted (null: the working day before, at the daily card time). */
  qaCardLeadMinutes?: number | null;
  /** Tenants whose activities are handled; `*`: every tenant. */
  allowedTenantIds: readonly string[] | '*';
  /** Counts self-help cards and answers (`arkivlos_self_help_total`). */
  countSelfHelp?: (outcome: 'shown' | 'no_result' | 'solved' | 'needs_help') => void;
  /** Files in the 1:1 chat: pasted images fetched with the bot's token, and support's links to kept ones. */
  chatFiles: { downloader: ImageDownloader; links: FileLinks; maxImageBytes: number };
  /** The hand-over to IT's e-mail addresses; null or left out when SMTP_URL, SUPPORT_FROM_ADDRESS or IT_SUPPORT_ADDRESS is not set. */
  itEmail?: ItEmailSetup | null;
  /** The case/archive system behind its port; the built-in registry on `prisma` when left out. */
  archive?: ArchivePort;
  /** Signs a spørretime's download links for its moderator; pass it to `closeSession`. */
  qaExportLinks?: QaExportLinks;
}

import { z } from 'zod';

/**
 * The only place that reads process.env. Parsed once at start-up; a wrong value stops start-up
 * with a message naming the variable. Every variable is documented in .env.example.
 */
const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const commaList = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );

/** `*` says on purpose that every tenant is accepted; otherwise a list of tenant ids. */
const tenantAllowList = commaList.transform((ids, ctx): string[] | '*' => {
  if (!ids.includes('*')) return ids;
  if (ids.length > 1) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: 'must be either * (every tenant) or a comma-separated list of tenant ids, not both',
    });
    return z.NEVER;
  }
  return '*';
});

/** Zod's own messages ("Expected number, received nan") say nothing about what is wanted. */
const wholeNumber = (min: number, max: number, expected: string) =>
  z.coerce
    .number({ message: expected })
    .int({ message: expected })
    .min(min, { message: expected })
    .max(max, { message: expected });

const oneOf = <T extends [string, ...string[]]>(values: T) => z.enum(values, { message: `must be one of ${values.join(', ')}` });

const emailAddress = optionalString.pipe(z.string().email({ message: 'must be an e-mail address (name@example.no)' }).optional());

/** smtp:// (STARTTLS when the server offers it) or smtps:// (TLS from the start, usually port 465), with a host. */
const smtpUrl = optionalString.pipe(
  z
    .string()
    .refine((value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
      } catch {
        return false;
      }
    }, 'must be an SMTP URL: smtp://user:password@host:587 or smtps://user:password@host:465 (user and password percent-encoded)')
    .optional(),
);

export const ZConfig = z
  .object({
    NODE_ENV: oneOf(['development', 'production', 'test']).default('development'),
    PORT: wholeNumber(0, 65535, 'must be a port number (0–65535)').default(3978),
    HOST: z.string().default('0.0.0.0'),
    BOT_ID: optionalString,
    BOT_PASSWORD: optionalString,
    BOT_TYPE: oneOf(['MultiTenant', 'SingleTenant', 'UserAssignedMsi']).default('SingleTenant'),
    BOT_TENANT_ID: optionalString,
    ALLOWED_TENANT_IDS: tenantAllowList,
    DATABASE_URL: optionalString.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'must be a PostgreSQL URL (postgres://user:password@host:5432/database)')
        .optional(),
    ),
    DATABASE_POOL_SIZE: wholeNumber(2, 100, 'must be a whole number from 2 to 100').default(10),
    // Named prepared statements (infra/pg-pool.ts); off behind a PgBouncer in transaction mode older than 1.21.
    DATABASE_PREPARED_STATEMENTS: oneOf(['on', 'off']).default('on'),
    DATA_DIR: z.string().default('./data'),
    DEMO_DATA: oneOf(['auto', 'off']).default('auto'),
    LOG_LEVEL: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ARCHIVE_SYSTEM_NAME: optionalString,
    // Teams allows 50 requests per second per app per tenant in the current docs, 30 in older ones.
    TEAMS_TENANT_RPS: wholeNumber(1, 50, 'must be a whole number of requests per second from 1 to 50').default(30),
    // Minutes before a spørretime starts that its card is posted; empty: at the daily card time on the working day before.
    QA_CARD_LEAD_MINUTES: optionalString.pipe(wholeNumber(0, 20_160, 'must be a whole number of minutes from 0 to 20160 (14 days), or empty').optional()),
    TEAMS_SERVICE_URL: z
      .string()
      .url({ message: 'must be the Bot Connector service URL, e.g. https://smba.trafficmanager.net/teams/' })
      .default('https://smba.trafficmanager.net/teams/'),
    // How long an instance's claim on an outbox message holds; after it, another instance takes over.
    OUTBOX_LEASE_SECONDS: wholeNumber(2, 3600, 'must be a whole number of seconds from 2 to 3600').default(60),
    // E-mail (the hand-over to IT): without SMTP_URL Arkivlos sends none, and says so where it would.
    SMTP_URL: smtpUrl,
    SUPPORT_FROM_ADDRESS: emailAddress,
    IT_SUPPORT_ADDRESS: emailAddress,
    // Files in the 1:1 chat: a pasted image is downloaded and kept up to this size; a larger one is kept as a link.
    SUPPORT_IMAGE_MAX_BYTES: wholeNumber(1024, 50_000_000, 'must be a whole number of bytes from 1024 to 50000000').default(5_000_000),
    // The bot's public host name (also what `npm run package` puts in validDomains): kept images are
    // shown to support from https://<BOT_DOMAIN>/files/<id>.
    BOT_DOMAIN: optionalString.pipe(
      z
        .string()
        .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/i, 'must be a host name such as arkivlos.example.no (no https://, no path)')
        .optional(),
    ),
    // Signs the links to kept images. Without it: derived from BOT_PASSWORD, else generated once in DATA_DIR.
    FILE_LINK_SECRET: optionalString.pipe(z.string().min(32, { message: 'must be at least 32 characters' }).optional()),
  })
  .superRefine((config, ctx) => {
    if (config.NODE_ENV === 'production' && !config.BOT_ID) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['BOT_ID'],
        message: 'is required when NODE_ENV=production (without it no request is authenticated)',
      });
    }
    // A multi-tenant registration accepts tokens from every tenant: production says which it serves.
    const noTenantList = Array.isArray(config.ALLOWED_TENANT_IDS) && config.ALLOWED_TENANT_IDS.length === 0;
    if (config.NODE_ENV === 'production' && config.BOT_TYPE === 'MultiTenant' && noTenantList) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['ALLOWED_TENANT_IDS'],
        message: 'is required when NODE_ENV=production and BOT_TYPE=MultiTenant: list the tenant ids to accept, or set it to * to accept every tenant',
      });
    }
    if (config.BOT_ID && config.BOT_TYPE !== 'UserAssignedMsi' && !config.BOT_PASSWORD) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['BOT_PASSWORD'],
        message: `is required when BOT_ID is set and BOT_TYPE is ${config.BOT_TYPE}`,
      });
    }
    if (config.SMTP_URL && !config.SUPPORT_FROM_ADDRESS) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['SUPPORT_FROM_ADDRESS'],
        message: "is required when SMTP_URL is set: the archive's address that e-mails are sent from",
      });
    }
    // Several instances must sign image links alike; a managed identity has no password to derive it from.
    if (config.NODE_ENV === 'production' && !config.BOT_PASSWORD && !config.FILE_LINK_SECRET) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['FILE_LINK_SECRET'],
        message: 'is required when NODE_ENV=production and BOT_PASSWORD is not set: a random secret of at least 32 characters, the same for every instance',
      });
    }
    if (config.BOT_ID && config.BOT_TYPE !== 'MultiTenant' && !config.BOT_TENANT_ID) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['BOT_TENANT_ID'],
        message: `is required when BOT_TYPE is ${config.BOT_TYPE}`,
      });
    }
  });

export type Config = z.infer<typeof ZConfig>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Values never repeated in an error: they can hold a password. */
const SECRETS: ReadonlySet<string> = new Set(['BOT_PASSWORD', 'DATABASE_URL', 'SMTP_URL', 'FILE_LINK_SECRET']);

function describeProblem(issue: z.ZodIssue, env: Record<string, string | undefined>): string {
  const name = issue.path.join('.') || 'environment';
  const value = env[name];
  // A rule across variables (custom) says what is missing; a wrong value is shown as it was given.
  const given = issue.code !== z.ZodIssueCode.custom && value !== undefined && !SECRETS.has(name) ? `, got '${value}'` : '';
  return `${name} ${issue.message}${given}`;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ZConfig.safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((issue) => describeProblem(issue, env)));
  return parsed.data;
}

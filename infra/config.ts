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
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be either * (every tenant) or a comma-separated list of tenant ids, not both' });
    return z.NEVER;
  }
  return '*';
});

export const ZConfig = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    HOST: z.string().default('0.0.0.0'),
    BOT_ID: optionalString,
    BOT_PASSWORD: optionalString,
    BOT_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMsi']).default('SingleTenant'),
    BOT_TENANT_ID: optionalString,
    ALLOWED_TENANT_IDS: tenantAllowList,
    DATABASE_URL: optionalString.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
        .optional(),
    ),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(100).default(10),
    DATA_DIR: z.string().default('./data'),
    DEMO_DATA: z.enum(['auto', 'off']).default('auto'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ARCHIVE_SYSTEM_NAME: optionalString,
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
    if (config.NODE_ENV === 'production' && config.BOT_TYPE === 'MultiTenant' && Array.isArray(config.ALLOWED_TENANT_IDS) && config.ALLOWED_TENANT_IDS.length === 0) {
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

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ZConfig.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'} ${issue.message}`),
    );
  }
  return parsed.data;
}

import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../infra/config.js';

describe('configuration', () => {
  it('defaults give a working local set-up on the embedded database', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3978, DATA_DIR: './data', NODE_ENV: 'development', DEMO_DATA: 'auto' });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.ALLOWED_TENANT_IDS).toEqual([]);
  });

  it('reads a comma-separated tenant allow-list', () => {
    expect(loadConfig({ ALLOWED_TENANT_IDS: ' a , b,,c ' }).ALLOWED_TENANT_IDS).toEqual(['a', 'b', 'c']);
  });

  it('production refuses to start without BOT_ID', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/BOT_ID is required when NODE_ENV=production/);
  });

  it('a multi-tenant bot in production needs an explicit tenant allow-list, or * to accept every tenant on purpose', () => {
    const multiTenant = { NODE_ENV: 'production', BOT_ID: 'x', BOT_PASSWORD: 'p', BOT_TYPE: 'MultiTenant' };
    expect(() => loadConfig(multiTenant)).toThrow(/ALLOWED_TENANT_IDS is required when NODE_ENV=production and BOT_TYPE=MultiTenant/);
    expect(() => loadConfig({ ...multiTenant, BOT_TENANT_ID: 't' })).toThrow(/ALLOWED_TENANT_IDS/);
    expect(loadConfig({ ...multiTenant, ALLOWED_TENANT_IDS: 'a,b' }).ALLOWED_TENANT_IDS).toEqual(['a', 'b']);
    expect(loadConfig({ ...multiTenant, ALLOWED_TENANT_IDS: ' * ' }).ALLOWED_TENANT_IDS).toBe('*');
  });

  it('* is every tenant, so it cannot be mixed with tenant ids', () => {
    expect(() => loadConfig({ ALLOWED_TENANT_IDS: '*,a' })).toThrow(/ALLOWED_TENANT_IDS must be either \* \(every tenant\) or a comma-separated list of tenant ids/);
  });

  it('a UserAssignedMsi bot needs its tenant but no password', () => {
    expect(() => loadConfig({ BOT_ID: 'x', BOT_TYPE: 'UserAssignedMsi' })).toThrow(/BOT_TENANT_ID/);
    expect(loadConfig({ BOT_ID: 'x', BOT_TYPE: 'UserAssignedMsi', BOT_TENANT_ID: 't' }).BOT_PASSWORD).toBeUndefined();
  });

  it('every wrong value is named in one error', () => {
    try {
      loadConfig({ PORT: '99999', LOG_LEVEL: 'loud', BOT_TYPE: 'Both' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/^PORT /m);
      expect(problems).toMatch(/^LOG_LEVEL /m);
      expect(problems).toMatch(/^BOT_TYPE /m);
    }
  });

  it.each([
    [{ PORT: 'abc' }, "PORT must be a port number (0–65535), got 'abc'"],
    [{ PORT: '99999' }, "PORT must be a port number (0–65535), got '99999'"],
    [{ PORT: '3978.5' }, "PORT must be a port number (0–65535), got '3978.5'"],
    [{ DATABASE_POOL_SIZE: 'many' }, "DATABASE_POOL_SIZE must be a whole number from 2 to 100, got 'many'"],
    [{ DATABASE_POOL_SIZE: '1' }, "DATABASE_POOL_SIZE must be a whole number from 2 to 100, got '1'"],
    [{ NODE_ENV: 'prod' }, "NODE_ENV must be one of development, production, test, got 'prod'"],
    [{ BOT_TYPE: 'Both' }, "BOT_TYPE must be one of MultiTenant, SingleTenant, UserAssignedMsi, got 'Both'"],
    [{ DEMO_DATA: 'yes' }, "DEMO_DATA must be one of auto, off, got 'yes'"],
    [{ LOG_LEVEL: 'loud' }, "LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got 'loud'"],
    // A database URL can hold a password: it is never repeated.
    [{ DATABASE_URL: 'mysql://root:hemmelig@db/arkivlos' }, 'DATABASE_URL must be a PostgreSQL URL (postgres://user:password@host:5432/database)'],
  ])('%j is refused with what is expected, in words', (env, problem) => {
    try {
      loadConfig(env);
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([problem]);
    }
  });
});

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
});

// Used by the Prisma CLI only (generate, migrate diff). The app itself applies migrations with
// infra/migrate.ts. Prisma 6.19 with the JS engine needs no downloaded binaries.
import { PrismaPg } from '@prisma/adapter-pg';
import { defineConfig } from 'prisma/config';
import { CatalogSafePool } from './infra/pg-pool.js';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  experimental: { adapter: true },
  engine: 'js',
  async adapter() {
    // `migrate diff` opens this adapter even when it reads no data: point it at any reachable
    // PostgreSQL (the machine's local one by default).
    const connectionString =
      process.env.PRISMA_CLI_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    return new PrismaPg(new CatalogSafePool({ connectionString, max: 2 }));
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // One PostgreSQL server for the run (global-setup); two cores, so two test files at a time.
    pool: 'forks',
    maxWorkers: 2,
    // The files of a worker share its imports (the app, Prisma, teams-ai: about 3 s a file when
    // each imported them anew; 708 s → 491 s for the suite). No test mocks a module or changes
    // what another reads: each opens its own database, app and connector.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

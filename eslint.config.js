import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'prisma/generated/', 'data/', 'build/', 'dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Type-aware rules: an async bot loses errors in a promise nobody awaits (a floating promise)
    // or hands to a callback that ignores it (a misused promise).
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through infra/config.ts (scripts/ and tests may read the environment).',
        },
        {
          selector: "MemberExpression[property.name=/^\\$(query|execute)Raw(Unsafe)?$/]",
          message: 'Write raw SQL with sql(db).rows / sql(db).run (domain/db.ts): the same statement on pg, without Prisma\'s CPU per statement.',
        },
      ],
    },
  },
  {
    // The domain never depends on Teams or HTTP libraries: it runs from tests, CLIs and schedulers too.
    files: ['domain/**/*.ts', 'cards/**/*.ts', 'i18n/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['botbuilder*', 'botframework-*', '@microsoft/teams-ai', 'restify'], message: 'Teams and HTTP types stay in bot/.' },
            { group: ['**/bot/*', '**/bot'], message: 'domain/ does not depend on bot/.' },
            { group: ['**/infra/config', '**/infra/config.js'], message: 'Pass settings in as parameters; only the composition root reads the configuration.' },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // A card is a function of data and locale: no database, no configuration.
    files: ['cards/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['botbuilder*', '@microsoft/teams-ai', 'restify', '../bot/*', '../infra/*', '../prisma/*', '@prisma/*', 'pg'] },
      ],
    },
  },
  {
    files: ['scripts/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'prisma.config.ts', 'infra/config.ts', 'main.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);

import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'prisma/generated/', 'data/', 'build/', 'dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through infra/config.ts (scripts/ and tests may read the environment).',
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
        { patterns: ['botbuilder*', '@microsoft/teams-ai', 'restify', '*/bot/*', '../bot/*', '../../bot/*'] },
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

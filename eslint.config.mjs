// Flat config: typescript-eslint's recommended rules plus prettier's opt-out of formatting rules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      '.data/**',
      'node_modules/**',
      'coverage/**',
      'docker/**',
      'artifacts/**',
      'apps/web/dist/**',
      'apps/web/dev-dist/**',
      'apps/web/src/api/generated/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { parserOptions: { ecmaVersion: 2023, sourceType: 'module' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration through AppConfig (libs/core/src/config).',
        },
      ],
    },
  },
  {
    // Periodic work is a schedule (@Schedule, run once per tick across the worker replicas), never a timer that
    // every replica keeps. Tests, scripts and benchmarks are outside these globs; apps/web runs in browsers.
    files: ['libs/**/*.ts', 'apps/api/**/*.ts', 'apps/worker/**/*.ts'],
    ignores: ['libs/messaging/src/schedules/**', '**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "Identifier[name='setInterval']",
          message:
            'No setInterval here: declare periodic work with @Schedule (libs/messaging/src/schedules), which runs once per tick across the worker replicas.',
        },
        {
          // TypeORM answers UPDATE/DELETE … RETURNING with [rows, count], not the rows: `rows.length` is always 2.
          selector:
            "CallExpression[callee.property.name='query'][arguments.0.type='TemplateLiteral'][arguments.0.quasis.0.value.raw=/^\\s*(UPDATE|DELETE)\\s/i]:has(TemplateElement[value.raw=/RETURNING/i])",
          message:
            'UPDATE/DELETE … RETURNING through query() answers [rows, count]: call updateReturning (@lc/database) for the rows.',
        },
      ],
    },
  },
  {
    // A library is used through its index (libs/<name>/src/index.ts, imported as @lc/<name>), which lists what it
    // offers; its other files are its own. Scripts, benchmarks and tests (scripts/**, test/**) may reach inside.
    files: ['libs/**/*.ts', 'apps/api/**/*.ts', 'apps/worker/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^@lc/[^/]+/',
              message:
                "Import another library through its index, '@lc/<name>' (export the name from libs/<name>/src/index.ts), not through its internal files.",
            },
            {
              // A relative path that climbs into another library's (or app's) src/, or names libs/<name>/src.
              regex: '^(\\.\\./)+[^/]+/src(/|$)|(^|/)libs/[^/]+/src(/|$)',
              message:
                "Import another library as '@lc/<name>' (export the name from libs/<name>/src/index.ts), not by a relative path into its files.",
            },
          ],
        },
      ],
    },
  },
  {
    // The config loader, scripts and the test harness are where the environment is read.
    files: ['libs/core/src/config/**', 'scripts/**', 'test/**', '**/*.spec.ts', 'jest.config.js'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // The web app runs in browsers: their globals, and Vite's import.meta.env instead of process.env.
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        navigator: 'readonly',
        localStorage: 'readonly',
        fetch: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
  },
  {
    files: ['apps/web/vite.config.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
